"""The mixed-integer program (HiGHS through scipy.optimize.milp) and its greedy fallback.

Variables: x_c in {0,1} per candidate; y_{s,l} in [0,1] for each gap skill s and each level
l in (have_s, need_s].

    y_{s,l} <= sum_{c teaches s at >= l} x_c                          (credit needs a course)
    x_c     <= sum_{c' != c teaches a at >= l_a} x_{c'}   for each assumption (a, l_a) of c
                                                          the learner does not meet
    x_prog + x_part <= 1                                  (a program or one of its parts)
    sum cost_c x_c <= budget,  sum hours_c x_c <= deadline_weeks * hours_per_week
    lazy ordering cuts (below)

PRIMARY = sum_{s,l} 12 w_s / need_s * y_{s,l} is 12 x the coverage gain times sum_s w_s (the
COMMON.md definition): with weights 1-3 and levels 1-4, 12 w / need is an integer, so plans'
primaries differ by >= 1 or not at all. SECONDARY = sum_c sec_c x_c weighs the course's hours
(per median candidate hour), cost (per median candidate cost), rating penalty (1 - score) and
pedagogy penalty by the objective variant (OBJECTIVE_WEIGHTS), plus a small per-course charge
so that a course adding nothing is never worth taking.

Two phases (`solve`): (1) maximise PRIMARY (y integer too, so HiGHS sees an integral
objective and stops at bound - incumbent < 1): exact coverage; (2) minimise SECONDARY subject
to PRIMARY >= the phase-1 optimum, to a relative gap SECONDARY_GAP. Each phase runs on the
candidates its own objective does not dominate away (planner_candidates.undominated). The
greedy and LP-bound code also supports a one-shot lexicographic model (-PRIMARY + SECONDARY
scaled to <= 0.4), used for the LP bound.

Ordering cuts: the prerequisite rows allow two courses that each supply the other's
prerequisite. After each solve the chosen set is ordered (a course is placed once known levels
plus placed courses meet its assumptions); if a set S is stuck, each c in S has an assumption
(a_c, l_c) no placed course supplies, and the cut
    sum_{c in S} x_c <= |S| - 1 + sum_{p not in S, p supplies some (a_c, l_c)} x_p
is added (valid: in any orderable plan containing S, the first course of S placed has its
assumption supplied from outside S) and the model solved again.

Greedy fallback (time limit hit without an optimal plan, or time_limit <= 0): repeatedly take
the course (with, where needed, the cheapest ready supplier of each missing prerequisite) of
best primary gain per unit of secondary cost that fits budget and deadline. Its gap is
reported against the solver's dual bound (or the LP relaxation): (bound - value) / bound.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from coursestack.engine.planner_candidates import (
    PEDAGOGY_WEIGHT,
    RATING_WEIGHT,
    Problem,
    restrict,
    undominated,
)
from coursestack.engine.planner_index import FloatArray

PRIMARY_SCALE = 12  # lcm of the levels 1-4: 12 w / need is an integer
SECONDARY_SPAN = 0.4  # < 0.5, so the secondary never outweighs one primary unit
COURSE_CHARGE = 0.01
TIE = 0.01
SECONDARY_GAP = 1e-3  # relative gap accepted on the tie-breaking (hours / cost / rating) phase
MAX_CUTS = 50
Cut = tuple[dict[int, float], float]  # row coefficients, right-hand side
# (hours, cost, rating, pedagogy) weights of each objective variant.
OBJECTIVE_WEIGHTS: dict[str, tuple[float, float, float, float]] = {
    "balanced": (1.0, 1.0, RATING_WEIGHT, PEDAGOGY_WEIGHT),
    "fastest": (1.0, TIE, TIE, TIE),
    "cheapest": (TIE, 1.0, TIE, TIE),
    "best-rated": (TIE, TIE, 1.0, TIE),
}


@dataclass
class Solution:
    chosen: list[int]  # candidate numbers, in a prerequisite-respecting order
    primary: int  # PRIMARY of the plan (12 x weighted levels gained)
    method: str  # "milp" or "greedy"
    status: str
    exact: bool
    bound: float | None  # upper bound on PRIMARY, when known
    seconds: float
    cuts: int = 0
    candidates: int = 0  # after this objective's dominance
    secondary_gap: float | None = None  # relative, of the tie-breaking phase

    @property
    def gap(self) -> float | None:
        if self.bound is None:
            return None
        if self.bound <= 0:
            return 0.0
        return max(0.0, (self.bound - self.primary) / self.bound)


def secondary(problem: Problem, objective: str) -> FloatArray:
    if objective not in OBJECTIVE_WEIGHTS:
        raise ValueError(f"unknown objective {objective!r}; use {', '.join(OBJECTIVE_WEIGHTS)}")
    wh, wc, wr, wp = OBJECTIVE_WEIGHTS[objective]
    hours = problem.plan_hours
    positive_h = hours[hours > 0]
    med_h = float(np.median(positive_h)) if positive_h.size else 1.0
    positive_c = problem.plan_cost[problem.plan_cost > 0]
    med_c = float(np.median(positive_c)) if positive_c.size else 1.0
    out: FloatArray = (
        wh * hours / med_h
        + wc * problem.plan_cost / med_c
        + wr * problem.rating_pen
        + wp * problem.pedagogy_pen
        + COURSE_CHARGE
    )
    return out


def gain_units(problem: Problem) -> dict[str, int]:
    """PRIMARY per level of each gap skill."""
    return {g.skill: PRIMARY_SCALE * g.weight // g.need for g in problem.gaps}


def primary_of(problem: Problem, chosen: list[int]) -> int:
    units = gain_units(problem)
    total = 0
    for g in problem.gaps:
        top = max((problem.levels.get(k, {}).get(g.skill, 0) for k in chosen), default=0)
        total += units[g.skill] * max(0, min(top, g.need) - g.have)
    return total


def order(problem: Problem, chosen: list[int]) -> tuple[list[int], list[int]]:
    """(placed in a prerequisite-respecting order, stuck) for a chosen set."""
    levels = dict(problem.known)
    placed: list[int] = []
    rest = sorted(chosen)
    while rest:
        ready = [
            k
            for k in rest
            if all(levels.get(s, 0) >= la for s, la in problem.needs.get(k, {}).items())
        ]
        if not ready:
            break
        k = ready[0]
        placed.append(k)
        rest.remove(k)
        for s, v in problem.levels.get(k, {}).items():
            if v > levels.get(s, 0):
                levels[s] = v
    return placed, rest


def _model(
    problem: Problem, sec: FloatArray, cuts: list[Cut], min_primary: int | None = None
) -> tuple[FloatArray, list[LinearConstraint], int]:
    """Objective -PRIMARY + scaled SECONDARY; or, with `min_primary`, SECONDARY alone
    subject to PRIMARY >= min_primary."""
    m = problem.size
    units = gain_units(problem)
    y_skill: list[tuple[str, int]] = [
        (g.skill, lvl) for g in problem.gaps for lvl in range(g.have + 1, g.need + 1)
    ]
    n = m + len(y_skill)
    total = float(sec.sum())
    scale = SECONDARY_SPAN / total if total > 0 else 0.0
    c = np.zeros(n)
    c[:m] = sec if min_primary is not None else sec * scale
    primary_row: dict[int, float] = {}
    rows: list[dict[int, float]] = []
    ub: list[float] = []
    teach_at: dict[str, list[tuple[int, int]]] = {}
    for k, lv in problem.levels.items():
        for s, v in lv.items():
            teach_at.setdefault(s, []).append((k, v))
    for j, (s, lvl) in enumerate(y_skill):
        c[m + j] = 0.0 if min_primary is not None else -units[s]
        primary_row[m + j] = -float(units[s])
        row = {m + j: 1.0}
        for k, v in teach_at.get(s, []):
            if v >= lvl:
                row[k] = -1.0
        rows.append(row)
        ub.append(0.0)
    for k, nd in problem.needs.items():
        for s, la in nd.items():
            row = {k: 1.0}
            for p in problem.providers.get((s, la), []):
                if p != k:
                    row[p] = -1.0
            rows.append(row)
            ub.append(0.0)
    for a, b in problem.exclusive:
        rows.append({a: 1.0, b: 1.0})
        ub.append(1.0)
    if problem.budget is not None:
        rows.append({k: float(v) for k, v in enumerate(problem.cost) if v > 0})
        ub.append(problem.budget)
    if problem.hours_cap is not None:
        rows.append({k: float(v) for k, v in enumerate(problem.hours) if v > 0})
        ub.append(problem.hours_cap)
    if min_primary is not None:
        rows.append(primary_row)
        ub.append(-float(min_primary))
    for cut, rhs in cuts:
        rows.append(cut)
        ub.append(rhs)
    constraints: list[LinearConstraint] = []
    if rows:
        r_idx = [i for i, row in enumerate(rows) for _ in row]
        c_idx = [j for row in rows for j in row]
        vals = [v for row in rows for v in row.values()]
        a = sparse.csr_matrix((vals, (r_idx, c_idx)), shape=(len(rows), n))
        constraints.append(LinearConstraint(a, -np.inf, np.array(ub)))
    return c, constraints, n


def _bound(objective_bound: float) -> float:
    """Upper bound on PRIMARY from a lower bound on the minimised objective."""
    return float(np.floor(-objective_bound + SECONDARY_SPAN + 1e-6))


def solve(problem: Problem, objective: str, time_limit: float) -> Solution:
    """Two phases, each on the candidates its objective does not dominate away:
    1. the best PRIMARY (coverage), exact, on the candidates not dominated for coverage and
       the budget / deadline;
    2. the least SECONDARY among plans reaching that PRIMARY (relative gap SECONDARY_GAP).
    If phase 2 runs out of time, phase 1's plan (redundant courses dropped) stands."""
    started = time.perf_counter()
    m = problem.size
    sec_all = secondary(problem, objective)
    if m == 0 or not problem.gaps:
        return Solution([], 0, "milp", "nothing to choose", True, 0.0, 0.0)
    if time_limit <= 0:
        return _greedy_solution(problem, sec_all, started, status="greedy requested")
    deadline = started + time_limit
    p1, old1 = restrict(problem, undominated(problem, np.zeros(m)))
    first = _milp_loop(p1, np.zeros(p1.size), deadline, min_primary=None)
    if first is None:
        return _greedy_solution(problem, sec_all, started, status="time limit")
    placed1, status1, bound1, cuts1 = first
    best = primary_of(p1, placed1)
    optimal = status1 == 0
    bound = float(best) if optimal else bound1
    if not optimal:
        fallback = _greedy_solution(problem, sec_all, started, status="time limit")
        if fallback.primary > best:
            fallback.bound = bound
            fallback.exact = fallback.primary >= bound
            return fallback
    chosen = drop_redundant(problem, [int(old1[k]) for k in placed1])
    candidates = p1.size
    status = "optimal" if optimal else "time limit"
    sec_gap: float | None = None
    p2, old2 = restrict(problem, undominated(problem, sec_all))
    second = _milp_loop(p2, sec_all[old2], deadline, min_primary=best)
    if second is not None:
        placed2, status2, bound2, _cuts2 = second
        trial = [int(old2[k]) for k in placed2]
        if primary_of(problem, trial) >= best and sec_all[trial].sum() <= sec_all[chosen].sum():
            chosen = trial
        candidates = p2.size
        value2 = float(sec_all[chosen].sum())
        sec_gap = 0.0 if status2 == 0 else max(0.0, (value2 - bound2) / max(value2, 1e-9))
    else:
        status += "; secondary not optimised (time limit)"
    return Solution(
        chosen=chosen,
        primary=primary_of(problem, chosen),
        method="milp",
        status=status,
        exact=optimal or best >= bound,
        bound=bound,
        seconds=time.perf_counter() - started,
        cuts=cuts1,
        candidates=candidates,
        secondary_gap=sec_gap,
    )


