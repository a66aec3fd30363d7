"""The candidate pool: from the whole catalog to the courses a plan could use, vectorised.

`build_pool` works on the index's sparse matrices, never looping over the catalog in Python:
1. Discovery: the courses teaching some gap skill above the learner's level (nothing else can
   raise coverage), then, for every assumption a discovered course makes that the learner does
   not meet, the courses teaching it to that level, and so on (the prerequisite closure).
2. Filters on what discovery reached, each counted: completed courses (and parts of completed
   programs), platforms outside the learner's list, unknown price when a budget is set,
   unknown hours when a deadline is set, a course costing more than the whole budget or
   taking longer than the whole deadline. `hours_fn` is called only for discovered courses
   that pass the completed / platform filters (never for the whole catalog).
3. Reachability, forward: starting from the learner's levels, a course joins once every
   assumption it makes is met by the learner or by courses already joined (never by itself);
   repeated to a fixpoint. This is exactly the set of courses that can appear in some
   prerequisite-respecting plan (budget and deadline aside).
4. Usefulness, backward: a reachable course stays when it raises a gap skill, or supplies an
   assumption of a course that stays.

The pool carries, per course, the capped levels on the relevant skills (gap skills and the
skills some pool course assumes), its unmet assumptions, hours, cost and the secondary terms.
`Pool.problem(subset)` materialises the dict-based `Problem` (a few hundred courses at most)
that the ordering, calendar, greedy and explanation code reads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
import numpy.typing as npt
from scipy import sparse

from coursestack.domain import Course, Learner, Level, Pedagogy, Requirement
from coursestack.engine.context import AdvisorContext
from coursestack.engine.goal_projects import (
    PROJECT_SKILLS,
    goal_skills,
    off_goal_entries,
    threshold,
)
from coursestack.engine.planner_index import (
    CERT_NONE,
    CERT_UNKNOWN,
    PEDAGOGY_CODES,
    PRICE_ONE_TIME,
    PRICE_SUBSCRIPTION,
    PROJECT_NONE,
    PROJECT_UNKNOWN,
    FloatArray,
    IntArray,
    PlannerIndex,
    row_entries,
)
from coursestack.engine.topics import TITLE_ONLY_SHARE

# What a course ending in no project weighs for a learner who needs portfolio work: half an
# off-topic course (coverage still comes first; among plans reaching it, project courses win)
PORTFOLIO_WEIGHT = 0.5
# Objective weights, in units of one median candidate's hours (see planner.py).
RATING_WEIGHT = 0.5
PEDAGOGY_WEIGHT = 0.25
# A course about a subject outside the taxonomy (engine.topics) costs one median candidate's
# hours more, in every objective: a course about the skill covering as much wins unless it
# takes that much longer (a C# WinForms course was the Git step, an hour shorter than one
# about Git). Never an exclusion: coverage comes first.
OFF_TOPIC_WEIGHT = 1.0
NEUTRAL_RATING = 0.5  # when no candidate has any quality evidence
OPPOSITE = {Pedagogy.THEORY_FIRST: Pedagogy.CODE_FIRST, Pedagogy.CODE_FIRST: Pedagogy.THEORY_FIRST}
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class GapSkill:
    skill: str
    col: int  # column in the index
    have: int
    need: int
    weight: int


@dataclass
class Exclusions:
    completed: int = 0
    off_subject: int = 0  # about another subject, known by its title alone (PlannerIndex)
    platform: int = 0
    language: int = 0
    unknown_price: int = 0
    unknown_hours: int = 0
    over_budget: int = 0
    over_deadline: int = 0
    dominated: int = 0  # pool courses outside the undominated core (planner_dominance)
    unreachable: int = 0
    # index row -> the filter that removed it ("platform", "unknown_hours", ...), so a
    # residual gap can name what blocked the courses that teach it.
    why: dict[int, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, int]:
        return {k: v for k, v in self.__dict__.items() if k != "why"}


@dataclass
class Problem:
    """A small instance (a subset of the pool) in the dict form the ordering, calendar, greedy
    and explanation code read. Arrays are indexed by local candidate number."""

    index: PlannerIndex
    learner: Learner
    known: dict[str, int]
    gaps: list[GapSkill]
    rows: IntArray  # index positions of the candidates
    hours: FloatArray  # the learner's hours, NaN when unknown (only without a deadline)
    plan_hours: FloatArray  # hours used by the objective and calendar (assumed when unknown)
    cost: FloatArray  # NaN when unknown (only without a budget)
    plan_cost: FloatArray  # cost used by the objective (median paid candidate's when unknown)
    rating_pen: FloatArray  # 1 - quality score (assumed neutral when unknown)
    pedagogy_pen: FloatArray  # 1 for the pedagogy opposite to the learner's preference
    topic_pen: FloatArray  # 1 for a course about a subject outside the taxonomy (engine.topics)
    levels: dict[int, dict[str, int]]  # candidate -> teaches (only skills that matter)
    needs: dict[int, dict[str, int]]  # candidate -> assumptions the learner does not meet
    providers: dict[tuple[str, int], list[int]]  # (skill, level) -> candidates teaching >= it
    exclusive: list[tuple[int, int]]  # (program, part) pairs among the candidates
    assumed_hours: float  # stand-in for an unknown effort (catalog median)
    hours_cap: float | None  # deadline_weeks * hours_per_week
    budget: float | None
    considered: int  # courses discovery reached, before filters
    excluded: Exclusions = field(default_factory=Exclusions)
    cap: dict[str, int] = field(default_factory=dict)  # relevant skill -> highest level that counts
    pool_ids: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def size(self) -> int:
        return len(self.rows)

    def course_id(self, k: int) -> str:
        return self.index.ids[int(self.rows[k])]


@dataclass
class Pool:
    """Every course a plan could use, as arrays (local number = position in `rows`)."""

    index: PlannerIndex
    learner: Learner
    known: dict[str, int]
    gaps: list[GapSkill]
    rows: IntArray  # index positions, ascending
    cols: IntArray  # index skill columns of the relevant skills (local skill number j)
    teach: sparse.csr_matrix  # int8 levels above the learner's, pool x relevant skills
    need: sparse.csr_matrix  # int8 unmet assumption levels, pool x relevant skills
    hours: FloatArray
    plan_hours: FloatArray
    cost: FloatArray
    plan_cost: FloatArray
    rating_pen: FloatArray
    pedagogy_pen: FloatArray
    topic_pen: FloatArray
    related: BoolArray  # a program or a part of one
    exclusive: list[tuple[int, int]]  # (program, part) pairs, pool-local
    assumed_hours: float
    hours_cap: float | None
    budget: float | None
    considered: int
    excluded: Exclusions
    cap: dict[str, int]
    depth: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def size(self) -> int:
        return len(self.rows)

    def course_id(self, k: int) -> str:
        return self.index.ids[int(self.rows[k])]

    @cached_property
    def teach_csc(self) -> sparse.csc_matrix:
        """`teach` by skill column (built once per pool: several plan stages read it)."""
        return self.teach.tocsc()

    @cached_property
    def secondary_scales(self) -> tuple[float, float]:
        """secondary_scales of this pool, once (the main plan and each alternative read it)."""
        return secondary_scales(self.plan_hours, self.plan_cost)

    @property
    def gap_j(self) -> IntArray:
        """Local skill number of each gap skill (-1 when no pool course teaches it)."""
        pos = {int(c): j for j, c in enumerate(self.cols)}
        return np.array([pos.get(g.col, -1) for g in self.gaps], dtype=np.int64)

    def reach(self) -> IntArray:
        """Highest level (capped at the need) some pool course reaches, per gap skill; the
        learner's level when none does. Taking every pool course reaches all of them."""
        out = np.array([g.have for g in self.gaps], dtype=np.int64)
        gap_j = self.gap_j
        csc = self.teach_csc
        for i, g in enumerate(self.gaps):
            j = int(gap_j[i])
            if j >= 0:
                col = csc.data[csc.indptr[j] : csc.indptr[j + 1]]
                if col.size:
                    out[i] = max(g.have, min(int(col.max()), g.need))
        return out

    def _pairs_within(self, sub: IntArray) -> list[tuple[int, int]]:
        """The (program, part) pairs with both ends in `sub`, numbered by position in it."""
        local = np.full(self.size, -1, dtype=np.int64)
        local[sub] = np.arange(sub.size)
        return [
            (int(local[a]), int(local[b]))
            for a, b in self.exclusive
            if local[a] >= 0 and local[b] >= 0
        ]

    def restrict(self, keep: IntArray) -> Pool:
        """The pool of these courses only (ascending pool numbers; local numbers change to
        positions in `keep`). Skills, gaps, caps and exclusion counts are shared."""
        sub = np.asarray(keep, dtype=np.int64)
        return replace(
            self,
            rows=self.rows[sub],
            teach=self.teach[sub],
            need=self.need[sub],
            hours=self.hours[sub],
            plan_hours=self.plan_hours[sub],
            cost=self.cost[sub],
            plan_cost=self.plan_cost[sub],
            rating_pen=self.rating_pen[sub],
            pedagogy_pen=self.pedagogy_pen[sub],
            topic_pen=self.topic_pen[sub],
            related=self.related[sub],
            exclusive=self._pairs_within(sub),
            depth=self.depth[sub] if self.depth.size else self.depth,
        )

    def problem(self, subset: IntArray) -> Problem:
        """The dict-form Problem on these pool courses (ascending pool numbers)."""
        sub = np.asarray(subset, dtype=np.int64)
        skills = self.index.skills
        names = [skills[int(c)] for c in self.cols]
        levels: dict[int, dict[str, int]] = {}
        t_pos, t_col, t_val = row_entries(self.teach, sub)
        for k, j, v in zip(t_pos.tolist(), t_col.tolist(), t_val.tolist(), strict=True):
            levels.setdefault(k, {})[names[j]] = v
        needs: dict[int, dict[str, int]] = {}
        n_pos, n_col, n_val = row_entries(self.need, sub)
        for k, j, v in zip(n_pos.tolist(), n_col.tolist(), n_val.tolist(), strict=True):
            needs.setdefault(k, {})[names[j]] = v
        # (skill, level) asked by some course -> the courses teaching it that far, ascending
        # (teach entries come in course order)
        providers: dict[tuple[str, int], list[int]] = {}
        for j, la in set(zip(n_col.tolist(), n_val.tolist(), strict=True)):
            hit = (t_col == j) & (t_val >= la)
            providers[(names[j], la)] = t_pos[hit].tolist()
        return Problem(
            index=self.index,
            learner=self.learner,
            known=self.known,
            gaps=self.gaps,
            rows=self.rows[sub],
            hours=self.hours[sub],
            plan_hours=self.plan_hours[sub],
            cost=self.cost[sub],
            plan_cost=self.plan_cost[sub],
            rating_pen=self.rating_pen[sub],
            pedagogy_pen=self.pedagogy_pen[sub],
            topic_pen=self.topic_pen[sub],
            levels=levels,
            needs=needs,
            providers=providers,
            exclusive=self._pairs_within(sub),
            assumed_hours=self.assumed_hours,
            hours_cap=self.hours_cap,
            budget=self.budget,
            considered=self.considered,
            excluded=self.excluded,
            cap=self.cap,
            pool_ids=sub,
        )


