"""The dominance filter: sound (every removed course has a kept dominator), and solving on the
undominated core gives the same optimum as solving on the whole pool."""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coursestack import knowledge
from coursestack.engine.planner import Core, PlannerIndex
from coursestack.engine.planner_candidates import Pool, build_pool
from coursestack.engine.planner_dominance import undominated
from coursestack.engine.planner_milp import (
    Phase,
    _phase_one,
    _run_phase,
    phase_one_rank,
    secondary,
    solve,
    structure,
)
from coursestack.engine.synthetic import small_instance, synthetic_catalog, synthetic_learner

SKILLS = knowledge.skills()
ROLES = knowledge.roles()


def _dominates(pool: Pool, c: int, k: int) -> bool:
    """The module docstring's definition, restated densely and pair by pair."""
    if c == k or pool.related[c] or pool.related[k]:
        return False
    names = [pool.index.skills[int(j)] for j in pool.cols]
    cap = np.array([pool.cap.get(n, 4) for n in names])
    teach = np.minimum(pool.teach.toarray().astype(int), cap)
    need = pool.need.toarray().astype(int)
    scal = np.stack(
        [pool.plan_hours, pool.plan_cost, np.nan_to_num(pool.hours), np.nan_to_num(pool.cost),
         pool.rating_pen, pool.pedagogy_pen, pool.topic_pen], axis=1,
    )  # fmt: skip
    if not (
        np.all(teach[c] >= teach[k]) and np.all(need[c] <= need[k]) and np.all(scal[c] <= scal[k])
    ):
        return False
    equal = (
        np.array_equal(teach[c], teach[k])
        and np.array_equal(need[c], need[k])
        and np.array_equal(scal[c], scal[k])
    )
    return not equal or c < k


def _pools() -> list[Pool]:
    ctx = synthetic_catalog(1500, SKILLS, ROLES, seed=11)
    index = PlannerIndex.build(ctx)
    out = []
    for seed in range(4):
        learner, known, reqs = synthetic_learner(ctx, seed)
        out.append(build_pool(ctx, index, learner, known, reqs, None))
    return out


POOLS = _pools()


def test_generated_pools_hold_dominated_courses() -> None:
    """The soundness test below has teeth: most pools lose courses to dominance."""
    assert sum(undominated(pool).size < pool.size for pool in POOLS) >= len(POOLS) // 2


@pytest.mark.parametrize("n", range(len(POOLS)))
def test_removed_courses_are_dominated_by_kept_ones(n: int) -> None:
    pool = POOLS[n]
    core = set(undominated(pool).tolist())
    assert len(core) > 0
    for k in range(pool.size):
        dominated = any(_dominates(pool, c, k) for c in range(pool.size))
        if k in core:
            # The bounded search may keep a dominated course; on pools this small it does not.
            assert not dominated, k
        else:
            assert dominated, k
            assert any(_dominates(pool, c, k) for c in core), k


def _objective(pool: Pool, sec: np.ndarray, chosen: list[int]) -> float:
    return float(sec[np.array(chosen, dtype=np.int64)].sum()) if chosen else 0.0


@pytest.mark.parametrize("n", range(len(POOLS)))
@pytest.mark.parametrize("objective", ["balanced", "fastest", "cheapest", "best-rated"])
def test_core_optimum_equals_whole_pool_optimum(n: int, objective: str) -> None:
    pool = POOLS[n]
    sec = secondary(pool, objective)
    whole = solve(pool, objective, 10.0, structure(pool), sec)
    core = Core.of(pool)
    on_core = core.lift(core.solve(pool, objective, 10.0))
    assert whole.exact and on_core.exact
    assert on_core.primary == whole.primary
    gap = max(whole.secondary_gap or 0.0, on_core.secondary_gap or 0.0, 1e-3)
    a, b = _objective(pool, sec, whole.chosen), _objective(pool, sec, on_core.chosen)
    assert b == pytest.approx(a, rel=2 * gap)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000))
def test_core_matches_whole_pool_on_small_instances(seed: int) -> None:
    ctx, learner, known, reqs = small_instance(seed, SKILLS, n_courses=9)
    pool = build_pool(ctx, PlannerIndex.build(ctx), learner, known, reqs, None)
    if not pool.size or not pool.gaps:
        return
    sec = secondary(pool, "balanced")
    whole = solve(pool, "balanced", 10.0, structure(pool), sec)
    core = Core.of(pool)
    on_core = core.lift(core.solve(pool, "balanced", 10.0))
    assert on_core.primary == whole.primary
    assert _objective(pool, sec, on_core.chosen) == pytest.approx(
        _objective(pool, sec, whole.chosen), rel=2e-3, abs=1e-9
    )


