"""Knapsack cover inequalities (engine.planner_covers): valid for every 0/1 point within the
row, violated at the LP point they were separated from, and tightening a relaxation."""

from __future__ import annotations

import itertools

import highspy
import numpy as np
from highspy._core import _Highs as Highs
from hypothesis import given, settings
from hypothesis import strategies as st

from coursestack.engine.planner_covers import cover, strengthen


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 100_000), n=st.integers(1, 9), share=st.floats(0.1, 0.9))
def test_a_cover_holds_for_every_integer_point_and_cuts_off_the_lp_point(
    seed: int, n: int, share: float
) -> None:
    rng = np.random.default_rng(seed)
    a = np.round(rng.uniform(0.0, 10.0, n), 1)
    a[rng.random(n) < 0.15] = 0.0  # free columns, as the budget row has
    b = float(np.round(share * a.sum(), 1))
    x = np.where(rng.random(n) < 0.4, 1.0, np.round(rng.random(n), 2))
    cut = cover(a, b, x)
    if cut is None:
        return
    idx, rhs = cut
    assert float(x[idx].sum()) > rhs  # violated where it was separated
    for point in itertools.product((0.0, 1.0), repeat=n):
        p = np.array(point)
        if float(a @ p) <= b:
            assert float(p[idx].sum()) <= rhs + 1e-9


def test_covers_close_a_knapsack_relaxation() -> None:
    """max x0 + x1 + x2 + x3 with 5 x0 + 5 x1 + 5 x2 + 6 x3 <= 12: the LP takes 2.4 items,
    a cover (three of them) and its extension (the heavier x3) bring it to 2, integral."""
    h = Highs()
    for key, value in {"output_flag": False, "presolve": "off", "threads": 1}.items():
        h.setOptionValue(key, value)
    a = np.array([5.0, 5.0, 5.0, 6.0])
    h.passModel(
        4, 1, 4, int(highspy.MatrixFormat.kColwise), int(highspy.ObjSense.kMinimize), 0.0,
        -np.ones(4), np.zeros(4), np.ones(4), np.array([-highspy.kHighsInf]), np.array([12.0]),
        np.arange(5, dtype=np.int32), np.zeros(4, dtype=np.int32), a, np.ones(4, dtype=np.int32),
    )  # fmt: skip
    h.setOptionValue("solve_relaxation", True)
    h.run()
    h.setOptionValue("solve_relaxation", False)
    assert float(h.getInfo().objective_function_value) < -2.3
    assert strengthen(h, [(a, 12.0)]) >= 1
    assert abs(float(h.getInfo().objective_function_value) + 2.0) < 1e-6
    x = np.asarray(h.getSolution().col_value)
    assert np.all(np.abs(x - np.round(x)) < 1e-6)
    assert not bool(h.getOptionValue("solve_relaxation")[1])  # options as they were


def test_no_cover_when_the_row_cannot_bind() -> None:
    a = np.array([1.0, 2.0, 3.0])
    assert cover(a, 6.0, np.ones(3)) is None  # all of them fit
    assert cover(a, 5.0, np.array([1.0, 0.0, 1.0])) is None  # 1 + 3 <= 5: no cover in support
