from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursestack.domain import Course, ExternalRating, Review, Skill
from coursestack.engine import ratings
from coursestack.engine.ratings import (
    CLEAR_MARGIN,
    UNIFORM_PRIOR,
    RatingEstimate,
    ScorePrior,
    background_of,
    course_category,
    course_quality,
    estimate,
    estimate_all,
    prob_better,
    rank,
    rank_by_background,
    review_weights,
    score_counts,
)
from coursestack.engine.taxonomy import Taxonomy

DAY = date(2025, 3, 1)


def reviews(course_id: str, scores: Sequence[float], role: str | None = None) -> list[Review]:
    return [
        Review(
            course_id=course_id,
            reviewer=f"{course_id}-r{i}",
            reviewer_role=role,
            score=s,
            date=DAY,
        )
        for i, s in enumerate(scores)
    ]


def typical_category() -> list[Review]:
    """Other courses of one category with the skewed scores practitioners give."""
    return [
        *reviews("x1", [9, 8, 8, 7, 10, 6]),
        *reviews("x2", [8, 7, 9, 5, 8]),
        *reviews("x3", [7, 8, 6, 9, 8, 8, 4]),
    ]


def est_of(
    course_id: str, scores: Sequence[float], prior: ScorePrior = UNIFORM_PRIOR
) -> RatingEstimate:
    return estimate(course_id, score_counts((s, 1.0) for s in scores), prior, n=len(scores))


# ---------------------------------------------------------------- known answers


@pytest.mark.parametrize("with_category", [False, True])
def test_two_tens_rank_below_two_hundred_nines(with_category: bool) -> None:
    data = reviews("two-tens", [10, 10]) + reviews("many-nines", [9] * 200)
    if with_category:
        data += typical_category()
    found = estimate_all(data)
    ranking = rank(found.values())
    order = [e.estimate.course_id for e in ranking.entries]
    assert order.index("many-nines") < order.index("two-tens")
    # Two reviews leave the course near its prior, with a wide interval.
    assert found["two-tens"].width > 5 * found["many-nines"].width


def test_category_prior_is_other_courses_in_category() -> None:
    data = typical_category() + reviews("new", [10])
    categories = {"x1": "ml", "x2": "ml", "x3": "ml", "new": "ml"}
    found = estimate_all(data, categories)
    pooled = np.mean([9, 8, 8, 7, 10, 6, 8, 7, 9, 5, 8, 7, 8, 6, 9, 8, 8, 4])
    floored = (1 - ratings.PRIOR_FLOOR) * pooled + ratings.PRIOR_FLOOR * 5
    assert found["new"].prior_mean == pytest.approx(floored)
    assert found["new"].prior_source == "category ml (3 courses)"
    # x1's prior leaves x1 out: it is pooled from x2, x3 and the new course.
    pooled_x1 = np.mean([8, 7, 9, 5, 8, 7, 8, 6, 9, 8, 8, 4, 10])
    floored_x1 = (1 - ratings.PRIOR_FLOOR) * pooled_x1 + ratings.PRIOR_FLOOR * 5
    assert found["x1"].prior_mean == pytest.approx(floored_x1)
    expected = (ratings.PRIOR_STRENGTH * floored + 10) / (ratings.PRIOR_STRENGTH + 1)
    assert found["new"].mean == pytest.approx(expected)


def test_interval_narrows_as_reviews_grow() -> None:
    pattern = [9, 8, 10, 7, 9]
    prior = ScorePrior.from_shares(score_counts((s, 1.0) for s in pattern), "test")
    widths = [est_of("c", pattern * k, prior).width for k in (1, 10, 100)]
    assert widths[0] > widths[1] > widths[2]
    assert widths[2] < 0.3


def test_interval_is_skewed_near_the_top() -> None:
    e = est_of("c", [10] * 30 + [9] * 10)
    assert e.high <= 10
    assert e.mean - e.low > e.high - e.mean  # the long side points down


