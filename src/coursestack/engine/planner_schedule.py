"""The calendar: chosen courses laid out at the learner's weekly hours, on up to two tracks.

Rule (list scheduling, non-preemptive, work-conserving):
- A course is *ready* once, for each of its prerequisites the learner does not meet, one
  chosen course supplying it has finished, and the steps it waits for by the taxonomy have
  finished (`taxonomy_waits`: a step teaching what its skills rest on — LLM applications
  under RAG, Python under scikit-learn — goes first, even where the catalog lists no
  prerequisite; kept acyclic, and relaxed only when nothing else could run).
- A second track opens only when the learner's week allows MIN_TRACK_HOURS on each track
  (hours_per_week >= 2 x MIN_TRACK_HOURS); otherwise courses run one after another.
- Whenever a track is free, it takes the ready course of highest priority: first the courses
  that supply a prerequisite of another step (they unblock the rest), then the foundations
  (`foundations`: a step teaching a skill the taxonomy puts under what another step teaches —
  Python under machine learning — even where the catalog lists no prerequisite: a non-coder's
  plan started with a project-management course and reached Python in week 8), then the most
  goal value per hour (weighted coverage gained / hours), so what matters most is learnt first
  and a plan cut short still holds its best part. The week's hours are split evenly among the
  courses running (one course: all of them), so the learner never idles while a course is
  ready, and the calendar's length is total hours / weekly hours.
- Weeks are rounded to a tenth of a week for display; rounding is monotone, so a course never
  appears to start before a supplier of its prerequisites ends.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from coursestack.engine.planner_candidates import Problem
from coursestack.engine.taxonomy import Taxonomy

MIN_TRACK_HOURS = 4.0
EPS = 1e-9


@dataclass(frozen=True)
class Slot:
    k: int  # candidate number
    start: float  # weeks, rounded to 0.1
    end: float
    track: int


def half_weeks(x: float) -> float:
    """Display rounding (a tenth of a week; the name is kept for callers)."""
    return round(x * 10.0) / 10.0


def _raised(problem: Problem, placed: list[int], taxonomy: Taxonomy) -> dict[int, set[str]]:
    """Per step, the taxonomy skills it raises above the learner."""
    return {
        k: {
            s
            for s, v in problem.levels.get(k, {}).items()
            if v > problem.known.get(s, 0) and s in taxonomy
        }
        for k in placed
    }


def foundations(problem: Problem, placed: list[int], taxonomy: Taxonomy) -> set[int]:
    """The steps teaching, above the learner, a skill in the transitive taxonomy
    prerequisites of a skill another step teaches."""
    raised = _raised(problem, placed, taxonomy)
    under: dict[int, set[str]] = {
        k: taxonomy.closure(sorted(skills)) - skills for k, skills in raised.items()
    }
    return {k for k in placed if any(raised[k] & under[o] for o in placed if o != k)}


def taxonomy_waits(
    problem: Problem,
    placed: list[int],
    taxonomy: Taxonomy,
    waits: Mapping[int, list[list[int]]] | None = None,
) -> dict[int, set[int]]:
    """For each step, the steps it waits for by the taxonomy (a RAG course ran before the
    LLM-apps course it builds on, a scikit-learn course before the Python one: the catalog
    listed no prerequisite). Step o goes before step k when o raises more of the skills k's
    skills rest on (transitive taxonomy prerequisites the learner holds below the level asked)
    than k raises of o's; the strongest such pairs are kept first, each only if it closes no
    cycle with those kept and with the catalog's own single-supplier prerequisites (`waits`),
    so the order always exists."""
    raised = _raised(problem, placed, taxonomy)
    lacking = {k: _lacking(problem, taxonomy, raised[k]) for k in placed}
    edges: dict[int, set[int]] = {k: set() for k in placed}  # o -> the steps after it
    for k, groups in (waits or {}).items():
        for group in groups:
            if len(group) == 1:
                edges[group[0]].add(k)
    pairs = []
    for o in placed:
        for k in placed:
            if o == k:
                continue
            ahead = len(raised[o] & lacking[k])
            behind = len(raised[k] & lacking[o])
            if ahead > behind:
                pairs.append((ahead - behind, ahead, o, k))
    after: dict[int, set[int]] = {k: set() for k in placed}
    for _margin, _ahead, o, k in sorted(pairs, key=lambda t: (-t[0], -t[1], t[2], t[3])):
        if not _reaches(edges, k, o):
            edges[o].add(k)
            after[k].add(o)
    return after


def _lacking(problem: Problem, taxonomy: Taxonomy, skills: set[str]) -> set[str]:
    """The transitive taxonomy prerequisites of `skills` the learner holds below the level
    asked (the skills themselves aside)."""
    out: set[str] = set()
    seen: set[str] = set()
    stack = list(skills)
    while stack:
        for pre, level in taxonomy.prerequisites_of(stack.pop()).items():
            if pre in seen:
                continue
            seen.add(pre)
            stack.append(pre)
            if problem.known.get(pre, 0) < level and pre not in skills:
                out.add(pre)
    return out


def _reaches(edges: Mapping[int, set[int]], start: int, goal: int) -> bool:
    seen = {start}
    stack = [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in edges.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def _priority(
    problem: Problem,
    placed: list[int],
    waits: dict[int, list[list[int]]],
    base: set[int],
    cluster: Mapping[int, int],
) -> dict[int, tuple[int, int, int, float]]:
    """Smaller is sooner: (0 if it supplies another step's prerequisite else 1, 0 if it is a
    foundation (`base`) else 1, the step's `cluster` rank (none: after all ranks),
    -value/hour)."""
    suppliers = {p for groups in waits.values() for group in groups for p in group}
    gap_of = {g.skill: g for g in problem.gaps}
    out: dict[int, tuple[int, int, int, float]] = {}
    last = len(placed)
    for k in placed:
        value = 0.0
        for s, v in problem.levels.get(k, {}).items():
            g = gap_of.get(s)
            if g is None:
                continue
            have = min(problem.known.get(s, 0), g.need)
            if v > have:
                value += g.weight * (min(v, g.need) - have) / g.need
        hours = max(float(problem.plan_hours[k]), 1e-6)
        out[k] = (
            0 if k in suppliers else 1,
            0 if k in base else 1,
            cluster.get(k, last),
            -value / hours,
        )
    return out


def schedule(
    problem: Problem,
    placed: list[int],
    taxonomy: Taxonomy | None = None,
    cluster: Mapping[int, int] | None = None,
    by_taxonomy: bool = True,
    one_track: bool = False,
) -> list[Slot]:
    """Start, end and track of each placed course (see the module rule); without the
    taxonomy, no step counts as a foundation. `cluster` ranks steps to run together after
    the prerequisite suppliers and foundations (steps on one subscription: see
    planner.calendar); unranked steps come after them."""
    hpw = problem.learner.hours_per_week
    tracks = 2 if hpw >= 2 * MIN_TRACK_HOURS and not one_track else 1
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
    after = (
        taxonomy_waits(problem, placed, taxonomy, waits)
        if taxonomy is not None and by_taxonomy
        else {}
    )
    base = foundations(problem, placed, taxonomy) if taxonomy is not None else set()
    priority = _priority(problem, placed, waits, base, cluster or {})
    pending = sorted(placed, key=lambda k: (priority[k], k))
    running: dict[int, int] = {}
    started: dict[int, float] = {}
    finished: dict[int, float] = {}
    track_of: dict[int, int] = {}
    now = 0.0

    def ready(k: int, by_taxonomy: bool) -> bool:
        if not all(any(p in finished for p in group) for group in waits[k]):
            return False
        return not by_taxonomy or all(o in finished for o in after.get(k, ()))

    while pending or running:
        free = [t for t in range(tracks) if t not in running.values()]
        for by_taxonomy in (True, False):
            # the taxonomy's order first; when it leaves nothing to run (two steps building
            # on each other's skills), the catalog's prerequisites alone decide
            for k in list(pending):
                if not free:
                    break
                if ready(k, by_taxonomy):
                    pending.remove(k)
                    running[k] = track_of[k] = free.pop(0)
                    started[k] = now
            if running:
                break
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
