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


def test_fuzzy_length_window_finds_what_all_choices_find() -> None:
    """The fuzzy fallback compares a label only with aliases of nearby length; on near-miss
    spellings of every alias it picks exactly what a search over all aliases picks."""
    import random

    from rapidfuzz import fuzz, process

    from coursestack.engine.matcher import FUZZY_CUTOFF
    from coursestack.ingest.aliases import default_tagger

    matcher = default_tagger().matcher
    rng = random.Random(7)
    hits = 0
    for alias in matcher._choices:
        chars = list(alias)
        at = rng.randrange(len(chars))
        edit = rng.choice(("drop", "add", "swap"))
        if edit == "drop":
            del chars[at]
        elif edit == "add":
            chars.insert(at, rng.choice("aeiostx"))
        else:
            chars[at] = rng.choice("aeiostx")
        for label in ("".join(chars), alias + "s", alias[:-2]):
            full = process.extractOne(
                label, matcher._choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
            )
            near = process.extractOne(
                label, matcher._near_in_length(len(label)), scorer=fuzz.ratio,
                score_cutoff=FUZZY_CUTOFF,
            )  # fmt: skip
            assert (near and near[:2]) == (full and full[:2]), label
            hits += full is not None
    assert hits > len(matcher._choices)  # most near-misses do match: the test has teeth
