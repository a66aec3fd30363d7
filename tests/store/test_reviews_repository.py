from __future__ import annotations

from datetime import date

from coursestack.domain import Course, Review
from coursestack.store.courses import CourseRepository
from coursestack.store.db import Database
from coursestack.store.reviews import ReviewRepository
from coursestack.store.tokens import TokenRepository


def test_one_current_review_per_reviewer_with_history(empty_db: Database) -> None:
    with empty_db.session() as s:
        CourseRepository(s).upsert(Course(id="c1", title="C1", platform="udemy"))
    first = Review(course_id="c1", reviewer="ana", score=6, date=date(2026, 1, 1))
    second = first.model_copy(update={"score": 8.5, "text": "better on a second look"})
    with empty_db.session() as s:
        repo = ReviewRepository(s)
        assert repo.add(first) == "added"
        assert repo.add(first) == "unchanged"
        assert repo.add(second) == "replaced"
    with empty_db.session() as s:
        repo = ReviewRepository(s)
        assert repo.for_course("c1") == [second]
        assert repo.history("c1", "ana") == [first]


def test_tokens_are_stored_hashed(empty_db: Database) -> None:
    with empty_db.session() as s:
        token = TokenRepository(s).create("ci")
    with empty_db.session() as s:
        repo = TokenRepository(s)
        assert repo.verify(token) == "ci"
        assert repo.verify(token + "x") is None
        assert repo.revoke("ci") == 1
        assert repo.verify(token) is None
