from __future__ import annotations

import json
from typing import Any

from coursestack import knowledge
from coursestack.domain import Course
from coursestack.store.courses import CourseRepository
from coursestack.store.db import Database


def test_courses_list_json_counts(cli: Any) -> None:
    result = cli("courses", "list", "--json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert len(rows) == len(knowledge.curated_catalog())
    assert {"course_id", "title", "platform", "provider"} <= set(rows[0])


def test_courses_list_platform_filter(cli: Any) -> None:
    rows = json.loads(cli("courses", "list", "--platform", "kaggle-learn", "--json").out)
    assert rows and {r["platform"] for r in rows} == {"kaggle-learn"}


def test_search_json_contract_and_skill_alias(cli: Any) -> None:
    result = cli("courses", "search", "deep learning", "--json")
    assert result.code == 0
    rows = json.loads(result.out)
    assert rows and all("deep" in json.dumps(r).lower() or r for r in rows)
    assert all({"course_id", "title", "platform", "provider"} <= set(r) for r in rows)


def test_course_show_by_id_and_exact_title(cli: Any) -> None:
    course = knowledge.curated_catalog()[0]
    by_id = json.loads(cli("course", "show", course.id, "--json").out)
    by_title = json.loads(cli("course", "show", course.title.upper(), "--json").out)
    assert by_id["course_id"] == by_title["course_id"] == course.id


def test_unknown_course_is_exit_2_with_suggestions(cli: Any) -> None:
    course = knowledge.curated_catalog()[0]
    result = cli("course", "show", course.title[:-3] + "xyz")
    assert result.code == 2
    assert "unknown course" in result.err and course.id in result.err
    assert "Traceback" not in result.err + result.out


def test_bad_option_value_is_a_usage_error(cli: Any) -> None:
    result = cli("courses", "list", "--limit", "many")
    assert result.code == 2
    assert "Traceback" not in result.err + result.out


def test_skills_and_roles_json(cli: Any) -> None:
    skills = json.loads(cli("skills", "--json").out)
    assert len(skills) == len(knowledge.skills())
    roles = json.loads(cli("roles", "--json").out)
    assert {r["id"] for r in roles} == {r.id for r in knowledge.roles()}


def test_init_reports_counts(cli: Any) -> None:
    info = json.loads(cli("init", "--json").out)
    assert info["courses"] == len(knowledge.curated_catalog())
    assert info["skills"] == len(knowledge.skills())


def test_search_help_states_the_order(cli: Any) -> None:
    result = cli("courses", "search", "--help")
    text = " ".join(result.out.split())
    assert result.code == 0
    assert "1. the title equal to the query, 2. titles starting with the query's words," in text
    assert "(shorter titles first in 1-3), 4. the other matches, best full-text match" in text


def test_search_lists_the_exact_title_first(cli: Any, sqlite_db: Database) -> None:
    many = {"ml.fundamentals": 2, "ml.supervised": 2, "ml.unsupervised": 2}
    rows = [
        ("zz-other", "Wrangling Specialization", {"provider": "Quokka Wrangling Lab"}),
        ("zz-long", "Applied Quokka Wrangling", {}),
        ("zz-exact", "Quokka Wrangling", {"teaches": many}),
        ("zz-prefix", "Quokka Wrangling II", {}),
    ]
    with sqlite_db.session() as s:
        CourseRepository(s).upsert_many(
            [
                Course.model_validate(
                    {"id": cid, "title": title, "platform": "udemy", "url": None, **extra}
                )
                for cid, title, extra in rows
            ]
        )
    result = cli("courses", "search", "quokka wrangling")
    text = " ".join(result.out.split())
    assert result.code == 0 and "4 matches for 'quokka wrangling'" in text
    at = [text.index(cid) for cid in ("zz-exact", "zz-prefix", "zz-long", "zz-other")]
    assert at == sorted(at)


def test_course_show_says_enrolment_year_and_the_programs_size(
    cli: Any, sqlite_db: Database
) -> None:
    course = Course.model_validate(
        {
            "id": "zz-program", "title": "Quokka Program", "platform": "edx", "url": None,
            "kind": "professional-certificate", "parts": ["zz-part"], "parts_total": 5,
            "year_updated": 2023, "description": "A long description. " * 20,
            "popularity": {"enrollments": 12345, "source": "edx via edx_courses.csv"},
        }
    )  # fmt: skip
    with sqlite_db.session() as s:
        CourseRepository(s).upsert_many([course])
    text = " ".join(cli("course", "show", "zz-program").out.split())
    assert "enrolled: 12,345 (edx via edx_courses.csv)" in text
    assert "updated 2023" in text and "5 courses, 1 of them in the catalog: zz-part" in text
    assert "A long description." in text and "…" in text  # cut in the text view


def test_the_roles_table_names_skills(cli: Any) -> None:
    out = " ".join(cli("roles").out.split())
    assert "Python programming" in out and "prog.python" not in out


def test_a_database_that_cannot_be_opened_is_one_message(
    cli: Any, monkeypatch: Any, tmp_path: Any
) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_text("not a database")
    cases = {
        f"sqlite:///{garbage}": "file is not a database",
        "mysql://x/y": "unsupported database 'mysql'",
        "postgresql+psycopg2://x/y": "no driver for",
        # a mistyped directory is not silently a new, nearly empty catalog
        f"sqlite:///{tmp_path / 'missing' / 'x.db'}": "no directory",
    }
    for url, words in cases.items():
        monkeypatch.setenv("COURSESTACK_DATABASE_URL", url)
        result = cli("courses", "search", "pandas")
        assert result.code in (1, 2) and words in " ".join(result.err.split()), url
        assert "Traceback" not in result.err + result.out
    assert not (tmp_path / "missing").exists()
    # the default database's directory (the data directory) is still created on first use
    monkeypatch.delenv("COURSESTACK_DATABASE_URL")
    monkeypatch.setenv("COURSESTACK_DATA_DIR", str(tmp_path / "fresh" / "data"))
    assert cli("courses", "list", "--limit", "1").code == 0
    assert (tmp_path / "fresh" / "data" / "coursestack.db").exists()


def test_import_names_a_failed_file_once_and_exits_2(cli: Any, tmp_path: Any) -> None:
    from pathlib import Path

    good = Path(__file__).parents[1] / "ingest" / "fixtures" / "udemy_courses.csv"
    junk = tmp_path / "notes.txt"
    junk.write_text("hello\n")
    result = cli("import", str(good), str(junk))
    err = " ".join(result.err.split())
    assert result.code == 2 and "1 of 2 files not imported" in err
    assert "no known header" in err and "notes.txt: notes.txt" not in err
    assert "Traceback" not in err


def test_a_misspelt_search_shows_the_corrected_querys_matches(cli: Any) -> None:
    result = cli("courses", "search", "machne lerning", "--json")
    rows = json.loads(result.out)
    assert result.code == 0 and rows
    assert "showing matches for 'machine learning'" in " ".join(result.err.split())
    assert any("machine learning" in r["title"].lower() for r in rows)
    nothing = cli("courses", "search", "zzqx blorf")
    assert nothing.code == 0 and "0 matches" in nothing.out and "showing" not in nothing.err


def test_search_tells_c_plus_plus_c_sharp_and_c_apart(cli: Any, sqlite_db: Database) -> None:
    rows = [
        ("zz-c", "Quokka C Programming"),
        ("zz-cpp", "Quokka C++ Programming"),
        ("zz-cs", "Quokka C# Programming"),
        ("zz-r", "Quokka Statistics and R"),
        ("zz-reg", "Quokka Statistics in Registration"),
    ]
    with sqlite_db.session() as s:
        CourseRepository(s).upsert_many(
            [Course(id=cid, title=title, platform="udemy") for cid, title in rows]
        )

    def ids(query: str) -> list[str]:
        found = json.loads(cli("courses", "search", query, "--json").out)
        return [r["course_id"] for r in found if r["course_id"].startswith("zz-")]

    assert ids("quokka c++") == ["zz-cpp"] and ids("quokka c#") == ["zz-cs"]
    assert ids("quokka c")[0] == "zz-c"
    # a one-letter last word is a word, not a prefix ('r' matched 'registration')
    assert ids("quokka statistics r") == ["zz-r"]


def test_import_json_reports_a_failure_as_json(cli: Any, tmp_path: Any) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("hello\n")
    result = cli("import", str(junk), "--json")
    assert result.code == 2 and "no known header" in json.loads(result.out)["error"]
