"""Practitioner ratings: a Bayesian estimate per course, a credible interval, honest rankings.

Model (and why)
---------------
Scores are 0-10. MOOC and practitioner scores pile up at the top of the scale (8, 9 and 10
are most of the mass; a long thin tail goes down to 0), so a normal around the mean would put
credible mass above 10 and understate how far a course can fall. We model the *distribution*
of scores instead:

* Each score is spread over the 11 ordinal bins 0..10 by linear interpolation (8.5 gives half
  a count to 8 and half to 9), so the mean is preserved exactly and every review enters as a
  fractional count; review weights (suspicious-review down-weighting, optional recency
  half-life) simply scale those counts.
* A course's bin shares theta ~ Dirichlet(alpha), with prior alpha = PRIOR_STRENGTH * p, where
  p is the pooled score distribution of the *other* courses in the course's category (its
  dominant skill category), else of the other courses in the catalog, else uniform; a small
  uniform floor keeps every bin possible. Each course contributes to a pool at most
  POOL_CAP_PER_COURSE reviews' worth, so one heavily reviewed course does not define its
  category, and its own reviews never enter its own prior (no double counting).
* The posterior is Dirichlet(alpha + weighted counts) (conjugate). The course's score is the
  mean of the score distribution, sum_k k * theta_k. Its posterior mean is exact; the credible
  interval and P(A beats B) come from DRAWS Monte Carlo draws with a seed fixed per course id,
  so results are reproducible and independent of input order.

Consequences, by construction: few reviews stay close to the category's typical course
(two 10s do not beat two hundred 9s unless the category's typical course already scores
about 8.75 or more); the interval narrows as consistent reviews accumulate (reviews that
contradict the prior can first widen it, as they should); the interval is skewed near the
top of the scale. A course is called "highest-rated by a clear margin" only when
P(top beats runner-up) >= CLEAR_MARGIN.

External platform ratings (e.g. 4.8 of 5 from 49.4k reviews) are different evidence, from a
different population on a different scale; they are never mixed into this estimate and travel
separately (see `course_quality`).
"""

from __future__ import annotations

import dataclasses
import math
import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
import numpy.typing as npt

from coursestack.domain import Course, Review
from coursestack.engine.context import CourseQuality
from coursestack.engine.taxonomy import Taxonomy

SCORE_MAX = 10
N_BINS = SCORE_MAX + 1
PRIOR_STRENGTH = 8.0  # pseudo-reviews the prior is worth
PRIOR_FLOOR = 0.05  # share of the prior spread evenly over all bins
POOL_CAP_PER_COURSE = 20.0  # most reviews' worth one course adds to a pooled prior
MIN_PRIOR_COURSES = 3  # other reviewed courses a pool needs before it is used as a prior
CREDIBLE_MASS = 0.90
DRAWS = 4000
SEED = 20_240_905
CLEAR_MARGIN = 0.95

ReviewKey = tuple[str, str]  # (course_id, reviewer): one current review per pair
FloatArray = npt.NDArray[np.float64]
_BINS = np.arange(N_BINS, dtype=np.float64)


def review_key(review: Review) -> ReviewKey:
    return (review.course_id, review.reviewer)


# ---------------------------------------------------------------- counts and priors


def score_counts(weighted_scores: Iterable[tuple[float, float]]) -> FloatArray:
    """Fractional bin counts for (score, weight) pairs; scores are spread linearly."""
    counts = np.zeros(N_BINS)
    for score, weight in weighted_scores:
        if not 0 <= score <= SCORE_MAX:
            raise ValueError(f"score {score} is outside 0-{SCORE_MAX}")
        low = min(math.floor(score), SCORE_MAX - 1)
        upper_share = score - low
        counts[low] += weight * (1.0 - upper_share)
        counts[low + 1] += weight * upper_share
    return counts


