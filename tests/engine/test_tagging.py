"""Tagging rules: evidence thresholds, prerequisite phrases, levels, provenance."""

from __future__ import annotations

from coursestack.domain import Course, CourseKind, CourseLevel, HandsOn, Level, Skill, SkillPrereq
from coursestack.engine.matcher import SkillMatcher
from coursestack.engine.tagging import Tagger, TagInput
from coursestack.engine.taxonomy import Taxonomy

TAX = Taxonomy.build(
    [
        Skill(
            id="prog.python", name="Python programming", category="programming", aliases=["python"]
        ),
        Skill(
            id="prog.python.oop",
            name="Object-oriented Python",
            category="programming",
            aliases=["object oriented programming"],
        ),
        Skill(
            id="ml.supervised.linear-regression",
            name="Linear regression",
            category="ml",
            aliases=["linear regression"],
            prerequisites=[SkillPrereq(skill="math.algebra", level=Level.PRACTISED)],
        ),
        Skill(id="math.algebra", name="Algebra", category="math"),
        Skill(id="prog.sql", name="SQL", category="programming", aliases=["sql"]),
    ]
)
TAGGER = Tagger(SkillMatcher.build(TAX), TAX, requires={"prog.python.oop": ["prog.python"]})
# a line besides the title: a row known by its title alone is tagged at 1
ABOUT = "An online course."


def course(
    level: CourseLevel | None = CourseLevel.BEGINNER, kind: CourseKind = CourseKind.COURSE
) -> Course:
    return Course(
        id="x", title="x", platform="coursera", level=level, kind=kind, sources=["dump.csv"]
    )


def test_title_alone_is_enough_and_prose_needs_two_votes() -> None:
    result = TAGGER.tag(
        course(), TagInput(title="SQL for Everyone", description="Python is popular.")
    )
    assert set(result.teaches) == {"prog.sql"}
    assert "prog.python" in result.weak


def test_outcome_sentence_counts_double_and_tool_use_does_not() -> None:
    taught = TAGGER.tag(course(), TagInput(title="Data", description="You will learn SQL."))
    assert "prog.sql" in taught.teaches
    tool = TAGGER.tag(
        course(), TagInput(title="Data", description="You will analyse data using SQL.")
    )
    assert "prog.sql" not in tool.teaches


def test_purpose_in_title_is_not_taught() -> None:
    result = TAGGER.tag(course(), TagInput(title="Algebra for Linear Regression"))
    assert "ml.supervised.linear-regression" not in result.teaches


def test_prerequisite_phrase_goes_to_assumes_with_rule() -> None:
    result = TAGGER.tag(
        course(),
        TagInput(
            title="Linear Regression", description="You should have experience coding in Python."
        ),
    )
    assert result.assumes == {"prog.python": Level.PRACTISED}
    assert result.provenance["assumes.prog.python"].startswith("rule:assumes-phrase(")
    none = TAGGER.tag(
        course(),
        TagInput(title="Linear Regression", description="No prior Python experience is required."),
    )
    assert "prog.python" not in none.assumes and "prog.python" not in none.teaches


def test_levels_from_difficulty_and_hands_on() -> None:
    beginner = TAGGER.tag(course(), TagInput(title="SQL", description=ABOUT))
    assert beginner.teaches["prog.sql"] == Level.AWARE
    assert "rule:level-from-difficulty" in beginner.provenance["teaches.prog.sql"]
    labs = TAGGER.tag(course(), TagInput(title="SQL", description="Hands-on labs throughout."))
    assert labs.teaches["prog.sql"] == Level.PRACTISED and labs.hands_on == HandsOn.GUIDED_LABS
    capstone = TAGGER.tag(
        course(CourseLevel.INTERMEDIATE, CourseKind.SPECIALIZATION),
        TagInput(title="SQL", description="A capstone project ends it."),
    )
    # one capstone closing a guided program: practised, not applied
    assert capstone.hands_on == HandsOn.CAPSTONE
    assert capstone.teaches["prog.sql"] == Level.PRACTISED
    deep = TAGGER.tag(
        course(CourseLevel.INTERMEDIATE, CourseKind.SPECIALIZATION),
        TagInput(title="SQL", description="Build a portfolio-ready independent project."),
    )
    assert deep.teaches["prog.sql"] == Level.APPLIED
    assert deep.hands_on == HandsOn.INDEPENDENT_PROJECTS


