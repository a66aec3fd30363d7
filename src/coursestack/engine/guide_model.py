"""The guide's data: statements with their evidence, sections, and what other engine calls
hand the composer (GuideInputs, pace scenarios)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field

from coursestack.domain import (
    Plan,
    Role,
)
from coursestack.engine.context import CourseQuality
from coursestack.engine.platforms import PlatformSummary
from coursestack.engine.ratings import RatingEstimate


class Statement(BaseModel):
    text: str
    question: str | None = None  # FAQ entries
    evidence: dict[str, Any] = Field(default_factory=dict)


class Section(BaseModel):
    id: str
    title: str
    statements: list[Statement]


class Guide(BaseModel):
    course_id: str
    title: str
    goal: str | None
    goal_name: str | None
    goal_reason: str | None
    sections: list[Section]


@dataclass(frozen=True)
class PaceScenario:
    profile: str  # fast / standard / thorough
    hours: float
    low: float
    high: float
    weeks: float
    hours_per_week: float
    assumed_listed: float | None = None  # the typical effort used when the course lists none
    reader: str | None = None  # EXPERIENCED / NEWCOMER for a guide without a learner


# The readers a guide without a learner speaks to (the pace model's background, 1 and 0).
EXPERIENCED = "with programming experience and some maths"


NEWCOMER = "new to programming and maths"


@dataclass
class GuideInputs:
    """What other engine calls produced for this guide; any part may be missing."""

    role: Role | None = None
    role_reason: str | None = None
    role_defaulted: bool = False  # the role is best_role's, not the learner's goal
    plan_after: Plan | None = None
    pace: Sequence[PaceScenario] = ()
    rating: RatingEstimate | None = None
    quality: Mapping[str, CourseQuality] = field(default_factory=dict)
    ratings: Mapping[str, RatingEstimate] = field(default_factory=dict)
    platforms: Sequence[PlatformSummary] = ()
    # the reader's learner file lists it (or a program holding it) as completed
    completed_by_reader: str | None = None