@dataclass(frozen=True)
class ScorePrior:
    shares: tuple[float, ...]  # N_BINS shares summing to 1, floor included
    strength: float
    source: str  # e.g. "category machine-learning (7 courses)", "catalog (12 courses)"

    @property
    def mean(self) -> float:
        return float(np.dot(self.shares, _BINS))

    def alpha(self) -> FloatArray:
        return np.asarray(self.shares) * self.strength

    @classmethod
    def from_shares(cls, shares: FloatArray, source: str) -> ScorePrior:
        total = float(shares.sum())
        base = shares / total if total > 0 else np.full(N_BINS, 1.0 / N_BINS)
        floored = (1.0 - PRIOR_FLOOR) * base + PRIOR_FLOOR / N_BINS
        return cls(tuple(float(x) for x in floored), PRIOR_STRENGTH, source)


# With too few other reviewed courses there is nothing to shrink toward: a uniform prior worth as
# many pseudo-reviews as an informed one would drag a course rated 8 and 9 down to ~5.7, so it
# counts for only UNIFORM_PRIOR_STRENGTH reviews (weakly informative; the interval stays wide).
UNIFORM_PRIOR_STRENGTH = 2.0
UNIFORM_PRIOR = dataclasses.replace(
    ScorePrior.from_shares(
        np.zeros(N_BINS), f"uniform (fewer than {MIN_PRIOR_COURSES} other reviewed courses)"
    ),
    strength=UNIFORM_PRIOR_STRENGTH,
)


@dataclass
class _Pool:
    """Summed capped contributions of reviewed courses, for leave-one-out priors."""

    shares: FloatArray = field(default_factory=lambda: np.zeros(N_BINS))
    courses: int = 0

    def add(self, contribution: FloatArray) -> None:
        self.shares = self.shares + contribution
        self.courses += 1

    def prior_without(self, contribution: FloatArray | None, label: str) -> ScorePrior | None:
        shares, courses = self.shares, self.courses
        if contribution is not None:
            shares, courses = shares - contribution, courses - 1
        if courses < MIN_PRIOR_COURSES:
            return None
        return ScorePrior.from_shares(np.clip(shares, 0.0, None), f"{label} ({courses} courses)")


def _contribution(counts: FloatArray) -> FloatArray:
    total = float(counts.sum())
    if total <= 0:
        return np.zeros(N_BINS)
    return counts / total * min(total, POOL_CAP_PER_COURSE)


# ---------------------------------------------------------------- estimates


@dataclass(frozen=True)
class RatingEstimate:
    course_id: str
    mean: float  # posterior mean score, 0-10
    low: float  # credible interval (CREDIBLE_MASS), 0-10
    high: float
    n: int  # reviews
    n_effective: float  # sum of review weights
    prior: ScorePrior
    category: str | None
    shares: tuple[float, ...]  # posterior mean share of each score 0..10
    draws: FloatArray = field(repr=False, compare=False)

    @property
    def width(self) -> float:
        return self.high - self.low

    @property
    def prior_mean(self) -> float:
        return self.prior.mean

    @property
    def prior_source(self) -> str:
        return self.prior.source

    def as_dict(self) -> dict[str, object]:
        return {
            "course_id": self.course_id,
            "mean": round(self.mean, 3),
            "low": round(self.low, 3),
            "high": round(self.high, 3),
            "interval_mass": CREDIBLE_MASS,
            "n": self.n,
            "n_effective": round(self.n_effective, 3),
            "prior_mean": round(self.prior_mean, 3),
            "prior_source": self.prior_source,
            "category": self.category,
        }


def _rng(course_id: str) -> np.random.Generator:
    return np.random.default_rng([SEED, zlib.crc32(course_id.encode("utf-8"))])


def estimate(
    course_id: str,
    counts: FloatArray,
    prior: ScorePrior,
    *,
    n: int,
    category: str | None = None,
) -> RatingEstimate:
    """Posterior of one course from its fractional bin `counts` (see `score_counts`)."""
    alpha = prior.alpha() + counts
    shares = alpha / alpha.sum()
    draws = _rng(course_id).dirichlet(alpha, DRAWS) @ _BINS
    tail = (1.0 - CREDIBLE_MASS) / 2.0
    low, high = np.quantile(draws, [tail, 1.0 - tail])
    return RatingEstimate(
        course_id=course_id,
        mean=float(np.dot(shares, _BINS)),
        low=float(low),
        high=float(high),
        n=n,
        n_effective=float(counts.sum()),
        prior=prior,
        category=category,
        shares=tuple(float(x) for x in shares),
        draws=draws,
    )


