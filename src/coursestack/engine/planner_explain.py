"""Why each step is in the plan, its runner-up, and why the residual gaps stay open.

- A step's gains are counted in calendar order (start, end): what it closes (gap skills brought
  to the needed level) and raises (gap skills raised, still short), from the levels the learner
  holds plus the earlier steps. A step that closes no gap supplies a prerequisite of a later
  step; its `why` names the step and the skill.
- Runner-up: the candidate outside the plan with the largest marginal gain on the skills the
  step alone brings (given the learner and the other steps), ties broken by the plan's own
  secondary cost. The `why` says what decided it: less coverage, more hours, more cost, lower
  rating, the opposite pedagogy, or, for a runner-up that covers as much or more, the
  constraint it breaks (prerequisites missing, a program overlap, budget or deadline).
- A residual gap's reason is the first constraint that blocks every course teaching the skill
  to the needed level: none in the catalog, none whose project exercises the goal (a project
  skill; engine.goal_projects), the platform filter, unknown effort or price,
  a single course over the budget or the deadline, unreachable prerequisites, or the budget
  or deadline left once the plan's other steps are paid for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np

from coursestack.domain import Level, UncoveredGap, Weight
from coursestack.engine.goal_projects import PROJECT_SKILLS, goal_skills, threshold
from coursestack.engine.planner_candidates import (
    BoolArray,
    GapSkill,
    Pool,
    Problem,
    language_mask,
)
from coursestack.engine.planner_index import CERT_GIVEN, CERT_NONE, PlannerIndex, row_entries
from coursestack.engine.planner_milp import gain_units
from coursestack.engine.planner_schedule import Slot
from coursestack.engine.topics import TITLE_ONLY_WORDS, topic_words

NO_COURSE = "no course in the catalog teaches it to the needed level"
# Courses teach the skill, the plan takes it as far as they go, and the need is beyond them
# (applied use, production): "no course teaches Python to the needed level" read as a broken
# catalog beside thousands of Python courses.
NO_COURSE_BEYOND = (
    "courses in the catalog stop short of the needed level: the rest comes from your own "
    "projects and work"
)
OVER_BUDGET = "over budget"
OVER_DEADLINE = "over the deadline"
# some of its courses over the deadline, others over the budget: naming the more frequent one
# told a learner with no budget to extend the deadline, which admitted nothing
OVER_LIMITS = "over the deadline or the budget"
PLATFORM = "excluded by platform filter"
OFF_SUBJECT = (
    "its only courses are about another subject and known by their titles alone (an iOS "
    "course whose title names design patterns): not planned"
)
LANGUAGE = "its courses are taught in languages the learner did not list"
PREREQS = "needs prerequisites no course open to you (languages, platforms, limits) supplies"
UNKNOWN_HOURS = (
    "its courses list no effort (nor do comparable ones), so their time cannot be planned"
)
UNKNOWN_PRICE = "its courses list no price, so the budget cannot be checked"
PROGRAM_OVERLAP = "its course overlaps a program already in the plan"
OFF_GOAL_PROJECT = (
    "no course teaching it exercises this goal's own skills (engine.goal_projects), so none "
    "counts toward the goal"
)
FALLBACK = "the fallback solver (time limit) did not reach it"
# When no course teaches a skill to the needed level, why the plan leaves it short of what
# courses do reach, in words that follow NO_COURSE (an overlap or a pruned prerequisite is
# not named: the reason stays NO_COURSE).
PARTIAL = {
    OVER_BUDGET: "over the budget left",
    OVER_DEADLINE: "over the deadline",
    OVER_LIMITS: "over the deadline or the budget",
    PLATFORM: "on platforms the learner excluded",
    LANGUAGE: "in languages the learner did not list",
    UNKNOWN_PRICE: "without a listed price (the budget cannot be checked)",
    UNKNOWN_HOURS: "without a listed effort (nor comparable courses to estimate it from)",
}
PARTIAL_WORDS = "; the courses raising it part of the way are "
PART_WAY = "; to get part of the way: "  # joins a suggestion and its part-way one


def _levels(known: dict[str, int], problem: Problem, ks: list[int]) -> dict[str, int]:
    out = dict(known)
    for k in ks:
        for s, v in problem.levels.get(k, {}).items():
            if v > out.get(s, 0):
                out[s] = v
    return out


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


class Explainer:
    def __init__(self, problem: Problem, slots: list[Slot], sec: np.ndarray) -> None:
        self.p = problem
        self.slots = sorted(slots, key=lambda sl: (sl.start, sl.end))
        self.sec = sec
        self.chosen = [sl.k for sl in self.slots]
        self.gap_of = {g.skill: g for g in problem.gaps}
        # Dense levels on the gap skills (candidates x gaps), for the vectorised runner-up.
        self.gap_no = {g.skill: i for i, g in enumerate(problem.gaps)}
        self.gap_levels = np.zeros((problem.size, len(problem.gaps)), dtype=np.int64)
        for k, lv in problem.levels.items():
            for s, v in lv.items():
                if s in self.gap_no:
                    self.gap_levels[k, self.gap_no[s]] = v
        units = gain_units(problem)
        self.units = np.array([units[g.skill] for g in problem.gaps], dtype=np.int64)
        self.needs = np.array([g.need for g in problem.gaps], dtype=np.int64)

    def gains(self) -> dict[int, tuple[list[str], dict[str, Level]]]:
        """closes and raises of each step, in calendar order."""
        out: dict[int, tuple[list[str], dict[str, Level]]] = {}
        levels = dict(self.p.known)
        for sl in self.slots:
            closes: list[str] = []
            raises: dict[str, Level] = {}
            for s, v in sorted(self.p.levels.get(sl.k, {}).items()):
                g = self.gap_of.get(s)
                before = levels.get(s, 0)
                if g is None or before >= g.need or v <= before:
                    continue
                if v >= g.need:
                    closes.append(s)
                else:
                    raises[s] = Level(v)
            out[sl.k] = (closes, raises)
            for s, v in self.p.levels.get(sl.k, {}).items():
                levels[s] = max(levels.get(s, 0), v)
        return out

    def why(self, k: int, closes: list[str], raises: dict[str, Level]) -> tuple[str, str | None]:
        p = self.p
        before = _levels(p.known, p, self.chosen[: self.chosen.index(k)])  # earlier steps
        parts: list[str] = []
        if closes:
            parts.append("closes " + _join([self._skill_words(s, before) for s in closes]))
        if raises:
            parts.append(
                "raises "
                + _join([f"{s} to {int(v)} (of {self.gap_of[s].need})" for s, v in raises.items()])
            )
        if not parts:
            parts.append(self._supplies(k))
        runner, verdict = self._runner_up(k)
        if runner is not None:
            parts.append(f"beat runner-up {p.course_id(runner)}: {verdict}")
        elif (closes or raises) and not self._marginal(k):
            # Later steps reach the same levels; this one is there for their prerequisites.
            parts.append("also " + self._supplies(k))
        elif closes or raises:
            parts.append("no other course open to you teaches this")
        if np.isnan(p.hours[k]):
            parts.append(
                f"hours unknown (the catalog lists no effort); the calendar assumes "
                f"{p.plan_hours[k]:.0f} h, the catalog median"
            )
        return "; ".join(parts), None if runner is None else p.course_id(runner)

    def _skill_words(self, s: str, before: dict[str, int]) -> str:
        g = self.gap_of[s]
        return f"{s} ({Weight(g.weight).label}, {before.get(s, 0)}->{g.need})"

    def _supplies(self, k: int) -> str:
        """The prerequisite this step supplies, preferring one no other step supplies."""
        p = self.p
        lv = p.levels.get(k, {})
        found: list[tuple[int, str, int, int]] = []
        for c in self.chosen:
            for s, la in p.needs.get(c, {}).items():
                if c != k and lv.get(s, 0) >= la and p.known.get(s, 0) < la:
                    others = [
                        o
                        for o in self.chosen
                        if o not in (k, c) and p.levels.get(o, {}).get(s, 0) >= la
                    ]
                    found.append((len(others), s, la, c))
        if not found:
            return "prerequisite step"
        _n, s, la, c = min(found, key=lambda t: t[0])
        return f"prerequisite step: supplies {s} at level {la}, which {p.course_id(c)} assumes"

    def _marginal(self, k: int, base: dict[str, int] | None = None) -> list[GapSkill]:
        """Gap skills step k takes further than the learner and every other step do (`base`:
        the levels of the learner and the other steps, when the caller has them)."""
        p = self.p
        if base is None:
            base = _levels(p.known, p, [c for c in self.chosen if c != k])
        return [
            g
            for g in p.gaps
            if min(p.levels.get(k, {}).get(g.skill, 0), g.need) > base.get(g.skill, 0)
        ]

    def _runner_up(self, k: int) -> tuple[int | None, str]:
        p = self.p
        others = [c for c in self.chosen if c != k]
        base = _levels(p.known, p, others)
        skills = self._marginal(k, base)
        if not skills:  # prerequisite step: compare on what it supplies
            return None, ""
        cols = np.array([self.gap_no[g.skill] for g in skills], dtype=np.int64)
        need = self.needs[cols]
        floor = np.minimum(np.array([base.get(g.skill, 0) for g in skills]), need)
        reach = np.minimum(self.gap_levels[:, cols], need[None, :])
        gain = (self.units[cols][None, :] * np.maximum(0, reach - floor[None, :])).sum(axis=1)
        mine = int(gain[k])
        gain[self.chosen] = 0
        cand = np.flatnonzero(gain > 0)
        if not cand.size:
            return None, ""
        r = int(cand[np.lexsort((cand, self.sec[cand], -gain[cand]))[0]])
        return r, self._verdict(k, r, mine, int(gain[r]), base)

    def _verdict(self, k: int, r: int, mine: int, theirs: int, base: dict[str, int]) -> str:
        p = self.p
        if theirs < mine:
            return f"covers less ({theirs / 12:.2g} vs {mine / 12:.2g} weighted levels)"
        lead = "same coverage" if theirs == mine else "covers more"
        blocker = self._blocker(k, r, base)
        if blocker is not None:
            return f"{lead}, but {blocker}"
        if p.topic_pen[r] > p.topic_pen[k]:
            return f"{lead}, but {self._doubt_words(k, r)}"
        dh = float(p.plan_hours[r] - p.plan_hours[k])
        if dh > 0.5:
            return f"{lead}, {dh:.0f} h more"
        # in the prices a step shows (the objective weighs an unstated price at a median)
        dc = float(p.cost[r] - p.cost[k])
        if dc > 0.5:
            return f"{lead}, costs {dc:.0f} more"
        if p.rating_pen[r] > p.rating_pen[k] + 1e-9:
            return f"{lead}, lower rating"
        if p.pedagogy_pen[r] > p.pedagogy_pen[k]:
            return f"{lead}, the pedagogy the learner prefers less"
        return f"{lead}; an equal trade-off, decided by the overall plan"

    def _doubt_words(self, k: int, r: int) -> str:
        """Why runner-up r weighs more than step k in the tie-break (planner_candidates'
        topic penalty): its certificate, for a learner who needs one, else its subject or
        a catalog row holding only its title."""
        p = self.p
        cert = p.index.certificate
        rk, rr = int(p.rows[k]), int(p.rows[r])
        if p.learner.needs_certificate and cert[rr] != cert[rk] and cert[rr] != CERT_GIVEN:
            if cert[rr] == CERT_NONE:
                return "it gives no certificate"
            return "the catalog does not say it gives a certificate"
        return topic_words(p.index.topics, p.course_id(r)) or TITLE_ONLY_WORDS

    def _blocker(self, k: int, r: int, base: dict[str, int]) -> str | None:
        """A constraint the runner-up would break in place of step k, if any."""
        p = self.p
        others = [c for c in self.chosen if c != k]
        missing = [s for s, la in p.needs.get(r, {}).items() if base.get(s, 0) < la]
        if missing:
            return f"it needs {_join(missing)} first"
        for a, b in p.exclusive:
            if (a == r and b in others) or (b == r and a in others):
                return "it overlaps a program or course already in the plan"
        if p.budget is not None:
            spent = float(np.nansum(p.cost[others]))
            if spent + float(np.nan_to_num(p.cost[r])) > p.budget + 1e-9:
                return "it would exceed the budget"
        if p.hours_cap is not None:
            used = float(np.nansum(p.hours[others]))
            if used + float(np.nan_to_num(p.hours[r])) > p.hours_cap + 1e-9:
                return "it would miss the deadline"
        return None


# ---------------------------------------------------------------- residual gaps


def uncovered(
    problem: Problem,
    chosen: list[int],
    method: str,
    category: dict[str, str],
    required: Iterable[str] = (),
    names: Mapping[str, str] | None = None,
    supplied: Mapping[str, int] | None = None,
    title_of: Callable[[str], str] | None = None,
) -> list[UncoveredGap]:
    """The gaps the plan leaves, each with why and what to do instead. `required`: the
    goal's required skills (their non-practice part decides whose projects count); `names`:
    skill names for the suggestions (ids otherwise); `supplied`: the highest level a reachable
    candidate teaches per skill (prerequisites below it are not what blocks a gap);
    `title_of`: a course's title by id, to name the courses whose price to look up."""
    p = problem
    goal = goal_skills(required)
    after = _levels(p.known, p, chosen)
    out: list[UncoveredGap] = []
    for g in p.gaps:
        reached = after.get(g.skill, 0)
        if reached >= g.need:
            continue
        reason = _reason(p, g, chosen, method, goal, reached)
        blocking = _blocking_prerequisites(p, g, supplied or {}) if reason == PREREQS else []
        advice = suggestion(g, reason, category.get(g.skill, ""), blocking, names or {})
        if reason == UNKNOWN_PRICE and title_of is not None:
            unpriced = [title_of(cid) for cid in _unpriced(p, g)]
            if unpriced:  # which prices to look up ('its courses' named none)
                sites = "its site" if len(unpriced) == 1 else "their sites"
                advice = f"check the price of {_join(unpriced)} on {sites}, or a free resource"
        out.append(
            UncoveredGap(
                skill=g.skill,
                have=Level(min(reached, 4)),
                need=Level(g.need),
                reason=reason,
                suggestion=advice,
            )
        )
    return out


