"""The catalog as arrays, built once per catalog, so that planning touches only what matters.

`PlannerIndex.build(ctx)` turns the courses into:
- sparse level matrices `teaches` and `assumes` (courses x skills, CSC so a skill's column is
  one slice): a program's teaches include its parts', its assumes are what its parts assume
  that no earlier part teaches (engine.learner_state);
- per-course arrays: listed hours (NaN = unknown), price model and amount, platform, pedagogy,
  quality score (NaN = no evidence);
- program <-> part links by position.

Nothing here depends on a learner; `planner_candidates` reads it per plan.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt
from scipy import sparse

from coursestack.domain import CertificateKind, Course, HandsOn, Pedagogy, PriceModel
from coursestack.domain.models import WEEKS_PER_MONTH
from coursestack.engine.context import AdvisorContext
from coursestack.engine.effort_prior import BUDGET_CURRENCY, typical_price_for
from coursestack.engine.learner_state import (
    TOUCHED_RULE,
    effective_assumes,
    effective_teaches,
    only_touches,
)
from coursestack.engine.topics import TITLE_ONLY_SHARE

FloatArray = npt.NDArray[np.float64]
CERT_UNKNOWN, CERT_NONE, CERT_GIVEN = 0, 1, 2  # what the catalog says of a course's certificate
# ... and of its project work: independent projects or a capstone (portfolio output), or not
PROJECT_UNKNOWN, PROJECT_NONE, PROJECT_GIVEN = 0, 1, 2
IntArray = npt.NDArray[np.int64]
# Per-course codes (a handful of values each): int16, not int64 (6 arrays x 0.7 MB saved per
# 100k courses, where the planner's resident-memory target is tight).
CodeArray = npt.NDArray[np.int16]
BoolArray = npt.NDArray[np.bool_]
__all__ = ["TOUCHED_RULE", "PlannerIndex", "row_entries"]


def row_entries(
    m: sparse.csr_matrix, rows: IntArray
) -> tuple[IntArray, IntArray, npt.NDArray[np.int8]]:
    """(position in `rows`, column, value) of the stored entries of these rows of a CSR
    matrix, row by row: `m[rows].tocoo()` without scipy's per-call checks and conversions
    (about 0.2 ms each; a plan slices its pool a few dozen times)."""
    indptr = m.indptr
    starts = indptr[rows]
    lens = indptr[rows + 1] - starts
    pos = np.repeat(np.arange(rows.size, dtype=np.int64), lens)
    at = np.arange(pos.size, dtype=np.int64) + np.repeat(starts - (np.cumsum(lens) - lens), lens)
    return pos, m.indices[at].astype(np.int64), m.data[at]


# Price model codes in `price_model`.
PRICE_UNKNOWN, PRICE_FREE, PRICE_SUBSCRIPTION, PRICE_ONE_TIME = 0, 1, 2, 3
PRICE_AUDIT = 4  # free to audit; `price_amount` holds the verified certificate's price
PEDAGOGY_CODES = {Pedagogy.THEORY_FIRST: 1, Pedagogy.CODE_FIRST: 2, Pedagogy.MIXED: 3}


def _amount(course: Course, ctx: AdvisorContext) -> float:
    price = course.price
    if price.model == PriceModel.FREE_AUDIT:
        # free to audit: the amount that matters is the verified certificate's, paid only by
        # a learner who needs a certificate (`costs`); NaN when not listed in USD
        cert = price.certificate_amount
        if cert is None or (price.currency or BUDGET_CURRENCY).upper() != BUDGET_CURRENCY:
            return np.nan
        return float(cert)
    typical = typical_price_for(course, ctx.typical_price)
    if typical is not None:
        return typical.amount
    return np.nan if course.price.amount is None else course.price.amount


def _price_code(course: Course, ctx: AdvisorContext) -> int:
    model = course.price.model
    if model is None:  # planned at the platform's typical paid model, if it has one
        typical = typical_price_for(course, ctx.typical_price)
        if typical is None:
            return PRICE_UNKNOWN
        return PRICE_SUBSCRIPTION if typical.model == "subscription" else PRICE_ONE_TIME
    if model == PriceModel.FREE:
        return PRICE_FREE
    if model == PriceModel.FREE_AUDIT:
        return PRICE_AUDIT
    if model == PriceModel.SUBSCRIPTION:
        return PRICE_SUBSCRIPTION
    if model == PriceModel.ONE_TIME:
        return PRICE_ONE_TIME
    return PRICE_UNKNOWN


_CACHE: dict[int, tuple[weakref.ref[AdvisorContext], PlannerIndex]] = {}
_CACHE_LOCK = threading.Lock()


def _forgetter(key: int) -> Callable[[weakref.ref[AdvisorContext]], None]:
    def forget(_ref: weakref.ref[AdvisorContext]) -> None:
        with _CACHE_LOCK:
            _CACHE.pop(key, None)

    return forget


@dataclass(frozen=True, eq=False)
class PlannerIndex:
    ids: tuple[str, ...]
    pos: dict[str, int]
    skills: tuple[str, ...]
    skill_pos: dict[str, int]
    # int8 levels a plan credits, courses x skills: a skill a course only touches (tagging's
    # `rule:not-central`) counts toward no gap and supplies no prerequisite, or a MATLAB primer
    # mentioning matrices stands in for a linear-algebra course
    teaches: sparse.csc_matrix
    teaches_rows: sparse.csr_matrix  # the same, by course
    material_rows: sparse.csr_matrix  # every taught level, touched skills too (pace model)
    assumes: sparse.csr_matrix  # int8 levels, courses x skills (rows: one course's needs)
    listed_hours: FloatArray  # NaN when the catalog lists no effort
    price_model: CodeArray  # PRICE_* codes
    price_amount: FloatArray  # NaN when unknown; per month for subscriptions
    platform_code: CodeArray
    platforms: tuple[str, ...]
    language_code: CodeArray  # position in `languages`, -1 when unknown
    languages: tuple[str, ...]
    pedagogy: CodeArray  # 0 unknown, PEDAGOGY_CODES otherwise
    quality: FloatArray  # 0-1, NaN when no evidence
    # 1 for a course about a subject outside the taxonomy, TITLE_ONLY_SHARE for one known by
    # its title alone, else 0 (engine.topics): the planner's topic penalty
    off_topic: FloatArray
    # a course about another subject known by its title alone (an iOS course whose title
    # names design patterns): never planned, its skills read off incidental title words
    off_subject: BoolArray
    topics: Mapping[str, str]  # course id -> that subject, for explanations
    certificate: CodeArray  # CERT_UNKNOWN, CERT_NONE or CERT_GIVEN
    project: CodeArray  # PROJECT_UNKNOWN, PROJECT_NONE or PROJECT_GIVEN
    related: npt.NDArray[np.bool_]  # a program, or a part of a program in the catalog
    parts: dict[int, tuple[int, ...]]  # program -> its parts present in the catalog
    parents: dict[int, tuple[int, ...]]  # part -> programs listing it
    median_hours: float | None  # of the courses whose hours are known

    def level_vector(self, levels: Mapping[str, int]) -> IntArray:
        """Levels by skill column (0 where none is given; skills outside the index ignored)."""
        out = np.zeros(len(self.skills), dtype=np.int64)
        for s, v in levels.items():
            j = self.skill_pos.get(s)
            if j is not None:
                out[j] = int(v)
        return out

    @property
    def size(self) -> int:
        return len(self.ids)

    @classmethod
    def for_context(cls, ctx: AdvisorContext) -> PlannerIndex:
        """The index of `ctx`, built once and kept while `ctx` lives (services reuse one
        context per catalog version, so every plan after the first skips the build)."""
        key = id(ctx)
        with _CACHE_LOCK:
            hit = _CACHE.get(key)
            if hit is not None and hit[0]() is ctx:
                return hit[1]
        built = cls.build(ctx)
        with _CACHE_LOCK:
            _CACHE[key] = (weakref.ref(ctx, _forgetter(key)), built)
        return built

    @classmethod
    def build(cls, ctx: AdvisorContext) -> PlannerIndex:
        courses = list(ctx.courses.values())
        ids = tuple(c.id for c in courses)
        pos = {cid: i for i, cid in enumerate(ids)}
        skill_names = set(ctx.taxonomy.skills)
        for c in courses:
            skill_names.update(c.teaches)
            skill_names.update(c.assumes)
        skills = tuple(sorted(skill_names))
        skill_pos = {s: j for j, s in enumerate(skills)}
        n = len(courses)

        t_rows: list[int] = []
        t_cols: list[int] = []
        t_vals: list[int] = []
        touched: list[int] = []  # positions in t_* of touched skills (no plan credit)
        a_rows: list[int] = []
        a_cols: list[int] = []
        a_vals: list[int] = []
        parts: dict[int, tuple[int, ...]] = {}
        parents: dict[int, list[int]] = {}
        for i, c in enumerate(courses):
            teaches = effective_teaches(c, ctx)
            assumes = effective_assumes(c, ctx) if c.parts else c.assumes
            for s, lvl in teaches.items():
                if lvl > 0:
                    if only_touches(c, s):
                        touched.append(len(t_vals))
                    t_rows.append(i)
                    t_cols.append(skill_pos[s])
                    t_vals.append(int(lvl))
            for s, lvl in assumes.items():
                if lvl > 0:
                    a_rows.append(i)
                    a_cols.append(skill_pos[s])
                    a_vals.append(int(lvl))
            if c.parts:
                present = tuple(pos[p] for p in c.parts if p in pos and p != c.id)
                if present:
                    parts[i] = present
                    for p in present:
                        parents.setdefault(p, []).append(i)
        shape = (n, len(skills))
        material = sparse.csc_matrix(
            (np.array(t_vals, dtype=np.int8), (t_rows, t_cols)), shape=shape
        )
        if touched:
            keep = np.ones(len(t_vals), dtype=bool)
            keep[touched] = False
            rows_k, cols_k = np.array(t_rows)[keep], np.array(t_cols)[keep]
            vals_k = np.array(t_vals, dtype=np.int8)[keep]
            teaches_m = sparse.csc_matrix((vals_k, (rows_k, cols_k)), shape=shape)
        else:
            teaches_m = material  # one matrix when nothing is only touched (saves memory)
        assumes_m = sparse.csr_matrix(
            (np.array(a_vals, dtype=np.int8), (a_rows, a_cols)), shape=shape
        )
        hours = np.array(
            [np.nan if (h := c.effort.total_hours()) is None else h for c in courses],
            dtype=np.float64,
        )
        price_model = np.array([_price_code(c, ctx) for c in courses], dtype=np.int16)
        # An unknown amount is planned at the typical price of the course's platform and
        # price model when the catalog has one (labelled by the service), else it stays NaN.
        price_amount = np.array([_amount(c, ctx) for c in courses], dtype=np.float64)
        platforms = tuple(sorted({c.platform for c in courses}))
        platform_pos = {p: k for k, p in enumerate(platforms)}
        platform_code = np.array([platform_pos[c.platform] for c in courses], dtype=np.int16)
        languages = tuple(sorted({c.language.lower() for c in courses if c.language}))
        language_pos = {lang: k for k, lang in enumerate(languages)}
        language_code = np.array(
            [-1 if not c.language else language_pos[c.language.lower()] for c in courses],
            dtype=np.int16,
        )
        pedagogy = np.array(
            [0 if c.pedagogy is None else PEDAGOGY_CODES[c.pedagogy] for c in courses],
            dtype=np.int16,
        )
        quality = np.full(n, np.nan)
        for cid, q in ctx.quality.items():
            score = q.score()
            if score is not None and cid in pos:
                quality[pos[cid]] = score
        off_topic = np.zeros(n, dtype=np.float64)
        for cid in ctx.title_only:
            if cid in pos:
                off_topic[pos[cid]] = TITLE_ONLY_SHARE
        off_subject = np.zeros(n, dtype=bool)
        for cid in ctx.off_topic:
            if cid in pos:
                off_topic[pos[cid]] = 1.0
                off_subject[pos[cid]] = cid in ctx.title_only
        certificate = np.array(
            [
                CERT_UNKNOWN
                if c.certificate is None
                else CERT_NONE
                if c.certificate == CertificateKind.NONE
                else CERT_GIVEN
                for c in courses
            ],
            dtype=np.int16,
        )
        project = np.array(
            [
                PROJECT_UNKNOWN
                if c.hands_on is None
                else PROJECT_GIVEN
                if c.hands_on in (HandsOn.INDEPENDENT_PROJECTS, HandsOn.CAPSTONE)
                else PROJECT_NONE
                for c in courses
            ],
            dtype=np.int16,
        )
        related = np.zeros(n, dtype=bool)
        for prog, members in parts.items():
            related[prog] = True
            related[list(members)] = True
        known_hours = hours[~np.isnan(hours)]
        return cls(
            ids=ids,
            pos=pos,
            skills=skills,
            skill_pos=skill_pos,
            teaches=teaches_m,
            teaches_rows=(teaches_rows := teaches_m.tocsr()),
            material_rows=teaches_rows if teaches_m is material else material.tocsr(),
            assumes=assumes_m,
            listed_hours=hours,
            price_model=price_model,
            price_amount=price_amount,
            platform_code=platform_code,
            platforms=platforms,
            language_code=language_code,
            languages=languages,
            pedagogy=pedagogy,
            quality=quality,
            off_topic=off_topic,
            off_subject=off_subject,
            topics=dict(ctx.off_topic),
            certificate=certificate,
            project=project,
            related=related,
            parts=parts,
            parents={k: tuple(v) for k, v in parents.items()},
            median_hours=float(np.median(known_hours)) if known_hours.size else None,
        )

    def months(self, hours: FloatArray, hours_per_week: float) -> FloatArray:
        """Subscription months a course of these hours takes at the learner's weekly hours
        (whole months, at least one; one when the hours are unknown)."""
        weeks = hours / hours_per_week
        out: FloatArray = np.where(
            np.isnan(weeks),
            1.0,
            np.maximum(1.0, -np.floor_divide(-np.nan_to_num(weeks), WEEKS_PER_MONTH)),
        )
        return out

    @cached_property
    def median_monthly(self) -> float | None:
        """The median known monthly price of the catalog's subscriptions (once per index:
        plans read it for every unstated subscription price)."""
        known = self.price_amount[(self.price_model == PRICE_SUBSCRIPTION)]
        known = known[~np.isnan(known)]
        return float(np.median(known)) if known.size else None

    def costs(
        self, rows: IntArray, hours: FloatArray, hours_per_week: float, certificate: bool = False
    ) -> FloatArray:
        """Price.cost_for(hours / hours_per_week, certificate) for these courses, vectorised;
        NaN = unknown.

        A subscription is paid for the months the course takes at the learner's weekly hours
        (one month when its hours are unknown), exactly as `Price.cost_for` counts them; a
        course free to audit costs its verified certificate when the learner needs one."""
        model = self.price_model[rows]
        amount = self.price_amount[rows]
        months = self.months(hours, hours_per_week)
        out = np.full(rows.shape, np.nan)
        out[model == PRICE_FREE] = 0.0
        audit = model == PRICE_AUDIT
        out[audit] = amount[audit] if certificate else 0.0
        one = model == PRICE_ONE_TIME
        out[one] = amount[one]
        sub = model == PRICE_SUBSCRIPTION
        out[sub] = amount[sub] * months[sub]
        return out
