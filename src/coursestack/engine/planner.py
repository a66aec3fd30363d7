"""The planner: the set of courses that closes the learner's gaps best, ordered and on a calendar.

Pipeline (one module each):
1. `planner_index.PlannerIndex` — the catalog as sparse level matrices and arrays, built once
   per catalog (pass it as `index=` to reuse it across learners).
2. `planner_candidates.build_problem` — pruning: only courses teaching a gap skill above the
   learner, plus the suppliers of their prerequisites; filters; dominance; reachability.
3. `planner_milp.solve` — the mixed-integer program (model in that module's docstring):
   coverage first (exact: primary objective in integer units), then, by the objective variant,
   fewer hours, lower cost, better rating, preferred pedagogy; greedy fallback with its gap.
4. `planner_schedule.schedule` — prerequisite order and a two-track calendar.
5. `planner_explain` — closes / raises / why / runner-up per step; residual gaps with a
   reason and a suggestion.

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
- Unknown hours (no listed effort, or `hours_fn` returns None): excluded when a deadline is
  set (the deadline could not be checked), counted in solver["excluded"]["unknown_hours"];
  otherwise allowed, and the calendar assumes the catalog's median listed hours for them,
  said in the step's `why` and listed in solver["assumed_hours"]. (PlanStep.hours cannot be
  None in the domain model, so the assumption is what the step carries.)
- Unknown price: excluded when a budget is set (counted as unknown_price); otherwise allowed
  and counted in totals.cost_unknown.
- Subscriptions are paid per course for the months it takes at the learner's weekly hours
  (Price.cost_for); currencies are not converted.
- Preferred pedagogy is soft: the opposite pedagogy costs a quarter of a median course's hours.
- A program and its parts are mutually exclusive; completed courses and the parts of completed
  programs are never candidates; a step either raises a gap skill or supplies a prerequisite
  of a later step (its `why` says which).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

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
from coursestack.engine.context import AdvisorContext
from coursestack.engine.gaps import coverage
from coursestack.engine.planner_candidates import Problem, build_problem
from coursestack.engine.planner_explain import Explainer, uncovered
from coursestack.engine.planner_index import PlannerIndex
from coursestack.engine.planner_milp import OBJECTIVE_WEIGHTS, Solution, secondary, solve
from coursestack.engine.planner_schedule import Slot, schedule

ALTERNATIVES = ("fastest", "cheapest", "best-rated")
OBJECTIVES = tuple(OBJECTIVE_WEIGHTS)

__all__ = ["OBJECTIVES", "PlannerIndex", "plan"]


def plan(
    ctx: AdvisorContext,
    learner: Learner,
    known: Mapping[str, Level],
    requirements: Mapping[str, Requirement],
    *,
    hours_fn: Callable[[Course], float | None] | None = None,
    time_limit: float = 2.0,
    objective: str = "balanced",
    index: PlannerIndex | None = None,
    alternatives: bool = True,
) -> Plan:
    """The best plan for `learner` toward `requirements` (see the module docstring).

    `time_limit` is the solver's budget in seconds for the main plan (each alternative gets as
    much again); 0 asks for the greedy heuristic only. `index` reuses a prebuilt PlannerIndex
    (it must have been built from `ctx`).
    """
    if objective not in OBJECTIVE_WEIGHTS:
        raise ValueError(f"unknown objective {objective!r}; use {', '.join(OBJECTIVES)}")
    started = time.perf_counter()
    idx = index if index is not None else PlannerIndex.build(ctx)
    problem = build_problem(ctx, idx, learner, known, requirements, hours_fn)
    pruned_at = time.perf_counter()
    solution = solve(problem, objective, time_limit)
    slots = schedule(problem, solution.chosen)
    sec = secondary(problem, objective)
    explainer = Explainer(problem, slots, sec)
    gains = explainer.gains()
    steps: list[PlanStep] = []
    for slot in explainer.slots:
        closes, raises = gains[slot.k]
        why, runner = explainer.why(slot.k, closes, raises)
        steps.append(_step(ctx, problem, slot, closes, raises, why, runner))
    before = coverage(known, requirements)
    after = coverage(_after(known, problem, solution.chosen), requirements)
    totals = _totals(problem, slots, after)
    category = {g.skill: _category(ctx, g.skill) for g in problem.gaps}
    alts: list[PlanAlternative] = []
    alt_info: dict[str, dict[str, object]] = {}
    if alternatives:
        for name in ALTERNATIVES:
            alt = solution if name == objective else solve(problem, name, time_limit)
            alt_slots = slots if alt is solution else schedule(problem, alt.chosen)
            alt_after = coverage(_after(known, problem, alt.chosen), requirements)
            alts.append(
                PlanAlternative(
                    name=name,
                    course_ids=[problem.course_id(s.k) for s in _by_start(alt_slots)],
                    totals=_totals(problem, alt_slots, alt_after),
                )
            )
            alt_info[name] = {"method": alt.method, "exact": alt.exact, "gap": alt.gap}
    return Plan(
        goal=learner.goal,
        steps=steps,
        coverage_before=before,
        coverage_after=after,
        totals=totals,
        uncovered=uncovered(problem, solution.chosen, solution.method, category),
        alternatives=alts,
        solver=_solver_info(problem, solution, started, pruned_at, alt_info),
    )


def _by_start(slots: list[Slot]) -> list[Slot]:
    return sorted(slots, key=lambda s: (s.start, s.end))


def _after(known: Mapping[str, Level], problem: Problem, chosen: list[int]) -> dict[str, Level]:
    """Known levels raised by everything the chosen courses teach (from the index)."""
    levels = {s: Level(v) for s, v in known.items()}
    index = problem.index
    if not chosen:
        return levels
    rows = problem.rows[np.array(chosen, dtype=np.int64)]
    sub = index.teaches[rows].tocoo()
    for j, lvl in zip(sub.col.tolist(), sub.data.tolist(), strict=True):
        s = index.skills[j]
        if lvl > levels.get(s, Level.NONE):
            levels[s] = Level(int(lvl))
    return levels


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
        cost=round(float(np.nansum(costs)), 2),
        cost_unknown=int(np.isnan(costs).sum()),
        coverage_after=after,
    )


def _solver_info(
    problem: Problem,
    solution: Solution,
    started: float,
    pruned_at: float,
    alt_info: dict[str, dict[str, object]],
) -> dict[str, object]:
    assumed = {
        problem.course_id(k): round(float(problem.plan_hours[k]), 1)
        for k in solution.chosen
        if np.isnan(problem.hours[k])
    }
    return {
        "status": solution.status,
        "method": solution.method,
        "exact": solution.exact,
        "gap": solution.gap,
        "seconds": round(time.perf_counter() - started, 4),
        "prune_seconds": round(pruned_at - started, 4),
        "solve_seconds": round(solution.seconds, 4),
        "candidates": {"considered": problem.considered, "after_pruning": problem.size},
        "excluded": problem.excluded.as_dict(),
        "excluded_unknown_hours": problem.excluded.unknown_hours,
        "excluded_unknown_price": problem.excluded.unknown_price,
        "ordering_cuts": solution.cuts,
        "assumed_hours": assumed,
        "alternatives": alt_info,
    }
