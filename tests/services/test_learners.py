"""Learner files and CLI options: resolution of names and errors that name the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coursestack import knowledge
from coursestack.domain import (
    AmbiguousError,
    Course,
    InvalidInputError,
    Level,
    Need,
    NotFoundError,
    PaceProfile,
    Pedagogy,
    Requirement,
    Role,
    Weight,
)
from coursestack.engine.context import AdvisorContext
from coursestack.engine.taxonomy import Taxonomy
from coursestack.services.learners import (
    learner_from_options,
    load_learner_file,
    parse_learner,
    read_learner_data,
)

ROLE = Role(
    id="ml-engineer",
    name="Machine learning engineer",
    source="test",
    requirements=[Requirement(skill="prog.python", level=Level.APPLIED, weight=Weight.CORE)],
)
COURSES = [
    Course(id="ml-spec", title="Machine Learning Specialization", platform="coursera"),
    Course(
        id="dl-spec",
        title="Deep Learning Specialization",
        platform="coursera",
        url="https://www.coursera.org/specializations/deep-learning",
    ),
    Course(id="twin-a", title="Intro to Data", platform="edx"),
    Course(id="twin-b", title="Intro to Data", platform="udemy"),
    Course(id="gda-fr", title="Google Data Analytics", platform="coursera", language="fr"),
    Course(id="gda", title="Google Data Analytics Professional Certificate", platform="coursera"),
    Course(id="sql-es", title="SQL para todos", platform="edx", language="es"),
]
CTX = AdvisorContext(
    courses={c.id: c for c in COURSES},
    taxonomy=Taxonomy.build(knowledge.skills()),  # the shipped taxonomy: real aliases
    roles={ROLE.id: ROLE},
)


def parse(**data: Any) -> Any:
    return parse_learner({"goal": "ml-engineer", **data}, CTX)


def test_full_learner_file(tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    path.write_text(
        """
