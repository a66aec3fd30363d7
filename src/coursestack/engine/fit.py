"""Fit: is one course for one learner, why or why not, and how long it will take them.

Every reason carries the data it was written from (`data`); the text is generated from that
data only. The verdict is the first that applies, in this order:

    already completed               the learner lists it (or a program containing it) as
                                    completed: no time estimate
    outside your languages          taught in a language the learner did not list
    outside your limits             on a platform the learner did not list, costing more than
                                    their budget, or taking them longer than their deadline
                                    allows (deadline_weeks x hours_per_week)
    off-goal                        teaches nothing the goal requires, nor a prerequisite
                                    (in the taxonomy) of a goal skill the learner lacks
    too basic                       most of it is already held and it brings no gap to the
                                    needed level, or it adds nothing toward the goal and is
                                    mostly about the goal (its goal part is held)
    off-goal                        adds nothing toward the goal and is mostly about other
                                    things (new to the learner, but not asked for)
    stretch: missing prerequisites  assumes levels the learner does not hold
    fit with caveats                any caveat (style, portfolio, certificate, slow start,
                                    only prerequisites of the goal's skills, mostly about
                                    other skills, a small step toward the goal, a language
                                    that is not stated, a price or effort the limits can be
                                    checked against only as an assumed figure, or not at all)
    strong fit                      none of the above

Limits are checked with the same figures the planner uses: the cost is `Price.cost_for` over
the learner's own weeks, at the platform's typical price when the amount is not listed (said
as assumed); the time is this fit's own estimate.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from coursestack.domain import (
    CertificateKind,
    Course,
    HandsOn,
    Learner,
    Level,
    Need,
    Pedagogy,
    Price,
    PriceModel,
    Requirement,
    Weight,
)
from coursestack.domain.models import WEEKS_PER_MONTH
from coursestack.engine.context import AdvisorContext
from coursestack.engine.effort_prior import BUDGET_CURRENCY, typical_price_for
from coursestack.engine.gaps import (
    ALREADY_HELD,
    ALREADY_MET,
    CourseContribution,
    broader_goal_skill,
    contribution,
    coverage,
    gaps_of,
)
from coursestack.engine.goal_projects import OFF_GOAL_PROJECT, toward_goal
from coursestack.engine.learner_state import (
    course_or_error,
    effective_assumes,
    effective_teaches,
    only_touches,
)
from coursestack.engine.pace import (
    HoursEstimate,
    estimate_hours,
    held_share,
    hours_words,
    learner_background,
    weeks_at,
)
from coursestack.engine.planner_candidates import unknown_language_readable
from coursestack.engine.topics import TITLE_ONLY_SHARE

# engine.goal_projects: a project counts only when the course exercises the goal's skills.
_OFF_GOAL_WORDS = "the course teaches too few of the goal's own skills for its project to count"
STRONG_FIT = "strong fit"
WITH_CAVEATS = "fit with caveats"
STRETCH = "stretch: missing prerequisites"
TOO_BASIC = "too basic"
OFF_GOAL = "off-goal"
ALREADY_COMPLETED = "already completed"
OUTSIDE_LANGUAGES = "outside your languages"
OUTSIDE_LIMITS = "outside your limits"
VERDICTS = (
    STRONG_FIT,
    WITH_CAVEATS,
    STRETCH,
    TOO_BASIC,
    OFF_GOAL,
    ALREADY_COMPLETED,
    OUTSIDE_LANGUAGES,
    OUTSIDE_LIMITS,
)
# Reason kinds of the learner's limits; `data["outside"]` says the course is beyond one.
LIMIT_KINDS = ("platform", "budget", "deadline")

# Below this share of the material already held, the overlap is the ordinary recap every
# course opens with and is not worth a reason.
MENTION_KNOWN_SHARE = 0.10
# From this share on, a learner spends the first part of the course on material they hold:
# "the early material will feel slow" (a caveat).
SLOW_KNOWN_SHARE = 0.40
# From this share on, most of the course repeats what the learner holds: too basic.
TOO_BASIC_KNOWN_SHARE = 0.75
# A course adding nothing toward the goal is "too basic" when at least this share of it (by
# level) is about the goal, else "off-goal" (its new material is not what the goal asks).
GOAL_SHARE = 0.5
# At or below this share of the remaining gap closed (compared as the text prints it, in
# whole percent: "closes 5%" is always a small step), a course is a small step toward the
# goal: worth taking perhaps, but not a strong fit (a caveat).
SMALL_STEP_SHARE = 0.05
# How many still-missing goal skills the goal-coverage reason names.
TOP_MISSING = 5

PORTFOLIO_HANDS_ON = (HandsOn.INDEPENDENT_PROJECTS, HandsOn.CAPSTONE)
APPROACH = {
    Pedagogy.THEORY_FIRST: "builds the concepts and the maths before the code",
    Pedagogy.CODE_FIRST: "starts from working code and goes into the theory later",
    Pedagogy.MIXED: "mixes theory and code",
}


class _Result(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reason(_Result):
    kind: str
    text: str
    caveat: bool = False  # counts against a strong fit
    data: dict[str, Any] = Field(default_factory=dict)


class FitVerdict(_Result):
    course_id: str
    title: str
    verdict: str
    reasons: list[Reason]
    estimated_hours: float | None
    estimated_weeks: float | None
    # HoursEstimate fields: low, high, listed, basis, ...; None for a completed course
    estimate: dict[str, Any] | None


def assess_fit(
    ctx: AdvisorContext,
    course_id: str,
    learner: Learner,
    known: Mapping[str, Level],
    requirements: Mapping[str, Requirement],
) -> FitVerdict:
    course = course_or_error(ctx, course_id)
    teaches = effective_teaches(course, ctx)
    known_share = held_share(teaches, known)  # all its material, mentions included
    # what counts toward the goal, as in plans: not the skills it merely mentions
    credited = {s: lv for s, lv in teaches.items() if not only_touches(course, s)}
    on_goal = [s for s in toward_goal(credited, requirements) if s in requirements]
    levels = dict(known)
    contrib = contribution(ctx, course.id, levels, requirements)
    estimate = estimate_hours(
        course, known, learner.pace, ctx, background=learner_background(learner, known)
    )

    reasons: list[Reason] = []
    done = _completed_reason(ctx, course, learner)
    if done is not None:
        reasons.append(done)
    # A language the learner does not read decides more than anything below: said first
    # (a Spanish-only learner heard about missing prerequisites before the language).
    language = _language_reason(course, learner)
    if language is not None:
        reasons.append(language)
    # The learner's limits (platforms, budget, deadline): none for a course taken already
    limits = [] if done is not None else _limit_reasons(ctx, course, learner, estimate)
    outside = [r for r in limits if r.data.get("outside")]
    reasons.extend(outside)  # beyond a limit: said before what the course would bring
    missing = _missing_prerequisites(course, known, ctx)
    if missing:
        reasons.append(_prerequisites_reason(ctx, course, learner, known, missing))
    if known_share >= MENTION_KNOWN_SHARE and done is None:
        reasons.append(_known_reason(known_share, teaches, known))
    support = prerequisite_support(ctx, credited, known, requirements)
    if on_goal or support:
        # a narrower part of a goal skill (logistic regression under supervised learning) is
        # about the goal: the Machine Learning Specialization was "70% about skills a data
        # scientist does not ask for"
        counted = toward_goal(credited, requirements)
        about = _goal_share(counted, _with_subskills(counted, {*requirements, *support}))
        reasons.append(
            _goal_reason(ctx, learner, known, levels, requirements, contrib, support, about)
        )
    else:
        mentioned = [s for s in teaches if s in requirements and s not in credited]
        reasons.append(_off_goal_reason(ctx, learner, teaches, mentioned))
    for reason in (
        _pedagogy_reason(course, learner),
        _portfolio_reason(course, learner),
        _certificate_reason(course, learner),
        _quality_reason(ctx, course),
    ):
        if reason is not None:
            reasons.append(reason)
    if done is not None:
        # Taken already: no time estimate (the hours of a course one has finished are no
        # figure to plan with).
        return FitVerdict(
            course_id=course.id,
            title=course.title,
            verdict=ALREADY_COMPLETED,
            reasons=reasons,
            estimated_hours=None,
            estimated_weeks=None,
            estimate=None,
        )
    reasons.append(_time_reason(estimate, learner))
    reasons.extend(r for r in limits if not r.data.get("outside"))
    # about another subject and known by its title alone: what it teaches toward the goal is
    # an incidental title word (the planner never plans it; engine.planner_index)
    off_subject = course.id in ctx.off_topic and course.id in ctx.title_only
    if off_subject and on_goal:
        reasons.append(
            Reason(
                kind="subject",
                text=f"Its title is about {ctx.off_topic[course.id]}, and the catalog knows only "
                "its title: what it teaches toward your goal rests on a passing word in it, so "
                "plans leave it out.",
                caveat=True,
                data={"topic": ctx.off_topic[course.id], "title_only": True},
            )
        )

    if language is not None and language.data.get("course") is not None:
        verdict = OUTSIDE_LANGUAGES  # a stated language the learner does not read
    elif outside:
        verdict = OUTSIDE_LIMITS
    elif (not on_goal and not support) or off_subject:
        verdict = OFF_GOAL
    elif known_share >= TOO_BASIC_KNOWN_SHARE and not contrib.closes:
        # Mostly held and finishing no gap: too basic. One that brings a goal skill to the
        # level the goal needs is worth its slow start (a caveat), as the planner sees it.
        verdict = TOO_BASIC
    elif contrib.coverage_gain <= 0 and not support:
        # Nothing in it counts toward the goal for this learner. Mostly about the goal (the
        # goal's part is held): too basic; mostly about other things, new to the learner but
        # not asked for: off the goal.
        counted = toward_goal(credited, requirements)
        about = _goal_share(counted, _with_subskills(counted, requirements))
        verdict = TOO_BASIC if about >= GOAL_SHARE else OFF_GOAL
    elif missing:
        verdict = STRETCH
    elif any(r.caveat for r in reasons):
        verdict = WITH_CAVEATS
    else:
        verdict = STRONG_FIT
    weeks = None if estimate.hours is None else weeks_at(estimate.hours, learner.hours_per_week)
    return FitVerdict(
        course_id=course.id,
        title=course.title,
        verdict=verdict,
        reasons=reasons,
        estimated_hours=estimate.hours,
        estimated_weeks=weeks,
        estimate=estimate.as_dict(),
    )


# ---------------------------------------------------------------- prerequisites


def _missing_prerequisites(
    course: Course, known: Mapping[str, Level], ctx: AdvisorContext
) -> dict[str, tuple[Level, Level]]:
    """Assumed skill -> (have, need) for each assumed level the learner does not hold."""
    out: dict[str, tuple[Level, Level]] = {}
    for skill, need in sorted(effective_assumes(course, ctx).items()):
        have = Level(known.get(skill, Level.NONE))
        if have < need:
            out[skill] = (have, Level(need))
    return out


# Each extra course on a route to the prerequisites costs more than its hours (finding it,
# enrolling, getting into a new style): a course that closes everything wins over two that
# together take a little less time.
ROUTE_COURSE_OVERHEAD_HOURS = 4.0
# A course about a subject outside the taxonomy (engine.topics: 'Python Algo Trading: FX
# Trading with Oanda' for Python) counts this many hours more: about a typical course's
# listed hours (the real catalog's median is 12 h, benchmarks/plan_latency.py's profile), so
# a course about the skill wins unless it is that much longer.
ROUTE_OFF_TOPIC_HOURS = 12.0
ROUTE_TOP_K = 6  # candidates per missing skill considered for the route
ROUTE_MAX_SKILLS = 8  # beyond this many missing skills the route is built greedily
UNKNOWN_HOURS_COST = 1000.0  # a course with no time estimate is a last resort


def closer_route(
    ctx: AdvisorContext,
    course: Course,
    learner: Learner,
    known: Mapping[str, Level],
    missing: Mapping[str, tuple[Level, Level]],
) -> list[tuple[Course, list[str], HoursEstimate]]:
    """The set of courses that closes every coverable missing prerequisite for the fewest
    hours (each course also costing ROUTE_COURSE_OVERHEAD_HOURS, one about a subject outside
    the taxonomy ROUTE_OFF_TOPIC_HOURS more, one known by its title alone half that), found
    exactly by a small branch and bound over the cheapest candidates per skill. Candidates:
    not the course itself, its parts or programs, one already completed, nor one in a
    language the learner did not list; per skill, the courses that suit the learner best
    (route_tier: on their platforms, then within their budget), the others only when none
    does."""
    related = {course.id, *course.parts, *ctx.parents_of(course.id)}
    background = learner_background(learner, known)
    wanted = None if learner.languages is None else {x.lower() for x in learner.languages}
    cands: list[tuple[Course, frozenset[str], HoursEstimate, float]] = []
    for cand in ctx.courses.values():
        if cand.id in related or cand.id in learner.completed:
            continue
        if wanted is not None and (
            cand.language.lower() not in wanted
            if cand.language
            else not unknown_language_readable(learner)
        ):
            continue
        teaches = effective_teaches(cand, ctx)
        # a skill the candidate only mentions supplies no prerequisite (as in plans)
        closes = frozenset(
            s
            for s, (_h, need) in missing.items()
            if teaches.get(s, 0) >= need and not only_touches(cand, s)
        )
        if not closes:
            continue
        est = estimate_hours(cand, known, learner.pace, ctx, background=background)
        cost = UNKNOWN_HOURS_COST if est.hours is None else est.hours
        if cand.id in ctx.off_topic:
            cost += ROUTE_OFF_TOPIC_HOURS
        elif cand.id in ctx.title_only:  # as in plans: half an off-topic course's weight
            cost += ROUTE_OFF_TOPIC_HOURS * TITLE_ONLY_SHARE
        cands.append((cand, closes, est, cost + ROUTE_COURSE_OVERHEAD_HOURS))
    if not cands:
        return []
    coverable = sorted(set().union(*(c[1] for c in cands)))
    by_skill: dict[str, list[tuple[Course, frozenset[str], HoursEstimate, float]]] = {}
    for s in coverable:
        teachers = [c for c in cands if s in c[1]]
        tiers = [route_tier(c[0], c[2], learner) for c in teachers]
        top = min(tiers)
        teachers = [c for c, t in zip(teachers, tiers, strict=True) if t == top]
        by_skill[s] = sorted(teachers, key=lambda c: (c[3], c[0].id))[:ROUTE_TOP_K]
    if len(coverable) > ROUTE_MAX_SKILLS:
        return _greedy_route(by_skill, coverable)
    best: tuple[float, list[tuple[Course, frozenset[str], HoursEstimate, float]]] = (
        float("inf"),
        [],
    )

    def search(covered: frozenset[str], chosen: list[Any], cost: float) -> None:
        nonlocal best
        if cost >= best[0]:
            return
        todo = [s for s in coverable if s not in covered]
        if not todo:
            best = (cost, list(chosen))
            return
        for cand in by_skill[todo[0]]:
            if cand in chosen:
                continue
            chosen.append(cand)
            search(covered | cand[1], chosen, cost + cand[3])
            chosen.pop()

    search(frozenset(), [], 0.0)
    route = sorted(best[1], key=lambda c: (-len(c[1]), c[3], c[0].id))
    return [(c[0], [s for s in missing if s in c[1]], c[2]) for c in route]


def route_tier(course: Course, est: HoursEstimate, learner: Learner) -> tuple[bool, int]:
    """How well a prerequisite course suits the learner, best first: on one of their
    platforms (when they list any); then, with a budget, a known price within it (0), an
    unknown price (1), a price above it (2). A course costing more than the learner's whole
    budget is no route for them while one within it teaches the same."""
    outside = bool(learner.platforms) and course.platform not in (learner.platforms or [])
    if learner.budget is None:
        return outside, 0
    weeks = None if est.hours is None else weeks_at(est.hours, learner.hours_per_week)
    price = course.price.cost_for(weeks, learner.needs_certificate)
    if price is None:
        return outside, 1
    return outside, 0 if price <= learner.budget + 1e-9 else 2


def _greedy_route(
    by_skill: Mapping[str, list[tuple[Course, frozenset[str], HoursEstimate, float]]],
    coverable: list[str],
) -> list[tuple[Course, list[str], HoursEstimate]]:
    left = set(coverable)
    out: list[tuple[Course, list[str], HoursEstimate]] = []
    pool = {c[0].id: c for group in by_skill.values() for c in group}
    while left:
        cand = max(pool.values(), key=lambda c: (len(c[1] & left) / c[3], c[0].id))
        if not cand[1] & left:
            break
        out.append((cand[0], sorted(cand[1] & left), cand[2]))
        left -= cand[1]
        del pool[cand[0].id]
    return out


def _prerequisites_reason(
    ctx: AdvisorContext,
    course: Course,
    learner: Learner,
    known: Mapping[str, Level],
    missing: Mapping[str, tuple[Level, Level]],
) -> Reason:
    parts = [
        f"{_skill_name(ctx, s)} at level {int(need)} ({need.label}; you hold {int(have)})"
        for s, (have, need) in missing.items()
    ]
    text = "It assumes " + "; ".join(parts) + "."
    data: dict[str, Any] = {
        "missing": {s: {"have": int(h), "need": int(n)} for s, (h, n) in missing.items()},
        "closer": None,
    }
    route = closer_route(ctx, course, learner, known, missing)
    # the route keeps to the learner's languages: say so when it finds nothing there
    scope = "in the catalog" if learner.languages is None else "in a language you read"
    if not route:
        text += f" No course {scope} teaches these to that level."
    else:
        closed: set[str] = set()
        for n, (closer, closes, est) in enumerate(route):
            hours = "" if est.hours is None else f", about {hours_words(est.hours)} h for you"
            where = (
                f"on {closer.platform}, outside your platforms"
                if learner.platforms and closer.platform not in learner.platforms
                else f"on {closer.platform}"
            )
            if len(route) == 1 and len(closes) == len(missing):
                what = "it" if len(missing) == 1 else "all of them"
            else:
                what = ", ".join(_skill_name(ctx, s) for s in closes)
            text += f" {closer.title} ({where}{hours}) teaches {what}."
            closed.update(closes)
            entry = {
                "course_id": closer.id,
                "title": closer.title,
                "platform": closer.platform,
                "closes": closes,
                "hours": est.hours,
            }
            if n == 0:
                data["closer"] = entry
            else:
                data.setdefault("also", []).append(entry)
        left = [s for s in missing if s not in closed]
        if left:
            names = ", ".join(_skill_name(ctx, s) for s in left)
            text += f" No course {scope} teaches {names} to that level: learn it elsewhere."
    return Reason(kind="missing-prerequisites", text=text, caveat=True, data=data)


# ---------------------------------------------------------------- material and goal


def _known_reason(share: float, teaches: Mapping[str, Level], known: Mapping[str, Level]) -> Reason:
    held = sorted(s for s, t in teaches.items() if known.get(s, 0) >= t)
    slow = share >= SLOW_KNOWN_SHARE
    text = f"You already hold about {share:.0%} of its material"
    text += "; the early material will feel slow." if slow else "."
    return Reason(
        kind="already-known",
        text=text,
        caveat=slow,
        data={"known_share": share, "held_skills": held},
    )


def _goal_label(ctx: AdvisorContext, learner: Learner) -> str:
    if learner.goal is not None and learner.goal in ctx.roles:
        return ctx.roles[learner.goal].name
    return "your targets"


def _goal_reason(
    ctx: AdvisorContext,
    learner: Learner,
    known: Mapping[str, Level],
    after: Mapping[str, Level],
    requirements: Mapping[str, Requirement],
    contrib: CourseContribution,
    support: Mapping[str, list[str]],
    about: float,
) -> Reason:
    """How far the course takes the learner toward the goal. `about`: the share of the course
    (by level) on the goal's skills or their prerequisites; below GOAL_SHARE, and a gain
    of at most SMALL_STEP_SHARE of the remaining gap (as printed), are caveats (not a strong
    fit)."""
    before = coverage(known, requirements)
    after_cov = coverage(after, requirements)
    share = 0.0 if before >= 1.0 else (after_cov - before) / (1.0 - before)
    remaining = gaps_of(ctx, after, requirements)
    top = [g for g in remaining if g.weight == Weight.CORE][:TOP_MISSING]
    goal = _goal_label(ctx, learner)
    off_goal = [f.skill for f in contrib.fallthrough if f.reason == OFF_GOAL_PROJECT]
    caveat = False
    if contrib.coverage_gain <= 0 and support:
        text = (
            f"It raises none of the skills {goal} asks for, but it teaches prerequisites of "
            f"ones you lack: {_support_words(ctx, support)}."
        )
        caveat = True  # the gain is indirect
    elif contrib.coverage_gain <= 0:
        held = [f.skill for f in contrib.fallthrough if f.reason == ALREADY_HELD]
        met = [f.skill for f in contrib.fallthrough if f.reason == ALREADY_MET]
        said = []
        if held:
            said.append(f"you hold {_names(ctx, held)} at the level it teaches")
        if met:
            said.append(f"you hold {_names(ctx, met)} at the level the goal needs")
        if off_goal:
            said.append(_OFF_GOAL_WORDS)
        text = f"It adds nothing toward {goal}: " + "; ".join(said) + "."
    else:
        closed = f"{share:.0%}"  # the figure said; the small-step test reads the same one
        text = (
            f"It closes {closed} of your remaining gap to {goal} "
            f"(coverage {before:.0%} -> {after_cov:.0%})"
        )
        if contrib.closes:
            text += f" and fully closes {len(contrib.closes)} of your gaps"
        text += "."
        if support:
            text += " It also teaches prerequisites of skills you lack: "
            text += f"{_support_words(ctx, support)}."
        if off_goal:
            text += f" Its {_names(ctx, off_goal)} does not count: {_OFF_GOAL_WORDS}."
        if about < GOAL_SHARE:
            text += (
                f" Most of it ({1.0 - about:.0%} by level) is about skills {goal} "
                f"{'do' if goal == 'your targets' else 'does'} not ask for."
            )
            caveat = True
        if int(closed.rstrip("%")) <= round(SMALL_STEP_SHARE * 100):
            text += f" A small step: most of the gap to {goal} lies elsewhere."
            caveat = True
    if top:
        text += " Still missing after it (core): " + ", ".join(
            f"{g.name} ({g.have}->{g.need})" for g in top
        )
        text += "."
    elif remaining:
        text += f" {len(remaining)} non-core gaps remain after it."
    data = {
        "goal": learner.goal,
        "coverage_before": before,
        "coverage_after": after_cov,
        "gap_share_closed": share,
        "closes": contrib.closes,
        "counts": {s: int(v) for s, v in contrib.counts.items()},
        "missing_core": [g.skill for g in top],
        "remaining_gaps": len(remaining),
        "prerequisite_support": {s: list(v) for s, v in support.items()},
        "goal_share_of_course": about,
    }
    return Reason(kind="goal-coverage", text=text, caveat=caveat, data=data)


def prerequisite_support(
    ctx: AdvisorContext,
    teaches: Mapping[str, Level],
    known: Mapping[str, Level],
    requirements: Mapping[str, Requirement],
) -> dict[str, list[str]]:
    """Taught skills the goal does not list but that its unmet skills need first (through the
    taxonomy's prerequisites, transitively), taught above what the learner holds and up to a
    level still needed: skill -> the unmet goal skills it leads to."""
    needed: dict[str, Level] = {}
    leads_to: dict[str, set[str]] = {}
    for goal_skill, req in requirements.items():
        if known.get(goal_skill, Level.NONE) >= req.level or goal_skill not in ctx.taxonomy:
            continue
        stack = [goal_skill]
        seen: set[str] = set()
        while stack:
            current = stack.pop()
            for pre, level in ctx.taxonomy.prerequisites_of(current).items():
                if pre not in requirements and pre in ctx.taxonomy:
                    needed[pre] = max(level, needed.get(pre, Level.NONE))
                    leads_to.setdefault(pre, set()).add(goal_skill)
                if pre not in seen:
                    seen.add(pre)
                    stack.append(pre)
    return {
        s: sorted(leads_to[s])
        for s, taught in sorted(teaches.items())
        if s in needed and known.get(s, Level.NONE) < min(taught, needed[s])
    }


def _names(ctx: AdvisorContext, skills: list[str]) -> str:
    return ", ".join(_skill_name(ctx, s) for s in skills)


def _support_words(ctx: AdvisorContext, support: Mapping[str, list[str]]) -> str:
    return "; ".join(
        f"{_skill_name(ctx, s)} (toward {_names(ctx, goals[:3])}"
        + (f" and {len(goals) - 3} more)" if len(goals) > 3 else ")")
        for s, goals in support.items()
    )


def _off_goal_reason(
    ctx: AdvisorContext,
    learner: Learner,
    teaches: Mapping[str, Level],
    mentioned: Sequence[str] = (),
) -> Reason:
    goal = _goal_label(ctx, learner)
    taught = sorted(teaches)
    text = (
        f"Nothing it teaches is required for {goal}."
        if taught
        else "The catalog lists no skills it teaches, so it cannot be matched to your goal."
    )
    if mentioned:
        # a required skill it only mentions: say why that does not count
        text = (
            f"It only mentions {_names(ctx, list(mentioned))} in passing; nothing it teaches "
            f"counts toward {goal}."
        )
    return Reason(
        kind="off-goal", text=text, caveat=True, data={"goal": learner.goal, "teaches": taught}
    )


# ---------------------------------------------------------------- style and outcomes


def _language_reason(course: Course, learner: Learner) -> Reason | None:
    """A caveat when the course is taught in a language the learner did not list, or in an
    unstated one for a learner who does not read English (planner_candidates)."""
    if learner.languages is None:
        return None
    if course.language is None:
        if unknown_language_readable(learner):
            return None
        text = (
            "Its language is not stated, and most such courses in these catalogs are in "
            f"English, which you did not list ({', '.join(learner.languages)}); plans leave "
            "it out."
        )
        unstated: dict[str, Any] = {"course": None, "learner": list(learner.languages)}
        return Reason(kind="language", text=text, caveat=True, data=unstated)
    if course.language.lower() in {lang.lower() for lang in learner.languages}:
        return None
    text = (
        f"It is taught in '{course.language}', a language you did not list "
        f"({', '.join(learner.languages)}); plans leave it out."
    )
    data = {"course": course.language, "learner": list(learner.languages)}
    return Reason(kind="language", text=text, caveat=True, data=data)


def _pedagogy_reason(course: Course, learner: Learner) -> Reason | None:
    if learner.pedagogy is None or course.pedagogy is None:
        return None
    data = {"course": course.pedagogy.value, "preferred": learner.pedagogy.value}
    mixed = Pedagogy.MIXED in (course.pedagogy, learner.pedagogy)
    if course.pedagogy == learner.pedagogy or mixed:
        text = (
            f"It is {course.pedagogy.value} (it {APPROACH[course.pedagogy]}), "
            f"which suits your {learner.pedagogy.value} preference."
        )
        return Reason(kind="pedagogy", text=text, data={**data, "match": True})
    text = (
        f"It is {course.pedagogy.value} (it {APPROACH[course.pedagogy]}); you prefer "
        f"{learner.pedagogy.value} (one that {APPROACH[learner.pedagogy]}). Neither is harder; "
        "they differ in approach."
    )
    return Reason(kind="pedagogy", text=text, caveat=True, data={**data, "match": False})


def _with_subskills(teaches: Mapping[str, Level], requirements: Container[str]) -> set[str]:
    """The taught skills that are a goal skill or a narrower part of one (the taxonomy's dotted
    ids: prog.python.oop is part of prog.python): a Python bootcamp teaching Python, its OOP
    and notebooks is about Python, not off a goal that asks for Python."""
    return {s for s in teaches if s in requirements or broader_goal_skill(s, requirements)}


def _goal_share(teaches: Mapping[str, Level], requirements: Container[str]) -> float:
    """The level-weighted share of what a course teaches that the goal requires (or, as
    the caller says, needs first)."""
    total = sum(int(v) for v in teaches.values())
    on_goal = sum(int(v) for s, v in teaches.items() if s in requirements)
    return on_goal / total if total else 0.0


def _completed_reason(ctx: AdvisorContext, course: Course, learner: Learner) -> Reason | None:
    """The learner lists this course as completed, or a program that contains it."""
    if course.id in learner.completed:
        text = "You list it as completed."
        return Reason(kind="completed", text=text, caveat=True, data={"via": course.id})
    for parent in ctx.parents_of(course.id):
        if parent in learner.completed:
            title = ctx.courses[parent].title if parent in ctx.courses else parent
            text = f"You list {title} as completed, which contains it."
            return Reason(kind="completed", text=text, caveat=True, data={"via": parent})
    return None


def _portfolio_reason(course: Course, learner: Learner) -> Reason | None:
    if Need.PORTFOLIO not in learner.needs:
        return None
    hands_on = course.hands_on
    data = {"hands_on": hands_on.value if hands_on else None}
    if hands_on is None:
        text = "The catalog does not record its hands-on format, so portfolio output is unknown."
        return Reason(kind="portfolio", text=text, data=data)
    if hands_on in PORTFOLIO_HANDS_ON:
        what = "independent projects" if hands_on == HandsOn.INDEPENDENT_PROJECTS else "a capstone"
        text = f"It has {what}: work to show in a portfolio."
        return Reason(kind="portfolio", text=text, data=data)
    what = "guided labs" if hands_on == HandsOn.GUIDED_LABS else "no hands-on work"
    text = f"It has {what}, not independent projects: no portfolio output."
    return Reason(kind="portfolio", text=text, caveat=True, data=data)


def _certificate_reason(course: Course, learner: Learner) -> Reason | None:
    if Need.CERTIFICATE not in learner.needs:
        return None
    cert = course.certificate
    data: dict[str, Any] = {"certificate": cert.value if cert else None}
    if cert is None:
        text = "The catalog does not say whether it offers a certificate."
        return Reason(kind="certificate", text=text, data=data)
    if cert == CertificateKind.NONE:
        return Reason(kind="certificate", text="It offers no certificate.", caveat=True, data=data)
    text = f"It offers a {cert.value} certificate."
    if course.price.certificate_amount is not None:
        currency = f" {course.price.currency}" if course.price.currency else ""
        text += f" The certificate costs {course.price.certificate_amount:g}{currency}."
        data["certificate_amount"] = course.price.certificate_amount
    return Reason(kind="certificate", text=text, data=data)


def _quality_reason(ctx: AdvisorContext, course: Course) -> Reason | None:
    quality = ctx.quality.get(course.id)
    rating = course.external_rating
    parts: list[str] = []
    data: dict[str, Any] = {}
    if quality is not None and quality.practitioner_n > 0 and quality.practitioner_mean is not None:
        n = quality.practitioner_n
        text = f"Practitioners rate it {quality.practitioner_mean:.1f}/10 from {n} review"
        text += "" if n == 1 else "s"
        if quality.practitioner_low is not None:
            text += f" (lower credible bound {quality.practitioner_low:.1f})"
        parts.append(text)
        data.update(
            practitioner_mean=quality.practitioner_mean,
            practitioner_low=quality.practitioner_low,
            practitioner_n=n,
        )
    if rating is not None:
        count = "" if rating.count is None else f" from {rating.count:,} ratings"
        parts.append(f"{rating.source} lists {rating.value:g}/{rating.scale:g}{count}")
        data["external"] = rating.model_dump()
    if not parts:
        return None
    return Reason(kind="quality", text="; ".join(parts) + ".", data=data)


def _time_reason(estimate: HoursEstimate, learner: Learner) -> Reason:
    data: dict[str, Any] = {**estimate.as_dict(), "hours_per_week": learner.hours_per_week}
    if estimate.hours is None or estimate.low is None or estimate.high is None:
        return Reason(
            kind="time",
            text="The catalog lists no effort for it, so there is no time estimate.",
            data=data,
        )
    hpw = learner.hours_per_week
    weeks = weeks_at(estimate.hours, hpw)
    low_w, high_w = weeks_at(estimate.low, hpw), weeks_at(estimate.high, hpw)
    text = (
        f"About {hours_words(estimate.hours)} h for you ({hours_words(estimate.low)}-"
        f"{hours_words(estimate.high)} h), "
        f"{weeks:.1f} weeks at {hpw:g} h/week ({low_w:.1f}-{high_w:.1f}); "
        f"{estimate.basis}."
    )
    data.update(weeks=weeks, weeks_low=low_w, weeks_high=high_w)
    # the deadline has a reason of its own (kind "deadline"); the flag stays for readers
    data["past_deadline"] = learner.deadline_weeks is not None and weeks > learner.deadline_weeks
    return Reason(kind="time", text=text, data=data)


# ---------------------------------------------------------------- the learner's limits


class PlannedCost(_Result):
    """What taking a course costs a learner in the budget's currency, as the planner counts
    it (planner_index: the listed price, else the platform's typical price for the course's
    price model), with how an assumed figure was reached."""

    amount: float | None  # None: unknown (no price model, or a paid one with no figure)
    currency: str = BUDGET_CURRENCY
    model: str | None  # the price model counted (assumed when the course states none)
    months: int | None  # subscription months counted
    monthly: float | None  # the monthly figure of a subscription
    assumed: str | None  # how an assumed figure was reached; None when listed
    paid: bool  # a paid model, whether or not its amount is known


def _months(weeks: float | None) -> int:
    return 1 if weeks is None else max(1, int(-(-weeks // WEEKS_PER_MONTH)))


def planned_cost(
    ctx: AdvisorContext, course: Course, weeks: float | None, certificate: bool = False
) -> PlannedCost:
    """The cost of `course` over `weeks` of study, as the planner counts it against a budget
    (`PlannerIndex.costs`; the plan step's `cost_assumed` says the same words)."""
    price = course.price
    typical = typical_price_for(course, ctx.typical_price)
    if typical is not None:
        model = price.model or PriceModel(typical.model)
        sub = model == PriceModel.SUBSCRIPTION
        how = (
            f"no listed amount; assumed {typical.describe()}"
            if price.model is not None
            else f"no listed price model or USD amount; assumed {typical.describe()}"
        )
        return PlannedCost(
            amount=Price(model=model, amount=typical.amount).cost_for(weeks),
            model=model.value,
            months=_months(weeks) if sub else None,
            monthly=typical.amount if sub else None,
            assumed=how,
            paid=True,
        )
    if price.model is None:  # the planner plans no price for it
        return PlannedCost(
            amount=None, model=None, months=None, monthly=None, assumed=None, paid=False
        )
    model = price.model
    paid = model in (PriceModel.SUBSCRIPTION, PriceModel.ONE_TIME) or (
        certificate and model == PriceModel.FREE_AUDIT
    )
    sub = model == PriceModel.SUBSCRIPTION
    amount = price.cost_for(weeks, certificate)
    assumed = None
    if amount and (price.currency or "").upper() != BUDGET_CURRENCY:
        # counted against the USD budget as it stands: an assumption, not a fact
        assumed = (
            f"listed {price.amount:g} in {price.currency or 'an unstated currency'}; "
            f"counted as {BUDGET_CURRENCY}, the budget's currency"
        )
    return PlannedCost(
        amount=amount,
        model=model.value,
        months=_months(weeks) if sub and amount is not None else None,
        monthly=price.amount if sub else None,
        assumed=assumed,
        paid=paid,
    )


# Platforms whose paid courses a learner short of money may still take: said beside a
# budget they exceed, as a thing to check (the catalog does not record it per course).
AID_PLATFORMS = {
    "coursera": (
        "Coursera offers financial aid on most courses, and many can be audited free without "
        "a certificate: check its page."
    ),
}


def _limit_reasons(
    ctx: AdvisorContext, course: Course, learner: Learner, estimate: HoursEstimate
) -> list[Reason]:
    """One reason per limit the learner set (platforms, budget, deadline); `data["outside"]`
    when the course is beyond it. A limit checked only with an assumed figure, or one that
    cannot be checked (no figure at all), is a caveat and says so."""
    out: list[Reason] = []
    platform = _platform_reason(course, learner)
    if platform is not None:
        out.append(platform)
    weeks = None if estimate.hours is None else weeks_at(estimate.hours, learner.hours_per_week)
    if learner.budget is not None:
        reason = _budget_reason(
            planned_cost(ctx, course, weeks, learner.needs_certificate), learner.budget, weeks
        )
        if reason.data.get("outside") and course.platform in AID_PLATFORMS:
            # a learner with no money is not told 'it costs 98 USD' and nothing more
            reason = reason.model_copy(
                update={"text": f"{reason.text} {AID_PLATFORMS[course.platform]}"}
            )
        out.append(reason)
    if learner.deadline_weeks is not None:
        out.append(_deadline_reason(estimate, learner, learner.deadline_weeks))
    return out


def _platform_reason(course: Course, learner: Learner) -> Reason | None:
    """Only when the course is on none of the learner's platforms (the planner's filter)."""
    if learner.platforms is None or course.platform in learner.platforms:
        return None
    listed = ", ".join(learner.platforms) or "none"
    text = f"It is on {course.platform}, not one of your platforms ({listed}); plans leave it out."
    data = {"outside": True, "course": course.platform, "learner": list(learner.platforms)}
    return Reason(kind="platform", text=text, caveat=True, data=data)


def _cost_words(cost: PlannedCost, weeks: float | None) -> tuple[str, str | None]:
    """('147 USD', '49 USD a month for 3 months at your pace'): the figure and, for a
    subscription, how it adds up."""
    assert cost.amount is not None
    figure = f"{cost.amount:g} {cost.currency}"
    if cost.months is None or cost.monthly is None:
        return figure, None
    span = "at your pace" if weeks is not None else "at least; no time estimate"
    plural = "" if cost.months == 1 else "s"
    return (
        figure,
        f"{cost.monthly:g} {cost.currency} a month for {cost.months} month{plural} {span}",
    )


def _budget_reason(cost: PlannedCost, budget: float, weeks: float | None) -> Reason:
    data: dict[str, Any] = {**cost.model_dump(), "budget": budget}
    mine = f"your {budget:g} {BUDGET_CURRENCY} budget"
    if cost.paid and budget <= 0 and (cost.amount is None or cost.assumed is not None):
        # a paid course is over a zero budget whatever its amount: no assumption needed
        text = (
            f"It is paid ({cost.model}; its amount is not listed in {BUDGET_CURRENCY}), "
            f"and {mine} allows only free courses; plans leave it out."
        )
        return Reason(kind="budget", text=text, caveat=True, data={**data, "outside": True})
    if cost.amount is None:
        text = (
            f"Its price is not listed, so it cannot be checked against {mine}; plans leave it out."
        )
        return Reason(kind="budget", text=text, caveat=True, data={**data, "outside": False})
    over = cost.amount > budget + 1e-9
    figure, adds_up = _cost_words(cost, weeks)
    if cost.assumed is None:
        what = f"It costs {figure}" + ("" if adds_up is None else f" ({adds_up})")
    else:
        what = f"It is assumed to cost {figure}" + ("" if adds_up is None else f", {adds_up}")
        what += f" ({cost.assumed})"
    if over:
        text = f"{what}, more than {mine}."
    elif cost.assumed is None:
        text = f"{what}, within {mine}."
    else:
        text = f"{what}; within {mine} only on that assumption."
    caveat = over or cost.assumed is not None
    return Reason(kind="budget", text=text, caveat=caveat, data={**data, "outside": over})


def _deadline_reason(estimate: HoursEstimate, learner: Learner, deadline: float) -> Reason:
    hpw = learner.hours_per_week
    cap = deadline * hpw
    allows = f"the {cap:.0f} h your deadline allows ({deadline:g} weeks at {hpw:g} h/week)"
    data: dict[str, Any] = {
        "deadline_weeks": deadline,
        "hours_per_week": hpw,
        "hours_cap": cap,
        "hours": estimate.hours,
        "assumed_listed": estimate.assumed_listed,
    }
    if estimate.hours is None:
        text = (
            f"The catalog lists no effort for it, so it cannot be checked against {allows}; "
            "plans leave it out."
        )
        return Reason(kind="deadline", text=text, caveat=True, data={**data, "outside": False})
    over = estimate.hours > cap + 1e-9
    assumed = estimate.assumed_listed is not None
    ours = f"About {hours_words(estimate.hours)} h for you"
    text = f"{ours} is more than {allows}." if over else f"{ours} fits {allows}."
    if assumed:
        text += (
            f" Its effort is not listed: the estimate rests on an assumed "
            f"{estimate.assumed_listed:.0f} h listed (see its time basis)."
        )
    caveat = over or assumed
    return Reason(kind="deadline", text=text, caveat=caveat, data={**data, "outside": over})


def _skill_name(ctx: AdvisorContext, skill: str) -> str:
    info = ctx.taxonomy.skills.get(skill)
    return info.name if info else skill