def secondary_scales(plan_hours: FloatArray, plan_cost: FloatArray) -> tuple[float, float]:
    """The median positive hours and cost of the courses (1.0 when none): the units the
    tie-break objectives measure hours and cost in."""
    positive_h = plan_hours[plan_hours > 0]
    positive_c = plan_cost[plan_cost > 0]
    med_h = float(np.median(positive_h)) if positive_h.size else 1.0
    med_c = float(np.median(positive_c)) if positive_c.size else 1.0
    return med_h, med_c


def language_mask(
    index: PlannerIndex, learner: Learner, rows: IntArray | None = None
) -> BoolArray | None:
    """Which courses (every one, or just `rows`) the learner can read: in one of their
    languages, or of unknown language when they read English (unknown_language_readable).
    None when the learner reads any language."""
    if learner.languages is None:
        return None
    wanted = {code.lower() for code in learner.languages}
    codes = [k for k, lang in enumerate(index.languages) if lang in wanted]
    code = index.language_code if rows is None else index.language_code[rows]
    known = np.isin(code, codes)
    return (code < 0) | known if unknown_language_readable(learner) else known


def unknown_language_readable(learner: Learner) -> bool:
    """Whether a course of unknown language counts as readable for the learner: only when
    they read English (or any language). What import leaves unknown is mostly English (of
    150 random dump courses 12 stayed unknown after language inference, 10 of them English;
    benchmarks/language_accuracy.py), so a Spanish-only reader was planned English courses."""
    return learner.languages is None or "en" in {code.lower() for code in learner.languages}