def _milp_loop(
    problem: Problem, sec: FloatArray, deadline: float, min_primary: int | None
) -> tuple[list[int], int, float, int] | None:
    """Solve with lazy ordering cuts: (placed, HiGHS status, dual bound, cuts), or None when
    no plan was found in time. Without `min_primary` the objective is PRIMARY alone (y
    integer, so HiGHS sees an integral objective); with it, SECONDARY subject to it."""
    m = problem.size
    cuts: list[Cut] = []
    while len(cuts) <= MAX_CUTS:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            return None
        c, constraints, n = _model(problem, sec, cuts, min_primary)
        integrality = np.zeros(n)
        integrality[: m if min_primary is not None else n] = 1
        res = milp(
            c,
            constraints=constraints,
            integrality=integrality,
            bounds=Bounds(0, 1),
            options={
                "time_limit": remaining,
                "mip_rel_gap": SECONDARY_GAP if min_primary is not None else 1e-9,
            },
        )
        if res.x is None:
            return None
        chosen = [k for k in range(m) if res.x[k] > 0.5]
        placed, stuck = order(problem, chosen)
        if not stuck:
            dual = res.mip_dual_bound if res.mip_dual_bound is not None else res.fun
            bound = float(dual) if min_primary is not None else _bound(float(dual))
            return placed, int(res.status), bound, len(cuts)
        cuts.append(_cut(problem, placed, stuck))
    return None


