"""Liveness and readiness: the database answers and holds a catalog."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from coursestack.api.deps import DatabaseDep, ReadSessionDep
from coursestack.api.errors import error_responses
from coursestack.api.schemas import HealthOut
from coursestack.services import catalog

router = APIRouter(tags=["service"])


@router.get("/health", response_model=HealthOut, responses=error_responses(503))
def health(db: DatabaseDep, session: ReadSessionDep) -> dict[str, Any]:
    return {"status": "ok", "database": db.dialect, "courses": catalog.count_courses(session)}
