from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from coursestack.domain import (
    CertificateKind,
    Course,
    CourseLevel,
    Effort,
    ExternalRating,
    HandsOn,
    Pedagogy,
    Price,
    PriceModel,
    Review,
)
from coursestack.engine.platforms import compare_platforms, histogram, stats
from coursestack.engine.ratings import estimate_all


def course(cid: str, platform: str, **kw: Any) -> Course:
    return Course(id=cid, title=cid, platform=platform, **kw)


CATALOG = [
    course(
        "c1",
        "coursera",
        level=CourseLevel.BEGINNER,
        price=Price(model=PriceModel.SUBSCRIPTION, amount=49, currency="USD"),
        certificate=CertificateKind.UNIVERSITY,
        hands_on=HandsOn.GUIDED_LABS,
        pedagogy=Pedagogy.THEORY_FIRST,
        effort=Effort(hours=40),
        external_rating=ExternalRating(value=4.8, scale=5, count=49_400, source="dump-a"),
    ),
    course(
        "c2",
        "coursera",
        level=CourseLevel.INTERMEDIATE,
        price=Price(model=PriceModel.SUBSCRIPTION, amount=59, currency="usd"),
        hands_on=HandsOn.CAPSTONE,
        effort=Effort(weeks=4, hours_per_week_low=5, hours_per_week_high=7),
        external_rating=ExternalRating(value=4.6, scale=5, source="dump-a"),
    ),
    course(
        "c3",
        "coursera",
        price=Price(model=PriceModel.SUBSCRIPTION),  # amount unknown
        pedagogy=Pedagogy.CODE_FIRST,
    ),
    course("u1", "udemy", price=Price(model=PriceModel.ONE_TIME, amount=15, currency="USD")),
    course("u2", "udemy", price=Price(model=PriceModel.ONE_TIME, amount=900, currency="INR")),
    course("k1", "kaggle-learn", price=Price(model=PriceModel.FREE)),
]


def test_figures_per_platform_with_unknowns_counted_not_guessed() -> None:
    found = {s.platform: s for s in compare_platforms(CATALOG)}
    assert list(found) == ["coursera", "udemy", "kaggle-learn"]
    c = found["coursera"]
    assert c.courses == 3
    assert c.levels.counts == {"beginner": 1, "intermediate": 1} and c.levels.unknown == 1
    assert c.price_models.counts == {"subscription": 3} and c.price_models.unknown == 0
    (cost,) = c.typical_cost
    assert (cost.model, cost.currency, cost.stats.n, cost.stats.median) == (
        "subscription",
        "USD",
        2,
        54.0,
    )
    assert c.cost_unknown == 1
    assert c.certificates.counts == {"university": 1} and c.certificates.unknown == 2
    # a capstone is not an independent project: counted apart
    assert c.independent_projects.share == 0.0 and c.independent_projects.n == 2
    assert c.capstones.share == 0.5 and c.independent_projects.unknown == 1
    assert c.pedagogy.counts == {"code-first": 1, "theory-first": 1}
    assert c.effort_hours.n == 2 and c.effort_hours.median == pytest.approx(32.0)
    assert c.effort_hours.unknown == 1
    assert c.length_weeks.n == 0  # no course lists a length without its weekly hours
    ext = c.external_rating
    assert ext.stats.n == 2 and ext.stats.unknown == 1
    assert ext.stats.median == pytest.approx(0.94)
    assert ext.reviews == 49_400 and ext.reviews_unknown == 1
    assert ext.sources == ("dump-a",)
    assert c.practitioner_rating.stats.n == 0 and c.practitioner_rating.stats.median is None


def test_costs_never_mix_currencies() -> None:
    udemy = next(s for s in compare_platforms(CATALOG) if s.platform == "udemy")
    assert [(f.currency, f.stats.median) for f in udemy.typical_cost] == [
        ("INR", 900.0),
        ("USD", 15.0),
    ]
    assert udemy.independent_projects.share is None


def test_practitioner_distribution_comes_from_estimates() -> None:
    reviews = [
        Review(course_id=cid, reviewer=f"r{i}", score=s, date=date(2025, 1, 1))
        for cid, scores in (("c1", [9, 9, 8]), ("c2", [7]))
        for i, s in enumerate(scores)
    ]
    est = estimate_all(reviews)
    c = compare_platforms(CATALOG, est)[0]
    pr = c.practitioner_rating
    assert pr.stats.n == 2 and pr.stats.unknown == 1 and pr.reviews == 4
    assert sum(pr.histogram.values()) == 2
    assert pr.stats.max == pytest.approx(est["c1"].mean)
    d = c.as_dict()
    assert d["levels"]["n"] == 2  # type: ignore[index]


def test_helpers() -> None:
    assert stats([]).median is None
    assert histogram([1.0, 0.95, 0.5], (0.0, 0.9, 1.0)) == {"0-0.9": 1, "0.9-1": 2}


def test_the_share_of_listed_efforts_counting_video_only() -> None:
    from coursestack.domain import Effort

    courses = [
        course("v1", "udemy", effort=Effort(hours=2, text="2 hours of video")),
        course("v2", "udemy", effort=Effort(hours=5, text="5 hours of video")),
        course("h1", "udemy", effort=Effort(hours=20)),
        course("n1", "udemy"),
    ]
    (summary,) = compare_platforms(courses)
    assert summary.effort_video_share == 2 / 3
    assert summary.as_dict()["effort_video_share"] == 2 / 3


def test_lengths_without_weekly_hours_are_their_own_figure() -> None:
    from coursestack.domain import Effort

    # Coursera's '1 - 3 Months' rows: left out of the hours, the median was its 2 h projects
    courses = [
        course("p1", "coursera", effort=Effort(hours=2)),
        *(course(f"m{i}", "coursera", effort=Effort(weeks=8.7, text="1 - 3 Months"))
          for i in range(3)),
        course("n1", "coursera"),
    ]  # fmt: skip
    (summary,) = compare_platforms(courses)
    assert summary.effort_hours.n == 1 and summary.effort_hours.median == 2
    assert summary.length_weeks.n == 3 and summary.length_weeks.median == pytest.approx(8.7)
    assert summary.length_weeks.unknown == 1


def test_an_amount_without_a_stated_model_counts_as_paid() -> None:
    from coursestack.engine.platforms import PAID_UNSTATED, summarise_platform

    rows = [
        Course(id=f"p{i}", title="t", platform="coursera", price=Price(amount=3052.76))
        for i in range(3)
    ] + [Course(id="f", title="t", platform="coursera", price=Price(model=PriceModel.FREE))]
    summary = summarise_platform("coursera", rows, {})
    assert summary.price_models.counts == {PAID_UNSTATED: 3, "free": 1}
