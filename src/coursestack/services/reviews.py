"""Review use cases: add, list, bulk import, rank, platform comparison.

Every estimate comes from the one pipeline in `engine.rating_pipeline` (flags, weights,
category priors), which also feeds the advisor context, so a rank and a plan never disagree
about a course.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy.orm import Session

from coursestack.domain import (
    Course,
    ImportFailedError,
    InvalidInputError,
    NotFoundError,
    Review,
)
from coursestack.domain.models import REVIEW_DIMENSIONS
from coursestack.engine import platforms as platforms_engine
from coursestack.engine import ratings
from coursestack.engine.rating_pipeline import Estimates, estimate_reviews
from coursestack.engine.review_flags import ReviewFlag
from coursestack.services import catalog
from coursestack.store.courses import CourseRepository
from coursestack.store.reviews import AddResult, ReviewRepository

MAX_IMPORT_ERRORS_SHOWN = 200


def _invalid(err: ValidationError) -> InvalidInputError:
    parts = []
    for e in err.errors():
        where = ".".join(str(x) for x in e["loc"]) or "review"
        parts.append(f"{where}: {e['msg']}")
    return InvalidInputError("invalid review: " + "; ".join(parts))


# ---------------------------------------------------------------- the estimate pipeline


def estimates_for(
    reviews: Sequence[Review],
    courses: Mapping[str, Course],
    *,
    half_life_days: float | None = None,
) -> Estimates:
    """The shared estimate pipeline (engine.rating_pipeline) on the shipped taxonomy."""
    return estimate_reviews(reviews, courses, catalog.taxonomy(), half_life_days=half_life_days)


def _load(
    session: Session, half_life_days: float | None = None
) -> tuple[Estimates, dict[str, Course]]:
    reviews = ReviewRepository(session).all_current()
    courses = CourseRepository(session).get_many({r.course_id for r in reviews})
    return estimates_for(reviews, courses, half_life_days=half_life_days), courses


# ---------------------------------------------------------------- add and list


@dataclass(frozen=True)
class AddedReview:
    result: AddResult
    review: Review
    course: Course

    def as_dict(self) -> dict[str, Any]:
        return {
            "result": self.result,
            "course_id": self.course.id,
            "title": self.course.title,
            "review": self.review.model_dump(mode="json"),
        }


def add_review(
    session: Session,
    course: str,
    *,
    reviewer: str,
    score: float,
    role: str | None = None,
    years: float | None = None,
    text: str | None = None,
    dimensions: Mapping[str, float] | None = None,
    review_date: date | None = None,
    written_by: str | None = None,
) -> AddedReview:
    """Add (or replace, keeping history) `reviewer`'s review of `course` (id or exact title).
    Without `review_date` the review is dated today, when it is being written. `written_by`:
    the API token's name writing it (the per-token hourly limit counts it)."""
    found = catalog.resolve_course(session, course)
    if review_date is not None and review_date > latest_review_date():
        raise InvalidInputError(f"date {review_date.isoformat()} is in the future")
    try:
        review = Review(
            course_id=found.id,
            reviewer=reviewer.strip(),
            reviewer_role=(role or "").strip() or None,
            years=years,
            score=score,
            dimensions=dict(dimensions or {}),
            text=(text or "").strip() or None,
            date=review_date or date.today(),
        )
    except ValidationError as err:
        raise _invalid(err) from err
    return AddedReview(ReviewRepository(session).add(review, written_by), review, found)