def _gaps(
    index: PlannerIndex, known_i: Mapping[str, int], requirements: Mapping[str, Requirement]
) -> list[GapSkill]:
    gaps: list[GapSkill] = []
    for s, req in sorted(requirements.items()):
        have = known_i.get(s, 0)
        if int(req.level) > have:
            col = index.skill_pos.get(s, -1)
            gaps.append(GapSkill(s, col, have, int(req.level), int(req.weight)))
    return gaps


def _teachers(index: PlannerIndex, col: int, at_least: int) -> IntArray:
    """Index rows of the courses teaching skill column `col` at `at_least` or more."""
    t = index.teaches
    start, end = t.indptr[col], t.indptr[col + 1]
    return np.asarray(t.indices[start:end][t.data[start:end] >= at_least], dtype=np.int64)


def _unmet(
    m: sparse.csr_matrix, rows: IntArray, known_vec: IntArray
) -> tuple[IntArray, IntArray, IntArray]:
    """(row position in `rows`, skill column, level) of the assumptions above the learner."""
    row, col, val = row_entries(m, rows)
    keep = val > known_vec[col]
    return row[keep], col[keep], val[keep].astype(np.int64)


def _note(ex: Exclusions, rows: IntArray, reason: str) -> None:
    for r in rows.tolist():
        ex.why.setdefault(int(r), reason)


