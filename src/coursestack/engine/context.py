"""What the advisor engine works on: the catalog, the taxonomy and the roles, in memory.

Services build one `AdvisorContext` from the store (cached while the catalog is unchanged);
engine functions take it instead of a database session.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coursestack.domain import Course, Role
from coursestack.engine.taxonomy import Taxonomy

if TYPE_CHECKING:
    from coursestack.engine.effort_prior import TypicalEffort, TypicalPrice
    from coursestack.engine.ratings import RatingEstimate


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

    def course(self, course_id: str) -> Course:
        return self.courses[course_id]

    def parents_of(self, course_id: str) -> list[str]:
        """Programs (specializations, certificates, ...) that list this course as a part."""
        return [c.id for c in self.courses.values() if course_id in c.parts]