@dataclass(frozen=True)
class CourseReviews:
    course: Course
    reviews: list[Review]  # current reviews, newest first
    estimate: ratings.RatingEstimate | None
    flags: list[ReviewFlag]
    weights: dict[ratings.ReviewKey, float]

    def as_dict(self) -> dict[str, Any]:
        ext = self.course.external_rating
        flags_by: dict[str, list[dict[str, Any]]] = {}
        for f in self.flags:
            flags_by.setdefault(f.reviewer, []).append(
                {"kind": f.kind.value, "reason": f.reason, "weight": f.weight}
            )
        return {
            "course_id": self.course.id,
            "title": self.course.title,
            "practitioner": self.estimate.as_dict() if self.estimate else None,
            "external_rating": ext.model_dump(mode="json") if ext else None,
            "reviews": [
                {
                    **r.model_dump(mode="json"),
                    "background": ratings.background_of(r.reviewer_role),
                    "weight": round(self.weights.get(ratings.review_key(r), 1.0), 4),
                    "flags": flags_by.get(r.reviewer, []),
                }
                for r in self.reviews
            ],
        }


def list_reviews(session: Session, course: str) -> CourseReviews:
    """A course's current reviews, its practitioner estimate and the flags on its reviews
    (a read: the course named as the advisor's reads name it; writing a review asks for an
    id or exact title)."""
    found = catalog.resolve_course(session, course, near=True)
    est, _ = _load(session)
    own = [r for r in est.reviews if r.course_id == found.id]
    own.sort(key=lambda r: (r.date, r.reviewer), reverse=True)
    return CourseReviews(
        course=found,
        reviews=own,
        estimate=est.estimates.get(found.id),
        flags=est.flags.for_course(found.id),
        weights={k: v for k, v in est.weights.items() if k[0] == found.id},
    )


# ---------------------------------------------------------------- bulk import

_COLUMN_ALIASES = {
    "course": "course",
    "course_id": "course",
    "course id": "course",
    "title": "course",
    "reviewer": "reviewer",
    "name": "reviewer",
    "score": "score",
    "rating": "score",
    "role": "role",
    "reviewer_role": "role",
    "years": "years",
    "years_of_practice": "years",
    "text": "text",
    "review": "text",
    "date": "date",
    "review_date": "date",
    "dimensions": "dimensions",
    **{d: d for d in REVIEW_DIMENSIONS},
    **{d.replace("_", " "): d for d in REVIEW_DIMENSIONS},
    **{d.replace("_", "-"): d for d in REVIEW_DIMENSIONS},
}
_REQUIRED = ("course", "reviewer", "score", "date")


@dataclass(frozen=True)
class RowError:
    line: int  # CSV: line in the file; JSON: 1-based position in the list
    reason: str


@dataclass
class ImportReport:
    file: str
    read: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.errors)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "read": self.read,
            "added": self.added,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "ignored_columns": self.ignored_columns,
            "errors": [
                {"line": e.line, "reason": e.reason} for e in self.errors[:MAX_IMPORT_ERRORS_SHOWN]
            ],
        }


