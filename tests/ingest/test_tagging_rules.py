"""The default tagger's context rules (engine/tagging.py with knowledge/tagging_aliases.yaml)
and the gold set's DEV/TEST split."""

from __future__ import annotations

from pathlib import Path

from coursestack.domain import Course, CourseLevel
from coursestack.engine.tagging import TagInput, TagResult
from coursestack.ingest.aliases import default_tagger
from coursestack.ingest.evaluation import gold_split, load_gold, split_gold

GOLD = Path(__file__).parent / "gold" / "labels.yaml"


def tag(title: str, description: str = "", skills: tuple[str, ...] = ()) -> TagResult:
    course = Course(
        id="x", title=title, platform="coursera", level=CourseLevel.BEGINNER, sources=["dump.csv"]
    )
    return default_tagger().tag(course, TagInput(title, description, skills=skills))


def test_bullets_after_an_outcome_header_are_outcomes() -> None:
    text = "By the end of this course, you will:\n-Build pivot tables\n"
    assert "data.spreadsheet-analysis" in tag("Statistics", text).teaches
    plain = "Welcome.\n-Build pivot tables\n"
    assert "data.spreadsheet-analysis" not in tag("Statistics", plain).teaches


def test_a_tool_in_an_outcome_bullet_is_still_a_tool() -> None:
    text = "By the end of this course, you will:\n- Perform analyses using Python\n"
    assert "prog.python" not in tag("Statistics", text).teaches
    assert "prog.python" in tag("Statistics", "You will learn Python.").teaches


def test_course_in_a_topic_is_not_a_tool() -> None:
    text = "This is an introductory course in supervised learning."
    assert "ml.supervised" in tag("Statistical Methods", text).teaches


def test_skills_named_to_compare_are_not_taught() -> None:
    text = "You will understand how RL complements supervised and unsupervised learning."
    assert "ml.unsupervised" not in tag("Reinforcement Learning", text).teaches


def test_generic_title_words_are_weak_evidence() -> None:
    result = tag("Natural Language Processing with Classification and Vector Spaces")
    assert "ml.supervised" not in result.teaches and "ml.supervised" in result.weak
    assert "ml.supervised" in tag("Regression and Classification").teaches


def test_object_oriented_programming_needs_a_python_title_not_a_java_one() -> None:
    assert "prog.python.oop" in tag("Advanced Python: Object-Oriented Programming").teaches
    java = tag("Object Oriented Programming in Java", "You will learn Python basics too.")
    assert "prog.java" in java.teaches and "prog.python.oop" not in java.teaches


def test_a_language_after_in_is_taught() -> None:
    assert "prog.javascript" in tag("Mastering Functions in JavaScript").teaches
    assert "ml.fundamentals" not in tag("Statistics in Machine Learning").teaches


def test_fuzzy_labels_keep_symbols_and_short_words() -> None:
    matcher = default_tagger().matcher
    assert matcher.match_label("C Programming") == []
    assert [m.skill for m in matcher.match_label("C++ Programming")] == ["prog.cpp"]


def test_gold_split_is_stable_and_covers_both_halves() -> None:
    gold = load_gold(GOLD)
    dev, test = split_gold(gold, "dev"), split_gold(gold, "test")
    assert set(dev) | set(test) == set(gold) and not set(dev) & set(test)
    assert min(len(dev), len(test)) >= 0.4 * len(gold)
    assert gold_split("coursera.org/learn/machine-learning") == gold_split(
        "coursera.org/learn/machine-learning"
    )


PADDING = tuple(f"Topic {i}" for i in range(14))  # unrelated entries: the list is long


def test_a_long_list_naming_a_skill_twice_teaches_it() -> None:
    once = ("Databases", *PADDING)
    twice = ("Databases", "Database (DBMS)", *PADDING)
    assert "de.relational-databases" not in tag("Data Course", skills=once).teaches
    assert "de.relational-databases" in tag("Data Course", skills=twice).teaches


def test_umbrella_entries_do_not_count_as_a_repeat() -> None:
    umbrellas = ("Machine Learning", "Machine Learning Algorithms", *PADDING)
    assert "ml.fundamentals" not in tag("Data Course", skills=umbrellas).teaches


def test_curly_apostrophe_states_an_outcome() -> None:
    assert "prog.regex" in tag("Scripting", "You’ll learn regular expressions.").teaches


def test_a_tool_named_as_an_example_is_not_taught() -> None:
    text = "You will build models with such tools as Teachable Machine and TensorFlow."
    assert "dl.tensorflow" not in tag("AI Basics", text).teaches
    assert "dl.tensorflow" in tag("AI Basics", "You will learn TensorFlow.").teaches


def test_a_label_keeps_the_field_it_is_matched_in_whatever_came_first() -> None:
    matcher = default_tagger().matcher
    assert {m.field for m in matcher.match_label("Test Automation", "skills")} == {"skills"}
    long = matcher.match_label("Test Automation", "skills-long")
    assert long and {m.field for m in long} == {"skills-long"}