def build_pool(
    ctx: AdvisorContext,
    index: PlannerIndex,
    learner: Learner,
    known: Mapping[str, Level],
    requirements: Mapping[str, Requirement],
    hours_fn: Callable[[Course], float | None] | None,
    hours_rows: Callable[[IntArray], FloatArray] | None = None,
) -> Pool:
    """The pool (module docstring). A course's hours: `hours_rows` (index rows -> hours, NaN
    for unknown) when given, else `hours_fn` per course, else the listed effort."""
    known_i = {s: int(v) for s, v in known.items() if int(v) > 0}
    known_vec = index.level_vector(known_i)
    gaps = _gaps(index, known_i, requirements)
    n = index.size
    ex = Exclusions()
    allowed = np.ones(n, dtype=bool)
    done = [index.pos[c] for c in learner.completed if c in index.pos]
    for p in list(done):
        done.extend(index.parts.get(p, ()))
    allowed[done] = False
    platform_ok: BoolArray | None = None
    if learner.platforms is not None:
        wanted = set(learner.platforms)
        codes = [k for k, p in enumerate(index.platforms) if p in wanted]
        platform_ok = np.isin(index.platform_code, codes)
    language_ok = language_mask(index, learner)
    hours_cap = (
        None if learner.deadline_weeks is None else learner.deadline_weeks * learner.hours_per_week
    )
    budget = learner.budget
    hours_all = np.full(n, np.nan)
    seen = np.zeros(n, dtype=bool)
    kept = np.zeros(n, dtype=bool)
    considered = 0

    def admit(rows: IntArray) -> IntArray:
        nonlocal considered
        rows = np.unique(rows)
        rows = rows[~seen[rows]]
        if rows.size == 0:
            return rows
        seen[rows] = True
        considered += int(rows.size)
        ok = allowed[rows]
        ex.completed += int((~ok).sum())
        rows = rows[ok]
        weak = index.off_subject[rows]
        if weak.any():
            ex.off_subject += int(weak.sum())
            _note(ex, rows[weak], "off_subject")
            rows = rows[~weak]
        if platform_ok is not None:
            ok = platform_ok[rows]
            ex.platform += int((~ok).sum())
            _note(ex, rows[~ok], "platform")
            rows = rows[ok]
        if language_ok is not None:
            ok = language_ok[rows]
            ex.language += int((~ok).sum())
            _note(ex, rows[~ok], "language")
            rows = rows[ok]
        if hours_rows is not None:
            hrs = hours_rows(rows)
        elif hours_fn is None:
            hrs = index.listed_hours[rows]
        else:
            courses = ctx.courses
            ids = index.ids
            hrs = np.array(
                [np.nan if (h := hours_fn(courses[ids[r]])) is None else h for r in rows.tolist()],
                dtype=np.float64,
            )
        cost = index.costs(rows, hrs, learner.hours_per_week, learner.needs_certificate)
        # A course whose time the pace model cannot estimate (no listed effort and no
        # comparable course listing one) is never planned: assuming a figure for a program
        # of unknown size would make a months-long certificate look like an afternoon.
        unknown = np.isnan(hrs)
        ex.unknown_hours += int(unknown.sum())
        _note(ex, rows[unknown], "unknown_hours")
        ok = ~unknown
        if hours_cap is not None:
            over = ok & (hrs > hours_cap + 1e-9)
            ex.over_deadline += int(over.sum())
            _note(ex, rows[over], "over_deadline")
            ok &= ~over
        if budget is not None:
            unknown = np.isnan(cost) & ok
            if budget <= 0:
                # paid, amount not stated: surely over a budget of nothing (a learner with no
                # budget was told to look up the price of three Nanodegrees)
                paid = np.isin(index.price_model[rows], (PRICE_SUBSCRIPTION, PRICE_ONE_TIME))
                ex.over_budget += int((unknown & paid).sum())
                _note(ex, rows[unknown & paid], "over_budget")
                ok &= ~(unknown & paid)
                unknown &= ~paid
            ex.unknown_price += int(unknown.sum())
            _note(ex, rows[unknown], "unknown_price")
            over = ok & ~np.isnan(cost) & (cost > budget + 1e-9)
            ex.over_budget += int(over.sum())
            _note(ex, rows[over], "over_budget")
            ok &= ~unknown & ~over
        rows = rows[ok]
        hours_all[rows] = hrs[ok]
        kept[rows] = True
        return rows

    parts = [_teachers(index, g.col, g.have + 1) for g in gaps if g.col >= 0]
    frontier = admit(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)
    asked: set[tuple[int, int]] = set()
    while frontier.size:
        _r, cols, lvls = _unmet(index.assumes, frontier, known_vec)
        pairs = set(zip(cols.tolist(), lvls.tolist(), strict=True)) - asked
        asked |= pairs
        found = [_teachers(index, c, lv) for c, lv in sorted(pairs)]
        frontier = admit(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)

    rows = np.flatnonzero(kept)
    projects = _GoalProjects.of(index, requirements)
    rows, depth = _reachable_and_useful(index, rows, known_vec, gaps, ex, projects)
    pool = _assemble(
        index, learner, known_i, known_vec, gaps, rows, hours_all, ex, considered, projects
    )
    pool.depth = depth
    return pool


