"""The planner: the set of courses that closes the learner's gaps best, ordered and on a calendar.

Pipeline (one module each):
1. `planner_index.PlannerIndex` — the catalog as sparse level matrices and arrays, built once
   per catalog and cached per context (or pass it as `index=`).
2. `planner_candidates.build_pool` — vectorised: the courses teaching a gap skill above the
   learner plus the suppliers of their prerequisites; filters; forward reachability; usefulness.
3. `planner_dominance.undominated` — the core: courses no other pool course beats (an
   optimum over the core is an optimum over the pool, for every objective variant).
4. `planner_milp.solve` on the core — the mixed-integer program (model in that module's
   docstring): a small core solved whole, a larger one on a shortlist proved optimal for the
   core by LP duality (column generation and a Lagrangian bound on every course's reduced
   cost): coverage first (exact: primary objective in integer units), then, by the objective
   variant, fewer hours, lower cost, better rating, preferred pedagogy; greedy fallback with
   its gap.
5. `planner_schedule.schedule` — prerequisite order and a two-track calendar.
6. `planner_explain` — closes / raises / why / runner-up per step (the runner-up is searched
   over the whole pool); residual gaps with a reason and a suggestion.

Objective variants (`objective=` and `Plan.alternatives`): every variant first reaches the
best coverage the constraints allow, then minimises
- "balanced": hours (per median candidate hour) + cost (per median candidate cost)
  + 0.5 x rating penalty + 0.25 x pedagogy penalty;
- "fastest": hours (so, at the learner's weekly hours, weeks), the rest only breaking ties;
- "cheapest": cost;
- "best-rated": the rating penalty (1 - quality score) summed over steps.
Keeping coverage first means the three alternatives answer "the same outcome, but faster /
cheaper / better-rated": their totals show the trade-off.

Policies:
- Unknown hours (`hours_rows` gives NaN / `hours_fn` returns None, or no listed effort without
  either): never planned, counted in solver["excluded"]["unknown_hours"] (a program of
  unknown size planned at a median figure would look like an afternoon). The service's pace
  model already fills unlisted efforts from comparable courses, labelled, so only courses
  with nothing comparable stay unknown.
- Unknown price: excluded when a budget is set (counted as unknown_price); otherwise allowed
  and counted in totals.cost_unknown.
- Subscriptions are paid per course for the months it takes at the learner's weekly hours
  (Price.cost_for) in each step's cost and in the budget check (conservative); the plan's
  total pays each subscription once, for the months the calendar has any of its courses
  running (the calendar runs one course at a time when two tracks would stretch a
  subscription past the months its steps' prices count). Currencies are not converted.
- Preferred pedagogy is soft: the opposite pedagogy costs a quarter of a median course's hours.
- A program and its parts are mutually exclusive; completed courses and the parts of completed
  programs are never candidates; a step either raises a gap skill or supplies a prerequisite
  of a later step (its `why` says which).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import numpy as np

from coursestack.domain import (
    Course,
    Learner,
    Level,
    Plan,
    PlanAlternative,
    PlanStep,
    PlanTotals,
    Requirement,
)
from coursestack.domain.models import WEEKS_PER_MONTH, LowYieldSteps
from coursestack.engine.context import AdvisorContext
from coursestack.engine.gaps import coverage
from coursestack.engine.planner_candidates import Pool, Problem, build_pool
from coursestack.engine.planner_dominance import undominated
from coursestack.engine.planner_explain import Explainer, runner_up_pool, uncovered
from coursestack.engine.planner_index import (
    PRICE_SUBSCRIPTION,
    FloatArray,
    IntArray,
    PlannerIndex,
    row_entries,
)
from coursestack.engine.planner_milp import (
    OBJECTIVE_WEIGHTS,
    Solution,
    Structure,
    secondary,
    solve,
    structure,
    topic_weight,
)
from coursestack.engine.planner_schedule import Slot, schedule
from coursestack.engine.planner_yield import low_yield
from coursestack.engine.taxonomy import Taxonomy

ALTERNATIVES = ("fastest", "cheapest", "best-rated")
FOCUSED = "without low-yield steps"  # the plan less its low-yield steps (engine.planner_yield)
OBJECTIVES = tuple(OBJECTIVE_WEIGHTS)
RESIDUAL_SAMPLE = 200  # pool courses per residual gap shown to the reason finder

__all__ = ["OBJECTIVES", "PlannerIndex", "plan"]


def plan(
    ctx: AdvisorContext,
    learner: Learner,
    known: Mapping[str, Level],
    requirements: Mapping[str, Requirement],
    *,
    hours_fn: Callable[[Course], float | None] | None = None,
    hours_rows: Callable[[IntArray], FloatArray] | None = None,
    time_limit: float = 2.0,
    objective: str = "balanced",
    index: PlannerIndex | None = None,
    alternatives: bool = True,
) -> Plan:
    """The best plan for `learner` toward `requirements` (see the module docstring).

    `time_limit` is the solver's budget in seconds for the main plan (the three alternatives
    share as much again; their tie-breaking phase is proved within 1%, reported per
    alternative); 0 asks for the greedy heuristic only. `index` reuses a prebuilt PlannerIndex
    (it must have been built from `ctx`); without it the index cached for `ctx` is used.
    """
    if objective not in OBJECTIVE_WEIGHTS:
        raise ValueError(f"unknown objective {objective!r}; use {', '.join(OBJECTIVES)}")
    started = time.perf_counter()
    idx = index if index is not None else PlannerIndex.for_context(ctx)
    pool = build_pool(ctx, idx, learner, known, requirements, hours_fn, hours_rows)
    pruned_at = time.perf_counter()
    core = Core.of(pool)
    sec_pool = secondary(pool, objective)
    core_solution = core.solve(pool, objective, time_limit, sec_pool)
    solution = core.lift(core_solution)
    alts: list[PlanAlternative] = []
    alt_info: dict[str, dict[str, object]] = {}
    if alternatives:
        solved = {
            name: _alternative(pool, core, name, objective, core_solution, time_limit,
                               known, requirements, alt_info, ctx.taxonomy)
            for name in ALTERNATIVES
        }  # fmt: skip
        alts = [alt for alt, _ in solved.values()]
        main_soft = _soft(pool, objective, solution.chosen)
        main_hours = round(float(pool.plan_hours[solution.chosen].sum()))
        # only a different set, no longer and no worse rated can beat the main plan: the
        # main plan's own calendar is laid out for the comparison only then
        rivals = {
            alt.name: _soft(pool, objective, sol.chosen)
            for alt, sol in solved.values()
            if set(sol.chosen) != set(solution.chosen) and round(alt.totals.hours) <= main_hours
        }
        if any(v <= main_soft + 1e-9 for v in rivals.values()):
            mine = _alternative(pool, core, objective, objective, core_solution, time_limit,
                                known, requirements, {}, ctx.taxonomy)[0]  # fmt: skip
            contenders = [alt for alt in alts if alt.name in rivals]
            better = _dominating(mine, contenders, rivals, main_soft)
            if better is not None:
                solution = solved[better.name][1]
                alt_info.setdefault(objective, {})["replaced_by"] = better.name
    runners = runner_up_pool(pool, solution.chosen, sec_pool)
    subset = set(solution.shortlist) | set(solution.chosen) | set(runners)
    subset |= _residual_sample(pool, solution.chosen)
    problem = pool.problem(np.array(sorted(subset), dtype=np.int64))
    chosen = _local(problem, solution.chosen)
    slots = calendar(problem, chosen, ctx.taxonomy)
    sec = sec_pool[problem.pool_ids]
    explainer = Explainer(problem, slots, sec)
    gains = explainer.gains()
    steps: list[PlanStep] = []
    for slot in explainer.slots:
        closes, raises = gains[slot.k]
        why, runner = explainer.why(slot.k, closes, raises)
        steps.append(_step(ctx, problem, slot, closes, raises, why, runner))
    before = coverage(known, requirements)
    after = coverage(_after(known, problem, chosen), requirements)
    totals = _totals(problem, slots, after)
    tail = low_yield(problem, chosen, known, requirements)
    category = {g.skill: _category(ctx, g.skill) for g in problem.gaps}
    if alternatives:
        _fair_labels(alts, _as_alternative(objective, steps, totals), alt_info)
        if tail is not None:
            # The plan without its low-yield steps, with its own calendar and totals: coverage
            # stays the objective, but a learner should see what those steps cost side by side
            # (a 97 h, 147 USD specialization for one point of coverage)
            peeled = set(tail.steps)
            kept = [k for k in chosen if k not in peeled]
            kept_slots = calendar(problem, kept, ctx.taxonomy)
            kept_after = coverage(_after(known, problem, kept), requirements)
            alts.append(
                PlanAlternative(
                    name=FOCUSED,
                    course_ids=[problem.course_id(s.k) for s in _by_start(kept_slots)],
                    totals=_totals(problem, kept_slots, kept_after),
                )
            )
    # Pool courses outside the undominated core: no optimum needs them (planner_dominance).
    problem.excluded.dominated = pool.size - int(core.ids.size)
    return Plan(
        goal=learner.goal,
        steps=steps,
        coverage_before=before,
        coverage_after=after,
        totals=totals,
        uncovered=uncovered(
            problem,
            chosen,
            solution.method,
            category,
            requirements,
            _names(ctx),
            _supplied(pool, idx),
            lambda cid: ctx.courses[cid].title,
        ),
        alternatives=alts,
        low_yield=None
        if tail is None
        else LowYieldSteps(
            course_ids=[problem.course_id(k) for k in tail.steps],
            hours=round(tail.hours, 1),
            coverage_without=tail.coverage_without,
        ),
        solver=_solver_info(problem, pool, solution, started, pruned_at, alt_info, chosen),
    )


@dataclass
class Core:
    """The undominated courses of the pool (planner_dominance), which every objective's
    solve uses: an optimum over them is an optimum over the pool."""

    pool: Pool
    ids: IntArray  # their pool numbers, ascending
    st: Structure | None

    @classmethod
    def of(cls, pool: Pool) -> Core:
        ids = undominated(pool)
        sub = pool.restrict(ids)
        return cls(sub, ids, structure(sub) if sub.size and pool.gaps else None)

    def solve(
        self, pool: Pool, objective: str, time_limit: float, sec_pool: FloatArray | None = None,
        reuse: Solution | None = None,
    ) -> Solution:  # fmt: skip
        """`solve` on the core, its secondary weighed as on the whole pool (medians)."""
        sec = secondary(pool, objective) if sec_pool is None else sec_pool
        return solve(self.pool, objective, time_limit, self.st, sec[self.ids], reuse)

    def lift(self, solution: Solution) -> Solution:
        """The solution in pool numbers."""
        ids = self.ids.tolist()
        return replace(
            solution,
            chosen=[ids[c] for c in solution.chosen],
            shortlist=[ids[c] for c in solution.shortlist],
        )


def _alternative(
    pool: Pool,
    core: Core,
    name: str,
    objective: str,
    main: Solution,
    time_limit: float,
    known: Mapping[str, Level],
    requirements: Mapping[str, Requirement],
    info: dict[str, dict[str, object]],
    taxonomy: Taxonomy,
) -> tuple[PlanAlternative, Solution]:
    """The plan of objective `name` (the main solution when it is the main objective), its
    info in `info`; the solution in pool numbers."""
    # The three alternatives share one time_limit; each starts from the main plan's coverage.
    share = time_limit / len(ALTERNATIVES)
    alt = core.lift(main if name == objective else core.solve(pool, name, share, reuse=main))
    problem = pool.problem(np.array(sorted(alt.chosen), dtype=np.int64))
    slots = calendar(problem, _local(problem, alt.chosen), taxonomy)
    after = coverage(_after(known, problem, _local(problem, alt.chosen)), requirements)
    info[name] = {"method": alt.method, "exact": alt.exact, "gap": alt.gap,
                  "secondary_gap": alt.secondary_gap}  # fmt: skip
    shown = PlanAlternative(
        name=name,
        course_ids=[problem.course_id(s.k) for s in _by_start(slots)],
        totals=_totals(problem, slots, after),
    )
    return shown, alt


def _shown(t: PlanTotals) -> tuple[int, float, int, int]:
    """The totals as a reader sees them (rounded as shown, so that a difference nobody can
    see is a tie): hours, weeks, unpriced steps, cost."""
    return round(t.hours), round(t.weeks, 1), t.cost_unknown, round(t.cost)


# What each label promises, in the shown totals (smaller is better).
LABEL_METRICS: dict[str, Callable[[PlanTotals], tuple[float, ...]]] = {
    "fastest": _shown,
    "cheapest": lambda t: (t.cost_unknown, round(t.cost), round(t.hours), round(t.weeks, 1)),
}


def _soft(pool: Pool, objective: str, chosen: list[int]) -> float:
    """The part of the objective's tie-break the totals do not show: rating, pedagogy and
    topic penalties of the chosen courses."""
    _wh, _wc, wr, wp = OBJECTIVE_WEIGHTS[objective]
    ids = np.array(chosen, dtype=np.int64)
    pen = (
        wr * pool.rating_pen[ids]
        + wp * pool.pedagogy_pen[ids]
        + topic_weight(objective) * pool.topic_pen[ids]
    )
    return float(pen.sum())


def _dominating(
    main: PlanAlternative, alts: list[PlanAlternative], soft: dict[str, float], main_soft: float
) -> PlanAlternative | None:
    """An alternative reaching the main plan's coverage that is no longer, no dearer, has no
    more unpriced steps and no worse ratings, pedagogy or subjects (`soft`), and is shorter or
    cheaper in the figures shown: the objective weighs each course's own months, the totals
    pay a subscription for the months the calendar runs it, so a variant can come out ahead
    of the main plan in the totals a reader compares (four 150 h certificates, 771 h and
    1,127 USD, beside nineteen courses, 720 h and 1,029 USD, at the same coverage)."""
    mine = _shown(main.totals)
    better = [
        alt
        for alt in alts
        if alt.totals.coverage_after >= main.totals.coverage_after - 1e-9
        and soft[alt.name] <= main_soft + 1e-9
        and all(b <= a for a, b in zip(mine, _shown(alt.totals), strict=True))
        and _shown(alt.totals) != mine
    ]
    return min(better, key=lambda a: (_shown(a.totals)[0], _shown(a.totals)[3]), default=None)


def _as_alternative(objective: str, steps: list[PlanStep], totals: PlanTotals) -> PlanAlternative:
    return PlanAlternative(name=objective, course_ids=[s.course_id for s in steps], totals=totals)


def _fair_labels(
    alts: list[PlanAlternative], main: PlanAlternative, info: dict[str, dict[str, object]]
) -> None:
    """Each label goes to the plan that earns it in the shown totals: the solver minimises each
    course's own cost and hours, but the totals pay a subscription once for the months the
    calendar runs it, so another variant (or the main plan) can come out cheaper than the
    "cheapest" one (a 148 USD "fastest" beside a 197 USD "cheapest"). Among plans reaching the
    same coverage, the one best on a label's metric takes that label."""
    pool = [main, *alts]
    for i, alt in enumerate(alts):
        metric = LABEL_METRICS.get(alt.name)
        if metric is None:
            continue
        peers = [p for p in pool if p.totals.coverage_after >= alt.totals.coverage_after - 1e-9]
        best = min(peers, key=lambda p: metric(p.totals))
        if metric(best.totals) < metric(alt.totals):
            alts[i] = alt.model_copy(update={"course_ids": best.course_ids, "totals": best.totals})
            info.setdefault(alt.name, {})["same_as"] = best.name


