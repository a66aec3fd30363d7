"""The mixed-integer program on a shortlist, proved optimal for the whole pool by LP duality.

Variables: x_c in {0,1} per course; y_{s,l} in [0,1] for each gap skill s and each level
l in (have_s, need_s] (a gap element); z_q in [0,1] per assumption pair q = (a, l_a) some
course needs ("q is supplied"); r_a per assumed skill ("a root course for a is taken").

    y_{s,l} <= sum_{c teaches s at >= l} x_c                          (credit needs a course)
    x_c     <= z_q,  z_q <= sum_{c' teaches a at >= l_a} x_{c'}   for each assumption q of c
                     the learner does not meet (equivalent, in the LP too, to
                     x_c <= sum_{c' != c} x_{c'}, which a course supplying its own
                     assumption keeps; the z's list each pair's suppliers once)
    x_c     <= r_a,  r_a <= sum_{c' raises a above the learner, assumes none of a} x_{c'}
                     (the first course to raise a cannot itself assume a: a valid cut)
    x_prog + x_part <= 1                                  (a program or one of its parts)
    sum cost_c x_c <= budget,  sum hours_c x_c <= deadline_weeks * hours_per_week
    lazy ordering cuts (below)

PRIMARY = sum_{s,l} 12 w_s / need_s * y_{s,l} is 12 x the coverage gain times sum_s w_s (the
COMMON.md definition): with weights 1-3 and levels 1-4, 12 w / need is an integer, so plans'
primaries differ by >= 1 or not at all. SECONDARY = sum_c sec_c x_c weighs the course's hours
(per median pool hour), cost (per median pool cost), rating penalty (1 - score) and pedagogy
penalty by the objective variant (OBJECTIVE_WEIGHTS), plus a small per-course charge so that a
course adding nothing is never worth taking.

Two phases (`solve`): (1) the best PRIMARY (coverage); (2) the least SECONDARY among plans
reaching it. A constrained pool of at most DIRECT_MAX courses does both in one MILP
(`_combined`: -PRIMARY + eps SECONDARY, exact by the choice of eps and the gap); phase 1
alone runs on its own smaller core (budget / deadline dominance, planner_dominance). Without
a budget and a deadline, phase 1 needs no solve: taking every pool course reaches, on every
gap skill, the highest level any pool course reaches (the pool is exactly the reachable
courses), so that is the optimum.

A pool of at most DIRECT_MAX courses is solved whole. A larger one solves each phase on a
shortlist and proves the shortlist's optimum optimal for the whole pool:
- shortlist: for every gap element, the SHORTLIST_K pool courses reaching it that are cheapest
  for the phase (phase 1: budget and deadline use; phase 2: the objective's scalar cost), plus,
  recursively, the cheapest suppliers of their unmet assumptions;
- column generation: solve the shortlist's LP relaxation; with its row duals lambda >= 0, the
  reduced cost of EVERY pool course is rc_c = c_c + A_c^T lambda, computed in one sparse pass
  (a course's column touches the coverage rows, the assumption rows it supplies, the budget and
  deadline rows); courses with rc_c < 0 join and the LP is solved again, until none is left;
- Lagrangian bound: for any lambda >= 0, L = -lambda^T b + sum_j min(0, rc_j) over all pool
  columns and the y's is a lower bound on the full problem (the assumption rows of courses
  outside the shortlist, program overlaps and ordering cuts are dropped: a relaxation); and a
  plan that takes course c costs at least L + max(0, rc_c);
- the shortlist's MILP optimum Z is optimal for the pool when every course outside it has
  L + max(0, rc_c) > Z - 1 (phase 1, whose objective is integral) or >= Z - SECONDARY_GAP |Z|
  (phase 2). Courses failing the test join the shortlist and both are solved again.
- phase 1 only: when planner_bnb's branch and bound gives up on the shortlist MILP (a wide LP
  gap, so the test would fail for most of the pool), or the test already fails for most of
  the pool at a plan found earlier (`_doomed`), the whole pool's MILP is solved instead,
  within ESCALATE_SECONDS (else back to the shortlist); a phase whose branch and bound gave up
  once sends its later MILPs to HiGHS's MIP directly.

Ordering cuts: the assumption rows allow two courses that each supply the other's assumption.
After each MILP solve the chosen set is ordered (a course is placed once known levels plus
placed courses meet its assumptions); if a set S is stuck, each c in S has an assumption
(a_c, l_c) no placed course supplies, and the cut
    sum_{c in S} x_c <= |S| - 1 + sum_{p not in S, p supplies some (a_c, l_c)} x_p
is added (valid: in any orderable plan containing S, the first course of S placed has its
assumption supplied from outside S) and the model solved again. Inside planner_bnb's branch
and bound they are lazy rows: added when an integral node would become the incumbent, the
search going on from its open nodes (no restart from the root).

Greedy fallback (time limit hit, or time_limit <= 0): repeatedly take the course (with, where
needed, the cheapest ready supplier of each missing prerequisite) of best primary gain per unit
of secondary cost that fits budget and deadline, on the phase-2 shortlist. Its gap is reported
against an upper bound on PRIMARY (the LP bound when one was computed, else the reachable
levels): (bound - value) / bound.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

import highspy
import numpy as np
from highspy._core import _Highs as Highs
from scipy import sparse

from coursestack.engine.planner_bnb import MAX_COLS as BNB_MAX_COLS
from coursestack.engine.planner_bnb import Proved, branch_and_bound
from coursestack.engine.planner_candidates import (
    OFF_TOPIC_WEIGHT,
    PEDAGOGY_WEIGHT,
    RATING_WEIGHT,
    Pool,
    Problem,
    secondary_scales,
)
from coursestack.engine.planner_covers import Knapsack, strengthen
from coursestack.engine.planner_dominance import coverage_scalars, undominated
from coursestack.engine.planner_index import FloatArray, IntArray, row_entries

PRIMARY_SCALE = 12  # lcm of the levels 1-4: 12 w / need is an integer
COURSE_CHARGE = 0.01
TIE = 0.01
# Below the shown figures' tie-break: among free plans 'cheapest' took a 333 h plan of better
# ratings over a 278 h one, while its label (LABEL_METRICS: cost, then hours) went to the
# 278 h plan; the ratings and pedagogy now break ties only after hours and cost.
SOFT_TIE = 0.001
# Relative gap accepted on the tie-breaking (hours / cost / rating) phase: coverage is always
# exact; 0.5% of a plan's hours and cost is well inside the estimates' own ranges, and at
# 0.1% a constrained 2k plan needed a second MILP one time in ten (p95 19 -> 15.5 ms).
SECONDARY_GAP = 5e-3
MILP_GAP = 2.5e-3  # relative gap asked of HiGHS on the phase-2 shortlist (half the accepted one)
# The alternatives' tie-breaking phase: "the same coverage, but cheaper" within 1% (proved and
# reported); their secondaries are degenerate (many free courses), so 0.1% costs seconds.
ALTERNATIVE_GAP = 1e-2
INTEGRAL_TOL = 1e-6  # an LP value this close to an integer counts as integral
DIRECT_MAX = 400  # a pool this small is solved whole (measured faster than the shortlist)
SHORTLIST_K = 3  # cheapest courses per gap element in the first shortlist
PRICING_BATCH = 40  # most negative reduced costs added per column-generation round
MAX_ROUNDS = 30
MAX_CUTS = 50
ESCALATE_MAX = 1500  # phase 1 pools up to this size may be solved whole (see `_run_phase`)
ESCALATE_SECONDS = 0.04
DOOMED_SHARE = 0.8  # of the outside courses failing the proof at a known plan (`_doomed`)
EPS = 1e-7
Cut = tuple[dict[int, float], float]  # row coefficients (shortlist numbers), right-hand side
# An ordering cut in pool numbers: its members and, per member, an unmet assumption.
PoolCut = tuple[tuple[int, ...], tuple[tuple[str, int], ...]]
# (hours, cost, rating, pedagogy) weights of each objective variant.
OBJECTIVE_WEIGHTS: dict[str, tuple[float, float, float, float]] = {
    "balanced": (1.0, 1.0, RATING_WEIGHT, PEDAGOGY_WEIGHT),
    "fastest": (1.0, TIE, SOFT_TIE, SOFT_TIE),
    "cheapest": (TIE, 1.0, SOFT_TIE, SOFT_TIE),
    "best-rated": (TIE, TIE, 1.0, SOFT_TIE),
}


@dataclass
class Solution:
    chosen: list[int]  # pool numbers, in a prerequisite-respecting order
    primary: int  # PRIMARY of the plan (12 x weighted levels gained)
    method: str  # "milp" or "greedy"
    status: str
    exact: bool
    bound: float | None  # upper bound on PRIMARY, when known
    seconds: float
    cuts: int = 0
    candidates: int = 0  # shortlist size of the last phase
    secondary_gap: float | None = None  # relative, of the tie-breaking phase (proved)
    shortlist: list[int] = field(default_factory=list)  # pool numbers the last phase used
    rounds: int = 0  # LP / MILP rounds, both phases

    @property
    def gap(self) -> float | None:
        if self.bound is None:
            return None
        if self.bound <= 0:
            return 0.0
        return max(0.0, (self.bound - self.primary) / self.bound)


def secondary(pool: Pool | Problem, objective: str) -> FloatArray:
    if objective not in OBJECTIVE_WEIGHTS:
        raise ValueError(f"unknown objective {objective!r}; use {', '.join(OBJECTIVE_WEIGHTS)}")
    wh, wc, wr, wp = OBJECTIVE_WEIGHTS[objective]
    hours = pool.plan_hours
    if isinstance(pool, Pool):
        med_h, med_c = pool.secondary_scales
    else:
        med_h, med_c = secondary_scales(hours, pool.plan_cost)
    out: FloatArray = (
        wh * hours / med_h
        + wc * pool.plan_cost / med_c
        + wr * pool.rating_pen
        + wp * pool.pedagogy_pen
        + topic_weight(objective) * pool.topic_pen
        + COURSE_CHARGE
    )
    return out


def topic_weight(objective: str) -> float:
    """What a course about another subject, or short of the learner's certificate or
    portfolio need, weighs: in the balanced plan OFF_TOPIC_WEIGHT, one median candidate's
    hours; in 'fastest', 'cheapest' and 'best-rated' a tie-break only (a portfolio need made
    'fastest' 163 h where 146 h reached the same coverage at the same price)."""
    return OFF_TOPIC_WEIGHT if objective == "balanced" else OFF_TOPIC_WEIGHT * SOFT_TIE


def gain_units(problem: Problem | Pool) -> dict[str, int]:
    """PRIMARY per level of each gap skill."""
    return {g.skill: PRIMARY_SCALE * g.weight // g.need for g in problem.gaps}


def pool_primary(pool: Pool, chosen: list[int]) -> int:
    """primary_of over pool numbers, read from the pool's level matrix (no dict form)."""
    if not chosen:
        return 0
    _rows, cols, vals = row_entries(pool.teach, np.array(chosen, dtype=np.int64))
    levels = np.zeros(pool.cols.size, dtype=np.int64)
    np.maximum.at(levels, cols, vals)
    total = 0
    for g, j in zip(pool.gaps, pool.gap_j.tolist(), strict=True):
        top = int(levels[j]) if j >= 0 else 0
        total += (PRIMARY_SCALE * g.weight // g.need) * max(0, min(top, g.need) - g.have)
    return total


def primary_of(problem: Problem, chosen: list[int]) -> int:
    units = gain_units(problem)
    total = 0
    for g in problem.gaps:
        top = max((problem.levels.get(k, {}).get(g.skill, 0) for k in chosen), default=0)
        total += units[g.skill] * max(0, min(top, g.need) - g.have)
    return total


def order(problem: Problem, chosen: list[int]) -> tuple[list[int], list[int]]:
    """(placed in a prerequisite-respecting order, stuck) for a chosen set."""
    levels = dict(problem.known)
    placed: list[int] = []
    rest = sorted(chosen)
    while rest:
        ready = [
            k
            for k in rest
            if all(levels.get(s, 0) >= la for s, la in problem.needs.get(k, {}).items())
        ]
        if not ready:
            break
        k = ready[0]
        placed.append(k)
        rest.remove(k)
        for s, v in problem.levels.get(k, {}).items():
            if v > levels.get(s, 0):
                levels[s] = v
    return placed, rest


# ---------------------------------------------------------------- pool matrices


@dataclass
class Structure:
    """Pool-wide incidence, built once per plan and shared by every phase and objective."""

    units: FloatArray  # PRIMARY per gap element
    reach_ok: npt_bool  # gap element reachable by some pool course
    cover: sparse.csr_matrix  # gap elements x pool: course reaches the element
    supply: sparse.csr_matrix  # assumption pairs x pool: course teaches the pair's level
    need_row: IntArray  # per unmet assumption (pool CSR order): the course
    need_pair: IntArray  # per unmet assumption: the pair number
    need_col: IntArray  # per unmet assumption: the skill (local number)
    root: sparse.csr_matrix  # skills x pool: teaches it above the learner, assumes none of it
    need_own: npt_bool  # per unmet assumption: its course supplies that pair itself
    cut_store: list[PoolCut] = field(default_factory=list)  # ordering cuts found so far
    # Phase-2 models by (shortlist, PRIMARY floor): another objective on the same rows only
    # changes the x costs (the alternatives re-solve the main plan's model).
    kept: dict[tuple[bytes, int], Kept] = field(default_factory=dict)


@dataclass
class Kept:
    """A HiGHS instance holding a phase-2 model, and how many stored cuts it has."""

    h: Highs
    cuts_seen: int


npt_bool = np.ndarray


def structure(pool: Pool) -> Structure:
    m = pool.size
    gap_j = pool.gap_j
    units: list[float] = []
    e_start: list[int] = []
    for g in pool.gaps:
        e_start.append(len(units))
        units.extend([float(PRIMARY_SCALE * g.weight // g.need)] * (g.need - g.have))
    n_e = len(units)
    t = pool.teach.tocoo()
    t_row, t_col, t_val = t.row.astype(np.int64), t.col.astype(np.int64), t.data.astype(np.int64)
    j_gap = np.full(max(1, pool.cols.size), -1, dtype=np.int64)
    for i, j in enumerate(gap_j.tolist()):
        if j >= 0:
            j_gap[j] = i
    g_of = j_gap[t_col] if t_col.size else t_col
    e_rows: list[IntArray] = []
    e_cols: list[IntArray] = []
    have = np.array([g.have for g in pool.gaps], dtype=np.int64)
    need = np.array([g.need for g in pool.gaps], dtype=np.int64)
    start = np.array(e_start, dtype=np.int64)
    is_gap = g_of >= 0
    for d in range(1, 5):
        gi = g_of[is_gap]
        lvl = have[gi] + d
        ok = (lvl <= need[gi]) & (t_val[is_gap] >= lvl)
        e_rows.append(start[gi[ok]] + d - 1)
        e_cols.append(t_row[is_gap][ok])
    er = np.concatenate(e_rows) if e_rows else np.zeros(0, dtype=np.int64)
    ec = np.concatenate(e_cols) if e_cols else np.zeros(0, dtype=np.int64)
    cover = sparse.csr_matrix((np.ones(er.size), (er, ec)), shape=(n_e, m))
    cover.sort_indices()
    reach_ok = np.diff(cover.indptr) > 0
    nd = pool.need.tocoo()
    n_row, n_col, n_lvl = nd.row.astype(np.int64), nd.col.astype(np.int64), nd.data.astype(np.int64)
    key = n_col * 8 + n_lvl
    uniq, pair = np.unique(key, return_inverse=True)
    s_rows: list[IntArray] = []
    s_cols: list[IntArray] = []
    csc = pool.teach_csc
    for q, k in enumerate(uniq.tolist()):
        j, lvl = divmod(k, 8)
        col = csc.indices[csc.indptr[j] : csc.indptr[j + 1]]
        vals = csc.data[csc.indptr[j] : csc.indptr[j + 1]]
        hit = col[vals >= lvl].astype(np.int64)
        s_rows.append(np.full(hit.size, q, dtype=np.int64))
        s_cols.append(hit)
    sr = np.concatenate(s_rows) if s_rows else np.zeros(0, dtype=np.int64)
    sc = np.concatenate(s_cols) if s_cols else np.zeros(0, dtype=np.int64)
    supply = sparse.csr_matrix((np.ones(sr.size), (sr, sc)), shape=(uniq.size, m))
    supply.sort_indices()
    # Roots: the first course of a plan to raise skill j above the learner cannot assume j
    # above the learner either, so a course assuming j needs one of these before it.
    width = max(1, pool.cols.size)
    t_key = t_row * width + t_col  # (course, skill) of each teach entry
    if t_key.size > 1 and not bool(np.all(t_key[1:] > t_key[:-1])):  # CSR order, unless not
        order_t = np.argsort(t_key, kind="stable")
        t_key, t_row, t_col, t_val = (a[order_t] for a in (t_key, t_row, t_col, t_val))
    free_mask = ~np.isin(t_key, n_row * width + n_col)  # stored need levels are all > 0
    root = sparse.csr_matrix(
        (np.ones(int(free_mask.sum())), (t_col[free_mask], t_row[free_mask])),
        shape=(max(1, pool.cols.size), m),
    )
    root.sort_indices()
    need_pair = np.asarray(pair, dtype=np.int64).reshape(-1)
    # A course supplies its own pair when it teaches that skill to the level it assumes.
    at = np.searchsorted(t_key, n_row * width + n_col)
    hit = at < t_key.size
    hit[hit] = t_key[at[hit]] == (n_row * width + n_col)[hit]
    need_own = np.zeros(n_row.size, dtype=bool)
    need_own[hit] = t_val[at[hit]] >= n_lvl[hit]
    return Structure(
        need_own=need_own,
        units=np.array(units, dtype=np.float64),
        reach_ok=reach_ok,
        cover=cover,
        supply=supply,
        need_row=n_row,
        need_pair=need_pair,
        need_col=n_col,
        root=root,
    )


# ---------------------------------------------------------------- one phase


@dataclass
class Phase:
    pool: Pool
    st: Structure
    cost: FloatArray  # objective per pool course (phase 1: zeros; the y's carry -units)
    min_primary: int | None  # phase 2: PRIMARY >= this
    rank: FloatArray  # shortlist preference (lower first)
    target: float | None = None  # phase 1: the objective of a plan reaching every reachable level
    solved: dict[bytes, tuple[list[int], float, int, bool, float]] = field(default_factory=dict)
    sec_gap: float = SECONDARY_GAP  # relative gap accepted on phase 2
    abs_gap: float | None = None  # the combined objective's absolute gap (see `_combined`)
    # Set when planner_bnb's branch and bound gave up on one of this phase's MILPs: the later
    # ones (more columns, more cuts) go to HiGHS's MIP directly (see `_milp`).
    bnb_failed: bool = False

    @property
    def first(self) -> bool:
        return self.min_primary is None


@dataclass
class Model:
    """Columns: x (the shortlist), y (gap elements), z (assumption pairs a shortlisted course
    needs: "supplied"), r (skills a shortlisted course assumes: "a root course is taken")."""

    cols: IntArray  # pool numbers of the shortlist, ascending
    a: sparse.csr_matrix  # rows x columns
    ub: FloatArray
    c: FloatArray
    lb: FloatArray
    hi: FloatArray
    pairs: IntArray  # the pair of each z column (and of each "supply" row)
    skills: IntArray  # the skill of each r column (and of each "rootsum" row)
    self_pairs: IntArray  # the pair of each "self" row
    kinds: list[tuple[str, int, int]] = field(default_factory=list)  # (kind, first row, count)


def _pick(
    m: sparse.csr_matrix, row_local: IntArray, col_local: IntArray
) -> tuple[IntArray, IntArray]:
    """(local row, local column) of the entries of `m` whose row and column are both kept
    (`*_local` map a row / column to its new number, -1 when dropped): one pass over the
    CSR arrays, no scipy slicing."""
    rows = np.repeat(row_local, np.diff(m.indptr))
    cols = col_local[m.indices]
    keep = (rows >= 0) & (cols >= 0)
    return rows[keep], cols[keep]


def _model(ph: Phase, cols: IntArray, cuts: list[Cut]) -> Model:
    """The shortlist's model. A course's assumption (a, l) is met through z_(a,l):
        z_q <= sum_{p supplies q} x_p   ("supply", one row per pair)
        x_c <= z_q                      ("need", one row per course and pair)
    which has the LP relaxation of x_c <= sum_p x_p with far fewer nonzeros (a pair's
    suppliers are listed once, not once per course needing it). A course that supplies a
    pair it also needs keeps the direct row x_c <= sum_{p != c} x_p ("self"). Root rows
    likewise go through r_j <= sum_{p roots j} x_p ("rootsum") and x_c <= r_j ("root").
    Built as one list of (row, column, value) triplets."""
    pool, st = ph.pool, ph.st
    k = cols.size
    n_e = st.units.size
    in_s = np.full(pool.size, -1, dtype=np.int64)
    in_s[cols] = np.arange(k)
    sel = in_s[st.need_row] >= 0
    owners = in_s[st.need_row[sel]]
    need_pairs = st.need_pair[sel]
    need_skills = st.need_col[sel]
    own = st.need_own[sel]
    pairs = np.unique(need_pairs[~own])
    skills = np.unique(need_skills)
    n_q, n_r = pairs.size, skills.size
    width = k + n_e + n_q + n_r
    z0, r0 = k + n_e, k + n_e + n_q
    rr: list[IntArray] = []
    cc: list[IntArray] = []
    vv: list[FloatArray] = []
    ub: list[FloatArray] = []
    kinds: list[tuple[str, int, int]] = []
    n_rows = 0

    def add(kind: str, r: IntArray, c: IntArray, v: FloatArray, rhs: FloatArray) -> None:
        nonlocal n_rows
        if rhs.size:
            rr.append(r + n_rows)
            cc.append(c)
            vv.append(v)
            ub.append(rhs)
            kinds.append((kind, n_rows, rhs.size))
            n_rows += rhs.size

    def linked(m: sparse.csr_matrix, keep_rows: IntArray, at: int, kind: str) -> None:
        """Rows `keep_rows` of m (over the pool) as  v_i - sum_{c in row} x_c <= 0, where v_i
        is column at + i (a y, z or r)."""
        n = keep_rows.size
        row_local = np.full(m.shape[0], -1, dtype=np.int64)
        row_local[keep_rows] = np.arange(n)
        r, c = _pick(m, row_local, in_s)
        idx = np.arange(n)
        add(kind, np.r_[r, idx], np.r_[c, at + idx], np.r_[-np.ones(r.size), np.ones(n)],
            np.zeros(n))  # fmt: skip

    def pairs_rows(kind: str, left: IntArray, right: IntArray, rhs: FloatArray) -> None:
        """x_left - v_right <= 0, one row each."""
        idx = np.arange(left.size)
        add(kind, np.r_[idx, idx], np.r_[left, right],
            np.r_[np.ones(left.size), -np.ones(left.size)], rhs)  # fmt: skip

    # Coverage: y_e - sum x_c <= 0.
    linked(st.cover, np.arange(n_e), k, "cover")
    if owners.size:
        linked(st.supply, pairs, z0, "supply")
        free = ~own
        q_of = np.searchsorted(pairs, need_pairs[free])
        pairs_rows("need", owners[free], z0 + q_of, np.zeros(int(free.sum())))
        if own.any():
            o = owners[own]
            # one row per (course, own pair), over the pair's suppliers in the shortlist
            pos, supplier, _lvl = row_entries(st.supply, need_pairs[own])
            local = in_s[supplier]
            kept = local >= 0
            pos, local = pos[kept], local[kept]
            vals = np.where(local == o[pos], 1.0, -1.0)  # x_c - sum_{p != c} x_p
            add("self", pos, local, vals, np.zeros(o.size))
        linked(st.root, skills, r0, "rootsum")
        pairs_rows("root", owners, r0 + np.searchsorted(skills, need_skills),
                   np.zeros(owners.size))  # fmt: skip
    # Programs and their parts.
    excl = [(in_s[a], in_s[b]) for a, b in pool.exclusive if in_s[a] >= 0 and in_s[b] >= 0]
    if excl:
        r = np.repeat(np.arange(len(excl)), 2)
        cidx = np.array([v for pair in excl for v in pair], dtype=np.int64)
        add("excl", r, cidx, np.ones(r.size), np.ones(len(excl)))
    every = np.arange(k)
    if pool.budget is not None:
        add("budget", np.zeros(k, dtype=np.int64), every, np.nan_to_num(pool.cost[cols]),
            np.array([pool.budget]))  # fmt: skip
    if pool.hours_cap is not None:
        add("hours", np.zeros(k, dtype=np.int64), every, np.nan_to_num(pool.hours[cols]),
            np.array([pool.hours_cap]))  # fmt: skip
    if ph.min_primary is not None:
        add("primary", np.zeros(n_e, dtype=np.int64), k + np.arange(n_e), -st.units,
            np.array([-float(ph.min_primary)]))  # fmt: skip
    for cut, rhs in cuts:
        idx = np.array(list(cut), dtype=np.int64)
        vals = np.array(list(cut.values()), dtype=np.float64)
        add("cut", np.zeros(idx.size, dtype=np.int64), idx, vals, np.array([rhs]))
    a = sparse.csr_matrix(
        (
            np.concatenate(vv) if vv else np.zeros(0),
            (
                np.concatenate(rr) if rr else np.zeros(0, dtype=np.int64),
                np.concatenate(cc) if cc else np.zeros(0, dtype=np.int64),
            ),
        ),
        shape=(n_rows, width),
    )
    c = np.concatenate(
        [ph.cost[cols], np.zeros(n_e) if not ph.first else -st.units, np.zeros(n_q + n_r)]
    )
    lb = np.zeros(width)
    hi = np.ones(width)
    hi[k : k + n_e][~st.reach_ok] = 0.0
    if ph.min_primary is not None and ph.min_primary >= float(st.units[st.reach_ok].sum()) - EPS:
        lb[k : k + n_e][st.reach_ok] = 1.0  # every reachable element must be credited
    return Model(
        cols=cols,
        a=a,
        ub=np.concatenate(ub) if ub else np.zeros(0),
        c=c,
        lb=lb,
        hi=hi,
        pairs=pairs,
        skills=skills,
        self_pairs=need_pairs[own],
        kinds=kinds,
    )


def _rows(model: Model, kind: str) -> slice:
    for name, first, count in model.kinds:
        if name == kind:
            return slice(first, first + count)
    return slice(0, 0)


@dataclass
class Pricing:
    bound: float  # Lagrangian lower bound on the full phase
    rc: FloatArray  # reduced cost of every pool course (outside the shortlist: relaxed)


def _lp(model: Model, deadline: float) -> tuple[float, FloatArray] | None:
    """LP relaxation (without cuts): (value, lambda >= 0 per row), or None if infeasible or
    not solved before the plan's deadline (the caller then keeps its best plan so far)."""
    remaining = deadline - time.perf_counter()
    if remaining <= 0:
        return None
    h = _highs(model, np.zeros(model.c.size), 0.0, None)
    h.setOptionValue("time_limit", remaining)
    _run(h)
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    sol = h.getSolution()
    if not sol.dual_valid:
        return None
    # HiGHS's row duals of `A x <= b` in a minimisation are <= 0; lambda is their negation.
    lam = np.maximum(0.0, -np.asarray(sol.row_dual, dtype=np.float64))
    return float(h.getInfo().objective_function_value), lam


def _price(ph: Phase, model: Model, lam: FloatArray) -> Pricing:
    """Reduced costs of all pool courses and the Lagrangian bound L (see module docstring)."""
    pool, st = ph.pool, ph.st
    k = model.cols.size
    lam_e = lam[_rows(model, "cover")]
    rc = ph.cost.copy()
    rc -= st.cover.T @ lam_e
    # An outside supplier enters the supply rows of the pairs it supplies (and the direct
    # rows of courses needing a pair they supply themselves), and the root sums.
    per_pair = np.zeros(st.supply.shape[0])
    per_pair[model.pairs] += lam[_rows(model, "supply")]
    self_lam = lam[_rows(model, "self")]
    if self_lam.size:
        per_pair += np.bincount(model.self_pairs, weights=self_lam, minlength=per_pair.size)
    if model.pairs.size or self_lam.size:
        rc -= st.supply.T @ per_pair
    root_lam = lam[_rows(model, "rootsum")]
    if root_lam.size:
        per_skill = np.zeros(st.root.shape[0])
        per_skill[model.skills] = root_lam
        rc -= st.root.T @ per_skill
    b = lam[_rows(model, "budget")]
    if b.size:
        rc += b[0] * np.nan_to_num(pool.cost)
    h = lam[_rows(model, "hours")]
    if h.size:
        rc += h[0] * np.nan_to_num(pool.hours)
    # Shortlisted courses, y's, z's and r's: exactly from the model (own rows included).
    rc_model = model.c + model.a.T @ lam
    rc[model.cols] = rc_model[:k]
    rc_y = rc_model[k:]
    outside = np.ones(pool.size, dtype=bool)
    outside[model.cols] = False
    bound = float(
        -lam @ model.ub
        + np.minimum(0.0, rc[outside]).sum()
        + np.minimum(rc_model[:k] * model.lb[:k], rc_model[:k] * model.hi[:k]).sum()
        + np.minimum(rc_y * model.lb[k:], rc_y * model.hi[k:]).sum()
    )
    return Pricing(bound=bound, rc=rc)


def _rank_order(rank: FloatArray) -> IntArray:
    return np.lexsort((np.arange(rank.size), rank))


def _cheapest(m: sparse.csr_matrix, rows: IntArray, position: IntArray, k: int) -> IntArray:
    """For each row of `m`, the `k` columns of lowest `position` (a permutation: no ties).
    One sort of the rows' entries by (row, position), not a loop over the rows."""
    row_of, cols, _v = row_entries(m, rows)
    order = np.argsort(row_of * (position.size + 1) + position[cols])
    # the sorted entries' rank within their row: keep the first k
    lens = np.diff(m.indptr)[rows]
    rank = np.arange(cols.size) - np.repeat(np.cumsum(lens) - lens, lens)
    out: IntArray = cols[order[rank < k]]
    return out


def _positions(ph: Phase) -> tuple[IntArray, IntArray]:
    """Rank of every pool course by the phase's preference, and by (depth, preference)."""
    m = ph.pool.size
    by_rank = np.empty(m, dtype=np.int64)
    by_rank[_rank_order(ph.rank)] = np.arange(m)
    by_depth = np.empty(m, dtype=np.int64)
    by_depth[np.lexsort((by_rank, ph.pool.depth))] = np.arange(m)
    return by_rank, by_depth


def _close(ph: Phase, chosen: npt_bool, positions: tuple[IntArray, IntArray]) -> None:
    """Add, recursively, the cheapest suppliers of the unmet assumptions of chosen courses,
    and the shallowest one (a supplier of smaller depth than any course needing the pair:
    so every shortlisted course has an orderable chain of suppliers in the shortlist)."""
    st = ph.st
    done = np.zeros(st.supply.shape[0], dtype=bool)
    while True:
        pairs = np.unique(st.need_pair[chosen[st.need_row]])
        pairs = pairs[~done[pairs]]
        if pairs.size == 0:
            return
        done[pairs] = True
        chosen[_cheapest(st.supply, pairs, positions[0], SHORTLIST_K + 1)] = True
        chosen[_cheapest(st.supply, pairs, positions[1], 1)] = True


def _shortlist(ph: Phase, seed: list[int], positions: tuple[IntArray, IntArray]) -> npt_bool:
    chosen = np.zeros(ph.pool.size, dtype=bool)
    elements = np.arange(ph.st.cover.shape[0])
    chosen[_cheapest(ph.st.cover, elements, positions[0], SHORTLIST_K)] = True
    chosen[seed] = True
    _close(ph, chosen, positions)
    return chosen


def _highs(model: Model, integrality: FloatArray, gap: float, abs_gap: float | None) -> Highs:
    """A HiGHS instance holding the model (kept between cut rounds: rows are added). The core
    class, not highspy.Highs: that wrapper prints a banner on stdout and sets up callbacks."""
    h = Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", gap)
    # Our models are small and solved at or near the root: HiGHS's presolve and its
    # feasibility-jump heuristic cost milliseconds each for nothing (measured: 16 -> 6 ms on
    # a 300-course shortlist; a 5-variable knapsack took 4.6 ms with the heuristic on).
    h.setOptionValue("mip_heuristic_run_feasibility_jump", False)
    h.setOptionValue("presolve", "off")
    # One thread: HiGHS's second worker mostly spins on these models (measured: 29 -> 17 ms
    # CPU per 2k plan at the same wall time), and the service runs plans side by side anyway.
    h.setOptionValue("threads", 1)
    if abs_gap is not None:
        h.setOptionValue("mip_abs_gap", abs_gap)
    a = sparse.csc_matrix(model.a)
    n_row = int(a.shape[0])
    # The flat-array overload: no per-column Python objects (HighsLp.integrality_ wants a list).
    h.passModel(
        int(model.c.size), n_row, int(a.nnz), int(highspy.MatrixFormat.kColwise),
        int(highspy.ObjSense.kMinimize), 0.0,
        np.ascontiguousarray(model.c, dtype=np.float64),
        np.ascontiguousarray(model.lb, dtype=np.float64),
        np.ascontiguousarray(model.hi, dtype=np.float64),
        np.full(n_row, -highspy.kHighsInf), np.ascontiguousarray(model.ub, dtype=np.float64),
        a.indptr.astype(np.int32), a.indices.astype(np.int32), a.data.astype(np.float64),
        (integrality != 0).astype(np.int32),
    )  # fmt: skip
    return h


def _run(h: Highs) -> None:
    """h.run(), once more with HiGHS's default thread count if another caller in this process
    started HiGHS's shared scheduler with a different one (HiGHS refuses the mismatch)."""
    if h.run() == highspy.HighsStatus.kError and h.getModelStatus() == (
        highspy.HighsModelStatus.kNotset
    ):
        h.setOptionValue("threads", 0)
        h.run()


def _integral_relaxation(h: Highs, n_int: int | None) -> bool:
    """Solve the LP relaxation; True when its optimum is integral on the integer columns (the
    first n_int, or all when None), and so optimal for the MIP as well. Most models here
    are (41 of 52 on five real-catalog plans), and the LP costs a third of the MIP's setup
    and root work; when it is not, HiGHS goes on to the MIP with nothing lost but the LP."""
    h.setOptionValue("solve_relaxation", True)
    try:
        _run(h)
    finally:
        h.setOptionValue("solve_relaxation", False)
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return False
    x = np.asarray(h.getSolution().col_value)
    v = x if n_int is None else x[:n_int]
    return bool(np.all(np.abs(v - np.round(v)) <= INTEGRAL_TOL))


def _add_cut_rows(h: Highs, rows: list[Cut]) -> None:
    for row, rhs in rows:
        idx = np.array(list(row), dtype=np.int32)
        vals = np.array(list(row.values()), dtype=np.float64)
        h.addRows(1, np.array([-highspy.kHighsInf]), np.array([rhs]), int(idx.size),
                  np.array([0], dtype=np.int32), idx, vals)  # fmt: skip


def _milp(
    ph: Phase, cols: IntArray, deadline: float, seed: list[int] | None = None,
    escalate: bool = False,
) -> tuple[list[int], float, int, bool, float] | None:  # fmt: skip
    """Solve the shortlist's MILP with lazy ordering cuts: (placed pool numbers, objective,
    cuts, optimal, dual bound) or None when no plan was found in time or it is infeasible,
    or, with `escalate`, as soon as the branch and bound gives up (ph.bnb_failed is set:
    the caller solves a larger model instead, see `_run_phase`).
    Cuts found are kept in the plan's cut store (valid for every shortlist and phase); the
    result is cached per shortlist (the cached plan stays optimal: later cuts never cut it)."""
    key = cols.tobytes()
    if key in ph.solved:
        return ph.solved[key]
    # The dict-form shortlist is built only when cuts need it (ordering uses the chosen few).
    problem: Problem | None = None
    store = ph.st.cut_store
    kept_key = None if ph.min_primary is None or ph.abs_gap is not None else (key, ph.min_primary)
    kept = ph.st.kept.get(kept_key) if kept_key is not None else None
    if kept is not None:
        h = kept.h
        h.changeColsCost(int(cols.size), np.arange(cols.size, dtype=np.int32),
                         np.ascontiguousarray(ph.cost[cols], dtype=np.float64))  # fmt: skip
        h.setOptionValue("mip_rel_gap", ph.sec_gap * MILP_GAP / SECONDARY_GAP)
        if len(store) > kept.cuts_seen:
            problem = ph.pool.problem(cols)
            fresh = [_cut_row(problem, c) for c in store[kept.cuts_seen :]]
            _add_cut_rows(h, [r for r in fresh if r is not None])
    else:
        cut_rows: list[Cut | None] = []
        if store:
            problem = ph.pool.problem(cols)
            cut_rows = [_cut_row(problem, c) for c in store]
        model = _model(ph, cols, [r for r in cut_rows if r is not None])
        integrality = np.zeros(model.c.size)
        integrality[: cols.size if not ph.first else model.c.size] = 1
        if ph.abs_gap is not None:
            h = _highs(model, integrality, 0.0, ph.abs_gap)
        elif ph.first:
            # Phase 1's objective is integral: a bound within 1 of the incumbent proves it.
            h = _highs(model, integrality, 0.0, 1.0 - 1e-6)
        else:
            h = _highs(model, integrality, ph.sec_gap * MILP_GAP / SECONDARY_GAP, None)
        if kept_key is not None:
            kept = ph.st.kept[kept_key] = Kept(h, len(store))
    if kept is not None:
        kept.cuts_seen = len(store)
    start: FloatArray | None = None
    if seed:
        local = np.flatnonzero(np.isin(cols, np.array(seed, dtype=np.int64)))
        if local.size == len(seed):
            start = np.zeros(cols.size)
            start[local] = 1.0
    n_int = None if ph.first else int(cols.size)  # integer columns: all, or the x's
    # The budget / deadline rows: cover inequalities on them (planner_covers) before the
    # branch and bound (valid for every plan and objective: exactness is kept); deleted
    # again when the branch and bound hands the model to HiGHS's MIP.
    knapsacks = _knapsacks(ph.pool, cols) if ph.abs_gap is None else []
    added = 0

    def lazy(x: FloatArray) -> int:
        """Ordering cuts inside the branch and bound (planner_bnb's lazy rows): the cuts
        for an integral point whose chosen set cannot be ordered, added to `h` and the
        store; 0 when it can (or the cut budget is spent: the point then comes back as the
        B&B's answer and the loop below handles it as before)."""
        nonlocal added, problem
        if added > MAX_CUTS * 4:
            return 0
        picked = np.flatnonzero(x[: cols.size] > 0.5).tolist()
        placed_l, stuck_l = order(ph.pool.problem(cols[picked]), list(range(len(picked))))
        if not stuck_l:
            return 0
        return add_cuts([picked[i] for i in placed_l], [picked[i] for i in stuck_l])

    def add_cuts(placed: list[int], stuck: list[int]) -> int:
        """The ordering cuts of a stuck set, into `h` and the plan's cut store."""
        nonlocal added, problem
        if problem is None:
            problem = ph.pool.problem(cols)
        found = _cuts(problem, placed, stuck)
        store.extend(
            (tuple(int(cols[k]) for k in members), tuple(pairs)) for members, pairs in found
        )
        _add_cut_rows(h, [_row(problem, members, pairs) for members, pairs in found])
        if kept is not None:
            kept.cuts_seen = len(store)
        added += len(found)
        return len(found)

    while added <= MAX_CUTS * 4:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            return None
        h.setOptionValue("time_limit", remaining)
        relaxed = _integral_relaxation(h, n_int)
        proved: Proved | None = None
        if not relaxed:
            n_col = int(h.getNumCol())
            if (
                n_col <= BNB_MAX_COLS
                and not ph.bnb_failed
                and h.getModelStatus() == highspy.HighsModelStatus.kOptimal
            ):
                first_cover = int(h.getNumRow())
                n_covers = strengthen(h, knapsacks) if knapsacks else 0
                if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
                    proved = branch_and_bound(h, n_col if n_int is None else n_int, deadline,
                                              lazy)  # fmt: skip
                    ph.bnb_failed = proved is None
                    if escalate and proved is None:
                        return None
                if proved is None and n_covers:
                    # HiGHS's MIP ran slower with them (its own cuts do the same work); the
                    # ordering cuts added in the branch and bound, after them, stay.
                    h.deleteRows(n_covers, np.arange(first_cover, first_cover + n_covers,
                                                     dtype=np.int32))  # fmt: skip
            if proved is None:
                if start is not None:
                    h.setSolution(int(cols.size), np.arange(cols.size, dtype=np.int32), start)
                _run(h)
        if proved is not None:
            x = proved.x
        else:
            sol = h.getSolution()
            if not sol.value_valid:
                return None
            x = np.asarray(sol.col_value)
        chosen = np.flatnonzero(x[: cols.size] > 0.5).tolist()
        placed_c, stuck_c = order(ph.pool.problem(cols[chosen]), list(range(len(chosen))))
        placed = [chosen[i] for i in placed_c]
        stuck = [chosen[i] for i in stuck_c]
        if not stuck:
            if proved is not None:
                optimal, value, dual = True, proved.value, proved.bound
            else:
                info = h.getInfo()
                optimal = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
                value = float(info.objective_function_value)
                # An integral LP optimum is the MIP's optimum: its bound is its own value.
                dual = value if relaxed else float(info.mip_dual_bound)
            out = ([int(cols[k]) for k in placed], value, added, optimal, dual)
            if optimal:
                ph.solved[key] = out
            return out
        add_cuts(placed, stuck)
    return None


def _knapsacks(pool: Pool, cols: IntArray) -> list[Knapsack]:
    """The budget and deadline rows over the shortlist's x columns (the model's first)."""
    out: list[Knapsack] = []
    if pool.budget is not None:
        out.append((np.nan_to_num(pool.cost[cols]), float(pool.budget)))
    if pool.hours_cap is not None:
        out.append((np.nan_to_num(pool.hours[cols]), float(pool.hours_cap)))
    return out


def _row(problem: Problem, members: list[int], pairs: list[tuple[str, int]]) -> Cut:
    """sum_{c in S} x_c <= |S| - 1 + sum of the outside suppliers of the members' pairs."""
    inside = set(members)
    row: dict[int, float] = {k: 1.0 for k in members}
    for pair in pairs:
        for p in problem.providers.get(pair, []):
            if p not in inside:
                row[p] = -1.0
    return row, float(len(members) - 1)


def _cut_row(problem: Problem, cut: PoolCut) -> Cut | None:
    """A stored cut on this shortlist (None when a member is not in it: the cut cannot bind)."""
    local = np.searchsorted(problem.pool_ids, np.array(cut[0], dtype=np.int64))
    if np.any(local >= problem.pool_ids.size) or np.any(
        problem.pool_ids[np.minimum(local, problem.pool_ids.size - 1)] != np.array(cut[0])
    ):
        return None
    return _row(problem, local.tolist(), list(cut[1]))


def _cuts(
    problem: Problem, placed: list[int], stuck: list[int]
) -> list[tuple[list[int], list[tuple[str, int]]]]:
    """Ordering cuts (members, one unmet assumption each) for a stuck set: one per cycle found
    by following, from each stuck course, its first unmet assumption to a stuck supplier
    (smaller sets cut harder), and one for the whole set."""
    levels = dict(problem.known)
    for k in placed:
        for s, v in problem.levels.get(k, {}).items():
            levels[s] = max(levels.get(s, 0), v)
    in_s = set(stuck)
    need_of: dict[int, tuple[str, int]] = {}
    for k in stuck:
        for s, la in problem.needs.get(k, {}).items():
            if levels.get(s, 0) < la:
                need_of[k] = (s, la)
                break
    out = [(list(stuck), [need_of[k] for k in stuck])]
    used: set[int] = set()
    for start in stuck:
        path: list[int] = []
        k = start
        while k not in path and k not in used:
            path.append(k)
            nxt = [p for p in problem.providers.get(need_of[k], []) if p in in_s and p != k]
            if not nxt:
                break
            k = nxt[0]
        if k in path:
            cycle = path[path.index(k) :]
            if len(cycle) < len(stuck):
                out.append((cycle, [need_of[c] for c in cycle]))
        used.update(path)
    return out


@dataclass
class PhaseResult:
    placed: list[int]
    value: float  # objective of the placed plan
    bound: float  # proved lower bound on the phase objective over the whole pool
    exact: bool
    cuts: int
    shortlist: list[int]
    rounds: int


def _run_phase(ph: Phase, seed: list[int], deadline: float) -> PhaseResult | None:
    """Shortlist, column generation, MILP, proof; repeated until the proof holds. A pool of
    at most DIRECT_MAX courses is its own shortlist: one MILP, nothing left to price."""
    if ph.pool.size <= DIRECT_MAX:
        every = np.arange(ph.pool.size, dtype=np.int64)
        solved = _milp(ph, every, deadline, seed or None)
        if solved is None:
            return None
        placed, value, cuts, optimal, dual = solved
        # Phase 1's objective is integral and its absolute gap below 1: optimal is exact.
        bound = value if optimal and ph.first else dual
        return PhaseResult(placed, value, bound, optimal, cuts, every.tolist(), 1)
    position = _positions(ph)
    in_s = _shortlist(ph, seed, position)
    rounds = 0
    best: PhaseResult | None = None
    # Phase 1: when the branch and bound gives up on the shortlist, its LP gap is wide, and
    # the proof then fails for most of the pool (whose reduced costs are near 0 against a gap
    # of units): seeds 10 and 16 of the generated 20k catalog solved a 250-course shortlist,
    # then 950 / 843 of the 987 / 877 pool courses. So the whole pool is solved instead (an
    # exact MILP on it, nothing to prove), within ESCALATE_SECONDS: a pool whose MILP takes
    # longer (seed 24's: seconds) goes back to the shortlist (`shortlist_again`).
    escalate = ph.first and ph.pool.size <= ESCALATE_MAX
    shortlist_again: npt_bool | None = None
    target_checked = ph.target is None
    incumbent: float | None = None  # phase 1: the target check's shortlist optimum
    while rounds < MAX_ROUNDS:
        if time.perf_counter() > deadline:
            return best
        rounds += 1
        cols = np.flatnonzero(in_s)
        if cols.size == ph.pool.size:  # the whole pool: nothing outside it to prove against
            seed_now = best.placed if best is not None else seed
            if shortlist_again is None:
                solved = _milp(ph, cols, deadline, seed_now)
            else:
                limit = min(deadline, time.perf_counter() + ESCALATE_SECONDS)
                solved = _milp(ph, cols, limit, seed_now)
                if solved is None or not solved[3]:
                    in_s, shortlist_again = shortlist_again, None
                    continue
            if solved is None:
                return best
            placed, value, cuts, optimal, dual = solved
            bound = value if optimal and ph.first else dual
            return PhaseResult(placed, value, bound, optimal, cuts, cols.tolist(), rounds)
        if not target_checked:
            # Phase 1 often reaches the reachable levels on the shortlist: nothing to prove.
            direct = _milp(ph, cols, deadline, seed, escalate)
            if direct is None and escalate and ph.bnb_failed:
                escalate, shortlist_again = False, in_s.copy()
                in_s[:] = True
                continue
            target_checked = True
            if direct is not None and ph.target is not None and direct[1] <= ph.target + EPS:
                placed, value, cuts, optimal, _dual = direct
                return PhaseResult(placed, value, value, optimal, cuts, cols.tolist(), rounds)
            incumbent = direct[1] if direct is not None else None
        model = _model(ph, cols, [])
        lp = _lp(model, deadline)
        if lp is None:
            return best  # the shortlist cannot meet the phase's requirement, or time is up
        pricing = _price(ph, model, lp[1])
        outside = ~in_s
        negative = outside & (pricing.rc < -EPS)
        if negative.any():
            cand = np.flatnonzero(negative)
            if cand.size > PRICING_BATCH:
                cand = cand[np.argpartition(pricing.rc[cand], PRICING_BATCH - 1)[:PRICING_BATCH]]
            in_s[cand] = True
            _close(ph, in_s, position)
            continue
        if escalate and _doomed(ph, cols, pricing, outside, incumbent):
            escalate, shortlist_again = False, in_s.copy()
            in_s[:] = True
            continue
        # The previous round's plan is still feasible: it seeds HiGHS as an incumbent.
        solved = _milp(ph, cols, deadline, best.placed if best is not None else seed, escalate)
        if solved is None and escalate and ph.bnb_failed:
            escalate, shortlist_again = False, in_s.copy()
            in_s[:] = True
            continue
        if solved is None:
            return best
        placed, value, cuts, optimal, dual = solved
        slack = (1.0 - 1e-6) if ph.first else ph.sec_gap * max(abs(value), 1e-9)
        reach = pricing.bound + np.maximum(0.0, pricing.rc)
        failing = outside & (reach < value - slack)
        bound = min(pricing.bound, value) if failing.any() else value
        if not failing.any() and not ph.first:
            # Phase 2's bound: the shortlist MILP's own gap, and the outside courses'.
            bound = min(dual, float(reach[outside].min()) if outside.any() else dual)
        best = PhaseResult(placed, value, bound, optimal and not failing.any(), cuts,
                           cols.tolist(), rounds)  # fmt: skip
        if not failing.any():
            return best
        in_s |= failing
        _close(ph, in_s, position)
    return best


def _doomed(
    ph: Phase, cols: IntArray, pricing: Pricing, outside: npt_bool, incumbent: float | None
) -> bool:
    """Phase 1: whether the shortlist's proof would fail for most of the pool even before
    its MILP is solved: at the value of a plan already found (the MILP can only do better,
    but rarely does by the whole LP gap), more than DOOMED_SHARE of the outside courses
    fail the Lagrangian test. Then the whole pool is solved at once (`_run_phase`); a
    shortlist MILP first would end in a branch and bound giving up (20k learner 10: 245
    courses, 23 ms, then 950 of 987 failing)."""
    if incumbent is None or cols.tobytes() in ph.solved or not outside.any():
        return False
    reach = pricing.bound + np.maximum(0.0, pricing.rc[outside])
    failing = int((reach < incumbent - (1.0 - 1e-6)).sum())
    return failing > DOOMED_SHARE * int(outside.sum())


def _combined(pool: Pool, st: Structure, sec: FloatArray, deadline: float) -> PhaseResult | None:
    """Both phases in one MILP on a small pool: minimise -PRIMARY + eps * SECONDARY with
    eps = 1 / (1 + sum of every course's secondary), so that any plan's eps * SECONDARY < 1
    and one more PRIMARY unit outweighs any secondary. With an absolute gap below eps / 2 the
    incumbent's PRIMARY is optimal (a plan with one unit less is at least eps worse); its
    SECONDARY is within (gap / eps) of the best among plans reaching that PRIMARY, reported.
    Measured faster than two solves on most constrained plans (one model, no PRIMARY row).
    None when no proved solution came in time (the caller runs the two phases)."""
    eps = 1.0 / (1.0 + float(sec.sum()))
    ph = Phase(pool, st, eps * sec, None, sec, abs_gap=0.5 * eps)
    every = np.arange(pool.size, dtype=np.int64)
    solved = _milp(ph, every, deadline)
    if solved is None or not solved[3]:
        return None
    placed, value, cuts, _optimal, dual = solved
    s = float(sec[np.array(placed, dtype=np.int64)].sum()) if placed else 0.0
    lower = s - max(0.0, value - dual) / eps
    exact = s - lower <= SECONDARY_GAP * max(abs(s), 1e-9)
    return PhaseResult(placed, s, lower, exact, cuts, every.tolist(), 1)


def _phase_one(
    pool: Pool, st: Structure, sec: FloatArray, reach_total: int, deadline: float
) -> PhaseResult | None:
    """Phase 1 on the courses no other one beats on reach, assumptions and the use of the
    budget and deadline (planner_dominance.coverage_scalars); the result in pool numbers."""
    ids = undominated(pool, coverage_scalars(pool))
    if ids.size == pool.size:
        sub, sub_st = pool, st
    else:
        sub = pool.restrict(ids)
        sub_st = structure(sub)
    ph = Phase(sub, sub_st, np.zeros(sub.size), None, phase_one_rank(sub, sec[ids]),
               target=-float(reach_total))  # fmt: skip
    out = _run_phase(ph, [], deadline)
    if out is None or sub is pool:
        return out
    back = ids.tolist()
    return replace(
        out,
        placed=[back[k] for k in out.placed],
        shortlist=[back[k] for k in out.shortlist],
    )


# ---------------------------------------------------------------- both phases


def phase_one_rank(pool: Pool, sec: FloatArray) -> FloatArray:
    """Shortlist preference for coverage under the budget / deadline: their use, then sec."""
    rank = 1e-3 * sec / max(float(sec.max()), 1e-9) if sec.size else sec.copy()
    if pool.budget is not None:
        rank = rank + np.nan_to_num(pool.cost) / max(pool.budget, 1e-9)
    if pool.hours_cap is not None:
        rank = rank + np.nan_to_num(pool.hours) / max(pool.hours_cap, 1e-9)
    return rank


EXACT_SHARE = 0.7  # of the time limit, for the exact search (see `solve`)


def solve(
    pool: Pool, objective: str, time_limit: float, st: Structure | None = None,
    sec: FloatArray | None = None, reuse: Solution | None = None,
) -> Solution:  # fmt: skip
    """Both phases (module docstring). `reuse`: a MILP solution of another objective on the
    same pool, whose coverage phase carries over (phase 1 does not depend on the objective)
    and whose plan seeds phase 2 as an incumbent."""
    started = time.perf_counter()
    sec_all = secondary(pool, objective) if sec is None else sec
    if pool.size == 0 or not pool.gaps:
        return Solution([], 0, "milp", "nothing to choose", True, 0.0, 0.0)
    st = structure(pool) if st is None else st
    reach_total = round(float(st.units[st.reach_ok].sum()))
    if time_limit <= 0:
        return greedy_solution(pool, st, sec_all, started, "greedy requested", reach_total)
    # The exact search gets most of the limit; the rest is kept for the greedy fallback and
    # model building, so a plan that hits the limit still returns close to it.
    deadline = started + time_limit * EXACT_SHARE
    rounds = 0
    cuts = 0
    best = reach_total
    bound = float(reach_total)
    seed: list[int] = []
    second: PhaseResult | None = None
    coverage_known = False
    if reuse is not None and reuse.method == "milp" and reuse.bound is not None:
        best, bound, seed = reuse.primary, reuse.bound, list(reuse.chosen)
        ph2 = Phase(pool, st, sec_all, best, sec_all, sec_gap=ALTERNATIVE_GAP)
        second = _run_phase(ph2, seed, deadline)
        if second is None:
            return Solution(seed, reuse.primary, "milp", "time limit; secondary not optimised",
                            reuse.exact, bound, time.perf_counter() - started)  # fmt: skip
    elif pool.budget is None and pool.hours_cap is None:
        # Phase 1 needs no solve (module docstring), unless program overlaps get in the way.
        second = _run_phase(Phase(pool, st, sec_all, best, sec_all), seed, deadline)
    elif pool.size <= DIRECT_MAX:
        combined = _combined(pool, st, sec_all, deadline)
        if combined is not None:
            coverage_known = True
            rounds, cuts = 1, combined.cuts
            best = pool_primary(pool, combined.placed)
            bound, seed = float(best), combined.placed
            if combined.exact:
                second = combined
            else:  # coverage proved; the tie-break not yet within its gap
                second = _run_phase(Phase(pool, st, sec_all, best, sec_all), seed, deadline)
    if second is None and not coverage_known:
        first = _phase_one(pool, st, sec_all, reach_total, deadline)
        if first is None:
            return greedy_solution(pool, st, sec_all, started, "time limit", reach_total)
        rounds += first.rounds
        cuts += first.cuts
        best = round(-first.value)
        bound = float(np.floor(-first.bound + 1e-6))
        seed = first.placed
        if not first.exact:
            fallback = greedy_solution(pool, st, sec_all, started, "time limit", reach_total)
            if fallback.primary > best:
                fallback.bound = bound
                fallback.exact = fallback.primary >= bound
                return fallback
        second = _run_phase(Phase(pool, st, sec_all, best, sec_all), seed, deadline)
    exact1 = best >= bound
    if second is None:
        chosen = seed
        status = ("optimal" if exact1 else "time limit") + "; secondary not optimised"
        sec_gap = None
        shortlist = seed
    else:
        rounds += second.rounds
        cuts += second.cuts
        chosen = second.placed
        status = (
            "optimal"
            if exact1 and second.exact
            else "time limit"
            if not exact1
            else ("optimal coverage; secondary within its proved gap")
        )
        sec_gap = max(0.0, (second.value - second.bound) / max(abs(second.value), 1e-9))
        shortlist = second.shortlist
    value = pool_primary(pool, chosen)
    return Solution(
        chosen=chosen,
        primary=value,
        method="milp",
        status=status,
        exact=exact1 and value >= best,
        bound=bound,
        seconds=time.perf_counter() - started,
        cuts=cuts,
        candidates=len(shortlist),
        secondary_gap=sec_gap,
        shortlist=shortlist,
        rounds=rounds,
    )


# ---------------------------------------------------------------- greedy fallback


def greedy_solution(
    pool: Pool, st: Structure, sec: FloatArray, started: float, status: str, reach_total: int
) -> Solution:
    ph = Phase(pool, st, sec, 0, sec)
    sub = np.flatnonzero(_shortlist(ph, [], _positions(ph)))
    problem = pool.problem(sub)
    chosen = [int(sub[k]) for k in greedy(problem, sec[sub])]
    local = {int(p): k for k, p in enumerate(sub)}
    value = primary_of(problem, [local[c] for c in chosen])
    bound = float(reach_total)
    return Solution(
        chosen=chosen,
        primary=value,
        method="greedy",
        status=status,
        exact=value >= bound,
        bound=bound,
        seconds=time.perf_counter() - started,
        candidates=int(sub.size),
        shortlist=sub.tolist(),
    )


def greedy(problem: Problem, sec: FloatArray) -> list[int]:
    units = gain_units(problem)
    need = {g.skill: g.need for g in problem.gaps}
    levels = dict(problem.known)
    chosen: list[int] = []
    taken: set[int] = set()
    blocked: set[int] = set()
    budget = problem.budget
    hours_left = problem.hours_cap
    partners: dict[int, list[int]] = {}
    for a, b in problem.exclusive:
        partners.setdefault(a, []).append(b)
        partners.setdefault(b, []).append(a)

    def ready(k: int) -> bool:
        return all(levels.get(s, 0) >= la for s, la in problem.needs.get(k, {}).items())

    def gain(bundle: list[int]) -> int:
        lv = dict(levels)
        for k in bundle:
            for s, v in problem.levels.get(k, {}).items():
                lv[s] = max(lv.get(s, 0), v)
        return sum(
            units[s] * (min(lv.get(s, 0), need[s]) - min(levels.get(s, 0), need[s])) for s in need
        )

    def fits(bundle: list[int]) -> bool:
        if len(set(bundle)) < len(bundle) or any(k in taken or k in blocked for k in bundle):
            return False
        if any(p in bundle for k in bundle for p in partners.get(k, [])):
            return False
        if budget is not None and float(np.nansum(problem.cost[bundle])) > budget + 1e-9:
            return False
        return hours_left is None or float(np.nansum(problem.hours[bundle])) <= hours_left + 1e-9

    while True:
        best: tuple[float, list[int]] | None = None
        for k in range(problem.size):
            if k in taken or k in blocked:
                continue
            bundle = [k]
            if not ready(k):
                suppliers: list[int] = []
                for s, la in problem.needs.get(k, {}).items():
                    if levels.get(s, 0) >= la:
                        continue
                    options = [
                        p
                        for p in problem.providers.get((s, la), [])
                        if p != k and p not in taken and p not in blocked and ready(p)
                    ]
                    if not options:
                        suppliers = []
                        break
                    suppliers.append(min(options, key=lambda p: (sec[p], p)))
                if not suppliers:
                    continue
                bundle = [*dict.fromkeys(suppliers), k]
            g = gain(bundle)
            if g <= 0 or not fits(bundle):
                continue
            ratio = g / float(sec[bundle].sum())
            if best is None or ratio > best[0]:
                best = (ratio, bundle)
        if best is None:
            break
        for k in best[1]:
            chosen.append(k)
            taken.add(k)
            blocked.update(partners.get(k, []))
            for s, v in problem.levels.get(k, {}).items():
                levels[s] = max(levels.get(s, 0), v)
            if budget is not None:
                budget -= float(np.nan_to_num(problem.cost[k]))
            if hours_left is not None:
                hours_left -= float(np.nan_to_num(problem.hours[k]))
    return drop_redundant(problem, chosen)


def drop_redundant(problem: Problem, chosen: list[int]) -> list[int]:
    """Remove courses whose removal keeps the primary and the ordering (most expensive first),
    in passes until none goes: removing one can free another checked before it (a supplier
    whose only dependant went later)."""
    current = list(chosen)
    value = primary_of(problem, current)
    changed = True
    while changed:
        changed = False
        for k in sorted(current, key=lambda k: -problem.plan_hours[k]):
            trial = [c for c in current if c != k]
            placed, stuck = order(problem, trial)
            if not stuck and primary_of(problem, trial) >= value:
                current = placed
                changed = True
    placed, _stuck = order(problem, current)
    return placed
