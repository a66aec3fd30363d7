"""The plan's low-yield steps: what the coverage-first objective costs in time, said.

The planner maximises coverage first (the issue's objective), so a step raising one useful
skill by a level is worth any hours: a data-analyst plan took a 139-hour Nanodegree for A/B
testing 1 -> 2. The plan stays exact; this module finds the steps whose coverage per hour
falls far below the plan's own average, so the learner can weigh them: each is removable
(the other steps stay orderable without it) and gains less than LOW_YIELD_SHARE of the
plan's average coverage per hour, given the other steps. They are peeled greedily, lowest
yield first, re-evaluated after each removal (two steps may teach the same thing).

Pure: numpy on the problem's dict-form levels.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from coursestack.domain import Level, Requirement
from coursestack.engine.planner_candidates import Problem
from coursestack.engine.planner_milp import order

LOW_YIELD_SHARE = 0.2  # of the plan's average coverage per hour
MIN_STEPS = 3  # a plan this short has no tail worth naming


@dataclass(frozen=True)
class LowYield:
    steps: list[int]  # problem-local numbers, in the order peeled
    hours: float  # their hours together
    coverage_without: float  # the plan's coverage without them


def low_yield(
    problem: Problem,
    chosen: list[int],
    known: Mapping[str, Level],
    requirements: Mapping[str, Requirement],
) -> LowYield | None:
    """The plan's low-yield steps (module docstring), or None when there are none."""
    if len(chosen) < MIN_STEPS or not requirements:
        return None
    skills = sorted(requirements)
    need = np.array([max(1, int(requirements[s].level)) for s in skills], dtype=np.float64)
    weight = np.array([float(requirements[s].weight) for s in skills])
    scale = weight / need / weight.sum()
    base = np.array([min(int(known.get(s, 0)), int(n)) for s, n in zip(skills, need, strict=True)])
    lv = np.zeros((len(chosen), len(skills)))
    for i, k in enumerate(chosen):
        got = problem.levels.get(k, {})
        lv[i] = [got.get(s, 0) for s in skills]
    lv = np.minimum(np.maximum(lv, base), need)
    hours = np.maximum(problem.plan_hours[chosen].astype(np.float64), 1e-6)

    def covered(rows: np.ndarray) -> float:
        top = lv[rows].max(axis=0) if rows.size else base
        return float((np.maximum(top, base) * scale).sum())

    kept = np.arange(len(chosen))
    start = covered(np.zeros(0, dtype=np.int64))
    full = covered(kept)
    if full <= start:
        return None
    floor = LOW_YIELD_SHARE * (full - start) / float(hours.sum())
    peeled: list[int] = []
    while kept.size > 1:
        now = covered(kept)
        # per step, the coverage the others reach without it (top-two per skill column)
        sub = lv[kept]
        order_desc = np.sort(sub, axis=0)
        first, second = order_desc[-1], order_desc[-2]
        without = np.where(sub >= first, second, first)
        gains = now - (np.maximum(without, base) * scale).sum(axis=1)
        yields = gains / hours[kept]
        found = None
        for i in np.argsort(yields, kind="stable").tolist():
            if yields[i] >= floor:
                break
            rest = [chosen[int(j)] for j in kept if j != kept[i]]
            if not order(problem, rest)[1]:  # the others stay orderable without it
                found = i
                break
        if found is None:
            break
        peeled.append(chosen[int(kept[found])])
        kept = np.delete(kept, found)
    if not peeled:
        return None
    local = {k: i for i, k in enumerate(chosen)}
    return LowYield(
        steps=peeled,
        hours=float(sum(hours[local[k]] for k in peeled)),
        coverage_without=covered(kept),
    )
