"""The skill taxonomy."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from coursestack.api.errors import error_responses
from coursestack.services import catalog

router = APIRouter(prefix="/skills", tags=["skills"])


@router.get("", responses=error_responses(404, 422))
def list_skills(
    category: Annotated[str | None, Query(max_length=100)] = None,
) -> list[dict[str, Any]]:
    """Skill ids, names, categories, aliases and prerequisites."""
    return [s.model_dump(mode="json") for s in catalog.list_skills(category)]


@router.get("/{skill}", responses=error_responses(404, 422))
def show_skill(
    skill: Annotated[str, Path(min_length=1, max_length=200, description="skill id or alias")],
) -> dict[str, Any]:
    """One skill, by id or alias."""
    tax = catalog.taxonomy()
    return tax.skills[tax.resolve(skill)].model_dump(mode="json")