def test_projects_lift_only_the_skills_a_program_is_named_for_to_level_3() -> None:
    program = course(CourseLevel.INTERMEDIATE, CourseKind.SPECIALIZATION)
    text = TagInput(
        title="SQL",
        description="Build your own project. Python is used. Python scripts are given.",
        skills=["Linear Regression"],
        outcomes=["Fit a linear regression"],
    )
    result = TAGGER.tag(program, text)
    assert result.teaches["prog.sql"] == Level.APPLIED  # the title names it
    assert "projects-in-program(central: title)->3" in result.provenance["teaches.prog.sql"]
    # a short-list entry and an outcome: evidence enough to teach it twice over, practised
    # in the labs, but the capstone applies what the program is named for
    assert result.teaches["ml.supervised.linear-regression"] == Level.PRACTISED
    # two passing prose mentions: taught, but not what the program is about: met, not
    # practised, whatever the program's level and projects
    assert result.teaches["prog.python"] == Level.AWARE
    assert "rule:not-central->1" in result.provenance["teaches.prog.python"]


def test_taxonomy_prerequisites_assumed_for_intermediate_courses() -> None:
    result = TAGGER.tag(course(CourseLevel.INTERMEDIATE), TagInput(title="Linear Regression"))
    assert result.assumes["math.algebra"] == Level.PRACTISED
    assert "assumes-taxonomy-prerequisite" in result.provenance["assumes.math.algebra"]
    beginner = TAGGER.tag(course(), TagInput(title="Linear Regression"))
    assert "math.algebra" not in beginner.assumes


def test_an_advanced_course_assumes_its_main_skills_a_level_below() -> None:
    result = TAGGER.tag(
        course(CourseLevel.INTERMEDIATE), TagInput(title="Advanced SQL", description=ABOUT)
    )
    assert result.teaches["prog.sql"] == Level.PRACTISED
    assert result.assumes["prog.sql"] == Level.AWARE
    assert result.provenance["assumes.prog.sql"] == "rule:assumes-own-skill(title 'advanced')->1"
    by_label = TAGGER.tag(course(CourseLevel.ADVANCED), TagInput(title="SQL", description=ABOUT))
    assert by_label.assumes["prog.sql"] == Level.AWARE
    # a skill the course only touches is not what it builds on
    side = TAGGER.tag(
        course(CourseLevel.ADVANCED),
        TagInput(title="SQL", description="Python is used. Python scripts are given."),
    )
    assert side.teaches["prog.python"] == Level.AWARE and "prog.python" not in side.assumes
    # a program's capstone (practised, 2: it applies the program's guided material) builds
    # on its skill at 1
    capstone = TAGGER.tag(
        course(CourseLevel.INTERMEDIATE, CourseKind.SPECIALIZATION),
        TagInput(title="SQL Capstone", description="A capstone project ends it."),
    )
    assert (capstone.teaches["prog.sql"], capstone.assumes["prog.sql"]) == (2, 1)


def test_a_course_from_scratch_assumes_nothing_of_its_own() -> None:
    for title, text in (
        ("SQL from Beginner to Advanced", ABOUT),
        ("Advanced SQL", "No prior experience is required."),
    ):
        result = TAGGER.tag(course(CourseLevel.INTERMEDIATE), TagInput(title, text))
        assert "prog.sql" in result.teaches and "prog.sql" not in result.assumes
    # an advanced label alone: an introduction, or a course stating other prerequisites,
    # starts its subject from scratch
    for title, text in (
        ("Getting Started with SQL", ABOUT),
        ("SQL", "An in-depth introduction to SQL."),
        ("SQL", "You should have experience with Python."),
    ):
        result = TAGGER.tag(course(CourseLevel.ADVANCED), TagInput(title, text))
        assert "prog.sql" in result.teaches and "prog.sql" not in result.assumes
    # taught at level 1 (a beginner label, no labs): no lower level to assume
    beginner = TAGGER.tag(course(), TagInput(title="Advanced SQL", description=ABOUT))
    assert beginner.teaches["prog.sql"] == Level.AWARE and "prog.sql" not in beginner.assumes
    # apply() keeps an assumption below the taught level, drops one at or above it
    tagged = TAGGER.apply(
        course(CourseLevel.INTERMEDIATE), TagInput(title="Advanced SQL", description=ABOUT)
    )
    assert (tagged.teaches["prog.sql"], tagged.assumes["prog.sql"]) == (2, 1)


