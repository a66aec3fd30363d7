"""Request bodies and documented response shapes of the JSON API.

Requests are validated here (422 with the field and the reason); names inside them (skills,
courses, roles) are resolved by the services. Response models document the contract in the
OpenAPI spec (and let the schema fuzzer check it); more keys than listed may be present."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from coursestack.domain import Need, PaceProfile, Pedagogy
from coursestack.domain.models import (
    MAX_BUDGET,
    MAX_DEADLINE_WEEKS,
    MAX_HOURS_PER_WEEK,
    MIN_HOURS_PER_WEEK,
)


def _not_a_bool(value: Any) -> Any:
    """JSON `true` is not level 1 nor a budget of 1 USD (numbers as form text stay numbers)."""
    if isinstance(value, bool):
        raise ValueError("expected a number, got a true/false value")
    return value


LevelValue = Annotated[int, BeforeValidator(_not_a_bool), Field(ge=0, le=4)]
Number = Annotated[float, BeforeValidator(_not_a_bool), Field(allow_inf_nan=False)]
# A name (skill, course, platform, language) longer than any title: fuzzy matching a 10,000
# character name against the catalog held a worker for ten seconds.
NAME_MAX = 300
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX)]
ReviewDimension = Literal["depth", "practicality", "production_relevance", "teaching"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Out(BaseModel):
    model_config = ConfigDict(extra="allow")


# ------------------------------------------------------------------ requests


class LearnerIn(_In):
    """The learner file's structure (see DESIGN.md): skill ids or aliases -> level 0-4."""

    skills: dict[Name, LevelValue] = Field(
        default_factory=dict,
        max_length=300,
        description="skill id or alias -> level 0 (none) .. 4 (production)",
    )
    completed: list[Name] = Field(default_factory=list, max_length=200)
    goal: str | None = Field(default=None, max_length=200, description="role id, e.g. ml-engineer")
    targets: dict[Name, LevelValue] = Field(
        default_factory=dict, max_length=300, description="explicit skill targets (no role)"
    )
    hours_per_week: Number = Field(default=5.0, ge=MIN_HOURS_PER_WEEK, le=MAX_HOURS_PER_WEEK)
    budget: Number | None = Field(default=None, ge=0, le=MAX_BUDGET, description="USD, total")
    deadline_weeks: Number | None = Field(default=None, gt=0, le=MAX_DEADLINE_WEEKS)
    platforms: list[Name] | None = Field(default=None, max_length=50)
    languages: list[Name] | Literal["any"] | None = Field(
        default=None,
        description="languages the learner reads (ISO codes or names); default ['en']; 'any'",
    )
    pedagogy: Pedagogy | None = None
    needs: list[Need] = Field(default_factory=list, max_length=10)
    pace: PaceProfile | None = None

    def learner_data(self) -> dict[str, Any]:
        """The dict the advisor services take (as if read from a learner YAML file)."""
        return self.model_dump(mode="json", exclude_none=True)


class GapsIn(_In):
    learner: LearnerIn
    after: list[Name] = Field(
        default_factory=list, max_length=50, description="course ids or exact titles taken first"
    )

    @model_validator(mode="before")
    @classmethod
    def _flat_learner(cls, data: Any) -> Any:
        """The learner flat, as /plans and /fit take it, is read as {"learner": ...} too."""
        if isinstance(data, dict) and "learner" not in data:
            rest = {k: v for k, v in data.items() if k != "after"}
            return {"learner": rest, **({"after": data["after"]} if "after" in data else {})}
        return data


class ReviewIn(_In):
    reviewer: str = Field(min_length=1, max_length=120, pattern=r"\S")
    score: Number = Field(ge=0, le=10)
    role: str | None = Field(default=None, max_length=200)
    years: Number | None = Field(default=None, ge=0, le=70)
    text: str | None = Field(default=None, max_length=20_000)
    dimensions: dict[ReviewDimension, float] = Field(default_factory=dict)
    # no online course predates the web: a review dated 1900 is a typo or a forgery
    date: dt.date | None = Field(default=None, ge=dt.date(1990, 1, 1), description="default: today")


# ------------------------------------------------------------------ responses


class ExternalRatingOut(_Out):
    value: float
    scale: float
    count: int | None
    source: str


class CourseSummaryOut(_Out):
    course_id: str
    title: str
    platform: str
    provider: str | None
    kind: str
    level: str | None
    hours: float | None
    price_model: str | None
    url: str | None
    external_rating: ExternalRatingOut | None


class CoursePageOut(_Out):
    courses: list[CourseSummaryOut]
    total: int
    limit: int
    offset: int


class CourseOut(_Out):
    course_id: str
    id: str
    title: str
    platform: str
    teaches: dict[str, int]
    assumes: dict[str, int]


class PlanStepOut(_Out):
    course_id: str
    title: str
    platform: str
    start_week: float
    end_week: float
    hours: float
    cost: float | None
    closes: list[str]
    why: str


class CoverageOut(_Out):
    before: float
    after: float


class CoverageRowOut(_Out):
    skill: str
    name: str
    need: int
    before: int
    after: int
    weight: int


class PlanOut(_Out):
    goal: str | None
    steps: list[PlanStepOut]
    total_weeks: float
    total_hours: float
    total_cost: float
    coverage: CoverageOut
    coverage_by_skill: list[CoverageRowOut]
    uncovered: list[dict[str, Any]]
    alternatives: list[dict[str, Any]]


class GapOut(_Out):
    skill: str
    have: int
    need: int
    weight: int


class GapsOut(_Out):
    goal: str | None
    coverage: float
    gaps: list[GapOut]


class FitReasonOut(_Out):
    kind: str
    text: str


class FitOut(_Out):
    course_id: str
    verdict: str
    reasons: list[FitReasonOut]
    estimated_hours: float | None
    estimated_weeks: float | None


class ReviewAddedOut(_Out):
    result: Literal["added", "replaced", "unchanged"]
    course_id: str
    title: str
    review: dict[str, Any]


class CourseWriteOut(_Out):
    course_id: str
    result: str


class HealthOut(_Out):
    status: Literal["ok"]
    database: str
    courses: int