def _sequence_of_rankings() -> list[tuple[float, bool, str]]:
    out = []
    base = reviews("b", [8, 8, 9, 7, 8, 8])
    for k in range(1, 30):
        data = base + reviews("a", [9.5] * k)
        ranking = rank(estimate_all(data).values())
        p = prob_better(ranking.entries[0].estimate, ranking.entries[1].estimate)
        assert ranking.p_top_beats_runner_up == p
        out.append((p, ranking.clear_margin, ranking.claim))
    return out


def test_clear_margin_claim_appears_exactly_when_probability_crosses_threshold() -> None:
    seen = _sequence_of_rankings()
    assert {clear for _, clear, _ in seen} == {True, False}  # the sequence crosses it
    for p, clear, claim in seen:
        assert clear == (p >= CLEAR_MARGIN)
        assert ("highest-rated by a clear margin" in claim) == clear
        assert ("not separable" in claim) == (not clear)


def test_clear_margin_threshold_is_inclusive_and_exact() -> None:
    a, b = est_of("a", [9.5] * 6), est_of("b", [8, 8, 9, 7])
    p = prob_better(a, b)
    assert 0.5 < p < 1
    assert rank([a, b], threshold=p).clear_margin
    assert not rank([a, b], threshold=float(np.nextafter(p, 1.0))).clear_margin


def test_not_separable_lists_every_course_the_leader_does_not_clearly_beat() -> None:
    a, b, c = est_of("a", [9, 8]), est_of("b", [8, 9, 8]), est_of("c", [2] * 50)
    ranking = rank([c, b, a], label=str.upper)
    assert set(ranking.not_separable) == {"a", "b"}
    assert ranking.claim.startswith("The top 2 (")
    assert "C" not in ranking.claim.split(":")[0]


def test_rank_edge_cases() -> None:
    assert rank([]).entries == ()
    single = rank([est_of("a", [9])])
    assert not single.clear_margin and "only course" in single.claim


def test_prob_better_is_complementary_and_order_free() -> None:
    a, b = est_of("a", [9, 9, 8]), est_of("b", [8, 7, 9, 8])
    assert prob_better(a, b) + prob_better(b, a) == pytest.approx(1.0)
    again = estimate_all(reviews("b", [8, 7, 9, 8]) + reviews("a", [9, 9, 8]))
    assert prob_better(again["a"], again["b"]) == prob_better(
        estimate_all(reviews("a", [9, 9, 8]) + reviews("b", [8, 7, 9, 8]))["a"],
        again["b"],
    )


def test_weights_enter_as_fractional_counts() -> None:
    data = reviews("c", [10, 2])
    low_weight = {("c", "c-r1"): 0.25}
    plain, weighted = estimate_all(data)["c"], estimate_all(data, weights=low_weight)["c"]
    assert weighted.n == plain.n == 2
    assert weighted.n_effective == pytest.approx(1.25)
    assert weighted.mean > plain.mean


def test_recency_halves_weight_every_half_life() -> None:
    old = Review(course_id="c", reviewer="old", score=5, date=DAY - timedelta(days=365))
    new = Review(course_id="c", reviewer="new", score=9, date=DAY)
    w = review_weights([old, new], {("c", "new"): 0.5}, half_life_days=365)
    assert w == {("c", "old"): pytest.approx(0.5), ("c", "new"): pytest.approx(0.5)}
    with pytest.raises(ValueError):
        review_weights([old], half_life_days=0)


def test_score_counts_split_between_bins() -> None:
    counts = score_counts([(8.5, 1.0), (10, 2.0), (0, 1.0)])
    assert counts[8] == counts[9] == pytest.approx(0.5)
    assert counts[10] == 2 and counts[0] == 1 and counts.sum() == pytest.approx(4)
    with pytest.raises(ValueError):
        score_counts([(10.5, 1.0)])


def test_backgrounds() -> None:
    cases = {
        "Senior ML Engineer": "ml-engineer",
        "machine-learning engineer": "ml-engineer",
        "MLOps": "ml-engineer",
        "PhD student": "student",
        "Data Scientist": "data-scientist",
        "backend developer": "software-engineer",
        "research scientist": "researcher",
        "": "unknown",
        None: "unknown",
        "farmer": "other",
    }
    assert {k: background_of(k) for k in cases} == cases