def recency_weight(review_date: date, as_of: date, half_life_days: float) -> float:
    """1 for a review written `as_of`, halving every `half_life_days` before it."""
    age = max(0, (as_of - review_date).days)
    return float(0.5 ** (age / half_life_days))


def review_weights(
    reviews: Sequence[Review],
    flag_weights: Mapping[ReviewKey, float] | None = None,
    *,
    half_life_days: float | None = None,
    as_of: date | None = None,
) -> dict[ReviewKey, float]:
    """Weight of each review: flag down-weighting times optional recency decay.

    Without `as_of` the newest review's date is "now", so the result depends on data only.
    """
    if half_life_days is not None and half_life_days <= 0:
        raise ValueError("half_life_days must be positive")
    flag_weights = flag_weights or {}
    if half_life_days is not None and as_of is None and reviews:
        as_of = max(r.date for r in reviews)
    out: dict[ReviewKey, float] = {}
    for r in reviews:
        w = flag_weights.get(review_key(r), 1.0)
        if half_life_days is not None and as_of is not None:
            w *= recency_weight(r.date, as_of, half_life_days)
        out[review_key(r)] = w
    return out


@dataclass(frozen=True)
class _CourseData:
    counts: FloatArray
    n: int
    category: str | None
    prior: ScorePrior


def _course_data(
    reviews: Iterable[Review],
    categories: Mapping[str, str | None],
    weights: Mapping[ReviewKey, float],
    fallback: Mapping[str, ScorePrior],
) -> dict[str, _CourseData]:
    """Weighted counts and the leave-one-out prior of every reviewed course."""
    by_course: dict[str, list[Review]] = defaultdict(list)
    for r in reviews:
        by_course[r.course_id].append(r)
    counts: dict[str, FloatArray] = {}
    contributions: dict[str, FloatArray] = {}
    catalog_pool = _Pool()
    category_pools: dict[str, _Pool] = defaultdict(_Pool)
    for course_id, items in by_course.items():
        c = score_counts((r.score, weights.get(review_key(r), 1.0)) for r in items)
        counts[course_id] = c
        contributions[course_id] = _contribution(c)
        catalog_pool.add(contributions[course_id])
        cat = categories.get(course_id)
        if cat is not None:
            category_pools[cat].add(contributions[course_id])

    out: dict[str, _CourseData] = {}
    for course_id in sorted(by_course):
        own = contributions[course_id]
        cat = categories.get(course_id)
        prior = None
        if cat is not None:
            prior = category_pools[cat].prior_without(own, f"category {cat}")
        prior = (
            prior
            or catalog_pool.prior_without(own, "catalog")
            or fallback.get(course_id)
            or UNIFORM_PRIOR
        )
        out[course_id] = _CourseData(counts[course_id], len(by_course[course_id]), cat, prior)
    return out


def priors_for(
    reviews: Iterable[Review],
    categories: Mapping[str, str | None] | None = None,
    weights: Mapping[ReviewKey, float] | None = None,
) -> dict[str, ScorePrior]:
    """The prior each reviewed course gets in `estimate_all` (no sampling)."""
    data = _course_data(reviews, categories or {}, weights or {}, {})
    return {cid: d.prior for cid, d in data.items()}


def estimate_all(
    reviews: Iterable[Review],
    categories: Mapping[str, str | None] | None = None,
    weights: Mapping[ReviewKey, float] | None = None,
    fallback: Mapping[str, ScorePrior] | None = None,
) -> dict[str, RatingEstimate]:
    """An estimate for every course with at least one review.

    `categories`: course id -> category (see `course_categories`); courses without one use
    the catalog-wide prior. `weights`: review key -> weight (see `review_weights`), default 1.
    `fallback`: course id -> prior to use when neither pool has MIN_PRIOR_COURSES other
    courses (default: uniform).
    """
    data = _course_data(reviews, categories or {}, weights or {}, fallback or {})
    return {
        cid: estimate(cid, d.counts, d.prior, n=d.n, category=d.category) for cid, d in data.items()
    }


