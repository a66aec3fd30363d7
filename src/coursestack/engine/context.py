"""What the advisor engine works on: the catalog, the taxonomy and the roles, in memory.

Services build one `AdvisorContext` from the store (cached while the catalog is unchanged);
engine functions take it instead of a database session.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from coursestack.domain import Course, Role
from coursestack.engine.taxonomy import Taxonomy

if TYPE_CHECKING:
    from coursestack.engine.effort_prior import TypicalEffort, TypicalPrice
    from coursestack.engine.ratings import RatingEstimate


# Course fields holding immutable value objects (domain.models._Value), shared when equal.
VALUE_FIELDS = ("effort", "price", "external_rating", "popularity")
LIST_FIELDS = ("parts", "sources")  # lists of strings, shared when equal
DICT_FIELDS = ("teaches", "assumes", "provenance")  # shared when empty


def _read_only(self: object, *args: object, **kwargs: object) -> None:
    raise TypeError("a resident course is shared by every request and never changed")


class ReadOnlyList(list[Any]):
    """A list the resident catalog shares between courses: changing it raises."""

    append = extend = insert = remove = pop = clear = sort = reverse = _read_only
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _read_only  # type: ignore[assignment]

    # A copy (or a pickle) is its taker's own: a plain list.
    def __copy__(self) -> list[Any]:
        return list(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> list[Any]:
        return [copy.deepcopy(x, memo) for x in self]

    def __reduce__(self) -> tuple[type[list[Any]], tuple[list[Any]]]:
        return list, (list(self),)


class ReadOnlyDict(dict[Any, Any]):
    """The empty dict every resident course without teaches / assumes / provenance shares."""

    pop = popitem = clear = update = setdefault = _read_only  # type: ignore[assignment]
    __setitem__ = __delitem__ = __ior__ = _read_only  # type: ignore[assignment]

    def __copy__(self) -> dict[Any, Any]:
        return dict(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[Any, Any]:
        return {copy.deepcopy(k, memo): copy.deepcopy(v, memo) for k, v in self.items()}

    def __reduce__(self) -> tuple[type[dict[Any, Any]], tuple[dict[Any, Any]]]:
        return dict, (dict(self),)


EMPTY_DICT = ReadOnlyDict()


class Resident:
    """Makes courses as the in-memory catalog keeps them: equal value objects (effort, price,
    external rating, popularity) shared, and one set of explicitly set field names per
    distinct set instead of one per course. Pydantic keeps that set on every instance (0.7 KB
    for a generated course, 2.3 KB for one read from the store's JSON); with the value objects
    it was about half of a course's memory (100k generated courses: 313 -> 163 MB allocated).
    Add courses one by one as they are read, so the full-size copies never pile up. The
    catalog is shared by every request and never written to: the shared sets are frozensets,
    and assigning a field of a resident course raises."""

    def __init__(self) -> None:
        self._values: dict[tuple[Any, ...], object] = {}
        self._names: dict[frozenset[str], frozenset[str]] = {}
        self._lists: dict[tuple[Any, ...], ReadOnlyList] = {}

    def __call__(self, course: Course) -> Course:
        # A shallow copy (the caller's course is left as it was), then its value objects and
        # its set-field names swapped for the shared ones. Not model_construct: its per-field
        # loop cost more than parsing the course (40 us a course, 0.3 s a real catalog).
        kept = course.model_copy()
        fields = kept.__dict__
        for name in VALUE_FIELDS:
            value = fields[name]
            if value is not None:
                key = (type(value), *value.__dict__.values())
                fields[name] = self._values.setdefault(key, value)
        # Equal lists (parts, sources) and empty dicts shared too, as read-only containers:
        # 180 bytes a generated course (17 MB of a 100k catalog, whose planner's
        # resident-memory target is tight); most real courses have no parts either.
        for name in LIST_FIELDS:
            items = tuple(fields[name])
            shared = self._lists.get(items)
            if shared is None:
                shared = self._lists[items] = ReadOnlyList(items)
            fields[name] = shared
        for name in DICT_FIELDS:
            if not fields[name]:
                fields[name] = EMPTY_DICT
        names = frozenset(course.model_fields_set)
        object.__setattr__(kept, "__pydantic_fields_set__", self._names.setdefault(names, names))
        return kept


def resident(courses: Iterable[Course]) -> dict[str, Course]:
    """The courses by id, made resident (see Resident)."""
    make = Resident()
    return {course.id: make(course) for course in courses}


@dataclass(frozen=True)
class CourseQuality:
    """Quality evidence the planner and fit verdict may weigh; None where there is none."""

    practitioner_mean: float | None = None  # posterior mean, 0-10
    practitioner_low: float | None = None  # lower end of the credible interval
    practitioner_n: int = 0
    external_value: float | None = None  # normalised to 0-1 (e.g. 4.8/5 -> 0.96)
    external_count: int | None = None

    def score(self) -> float | None:
        """One 0-1 figure for tie-breaking: practitioner evidence first, external second."""
        if self.practitioner_mean is not None and self.practitioner_n > 0:
            return self.practitioner_mean / 10.0
        return self.external_value


@dataclass(frozen=True)
class AdvisorContext:
    courses: Mapping[str, Course]
    taxonomy: Taxonomy
    roles: Mapping[str, Role]
    quality: Mapping[str, CourseQuality] = field(default_factory=dict)
    ratings: Mapping[str, RatingEstimate] = field(default_factory=dict)  # practitioner
    typical_effort: Mapping[str, TypicalEffort] = field(default_factory=dict)  # for unlisted
    typical_price: Mapping[str, TypicalPrice] = field(default_factory=dict)  # for unpriced
    # course id -> the subject outside the taxonomy its title names (engine.topics)
    off_topic: Mapping[str, str] = field(default_factory=dict)
    # imported courses known by their title alone (engine.topics)
    title_only: frozenset[str] = frozenset()

    def course(self, course_id: str) -> Course:
        return self.courses[course_id]

    def parents_of(self, course_id: str) -> list[str]:
        """Programs (specializations, certificates, ...) that list this course as a part."""
        return [c.id for c in self.courses.values() if course_id in c.parts]