def test_ranking_by_background_uses_each_groups_reviews_only() -> None:
    data = (
        reviews("theory", [9] * 20, role="ML engineer")
        + reviews("theory-s", [6] * 20, role="student")
        + reviews("hype", [5] * 20, role="ML engineer")
        + reviews("hype-s", [10] * 20, role="student")
    )
    # Same courses, two audiences.
    for r in data:
        r.course_id = r.course_id.removesuffix("-s")
    by_bg = rank_by_background(data + typical_category())
    assert set(by_bg) == {"ml-engineer", "student", "unknown"}
    assert by_bg["ml-engineer"].entries[0].estimate.course_id == "theory"
    assert by_bg["student"].entries[0].estimate.course_id == "hype"
    assert all(e.estimate.n == 20 for bg in ("student", "ml-engineer") for e in by_bg[bg].entries)
    # Too few courses per background to pool: the all-reviewer prior stands in, not uniform.
    student_theory = next(
        e.estimate for e in by_bg["student"].entries if e.estimate.course_id == "theory"
    )
    assert student_theory.prior_source == "all reviewers' catalog (4 courses)"
    only = rank_by_background(data, courses={"hype"})
    assert [e.estimate.course_id for r in only.values() for e in r.entries] == ["hype"] * 2


def test_course_category_and_quality() -> None:
    tax = Taxonomy.build(
        [
            Skill(id="ml.a", name="A", category="machine-learning"),
            Skill(id="ml.b", name="B", category="machine-learning"),
            Skill(id="math.c", name="C", category="math"),
        ]
    )
    course = Course(
        id="c",
        title="C",
        platform="coursera",
        teaches={"ml.a": 2, "ml.b": 1, "math.c": 2},
        external_rating=ExternalRating(value=4.8, scale=5, count=49_400, source="dump.csv"),
    )
    unrated = Course(id="u", title="U", platform="udemy")
    assert course_category(course, tax) == "machine-learning"
    assert course_category(unrated, tax) is None
    q = course_quality([course, unrated], reviews("c", [9, 8]))
    assert q["c"].practitioner_n == 2 and q["c"].practitioner_mean is not None
    assert q["c"].external_value == pytest.approx(0.96) and q["c"].external_count == 49_400
    # External ratings never leak into the practitioner figure.
    assert q["c"].practitioner_mean == estimate_all(reviews("c", [9, 8]))["c"].mean
    assert q["u"].practitioner_mean is None and q["u"].score() is None


# ---------------------------------------------------------------- invariants

scores_st = st.lists(st.floats(min_value=0, max_value=10, allow_nan=False), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(scores_st)
def test_interval_contains_mean_and_stays_on_scale(scores: list[float]) -> None:
    e = est_of("c", scores)
    assert 0 <= e.low <= e.mean <= e.high <= 10
    assert e.n == len(scores) and e.n_effective == pytest.approx(len(scores))


@settings(max_examples=40, deadline=None)
@given(scores_st)
def test_more_of_the_same_reviews_narrow_the_interval(scores: list[float]) -> None:
    # Once the data outweigh the prior, ten times the same reviews narrow the interval.
    # (Reviews that contradict the prior can first widen it; that is correct Bayes.)
    base = scores * int(np.ceil(ratings.PRIOR_STRENGTH / len(scores)))
    assert est_of("c", base * 10).width < est_of("c", base).width


@settings(max_examples=60, deadline=None)
@given(scores_st, st.data())
def test_raising_a_score_never_lowers_the_estimate(
    scores: list[float], data: st.DataObject
) -> None:
    i = data.draw(st.integers(0, len(scores) - 1))
    raised = list(scores)
    raised[i] = data.draw(st.floats(min_value=scores[i], max_value=10))
    others = typical_category()
    before = estimate_all(others + reviews("c", scores))["c"]
    after = estimate_all(others + reviews("c", raised))["c"]
    assert after.mean >= before.mean - 1e-12