def _local(problem: Problem, pool_ids: list[int]) -> list[int]:
    local = {int(p): k for k, p in enumerate(problem.pool_ids.tolist())}
    return [local[p] for p in pool_ids]


def _residual_sample(pool: Pool, chosen: list[int]) -> set[int]:
    """Pool courses teaching a still-open gap skill to its need, or when none does, above
    the level the plan reaches (the cheapest RESIDUAL_SAMPLE by cost), so that the residual
    gap's reason sees them."""
    if not pool.size:
        return set()
    gap_j = pool.gap_j
    # The level the plan reaches on each pool skill: one pass over the chosen rows.
    reached_j = np.zeros(max(1, pool.cols.size), dtype=np.int64)
    if chosen:
        _k, cols, vals = row_entries(pool.teach, np.array(chosen, dtype=np.int64))
        np.maximum.at(reached_j, cols, vals.astype(np.int64))
    out: set[int] = set()
    teach = pool.teach_csc
    for i, g in enumerate(pool.gaps):
        j = int(gap_j[i])
        if j < 0 or reached_j[j] >= g.need:
            continue
        col_rows = teach.indices[teach.indptr[j] : teach.indptr[j + 1]]
        col_vals = teach.data[teach.indptr[j] : teach.indptr[j + 1]]
        hits: IntArray = col_rows[col_vals >= g.need].astype(np.int64)
        if hits.size == 0:  # none reaches the need: those raising it part of the way
            hits = col_rows[col_vals > reached_j[j]].astype(np.int64)
        if hits.size > RESIDUAL_SAMPLE:
            cost = np.nan_to_num(pool.cost[hits])
            hits = hits[np.argsort(cost, kind="stable")[:RESIDUAL_SAMPLE]]
        out.update(hits.tolist())
    return out


