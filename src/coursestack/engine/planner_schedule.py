"""The calendar: chosen courses laid out at the learner's weekly hours, on up to two tracks.

Rule (list scheduling, non-preemptive, work-conserving):
- A course is *ready* once, for each of its prerequisites the learner does not meet, one
  chosen course supplying it has finished.
- A second track opens only when the learner's week allows MIN_TRACK_HOURS on each track
  (hours_per_week >= 2 x MIN_TRACK_HOURS); otherwise courses run one after another.
- Whenever a track is free, it takes the first ready course in prerequisite order. The week's
  hours are split evenly among the courses running (one course: all of them), so the learner
  never idles while a course is ready, and the calendar's length is total hours / weekly hours.
- Weeks are rounded to the nearest half week for display; rounding is monotone, so a course
  never appears to start before a supplier of its prerequisites ends.
"""

from __future__ import annotations

from dataclasses import dataclass

from coursestack.engine.planner_candidates import Problem

MIN_TRACK_HOURS = 4.0
EPS = 1e-9


@dataclass(frozen=True)
class Slot:
    k: int  # candidate number
    start: float  # weeks, rounded to 0.5
    end: float
    track: int


def half_weeks(x: float) -> float:
    return round(x * 2.0) / 2.0


def schedule(problem: Problem, placed: list[int]) -> list[Slot]:
    """Start, end and track of each placed course (see the module rule)."""
    hpw = problem.learner.hours_per_week
    tracks = 2 if hpw >= 2 * MIN_TRACK_HOURS else 1
    chosen = set(placed)
    waits: dict[int, list[list[int]]] = {}
    for k in placed:
        groups = []
        for s, la in problem.needs.get(k, {}).items():
            if problem.known.get(s, 0) >= la:
                continue
            groups.append([p for p in problem.providers.get((s, la), []) if p in chosen and p != k])
        waits[k] = groups
    remaining = {k: float(problem.plan_hours[k]) for k in placed}
    pending = list(placed)
    running: dict[int, int] = {}
    started: dict[int, float] = {}
    finished: dict[int, float] = {}
    track_of: dict[int, int] = {}
    now = 0.0
    while pending or running:
        free = [t for t in range(tracks) if t not in running.values()]
        for k in list(pending):
            if not free:
                break
            if all(any(p in finished for p in group) for group in waits[k]):
                pending.remove(k)
                running[k] = track_of[k] = free.pop(0)
                started[k] = now
        if not running:  # nothing ready: the solver's ordering cuts prevent this
            raise ValueError("courses cannot be ordered by their prerequisites")
        rate = hpw / len(running)
        step = min(remaining[k] / rate for k in running)
        now += step
        for k in list(running):
            remaining[k] -= step * rate
            if remaining[k] <= EPS * max(1.0, float(problem.plan_hours[k])):
                finished[k] = now
                del running[k]
    return [Slot(k, half_weeks(started[k]), half_weeks(finished[k]), track_of[k]) for k in placed]
