"""Plain typed models: no I/O, no framework beyond pydantic validation.

Every catalog figure is either sourced (see `Course.provenance`) or None. Nothing here
invents a value to fill a gap.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coursestack.domain.enums import (
    CertificateKind,
    CourseKind,
    CourseLevel,
    DataRealism,
    HandsOn,
    Level,
    Need,
    PaceProfile,
    Pedagogy,
    PriceModel,
    Weight,
)

SKILL_ID_RE = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")
COURSE_ID_RE = re.compile(r"^[a-z0-9]+(?:[._-][a-z0-9]+)*$")
WEEKS_PER_MONTH = 52.0 / 12.0

SkillLevels = dict[str, Level]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, use_enum_values=False)


class _Value(_Model):
    """A value object: immutable, so equal ones can be shared (a catalog of 100k courses holds
    a few thousand distinct efforts and prices; see engine.context.resident)."""

    model_config = ConfigDict(frozen=True)


def _check_skill_levels(value: Any) -> Any:
    if not isinstance(value, dict):
        return value  # pydantic reports the wrong type itself
    for key in value:
        if not isinstance(key, str) or not SKILL_ID_RE.match(key):
            raise ValueError(f"bad skill id {key!r}")
    return value


# ---------------------------------------------------------------- knowledge


class SkillPrereq(_Model):
    skill: str
    level: Level = Level.AWARE


class SkillOverlap(_Model):
    """Holding a skill at level L implies `skill` at L - `drop` (when >= 1): the same
    knowledge under another discipline's name (statistical regression 4 -> linear
    regression in machine learning at 3)."""

    skill: str
    drop: int = Field(default=1, ge=1, le=3)


class Skill(_Model):
    id: str
    name: str
    category: str
    description: str = ""
    aliases: list[str] = Field(default_factory=list)
    prerequisites: list[SkillPrereq] = Field(default_factory=list)
    implies: list[SkillOverlap] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id_is_slug(cls, v: str) -> str:
        if not SKILL_ID_RE.match(v):
            raise ValueError(f"skill id must be a lowercase dotted slug, got {v!r}")
        return v


class Requirement(_Model):
    skill: str
    level: Level
    weight: Weight


class Role(_Model):
    id: str
    name: str
    description: str = ""
    source: str  # one line: where the requirements come from, or why
    requirements: list[Requirement]

    def required(self) -> dict[str, Requirement]:
        return {r.skill: r for r in self.requirements}


# ---------------------------------------------------------------- catalog


class Effort(_Value):
    """Listed effort. `hours` is the total when the source gives (or implies) one."""

    hours: float | None = Field(default=None, ge=0)
    weeks: float | None = Field(default=None, ge=0)
    hours_per_week_low: float | None = Field(default=None, ge=0)
    hours_per_week_high: float | None = Field(default=None, ge=0)
    text: str | None = None  # the source's own wording

    @property
    def video_only(self) -> bool:
        """The source's figure counts video time only (Udemy's content length, a lecture
        series' running time): what a learner spends watching, practice not included."""
        return self.text is not None and "video" in self.text.lower()

    def wording(self) -> str | None:
        """The source's effort wording, unless it is a bare number whose unit the source
        does not state (then it says nothing a reader can use)."""
        text = (self.text or "").strip()
        return text if any(ch.isalpha() for ch in text) else None

    def total_hours(self) -> float | None:
        """Total listed hours: explicit, or weeks x mid-range hours per week; else None."""
        if self.hours is not None:
            return self.hours
        if self.weeks is not None and self.hours_per_week_low is not None:
            high = self.hours_per_week_high or self.hours_per_week_low
            return self.weeks * (self.hours_per_week_low + high) / 2.0
        return None


