"""The small branch and bound (engine.planner_bnb) against HiGHS's own MIP solver."""

from __future__ import annotations

import time

import highspy
import numpy as np
from highspy._core import _Highs as Highs
from hypothesis import given, settings
from hypothesis import strategies as st

from coursestack.engine import planner_bnb
from coursestack.engine.planner_bnb import branch_and_bound


def _model(seed: int, n: int, rows: int, rel: float, abs_gap: float) -> Highs:
    """A random 0/1 covering-knapsack MIP (minimise): cover rows of a random 0/1 matrix
    within a budget row, plus one continuous column, like the planner's y / z columns."""
    rng = np.random.default_rng(seed)
    h = Highs()
    for key, value in {"output_flag": False, "presolve": "off", "threads": 1,
                       "mip_rel_gap": rel, "mip_abs_gap": abs_gap}.items():  # fmt: skip
        h.setOptionValue(key, value)
    cost = np.append(rng.uniform(1.0, 10.0, n), 0.5)  # the last column is continuous
    cover = (rng.random((rows, n)) < 0.3).astype(np.float64)
    cover[np.arange(rows), rng.integers(0, n, rows)] = 1.0  # every row coverable
    a = np.zeros((rows + 1, n + 1))
    a[:rows, :n] = cover
    a[:rows, n] = 1.0  # the continuous column eases every cover row a little
    a[rows, :n] = rng.uniform(0.5, 2.0, n)  # a budget row
    lower = np.append(np.ones(rows), -highspy.kHighsInf)
    upper = np.append(np.full(rows, highspy.kHighsInf), float(a[rows, :n].sum()) * 0.7)
    col = a.T.copy()  # column-wise
    starts = np.arange(0, (n + 1) * (rows + 1) + 1, rows + 1, dtype=np.int32)
    index = np.tile(np.arange(rows + 1, dtype=np.int32), n + 1)
    h.passModel(
        n + 1, rows + 1, int(col.size), int(highspy.MatrixFormat.kColwise),
        int(highspy.ObjSense.kMinimize), 0.0, cost, np.zeros(n + 1),
        np.append(np.ones(n), 0.5), lower, upper, starts, index, col.ravel(),
        np.append(np.ones(n, dtype=np.int32), 0),
    )  # fmt: skip
    return h


def _relaxed(h: Highs) -> bool:
    """Solve the LP relaxation; True when it is optimal and fractional."""
    h.setOptionValue("solve_relaxation", True)
    h.run()
    h.setOptionValue("solve_relaxation", False)
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return False
    x = np.asarray(h.getSolution().col_value)[:-1]
    return bool(np.any(np.abs(x - np.round(x)) > 1e-6))


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 100_000), n=st.integers(3, 14), rows=st.integers(2, 8),
       gap=st.sampled_from([(0.0, 1e-6), (0.005, 1e-6), (0.0, 0.5)]))  # fmt: skip
def test_a_proof_is_within_highs_tolerance_of_highs_optimum(
    seed: int, n: int, rows: int, gap: tuple[float, float]
) -> None:
    rel, abs_gap = gap
    h = _model(seed, n, rows, rel, abs_gap)
    if not _relaxed(h):
        return
    lp = h.getLp()
    lower, upper = list(lp.col_lower_), list(lp.col_upper_)
    proved = branch_and_bound(h, n, time.perf_counter() + 10)
    # the model is handed back as it was
    assert list(h.getLp().col_lower_) == lower and list(h.getLp().col_upper_) == upper
    reference = _model(seed, n, rows, 0.0, 1e-9)
    reference.run()
    if proved is None:
        return  # gave up: the caller runs HiGHS's MIP (what the planner did before)
    assert reference.getModelStatus() == highspy.HighsModelStatus.kOptimal
    optimum = reference.getInfo().objective_function_value
    tol = max(abs_gap, rel * abs(proved.value))
    assert proved.bound <= optimum + 1e-7  # a valid lower bound
    assert proved.value - proved.bound <= tol + 1e-9  # proved within the tolerance
    assert proved.value <= optimum + tol + 1e-7
    x = proved.x
    assert np.all(np.isin(x[:n], (0.0, 1.0)))
    a = np.zeros((rows + 1, n + 1))
    check = _model(seed, n, rows, rel, abs_gap).getLp()
    starts, index, value = check.a_matrix_.start_, check.a_matrix_.index_, check.a_matrix_.value_
    for j in range(n + 1):
        for k in range(starts[j], starts[j + 1]):
            a[index[k], j] = value[k]
    activity = a @ x
    assert np.all(activity >= np.array(check.row_lower_) - 1e-6)
    assert np.all(activity <= np.array(check.row_upper_) + 1e-6)
    assert abs(float(np.dot(check.col_cost_, x)) - proved.value) <= 1e-5


