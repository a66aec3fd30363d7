"""Search order on small hand-built catalogs, on every backend: the title equal to the query,
then titles starting with it, then titles holding all its words (shorter first in each),
then the rest in full-text order."""

from __future__ import annotations

import pytest

from coursestack.domain import Course, NotFoundError
from coursestack.services import catalog
from coursestack.store.courses import CourseRepository
from coursestack.store.db import Database

# Skills whose names the full-text index sees: an exact title buried in a long index text
# ranked low on BM25 / ts_rank alone.
MANY = {
    "ml.fundamentals": 2,
    "ml.supervised": 2,
    "ml.unsupervised": 2,
    "ml.reinforcement-learning": 1,
    "ml.learning-theory": 1,
    "dl.transfer-learning": 1,
}


def _course(cid: str, title: str, **kw: object) -> Course:
    base: dict[str, object] = {
        "id": cid,
        "title": title,
        "platform": "coursera",
        "provider": "Acme",
        "url": f"https://www.coursera.org/learn/{cid}/",
    }
    base.update(kw)
    return Course.model_validate(base)


def _fill(db: Database, courses: list[Course]) -> None:
    with db.session() as s:
        CourseRepository(s).upsert_many(courses)


def _search(db: Database, query: str, limit: int = 20, platform: str | None = None) -> list[str]:
    with db.session() as s:
        return catalog.search_course_ids(s, query, limit=limit, platform=platform)


def _ml_catalog() -> list[Course]:
    words = {"provider": "Machine Learning Specialization Lab"}  # every word, for the rest
    return [
        _course("rl", "Reinforcement Learning Specialization", **words),
        _course("big-data", "Big Data Specialization", **words),
        _course("math-ml", "Mathematics for Machine Learning Specialization"),
        _course("ml-prod", "Machine Learning Specialization: Production"),
        _course("ml-spec", "Machine Learning Specialization", teaches=MANY),
        _course("ml-spec-adv", "Machine learning specialization — advanced topics"),
    ]


def test_exact_title_then_prefix_then_all_words_then_the_rest(empty_db: Database) -> None:
    _fill(empty_db, _ml_catalog())
    found = _search(empty_db, "machine learning specialization")
    assert found[:4] == ["ml-spec", "ml-prod", "ml-spec-adv", "math-ml"]
    assert set(found[4:]) == {"rl", "big-data"}  # full-text order among these


def test_exact_title_is_found_beyond_the_page_of_full_text_hits(empty_db: Database) -> None:
    _fill(empty_db, _ml_catalog())
    assert _search(empty_db, "Machine Learning Specialization", limit=1) == ["ml-spec"]
    assert _search(empty_db, "MACHINE-learning, specialization!", limit=2) == [
        "ml-spec",
        "ml-prod",
    ]


def test_shorter_title_first_among_titles_starting_with_the_query(empty_db: Database) -> None:
    rows = [
        _course("pt", "Google Data Analytics Capstone: Complete a Case Study, Portuguese"),
        _course("cap", "Google Data Analytics Capstone: Complete a Case Study"),
        _course("pc", "Google Data Analytics Professional Certificate", teaches=MANY),
        _course("cloud", "Google Cloud Data Analytics"),
    ]
    _fill(empty_db, rows)
    assert _search(empty_db, "google data analytics") == ["pc", "cap", "pt", "cloud"]


def test_equal_titles_in_a_tier_by_id_and_platform_filter_kept(empty_db: Database) -> None:
    rows = [
        _course("b-edx", "Data Analysis", platform="edx"),
        _course("a-edx", "Data Analysis", platform="edx"),
        _course("c-cou", "Data Analysis"),
        _course("d-edx", "Data Analysis with Python", platform="edx"),
    ]
    _fill(empty_db, rows)
    assert _search(empty_db, "data analysis", platform="edx") == ["a-edx", "b-edx", "d-edx"]


