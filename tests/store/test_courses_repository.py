from __future__ import annotations

import pytest

from coursestack.domain import AmbiguousError, Course, Level
from coursestack.services.catalog import resolve_course, search_course_ids
from coursestack.store.courses import CourseRepository
from coursestack.store.db import Database


def _course(cid: str = "x-ml", **kw: object) -> Course:
    base: dict[str, object] = {
        "id": cid,
        "title": "Machine Learning Basics",
        "platform": "coursera",
        "provider": "Stanford",
        "url": "https://www.coursera.org/learn/ml-basics/",
        "teaches": {"ml.supervised": 2},
    }
    base.update(kw)
    return Course.model_validate(base)


def test_upsert_is_idempotent_and_round_trips(empty_db: Database) -> None:
    course = _course(assumes={"prog.python": 1})
    with empty_db.session() as s:
        assert CourseRepository(s).upsert(course) == "inserted"
    with empty_db.session() as s:
        repo = CourseRepository(s)
        assert repo.upsert(course) == "unchanged"
        assert repo.get("x-ml") == course
        assert repo.upsert(_course(title="Machine Learning Basics II")) == "updated"
        assert repo.count() == 1
        assert repo.with_skill("prog.python", "assumes") == []  # replaced skills


def test_failed_unit_of_work_writes_nothing(empty_db: Database) -> None:
    with pytest.raises(RuntimeError), empty_db.session() as s:
        CourseRepository(s).upsert(_course())
        raise RuntimeError("boom")
    with empty_db.session() as s:
        assert CourseRepository(s).count() == 0


def test_search_finds_title_words_prefix_and_skills(empty_db: Database) -> None:
    with empty_db.session() as s:
        repo = CourseRepository(s)
        repo.upsert(_course())
        repo.upsert(
            _course(
                "y-sql",
                title="Databases for Analysts",
                url=None,
                provider="Acme",
                teaches={"prog.sql": Level.PRACTISED},
            )
        )
    with empty_db.session() as s:
        repo = CourseRepository(s)
        assert [c.id for c in repo.search("machine learn")] == ["x-ml"]
        assert [c.id for c in repo.search("SQL")] == ["y-sql"]  # via the skill's name
        assert [c.id for c in repo.search("stanford")] == ["x-ml"]
        assert repo.search("no-such-word-anywhere") == []
        assert repo.search("   ") == []
        assert [c.id for c in repo.search("machine", platform="edx")] == []


def test_search_hits_carry_the_language_and_filler_words_are_dropped(empty_db: Database) -> None:
    with empty_db.session() as s:
        repo = CourseRepository(s)
        repo.upsert(_course(language="en"))
        repo.upsert(_course("z-fr", title="Machine Learning", language="fr", url=None))
        repo.upsert(_course("w-sql", title="SQL Foundations", url=None, teaches={}))
    with empty_db.session() as s:
        hits = CourseRepository(s).search_hits("machine learning")
        assert sorted(hits) == [
            ("x-ml", "Machine Learning Basics", "en"),
            ("z-fr", "Machine Learning", "fr"),
        ]
        # the English query puts the French course, titled exactly so, after the English one
        assert search_course_ids(s, "machine learning") == ["x-ml", "z-fr"]
        # every word must match in the full-text search; the service then drops filler words
        assert CourseRepository(s).search_hits("sql for beginners") == []
        assert search_course_ids(s, "sql for beginners") == ["w-sql"]


def test_a_title_naming_a_translated_copy_exactly_is_ambiguous(empty_db: Database) -> None:
    with empty_db.session() as s:
        repo = CourseRepository(s)
        repo.upsert(_course("gda-fr", title="Google Data Analytics", language="fr", url=None))
        repo.upsert(_course("gda", title="Google Data Analytics Professional Certificate"))
    with empty_db.session() as s:
        with pytest.raises(AmbiguousError, match=r"gda-fr .*in fr.*gda "):
            resolve_course(s, "Google Data Analytics")
        assert resolve_course(s, "gda-fr").id == "gda-fr"


def test_canonical_url_lookup(empty_db: Database) -> None:
    with empty_db.session() as s:
        CourseRepository(s).upsert(_course())
    with empty_db.session() as s:
        found = CourseRepository(s).by_canonical_url("http://coursera.org/learn/ML-basics?x=1")
        assert found is not None and found.id == "x-ml"


def test_seed_loads_curated_catalog_once(empty_db: Database) -> None:
    assert empty_db.ensure_ready() is True
    assert empty_db.ensure_ready() is False
    with empty_db.session() as s:
        assert CourseRepository(s).count() >= 1


def test_upsert_many_matches_one_by_one(empty_db: Database) -> None:
    first = [_course(f"c{i}", title=f"Course {i}", url=None) for i in range(3)]
    with empty_db.session() as s:
        assert CourseRepository(s).upsert_many(first) == {
            "inserted": 3,
            "updated": 0,
            "unchanged": 0,
        }
    second = [
        first[0],
        _course("c1", title="Course one, revised", url=None, teaches={"prog.sql": 2}),
        _course("c9", title="Brand new", url=None),
    ]
    with empty_db.session() as s:
        assert CourseRepository(s).upsert_many(second) == {
            "inserted": 1,
            "updated": 1,
            "unchanged": 1,
        }
    with empty_db.session() as s:
        repo = CourseRepository(s)
        assert repo.count() == 4
        assert repo.get("c1") == second[1]
        assert repo.with_skill("prog.sql") == ["c1"]
        assert "c1" not in repo.with_skill("ml.supervised")  # old skill rows replaced
        assert [c.id for c in repo.search("revised")] == ["c1"]
        assert repo.search("Course 1") == [] or all(
            c.id != "c1" or "revised" in c.title for c in repo.search("Course 1")
        )


def test_teachers_highest_level_first_and_by_platform(empty_db: Database) -> None:
    with empty_db.session() as s:
        repo = CourseRepository(s)
        repo.upsert(_course("a", url="https://a.org/1", teaches={"prog.sql": 1}))
        repo.upsert(_course("b", url="https://a.org/2", teaches={"prog.sql": 3}))
        repo.upsert(_course("c", url="https://a.org/3", platform="udemy", teaches={"prog.sql": 2}))
    with empty_db.session() as s:
        repo = CourseRepository(s)
        assert repo.teachers("prog.sql") == ["b", "c", "a"]
        assert repo.teachers("prog.sql", "coursera") == ["b", "a"]
        assert repo.teachers("prog.sql", limit=2) == ["b", "c"]
        found = repo.search("machine learning")
        assert found and repo.search_ids("machine learning") == [c.id for c in found]
