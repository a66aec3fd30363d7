"""Typical listed effort by platform and kind, for courses whose catalog entry lists none.

A course without a listed effort is not free of time. Rather than drop it from every plan
with a deadline, the pace model may assume the median listed effort of comparable courses —
same platform and kind when at least MIN_LISTED of them list one, else same kind anywhere, else
courses of a similar size (short / single course / program) —
and says so in its `basis`. The catalog entry itself stays null: this is an estimate made at
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

    def describe(self) -> str:
        where = "" if self.platform == ANY_PLATFORM else f" on {self.platform}"
        kinds = self.kind if self.kind.endswith("s") else f"{self.kind}s"
        return f"the median of {self.n} listed {kinds}{where} ({self.hours:.0f} h)"


def key(platform: str, kind: str) -> str:
    return f"{platform}|{kind}"


def typical_efforts(courses: Iterable[Course]) -> dict[str, TypicalEffort]:
    """Median listed hours per (platform, kind) and per kind, where enough courses list one.
    Programs summed from their parts are left out: only figures a source listed count."""
    by_key: dict[tuple[str, str], list[float]] = defaultdict(list)
    for c in courses:
        hours = c.effort.total_hours()
        if hours is None or hours <= 0:
            continue
        by_key[(c.platform, c.kind.value)].append(hours)
        by_key[(ANY_PLATFORM, c.kind.value)].append(hours)
        by_key[(ANY_PLATFORM, SIZE_CLASS[c.kind.value])].append(hours)
    return {
        key(platform, kind): TypicalEffort(float(median(values)), len(values), platform, kind)
        for (platform, kind), values in by_key.items()
        if len(values) >= MIN_LISTED
    }


def typical_for(course: Course, table: Mapping[str, TypicalEffort]) -> TypicalEffort | None:
    kind = course.kind.value
    return (
        table.get(key(course.platform, kind))
        or table.get(key(ANY_PLATFORM, kind))
        or table.get(key(ANY_PLATFORM, SIZE_CLASS[kind]))
    )
