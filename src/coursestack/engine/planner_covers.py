"""Knapsack cover inequalities for the planner's budget and deadline rows.

A knapsack row sum_j a_j x_j <= b (a_j >= 0, x_j in {0, 1}) and a cover C (sum_{C} a_j > b)
give sum_{j in C} x_j <= |C| - 1: no plan takes all of C. The extended cover adds every
column at least as heavy as C's heaviest, E(C) = C + {j : a_j >= max_C a}, on the same
right-hand side (any |C| columns of E(C) weigh at least as much as C). Both are valid for the
integer hull of the row alone, so for every plan, whatever the other rows: a solve with them
added is as exact as one without. A column outside the model (a course not shortlisted) has
coefficient 0 in them, which is valid too (dropping items from a knapsack keeps a cover a
cover).

Why: phase 1's coverage MILPs (planner_milp) are tight two-knapsack models whose LP takes
one long course fractionally; a few covers cut that off, and the small branch and bound
(planner_bnb) then proves models it gave up on (generated 20k catalog, learner 4: HiGHS's
MIP 113 ms -> covers and 11 LPs, 9 ms), or the LP turns integral outright. Phase 2's
tie-break MILPs (same rows, a secondary objective) gain as well: the branch and bound proves
models it gave up on (20k learners 9, 20, 27; 100k p95 ~285 -> ~263 ms); the combined
single-MILP model of small pools does not (2k learners 26, 27, 29 ran slower with them).

Separation (a heuristic, as usual: the exact one is itself a knapsack problem): for the LP
point x*, build C greedily by the least (1 - x*_j) / a_j until it covers, then drop members,
most fractional first, while C still covers (each drop keeps or raises the violation
sum_C x*_j - |C| + 1); the cut is kept when violated.
"""

from __future__ import annotations

import highspy
import numpy as np
from highspy._core import _Highs as Highs

from coursestack.engine.planner_index import FloatArray, IntArray

ROUNDS = 3  # separation rounds (one LP re-solve each) before the branch and bound
MIN_VIOLATION = 1e-3
COVER_TOL = 1e-6  # a cover must exceed the right-hand side by this (relative)

Knapsack = tuple[FloatArray, float]  # coefficients over the model's first columns, rhs


def cover(a: FloatArray, b: float, x: FloatArray) -> tuple[IntArray, float] | None:
    """A violated extended cover inequality (columns, right-hand side) of sum a x <= b at the
    point x, or None when the heuristic finds none."""
    if b < 0:
        return None
    pos = np.flatnonzero((x > 1e-9) & (a > 0))
    tol = COVER_TOL * max(1.0, abs(b))
    if float(a[pos].sum()) <= b + tol:
        return None
    # least (1 - x) / a first; ties: heavier first (covers sooner)
    order = pos[np.lexsort((-a[pos], (1.0 - x[pos]) / a[pos]))]
    reach = np.cumsum(a[order])
    n = int(np.searchsorted(reach, b + tol, side="right")) + 1
    if n > order.size:
        return None
    members = order[:n]
    weight = float(reach[n - 1])
    # Drop members while the rest still covers, most fractional (largest 1 - x) first.
    keep = np.ones(n, dtype=bool)
    for i in np.argsort(-(1.0 - x[members]), kind="stable").tolist():
        if weight - a[members[i]] > b + tol:
            keep[i] = False
            weight -= float(a[members[i]])
    members = members[keep]
    rhs = float(members.size - 1)
    if float(x[members].sum()) - rhs < MIN_VIOLATION:
        return None
    heavy = np.flatnonzero(a >= float(a[members].max()))
    return np.union1d(members, heavy).astype(np.int64), rhs


def strengthen(h: Highs, knapsacks: list[Knapsack], rounds: int = ROUNDS) -> int:
    """Add violated covers of `knapsacks` to `h`, whose LP relaxation has just been solved,
    re-solving the relaxation after each round (at most `rounds`); the number of rows added.
    On return `h` holds the last LP solution (its status: optimal unless the LP with the
    covers is infeasible, when the MIP is too)."""
    added = 0
    h.setOptionValue("solve_relaxation", True)
    try:
        for _ in range(rounds):
            if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                break
            x = np.asarray(h.getSolution().col_value, dtype=np.float64)
            found = 0
            for a, b in knapsacks:
                cut = cover(a, b, x[: a.size])
                if cut is None:
                    continue
                idx, rhs = cut
                h.addRows(1, np.array([-highspy.kHighsInf]), np.array([rhs]), int(idx.size),
                          np.array([0], dtype=np.int32), idx.astype(np.int32),
                          np.ones(idx.size))  # fmt: skip
                found += 1
            if not found:
                break
            added += found
            h.run()
    finally:
        h.setOptionValue("solve_relaxation", False)
    return added
