"""Target roles and their levelled, weighted requirements."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from coursestack.api.errors import error_responses
from coursestack.services import catalog

router = APIRouter(prefix="/roles", tags=["roles"])


@router.get("")
def list_roles() -> list[dict[str, Any]]:
    """Every role with its requirements (skill, level 0-4, weight 3 core / 2 / 1 useful)."""
    return [r.model_dump(mode="json") for r in catalog.list_roles()]


@router.get("/{role}", responses=error_responses(404, 422))
def show_role(role: Annotated[str, Path(min_length=1, max_length=200)]) -> dict[str, Any]:
    """One role by id."""
    return catalog.get_role(role).model_dump(mode="json")