def _by_start(slots: list[Slot]) -> list[Slot]:
    return sorted(slots, key=lambda s: (s.start, s.end))


def _after(known: Mapping[str, Level], problem: Problem, chosen: list[int]) -> dict[str, Level]:
    """Known levels raised by what the chosen courses teach on the skills that matter (the
    problem's levels: what counts toward the goal, engine.goal_projects)."""
    levels = {s: Level(v) for s, v in known.items()}
    for k in chosen:
        for s, lvl in problem.levels.get(k, {}).items():
            if lvl > levels.get(s, Level.NONE):
                levels[s] = Level(int(lvl))
    return levels


def _supplied(pool: Pool, index: PlannerIndex) -> dict[str, int]:
    """The highest level some reachable candidate teaches, per skill (the pool is exactly the
    courses within the learner's limits whose prerequisites can be met)."""
    if not pool.size or not pool.cols.size:
        return {}
    top = np.asarray(pool.teach.max(axis=0).todense()).ravel()
    return {index.skills[int(c)]: int(v) for c, v in zip(pool.cols, top, strict=True) if v > 0}


def _names(ctx: AdvisorContext) -> dict[str, str]:
    """Skill names for residual suggestions."""
    return {s: info.name for s, info in ctx.taxonomy.skills.items()}


