from __future__ import annotations

from datetime import date, timedelta

import pytest

from coursestack.domain import Review
from coursestack.engine import review_flags as rf
from coursestack.engine.ratings import estimate_all
from coursestack.engine.review_flags import FlagKind, flag_reviews

START = date(2024, 1, 1)


def review(course: str, who: str, score: float, day: int, text: str | None = None) -> Review:
    return Review(
        course_id=course,
        reviewer=who,
        score=score,
        date=START + timedelta(days=day),
        text=text,
    )


def steady(course: str, count: int, every_days: int = 30, score: float = 7) -> list[Review]:
    return [review(course, f"{course}-steady{i}", score, i * every_days) for i in range(count)]


def kinds(report: rf.FlagReport, course: str, who: str) -> set[FlagKind]:
    return {f.kind for f in report.flags if f.key == (course, who)}


def test_burst_of_duplicated_reviews_is_flagged_and_down_weighted() -> None:
    text = "Best course ever!!! Changed my life, buy it now, five stars."
    burst = [review("c", f"bot{i}", 10, 400 + i % 2, text) for i in range(8)]
    data = steady("c", 12) + burst
    report = flag_reviews(data)
    for r in burst:
        assert kinds(report, "c", r.reviewer) == {FlagKind.BURST, FlagKind.DUPLICATE}
        assert report.weights[("c", r.reviewer)] == pytest.approx(rf.BURST_WEIGHT / 8)
    assert all(("c", r.reviewer) not in report.weights for r in steady("c", 12))
    # Listed, not dropped: the estimate still counts every review, at reduced weight.
    plain = estimate_all(data)["c"]
    weighted = estimate_all(data, weights=report.weights)["c"]
    assert weighted.n == plain.n == 20
    assert weighted.n_effective == pytest.approx(12 + 8 * rf.BURST_WEIGHT / 8)
    assert weighted.mean < plain.mean


def test_steady_stream_and_a_small_cluster_are_not_bursts() -> None:
    busy = [review("b", f"u{i}", 8, i // 3) for i in range(300)]  # 3 a day for 100 days
    few = [
        *steady("s", 10),
        *(review("s", f"x{i}", 8, 500) for i in range(rf.BURST_MIN_REVIEWS - 1)),
    ]
    report = flag_reviews(busy + few)
    assert not [f for f in report.flags if f.kind is FlagKind.BURST]


def test_burst_needs_the_window_threshold() -> None:
    n = rf.BURST_MIN_REVIEWS
    inside = [review("c", f"b{i}", 9, 100 + i % rf.BURST_WINDOW_DAYS) for i in range(n)]
    spread = [review("d", f"b{i}", 9, 100 + i * rf.BURST_WINDOW_DAYS) for i in range(n)]
    report = flag_reviews(inside + spread)
    assert {f.course_id for f in report.flags if f.kind is FlagKind.BURST} == {"c"}


def test_near_duplicates_within_a_course_and_exact_copies_across_courses() -> None:
    text = "The labs are guided notebooks on clean data, good intro to regression."
    near = text.replace("good", "a good")
    data = [
        review("c", "a", 8, 1, text),
        review("c", "b", 8, 90, near),
        review("d", "e", 8, 200, text.upper() + "!!"),
        review("d", "f", 8, 300, "Completely different words about deployment and serving."),
        review("d", "g", 8, 310, "Great course!"),
        review("e", "h", 8, 320, "Great course!"),
    ]
    report = flag_reviews(data)
    dup = {f.key: f for f in report.flags if f.kind is FlagKind.DUPLICATE}
    assert set(dup) == {("c", "a"), ("c", "b"), ("d", "e")}
    assert all(f.weight == pytest.approx(1 / 3) for f in dup.values())
    assert "2 courses" in dup[("c", "a")].reason


def test_outlier_reviewer_needs_enough_reviews_far_from_consensus() -> None:
    data: list[Review] = []
    for c in ("c1", "c2", "c3", "c4"):
        data += [review(c, f"{c}-p{i}", s, 30 * i) for i, s in enumerate([8, 9, 8, 7])]
        data.append(review(c, "troll", 1, 200))
    data += [review(c, "one-off", 1, 210) for c in ("c1", "c2")]  # too few reviews to judge
    report = flag_reviews(data)
    outliers = {f.reviewer for f in report.flags if f.kind is FlagKind.OUTLIER}
    assert outliers == {"troll"}
    assert report.weights[("c1", "troll")] == rf.OUTLIER_WEIGHT
    assert len(report.for_course("c1")) == 1
