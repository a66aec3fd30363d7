"""Ordering cuts as lazy rows of the small branch and bound (planner_bnb's `lazy`,
planner_milp._milp): a chosen set that cannot be ordered gets its cuts inside the search,
which goes on from its open nodes instead of restarting. Small instances whose MILP needs
ordering cuts (found by scanning small_instance seeds); each plan against the planner with
the lazy rows turned off (the restart loop, as before)."""

from __future__ import annotations

import pytest

from coursestack import knowledge
from coursestack.engine import planner_milp
from coursestack.engine.planner import plan
from coursestack.engine.synthetic import small_instance

SKILLS = knowledge.skills()
CUT_SEEDS = (33, 38, 105, 123, 144, 158, 190, 273)  # MILPs that needed ordering cuts


def _coverage(seed: int) -> float:
    ctx, learner, known, reqs = small_instance(seed, SKILLS, n_courses=16, n_skills=8)
    result = plan(ctx, learner, known, reqs, time_limit=5.0, alternatives=False)
    assert result.solver["exact"] is True
    return result.coverage_after


@pytest.mark.parametrize("seed", CUT_SEEDS)
@pytest.mark.parametrize("direct", [400, 0])
def test_ordering_cuts_are_added_inside_one_branch_and_bound(
    monkeypatch: pytest.MonkeyPatch, seed: int, direct: int
) -> None:
    monkeypatch.setattr(planner_milp, "DIRECT_MAX", direct)
    bnb = planner_milp.branch_and_bound
    calls: list[int] = []  # per branch and bound: rows its lazy callback added

    def traced(h: object, n: int, deadline: float, lazy: object = None) -> object:
        added = [0]

        def counted(x: object) -> int:
            rows = lazy(x)  # type: ignore[operator]
            added[0] += rows
            return int(rows)

        out = bnb(h, n, deadline, counted if lazy is not None else None)  # type: ignore[arg-type]
        calls.append(added[0])
        return out

    monkeypatch.setattr(planner_milp, "branch_and_bound", traced)
    coverage = _coverage(seed)
    assert any(calls), "the instance no longer needs ordering cuts in the branch and bound"

    # the same coverage as with the lazy rows off (a fresh branch and bound per cut round)
    monkeypatch.setattr(
        planner_milp, "branch_and_bound", lambda h, n, deadline, lazy=None: bnb(h, n, deadline)
    )
    before = _coverage(seed)
    assert coverage == pytest.approx(before, abs=1e-9)
