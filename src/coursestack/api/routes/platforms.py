"""Platforms side by side, from the catalog's own data."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from coursestack.api.deps import ReadSessionDep
from coursestack.api.routes._json import json_response
from coursestack.services import reviews

router = APIRouter(prefix="/platforms", tags=["platforms"])


@router.get("")
def compare_platforms(session: ReadSessionDep) -> Response:
    """Every platform: course counts, effort, prices by model and currency, certificates,
    pedagogy, hands-on share, external and practitioner ratings (each figure with its n)."""
    return json_response([p.as_dict() for p in reviews.compare_platforms(session)])