def _category(ctx: AdvisorContext, skill: str) -> str:
    info = ctx.taxonomy.skills.get(skill)
    return info.category if info is not None else ""


def _step(
    ctx: AdvisorContext,
    problem: Problem,
    slot: Slot,
    closes: list[str],
    raises: dict[str, Level],
    why: str,
    runner: str | None,
) -> PlanStep:
    course = ctx.courses[problem.course_id(slot.k)]
    cost = problem.cost[slot.k]
    return PlanStep(
        course_id=course.id,
        title=course.title,
        platform=course.platform,
        start_week=slot.start,
        end_week=slot.end,
        hours=round(float(problem.plan_hours[slot.k]), 1),
        cost=None if np.isnan(cost) else round(float(cost), 2),
        closes=closes,
        raises=raises,
        why=why,
        runner_up=runner,
        track=slot.track,
    )


def _totals(problem: Problem, slots: list[Slot], after: float) -> PlanTotals:
    ks = [s.k for s in slots]
    costs = problem.cost[ks] if ks else np.zeros(0)
    return PlanTotals(
        weeks=max((s.end for s in slots), default=0.0),
        hours=round(float(problem.plan_hours[ks].sum()) if ks else 0.0, 1),
        cost=round(float(np.nansum(costs)) - _shared_subscriptions(problem, slots), 2),
        cost_unknown=int(np.isnan(costs).sum()),
        coverage_after=after,
    )