def _constrained_pools() -> list[Pool]:
    ctx = synthetic_catalog(2000, SKILLS, ROLES, seed=12)
    index = PlannerIndex.build(ctx)
    out = []
    for seed in range(6):
        learner, known, reqs = synthetic_learner(ctx, seed)
        tight = {"budget": 60.0 + 40 * seed, "deadline_weeks": 3 + seed}
        learner = learner.model_copy(update=tight)
        out.append(build_pool(ctx, index, learner, known, reqs, None))
    return out


CONSTRAINED = _constrained_pools()


def test_constrained_pools_are_constrained() -> None:
    """Most of the pools below cannot reach every reachable level: the test has teeth."""
    binding = 0
    for pool in CONSTRAINED:
        st_ = structure(pool)
        reach = round(float(st_.units[st_.reach_ok].sum()))
        sec = secondary(pool, "balanced")
        out = _phase_one(pool, st_, sec, reach, time.perf_counter() + 20)
        assert out is not None
        binding += -out.value < reach
    assert binding >= len(CONSTRAINED) // 2


@pytest.mark.parametrize("pool", CONSTRAINED)
def test_coverage_core_keeps_the_best_coverage(pool: Pool) -> None:
    """Phase 1 on its smaller core (budget / deadline use only) reaches the coverage that
    phase 1 on the whole pool reaches."""
    structure_ = structure(pool)
    reach = round(float(structure_.units[structure_.reach_ok].sum()))
    sec = secondary(pool, "balanced")
    on_core = _phase_one(pool, structure_, sec, reach, time.perf_counter() + 20)
    whole = _run_phase(
        Phase(pool, structure_, np.zeros(pool.size), None, phase_one_rank(pool, sec),
              target=-float(reach)),
        [], time.perf_counter() + 20,
    )  # fmt: skip
    assert on_core is not None and whole is not None
    assert on_core.exact and whole.exact
    assert on_core.value == pytest.approx(whole.value)


@pytest.mark.parametrize("pool", CONSTRAINED)
def test_combined_solve_matches_the_two_phases(pool: Pool) -> None:
    """On a small constrained pool `solve` takes the combined MILP; the explicit two-phase
    solve (best coverage, then least secondary at that coverage) reaches the same optimum."""
    structure_ = structure(pool)
    sec = secondary(pool, "balanced")
    combined = solve(pool, "balanced", 20.0, structure_, sec)
    assert combined.exact and combined.rounds >= 1
    reach = round(float(structure_.units[structure_.reach_ok].sum()))
    first = _phase_one(pool, structure_, sec, reach, time.perf_counter() + 20)
    assert first is not None and first.exact
    best = round(-first.value)
    second = _run_phase(
        Phase(pool, structure_, sec, best, sec), first.placed, time.perf_counter() + 20
    )
    assert second is not None and second.exact
    assert combined.primary == best
    gap = max(combined.secondary_gap or 0.0, 1e-3)
    assert _objective(pool, sec, combined.chosen) == pytest.approx(second.value, rel=2 * gap)


@pytest.mark.parametrize("n", range(len(POOLS)))
def test_alternatives_on_the_kept_model_equal_fresh_solves(n: int) -> None:
    """The alternatives re-solve the main plan's HiGHS model with new costs (Structure.kept):
    the same coverage and, within the reported gaps, the same objective as a solve on a
    freshly built model."""
    pool = POOLS[n]
    core = Core.of(pool)
    main = core.solve(pool, "balanced", 10.0)
    if core.st is None or not main.chosen:
        pytest.skip("nothing to plan")
    for objective in ("fastest", "cheapest", "best-rated"):
        reused = core.solve(pool, objective, 10.0, reuse=main)
        fresh = solve(core.pool, objective, 10.0, structure(core.pool),
                      secondary(pool, objective)[core.ids], main)  # fmt: skip
        assert len(core.st.kept) == 1  # one model (from the main plan or the first of these)
        assert reused.primary == fresh.primary == main.primary
        sec = secondary(pool, objective)[core.ids]
        gap = max(reused.secondary_gap or 0.0, fresh.secondary_gap or 0.0, 1e-3)
        assert _objective(pool, sec, reused.chosen) == pytest.approx(
            _objective(pool, sec, fresh.chosen), rel=2 * gap
        )
