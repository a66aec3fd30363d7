"""Dominance: the pool courses no plan needs, found before the solve (vectorised).

Course c dominates course k when, programs and their parts aside,
- c reaches every (skill, level) element k reaches, on the relevant skills capped at the level
  that counts (so c raises every gap k raises and supplies every assumption k supplies);
- c's unmet assumptions are a subset of k's, level by level;
- c takes no more hours and costs no more (as the objective and as the budget / deadline
  rows see them), and has no higher rating, pedagogy or off-topic penalty;
- and c is strictly better on one of these, or identical with a smaller pool number.

Then some optimal plan, for every objective variant, avoids k: in a plan holding k, put c in
k's place (its assumptions are met wherever k's were; it supplies and raises all k did) and
drop any later copy of c: coverage does not fall, hours, cost and every secondary term do not
rise, budget and deadline still hold. The relation is a strict partial order, so removing
every dominated course keeps a dominating one for each. Solving on the undominated core is
therefore exact; explanations (runner-ups, residual reasons) still see the whole pool.

Phase 1 (the best coverage under a budget or deadline) compares only the budget and deadline
use (`coverage_scalars`): the same argument with only those rows, so its core is smaller.

Search: a dominator of k must reach k's rarest element, so only those courses are compared
with k; each comparison is a few 64-bit word operations on element bitsets.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import sparse

from coursestack.engine.planner_candidates import Pool
from coursestack.engine.planner_index import FloatArray, IntArray

U64Array = npt.NDArray[np.uint64]

MAX_PAIRS = 100_000  # comparisons per batch (bounds memory: ~6 MB of index arrays at most)
MAX_RIVALS = 32  # strongest teachers of a course's rarest element compared with it


def _bitsets(
    pool: Pool, levels: sparse.csr_matrix, caps: IntArray
) -> tuple[IntArray, IntArray, int, U64Array]:
    """Per pool course, the (skill, level <= cap) elements `levels` (pool x skills) reaches:
    as (course, element) pairs, the element count, and packed into uint64 words per course.
    Built from the sparse entries (a course reaches a handful of the hundreds of elements)."""
    offsets = np.concatenate([[0], np.cumsum(caps)])
    n_el = int(offsets[-1])
    words = max(1, (n_el + 63) // 64)
    coo = levels.tocoo()
    row = coo.row.astype(np.int64)
    col = coo.col.astype(np.int64)
    val = np.minimum(coo.data.astype(np.int64), caps[col])
    rows: list[IntArray] = []
    elems: list[IntArray] = []
    for lvl in range(1, int(caps.max(initial=0)) + 1):
        hit = val >= lvl
        rows.append(row[hit])
        elems.append(offsets[col[hit]] + lvl - 1)
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    e = np.concatenate(elems) if elems else np.zeros(0, dtype=np.int64)
    packed = np.zeros((pool.size, words), dtype=np.uint64)
    np.bitwise_or.at(packed, (r, e // 64), np.left_shift(np.uint64(1), (e % 64).astype(np.uint64)))
    return r, e, n_el, packed


def objective_scalars(pool: Pool) -> list[FloatArray]:
    """What a course costs a plan, for every objective variant: hours and cost as the
    objective and as the budget / deadline rows see them, rating, pedagogy and off-topic
    penalties."""
    return [
        pool.plan_hours,
        pool.plan_cost,
        np.nan_to_num(pool.hours),
        np.nan_to_num(pool.cost),
        pool.rating_pen,
        pool.pedagogy_pen,
        pool.topic_pen,
    ]


def coverage_scalars(pool: Pool) -> list[FloatArray]:
    """What a course costs a plan when only coverage counts (phase 1): its use of the budget
    and of the deadline, where those are set."""
    out: list[FloatArray] = []
    if pool.budget is not None:
        out.append(np.nan_to_num(pool.cost))
    if pool.hours_cap is not None:
        out.append(np.nan_to_num(pool.hours))
    return out


def undominated(pool: Pool, scalars: list[FloatArray] | None = None) -> IntArray:
    """Pool numbers (ascending) of the courses no other pool course dominates, comparing
    `scalars` (default: objective_scalars, safe for every objective variant)."""
    m = pool.size
    if m < 2:
        return np.arange(m, dtype=np.int64)
    names = [pool.index.skills[int(c)] for c in pool.cols]
    caps = np.array([pool.cap.get(n, 4) for n in names], dtype=np.int64)
    t_row, t_el, n_el, teach = _bitsets(pool, pool.teach, caps)
    _r, _e, _n, need = _bitsets(pool, pool.need, caps)
    scal_cols = [
        np.ascontiguousarray(v, dtype=np.float64)
        for v in (objective_scalars(pool) if scalars is None else scalars)
    ]
    # Rivals of k: the teachers of k's rarest element, strongest first (most elements
    # reached, then fewest hours), at most MAX_RIVALS of them: a bounded search, so a
    # dominated course may stay in the core, never the reverse.
    counts = np.bincount(t_el, minlength=n_el)
    rarest = np.zeros(m, dtype=np.int64)
    # per course, its rarest element first: one stable sort on (course, count) packed in
    # one key (a two-key lexsort cost four times as much on 100k-course pools)
    by_row = np.argsort(t_row * (int(counts.max(initial=0)) + 1) + counts[t_el], kind="stable")
    sorted_rows = t_row[by_row]
    first_at = np.flatnonzero(np.r_[True, sorted_rows[1:] != sorted_rows[:-1]])[: sorted_rows.size]
    first_rows = sorted_rows[first_at]
    rarest[first_rows] = t_el[by_row][first_at]
    has = np.zeros(m, dtype=bool)
    has[first_rows] = True
    strength = np.lexsort((pool.plan_hours, -np.bincount(t_row, minlength=m)))
    rank = np.empty(m, dtype=np.int64)
    rank[strength] = np.arange(m)
    order = np.argsort(t_el * m + rank[t_row])  # by element, strongest first (unique keys)
    el_of, course_of = t_el[order], t_row[order]
    starts = np.searchsorted(el_of, np.arange(n_el + 1))
    rivals = np.minimum(counts, MAX_RIVALS)
    examine = has & ~pool.related
    ks = np.flatnonzero(examine)
    dominated = np.zeros(m, dtype=bool)
    free = ~pool.related
    lo = 0
    while lo < ks.size:
        # A batch of courses whose rival lists fit MAX_PAIRS.
        sizes = rivals[rarest[ks[lo:]]]
        csum = np.cumsum(sizes)
        hi = lo + max(1, int(np.searchsorted(csum, MAX_PAIRS, side="right")))
        batch = ks[lo:hi]
        n_riv = rivals[rarest[batch]]
        k_of = np.repeat(batch, n_riv)
        first = starts[rarest[batch]]
        pos = np.arange(int(n_riv.sum())) - np.repeat(np.cumsum(n_riv) - n_riv, n_riv)
        c_of = course_of[np.repeat(first, n_riv) + pos]
        ok = (c_of != k_of) & free[c_of]
        k_of, c_of = k_of[ok], c_of[ok]
        # One column at a time, keeping only the pairs still standing (cheap 1-D gathers).
        for col in scal_cols:
            ok = col[c_of] <= col[k_of]
            k_of, c_of = k_of[ok], c_of[ok]
        for w in range(teach.shape[1]):
            tk, tc = teach[k_of, w], teach[c_of, w]
            nk, nc = need[k_of, w], need[c_of, w]
            ok = ((tk & ~tc) == 0) & ((nc & ~nk) == 0)
            k_of, c_of = k_of[ok], c_of[ok]
        strict = c_of < k_of
        for col in scal_cols:
            strict |= col[c_of] < col[k_of]
        strict |= np.any(teach[c_of] != teach[k_of], axis=1)
        strict |= np.any(need[c_of] != need[k_of], axis=1)
        dominated[k_of[strict]] = True
        lo = hi
    return np.flatnonzero(~dominated).astype(np.int64)