def test_requires_gate() -> None:
    java = TAGGER.tag(course(), TagInput(title="Java", skills=["Object Oriented Programming"]))
    assert "prog.python.oop" not in java.teaches
    python = TAGGER.tag(course(), TagInput(title="Python", skills=["Object Oriented Programming"]))
    assert "prog.python.oop" in python.teaches


def test_apply_keeps_existing_values_and_records_weak_evidence() -> None:
    base = course().model_copy(update={"teaches": {"prog.sql": Level.APPLIED}})
    tagged = TAGGER.apply(
        base, TagInput(title="SQL and Python", description="Python appears once.")
    )
    assert tagged.teaches["prog.sql"] == Level.APPLIED
    assert tagged.teaches["prog.python"] == Level.AWARE
    off_topic = TAGGER.apply(
        course(), TagInput(title="Roman Architecture", description="Temples and python snakes.")
    )
    assert off_topic.teaches == {}
    assert off_topic.provenance["weak.prog.python"].startswith("1|1|dump.csv|")


def test_a_skill_the_course_only_touches_is_met_not_practised() -> None:
    # An intermediate course with labs about SQL that also fits a linear regression once: it
    # practises SQL (its title) and meets linear regression (one outcome sentence).
    labs = "Hands-on labs in every module."
    text = TagInput(title="SQL Workshop", description=labs, outcomes=["Fit a linear regression"])
    result = TAGGER.tag(course(CourseLevel.INTERMEDIATE), text)
    assert result.teaches["prog.sql"] == Level.PRACTISED
    assert result.teaches["ml.supervised.linear-regression"] == Level.AWARE
    assert "not-central->1" in result.provenance["teaches.ml.supervised.linear-regression"]
    # The same sentence in a course about linear regression: practised.
    about = TagInput(title="Linear Regression Workshop", description=labs,
                     outcomes=["Fit a linear regression"])  # fmt: skip
    own = TAGGER.tag(course(CourseLevel.INTERMEDIATE), about)
    assert own.teaches["ml.supervised.linear-regression"] == Level.PRACTISED


def test_taxonomy_prerequisites_come_from_what_the_course_is_about() -> None:
    # An intermediate SQL course that mentions linear regression once: SQL is what it is
    # about; regression, met in passing, brings no algebra prerequisite with it.
    text = TagInput(title="SQL Workshop", outcomes=["Fit a linear regression"])
    result = TAGGER.tag(course(CourseLevel.INTERMEDIATE), text)
    assert result.teaches["ml.supervised.linear-regression"] == Level.AWARE
    assert "math.algebra" not in result.assumes
    about = TAGGER.tag(course(CourseLevel.INTERMEDIATE), TagInput(title="Linear Regression"))
    assert about.assumes["math.algebra"] == Level.PRACTISED


def test_a_review_of_a_skill_is_a_prerequisite_not_a_topic() -> None:
    # 'Week 0: review of ... linear regression' refreshes what the course builds on.
    text = TagInput(
        title="SQL Workshop",
        description="Week 0 is a review of linear regression. Then we write SQL.",
    )
    result = TAGGER.tag(course(), text)
    assert "ml.supervised.linear-regression" not in result.teaches
    assert result.assumes["ml.supervised.linear-regression"] == Level.AWARE
    # a peer review of work is no prerequisite cue
    peer = TagInput(title="SQL Workshop", description="A peer review of linear regression work.")
    assert "ml.supervised.linear-regression" not in TAGGER.tag(course(), peer).assumes


def test_a_title_conflict_drops_the_assumption_too() -> None:
    # A Java title: 'a refresher on object oriented programming' is not Python OOP assumed.
    tax = Taxonomy.build(
        [
            *TAX.skills.values(),
            Skill(id="prog.java", name="Java", category="programming", aliases=["java"]),
        ]
    )
    tagger = Tagger(
        SkillMatcher.build(tax),
        tax,
        requires={"prog.python.oop": ["prog.python"]},
        title_conflicts={"prog.python.oop": ["prog.java"]},
    )
    text = TagInput(
        title="Core Java", description="Course 2 is a refresher on object oriented programming."
    )
    assert "prog.python.oop" not in tagger.tag(course(), text).assumes
