"""Platforms side by side, from the catalog's own data.

Every figure carries its n (courses it was computed from); a value the catalog does not know
is excluded from the statistic and counted under `unknown`, never guessed. Costs are only
summarised within one price model and one currency (a median over USD and INR is no figure).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass

import numpy as np

from coursestack.domain import Course, HandsOn, PriceModel
from coursestack.engine.ratings import RatingEstimate

# Ratings pile up near the top, so the histogram is finer there.
EXTERNAL_EDGES = (0.0, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0)  # normalised value/scale
PRACTITIONER_EDGES = (0.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0)  # posterior mean, 0-10
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Tally:
    counts: dict[str, int]  # known values only
    unknown: int

    @property
    def n(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Stats:
    n: int
    unknown: int
    median: float | None
    q25: float | None
    q75: float | None
    min: float | None
    max: float | None


@dataclass(frozen=True)
class Share:
    share: float | None  # of courses whose value is known
    n: int
    unknown: int


@dataclass(frozen=True)
class CostFigure:
    model: str
    currency: str
    stats: Stats  # amounts; per month for subscriptions


@dataclass(frozen=True)
class RatingSummary:
    stats: Stats
    histogram: dict[str, int]
    reviews: int  # reviews behind the figures (known counts only)
    reviews_unknown: int  # rated courses whose review count is unknown
    sources: tuple[str, ...]


@dataclass(frozen=True)
class PlatformSummary:
    platform: str
    courses: int
    levels: Tally
    price_models: Tally
    typical_cost: tuple[CostFigure, ...]
    cost_unknown: int  # paid courses whose amount or currency is unknown
    certificates: Tally
    # independent projects, and capstones apart: a capstone is set and guided by the course
    # (guides say an independent project still has to follow it); counted together, 129
    # capstones made Coursera '32% with independent projects'
    independent_projects: Share
    capstones: Share
    pedagogy: Tally
    effort_hours: Stats
    # weeks of the courses listing a length but no weekly hours ('1 - 3 Months'): left out of
    # effort_hours, Coursera's median was its 49 guided projects' 2 h
    length_weeks: Stats
    external_rating: RatingSummary  # normalised to 0-1
    practitioner_rating: RatingSummary  # posterior means, 0-10
    # of the listed efforts, the share counting video time only (Udemy's content length)
    effort_video_share: float | None = None

    def as_dict(self) -> dict[str, object]:
        out = asdict(self)
        for key in ("levels", "price_models", "certificates", "pedagogy"):
            out[key]["n"] = getattr(self, key).n
        return out


def stats(values: Sequence[float], unknown: int = 0) -> Stats:
    if not values:
        return Stats(0, unknown, None, None, None, None, None)
    arr = np.asarray(values, dtype=np.float64)
    q25, median, q75 = (float(x) for x in np.quantile(arr, [0.25, 0.5, 0.75]))
    return Stats(len(values), unknown, median, q25, q75, float(arr.min()), float(arr.max()))


def _tally(values: Iterable[str | None]) -> Tally:
    counts: Counter[str] = Counter()
    unknown = 0
    for v in values:
        if v is None:
            unknown += 1
        else:
            counts[v] += 1
    return Tally(dict(sorted(counts.items())), unknown)


def histogram(values: Sequence[float], edges: Sequence[float]) -> dict[str, int]:
    counts, _ = np.histogram(np.asarray(values, dtype=np.float64), bins=np.asarray(edges))
    return {f"{lo:g}-{hi:g}": int(c) for lo, hi, c in zip(edges, edges[1:], counts, strict=False)}


def _costs(courses: Sequence[Course]) -> tuple[tuple[CostFigure, ...], int]:
    amounts: dict[tuple[str, str], list[float]] = defaultdict(list)
    unknown = 0
    for c in courses:
        model = c.price.model
        if model in (PriceModel.SUBSCRIPTION, PriceModel.ONE_TIME):
            if c.price.amount is None or c.price.currency is None:
                unknown += 1
            else:
                amounts[(model.value, c.price.currency.upper())].append(c.price.amount)
        elif model is PriceModel.FREE:
            amounts[(model.value, "-")].append(0.0)
        elif model is PriceModel.FREE_AUDIT and c.price.certificate_amount is not None:
            # Free to learn; the figure is what the certificate upgrade costs.
            if c.price.currency is None:
                unknown += 1
            else:
                key = (f"{model.value} certificate", c.price.currency.upper())
                amounts[key].append(c.price.certificate_amount)
    figures = tuple(
        CostFigure(model, currency, stats(values))
        for (model, currency), values in sorted(amounts.items())
    )
    return figures, unknown


def _external(courses: Sequence[Course]) -> RatingSummary:
    rated = [c.external_rating for c in courses if c.external_rating is not None]
    values = [r.value / r.scale for r in rated]
    return RatingSummary(
        stats=stats(values, unknown=len(courses) - len(rated)),
        histogram=histogram(values, EXTERNAL_EDGES),
        reviews=sum(r.count for r in rated if r.count is not None),
        reviews_unknown=sum(1 for r in rated if r.count is None),
        sources=tuple(sorted({r.source for r in rated})),
    )


def _practitioner(
    courses: Sequence[Course], estimates: Mapping[str, RatingEstimate]
) -> RatingSummary:
    found = [estimates[c.id] for c in courses if c.id in estimates]
    means = [e.mean for e in found]
    return RatingSummary(
        stats=stats(means, unknown=len(courses) - len(found)),
        histogram=histogram(means, PRACTITIONER_EDGES),
        reviews=sum(e.n for e in found),
        reviews_unknown=0,
        sources=("practitioner reviews",) if found else (),
    )


def summarise_platform(
    platform: str, courses: Sequence[Course], estimates: Mapping[str, RatingEstimate]
) -> PlatformSummary:
    hands_on_known = [c.hands_on for c in courses if c.hands_on is not None]
    efforts = [c.effort.total_hours() for c in courses]
    known_efforts = [h for h in efforts if h is not None]
    lengths = [
        c.effort.weeks
        for c, hours in zip(courses, efforts, strict=True)
        if hours is None and c.effort.weeks
    ]
    typical_cost, cost_unknown = _costs(courses)
    return PlatformSummary(
        platform=platform,
        courses=len(courses),
        levels=_tally(c.level.value if c.level else None for c in courses),
        price_models=_tally(_pricing(c) for c in courses),
        typical_cost=typical_cost,
        cost_unknown=cost_unknown,
        certificates=_tally(c.certificate.value if c.certificate else None for c in courses),
        independent_projects=_share(hands_on_known, HandsOn.INDEPENDENT_PROJECTS, len(courses)),
        capstones=_share(hands_on_known, HandsOn.CAPSTONE, len(courses)),
        pedagogy=_tally(c.pedagogy.value if c.pedagogy else None for c in courses),
        effort_hours=stats(known_efforts, unknown=len(efforts) - len(known_efforts)),
        length_weeks=stats(lengths, unknown=len(efforts) - len(known_efforts) - len(lengths)),
        effort_video_share=(
            sum(1 for c in courses if c.effort.video_only and c.effort.total_hours() is not None)
            / len(known_efforts)
            if known_efforts
            else None
        ),
        external_rating=_external(courses),
        practitioner_rating=_practitioner(courses, estimates),
    )


def _share(known: Sequence[HandsOn], kind: HandsOn, courses: int) -> Share:
    hits = sum(1 for h in known if h is kind)
    return Share(share=hits / len(known) if known else None, n=len(known),
                 unknown=courses - len(known))  # fmt: skip


def compare_platforms(
    courses: Iterable[Course], estimates: Mapping[str, RatingEstimate] | None = None
) -> list[PlatformSummary]:
    """One summary per platform, largest catalog first (ties by name)."""
    by_platform: dict[str, list[Course]] = defaultdict(list)
    for c in courses:
        by_platform[c.platform].append(c)
    ordered = sorted(by_platform.items(), key=lambda item: (-len(item[1]), item[0]))
    return [summarise_platform(p, items, estimates or {}) for p, items in ordered]


PAID_UNSTATED = "paid"  # an amount with no stated model (and often no currency)


def _pricing(course: Course) -> str | None:
    """The price model, or PAID_UNSTATED for a row stating an amount but not how it is paid
    (Coursera's domain dump marks 1,187 rows 'Paid' with an amount in an unstated currency:
    left out, the platform read as 'mostly free')."""
    price = course.price
    if price.model is not None:
        return price.model.value
    if price.amount is not None and price.amount > 0:
        return PAID_UNSTATED
    return None