def prob_better(a: RatingEstimate, b: RatingEstimate) -> float:
    """Posterior probability that course `a`'s mean score exceeds `b`'s (ties count half)."""
    wins = np.mean(a.draws > b.draws)
    ties = np.mean(a.draws == b.draws)
    return float(wins + 0.5 * ties)


# ---------------------------------------------------------------- categories and backgrounds


def course_category(course: Course, taxonomy: Taxonomy) -> str | None:
    """The skill category a course teaches most of (summed levels); ties alphabetically."""
    totals: dict[str, int] = defaultdict(int)
    for skill_id, level in course.teaches.items():
        if skill_id in taxonomy:
            totals[taxonomy[skill_id].category] += int(level)
    if not totals:
        return None
    return min(totals, key=lambda cat: (-totals[cat], cat))


def course_categories(courses: Iterable[Course], taxonomy: Taxonomy) -> dict[str, str | None]:
    return {c.id: course_category(c, taxonomy) for c in courses}


# Ordered: the first rule whose pattern occurs in the normalised role names the background.
BACKGROUND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("student", r"\b(student|undergrad\w*|grad student|phd student|learner|bootcamp)\b"),
        (
            "ml-engineer",
            r"\b(ml|machine learning|mlops|ai|deep learning|llm)\s*(engineer|ops)\b"
            r"|\bmlops\b",
        ),
        ("researcher", r"\b(research\w*|professor|academic|postdoc)\b"),
        ("data-scientist", r"\bdata scien\w*|\bapplied scientist\b|\bstatistician\b"),
        ("data-engineer", r"\bdata (engineer|architect)\w*|\banalytics engineer\b"),
        ("analyst", r"\banalyst\b|\bbusiness intelligence\b|\bbi developer\b"),
        (
            "software-engineer",
            r"\b(software|backend|frontend|full[ -]?stack|web|platform)"
            r"\s*(engineer|developer|dev)\b|\bdeveloper\b|\bprogrammer\b|\bswe\b",
        ),
        ("manager", r"\b(manager|lead|head of|director|cto|vp)\b"),
    )
)
UNKNOWN_BACKGROUND = "unknown"
OTHER_BACKGROUND = "other"


def background_of(reviewer_role: str | None) -> str:
    """Group a free-text reviewer role into a background ('ML engineer' -> 'ml-engineer')."""
    if reviewer_role is None or not reviewer_role.strip():
        return UNKNOWN_BACKGROUND
    text = re.sub(r"[\s_/-]+", " ", reviewer_role.lower()).strip()
    for name, pattern in BACKGROUND_RULES:
        if pattern.search(text):
            return name
    return OTHER_BACKGROUND


# ---------------------------------------------------------------- rankings


@dataclass(frozen=True)
class RankedCourse:
    position: int
    estimate: RatingEstimate
    p_beats_next: float | None  # P(this course beats the next one down); None for the last


@dataclass(frozen=True)
class Ranking:
    entries: tuple[RankedCourse, ...]
    clear_margin: bool
    p_top_beats_runner_up: float | None
    not_separable: tuple[str, ...]  # the top course and those it does not clearly beat
    claim: str
    threshold: float = CLEAR_MARGIN

    def as_dict(self) -> dict[str, object]:
        return {
            "claim": self.claim,
            "clear_margin": self.clear_margin,
            "threshold": self.threshold,
            "p_top_beats_runner_up": self.p_top_beats_runner_up,
            "not_separable": list(self.not_separable),
            "courses": [
                {
                    "position": e.position,
                    **e.estimate.as_dict(),
                    "p_beats_next": e.p_beats_next,
                }
                for e in self.entries
            ],
        }


def _order_key(e: RatingEstimate) -> tuple[float, float, str]:
    return (-e.mean, -e.n_effective, e.course_id)