UNPRICED_SHOWN = 3  # courses of unknown price named in a residual gap's suggestion


def _unpriced(p: Problem, g: GapSkill) -> list[str]:
    """Ids of the courses teaching the skill to its need that the pool left out for their
    unknown price (the planner's record), cheapest to read first: shortest listed hours."""
    index = p.index
    if g.col < 0:
        return []
    start, end = index.teaches.indptr[g.col], index.teaches.indptr[g.col + 1]
    rows = index.teaches.indices[start:end][index.teaches.data[start:end] >= g.need]
    left = [int(r) for r in rows if p.excluded.why.get(int(r)) == "unknown_price"]
    left.sort(key=lambda r: (np.nan_to_num(index.listed_hours[r], nan=1e9), index.ids[r]))
    return [index.ids[r] for r in left[:UNPRICED_SHOWN]]


BLOCKING_SHOWN = 3  # prerequisites named in a residual gap's suggestion
BLOCKED_BY = "its courses need "  # opens the suggestion naming blocking prerequisites


def _blocking_prerequisites(
    p: Problem, g: GapSkill, supplied: Mapping[str, int]
) -> list[tuple[str, int]]:
    """The prerequisites that keep the skill's teachers (on the learner's platforms, in their
    languages) out of reach: ones the learner lacks and no reachable course teaches to the
    level (`supplied`), most shared first — often a foundation such as algebra that the
    learner never listed."""
    index = p.index
    if g.col < 0:
        return []
    start, end = index.teaches.indptr[g.col], index.teaches.indptr[g.col + 1]
    rows = index.teaches.indices[start:end][index.teaches.data[start:end] >= g.need]
    learner = p.learner
    if learner.platforms is not None:
        allowed = [k for k, name in enumerate(index.platforms) if name in set(learner.platforms)]
        rows = rows[np.isin(index.platform_code[rows], allowed)]
    readable = language_mask(index, learner, rows)
    if readable is not None:
        rows = rows[readable]
    if rows.size == 0:
        return []
    _pos, cols, vals = row_entries(index.assumes, rows.astype(np.int64))
    counts: dict[tuple[str, int], int] = {}
    for col, lvl in zip(cols.tolist(), vals.tolist(), strict=True):
        skill = index.skills[col]
        if int(p.known.get(skill, 0)) < int(lvl) and supplied.get(skill, 0) < int(lvl):
            counts[(skill, int(lvl))] = counts.get((skill, int(lvl)), 0) + 1
    ranked = sorted(counts, key=lambda sl: (-counts[sl], sl[1], sl[0]))
    out: list[tuple[str, int]] = []
    for skill, lvl in ranked:  # one level per skill: the lowest most often needed
        if all(s != skill for s, _l in out):
            out.append((skill, lvl))
    return out[:BLOCKING_SHOWN]