def calendar(problem: Problem, chosen: list[int], taxonomy: Taxonomy) -> list[Slot]:
    """The schedule (planner_schedule), or, when it is cheaper and no longer, the schedule
    that runs the steps on one subscription back to back: the plan's total pays a
    subscription for the months the calendar has any of its courses running, so five
    Coursera courses spread among free ones paid four months where three would do (197 vs
    148 USD for the same courses)."""
    slots = schedule(problem, chosen, taxonomy)
    groups = _subscription_groups(problem, slots)
    best, best_saved = slots, _shared_subscriptions(problem, slots)
    if best_saved >= -0.5 and not any(len(g) > 1 and _months_to_spare(g) for g in groups.values()):
        return slots
    rank = {s.k: r for r, key in enumerate(sorted(groups)) for s in groups[key]}
    end = max(s.end for s in slots)
    # packed in the taxonomy's order, else in the catalog's order alone (packed or not): a
    # month's fee weighs more than which of two courses on one subscription comes first.
    # Last, one course at a time: each runs at the learner's full weekly hours, so no
    # subscription pays more months than its steps' own prices count (two tracks stretch a
    # course over more months: a plan said 98 USD where its calendar ran 147 USD of months,
    # over the budget its steps' prices were checked against); the calendar is no longer.
    options = ((True, rank, False), (False, None, False), (False, rank, False), (True, rank, True))
    for by_taxonomy, cluster, one_track in options:
        other = schedule(problem, chosen, taxonomy, cluster=cluster, by_taxonomy=by_taxonomy,
                         one_track=one_track)  # fmt: skip
        saved = _shared_subscriptions(problem, other)
        if saved > best_saved + 0.5 and max(s.end for s in other) <= end + 1e-9:
            best, best_saved = other, saved
    return best


