"""Courses about a subject outside the taxonomy (engine.topics, knowledge/outside_topics)."""

from __future__ import annotations

from coursestack import knowledge
from coursestack.domain import Course
from coursestack.engine.matcher import normalise
from coursestack.engine.taxonomy import Taxonomy
from coursestack.engine.topics import off_topic_courses, outside_topic

PHRASES = knowledge.outside_topics()


def test_a_title_names_an_outside_subject_as_whole_words() -> None:
    assert outside_topic("Transitioning from Console to WinForms with Source Control", PHRASES)
    assert outside_topic("Python Algo Trading: FX Trading with Oanda", PHRASES) == "trading"
    assert outside_topic("Build a C# WinForms Visitor System", PHRASES) == "c#"
    assert outside_topic("Introduction to Git and GitHub", PHRASES) is None
    assert outside_topic("Swiftly Through Statistics", PHRASES) is None  # whole words only
    assert outside_topic("Community Detection in Graphs", PHRASES) is None  # not 'unity'


def test_curated_courses_are_never_weighed_as_off_topic() -> None:
    imported = Course(id="a", title="iOS Machine Learning with Core ML", platform="udemy")
    curated = Course(id="b", title="iOS Machine Learning with Core ML", platform="udemy",
                     sources=["curated"])  # fmt: skip
    assert off_topic_courses([imported, curated], PHRASES) == {"a": "ios"}


def test_outside_subjects_are_lowercase_normalised_phrases_no_skill_claims() -> None:
    assert PHRASES and all(p == normalise(p) for p in PHRASES)
    taxonomy = Taxonomy.build(knowledge.skills())
    aliases = {normalise(a) for s in knowledge.skills() for a in (s.name, *s.aliases)}
    assert not aliases & set(PHRASES), "a taxonomy alias cannot be outside the taxonomy"
    assert taxonomy  # built: the phrases are checked against the shipped taxonomy


def test_courses_known_by_their_title_alone() -> None:
    from coursestack.engine.topics import title_only_courses

    def row(cid: str, **kw: object) -> Course:
        title_tag = {"teaches.mlsd.ab-testing": "rule:alias(title:'a b tests')"}
        base: dict[str, object] = {"id": cid, "title": "Design A/B Tests", "platform": "coursera",
                                   "teaches": {"mlsd.ab-testing": 1}, "sources": ["d.csv"],
                                   "provenance": title_tag}  # fmt: skip
        base.update(kw)
        return Course.model_validate(base)

    found = title_only_courses([
        row("bare"),
        row("described", description="You will design experiments."),
        row("curated", sources=["curated"]),
        row("listed", provenance={"teaches.mlsd.ab-testing": "rule:alias(skills:'a b testing')"}),
        row("nothing", teaches={}, provenance={}),
    ])  # fmt: skip
    assert found == {"bare"}
