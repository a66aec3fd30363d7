"""HiGHS as the planner drives it: one thread, which still solves when something else in the
process started HiGHS's shared scheduler with another thread count first; the LP relaxation
tried before the MIP."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
from highspy._core import _Highs
from scipy import sparse

from coursestack.engine.planner_milp import Model, _highs, _integral_relaxation, _run

SCRIPT = """
from highspy._core import _Highs
first = _Highs()
first.setOptionValue("output_flag", False)
first.setOptionValue("threads", 2)
first.run()  # the shared scheduler now has 2 threads
from coursestack import knowledge
from coursestack.engine.planner import plan
from coursestack.engine.synthetic import small_instance
for seed in range(5):
    ctx, learner, known, reqs = small_instance(seed, knowledge.skills(), n_courses=9)
    result = plan(ctx, learner, known, reqs, time_limit=5.0)
    assert result.solver["method"] == "milp" or result.solver["status"] == "nothing to choose"
    assert result.solver["exact"], result.solver
print("ok")
"""


def test_plans_solve_after_another_highs_user_set_the_thread_count() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=False
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().endswith("ok")


def _knapsack(weights: list[float], capacity: float) -> _Highs:
    """max sum x_i (as min -sum x_i) s.t. sum w_i x_i <= capacity, x binary."""
    n = len(weights)
    empty = np.zeros(0, dtype=np.int64)
    model = Model(
        cols=np.arange(n, dtype=np.int64), a=sparse.csr_matrix(np.array([weights])),
        ub=np.array([capacity]), c=-np.ones(n), lb=np.zeros(n), hi=np.ones(n),
        pairs=empty, skills=empty, self_pairs=empty,
    )  # fmt: skip
    return _highs(model, np.ones(n), 0.0, None)


def test_an_integral_relaxation_is_taken_and_a_fractional_one_is_not() -> None:
    loose = _knapsack([1.0, 1.0, 1.0], 5.0)  # the LP optimum takes everything: integral
    assert _integral_relaxation(loose, None)
    assert list(loose.getSolution().col_value) == [1.0, 1.0, 1.0]
    tight = _knapsack([2.0, 2.0, 2.0], 5.0)  # the LP takes 2.5 items: fractional
    assert not _integral_relaxation(tight, None)
    _run(tight)  # the MIP afterwards is unaffected: two items
    assert round(tight.getInfo().objective_function_value) == -2
    assert tight.getOptionValue("solve_relaxation")[1] is False