@dataclass(frozen=True)
class _GoalProjects:
    """engine.goal_projects on index columns: which are the goal's skills, which projects."""

    goal_col: BoolArray
    project_col: BoolArray
    need: int

    @classmethod
    def of(cls, index: PlannerIndex, requirements: Mapping[str, Requirement]) -> _GoalProjects:
        goal = goal_skills(requirements)
        goal_col = np.zeros(len(index.skills), dtype=bool)
        project_col = np.zeros(len(index.skills), dtype=bool)
        goal_col[[index.skill_pos[s] for s in goal if s in index.skill_pos]] = True
        project_col[[index.skill_pos[s] for s in PROJECT_SKILLS if s in index.skill_pos]] = True
        return cls(goal_col, project_col, threshold(goal))

    def teach_entries(
        self, index: PlannerIndex, rows: IntArray
    ) -> tuple[IntArray, IntArray, npt.NDArray[np.int8]]:
        """row_entries of the rows' teaches, less projects that do not exercise the goal."""
        t_row, t_col, t_val = row_entries(index.teaches_rows, rows)
        off = off_goal_entries(t_row, t_col, rows.size, self.goal_col, self.project_col, self.need)
        if off.any():
            keep = ~off
            return t_row[keep], t_col[keep], t_val[keep]
        return t_row, t_col, t_val


