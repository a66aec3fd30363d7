"""The pace model's hours (engine.pace.estimate_hours) for many catalog rows at once.

The planner asks for the hours of every discovered candidate (a thousand per real-catalog
plan); per course that is a Python loop over its skills and an estimate object each. Here
the known share and readiness come from the planner index's sparse level matrices, with the
same arithmetic in the same order, so every figure equals `estimate_hours(...).hours`
exactly (tests/engine/test_pace_rows.py). Programs and courses with a zero-level skill entry
go through `estimate_hours` itself (a program may be summed from its parts), memoised on the
only learner data it reads: the known levels of the skills the course and its parts teach or
assume (most learners hold none of a given program's skills, so they share one figure).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from coursestack.domain import Course, Level, PaceProfile
from coursestack.engine.context import AdvisorContext
from coursestack.engine.effort_prior import typical_for
from coursestack.engine.pace import (
    KNOWN_SKIP,
    PACE_FACTORS,
    estimate_hours,
    schedule_share,
    video_figure,
)
from coursestack.engine.planner_index import FloatArray, IntArray, PlannerIndex, row_entries

BoolArray = npt.NDArray[np.bool_]
MEMO_MAX = 50_000  # memoised program figures per catalog (about 10 MB at most)


@dataclass(frozen=True)
class _Static:
    """What the estimate needs of each index row that no learner changes."""

    base: FloatArray  # listed hours, else the typical effort of comparable courses; NaN
    video: BoolArray  # pace.video_figure of each row: its share is 1, not the learner's
    assumes_any: BoolArray  # the course assumes something (catch-up time applies)
    by_course: BoolArray  # a program, or a zero-level skill entry: estimate_hours itself
    relevant: dict[int, tuple[str, ...]]  # by_course row -> the skills its estimate reads
    # (row, pace, met, the learner's schedule share, levels) -> hours
    memo: dict[tuple[int, PaceProfile, bool, float, tuple[int, ...]], float]


_STATIC: dict[int, tuple[weakref.ref[PlannerIndex], weakref.ref[AdvisorContext], _Static]] = {}
_LOCK = threading.Lock()


def _static(index: PlannerIndex, ctx: AdvisorContext) -> _Static:
    """Built once per (index, context) — a pass over the catalog — and kept while both live."""
    key = id(index)
    with _LOCK:
        hit = _STATIC.get(key)
        if hit is not None and hit[0]() is index and hit[1]() is ctx:
            return hit[2]
    base = index.listed_hours.copy()
    video = np.zeros(index.size, dtype=bool)
    assumes_any = np.zeros(index.size, dtype=bool)
    by_course = np.zeros(index.size, dtype=bool)
    relevant: dict[int, tuple[str, ...]] = {}
    for r, cid in enumerate(index.ids):
        course = ctx.courses[cid]
        if course.parts or 0 in course.teaches.values() or 0 in course.assumes.values():
            by_course[r] = True
            relevant[r] = tuple(sorted(_skills_read(course, ctx)))
            continue
        assumes_any[r] = bool(course.assumes)
        # the whole figure, as estimate_hours takes it: a video length (listed, or the median
        # of video lengths assumed), or a course teaching and assuming no tracked skill
        video[r] = video_figure(course) or not (course.teaches or course.assumes)
        if np.isnan(base[r]):
            typical = typical_for(course, ctx.typical_effort)
            if typical is not None:
                base[r] = typical.hours
                video[r] = video[r] or typical.video
    built = _Static(base, video, assumes_any, by_course, relevant, {})
    with _LOCK:
        for stale in [k for k, (i, c, _s) in _STATIC.items() if i() is None or c() is None]:
            del _STATIC[stale]
        _STATIC[key] = (weakref.ref(index), weakref.ref(ctx), built)
    return built


def hours_for_rows(
    index: PlannerIndex,
    ctx: AdvisorContext,
    rows: IntArray,
    known: Mapping[str, Level],
    pace: PaceProfile = PaceProfile.STANDARD,
    *,
    prerequisites_met: bool = False,
    background: float | None = None,
) -> FloatArray:
    """`estimate_hours(course, known, pace, ctx, prerequisites_met=..., background=...).hours`
    for each index row (NaN for None); the planner passes prerequisites_met=True (no catch-up
    in a plan)."""
    if rows.size == 0:
        return np.full(0, np.nan)
    static = _static(index, ctx)
    base = static.base[rows]
    assumes_any = static.assumes_any[rows]
    known_vec = index.level_vector(known)
    known_share = _held_share(index.material_rows, rows, known_vec)
    if prerequisites_met:
        readiness = np.ones(rows.size)
    else:
        readiness = np.where(assumes_any, _held_share(index.assumes, rows, known_vec), 1.0)
    factor = PACE_FACTORS[pace]
    sched = schedule_share(known, background)
    share = np.where(static.video[rows], 1.0, sched)
    core = base * share * (1.0 - KNOWN_SKIP * known_share)
    catch_up = np.where(assumes_any, base * (1.0 - sched) * (1.0 - readiness), 0.0)
    out: FloatArray = core * factor.mid + catch_up
    for k in np.flatnonzero(static.by_course[rows]).tolist():
        row = int(rows[k])
        levels = tuple(int(known.get(s, 0)) for s in static.relevant[row])
        key = (row, pace, prerequisites_met, sched, levels)
        hours = static.memo.get(key)
        if hours is None:
            course = ctx.courses[index.ids[row]]
            figure = estimate_hours(
                course, known, pace, ctx, explain=False, prerequisites_met=prerequisites_met,
                background=background,
            ).hours  # fmt: skip
            hours = np.nan if figure is None else figure
            if len(static.memo) >= MEMO_MAX:
                static.memo.clear()  # a bound on memory, not an eviction policy
            static.memo[key] = hours
        out[k] = hours
    return out


def _skills_read(course: Course, ctx: AdvisorContext) -> set[str]:
    """Every skill whose known level `estimate_hours(course, ...)` can read: what the course
    and, recursively, its parts teach or assume."""
    out: set[str] = set()
    seen: set[str] = set()
    todo = [course]
    while todo:
        c = todo.pop()
        if c.id in seen:
            continue
        seen.add(c.id)
        out |= set(c.teaches) | set(c.assumes)
        todo.extend(p for pid in c.parts if (p := ctx.courses.get(pid)) is not None)
    return out


def _held_share(m: sparse.csr_matrix, rows: IntArray, known_vec: IntArray) -> FloatArray:
    """pace.held_share per row: sum min(held, level) / sum level over the row's entries."""
    pos, cols, vals = row_entries(m, rows)
    level = vals.astype(np.int64)
    total = np.bincount(pos, weights=level, minlength=rows.size)
    held = np.bincount(pos, weights=np.minimum(known_vec[cols], level), minlength=rows.size)
    share = np.zeros(rows.size)
    np.divide(held, total, out=share, where=total > 0)
    return share
