from __future__ import annotations

import pytest

from coursestack.domain import AmbiguousError, Course, NotFoundError
from coursestack.services import catalog
from coursestack.store.db import Database


def test_cached_context_is_revalidated_after_a_local_write(sqlite_db: Database) -> None:
    ctx = catalog.advisor_context(sqlite_db, max_age=60)
    assert catalog.cached_context(sqlite_db, 60) is ctx
    assert catalog.cached_context(sqlite_db, 0) is None  # too old for a zero max age
    with sqlite_db.session() as s:
        catalog.put_course(s, "new-course", Course(id="new-course", title="New", platform="udemy"))
    assert catalog.cached_context(sqlite_db, 60) is None  # this process wrote since
    fresh = catalog.advisor_context(sqlite_db, max_age=60)
    assert "new-course" in fresh.courses and fresh is not ctx


def test_resolve_and_page_in_memory_match_the_database(sqlite_db: Database) -> None:
    ctx = catalog.advisor_context(sqlite_db)
    with sqlite_db.session() as s:
        by_db = catalog.resolve_course(s, "machine learning specialization")
        listed = catalog.list_courses(s, platform="kaggle-learn", limit=5, offset=2)
        total = catalog.count_courses(s, platform="kaggle-learn")
    assert catalog.resolve_in_context(sqlite_db, ctx, "Machine Learning Specialization") == by_db
    page, count = catalog.page_in_context(
        sqlite_db, ctx, platform="kaggle-learn", limit=5, offset=2
    )
    assert [c.id for c in page] == [c.id for c in listed] and count == total
    # a title but for a spelling, or the head of exactly one title, names that course (both
    # paths); anything further off is an error naming the closest
    misspelt = "Machine Lerning Specialisation"
    near = catalog.resolve_in_context(sqlite_db, ctx, misspelt, near=True)
    assert near.id == "coursera-ml-specialization"
    with sqlite_db.session() as s:
        assert catalog.resolve_course(s, misspelt, near=True).id == near.id
        with pytest.raises(NotFoundError):  # writes (reviews) never guess
            catalog.resolve_course(s, misspelt)
    with pytest.raises(NotFoundError) as err:
        catalog.resolve_in_context(
            sqlite_db, ctx, "Machine Learning Specialisations Bundle", near=True
        )
    assert "coursera-ml-specialization" in str(err.value)
    with sqlite_db.session() as s:
        for cid in ("twin-a", "twin-b"):
            catalog.put_course(s, cid, Course(id=cid, title="Twin Title", platform="udemy"))
    with pytest.raises(AmbiguousError):
        catalog.resolve_in_context(sqlite_db, catalog.advisor_context(sqlite_db), "twin title")
