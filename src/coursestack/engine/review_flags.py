"""Suspicious reviews: bursts, duplicated texts and reviewers far from consensus.

Flagged reviews are down-weighted (their weights feed `ratings.review_weights`) and listed
with the reason; nothing is dropped. Thresholds are named constants so a reader can see and
question them.

* Burst: at least BURST_MIN_REVIEWS reviews of one course within BURST_WINDOW_DAYS, and that
  many being at least BURST_RATE_FACTOR times what the course's rate outside the window
  predicts (a course with no other reviews predicts nothing, so a lone burst counts).
* Duplicate: texts equal after normalising case, punctuation and spacing (any course), or
  near-equal (rapidfuzz ratio >= NEAR_DUPLICATE_RATIO) within one course. Texts shorter than
  MIN_DUPLICATE_CHARS are ignored ("Great course!" is written independently by many people).
  A group of k copies shares one review's weight: each copy gets 1/k.
* Outlier reviewer: a reviewer with at least OUTLIER_MIN_REVIEWS reviews that have a
  consensus (the mean of at least CONSENSUS_MIN_OTHERS other reviews of the same course)
  whose mean absolute distance from that consensus is at least OUTLIER_DISTANCE points.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from rapidfuzz import fuzz, process

from coursestack.domain import Review
from coursestack.engine.ratings import ReviewKey

BURST_WINDOW_DAYS = 3
BURST_MIN_REVIEWS = 5
BURST_RATE_FACTOR = 5.0
BURST_WEIGHT = 0.5

MIN_DUPLICATE_CHARS = 30
NEAR_DUPLICATE_RATIO = 92.0  # rapidfuzz ratio, 0-100

OUTLIER_MIN_REVIEWS = 3
CONSENSUS_MIN_OTHERS = 3
OUTLIER_DISTANCE = 3.0  # score points, 0-10 scale
OUTLIER_WEIGHT = 0.5


class FlagKind(StrEnum):
    BURST = "burst"
    DUPLICATE = "duplicate"
    OUTLIER = "outlier-reviewer"


@dataclass(frozen=True)
class ReviewFlag:
    course_id: str
    reviewer: str
    kind: FlagKind
    reason: str
    weight: float  # multiplier this flag applies to the review's weight

    @property
    def key(self) -> ReviewKey:
        return (self.course_id, self.reviewer)


@dataclass(frozen=True)
class FlagReport:
    flags: tuple[ReviewFlag, ...]
    weights: dict[ReviewKey, float]  # every flagged review's combined weight (product)

    def for_course(self, course_id: str) -> list[ReviewFlag]:
        return [f for f in self.flags if f.course_id == course_id]


def flag_reviews(reviews: Sequence[Review]) -> FlagReport:
    flags = [*_bursts(reviews), *_duplicates(reviews), *_outliers(reviews)]
    flags.sort(key=lambda f: (f.course_id, f.reviewer, f.kind))
    weights: dict[ReviewKey, float] = {}
    for f in flags:
        weights[f.key] = weights.get(f.key, 1.0) * f.weight
    return FlagReport(tuple(flags), weights)


# ---------------------------------------------------------------- bursts


def _bursts(reviews: Sequence[Review]) -> list[ReviewFlag]:
    by_course: dict[str, list[Review]] = defaultdict(list)
    for r in reviews:
        by_course[r.course_id].append(r)
    out: list[ReviewFlag] = []
    for course_id, items in by_course.items():
        items.sort(key=lambda r: (r.date, r.reviewer))
        days = [r.date.toordinal() for r in items]
        span = days[-1] - days[0] + 1
        flagged: set[int] = set()
        start = 0
        for end in range(len(items)):
            while days[end] - days[start] >= BURST_WINDOW_DAYS:
                start += 1
            inside = end - start + 1
            if inside < BURST_MIN_REVIEWS:
                continue
            outside_days = span - BURST_WINDOW_DAYS
            outside = len(items) - inside
            expected = outside / outside_days * BURST_WINDOW_DAYS if outside_days > 0 else 0.0
            if inside >= BURST_RATE_FACTOR * expected:
                flagged.update(range(start, end + 1))
        for i in sorted(flagged):
            out.append(
                ReviewFlag(
                    course_id,
                    items[i].reviewer,
                    FlagKind.BURST,
                    f"one of a burst of at least {BURST_MIN_REVIEWS} reviews of this course "
                    f"within {BURST_WINDOW_DAYS} days (around {items[i].date.isoformat()})",
                    BURST_WEIGHT,
                )
            )
    return out


# ---------------------------------------------------------------- duplicates


_NON_WORD = re.compile(r"[^\w]+")


def normalise_text(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


def _duplicates(reviews: Sequence[Review]) -> list[ReviewFlag]:
    candidates = [
        (r, normalise_text(r.text))
        for r in reviews
        if r.text is not None and len(normalise_text(r.text)) >= MIN_DUPLICATE_CHARS
    ]
    # Union-find over review indexes: exact duplicates anywhere, near ones within a course.
    parent = list(range(len(candidates)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    first_with_text: dict[str, int] = {}
    by_course: dict[str, list[int]] = defaultdict(list)
    for i, (r, text) in enumerate(candidates):
        if text in first_with_text:
            union(i, first_with_text[text])
        else:
            first_with_text[text] = i
        by_course[r.course_id].append(i)
    for indexes in by_course.values():
        if len(indexes) < 2:
            continue
        texts = [candidates[i][1] for i in indexes]
        scores = process.cdist(
            texts, texts, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE_RATIO, dtype=np.uint8
        )
        rows, cols = np.nonzero(np.triu(scores, k=1))
        for a, b in zip(rows.tolist(), cols.tolist(), strict=True):
            union(indexes[a], indexes[b])

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(candidates)):
        groups[find(i)].append(i)
    out: list[ReviewFlag] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        courses = {candidates[i][0].course_id for i in members}
        where = "this course" if len(courses) == 1 else f"{len(courses)} courses"
        for i in members:
            r = candidates[i][0]
            out.append(
                ReviewFlag(
                    r.course_id,
                    r.reviewer,
                    FlagKind.DUPLICATE,
                    f"text (near-)identical to {len(members) - 1} other review(s) on {where}; "
                    f"the {len(members)} copies share one review's weight",
                    1.0 / len(members),
                )
            )
    return out


# ---------------------------------------------------------------- outlier reviewers


def _outliers(reviews: Sequence[Review]) -> list[ReviewFlag]:
    sums: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for r in reviews:
        sums[r.course_id] += r.score
        counts[r.course_id] += 1
    distances: dict[str, list[float]] = defaultdict(list)
    for r in reviews:
        others = counts[r.course_id] - 1
        if others >= CONSENSUS_MIN_OTHERS:
            consensus = (sums[r.course_id] - r.score) / others
            distances[r.reviewer].append(abs(r.score - consensus))
    outliers: dict[str, float] = {}
    for reviewer, dist in distances.items():
        if len(dist) >= OUTLIER_MIN_REVIEWS and float(np.mean(dist)) >= OUTLIER_DISTANCE:
            outliers[reviewer] = float(np.mean(dist))
    return [
        ReviewFlag(
            r.course_id,
            r.reviewer,
            FlagKind.OUTLIER,
            f"reviewer's scores sit {outliers[r.reviewer]:.1f} points from other reviewers' "
            f"mean on average, over {len(distances[r.reviewer])} reviewed courses",
            OUTLIER_WEIGHT,
        )
        for r in reviews
        if r.reviewer in outliers
    ]
