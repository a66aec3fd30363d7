"""A small best-first branch and bound over HiGHS's LP, for the planner's small MILPs.

Why: HiGHS's MIP solver pays a fixed price at every root (an analytic-centre interior-point
solve that no option turns off, clique and symmetry detection, root heuristics): 2-5 ms on a
100-250-column model that one or two LP re-solves finish (measured on the planner's models:
built-in catalog 57 -> 17 ms of MIP time, generated 2k catalog 140 -> 101 ms; on the real
catalog's larger cores it gives up as often as it wins, so it runs only on models of at most
MAX_COLS columns; 350 -> 700 measured, alternately on the same machine: real-catalog service
plan mean 127 -> 118 ms and p95 742 -> 579 ms, generated 100k p95 251 -> 215 ms, 20k mean
88 -> 85 ms; larger caps or B&B on phase 2 models only did no better). It is a shortcut,
never a replacement: after MAX_LPS LP solves without a proof it hands the model back, and
the caller runs HiGHS's MIP as before.

The search: the LP relaxation (already solved by the caller, fractional) is the root; a node
fixes some integer columns to 0 or 1 (bounds on the same HiGHS model, restored afterwards, so
every LP warm-starts from the last basis); nodes are taken lowest LP bound first and branched
on their most fractional integer column, the up branch first. A node whose bound is within
the MIP's gap tolerance of the incumbent (HiGHS's own rule: max(mip_abs_gap, mip_rel_gap *
|incumbent|)) is pruned. The result is proved like HiGHS's: incumbent - dual bound <= tolerance,
where the dual bound is the least bound among the pruned and unexplored nodes.
"""

from __future__ import annotations

import heapq
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass

import highspy
import numpy as np
import numpy.typing as npt
from highspy._core import _Highs as Highs

MAX_COLS = 700  # larger models go to HiGHS's MIP directly
MAX_LPS = 16  # LP solves before handing the model back
MAX_LAZY = 12  # lazy-row rounds (each grants MAX_LPS more LP solves) before handing it back
INTEGRAL_TOL = 1e-6

Fix = dict[int, float]  # integer column -> the value it is fixed to
# Called on an integral LP point that would become the incumbent: adds rows to the model
# that cut it off (the caller's lazy constraints) and returns how many, 0 when it is feasible.
Lazy = Callable[[npt.NDArray[np.float64]], int]


@dataclass(frozen=True)
class Proved:
    x: npt.NDArray[np.float64]  # every column's value (integer columns rounded)
    value: float  # objective of x
    bound: float  # proved lower bound (value - bound <= the MIP's tolerance)
    lps: int


def branch_and_bound(
    h: Highs, n_int: int, deadline: float, lazy: Lazy | None = None
) -> Proved | None:
    """The MIP on `h` (minimise; its first n_int columns integer), whose LP relaxation `h`
    has just solved to a fractional optimum; None when no proof came within MAX_LPS LP
    solves or before `deadline` (perf_counter), or on any LP status but optimal / infeasible.
    `h`'s column bounds and options are as they were on return (rows `lazy` added stay).

    `lazy`: lazy constraints. An integral node that would become the incumbent is first
    passed to it; when it adds rows (valid for every feasible plan), the node's LP is solved
    again with them and the node settled anew, and the search goes on from the open nodes
    instead of restarting (their bounds stay valid lower bounds: rows only raise an LP's
    value; nodes are pruned only against incumbents `lazy` accepted)."""
    rel = float(h.getOptionValue("mip_rel_gap")[1])
    abs_gap = float(h.getOptionValue("mip_abs_gap")[1])
    lp = h.getLp()
    lo0 = np.asarray(lp.col_lower_, dtype=np.float64)[:n_int]
    hi0 = np.asarray(lp.col_upper_, dtype=np.float64)[:n_int]
    applied: Fix = {}

    def apply(fix: Fix) -> None:
        nonlocal applied
        cols = [j for j in set(applied) | set(fix) if applied.get(j) != fix.get(j)]
        if cols:
            idx = np.array(cols, dtype=np.int32)
            lo = np.array([fix.get(j, lo0[j]) for j in cols], dtype=np.float64)
            hi = np.array([fix.get(j, hi0[j]) for j in cols], dtype=np.float64)
            h.changeColsBounds(int(idx.size), idx, lo, hi)
        applied = fix

    def limit() -> float:
        """Nodes bounded at or above this cannot improve the incumbent by more than the
        tolerance (no limit before there is an incumbent)."""
        if not np.isfinite(best):
            return np.inf
        return best - max(abs_gap, rel * abs(best))

    best_x: npt.NDArray[np.float64] | None = None
    best = np.inf
    pruned = np.inf  # least bound among nodes pruned by the tolerance
    counter = itertools.count()
    heap: list[tuple[float, int, int, Fix]] = []

    def settle(fix: Fix, value: float, x: npt.NDArray[np.float64]) -> None:
        """An LP-solved node: a new incumbent when integral, else its two children."""
        nonlocal best_x, best
        frac = np.abs(x[:n_int] - np.round(x[:n_int]))
        j = int(np.argmax(frac))
        if frac[j] <= INTEGRAL_TOL:
            if value < best:
                best, best_x = value, x
            return
        for fixed in (1.0, 0.0):
            heapq.heappush(heap, (value, -len(fix), next(counter), {**fix, j: fixed}))

    lps = 0
    budget = MAX_LPS
    rounds = 0

    def solve_node(fix: Fix) -> bool:
        """The node's LP (bounds applied), settled, with lazy rows added and the LP solved
        again while its integral optimum is cut off; False on an unexpected LP status or
        past the budgets (the search gives up)."""
        nonlocal lps, budget, rounds, pruned
        while True:
            if lps >= budget or time.perf_counter() >= deadline:
                return False
            h.run()
            lps += 1
            status = h.getModelStatus()
            if status == highspy.HighsModelStatus.kInfeasible:
                return True
            if status != highspy.HighsModelStatus.kOptimal:
                return False
            value = float(h.getInfo().objective_function_value)
            if value >= limit():
                pruned = min(pruned, value)
                return True
            x = _solution(h)
            if lazy is not None and value < best and _integral(x, n_int) and lazy(x):
                rounds += 1
                if rounds > MAX_LAZY:
                    return False
                budget += MAX_LPS
                continue
            settle(fix, value, x)
            return True

    h.setOptionValue("solve_relaxation", True)
    try:
        settle({}, float(h.getInfo().objective_function_value), _solution(h))
        while heap:
            bound, _depth, _n, fix = heap[0]
            if bound >= limit():
                break  # every open node is within the tolerance: proved
            heapq.heappop(heap)
            if lps >= budget or time.perf_counter() >= deadline:
                return None
            apply(fix)
            if not solve_node(fix):
                return None
        if best_x is None:
            return None  # infeasible, or nothing found: HiGHS decides
        x = best_x.copy()
        x[:n_int] = np.round(x[:n_int])
        open_bound = heap[0][0] if heap else np.inf
        return Proved(x, best, min(best, pruned, open_bound), lps)
    finally:
        apply({})
        h.setOptionValue("solve_relaxation", False)


def _integral(x: npt.NDArray[np.float64], n_int: int) -> bool:
    return bool(np.all(np.abs(x[:n_int] - np.round(x[:n_int])) <= INTEGRAL_TOL))


def _solution(h: Highs) -> npt.NDArray[np.float64]:
    return np.asarray(h.getSolution().col_value, dtype=np.float64)
