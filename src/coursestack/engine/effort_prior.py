"""Typical listed effort (and price) of comparable courses, for entries that list none.

A course without a listed effort is not free of time. Rather than drop it from every plan
with a deadline, the pace model may assume the median listed effort of comparable courses —
first those of the same kind teaching about as many catalog skills (BREADTH: 1-2, 3-5, 6 or
more; on the same platform, else anywhere), then courses of a similar size (short / single
course / program) at the same level (beginner / intermediate / advanced: on the six dumps
advanced single courses list a median 70 h, beginner ones 22 h; a 10-week Stanford lecture
course with heavy assignments came out at 24 h), then the same platform and kind, else the
same kind anywhere, else courses of a similar size; each only when at least MIN_LISTED of
them list a figure — and says so in its `basis`. Breadth comes
first because a platform's median is mostly its off-topic catalog: on the six dumps Udemy's
courses teaching no catalog skill list a median 2 h, those teaching 1-2 skills 3.5 h, and
edX's 21 h for 1-2 skills, 35 h for 3-5; a curated 11-skill bootcamp with no figure was
planned at Udemy's 2 h. The catalog entry itself stays null: this is an estimate made at
planning time by a stated rule, never a catalog fact.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import median

from coursestack.domain import Course

MIN_LISTED = 5  # comparable courses with a listed figure before their median is used
ANY_PLATFORM = "*"
# Kinds of a similar size, pooled when one kind alone has too few listed figures: a
# specialization with no figure is better compared with other programs than with nothing.
SIZE_CLASS = {
    "short-course": "short courses",
    "guided-project": "short courses",
    "course": "single courses",
    "free-course": "single courses",
    "specialization": "programs and certificates",
    "professional-certificate": "programs and certificates",
    "program": "programs and certificates",
    "bootcamp": "programs and certificates",
}


@dataclass(frozen=True, slots=True)
class TypicalEffort:
    hours: float  # median listed hours
    n: int  # courses behind the median
    platform: str  # a platform, or ANY_PLATFORM
    kind: str
    weeks: float | None = None  # set when the figure is listed weeks x typical weekly hours
    breadth: str | None = None  # set when the courses were those teaching this many skills
    level: str | None = None  # set when the courses were those of this level
    program: str | None = None  # set when the figure is a share of this program's listed effort
    siblings_of: str | None = None  # set when it is the mean of this program's other parts
    # most of the figures behind the median count video time only (Udemy's lengths): the
    # assumed figure is then a floor, as a listed video length is (engine.pace)
    video: bool = False

    def describe(self) -> str:
        if self.siblings_of is not None:
            return (
                f"the mean listed effort of {self.n} other courses of {self.siblings_of} "
                f"({self.hours:.0f} h)"
            )
        if self.program is not None:
            return (
                f"an equal share of its program {self.program}'s listed "
                f"{self.hours * self.n:g} h over its {self.n} parts ({self.hours:.0f} h)"
            )
        if self.weeks is not None:
            if self.platform != ANY_PLATFORM:
                return (
                    f"{self.weeks:g} listed weeks at the median weekly load of {self.n} "
                    f"{self.platform} {self.kind} listing a weekly load or hours and weeks "
                    f"({self.hours / self.weeks:.1f} h/week)"
                )
            return (
                f"{self.weeks:g} listed weeks at the median listed load of {self.n} courses "
                f"({self.hours / self.weeks:.1f} h/week)"
            )
        where = "" if self.platform == ANY_PLATFORM else f" on {self.platform}"
        kinds = self.kind if self.kind.endswith("s") else f"{self.kind}s"
        teaching = f" teaching {self.breadth}" if self.breadth else ""
        at = f" at {self.level} level" if self.level else ""
        video = " of video" if self.video else ""
        return (
            f"the median of {self.n} listed {kinds}{where}{teaching}{at} "
            f"({self.hours:.0f} h{video})"
        )


def key(platform: str, kind: str, breadth: str | None = None) -> str:
    return f"{platform}|{kind}" if breadth is None else f"{platform}|{kind}|{breadth}"


LEVEL_PREFIX = "level:"  # third key part of the size-class-and-level medians


def breadth(course: Course) -> str | None:
    """How many catalog skills the course teaches, bucketed; None for none (its figure says
    nothing about courses a plan would use)."""
    n = len(course.teaches)
    if n == 0:
        return None
    return "1-2 skills" if n <= 2 else "3-5 skills" if n <= 5 else "6+ skills"


def _video_only(course: Course) -> bool:
    """A figure that counts video time only (Udemy's content hours, lecture recordings) is
    not a course's effort; it would drag the typical figure of everything else down."""
    words = f"{course.effort.text or ''} {course.provenance.get('effort', '')}".lower()
    return "video" in words


def typical_efforts(courses: Iterable[Course]) -> dict[str, TypicalEffort]:
    """Median listed hours per (platform, kind) and per kind, where enough courses list one.
    Programs summed from their parts are left out: only figures a source listed count, and
    video-only figures count only toward their own platform's median."""
    by_key: dict[tuple[str, str, str | None], list[float]] = defaultdict(list)
    by_level: dict[tuple[str, str], list[float]] = defaultdict(list)
    videos: dict[tuple[str, str, str | None], int] = defaultdict(int)
    for c in courses:
        hours = c.effort.total_hours()
        if hours is None or hours <= 0:
            continue
        kind, wide = c.kind.value, breadth(c)
        by_key[(c.platform, kind, None)].append(hours)
        if wide is not None:
            by_key[(c.platform, kind, wide)].append(hours)
        if _video_only(c):
            videos[(c.platform, kind, None)] += 1
            if wide is not None:
                videos[(c.platform, kind, wide)] += 1
            continue
        by_key[(ANY_PLATFORM, kind, None)].append(hours)
        by_key[(ANY_PLATFORM, SIZE_CLASS[kind], None)].append(hours)
        if wide is not None:
            by_key[(ANY_PLATFORM, kind, wide)].append(hours)
        if c.level is not None:
            by_level[(SIZE_CLASS[kind], c.level.value)].append(hours)
    table = {
        key(platform, kind, wide): TypicalEffort(
            float(median(values)),
            len(values),
            platform,
            kind,
            breadth=wide,
            video=2 * videos[(platform, kind, wide)] > len(values),
        )
        for (platform, kind, wide), values in by_key.items()
        if len(values) >= MIN_LISTED
    }
    for (size, level), values in by_level.items():
        if len(values) >= MIN_LISTED:
            table[key(ANY_PLATFORM, size, LEVEL_PREFIX + level)] = TypicalEffort(
                float(median(values)), len(values), ANY_PLATFORM, size, level=level
            )
    return table


WEEKLY = "weekly"  # key of the typical listed hours per week, over every course listing it


def typical_efforts_with_weekly(courses: Iterable[Course]) -> dict[str, TypicalEffort]:
    """`typical_efforts` plus the median weekly load (for 'N weeks' with no hours): per
    platform and size (SIZE_CLASS: a certificate's weekly load is not a short course's) where
    MIN_LISTED of its courses give one, else over every stated load."""
    items = list(courses)
    table = typical_efforts(items)
    weekly: list[float] = []
    by_platform: dict[tuple[str, str], list[float]] = defaultdict(list)
    for c in items:
        load = _weekly_load(c)
        if load is None:
            continue
        by_platform[(c.platform, SIZE_CLASS[c.kind.value])].append(load)
        if c.effort.hours_per_week_low is not None:
            weekly.append(load)
    if len(weekly) >= MIN_LISTED:
        table[WEEKLY] = TypicalEffort(float(median(weekly)), len(weekly), ANY_PLATFORM, WEEKLY)
    for (platform, size), loads in by_platform.items():
        if len(loads) >= MIN_LISTED:
            table[key(WEEKLY, platform, size)] = TypicalEffort(
                float(median(loads)), len(loads), platform, size
            )
    table.update(_part_shares(items))
    return table


def _weekly_load(course: Course) -> float | None:
    """The hours a week a course's listing gives: stated ('2-3 hours per week'), or its listed
    hours over its listed length ('200 hours of instruction' in '3 - 6 Months'). Platforms
    differ: edX's stated loads are a median 4 h a week, while Coursera's certificates listing
    hours and a length in months imply 9 (its own pages say 'at 10 hours a week'), so a
    Coursera program listed '3 - 6 Months' came out at 78 h (the Deep Learning
    Specialization: about 130 h on its page)."""
    e = course.effort
    if e.hours_per_week_low is not None:
        return (e.hours_per_week_low + (e.hours_per_week_high or e.hours_per_week_low)) / 2
    if e.hours is not None and e.hours > 0 and e.weeks and not _video_only(course):
        return e.hours / e.weeks
    return None


PART_PREFIX = "part|"  # key of a program part's share of its program's listed effort


def _part_shares(courses: list[Course]) -> dict[str, TypicalEffort]:
    """For each part of a program that lists its own effort: an equal share of it. A part
    with no figure of its own is better estimated from its program than from a calendar
    bucket at the catalog's weekly load (the Machine Learning Specialization lists 117 h over
    3 parts; its 'Advanced Learning Algorithms' part, listed '1 - 4 Weeks', came out at 10 h).
    Video-only program figures are not shared out."""
    out: dict[str, TypicalEffort] = {}
    by_id = {c.id: c for c in courses}
    for program in sorted(courses, key=lambda c: c.id):
        hours = program.effort.total_hours()
        if not program.parts or hours is None or hours <= 0 or _video_only(program):
            continue
        share = hours / (program.parts_total or len(program.parts))
        for part in program.parts:
            out.setdefault(
                PART_PREFIX + part,
                TypicalEffort(
                    share, len(program.parts), program.platform, program.kind.value,
                    program=program.title,
                ),
            )  # fmt: skip
    # then the parts of programs listing no effort, from their siblings (a program's own
    # figure, above, comes first)
    for program in sorted(courses, key=lambda c: c.id):
        if program.parts and program.effort.total_hours() is None:
            out.update(_sibling_means(program, by_id, out))
    return out


MIN_SIBLINGS = 2  # other parts of a program listing an effort before their mean is used


def _sibling_means(
    program: Course, by_id: Mapping[str, Course], taken: Mapping[str, TypicalEffort]
) -> dict[str, TypicalEffort]:
    """For a program listing no effort: each part without one gets the mean listed effort of
    the program's other parts, when MIN_SIBLINGS of them list one. MITx's Fundamentals of
    Statistics, beside two 16- and 15-week siblings at 10-14 h a week, came out at 25 h from
    edX courses teaching as many skills."""
    listed: dict[str, float] = {}
    for part_id in program.parts:
        part = by_id.get(part_id)
        hours = None if part is None or _video_only(part) else part.effort.total_hours()
        if hours is not None and hours > 0:
            listed[part_id] = hours
    out: dict[str, TypicalEffort] = {}
    for part_id in program.parts:
        if part_id in listed or part_id not in by_id or PART_PREFIX + part_id in taken:
            continue
        others = [h for pid, h in listed.items() if pid != part_id]
        if len(others) >= MIN_SIBLINGS:
            out[PART_PREFIX + part_id] = TypicalEffort(
                sum(others) / len(others), len(others), program.platform, program.kind.value,
                siblings_of=program.title,
            )  # fmt: skip
    return out


def typical_for(course: Course, table: Mapping[str, TypicalEffort]) -> TypicalEffort | None:
    kind = course.kind.value
    share = table.get(PART_PREFIX + course.id)
    if share is not None:  # its program's own figure beats any comparison
        return share
    weekly = table.get(key(WEEKLY, course.platform, SIZE_CLASS[kind])) or table.get(WEEKLY)
    if course.effort.weeks is not None and weekly is not None:
        # A listed length with no weekly load: the length at the typical load.
        return TypicalEffort(
            course.effort.weeks * weekly.hours, weekly.n, weekly.platform, weekly.kind,
            course.effort.weeks,
        )  # fmt: skip
    wide = breadth(course)
    level = course.level.value if course.level is not None else None
    return (
        (table.get(key(course.platform, kind, wide)) if wide else None)
        or (table.get(key(ANY_PLATFORM, kind, wide)) if wide else None)
        or (table.get(key(ANY_PLATFORM, SIZE_CLASS[kind], LEVEL_PREFIX + level)) if level else None)
        or table.get(key(course.platform, kind))
        or table.get(key(ANY_PLATFORM, kind))
        or table.get(key(ANY_PLATFORM, SIZE_CLASS[kind]))
    )


# ---------------------------------------------------------------- prices

BUDGET_CURRENCY = "USD"  # learners' budgets are in US dollars; other currencies never mix in


@dataclass(frozen=True, slots=True)
class TypicalPrice:
    amount: float  # median listed amount (per month for subscriptions)
    n: int
    platform: str
    model: str
    unstated_currency: bool = False  # amounts listed without a currency, counted as USD

    def describe(self) -> str:
        per = "/month" if self.model == "subscription" else ""
        if self.unstated_currency:
            return (
                f"the median of {self.n} {self.model} amounts listed on {self.platform} "
                f"without a currency ({self.amount:g}{per}, counted as {BUDGET_CURRENCY})"
            )
        return (
            f"the median of {self.n} listed {self.model} prices on {self.platform} "
            f"({self.amount:g} {BUDGET_CURRENCY}{per})"
        )


def typical_prices(courses: Iterable[Course]) -> dict[str, TypicalPrice]:
    """Median listed USD amount per (platform, paid price model), where enough courses list
    one. A paid course whose amount is unknown may be planned at this figure, labelled; the
    catalog entry stays null."""
    by_key: dict[tuple[str, str], list[float]] = defaultdict(list)
    unstated: dict[tuple[str, str], list[float]] = defaultdict(list)
    for c in courses:
        model = c.price.model
        if model is None or model.value not in ("subscription", "one-time"):
            continue
        if c.price.amount is None:
            continue
        currency = (c.price.currency or "").upper()
        if currency == BUDGET_CURRENCY:
            by_key[(c.platform, model.value)].append(c.price.amount)
        elif not currency:
            unstated[(c.platform, model.value)].append(c.price.amount)
    out = {
        key(platform, model): TypicalPrice(float(median(values)), len(values), platform, model)
        for (platform, model), values in by_key.items()
        if len(values) >= MIN_LISTED
    }
    # A platform whose dump lists amounts without a currency (Udemy's) has no USD median; its
    # own amounts, counted as USD as its courses' are in plans (labelled), beat leaving its
    # unpriced courses out of every budgeted plan (curated Udemy courses list no amount: the
    # list price varies with promotions).
    for (platform, kind), values in unstated.items():
        if key(platform, kind) not in out and len(values) >= MIN_LISTED:
            out[key(platform, kind)] = TypicalPrice(
                float(median(values)), len(values), platform, kind, unstated_currency=True
            )
    return out


def typical_price_for(course: Course, table: Mapping[str, TypicalPrice]) -> TypicalPrice | None:
    """The figure a course without a listed USD price is planned at, or None.

    A paid model without an amount: that model's median on the platform. No model at all
    (a dump listing nothing, or an amount in an unstated currency): the platform's median
    subscription, else its median one-time price; the catalog's free courses say so
    explicitly, so an unstated price is not assumed free."""
    model = course.price.model
    price = course.price
    if model is None:
        if price.amount is not None and (price.currency or "").upper() == BUDGET_CURRENCY:
            return None
        return table.get(key(course.platform, "subscription")) or table.get(
            key(course.platform, "one-time")
        )
    if price.amount is not None:
        return None
    return table.get(key(course.platform, model.value))