class Price(_Value):
    model: PriceModel | None = None
    amount: float | None = Field(default=None, ge=0)  # per month for subscriptions
    currency: str | None = None  # ISO code; None when the source does not say
    certificate_amount: float | None = Field(default=None, ge=0)  # free-audit upgrade
    text: str | None = None

    def cost_for(self, weeks: float | None, certificate: bool = False) -> float | None:
        """Cost in `currency` of taking the course over `weeks` weeks; None if unknown. With
        `certificate` (the learner needs one), a course free to audit costs its verified
        certificate (None when that is not listed)."""
        if self.model == PriceModel.FREE_AUDIT and certificate:
            return self.certificate_amount
        if self.model in (PriceModel.FREE, PriceModel.FREE_AUDIT):
            return 0.0
        if self.amount is None:
            return None
        if self.model == PriceModel.SUBSCRIPTION:
            months = 1 if weeks is None else max(1, int(-(-weeks // WEEKS_PER_MONTH)))
            return self.amount * months
        return self.amount


class ExternalRating(_Value):
    value: float = Field(ge=0)
    scale: float = Field(gt=0)
    count: int | None = Field(default=None, ge=0)
    source: str

    @model_validator(mode="after")
    def _within_scale(self) -> ExternalRating:
        if self.value > self.scale:
            raise ValueError(f"rating {self.value} exceeds its scale {self.scale}")
        return self


class Popularity(_Value):
    enrollments: int = Field(ge=0)
    source: str
    date: str | None = None


class Course(_Model):
    id: str
    title: str
    provider: str | None = None
    platform: str
    url: str | None = None
    kind: CourseKind = CourseKind.COURSE
    parts: list[str] = Field(default_factory=list)
    # How many courses the program takes, when the listed parts are not exactly those: some
    # not in the catalog (HarvardX's nine courses, two curated), or alternative tracks listed
    # (five courses, four taken). Its parts then do not add up to its effort.
    parts_total: int | None = Field(default=None, ge=1)
    level: CourseLevel | None = None
    effort: Effort = Field(default_factory=Effort)
    price: Price = Field(default_factory=Price)
    certificate: CertificateKind | None = None
    pedagogy: Pedagogy | None = None
    hands_on: HandsOn | None = None
    data_realism: DataRealism | None = None
    language: str | None = None
    year_updated: int | None = Field(default=None, ge=1990, le=2100)
    teaches: dict[str, Level] = Field(default_factory=dict)
    assumes: dict[str, Level] = Field(default_factory=dict)
    external_rating: ExternalRating | None = None
    popularity: Popularity | None = None
    description: str | None = None
    provenance: dict[str, str] = Field(default_factory=dict)  # field -> source / rule
    sources: list[str] = Field(default_factory=list)  # every dump/curation that fed it

    @property
    def curated(self) -> bool:
        """From the built-in catalog (its facts checked by hand), whatever was merged in."""
        return CURATED in self.sources

    _check_teaches = field_validator("teaches", "assumes", mode="before")(
        classmethod(lambda cls, v: _check_skill_levels(v or {}))
    )

    @field_validator("id")
    @classmethod
    def _id_is_slug(cls, v: str) -> str:
        if not COURSE_ID_RE.match(v):
            raise ValueError(f"course id must be a lowercase slug, got {v!r}")
        return v

    @field_validator("title")
    @classmethod
    def _title_present(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("course title is empty")
        return v.strip()


# ---------------------------------------------------------------- reviews


REVIEW_DIMENSIONS = ("depth", "practicality", "production_relevance", "teaching")


class Review(_Model):
    course_id: str
    reviewer: str = Field(min_length=1, max_length=120)
    reviewer_role: str | None = None
    years: float | None = Field(default=None, ge=0, le=70)
    score: float = Field(ge=0, le=10)
    dimensions: dict[str, float] = Field(default_factory=dict)
    text: str | None = Field(default=None, max_length=20_000)
    date: date

    @field_validator("dimensions")
    @classmethod
    def _known_dimensions(cls, v: dict[str, float]) -> dict[str, float]:
        for key, score in v.items():
            if key not in REVIEW_DIMENSIONS:
                raise ValueError(
                    f"unknown review dimension {key!r}; use {', '.join(REVIEW_DIMENSIONS)}"
                )
            if not 0 <= score <= 10:
                raise ValueError(f"dimension {key} must be 0-10, got {score}")
        return v


# ---------------------------------------------------------------- learners and plans


# The learner's limits, the same for the CLI, learner files and the API: beyond them a figure
# is a typo or a way to say "none" that the field's absence already says.
CURATED = "curated"  # Course.sources entry of the built-in catalog
MAX_HOURS_PER_WEEK = 100
# Below half an hour a week a plan's calendar runs for centuries (0.0001 h: week 26,950).
MIN_HOURS_PER_WEEK = 0.5
MAX_BUDGET = 1_000_000  # USD
MAX_DEADLINE_WEEKS = 520  # ten years


class Learner(_Model):
    """A learner, with skill ids already resolved (see services.learners for parsing)."""

    skills: dict[str, Level] = Field(default_factory=dict)
    completed: list[str] = Field(default_factory=list)  # course ids
    goal: str | None = None  # role id
    targets: dict[str, Level] = Field(default_factory=dict)  # explicit skill targets
    hours_per_week: float = Field(default=5.0, ge=MIN_HOURS_PER_WEEK, le=MAX_HOURS_PER_WEEK)
    budget: float | None = Field(default=None, ge=0, le=MAX_BUDGET)
    deadline_weeks: float | None = Field(default=None, gt=0, le=MAX_DEADLINE_WEEKS)
    platforms: list[str] | None = None
    # skills the learner named that the taxonomy does not track (MATLAB, SAS): kept to be
    # said back, never credited
    untracked: dict[str, Level] = Field(default_factory=dict)
    # ISO 639-1 codes the learner reads; None: any. Courses of unknown language pass only
    # for a learner who reads English (engine.planner_candidates.unknown_language_readable).
    languages: list[str] | None = None
    pedagogy: Pedagogy | None = None
    needs: list[Need] = Field(default_factory=list)
    pace: PaceProfile = PaceProfile.STANDARD

    @property
    def needs_certificate(self) -> bool:
        """The learner needs certificates: a course free to audit costs its verified one."""
        return Need.CERTIFICATE in self.needs

    @property
    def needs_portfolio(self) -> bool:
        """The learner needs portfolio work: courses ending in projects weigh in the plan."""
        return Need.PORTFOLIO in self.needs

    @model_validator(mode="after")
    def _has_goal(self) -> Learner:
        if self.goal is None and not self.targets:
            raise ValueError("a learner needs a goal role or explicit skill targets")
        return self


class Gap(_Model):
    skill: str
    name: str
    category: str
    have: Level
    need: Level
    weight: Weight


class PlanStep(_Model):
    course_id: str
    title: str
    platform: str
    start_week: float
    end_week: float
    hours: float
    cost: float | None
    closes: list[str]  # gap skill ids fully closed by this step
    raises: dict[str, Level] = Field(default_factory=dict)  # gap skills it raises, to level
    why: str
    runner_up: str | None = None
    track: int = 0


class UncoveredGap(_Model):
    skill: str
    have: Level
    need: Level
    reason: str
    suggestion: str | None = None


class PlanTotals(_Model):
    weeks: float
    hours: float
    cost: float  # known costs only; see cost_unknown
    cost_unknown: int = 0  # steps whose price the catalog does not know
    coverage_after: float


class PlanAlternative(_Model):
    name: str  # "fastest", "cheapest", "best-rated", ...
    course_ids: list[str]
    totals: PlanTotals


class LowYieldSteps(_Model):
    """Steps whose coverage per hour is far below the plan's (engine.planner_yield)."""

    course_ids: list[str]
    hours: float
    coverage_without: float  # the plan's coverage without them


class Plan(_Model):
    goal: str | None
    steps: list[PlanStep]
    coverage_before: float
    coverage_after: float
    totals: PlanTotals
    uncovered: list[UncoveredGap]
    alternatives: list[PlanAlternative] = Field(default_factory=list)
    low_yield: LowYieldSteps | None = None
    solver: dict[str, Any] = Field(default_factory=dict)  # status, exact, gap, seconds