def _reason(
    p: Problem,
    g: GapSkill,
    chosen: list[int],
    method: str,
    goal: frozenset[str],
    reached: int,
) -> str:
    index = p.index
    if g.col < 0:
        return NO_COURSE
    start, end = index.teaches.indptr[g.col], index.teaches.indptr[g.col + 1]
    levels = index.teaches.data[start:end]
    rows = index.teaches.indices[start:end][levels >= g.need]
    if rows.size == 0:
        # None reaches the need; say why the plan does not take it part of the way either
        # (a budget spent elsewhere reads very differently from no course at all).
        partial = index.teaches.indices[start:end][levels > reached]
        if partial.size == 0 or g.skill in PROJECT_SKILLS:
            return NO_COURSE_BEYOND if levels.size and g.skill not in PROJECT_SKILLS else NO_COURSE
        why = _blocked(p, g, partial, chosen, method, goal)
        return NO_COURSE + PARTIAL_WORDS + PARTIAL[why] if why in PARTIAL else NO_COURSE
    return _blocked(p, g, rows, chosen, method, goal)


def _blocked(
    p: Problem, g: GapSkill, rows: np.ndarray, chosen: list[int], method: str, goal: frozenset[str]
) -> str:
    """The first constraint that keeps every course at index `rows` (the skill's teachers)
    out of the plan."""
    index = p.index
    if g.skill in PROJECT_SKILLS and goal:
        # A project counts only on a course about the goal: the others never were options.
        rows = rows[_projects_count(index, rows, goal)]
        if rows.size == 0:
            return OFF_GOAL_PROJECT
    learner = p.learner
    if learner.platforms is not None:
        allowed = {k for k, name in enumerate(index.platforms) if name in set(learner.platforms)}
        rows = rows[np.isin(index.platform_code[rows], list(allowed))]
        if rows.size == 0:
            return PLATFORM
    readable = language_mask(index, learner, rows)  # the skill's teachers only, per gap
    if readable is not None:
        rows = rows[readable]
        if rows.size == 0:
            return LANGUAGE
    local = {int(r): k for k, r in enumerate(p.rows)}
    cands = [local[int(r)] for r in rows if int(r) in local]
    if not cands:
        return _pruned_reason(p, rows)
    others_cost = float(np.nansum(p.cost[chosen])) if chosen else 0.0
    others_hours = float(np.nansum(p.hours[chosen])) if chosen else 0.0
    have = _levels(p.known, p, chosen)
    budget_blocks = deadline_blocks = prereq_blocks = overlap_blocks = 0
    for r in cands:
        if p.budget is not None and others_cost + float(p.cost[r]) > p.budget + 1e-9:
            budget_blocks += 1
        elif p.hours_cap is not None and others_hours + float(p.hours[r]) > p.hours_cap + 1e-9:
            deadline_blocks += 1
        elif any(have.get(s, 0) < la for s, la in p.needs.get(r, {}).items()):
            prereq_blocks += 1
        else:
            overlap_blocks += 1
    if method == "greedy" and overlap_blocks:
        return FALLBACK
    if budget_blocks:
        return OVER_BUDGET
    if deadline_blocks:
        # the pool's free courses do not fit the deadline left; if others were left out for
        # their price, a budget would admit them as much as a later deadline these
        priced_out = any(
            p.excluded.why.get(int(r)) in ("over_budget", "unknown_price")
            for r in rows
            if int(r) not in local
        )
        return OVER_LIMITS if priced_out else OVER_DEADLINE
    if prereq_blocks:
        # Their prerequisites' suppliers did not fit: name the binding limit when there is one.
        if p.budget is not None:
            return OVER_BUDGET
        if p.hours_cap is not None:
            return OVER_DEADLINE
        return PREREQS
    return PROGRAM_OVERLAP


