"""Candidate pruning: from the whole catalog to the few courses a plan could use.

1. Gap candidates: through the index's skill columns, the courses that teach some gap skill
   above the learner's level (nothing else can raise coverage).
2. Prerequisite closure: for every assumption a candidate makes that the learner does not
   meet, the courses that teach it to that level join (they may be chosen only to enable
   another step), and so on for their own assumptions.
3. Filters, each counted: completed courses (and parts of completed programs), platforms
   outside the learner's list, unknown price when a budget is set, unknown hours when a
   deadline is set, a course costing more than the whole budget or taking longer than the
   whole deadline.
4. Dominance: among courses not tied to a program, with the same capped levels on every
   relevant skill (gap skills capped at the need, prerequisite skills at the highest level
   asked) and the same unmet assumptions, one with no more hours, cost, rating penalty and
   pedagogy penalty than another makes it useless (any plan using the latter does at least
   as well with the former). Exact ties keep the smaller id.
5. Reachability: a candidate with an assumption no other remaining candidate supplies is
   dropped, and so is a prerequisite-only course nobody needs any more; repeated to a fixpoint.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from coursestack.domain import Course, Learner, Level, Pedagogy, Requirement
from coursestack.engine.context import AdvisorContext
from coursestack.engine.planner_index import PEDAGOGY_CODES, FloatArray, IntArray, PlannerIndex

# Objective weights, in units of one median candidate's hours (see planner.py).
RATING_WEIGHT = 0.5
PEDAGOGY_WEIGHT = 0.25
NEUTRAL_RATING = 0.5  # when no candidate has any quality evidence
OPPOSITE = {Pedagogy.THEORY_FIRST: Pedagogy.CODE_FIRST, Pedagogy.CODE_FIRST: Pedagogy.THEORY_FIRST}


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
    platform: int = 0
    unknown_price: int = 0
    unknown_hours: int = 0
    over_budget: int = 0
    over_deadline: int = 0
    dominated: int = 0
    unreachable: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class Problem:
    """The pruned instance the solvers see. Arrays are indexed by local candidate number."""

    index: PlannerIndex
    learner: Learner
    known: dict[str, int]
    gaps: list[GapSkill]
    rows: IntArray  # index positions of the candidates
    hours: FloatArray  # the learner's hours, NaN when unknown (only without a deadline)
    plan_hours: FloatArray  # hours used by the objective and calendar (assumed when unknown)
    cost: FloatArray  # NaN when unknown (only without a budget)
    plan_cost: FloatArray  # cost used by the objective (median candidate cost when unknown)
    rating_pen: FloatArray  # 1 - quality score (assumed neutral when unknown)
    pedagogy_pen: FloatArray  # 1 for the pedagogy opposite to the learner's preference
    levels: dict[int, dict[str, int]]  # candidate -> teaches (only skills that matter)
    needs: dict[int, dict[str, int]]  # candidate -> assumptions the learner does not meet
    providers: dict[tuple[str, int], list[int]]  # (skill, level) -> candidates teaching >= it
    exclusive: list[tuple[int, int]]  # (program, part) pairs among the candidates
    assumed_hours: float  # stand-in for an unknown effort (catalog median)
    hours_cap: float | None  # deadline_weeks * hours_per_week
    budget: float | None
    considered: int  # candidates before filters and dominance
    excluded: Exclusions = field(default_factory=Exclusions)
    cap: dict[str, int] = field(default_factory=dict)  # relevant skill -> highest level that counts

    @property
    def size(self) -> int:
        return len(self.rows)

    def course_id(self, k: int) -> str:
        return self.index.ids[int(self.rows[k])]


def _teaching(index: PlannerIndex, col: int, above: int) -> IntArray:
    """Index rows of the courses teaching skill column `col` above level `above`."""
    start, end = index.teaches.indptr[col], index.teaches.indptr[col + 1]
    rows = index.teaches.indices[start:end]
    levels = index.teaches.data[start:end]
    return np.asarray(rows[levels > above], dtype=np.int64)


def build_problem(
    ctx: AdvisorContext,
    index: PlannerIndex,
    learner: Learner,
    known: Mapping[str, Level],
    requirements: Mapping[str, Requirement],
    hours_fn: Callable[[Course], float | None] | None,
) -> Problem:
    known_i = {s: int(v) for s, v in known.items() if int(v) > 0}
    known_vec = np.zeros(len(index.skills), dtype=np.int64)
    for s, v in known_i.items():
        if s in index.skill_pos:
            known_vec[index.skill_pos[s]] = v
    gaps: list[GapSkill] = []
    for s, req in sorted(requirements.items()):
        have = known_i.get(s, 0)
        if int(req.level) > have:
            col = index.skill_pos.get(s, -1)
            gaps.append(GapSkill(s, col, have, int(req.level), int(req.weight)))

    ex = Exclusions()
    allowed = np.ones(index.size, dtype=bool)
    done = [index.pos[c] for c in learner.completed if c in index.pos]
    for p in list(done):
        done.extend(index.parts.get(p, ()))
    allowed[done] = False
    if learner.platforms is not None:
        codes = [k for k, p in enumerate(index.platforms) if p in set(learner.platforms)]
        platform_ok = np.isin(index.platform_code, codes)
    else:
        platform_ok = np.ones(index.size, dtype=bool)
    hours_cap = (
        None if learner.deadline_weeks is None else learner.deadline_weeks * learner.hours_per_week
    )
    budget = learner.budget
    assumed = index.median_hours if index.median_hours is not None else learner.hours_per_week

    # Per-course hours/cost, computed lazily (hours_fn may be slow) for rows that reach us.
    hours_all: dict[int, float] = {}
    seen = np.zeros(index.size, dtype=bool)
    kept: list[int] = []
    considered = 0

    def admit(rows: IntArray) -> list[int]:
        nonlocal considered
        rows = rows[~seen[rows]]
        if rows.size == 0:
            return []
        rows = np.unique(rows)
        seen[rows] = True
        considered += int(rows.size)
        ok = allowed[rows]
        ex.completed += int((~ok).sum())
        rows = rows[ok]
        ok = platform_ok[rows]
        ex.platform += int((~ok).sum())
        rows = rows[ok]
        if hours_fn is None:
            hrs = index.listed_hours[rows]
        else:
            ctx_courses = ctx.courses
            hrs = np.array(
                [np.nan if (h := hours_fn(ctx_courses[index.ids[r]])) is None else h for r in rows],
                dtype=np.float64,
            )
        cost = index.costs(rows, hrs, learner.hours_per_week)
        ok = np.ones(rows.size, dtype=bool)
        if hours_cap is not None:
            unknown = np.isnan(hrs)
            ex.unknown_hours += int(unknown.sum())
            over = ~unknown & (hrs > hours_cap + 1e-9)
            ex.over_deadline += int(over.sum())
            ok &= ~unknown & ~over
        if budget is not None:
            unknown = np.isnan(cost) & ok
            ex.unknown_price += int(unknown.sum())
            over = ok & ~np.isnan(cost) & (cost > budget + 1e-9)
            ex.over_budget += int(over.sum())
            ok &= ~unknown & ~over
        out = [int(r) for r in rows[ok]]
        for r, h in zip(rows[ok], hrs[ok], strict=True):
            hours_all[int(r)] = float(h)
        return out

    frontier: list[int] = []
    for g in gaps:
        if g.col >= 0:
            frontier.extend(admit(_teaching(index, g.col, g.have)))
    # Prerequisite closure.
    need_cap: dict[int, int] = {}  # skill column -> highest unmet level asked
    asked: set[tuple[int, int]] = set()
    while frontier:
        kept.extend(frontier)
        sub = index.assumes[np.array(frontier, dtype=np.int64)].tocoo()
        unmet = sub.data > known_vec[sub.col]
        new_needs = set(zip(sub.col[unmet].tolist(), sub.data[unmet].tolist(), strict=True))
        frontier = []
        for col, lvl in new_needs:
            need_cap[col] = max(need_cap.get(col, 0), int(lvl))
            if (col, lvl) in asked:
                continue
            asked.add((col, lvl))
            frontier.extend(admit(_teaching(index, col, int(lvl) - 1)))

    rows = np.array(sorted(kept), dtype=np.int64)
    problem = _assemble(index, learner, known_i, known_vec, gaps, rows, hours_all, need_cap)
    problem.assumed_hours = assumed
    problem.hours_cap = hours_cap
    problem.budget = budget
    problem.considered = considered
    problem.excluded = ex
    _dominance(problem)
    _reachability(problem)
    return problem


def _assemble(
    index: PlannerIndex,
    learner: Learner,
    known_i: dict[str, int],
    known_vec: IntArray,
    gaps: list[GapSkill],
    rows: IntArray,
    hours_all: dict[int, float],
    need_cap: dict[int, int],
) -> Problem:
    hours = np.array([hours_all[int(r)] for r in rows], dtype=np.float64)
    assumed = index.median_hours if index.median_hours is not None else learner.hours_per_week
    plan_hours = np.where(np.isnan(hours), assumed, hours)
    cost = index.costs(rows, hours, learner.hours_per_week)
    known_cost = cost[~np.isnan(cost)]
    plan_cost = np.where(np.isnan(cost), np.median(known_cost) if known_cost.size else 0.0, cost)
    quality = index.quality[rows]
    rated = quality[~np.isnan(quality)]
    neutral = float(np.median(rated)) if rated.size else NEUTRAL_RATING
    rating_pen = 1.0 - np.where(np.isnan(quality), neutral, quality)
    pedagogy_pen = np.zeros(rows.size)
    if learner.pedagogy in OPPOSITE:
        pedagogy_pen = (index.pedagogy[rows] == PEDAGOGY_CODES[OPPOSITE[learner.pedagogy]]) * 1.0

    # Relevant skills: gap skills and every skill some candidate assumes above the learner.
    cap: dict[int, int] = dict(need_cap)
    for g in gaps:
        if g.col >= 0:
            cap[g.col] = max(cap.get(g.col, 0), g.need)
    cols = np.array(sorted(cap), dtype=np.int64)
    levels: dict[int, dict[str, int]] = {}
    if rows.size and cols.size:
        sub = index.teaches[rows][:, cols].tocoo()
        useful = sub.data > known_vec[cols[sub.col]]
        for k, j, lvl in zip(
            sub.row[useful].tolist(),
            sub.col[useful].tolist(),
            sub.data[useful].tolist(),
            strict=True,
        ):
            levels.setdefault(k, {})[index.skills[int(cols[j])]] = int(lvl)
    needs: dict[int, dict[str, int]] = {}
    if rows.size:
        sub = index.assumes[rows].tocoo()
        unmet = sub.data > known_vec[sub.col]
        for k, j, lvl in zip(
            sub.row[unmet].tolist(),
            sub.col[unmet].tolist(),
            sub.data[unmet].tolist(),
            strict=True,
        ):
            needs.setdefault(k, {})[index.skills[j]] = int(lvl)
    problem = Problem(
        index=index,
        learner=learner,
        known=known_i,
        gaps=gaps,
        rows=rows,
        hours=hours,
        plan_hours=plan_hours,
        cost=cost,
        plan_cost=plan_cost,
        rating_pen=rating_pen,
        pedagogy_pen=pedagogy_pen,
        levels=levels,
        needs=needs,
        providers={},
        exclusive=[],
        assumed_hours=assumed,
        hours_cap=None,
        budget=None,
        considered=0,
        cap={index.skills[int(c)]: v for c, v in cap.items()},
    )
    return problem


def _capped_signature(problem: Problem, k: int, cap: Mapping[str, int]) -> tuple[object, ...]:
    lv = tuple(sorted((s, min(v, cap[s])) for s, v in problem.levels.get(k, {}).items()))
    nd = tuple(sorted(problem.needs.get(k, {}).items()))
    return (lv, nd)


def _select(problem: Problem, keep: npt.NDArray[np.bool_]) -> None:
    """Keep only the candidates flagged in `keep`, renumbering the per-candidate maps."""
    old = np.flatnonzero(keep)
    renum = {int(o): n for n, o in enumerate(old)}
    problem.rows = problem.rows[old]
    for name in ("hours", "plan_hours", "cost", "plan_cost", "rating_pen", "pedagogy_pen"):
        setattr(problem, name, getattr(problem, name)[old])
    problem.levels = {renum[k]: v for k, v in problem.levels.items() if k in renum}
    problem.needs = {renum[k]: v for k, v in problem.needs.items() if k in renum}


def _dominance(problem: Problem) -> None:
    cap = problem.cap
    related = problem.index.related[problem.rows]
    groups: dict[tuple[object, ...], list[int]] = {}
    for k in range(problem.size):
        if not related[k]:
            groups.setdefault(_capped_signature(problem, k, cap), []).append(k)
    keep = np.ones(problem.size, dtype=bool)
    dims = np.stack(
        [problem.plan_hours, problem.plan_cost, problem.rating_pen, problem.pedagogy_pen], axis=1
    )
    ids = problem.index.ids
    for members in groups.values():
        if len(members) < 2:
            continue
        # Sort so that a dominator always comes before what it dominates.
        members.sort(key=lambda k: (*dims[k].tolist(), ids[int(problem.rows[k])]))
        front: list[int] = []
        for k in members:
            if any(bool(np.all(dims[f] <= dims[k])) for f in front):
                keep[k] = False
            else:
                front.append(k)
    problem.excluded.dominated += int((~keep).sum())
    _select(problem, keep)


def _reachability(problem: Problem) -> None:
    gap_need = {g.skill: g.need for g in problem.gaps}
    gap_have = {g.skill: g.have for g in problem.gaps}
    alive = np.ones(problem.size, dtype=bool)
    while True:
        by_skill: dict[str, list[tuple[int, int]]] = {}
        for k, lv in problem.levels.items():
            if alive[k]:
                for s, v in lv.items():
                    by_skill.setdefault(s, []).append((k, v))
        changed = False
        asked: set[tuple[str, int]] = set()
        for k in range(problem.size):
            if not alive[k]:
                continue
            for s, la in problem.needs.get(k, {}).items():
                if not any(v >= la and p != k for p, v in by_skill.get(s, [])):
                    alive[k] = False
                    changed = True
                    break
            else:
                asked.update(problem.needs.get(k, {}).items())
        for k in range(problem.size):
            if not alive[k]:
                continue
            lv = problem.levels.get(k, {})
            gains = any(v > gap_have[s] for s, v in lv.items() if s in gap_need)
            supplies = any(lv.get(s, 0) >= la for s, la in asked)
            if not gains and not supplies:
                alive[k] = False
                changed = True
        if not changed:
            break
    problem.excluded.unreachable += int((~alive).sum())
    _select(problem, alive)
    # Providers and program exclusivity on the final numbering.
    providers: dict[tuple[str, int], list[int]] = {}
    wanted = {(s, la) for nd in problem.needs.values() for s, la in nd.items()}
    for s, la in wanted:
        providers[(s, la)] = [k for k, lv in problem.levels.items() if lv.get(s, 0) >= la]
    problem.providers = providers
    local = {int(r): k for k, r in enumerate(problem.rows)}
    pairs: list[tuple[int, int]] = []
    for k, r in enumerate(problem.rows):
        for part in problem.index.parts.get(int(r), ()):
            if part in local:
                pairs.append((k, local[part]))
    problem.exclusive = pairs


def undominated(problem: Problem, sec: FloatArray) -> npt.NDArray[np.bool_]:
    """Candidates no other candidate dominates for this objective: c dominates d when it
    reaches every relevant skill at least as far (capped), assumes nothing d does not (no
    assumptions, or the same ones), and costs no more in the objective's secondary term, nor
    in hours when a deadline is set, nor in money when a budget is set. Programs and their
    parts never dominate (their exclusivity would not carry over)."""
    m = problem.size
    skills = sorted(problem.cap)
    col = {s: j for j, s in enumerate(skills)}
    levels_t = np.zeros((len(skills), m), dtype=np.int8)  # skill-major: one row per skill
    for k, lv in problem.levels.items():
        for s, v in lv.items():
            levels_t[col[s], k] = min(v, problem.cap[s])
    group = np.zeros(m, dtype=np.int64)
    seen: dict[tuple[tuple[str, int], ...], int] = {}
    for k, nd in problem.needs.items():
        group[k] = seen.setdefault(tuple(sorted(nd.items())), len(seen) + 1)
    related = problem.index.related[problem.rows]
    hours = np.nan_to_num(problem.hours)
    cost = np.nan_to_num(problem.cost)
    order = np.lexsort((np.arange(m), cost, hours, sec))
    pool = np.zeros(m, dtype=bool)
    keep = np.ones(m, dtype=bool)
    free = group == 0
    for d in order.tolist():
        ok = pool & (free | (group == group[d])) if group[d] else pool & free
        if not ok.any():
            if not related[d]:
                pool[d] = True
            continue
        for j in np.flatnonzero(levels_t[:, d]).tolist():
            ok &= levels_t[j] >= levels_t[j, d]
        if problem.budget is not None:
            ok &= cost <= cost[d]
        if problem.hours_cap is not None:
            ok &= hours <= hours[d]
        if ok.any():
            keep[d] = False
        elif not related[d]:
            pool[d] = True
    return keep


def restrict(problem: Problem, keep: npt.NDArray[np.bool_]) -> tuple[Problem, IntArray]:
    """A copy of the problem on the kept candidates, and their numbers in the original."""
    sub = copy.copy(problem)
    old = np.flatnonzero(keep)
    renum = {int(o): n for n, o in enumerate(old)}
    _select(sub, keep)
    sub.providers = {
        key: [renum[p] for p in ps if p in renum] for key, ps in problem.providers.items()
    }
    sub.exclusive = [
        (renum[a], renum[b]) for a, b in problem.exclusive if a in renum and b in renum
    ]
    return sub, old