def _months_to_spare(group: list[Slot]) -> bool:
    """Whether the group pays more months than its courses' running time needs at least."""
    spans = sorted((s.start, s.end) for s in group)
    running, reach = 0.0, -math.inf
    for start, end in spans:  # the length of the union of the spans
        running += max(0.0, end - max(start, reach))
        reach = max(reach, end)
    least = max(1, math.ceil(running / WEEKS_PER_MONTH - 1e-9))
    return subscription_months(spans) > least


def _subscription_groups(
    problem: Problem, slots: list[Slot]
) -> dict[tuple[int, float], list[Slot]]:
    """The steps paid by one subscription (same platform and monthly price), by that key."""
    index = problem.index
    groups: dict[tuple[int, float], list[Slot]] = {}
    for slot in slots:
        row = int(problem.rows[slot.k])
        amount = float(index.price_amount[row])
        if index.price_model[row] == PRICE_SUBSCRIPTION and not np.isnan(problem.cost[slot.k]):
            groups.setdefault((int(index.platform_code[row]), amount), []).append(slot)
    return groups


def _shared_subscriptions(problem: Problem, slots: list[Slot]) -> float:
    """What one subscription per platform saves over paying each course's months apart: the
    steps on one subscription (same platform and monthly price) are paid for the months the
    calendar has any of them running, not once per course (a plan of eleven Coursera courses
    over six months costs six months, not eleven). Each step keeps its own cost (what the
    course alone would cost) and the budget is checked on those; `calendar` keeps a schedule
    whose total is no more than their sum (one course at a time always is)."""
    saved = 0.0
    for (_platform, amount), group in _subscription_groups(problem, slots).items():
        paid = float(sum(problem.cost[s.k] for s in group))
        months = subscription_months([(s.start, s.end) for s in group])
        # negative when the calendar stretches its courses over more months than their own
        # prices count (two tracks at half the weekly hours each): the total says so
        saved += paid - amount * months
    return saved


WEEK_ROUNDING = 0.05  # half the tenth of a week the calendar's weeks are rounded to


def subscription_months(spans: list[tuple[float, float]]) -> int:
    """Months paid for one subscription that must be active during each (start, end) week
    span: a month bought at week t runs to t + WEEKS_PER_MONTH; it is bought when a span
    starts after the paid time ran out, and again while a running span outlasts it (three
    one-week courses at weeks 4, 9 and 15 pay three months, not one)."""
    months = 0
    paid_until = -np.inf
    for start, end in sorted(spans):
        if end <= paid_until:
            continue
        begin = max(start, paid_until)
        # the calendar's weeks are rounded to a tenth: half of that is no new month
        more = max(1, math.ceil((end - begin - WEEK_ROUNDING) / WEEKS_PER_MONTH - 1e-9))
        months += more
        paid_until = begin + more * WEEKS_PER_MONTH
    return months


def _solver_info(
    problem: Problem,
    pool: Pool,
    solution: Solution,
    started: float,
    pruned_at: float,
    alt_info: dict[str, dict[str, object]],
    chosen: list[int],
) -> dict[str, object]:
    assumed = {
        problem.course_id(k): round(float(problem.plan_hours[k]), 1)
        for k in chosen
        if np.isnan(problem.hours[k])
    }
    return {
        "status": solution.status,
        "method": solution.method,
        "exact": solution.exact,
        "gap": solution.gap,
        "secondary_gap": solution.secondary_gap,
        "seconds": round(time.perf_counter() - started, 4),
        "prune_seconds": round(pruned_at - started, 4),
        "solve_seconds": round(solution.seconds, 4),
        "candidates": {
            "considered": pool.considered,
            "after_pruning": pool.size,
            "shortlist": solution.candidates,
        },
        "rounds": solution.rounds,
        "excluded": problem.excluded.as_dict(),
        "excluded_unknown_hours": problem.excluded.unknown_hours,
        "excluded_unknown_price": problem.excluded.unknown_price,
        "ordering_cuts": solution.cuts,
        "assumed_hours": assumed,
        "alternatives": alt_info,
    }