_FILTER_REASON = {
    "off_subject": OFF_SUBJECT,
    "platform": PLATFORM,
    "language": LANGUAGE,
    "unknown_hours": UNKNOWN_HOURS,
    "over_deadline": OVER_DEADLINE,
    "unknown_price": UNKNOWN_PRICE,
    "over_budget": OVER_BUDGET,
}


def _projects_count(index: PlannerIndex, rows: np.ndarray, goal: frozenset[str]) -> BoolArray:
    """Which of the courses at index `rows` teach enough of the goal's skills for their
    project to count (goal_projects.project_counts on the index)."""
    cols = [index.skill_pos[s] for s in goal if s in index.skill_pos]
    hits = np.asarray((index.teaches_rows[rows][:, cols] > 0).sum(axis=1)).ravel()
    mask: BoolArray = hits >= threshold(goal)
    return mask


def _pruned_reason(p: Problem, rows: np.ndarray) -> str:
    """Every course teaching the skill to the level was filtered out before the solve: the
    filter that removed most of them (as the pool recorded it), else their prerequisites."""
    found = [p.excluded.why.get(int(r)) for r in rows]
    counts: dict[str, int] = {}
    for reason in found:
        if reason is not None:
            counts[reason] = counts.get(reason, 0) + 1
    if not counts:
        return PREREQS
    if counts.keys() & {"over_budget", "unknown_price"} and "over_deadline" in counts:
        return OVER_LIMITS
    return _FILTER_REASON.get(max(counts, key=lambda k: counts[k]), PREREQS)


