"""Review repository: one current review per reviewer and course; edits keep history."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coursestack.domain import Review
from coursestack.store.meta import MetaRepository
from coursestack.store.tables import ReviewHistoryRow, ReviewRow

AddResult = Literal["added", "replaced", "unchanged"]


def _to_review(row: ReviewRow | ReviewHistoryRow) -> Review:
    return Review(
        course_id=row.course_id,
        reviewer=row.reviewer,
        reviewer_role=row.reviewer_role,
        years=row.years,
        score=row.score,
        dimensions=json.loads(row.dimensions or "{}"),
        text=row.text,
        date=row.review_date,
    )


def _same(row: ReviewRow, review: Review) -> bool:
    return _to_review(row) == review


class ReviewRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, review: Review, written_by: str | None = None) -> AddResult:
        """Store `review` as the reviewer's current one; an earlier one moves to history.
        `written_by`: the API token's name that writes it (None for the CLI and imports)."""
        now = datetime.now(UTC).replace(tzinfo=None)
        row = self.session.scalars(
            select(ReviewRow)
            .where(ReviewRow.course_id == review.course_id, ReviewRow.reviewer == review.reviewer)
            .with_for_update()
        ).first()
        values = {
            "reviewer_role": review.reviewer_role,
            "years": review.years,
            "score": review.score,
            "dimensions": json.dumps(review.dimensions, sort_keys=True),
            "text": review.text,
            "review_date": review.date,
        }
        if row is None:
            self.session.add(
                ReviewRow(
                    course_id=review.course_id,
                    reviewer=review.reviewer,
                    created_at=now,
                    version=1,
                    written_by=written_by,
                    **values,
                )
            )
            self.session.flush()
            MetaRepository(self.session).bump("reviews_version")
            return "added"
        if _same(row, review):
            return "unchanged"
        self.session.add(
            ReviewHistoryRow(
                course_id=row.course_id,
                reviewer=row.reviewer,
                reviewer_role=row.reviewer_role,
                years=row.years,
                score=row.score,
                dimensions=row.dimensions,
                text=row.text,
                review_date=row.review_date,
                created_at=row.created_at,
                version=row.version,
                replaced_at=now,
                written_by=row.written_by,
            )
        )
        for key, value in values.items():
            setattr(row, key, value)
        row.version += 1
        row.created_at = now
        row.written_by = written_by
        self.session.flush()
        MetaRepository(self.session).bump("reviews_version")
        return "replaced"

    def for_course(self, course_id: str) -> list[Review]:
        rows = self.session.scalars(
            select(ReviewRow).where(ReviewRow.course_id == course_id).order_by(ReviewRow.id)
        )
        return [_to_review(r) for r in rows]

    def all_current(self) -> list[Review]:
        rows = self.session.scalars(select(ReviewRow).order_by(ReviewRow.id))
        return [_to_review(r) for r in rows]

    def history(self, course_id: str, reviewer: str | None = None) -> list[Review]:
        stmt = select(ReviewHistoryRow).where(ReviewHistoryRow.course_id == course_id)
        if reviewer is not None:
            stmt = stmt.where(ReviewHistoryRow.reviewer == reviewer)
        return [_to_review(r) for r in self.session.scalars(stmt.order_by(ReviewHistoryRow.id))]

    def count_by_writer_since(self, token: str, since: datetime) -> int:
        """Review versions an API token wrote since a time, under any reviewer name (as
        `count_by_reviewer_since` counts a reviewer's)."""
        current = select(func.count()).where(
            ReviewRow.written_by == token, ReviewRow.created_at >= since
        )
        replaced = select(func.count()).where(
            ReviewHistoryRow.written_by == token, ReviewHistoryRow.created_at >= since
        )
        return int(self.session.scalar(current) or 0) + int(self.session.scalar(replaced) or 0)

    def count_by_reviewer_since(self, reviewer: str, since: datetime) -> int:
        """Reviews a reviewer wrote since a time, new or replacing (per-reviewer write
        limits): each version, current or in history, keeps when it was written, so the
        versions written since then are the writes (a reviewer replacing one review 35
        times in a minute counted once)."""
        current = select(func.count()).where(
            ReviewRow.reviewer == reviewer, ReviewRow.created_at >= since
        )
        replaced = select(func.count()).where(
            ReviewHistoryRow.reviewer == reviewer, ReviewHistoryRow.created_at >= since
        )
        return int(self.session.scalar(current) or 0) + int(self.session.scalar(replaced) or 0)
