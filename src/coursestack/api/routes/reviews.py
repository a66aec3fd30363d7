"""Practitioner reviews: read freely; write with an API token, within a per-reviewer limit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from sqlalchemy.exc import IntegrityError, OperationalError

from coursestack.api.config import ServiceOptions
from coursestack.api.deps import DatabaseDep, OptionsDep, ReadSessionDep, SessionDep, TokenDep
from coursestack.api.errors import RateLimitedError, error_responses
from coursestack.api.routes._json import json_response
from coursestack.api.schemas import ReviewAddedOut, ReviewIn
from coursestack.services import reviews
from coursestack.store.db import Database
from coursestack.store.reviews import ReviewRepository

router = APIRouter(tags=["reviews"])

CourseRef = Annotated[
    str, Path(min_length=1, max_length=300, description="course id, address or title")
]
WRITE_ATTEMPTS = 3  # concurrent first writes can collide on a unique key; the retry wins


@router.get("/courses/{course:path}/reviews", responses=error_responses(404, 409, 422))
def course_reviews(session: ReadSessionDep, course: CourseRef) -> Response:
    """A course's current reviews (newest first), its practitioner estimate with credible
    interval, and the flags raised on suspicious reviews."""
    return json_response(reviews.list_reviews(session, course).as_dict())


def check_reviewer_limit(
    db: Database, reviewer: str, options: ServiceOptions, token: str | None = None
) -> None:
    """The hourly write limit, per reviewer name and per API token: counted on the name alone,
    one token wrote 30 reviews as 'spam', then as many again as 'spam1', 'spam2', ..."""
    since = datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=1)
    with db.session() as session:
        repo = ReviewRepository(session)
        written = repo.count_by_reviewer_since(reviewer.strip(), since)
        by_token = repo.count_by_writer_since(token, since) if token is not None else 0
    if written >= options.reviews_per_hour:
        raise RateLimitedError(
            f"reviewer {reviewer.strip()!r} wrote {written} reviews in the last hour "
            f"(limit {options.reviews_per_hour}); try again later",
            retry_after=3600,
        )
    if by_token >= options.reviews_per_hour:
        raise RateLimitedError(
            f"this API token wrote {by_token} reviews in the last hour, under any reviewer "
            f"name (limit {options.reviews_per_hour}); try again later",
            retry_after=3600,
        )


def write_review(
    db: Database, course: str, body: ReviewIn, written_by: str | None = None
) -> dict[str, Any]:
    """Store the review in its own transaction, retrying a write that lost a race."""
    for attempt in range(WRITE_ATTEMPTS):
        try:
            with db.session() as session:
                added = reviews.add_review(
                    session,
                    course,
                    reviewer=body.reviewer,
                    score=body.score,
                    role=body.role,
                    years=body.years,
                    text=body.text,
                    dimensions={str(k): v for k, v in body.dimensions.items()},
                    review_date=body.date,
                    written_by=written_by,
                )
                return added.as_dict()
        except (IntegrityError, OperationalError):
            if attempt == WRITE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


@router.post(
    "/courses/{course}/reviews",
    status_code=201,
    response_model=ReviewAddedOut,
    responses=error_responses(401, 404, 409, 422, 429),
)
def add_review(
    db: DatabaseDep, token: TokenDep, options: OptionsDep, course: CourseRef, body: ReviewIn
) -> dict[str, Any]:
    """Add the reviewer's review of a course, or replace their earlier one (kept in history).
    Needs `Authorization: Bearer <token>`."""
    check_reviewer_limit(db, body.reviewer, options, token)
    return write_review(db, course, body, token)


@router.get("/reviews/ranking", responses=error_responses(404, 422))
def ranking(
    session: SessionDep,
    skill: Annotated[str | None, Query(max_length=200)] = None,
    role: Annotated[str | None, Query(max_length=200)] = None,
    category: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    """Reviewed courses by practitioner estimate, with which leads are clear margins;
    optionally only courses teaching a skill, serving a role or in a category."""
    report = reviews.rank_courses(session, skill=skill, role=role, category=category)
    return json_response(report.as_dict())