def _read_rows(path: Path) -> tuple[list[tuple[int, dict[str, Any]]], str]:
    """(line or position, raw row) pairs and the format; ImportFailedError if unreadable."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ImportFailedError(f"cannot read {path}: {err}") from err
    suffix = path.suffix.lower()
    if suffix == ".json" or (suffix != ".csv" and text.lstrip()[:1] in "[{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise ImportFailedError(f"{path} is not valid JSON: {err}") from err
        items = data.get("reviews") if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise ImportFailedError(f"{path}: expected a list of reviews or {{'reviews': [...]}}")
        return [(i + 1, item) for i, item in enumerate(items)], "json"
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise ImportFailedError(f"{path}: empty CSV (no header row)")
    named = {_COLUMN_ALIASES.get(str(f).strip().lower()) for f in reader.fieldnames}
    missing = [c for c in _REQUIRED if c not in named]
    if missing:
        # a file of something else read as 0 rows, exit 0 (`import` names its header problem)
        first = ", ".join(str(f) for f in reader.fieldnames[:5])
        raise ImportFailedError(
            f"{path}: no review header: the first line ({first!r}) names no "
            f"{' / '.join(missing)} column; expected columns {', '.join(_REQUIRED)}"
        )
    rows = []
    for row in reader:
        rows.append((reader.line_num, dict(row)))
    return rows, "csv"


def _normalise(raw: dict[str, Any], ignored: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key is None:  # CSV row longer than its header
            raise ValueError("more fields than the header has columns")
        name = _COLUMN_ALIASES.get(str(key).strip().lower())
        if name is None:
            ignored.add(str(key))
            continue
        if isinstance(value, str):
            value = value.strip()
            if value == "":
                continue
        if value is not None:
            out[name] = value
    return out


def _review_from_row(session: Session, row: dict[str, Any], cache: dict[str, str]) -> Review:
    missing = [c for c in _REQUIRED if c not in row]
    if missing:
        raise ValueError("missing " + ", ".join(missing))
    query = str(row["course"])
    if query not in cache:
        cache[query] = catalog.resolve_course(session, query).id
    dims = dict(row.get("dimensions") or {})
    if not isinstance(row.get("dimensions", {}), dict):
        raise ValueError("dimensions must be an object of name -> score")
    for d in REVIEW_DIMENSIONS:
        if d in row:
            dims[d] = row[d]
    review = Review(
        course_id=cache[query],
        reviewer=str(row["reviewer"]),
        reviewer_role=row.get("role"),
        years=row.get("years"),
        score=row["score"],
        dimensions=dims,
        text=row.get("text"),
        date=row["date"],
    )
    if review.date > latest_review_date():
        raise ValueError(f"date {review.date.isoformat()} is in the future")
    return review


def latest_review_date() -> date:
    """The latest date a review may carry: tomorrow, so that a reviewer anywhere on Earth
    can date one today. A future date would make the time-weighted ranking's newest review
    outweigh every real one (weights decay from the newest date)."""
    return date.today() + timedelta(days=1)


def import_reviews(session: Session, path: Path) -> ImportReport:
    """Import reviews from CSV or JSON. Each good row is stored (replacing the reviewer's
    earlier review of the course, history kept); each bad row is reported with its line and
    reason and nothing of it is written. Columns: course (id or exact title), reviewer,
    score, date (YYYY-MM-DD), and optionally role, years, text, depth, practicality,
    production_relevance, teaching (JSON may also give a `dimensions` object)."""
    rows, _fmt = _read_rows(path)
    report = ImportReport(file=str(path))
    ignored: set[str] = set()
    cache: dict[str, str] = {}
    for line, raw in rows:
        report.read += 1
        if not isinstance(raw, dict):
            report.errors.append(RowError(line, "not an object"))
            continue
        try:
            review = _review_from_row(session, _normalise(raw, ignored), cache)
        except ValidationError as err:
            report.errors.append(RowError(line, str(_invalid(err))))
            continue
        except (ValueError, TypeError, NotFoundError) as err:
            report.errors.append(RowError(line, str(err)))
            continue
        result = ReviewRepository(session).add(review)
        setattr(report, result, getattr(report, result) + 1)
    report.ignored_columns = sorted(ignored)
    return report


# ---------------------------------------------------------------- rank


RankFilter = Literal["skill", "role", "category"]


@dataclass(frozen=True)
class RankReport:
    filter: dict[str, str]  # {} or {"skill": id} / {"role": id} / {"category": name}
    ranking: ratings.Ranking
    by_background: dict[str, ratings.Ranking]
    courses: dict[str, Course]
    candidates: int  # catalog courses matching the filter
    unreviewed: int  # of those, courses without practitioner reviews
    flagged: dict[str, int]  # course id -> flagged reviews
    half_life_days: float | None

    def _rows(self, ranking: ratings.Ranking) -> list[dict[str, Any]]:
        out = []
        for row in ranking.as_dict()["courses"]:  # type: ignore[attr-defined]
            course = self.courses.get(row["course_id"])
            out.append(
                {
                    **row,
                    "title": course.title if course else None,
                    "platform": course.platform if course else None,
                    "flagged_reviews": self.flagged.get(row["course_id"], 0),
                }
            )
        return out

    def as_dict(self) -> dict[str, Any]:
        def one(r: ratings.Ranking) -> dict[str, Any]:
            return {**r.as_dict(), "courses": self._rows(r)}

        return {
            "filter": self.filter,
            "candidates": self.candidates,
            "reviewed": len(self.ranking.entries),
            "unreviewed": self.unreviewed,
            **one(self.ranking),
            "by_background": {bg: one(r) for bg, r in self.by_background.items()},
            "model": model_description(self.half_life_days),
        }


def model_description(half_life_days: float | None = None) -> dict[str, Any]:
    return {
        "kind": "Dirichlet-multinomial over score bins 0..10, category-pooled prior",
        "prior_strength": ratings.PRIOR_STRENGTH,
        "interval_mass": ratings.CREDIBLE_MASS,
        "draws": ratings.DRAWS,
        "clear_margin_threshold": ratings.CLEAR_MARGIN,
        "recency_half_life_days": half_life_days,
        "external_ratings": "kept apart; not part of the practitioner estimate",
    }


def _candidates(
    session: Session, skill: str | None, role: str | None, category: str | None
) -> tuple[dict[str, str], set[str] | None]:
    """The filter (resolved) and the catalog course ids it admits (None: every course)."""
    repo = CourseRepository(session)
    given = [(k, v) for k, v in (("skill", skill), ("role", role), ("category", category)) if v]
    if len(given) > 1:
        raise InvalidInputError("rank by one of --skill, --role or --category, not several")
    if not given:
        return {}, None
    kind, value = given[0]
    tax = catalog.taxonomy()
    if kind == "skill":
        sid = tax.resolve(value)
        return {"skill": sid}, set(repo.with_skill(sid))
    if kind == "role":
        found = catalog.get_role(value)
        ids: set[str] = set()
        for req in found.requirements:
            ids.update(repo.with_skill(req.skill))
        return {"role": found.id}, ids
    known = sorted({s.category for s in tax.skills.values()})
    if value not in known:
        raise NotFoundError("category", value, known)
    in_category: set[str] = set()
    for s in tax.skills.values():
        if s.category == value:
            in_category.update(repo.with_skill(s.id))
    courses = repo.get_many(in_category)
    return {"category": value}, {
        cid for cid, c in courses.items() if ratings.course_category(c, tax) == value
    }


def rank_courses(
    session: Session,
    *,
    skill: str | None = None,
    role: str | None = None,
    category: str | None = None,
    half_life_days: float | None = None,
    threshold: float = ratings.CLEAR_MARGIN,
) -> RankReport:
    """Rank reviewed courses (optionally those teaching a skill, serving a role's
    requirements, or in a category) by practitioner estimate; priors pool the whole catalog."""
    if half_life_days is not None and half_life_days <= 0:
        raise InvalidInputError("--half-life must be a positive number of days")
    chosen, admitted = _candidates(session, skill, role, category)
    est, courses = _load(session, half_life_days)
    keep = [e for cid, e in est.estimates.items() if admitted is None or cid in admitted]

    def label(cid: str) -> str:
        return courses[cid].title if cid in courses else cid

    ranking = ratings.rank(keep, threshold=threshold, label=label)
    by_background = ratings.rank_by_background(
        est.reviews,
        est.categories,
        est.weights,
        threshold=threshold,
        label=label,
        courses={e.course_id for e in keep},
    )
    flagged: dict[str, int] = {}
    for key in est.flags.weights:
        flagged[key[0]] = flagged.get(key[0], 0) + 1
    total = CourseRepository(session).count() if admitted is None else len(admitted)
    return RankReport(
        filter=chosen,
        ranking=ranking,
        by_background=by_background,
        courses=courses,
        candidates=total,
        unreviewed=total - len(keep),
        flagged=flagged,
        half_life_days=half_life_days,
    )


# ---------------------------------------------------------------- platforms


def compare_platforms(session: Session) -> list[platforms_engine.PlatformSummary]:
    """Every platform of the catalog side by side (see engine.platforms)."""
    est, _ = _load(session)
    return platforms_engine.compare_platforms(CourseRepository(session).all(), est.estimates)