def _cut(problem: Problem, placed: list[int], stuck: list[int]) -> Cut:
    levels = dict(problem.known)
    for k in placed:
        for s, v in problem.levels.get(k, {}).items():
            levels[s] = max(levels.get(s, 0), v)
    in_s = set(stuck)
    row: dict[int, float] = {k: 1.0 for k in stuck}
    for k in stuck:
        for s, la in problem.needs.get(k, {}).items():
            if levels.get(s, 0) < la:
                for p in problem.providers.get((s, la), []):
                    if p not in in_s:
                        row[p] = -1.0
                break
    return row, float(len(stuck) - 1)


def lp_bound(problem: Problem, sec: FloatArray) -> float | None:
    c, constraints, n = _model(problem, sec, [])
    res = milp(c, constraints=constraints, integrality=np.zeros(n), bounds=Bounds(0, 1))
    return None if res.fun is None else _bound(float(res.fun))


def _greedy_solution(problem: Problem, sec: FloatArray, started: float, status: str) -> Solution:
    chosen = greedy(problem, sec)
    value = primary_of(problem, chosen)
    bound = lp_bound(problem, sec)
    return Solution(
        chosen=chosen,
        primary=value,
        method="greedy",
        status=status,
        exact=bound is not None and value >= bound,
        bound=bound,
        seconds=time.perf_counter() - started,
    )


