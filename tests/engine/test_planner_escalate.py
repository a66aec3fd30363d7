"""Phase 1's escalation (planner_milp._run_phase): when the small branch and bound gives up on
the coverage shortlist, the whole pool is solved instead (within ESCALATE_SECONDS, else back to
the shortlist), and a phase never runs the branch and bound again after it gave up. Small
instances with DIRECT_MAX = 0 (so the shortlist path runs) and a branch and bound that always
gives up; each plan's coverage against the planner's own."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coursestack import knowledge
from coursestack.engine import planner_milp
from coursestack.engine.planner import plan
from coursestack.engine.planner_milp import PhaseResult
from coursestack.engine.synthetic import small_instance

SKILLS = knowledge.skills()


class Recorder:
    """A branch and bound that always gives up (counted per phase), and phase 1's results."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.bnb: list[bool] = []  # per call: phase 1's (True) or another phase's
        self.first: list[tuple[int, PhaseResult | None]] = []  # (pool size, result)
        run_phase = planner_milp._run_phase
        milp = planner_milp._milp
        current: list[bool] = []

        def give_up(_h: object, _n: int, _deadline: float, _lazy: object = None) -> None:
            self.bnb.append(bool(current and current[-1]))

        def traced_milp(ph: planner_milp.Phase, *args: object, **kwargs: object) -> object:
            current.append(ph.first)
            try:
                return milp(ph, *args, **kwargs)  # type: ignore[arg-type]
            finally:
                current.pop()

        def traced_phase(
            ph: planner_milp.Phase, seed: list[int], deadline: float
        ) -> PhaseResult | None:
            out = run_phase(ph, seed, deadline)
            if ph.first:
                self.first.append((ph.pool.size, out))
            return out

        monkeypatch.setattr(planner_milp, "DIRECT_MAX", 0)
        monkeypatch.setattr(planner_milp, "branch_and_bound", give_up)
        monkeypatch.setattr(planner_milp, "_milp", traced_milp)
        monkeypatch.setattr(planner_milp, "_run_phase", traced_phase)


def _coverage(seed: int) -> float:
    ctx, learner, known, reqs = small_instance(seed, SKILLS, n_courses=16, n_skills=8)
    result = plan(ctx, learner, known, reqs, time_limit=5.0, alternatives=False)
    assert result.solver["exact"] is True
    return result.coverage_after


def test_a_failed_branch_and_bound_on_the_shortlist_solves_the_whole_pool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rec = Recorder(monkeypatch)
    # the whole pool's MILP has all the time it needs: under a loaded CI machine an 11-course
    # solve once took longer than ESCALATE_SECONDS and went back to the shortlist
    monkeypatch.setattr(planner_milp, "ESCALATE_SECONDS", 5.0)
    covered = _coverage(151)  # an 11-course phase-1 pool whose first shortlist is smaller
    assert rec.bnb.count(True) == 1
    (size, result), *_ = rec.first
    assert result is not None and result.exact
    assert len(result.shortlist) == size == 11
    monkeypatch.setattr(planner_milp, "ESCALATE_MAX", 0)  # the shortlist and its proof
    assert _coverage(151) == pytest.approx(covered, abs=1e-12)
    assert len(rec.first[-1][1].shortlist) < 11  # type: ignore[union-attr]


def test_a_whole_pool_past_its_time_goes_back_to_the_shortlist(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rec = Recorder(monkeypatch)
    covered = _coverage(151)
    monkeypatch.setattr(planner_milp, "ESCALATE_SECONDS", 0.0)
    assert _coverage(151) == pytest.approx(covered, abs=1e-12)
    _size, result = rec.first[-1]
    assert result is not None and result.exact and len(result.shortlist) < 11


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(seed=st.integers(0, 10_000), limit=st.sampled_from([0.0, 5.0]))
def test_escalation_keeps_plans_exact(
    monkeypatch: pytest.MonkeyPatch, seed: int, limit: float
) -> None:
    """Against the planner as it is (brute-force checked in test_planner), on instances of
    16 courses (too many for the brute force, enough for shortlists smaller than the pool)."""
    ctx, learner, known, reqs = small_instance(seed, SKILLS, n_courses=16, n_skills=8)
    reference = plan(ctx, learner, known, reqs, time_limit=5.0, alternatives=False)
    with monkeypatch.context() as m:
        rec = Recorder(m)
        m.setattr(planner_milp, "ESCALATE_SECONDS", limit)
        result = plan(ctx, learner, known, reqs, time_limit=5.0, alternatives=False)
    assert result.solver["exact"] is True
    assert result.coverage_after == pytest.approx(reference.coverage_after, abs=1e-9)
    # phase 1 runs the branch and bound at most once: after it gave up, HiGHS's MIP
    assert rec.bnb.count(True) <= 1