def test_it_gives_up_after_its_lp_budget_and_restores_the_model(monkeypatch: object) -> None:
    setattr_ = monkeypatch.setattr  # type: ignore[attr-defined]
    setattr_(planner_bnb, "MAX_LPS", 0)
    for seed in range(200):
        h = _model(seed, 12, 6, 0.0, 1e-6)
        if _relaxed(h):
            break
    lower = list(h.getLp().col_lower_)
    assert branch_and_bound(h, 12, time.perf_counter() + 10) is None
    assert list(h.getLp().col_lower_) == lower
    solve_relaxation = h.getOptionValue("solve_relaxation")
    assert (
        solve_relaxation[1] if isinstance(solve_relaxation, tuple) else solve_relaxation
    ) is False
    h.run()  # HiGHS's MIP still solves the untouched model
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 100_000), n=st.integers(3, 12), rows=st.integers(2, 6),
       gap=st.sampled_from([(0.0, 1e-6), (0.005, 1e-6)]))  # fmt: skip
def test_lazy_rows_give_highs_optimum_of_the_model_with_them(
    seed: int, n: int, rows: int, gap: tuple[float, float]
) -> None:
    """Lazy rows (forbidden pairs x_i + x_j <= 1, added only when an integral point takes
    both): the proof matches HiGHS's optimum with every such row in the model up front."""
    rel, abs_gap = gap
    rng = np.random.default_rng(seed + 1)
    forbidden = [(int(i), int(j)) for i, j in rng.integers(0, n, (n, 2)) if i != j]
    h = _model(seed, n, rows, rel, abs_gap)
    if not _relaxed(h):
        return
    added: list[tuple[int, int]] = []

    def lazy(x: np.ndarray) -> int:
        for i, j in forbidden:
            if x[i] > 0.5 and x[j] > 0.5 and (i, j) not in added:
                added.append((i, j))
                h.addRows(1, np.array([-highspy.kHighsInf]), np.array([1.0]), 2,
                          np.array([0], dtype=np.int32), np.array([i, j], dtype=np.int32),
                          np.ones(2))  # fmt: skip
                return 1
        return 0

    proved = branch_and_bound(h, n, time.perf_counter() + 10, lazy)
    reference = _model(seed, n, rows, 0.0, 1e-9)
    for i, j in forbidden:
        reference.addRows(1, np.array([-highspy.kHighsInf]), np.array([1.0]), 2,
                          np.array([0], dtype=np.int32), np.array([i, j], dtype=np.int32),
                          np.ones(2))  # fmt: skip
    reference.run()
    if proved is None:
        return  # gave up (or infeasible): the caller runs HiGHS's MIP
    assert reference.getModelStatus() == highspy.HighsModelStatus.kOptimal
    x = proved.x
    assert all(x[i] + x[j] <= 1.0 + 1e-9 for i, j in forbidden)
    optimum = reference.getInfo().objective_function_value
    tol = max(abs_gap, rel * abs(proved.value))
    assert proved.bound <= optimum + 1e-7
    assert proved.value - proved.bound <= tol + 1e-9
    assert proved.value <= optimum + tol + 1e-7
