"""The MILP's pool-wide incidence does not depend on the storage order of the level matrix,
and its root / own-supply flags agree with a direct reading of the levels."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from coursestack import knowledge
from coursestack.engine.planner import PlannerIndex
from coursestack.engine.planner_candidates import Pool, build_pool
from coursestack.engine.planner_milp import structure
from coursestack.engine.synthetic import synthetic_catalog, synthetic_learner

CTX = synthetic_catalog(2000, knowledge.skills(), knowledge.roles(), seed=7)
INDEX = PlannerIndex.build(CTX)


def _pool(seed: int) -> Pool:
    learner, known, reqs = synthetic_learner(CTX, seed)
    return build_pool(CTX, INDEX, learner, known, reqs, None)


@pytest.mark.parametrize("seed", range(4))
def test_structure_is_the_same_for_unsorted_rows(seed: int) -> None:
    pool = _pool(seed)
    a = structure(pool)
    t = pool.teach.copy()
    for i in range(t.shape[0]):
        s, e = t.indptr[i], t.indptr[i + 1]
        t.indices[s:e] = t.indices[s:e][::-1]
        t.data[s:e] = t.data[s:e][::-1]
    t.has_sorted_indices = False
    b = structure(replace(pool, teach=t))
    assert (a.root != b.root).nnz == 0 and (a.cover != b.cover).nnz == 0
    assert np.array_equal(a.need_own, b.need_own)


@pytest.mark.parametrize("seed", range(4))
def test_roots_and_own_supply_match_the_levels(seed: int) -> None:
    pool = _pool(seed)
    st = structure(pool)
    teach, need = pool.teach.toarray(), pool.need.toarray()
    roots = st.root.toarray()  # skills x courses
    assert np.array_equal(roots > 0, ((teach > 0) & (need == 0)).T)
    rows, cols = np.nonzero(need)  # CSR order, as need_own is
    own = teach[rows, cols] >= need[rows, cols]
    assert np.array_equal(st.need_own, own)


@pytest.mark.parametrize("seed", range(4))
def test_problem_providers_are_the_courses_teaching_each_asked_level(seed: int) -> None:
    pool = _pool(seed)
    for sub in (np.arange(pool.size), np.arange(0, pool.size, 3)):
        p = pool.problem(sub)
        asked = {(s, la) for nd in p.needs.values() for s, la in nd.items()}
        assert asked and set(p.providers) == asked
        for (s, la), ks in p.providers.items():
            assert ks == sorted(k for k, lv in p.levels.items() if lv.get(s, 0) >= la)
