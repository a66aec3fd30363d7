"""The planner asks HiGHS for one thread; it still solves when something else in the process
started HiGHS's shared scheduler with another thread count first."""

from __future__ import annotations

import subprocess
import sys

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