_LEVEL_WORDS = ("none", "aware", "practised", "applied", "production")


# Practice skills no course closes, with what builds each (a research scientist was told
# to do 'an independent portfolio project on real data' for technical writing and for
# reading research papers)
PRACTICE_ADVICE = {
    "practice.research-reading": (
        "a reading habit: summarise a paper a week, and reproduce one paper's main result"
    ),
    "practice.research-methods": (
        "reproduce a published result, then run and write up a small study of your own"
    ),
    "practice.technical-writing": (
        "write up your projects: blog posts, a project report or documentation others use"
    ),
    "practice.collaboration": (
        "contribute to an open-source project: pull requests, code review and issue triage"
    ),
    "practice.kaggle-competitions": "enter a few Kaggle competitions and study the top write-ups",
}


def suggestion(
    g: GapSkill,
    reason: str,
    category: str,
    blocking: Sequence[tuple[str, int]] = (),
    names: Mapping[str, str] | None = None,
) -> str:
    if blocking:
        # Actionable first: the learner may well hold the foundation without having listed it.
        listed = ", ".join(
            f"{(names or {}).get(s, s)} ({_LEVEL_WORDS[min(lvl, 4)]})" for s, lvl in blocking
        )
        return (
            f"{BLOCKED_BY}{listed}, which no course open to you teaches: if you "
            "know it, add it to your skills; else learn it from documentation or a book first"
        )
    if reason.startswith(NO_COURSE + PARTIAL_WORDS):
        words = reason[len(NO_COURSE + PARTIAL_WORDS) :]
        partial = next(k for k, v in PARTIAL.items() if v == words)
        part_way = suggestion(g, partial, category)
        return f"{suggestion(g, NO_COURSE, category)}{PART_WAY}{part_way}"
    if reason == PLATFORM:
        return "allow more platforms: courses elsewhere teach it"
    if reason == LANGUAGE:
        return "add a language you read (learner field `languages`), or find a translation"
    if reason == OVER_BUDGET:
        return "raise the budget, or look for a free resource teaching it"
    if reason == UNKNOWN_PRICE:  # a larger budget cannot admit a course of unknown price
        return "check its courses' prices on their sites (the catalog has none), or a free resource"
    if reason == OVER_DEADLINE:
        return "extend the deadline or add weekly hours"
    if reason == OVER_LIMITS:
        return (
            "extend the deadline for the free ones, raise the budget for the shorter ones, or "
            "look for a free resource teaching it"
        )
    if reason == UNKNOWN_HOURS:
        return (
            "check the course's length on its site (the catalog lists none), or pick another course"
        )
    if g.skill in PRACTICE_ADVICE:
        return PRACTICE_ADVICE[g.skill]
    if g.skill.startswith("practice.") or "portfolio" in g.skill:
        return "an independent portfolio project on real data"
    if g.need >= 4 or category in ("mlops", "cloud", "data-engineering"):
        return "on-the-job experience or an open-source contribution"
    if g.need >= 3:
        return "an independent project applying it to real data"
    if reason == PREREQS:
        return "learn its prerequisites from documentation or a book first"
    return "documentation or a book, with a small practice project"