def _reachable_and_useful(
    index: PlannerIndex,
    rows: IntArray,
    known_vec: IntArray,
    gaps: list[GapSkill],
    ex: Exclusions,
    projects: _GoalProjects,
) -> tuple[IntArray, IntArray]:
    """Forward reachability from the learner's levels, then backward usefulness. Also each
    kept course's depth: the fixpoint round it joined in (its assumptions are all met by the
    learner and courses of smaller depth)."""
    if rows.size == 0:
        return rows, np.zeros(0, dtype=np.int64)
    m = rows.size
    nr, nc, nl = _unmet(index.assumes, rows, known_vec)
    levels = known_vec.copy()
    reached = np.zeros(m, dtype=bool)
    depth = np.zeros(m, dtype=np.int64)
    round_no = 0
    t_row, t_col, t_data = projects.teach_entries(index, rows)
    t_val = t_data.astype(np.int64)
    while True:
        short = nl > levels[nc]
        blocked = np.bincount(nr[short], minlength=m) > 0
        newly = ~reached & ~blocked
        if not newly.any():
            break
        reached |= newly
        depth[newly] = round_no
        round_no += 1
        sel = newly[t_row]
        np.maximum.at(levels, t_col[sel], t_val[sel])
    # Usefulness: raises a gap skill, or supplies an assumption of a useful course.
    gap_col = np.full(len(index.skills), -1, dtype=np.int64)
    for g in gaps:
        if g.col >= 0:
            gap_col[g.col] = g.have
    raises = (gap_col[t_col] >= 0) & (t_val > gap_col[t_col])
    useful = np.zeros(m, dtype=bool)
    useful[t_row[raises]] = True
    useful &= reached
    frontier = useful.copy()
    asked_min = np.full(len(index.skills), 99, dtype=np.int64)  # lowest level asked per skill
    while frontier.any():
        sel = frontier[nr]
        before = asked_min.copy()
        np.minimum.at(asked_min, nc[sel], nl[sel])
        if np.array_equal(before, asked_min):
            break
        supplies = np.zeros(m, dtype=bool)
        supplies[t_row[t_val >= asked_min[t_col]]] = True
        frontier = supplies & reached & ~useful
        useful |= frontier
    ex.unreachable += int(m - useful.sum())
    return rows[useful], depth[useful]