def rank(
    estimates: Iterable[RatingEstimate],
    *,
    threshold: float = CLEAR_MARGIN,
    label: Callable[[str], str] | None = None,
) -> Ranking:
    """Rank by posterior mean; claim a clear leader only when P(top beats #2) >= threshold."""
    name = label or (lambda course_id: course_id)
    ordered = sorted(estimates, key=_order_key)
    entries = tuple(
        RankedCourse(
            position=i + 1,
            estimate=e,
            p_beats_next=prob_better(e, ordered[i + 1]) if i + 1 < len(ordered) else None,
        )
        for i, e in enumerate(ordered)
    )
    if not ordered:
        return Ranking((), False, None, (), "No course here has practitioner reviews.", threshold)
    top = ordered[0]
    if len(ordered) == 1:
        claim = (
            f"{name(top.course_id)} is the only course here with practitioner reviews "
            f"(n={top.n}); there is nothing to compare it with."
        )
        return Ranking(entries, False, None, (top.course_id,), claim, threshold)

    p_runner = prob_better(top, ordered[1])
    if p_runner >= threshold:
        claim = (
            f"{name(top.course_id)} is the highest-rated by a clear margin: "
            f"P(better than {name(ordered[1].course_id)}) = {p_runner:.3f} >= {threshold:g}."
        )
        return Ranking(entries, True, p_runner, (top.course_id,), claim, threshold)

    behind = [e.course_id for e in ordered[1:] if prob_better(top, e) < threshold]
    tied = (top.course_id, *behind)
    names = ", ".join(name(c) for c in tied)
    claim = (
        f"The top {len(tied)} ({names}) are not separable: P({name(top.course_id)} better than "
        f"{name(ordered[1].course_id)}) = {p_runner:.3f} < {threshold:g}."
    )
    return Ranking(entries, False, p_runner, tied, claim, threshold)


def rank_by_background(
    reviews: Sequence[Review],
    categories: Mapping[str, str | None] | None = None,
    weights: Mapping[ReviewKey, float] | None = None,
    *,
    threshold: float = CLEAR_MARGIN,
    label: Callable[[str], str] | None = None,
    courses: Collection[str] | None = None,
) -> dict[str, Ranking]:
    """One ranking per reviewer background, each from that background's reviews only
    (its priors pooled from the same background, so a generous group is compared with itself;
    where a background has too few reviewed courses to pool, the all-reviewer prior is used).
    `courses` limits what is ranked (priors still pool every course); backgrounds with no
    review of those courses are left out.
    """
    everyone = {
        cid: replace(prior, source=f"all reviewers' {prior.source}")
        for cid, prior in priors_for(reviews, categories, weights).items()
    }
    groups: dict[str, list[Review]] = defaultdict(list)
    for r in reviews:
        groups[background_of(r.reviewer_role)].append(r)
    out: dict[str, Ranking] = {}
    for background, items in sorted(groups.items()):
        found = estimate_all(items, categories, weights, fallback=everyone).values()
        kept = [e for e in found if courses is None or e.course_id in courses]
        if kept:
            out[background] = rank(kept, threshold=threshold, label=label)
    return out


# ---------------------------------------------------------------- quality for planner / fit


def course_quality(
    courses: Iterable[Course],
    reviews: Iterable[Review],
    *,
    categories: Mapping[str, str | None] | None = None,
    weights: Mapping[ReviewKey, float] | None = None,
    estimates: Mapping[str, RatingEstimate] | None = None,
) -> dict[str, CourseQuality]:
    """Quality evidence for every course: practitioner estimate (with its lower bound) and,
    kept apart, the external rating normalised to 0-1 with its count."""
    if estimates is None:
        estimates = estimate_all(reviews, categories, weights)
    out: dict[str, CourseQuality] = {}
    for course in courses:
        est = estimates.get(course.id)
        ext = course.external_rating
        out[course.id] = CourseQuality(
            practitioner_mean=est.mean if est else None,
            practitioner_low=est.low if est else None,
            practitioner_n=est.n if est else 0,
            external_value=ext.value / ext.scale if ext else None,
            external_count=ext.count if ext else None,
        )
    return out