def test_skill_teachers_still_follow_the_text_hits(empty_db: Database) -> None:
    rows = [
        _course("sql-1", "Databases for Analysts", teaches={"prog.sql": 2}),
        _course("sql-2", "SQL", provider="Other"),
    ]
    _fill(empty_db, rows)
    found = _search(empty_db, "SQL")
    assert found[0] == "sql-2"  # the title is the query
    assert set(found) == {"sql-1", "sql-2"}


def test_no_suggestion_below_the_floor() -> None:
    from coursestack.services.catalog import closest_titles

    titles = {"fx": "Forex: Learn to Trade Forex and FX", "ml": "Machine Learning Specialization"}
    assert closest_titles(titles, "nonexistent-xyz") == []
    assert closest_titles(titles, "Machin Learning Specialisation")[0].startswith("ml ")


def test_an_unknown_platform_filter_is_an_error_with_suggestions(sqlite_db: Database) -> None:
    from coursestack.domain.errors import NotFoundError
    from coursestack.services.catalog import list_courses, search_course_ids

    with sqlite_db.session() as s:
        with pytest.raises(NotFoundError, match="closest matches: coursera"):
            search_course_ids(s, "python", platform="courserra")
        with pytest.raises(NotFoundError, match="platform"):
            list_courses(s, platform="nope")
        assert list_courses(s, platform="coursera")


def test_an_unknown_skill_category_is_an_error_with_suggestions() -> None:
    from coursestack.domain.errors import NotFoundError
    from coursestack.services.catalog import list_skills

    with pytest.raises(NotFoundError, match="closest matches: mlops"):
        list_skills("mlop")
    assert list_skills("mlops") and len(list_skills()) > len(list_skills("mlops"))


def test_a_course_named_by_its_address_or_a_titles_head_words(empty_db: Database) -> None:
    _fill(
        empty_db,
        [
            _course("tab", "Tableau A-Z: Hands-On Tableau Training for Data Science"),
            _course("cs229", "CS229 Machine Learning (Autumn 2018 lectures)"),
            _course("xcs229", "XCS229 Machine Learning"),
            _course("py1", "Python Basics"),
            _course("py2", "Python Data Structures"),
        ],
    )
    with empty_db.session() as s:
        near = {"near": True}
        # the head of a title, as whole words, punctuation aside
        assert catalog.resolve_course(s, "Tableau A-Z", **near).id == "tab"
        # a title's head beats a title a letter away
        assert catalog.resolve_course(s, "CS229 Machine Learning", **near).id == "cs229"
        # one word starts too many titles (or names a subject)
        with pytest.raises(NotFoundError):
            catalog.resolve_course(s, "Python", **near)
        # by its address, however written; an address no course has is not guessed at
        url = "https://www.coursera.org/learn/xcs229/?utm_source=x"
        assert catalog.resolve_course(s, url).id == "xcs229"
        assert catalog.resolve_course(s, "coursera.org/learn/tab").id == "tab"
        with pytest.raises(NotFoundError):
            catalog.resolve_course(s, "https://www.coursera.org/learn/nothing-here")


def test_suggestions_ignore_case_put_title_heads_first_and_need_a_shared_word() -> None:
    from coursestack.services.catalog import NAME_MAX, closest_titles

    titles = {
        "piano": "Piano Unbound. Piano learning method, a course for beginners",
        "mls": "Machine Learning Specialization",
        "mfml": "Mathematics for Machine Learning Specialization",
        "crash": "Crash Course on Python",
    }
    found = [s.split()[0] for s in closest_titles(titles, "machine learning spec")]
    assert found == ["mfml", "mls"]  # both start words with the query; never the piano course
    assert closest_titles(titles, "no such course") == []  # 'course' alone shares nothing
    assert closest_titles(titles, "z" * 10_000) == []  # only the head is compared
    long = "machine learning specialization " + "x" * 10_000  # its head still finds it
    found = [s.split()[0] for s in closest_titles(titles, long)]
    assert len(long) > NAME_MAX and found and set(found) <= {"mls", "mfml"}
