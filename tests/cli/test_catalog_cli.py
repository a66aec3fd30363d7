from __future__ import annotations

import json
from typing import Any

from coursestack import knowledge


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
