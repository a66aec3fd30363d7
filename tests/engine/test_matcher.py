"""SkillMatcher on a tiny synthetic taxonomy whose right answers are known."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursestack.domain import Skill
from coursestack.engine.matcher import SkillMatcher, normalise
from coursestack.engine.taxonomy import Taxonomy

TAX = Taxonomy.build(
    [
        Skill(
            id="ml.fundamentals",
            name="Machine learning",
            category="ml",
            aliases=["machine learning"],
        ),
        Skill(
            id="ml.supervised",
            name="Supervised learning",
            category="ml",
            aliases=["supervised machine learning"],
        ),
        Skill(id="prog.r", name="R programming", category="prog", aliases=["r programming"]),
        Skill(id="prog.cpp", name="C++", category="prog", aliases=["c++"]),
        Skill(id="stats.ab", name="A/B testing", category="stats", aliases=["a/b testing"]),
        Skill(id="de.kafka", name="Kafka", category="de", aliases=["apache kafka", "kafka"]),
    ]
)


@pytest.fixture(scope="module")
def matcher() -> SkillMatcher:
    return SkillMatcher.build(
        TAX,
        {"prog.r": ["using r"]},
        labels={"Data Science": []},
        prose_excluded=["kafka"],
    )


def skills(found: list[object]) -> set[str]:
    return {m.skill for m in found}  # type: ignore[attr-defined]


def test_word_boundaries(matcher: SkillMatcher) -> None:
    assert skills(matcher.match_text("Error handling in programs", "description")) == set()
    assert skills(matcher.match_text("Modern C++ and A/B Testing.", "title")) == {
        "prog.cpp",
        "stats.ab",
    }


def test_longest_match_wins(matcher: SkillMatcher) -> None:
    found = matcher.match_text("An intro to supervised machine learning", "title")
    assert skills(found) == {"ml.supervised"}
    assert found[0].phrase == "supervised machine learning"


def test_extra_aliases_and_prose_exclusion(matcher: SkillMatcher) -> None:
    assert skills(matcher.match_text("Analyses using R.", "description")) == {"prog.r"}
    assert skills(matcher.match_text("Kafka wrote novels", "description")) == set()
    assert skills(matcher.match_text("Kafka", "title", prose=False)) == {"de.kafka"}
    assert skills(matcher.match_text("Apache Kafka streams", "description")) == {"de.kafka"}


def test_labels_exact_curated_and_fuzzy(matcher: SkillMatcher) -> None:
    assert skills(matcher.match_label("Machine Learning")) == {"ml.fundamentals"}
    assert matcher.match_label("Data Science") == []  # curated: says nothing
    fuzzy = matcher.match_label("Machine Lerning")
    assert skills(fuzzy) == {"ml.fundamentals"} and 92 <= fuzzy[0].score < 100
    assert matcher.match_label("Marketing") == []


def test_unknown_skill_in_extra_aliases_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown skill"):
        SkillMatcher.build(TAX, {"nope": ["x"]})


@given(st.text(max_size=200))
def test_normalise_is_idempotent_and_never_matches_inside_words(text: str) -> None:
    norm = normalise(text)
    assert normalise(norm) == norm
    matcher = SkillMatcher.build(TAX)
    for m in matcher.match_text(text, "description"):
        padded = f" {norm} "
        assert padded[m.start] == " " and padded[m.end + 1] == " "