def greedy(problem: Problem, sec: FloatArray) -> list[int]:
    units = gain_units(problem)
    need = {g.skill: g.need for g in problem.gaps}
    levels = dict(problem.known)
    chosen: list[int] = []
    taken: set[int] = set()
    blocked: set[int] = set()
    budget = problem.budget
    hours_left = problem.hours_cap
    partners: dict[int, list[int]] = {}
    for a, b in problem.exclusive:
        partners.setdefault(a, []).append(b)
        partners.setdefault(b, []).append(a)

    def ready(k: int) -> bool:
        return all(levels.get(s, 0) >= la for s, la in problem.needs.get(k, {}).items())

    def gain(bundle: list[int]) -> int:
        lv = dict(levels)
        for k in bundle:
            for s, v in problem.levels.get(k, {}).items():
                lv[s] = max(lv.get(s, 0), v)
        return sum(
            units[s] * (min(lv.get(s, 0), need[s]) - min(levels.get(s, 0), need[s])) for s in need
        )

    def fits(bundle: list[int]) -> bool:
        if len(set(bundle)) < len(bundle) or any(k in taken or k in blocked for k in bundle):
            return False
        if any(p in bundle for k in bundle for p in partners.get(k, [])):
            return False
        if budget is not None and float(np.nansum(problem.cost[bundle])) > budget + 1e-9:
            return False
        return hours_left is None or float(np.nansum(problem.hours[bundle])) <= hours_left + 1e-9

    while True:
        best: tuple[float, list[int]] | None = None
        for k in range(problem.size):
            if k in taken or k in blocked:
                continue
            bundle = [k]
            if not ready(k):
                suppliers: list[int] = []
                for s, la in problem.needs.get(k, {}).items():
                    if levels.get(s, 0) >= la:
                        continue
                    options = [
                        p
                        for p in problem.providers.get((s, la), [])
                        if p != k and p not in taken and p not in blocked and ready(p)
                    ]
                    if not options:
                        suppliers = []
                        break
                    suppliers.append(min(options, key=lambda p: (sec[p], p)))
                if not suppliers:
                    continue
                bundle = [*dict.fromkeys(suppliers), k]
            g = gain(bundle)
            if g <= 0 or not fits(bundle):
                continue
            ratio = g / float(sec[bundle].sum())
            if best is None or ratio > best[0]:
                best = (ratio, bundle)
        if best is None:
            break
        for k in best[1]:
            chosen.append(k)
            taken.add(k)
            blocked.update(partners.get(k, []))
            for s, v in problem.levels.get(k, {}).items():
                levels[s] = max(levels.get(s, 0), v)
            if budget is not None:
                budget -= float(np.nan_to_num(problem.cost[k]))
            if hours_left is not None:
                hours_left -= float(np.nan_to_num(problem.hours[k]))
    return drop_redundant(problem, chosen)


def drop_redundant(problem: Problem, chosen: list[int]) -> list[int]:
    """Remove courses whose removal keeps the primary and the ordering (most expensive first)."""
    current = list(chosen)
    value = primary_of(problem, current)
    for k in sorted(current, key=lambda k: -problem.plan_hours[k]):
        trial = [c for c in current if c != k]
        placed, stuck = order(problem, trial)
        if not stuck and primary_of(problem, trial) >= value:
            current = placed
    placed, _stuck = order(problem, current)
    return placed
