"""Course guides: a review-site article written from the data, as JSON, Markdown or HTML."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from coursestack.api.deps import DatabaseDep, PlanRunnerDep
from coursestack.api.errors import error_responses, names_in_body
from coursestack.api.routes._json import json_response
from coursestack.services import catalog, guides

router = APIRouter(tags=["guides"])

# The HTML form is a standalone page with its own inline stylesheet and no scripts.
STANDALONE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'"


@router.get(
    "/courses/{course:path}/guide",
    responses={
        **error_responses(404, 409, 422, 503),
        200: {
            "description": "The guide",
            "content": {
                "application/json": {},
                "text/markdown": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
            },
        },
    },
)
async def course_guide(
    db: DatabaseDep,
    runner: PlanRunnerDep,
    course: Annotated[str, Path(min_length=1, max_length=300)],
    goal: Annotated[str | None, Query(max_length=200, description="role id")] = None,
    format: Annotated[Literal["json", "md", "html"], Query()] = "json",
) -> Response:
    """What the course covers, who it is for and less suited for, what it does not teach
    relative to a role, what to stack with or after it, platforms, FAQ; every statement with
    the data behind it (JSON form)."""
    if goal:
        with names_in_body():  # an unknown role in the query is bad input (422), as in /plans
            catalog.get_role(goal)
    result: Any = await runner.run(guides.write_guide, db, course, goal=goal, fmt=format)
    if format == "json":
        return json_response(result)
    if format == "md":
        return Response(str(result), media_type="text/markdown; charset=utf-8")
    return Response(
        str(result),
        media_type="text/html; charset=utf-8",
        headers={"Content-Security-Policy": STANDALONE_CSP},
    )