skills: {python: 2, linear-algebra: 1, prog.sql: applied}
completed: ["machine learning specialization", dl-spec]
goal: ml-engineer
targets: {calculus: 2}
hours_per_week: 9
budget: 500
deadline_weeks: 26
platforms: [Coursera, edx]
pedagogy: theory-first
needs: [portfolio]
pace: thorough
""",
        encoding="utf-8",
    )
    ln = load_learner_file(path, CTX)
    assert ln.skills == {"prog.python": 2, "math.linear-algebra": 1, "prog.sql": 3}
    assert ln.completed == ["ml-spec", "dl-spec"]
    assert ln.targets == {"math.calculus": 2}
    assert (ln.hours_per_week, ln.budget, ln.deadline_weeks) == (9, 500, 26)
    assert ln.platforms == ["coursera", "edx"]
    assert ln.pedagogy == Pedagogy.THEORY_FIRST
    assert ln.needs == [Need.PORTFOLIO]
    assert ln.pace == PaceProfile.THOROUGH


def test_unknown_skill_names_the_field_and_suggests() -> None:
    with pytest.raises(NotFoundError) as err:
        parse(skills={"pyton": 2})
    assert "skills.pyton: unknown skill; closest matches:" in str(err.value)
    assert "prog.python" in err.value.suggestions
    with pytest.raises(NotFoundError, match=r"targets\.calculuss"):
        parse(targets={"calculuss": 2})


def test_levels_out_of_range_or_malformed() -> None:
    with pytest.raises(InvalidInputError, match=r"skills\.python: level must be 0-4"):
        parse(skills={"python": 5})
    with pytest.raises(InvalidInputError, match=r"skills\.python: level must be 0-4"):
        parse(skills={"python": "expert"})
    with pytest.raises(InvalidInputError, match=r"skills\.python"):
        parse(skills={"python": True})
    with pytest.raises(InvalidInputError, match="skills: expected a mapping"):
        parse(skills=["python"])


def test_unknown_and_ambiguous_courses() -> None:
    with pytest.raises(NotFoundError) as err:
        parse(completed=["Machine Learning Specialty Track"])
    assert "completed[0]" in str(err.value)
    assert err.value.suggestions[0].startswith("ml-spec")
    # a title but for a spelling is that course (as on the command line)
    assert parse(completed=["Machine Learning Specialisation"]).completed == ["ml-spec"]
    with pytest.raises(AmbiguousError, match="twin-a, twin-b"):
        parse(completed=["intro to data"])
    with pytest.raises(InvalidInputError, match="completed: expected a list"):
        parse(completed="ml-spec")


def test_an_english_title_naming_a_translated_copy_exactly_is_ambiguous() -> None:
    # 'Google Data Analytics' is the French copy's whole title and the English one's head
    with pytest.raises(AmbiguousError, match="gda-fr, gda"):
        parse(completed=["Google Data Analytics"])
    assert parse(completed=["gda-fr"]).completed == ["gda-fr"]
    # a translated course no other title starts with is that course
    assert parse(completed=["SQL para todos"]).completed == ["sql-es"]


def test_unknown_role_platform_and_field() -> None:
    with pytest.raises(NotFoundError, match="closest matches: ml-engineer"):
        parse_learner({"goal": "ml-enginer"}, CTX)
    assert parse_learner({"goal": "Machine learning engineer"}, CTX).goal == "ml-engineer"
    with pytest.raises(NotFoundError, match=r"platforms\[0\].*coursera"):
        parse(platforms=["coursra"])
    with pytest.raises(NotFoundError, match="hours_per_week"):
        parse(hours_per_wek=9)


def test_a_held_skill_outside_the_taxonomy_is_kept_untracked_not_refused() -> None:
    learner = parse(skills={"MATLAB": 3, "python": 1})
    assert learner.untracked == {"MATLAB": Level.APPLIED}
    assert learner.skills == {"prog.python": Level.AWARE}
    # any skill the taxonomy neither knows nor reads as a misspelling of one it knows
    learner = parse(skills={"Google Analytics": 3, "React": 2, "Figma": 1, "sql": 2})
    assert learner.untracked == {"Google Analytics": 3, "React": 2, "Figma": 1}
    assert learner.skills == {"prog.sql": Level.PRACTISED}
    for typo in ("pyton", "tableu", "machine learnig", "kubernetis"):  # still errors
        with pytest.raises(NotFoundError, match="closest matches"):
            parse(skills={typo: 3})
    with pytest.raises(NotFoundError):  # and a target must be a skill a plan can reach
        parse(targets={"matlab": 3})


def test_numbers_must_be_finite_and_within_the_apis_bounds() -> None:
    with pytest.raises(InvalidInputError, match="budget: expected a finite number"):
        parse(budget=float("inf"))
    with pytest.raises(InvalidInputError, match="hours_per_week: expected a finite number"):
        parse(hours_per_week=float("nan"))
    with pytest.raises(InvalidInputError, match="budget"):
        parse(budget=1e308)
    with pytest.raises(InvalidInputError, match="deadline_weeks"):
        parse(deadline_weeks=1e300)
    assert parse(budget=1_000_000, deadline_weeks=520).deadline_weeks == 520


def test_value_errors_name_the_field() -> None:
    with pytest.raises(InvalidInputError, match="hours_per_week"):
        parse(hours_per_week=0)
    with pytest.raises(InvalidInputError, match="budget: expected a number"):
        parse(budget="cheap")
    with pytest.raises(InvalidInputError, match=r"pedagogy: expected one of"):
        parse(pedagogy="bottom-up")
    with pytest.raises(InvalidInputError, match=r"needs\[0\]"):
        parse(needs=["job"])
    with pytest.raises(InvalidInputError, match="goal role or explicit skill targets"):
        parse_learner({"skills": {"python": 1}}, CTX)


def test_bad_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("skills: {python: 2\ngoal: ml-engineer\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"not valid YAML \(line \d+, column \d+\)"):
        load_learner_file(broken, CTX)
    with pytest.raises(InvalidInputError, match="cannot read learner file"):
        load_learner_file(tmp_path / "missing.yaml", CTX)
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="empty"):
        load_learner_file(empty, CTX)
    listing = tmp_path / "list.yaml"
    listing.write_text("- python\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="mapping of fields"):
        read_learner_data(listing)
    typo = tmp_path / "typo.yaml"
    typo.write_text("goal: ml-engineer\nskills: {pyton: 1}\n", encoding="utf-8")
    with pytest.raises(NotFoundError, match=r"typo\.yaml: skills\.pyton: unknown skill"):
        load_learner_file(typo, CTX)


def test_learner_from_options() -> None:
    ln = learner_from_options(
        CTX,
        skills=["python=2", "sql:1"],
        goal="ml-engineer",
        hours_per_week=12,
        completed=["ml-spec"],
        needs=["certificate"],
        pace="fast",
    )
    assert ln.skills == {"prog.python": 2, "prog.sql": 1}
    assert (ln.hours_per_week, ln.pace, ln.completed) == (12, PaceProfile.FAST, ["ml-spec"])
    with pytest.raises(InvalidInputError, match="expected SKILL=LEVEL"):
        learner_from_options(CTX, skills=["python"], goal="ml-engineer")
    with pytest.raises(NotFoundError, match=r"options: skills\.pyton"):
        learner_from_options(CTX, skills=["pyton=2"], goal="ml-engineer")


def test_options_override_a_file() -> None:
    base = {"goal": "ml-engineer", "skills": {"python": 1}, "hours_per_week": 5}
    ln = learner_from_options(CTX, base=base, skills=["python=3"], hours_per_week=10)
    assert ln.skills == {"prog.python": 3}
    assert ln.hours_per_week == 10
    assert base["skills"] == {"python": 1}  # the caller's data is not changed


def test_languages_default_to_english_and_accept_codes_names_and_any() -> None:
    assert parse().languages == ["en"]
    assert parse(languages=["es", "English", "FR"]).languages == ["es", "en", "fr"]
    assert parse(languages="any").languages is None
    with pytest.raises(InvalidInputError, match=r"languages\[1\]: unknown language 'Klingon'"):
        parse(languages=["en", "Klingon"])
    with pytest.raises(InvalidInputError, match="at least one language"):
        parse(languages=[])
    with pytest.raises(InvalidInputError, match="languages: expected a list"):
        parse(languages="english")
    assert learner_from_options(CTX, goal="ml-engineer", languages=["any"]).languages is None


def test_a_completed_course_named_by_its_address() -> None:
    url = "http://WWW.coursera.org/specializations/deep-learning/?utm_source=x"
    assert parse(completed=[url]).completed == ["dl-spec"]
    with pytest.raises(NotFoundError, match="unknown course"):
        parse(completed=["https://example.org/course/none"])


def test_an_empty_platform_list_and_one_skill_stated_twice_are_errors() -> None:
    with pytest.raises(InvalidInputError, match="platforms: list at least one platform"):
        parse(platforms=[])
    with pytest.raises(InvalidInputError, match=r"'sql' already states prog\.sql at 3"):
        parse(skills={"sql": 3, "SQL": 1})
    assert parse(skills={"sql": 2, "SQL": 2}).skills == {"prog.sql": Level.PRACTISED}


def test_every_problem_of_a_learner_is_named_at_once() -> None:
    # three misspelt skills, a bad level and a negative budget: one message, one run
    with pytest.raises(InvalidInputError) as err:
        parse(skills={"pyton": 2, "exel": 3, "tabelau": 2, "sql": 7}, budget=-5)
    text = str(err.value)
    assert text.startswith("learner: 5 problems:")
    for where in ("skills.pyton", "skills.exel", "skills.tabelau", "skills.sql", "budget"):
        assert f"  - {where}:" in text
    # suggestions far behind the closest are left out ('exel' is Excel, not testing)
    assert "skills.exel: unknown skill; closest matches: prog.excel\n" in text