def _assemble(
    index: PlannerIndex,
    learner: Learner,
    known_i: dict[str, int],
    known_vec: IntArray,
    gaps: list[GapSkill],
    rows: IntArray,
    hours_all: FloatArray,
    ex: Exclusions,
    considered: int,
    projects: _GoalProjects,
) -> Pool:
    hours = hours_all[rows]
    assumed = index.median_hours if index.median_hours is not None else learner.hours_per_week
    plan_hours = np.where(np.isnan(hours), assumed, hours)
    cost = index.costs(rows, hours, learner.hours_per_week, learner.needs_certificate)
    # An unknown price is not a free one (free courses say so): the objective takes the
    # median of the candidates' known non-zero costs; with the free ones counted, that median
    # was 0 on the real catalog and three Udacity Nanodegrees made the "cheapest" plan.
    paid = cost[~np.isnan(cost) & (cost > 0)]
    plan_cost = np.where(np.isnan(cost), float(np.median(paid)) if paid.size else 0.0, cost)
    # A subscription of unstated amount (Udacity's) is paid every month it runs: at the
    # catalog's median monthly price for the months it takes, not one course's price (three
    # 180 h Nanodegrees weighed as 49 USD each made a no-budget analyst plan).
    unpriced_sub = np.isnan(cost) & (index.price_model[rows] == PRICE_SUBSCRIPTION)
    monthly = index.median_monthly if unpriced_sub.any() else None
    if monthly is not None:
        months = index.months(plan_hours, learner.hours_per_week)
        plan_cost = np.where(unpriced_sub, monthly * months, plan_cost)
    quality = index.quality[rows].astype(np.float64)
    rated = quality[~np.isnan(quality)]
    neutral = float(np.median(rated)) if rated.size else NEUTRAL_RATING
    rating_pen = 1.0 - np.where(np.isnan(quality), neutral, quality)
    pedagogy_pen = np.zeros(rows.size)
    if learner.pedagogy in OPPOSITE:
        codes = index.pedagogy[rows]
        opposite = (codes == PEDAGOGY_CODES[OPPOSITE[learner.pedagogy]]) * 1.0
        # An unknown pedagogy is the opposite one as often as among the candidates whose
        # pedagogy is known (the expected mismatch): at 0 the least-described courses won
        # whenever a preference was stated (a 54 h Precalculus of unknown style over
        # known theory-first linear algebra).
        described = codes != 0
        expected = float(opposite[described].mean()) if described.any() else 0.0
        pedagogy_pen = np.where(described, opposite, expected)

    nr, nc, nl = _unmet(index.assumes, rows, known_vec)
    top = np.zeros(len(index.skills), dtype=np.int64)  # highest level that counts, per skill
    np.maximum.at(top, nc, nl)
    for g in gaps:
        if g.col >= 0:
            top[g.col] = max(int(top[g.col]), g.need)
    cols = np.flatnonzero(top > 0).astype(np.int64)
    cap = {int(c): int(top[c]) for c in cols}
    local_col = np.full(len(index.skills), -1, dtype=np.int64)
    local_col[cols] = np.arange(cols.size)
    shape = (rows.size, cols.size)
    t_row, t_col, t_val = projects.teach_entries(index, rows)
    keep = (local_col[t_col] >= 0) & (t_val > known_vec[t_col])
    teach = sparse.csr_matrix(
        (t_val[keep].astype(np.int8), (t_row[keep], local_col[t_col[keep]])), shape=shape
    )
    need = sparse.csr_matrix((nl.astype(np.int8), (nr, local_col[nc])), shape=shape)
    teach.sort_indices()
    need.sort_indices()
    related = index.related[rows]
    exclusive: list[tuple[int, int]] = []
    for k in np.flatnonzero(related).tolist():
        for part in index.parts.get(int(rows[k]), ()):
            at = int(np.searchsorted(rows, part))  # rows are ascending
            if at < rows.size and int(rows[at]) == part:
                exclusive.append((k, at))
    return Pool(
        index=index,
        learner=learner,
        known=known_i,
        gaps=gaps,
        rows=rows,
        cols=cols,
        teach=teach,
        need=need,
        hours=hours,
        plan_hours=plan_hours,
        cost=cost,
        plan_cost=plan_cost,
        rating_pen=rating_pen,
        pedagogy_pen=pedagogy_pen,
        topic_pen=index.off_topic[rows] + _certificate_penalty(index, rows, learner),
        related=related,
        exclusive=exclusive,
        assumed_hours=assumed,
        hours_cap=None
        if learner.deadline_weeks is None
        else learner.deadline_weeks * learner.hours_per_week,
        budget=learner.budget,
        considered=considered,
        excluded=ex,
        cap={index.skills[int(c)]: v for c, v in cap.items()},
    )


def _certificate_penalty(index: PlannerIndex, rows: IntArray, learner: Learner) -> FloatArray:
    """For a learner who needs certificates, a course stated to give none weighs as an
    off-topic one, one the catalog says nothing of half that (it was 'reported but not
    enforced': a certificate-seeker's plan took three courses giving none beside courses
    giving one); for one who needs portfolio work, a course stated to end in no project
    weighs PORTFOLIO_WEIGHT, an unknown one half that (`needs: [portfolio]` changed no plan);
    nothing for anyone else."""
    pen: FloatArray = np.zeros(rows.size)
    if learner.needs_certificate:
        code = index.certificate[rows]
        pen += np.where(
            code == CERT_NONE, 1.0, np.where(code == CERT_UNKNOWN, TITLE_ONLY_SHARE, 0.0)
        )
    if learner.needs_portfolio:
        work = index.project[rows]
        pen += PORTFOLIO_WEIGHT * np.where(
            work == PROJECT_NONE, 1.0, np.where(work == PROJECT_UNKNOWN, 0.5, 0.0)
        )
    return pen
