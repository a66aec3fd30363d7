"""The one estimate pipeline: flag suspicious reviews, weight them (flags x optional
recency), pool priors by course category, estimate. Every rank, guide, fit and plan reads
practitioner figures through here, so they never disagree about a course."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from coursestack.domain import Course, Review
from coursestack.engine import ratings
from coursestack.engine.review_flags import FlagReport, flag_reviews
from coursestack.engine.taxonomy import Taxonomy


@dataclass(frozen=True)
class Estimates:
    estimates: dict[str, ratings.RatingEstimate]
    flags: FlagReport
    categories: dict[str, str | None]
    weights: dict[ratings.ReviewKey, float]
    reviews: list[Review]


def estimate_reviews(
    reviews: Sequence[Review],
    courses: Mapping[str, Course],
    taxonomy: Taxonomy,
    *,
    half_life_days: float | None = None,
) -> Estimates:
    """Flags, weights, category priors and estimates for every reviewed course.

    `courses` must hold at least every reviewed course (categories come from them)."""
    flags = flag_reviews(reviews)
    weights = ratings.review_weights(reviews, flags.weights, half_life_days=half_life_days)
    categories = {cid: ratings.course_category(c, taxonomy) for cid, c in courses.items()}
    found = ratings.estimate_all(reviews, categories, weights)
    return Estimates(found, flags, categories, weights, list(reviews))