# ---------------------------------------------------------------- over the whole pool


def runner_up_pool(pool: Pool, chosen: list[int], sec: np.ndarray) -> list[int]:
    """Each step's runner-up over the whole pool, vectorised (the same rule as
    `Explainer._runner_up`: largest marginal gain on the skills the step alone brings, then
    lower `sec`, then lower number), so the explained subset can include them."""
    if not chosen or not pool.gaps:
        return []
    gap_j = pool.gap_j
    units = gain_units(pool)
    unit = np.array([units[g.skill] for g in pool.gaps], dtype=np.int64)
    need = np.array([g.need for g in pool.gaps], dtype=np.int64)
    in_plan = np.zeros(pool.size, dtype=bool)
    in_plan[chosen] = True
    # Every pool course's level on each gap skill, capped at the need (dense: pool x gaps;
    # int8, as the pool stores levels: int64 was 5 MB more at the peak of a 100k plan).
    reach = np.zeros((pool.size, len(pool.gaps)), dtype=np.int8)
    taught = gap_j >= 0
    if taught.any():
        dense = pool.teach_csc[:, gap_j[taught]].toarray()
        reach[:, taught] = np.minimum(dense, need[taught][None, :].astype(np.int8))
    capped = reach[np.array(chosen, dtype=np.int64)]
    have = np.array([g.have for g in pool.gaps], dtype=np.int8)
    out: list[int] = []
    for n, _k in enumerate(chosen):
        others = np.delete(capped, n, axis=0)
        base = np.maximum(have, others.max(axis=0) if others.size else have)
        marginal = np.flatnonzero(capped[n] > base)
        if marginal.size == 0:
            continue
        lift = np.maximum(0, reach[:, marginal] - base[marginal][None, :])
        gain = lift.astype(np.int64) @ unit[marginal]
        cand = np.flatnonzero((gain > 0) & ~in_plan)
        if cand.size:
            best = cand[np.lexsort((cand, sec[cand], -gain[cand]))[0]]
            out.append(int(best))
    return out
