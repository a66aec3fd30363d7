"""Courses: list, search, show; catalog edits (put, delete) with a token."""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BeforeValidator

from coursestack.api.deps import CATALOG_MAX_AGE, DatabaseDep, SessionDep, TokenDep
from coursestack.api.errors import error_responses
from coursestack.api.routes import _paths  # noqa: F401 (registers {course:course})
from coursestack.api.routes._json import json_response
from coursestack.api.schemas import CourseOut, CoursePageOut, CourseSummaryOut, CourseWriteOut
from coursestack.domain import Course
from coursestack.engine.context import AdvisorContext
from coursestack.services import catalog
from coursestack.store.db import Database

router = APIRouter(prefix="/courses", tags=["courses"])
CORRECTED_HEADER = "X-Corrected-Query"
search_router = APIRouter(tags=["courses"])  # /search, apart: /courses/search would be a course


def _skill_maps_are_objects(value: Any) -> Any:
    # The domain's skill-id check assumes a mapping and raises TypeError on anything else,
    # which would be a 500; reject such bodies as invalid input first.
    if isinstance(value, dict):
        for key in ("teaches", "assumes"):
            skills = value.get(key)
            if skills is not None and not (
                isinstance(skills, dict) and all(isinstance(k, str) for k in skills)
            ):
                raise ValueError(f"{key} must be an object of skill id -> level")
    return value


CourseBody = Annotated[Course, BeforeValidator(_skill_maps_are_objects)]

CourseRef = Annotated[
    str, Path(min_length=1, max_length=300, description="course id, address or title")
]


async def read_context(db: Database) -> AdvisorContext:
    """The in-memory catalog without touching the event loop: from the cache when recently
    validated, else (re)loaded on a worker thread."""
    ctx = catalog.cached_context(db, CATALOG_MAX_AGE)
    if ctx is None:
        ctx = await run_in_threadpool(catalog.advisor_context, db, CATALOG_MAX_AGE)
    return ctx


Platform = Annotated[
    str | None, Query(max_length=100, description="only this platform slug, e.g. coursera")
]


@router.get("", response_model=CoursePageOut, responses=error_responses(404, 422))
async def list_courses(
    db: DatabaseDep,
    platform: Platform = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    """Courses by platform then title, a page at a time."""
    ctx = await read_context(db)
    found, total = catalog.page_in_context(db, ctx, platform=platform, limit=limit, offset=offset)
    return json_response(
        {
            "courses": [catalog.course_summary(c) for c in found],
            "total": total,
            "limit": limit,
            "offset": offset,
        }
    )


@search_router.get(
    "/search", response_model=list[CourseSummaryOut], responses=error_responses(404, 422)
)
def search_courses(
    db: DatabaseDep,
    q: Annotated[str, Query(min_length=1, max_length=300, description="words or a skill")],
    platform: Platform = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
) -> Response:
    """Full-text search over titles, providers, platforms and skills taught. Order (case,
    accents and punctuation ignored): the title equal to the query, titles starting with
    its words, titles holding all its words (shorter titles first in each), then the other
    matches by full-text rank, then a named skill's teachers. A query finding nothing is
    tried again with its misspelt words corrected ('machne learning'); the header
    X-Corrected-Query then holds the query searched (percent-encoded)."""
    # hot read: one thread-pool hop (see deps.py); hits come from the in-memory catalog
    found, fixed = catalog.search_in_context_or_fix(db, q, limit=limit, platform=platform,
                                                    max_age=CATALOG_MAX_AGE)  # fmt: skip
    response = json_response([catalog.course_summary(c) for c in found])
    if fixed is not None:  # the list is for the corrected query; the body's shape unchanged
        response.headers[CORRECTED_HEADER] = quote(fixed)
    return response


@router.get("/{course:course}", response_model=CourseOut, responses=error_responses(404, 409, 422))
async def show_course(db: DatabaseDep, course: CourseRef) -> Response:
    """Everything the catalog knows about one course, with the source of each figure."""
    ctx = await read_context(db)
    found = catalog.resolve_in_context(db, ctx, course, near=True)  # as the CLI reads it
    body = found.model_dump_json()
    return Response(
        '{"course_id":' + json.dumps(found.id) + "," + body[1:], media_type="application/json"
    )


@router.put(
    "/{course}",
    response_model=CourseWriteOut,
    responses=error_responses(401, 422),
)
def put_course(
    session: SessionDep,
    _token: TokenDep,
    course: Annotated[str, Path(min_length=1, max_length=200, description="course id")],
    body: CourseBody,
) -> dict[str, str]:
    """Create or replace a course (needs a token). The body's `id` must equal the path's."""
    result = catalog.put_course(session, course, body)
    return {"course_id": body.id, "result": result}


@router.delete(
    "/{course}",
    status_code=204,
    response_class=Response,
    responses=error_responses(401, 404, 422),
)
def delete_course(
    session: SessionDep,
    _token: TokenDep,
    course: Annotated[str, Path(min_length=1, max_length=200, description="course id")],
) -> Response:
    """Remove a course (needs a token); its reviews go with it."""
    catalog.delete_course(session, course)
    return Response(status_code=204)
