"""Advisor use cases — gap audit, fit verdict, plan — returning the JSON-ready shapes of
DESIGN.md's contracts. CLI, API and web call these and only render what they return."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import process

from coursestack.domain import (
    Course,
    Learner,
    Level,
    Pedagogy,
    PlanStep,
    PriceModel,
    Requirement,
)
from coursestack.domain.errors import InvalidInputError
from coursestack.engine import fit as fit_engine
from coursestack.engine import gaps as gaps_engine
from coursestack.engine import planner
from coursestack.engine.context import AdvisorContext
from coursestack.engine.effort_prior import BUDGET_CURRENCY, typical_price_for
from coursestack.engine.learner_state import (
    baseline_assumed,
    goal_requirements,
    implied_levels,
    known_levels,
)
from coursestack.engine.pace import HoursEstimate, estimate_hours, learner_background
from coursestack.engine.pace_rows import hours_for_rows
from coursestack.engine.planner_index import FloatArray, IntArray, PlannerIndex
from coursestack.services import learners
from coursestack.services.catalog import advisor_context, resolve_course
from coursestack.settings import DEFAULT_PLAN_TIME_LIMIT
from coursestack.store.db import Database


@dataclass(frozen=True)
class LearnerCase:
    """A parsed learner with what every advisor call derives from it."""

    ctx: AdvisorContext
    learner: Learner
    known: dict[str, Level]
    requirements: dict[str, Requirement]


def learner_case(
    db: Database, learner_data: Mapping[str, Any], max_age: float = 0.0
) -> LearnerCase:
    """The learner parsed against the catalog (`max_age`: see advisor_context)."""
    ctx = advisor_context(db, max_age)
    learner = learners.parse_learner(learner_data, ctx)
    return LearnerCase(
        ctx=ctx,
        learner=learner,
        known=known_levels(learner, ctx),
        requirements=goal_requirements(learner, ctx),
    )


def _resolve(db: Database, queries: Sequence[str]) -> list[Course]:
    with db.session() as session:
        return [resolve_course(session, q, near=True) for q in queries]


def _skill_name(ctx: AdvisorContext, skill: str) -> str:
    return ctx.taxonomy.skills[skill].name if skill in ctx.taxonomy else skill


def _gap_row(ctx: AdvisorContext, gap: Any) -> dict[str, Any]:
    return {
        "skill": gap.skill,
        "name": gap.name,
        "category": gap.category,
        "have": int(gap.have),
        "need": int(gap.need),
        "weight": int(gap.weight),
        "weight_label": gap.weight.label,
    }


def gap_audit(
    db: Database,
    learner_data: Mapping[str, Any],
    after: Sequence[str] = (),
    compare: Sequence[str] = (),
    max_age: float = 0.0,
) -> dict[str, Any]:
    """The goal's requirements minus what the learner holds and what `after` courses add;
    `compare` adds one single-course what-if per course, best first."""
    case = learner_case(db, learner_data, max_age)
    after_ids = [c.id for c in _resolve(db, after)]
    audit = gaps_engine.audit(case.ctx, case.learner, case.known, case.requirements, after_ids)
    out: dict[str, Any] = {
        "goal": audit.goal,
        "coverage": round(audit.coverage_after, 4),
        "coverage_before": round(audit.coverage_before, 4),
        "coverage_after": round(audit.coverage_after, 4),
        "after": after_ids,
        "gaps": [_gap_row(case.ctx, g) for g in audit.gaps],
        "categories": [c.model_dump(mode="json") for c in audit.categories],
        "courses": [c.model_dump(mode="json") for c in audit.courses],
        "untracked": untracked_rows(case.learner),
    }
    if compare:
        options = [[*after_ids, c.id] for c in _resolve(db, compare)]
        completed = set(case.learner.completed)
        for cid in list(completed):
            completed.update(case.ctx.courses[cid].parts if cid in case.ctx.courses else ())
        audits = gaps_engine.compare_after(
            case.ctx, case.learner, case.known, case.requirements, options
        )
        out["compare"] = [
            {
                "course_id": a.after[-1],
                "title": case.ctx.courses[a.after[-1]].title,
                "coverage_after": round(a.coverage_after, 4),
                # what this course adds to the `after` courses (the audit above)
                "gain": round(a.coverage_after - audit.coverage_after, 4),
                "gaps_left": len(a.gaps),
                # taken already (or part of a program taken): it adds nothing, and says why
                "completed": a.after[-1] in completed,
                "closes": a.courses[-1].closes,
                "fallthrough": [f.model_dump(mode="json") for f in a.courses[-1].fallthrough],
            }
            for a in audits
        ]
    return out


def fit(
    db: Database, course: str, learner_data: Mapping[str, Any], max_age: float = 0.0
) -> dict[str, Any]:
    """Is `course` for this learner, and why or why not; their own time estimate."""
    case = learner_case(db, learner_data, max_age)
    target = _resolve(db, [course])[0]
    verdict = fit_engine.assess_fit(
        case.ctx, target.id, case.learner, case.known, case.requirements
    )
    data: dict[str, Any] = _rounded(verdict.model_dump(mode="json"))
    data.setdefault("course_id", target.id)
    data.setdefault("title", target.title)
    data["untracked"] = untracked_rows(case.learner)
    return data


def _rounded(value: Any) -> Any:
    """Floats to 3 decimals, throughout (hours as 31.541023255813958 read as noise)."""
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def untracked_rows(learner: Learner) -> list[dict[str, Any]]:
    """Skills the learner named that the taxonomy does not track (never credited)."""
    return [{"name": n, "level": int(v)} for n, v in learner.untracked.items()]


def make_plan(
    db: Database,
    learner_data: Mapping[str, Any],
    *,
    time_limit: float = DEFAULT_PLAN_TIME_LIMIT,
    objective: str = "balanced",
    max_age: float = 0.0,
) -> dict[str, Any]:
    """The optimal set of courses, in order, on a calendar, with what stays uncovered.
    `max_age`: how old a validation of the cached catalog may be (see advisor_context)."""
    objective = objective.strip().lower()  # 'BEST-RATED' is best-rated
    if objective not in planner.OBJECTIVES:
        # checked before the learner and catalog load: a typo answers at once
        found = process.extractOne(objective, planner.OBJECTIVES)
        hint = f" (did you mean {found[0]!r}?)" if found and found[1] >= 60 else ""
        raise InvalidInputError(
            f"unknown objective {objective!r}{hint}; use one of: {', '.join(planner.OBJECTIVES)}"
        )
    case = learner_case(db, learner_data, max_age)
    return plan_for_case(case, time_limit=time_limit, objective=objective)


def _step_estimates(case: LearnerCase, chosen: Sequence[str]) -> dict[str, HoursEstimate]:
    """Each step's time estimate exactly as the planner counted it: from what the learner
    holds, with its prerequisites met (held or taught by an earlier step), so the step's
    hours and its basis agree (its basis said "prerequisites held" beside hours that still
    carried catch-up time)."""
    return {
        course_id: estimate_hours(
            case.ctx.courses[course_id],
            case.known,
            case.learner.pace,
            case.ctx,
            prerequisites_met=True,
            background=learner_background(case.learner, case.known),
        )
        for course_id in chosen
    }


_TOKEN = re.compile(r"(?<![\w.-])[a-z0-9][a-z0-9._-]*[a-z0-9](?![\w-])")


def humanize(text: str, ctx: AdvisorContext) -> str:
    """The engine's explanation with skill ids and course ids replaced by names and titles."""

    def name(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ctx.taxonomy:
            return ctx.taxonomy.skills[token].name
        course = ctx.courses.get(token)
        return course.title if course is not None else token

    return _TOKEN.sub(name, text)


def _step_json(
    ctx: AdvisorContext,
    step: PlanStep,
    estimates: Mapping[str, HoursEstimate],
    certificate: bool = False,
) -> dict[str, Any]:
    est = estimates.get(step.course_id)
    course = ctx.courses[step.course_id]
    return {
        **step.model_dump(mode="json"),
        "why": humanize(step.why, ctx),
        "raises": {k: int(v) for k, v in step.raises.items()},
        "closes_names": [_skill_name(ctx, s) for s in step.closes],
        "listed_hours": est.listed if est else None,
        "hours_assumed": bool(est and est.listed is None),
        # video time only (Udemy's length, lecture recordings): the least the step takes
        "hours_video_only": bool(est and est.video_only),
        "hours_basis": est.basis if est else None,
        # the certificate the course gives (None when the catalog does not say)
        "certificate": course.certificate.value if course.certificate else None,
        # its hands-on work ('independent-projects' and 'capstone' are portfolio output)
        "hands_on": course.hands_on.value if course.hands_on else None,
        **_cost_basis(ctx, course, certificate),
    }


def _cost_basis(ctx: AdvisorContext, course: Course, certificate: bool = False) -> dict[str, Any]:
    typical = typical_price_for(course, ctx.typical_price)
    price = course.price
    if certificate and price.model == PriceModel.FREE_AUDIT:
        # the learner needs certificates: the planner counted the verified track
        paid = (
            f"the verified certificate, {price.certificate_amount:g} "
            f"{price.currency or BUDGET_CURRENCY}"
            if price.certificate_amount is not None
            else "the verified certificate, whose price is not listed"
        )
        return {"cost_assumed": False, "cost_basis": f"free to audit; counted: {paid}"}
    if typical is None and price.amount and (price.currency or "").upper() != BUDGET_CURRENCY:
        # Udemy's dump lists "200" with no currency: the planner counts it against the USD
        # budget as it stands, which is an assumption to show, not a fact
        return {
            "cost_assumed": True,
            "cost_basis": (
                f"listed {price.amount:g} in {price.currency or 'an unstated currency'}; "
                f"counted as {BUDGET_CURRENCY}, the budget's currency"
            ),
        }
    if typical is None:
        return {"cost_assumed": False, "cost_basis": course.price.text}
    return {
        "cost_assumed": True,
        "cost_basis": (
            f"no listed amount; assumed {typical.describe()}"
            if course.price.model is not None
            else f"no listed price model or USD amount; assumed {typical.describe()}"
        ),
    }


def _credited_after(case: LearnerCase, steps: Sequence[PlanStep]) -> dict[str, Level]:
    """The levels the plan credits on the goal's skills: what each step closes or raises (as
    the planner counted it: a skill a course only touches is no credit), over what the
    learner holds."""
    levels = dict(case.known)
    for step in steps:
        for skill in step.closes:
            req = case.requirements.get(skill)
            if req is not None and req.level > levels.get(skill, Level.NONE):
                levels[skill] = req.level
        for skill, level in step.raises.items():
            if level > levels.get(skill, Level.NONE):
                levels[skill] = Level(level)
    return levels


def plan_for_case(
    case: LearnerCase, *, time_limit: float = DEFAULT_PLAN_TIME_LIMIT, objective: str = "balanced"
) -> dict[str, Any]:
    ctx, learner = case.ctx, case.learner
    implied = implied_levels(learner, ctx)

    index = PlannerIndex.for_context(ctx)
    background = learner_background(learner, case.known)

    def hours_rows(rows: IntArray) -> FloatArray:
        # a plan meets every step's prerequisites before it starts: no catch-up time
        return hours_for_rows(index, ctx, rows, case.known, learner.pace, prerequisites_met=True,
                              background=background)  # fmt: skip

    result = planner.plan(
        ctx,
        learner,
        case.known,
        case.requirements,
        hours_rows=hours_rows,
        index=index,
        time_limit=time_limit,
        objective=objective,
    )
    chosen = [s.course_id for s in result.steps]
    estimates = _step_estimates(case, chosen)
    final = _credited_after(case, result.steps)
    steps = [_step_json(ctx, step, estimates, learner.needs_certificate) for step in result.steps]
    return {
        "goal": result.goal,
        "objective": objective,
        "steps": steps,
        "total_weeks": result.totals.weeks,
        "total_hours": round(result.totals.hours, 1),
        # how much of it rests on efforts assumed from comparable courses (said in the headline)
        "assumed_hours": round(sum(s["hours"] or 0.0 for s in steps if s["hours_assumed"]), 1),
        "total_cost": round(result.totals.cost, 2),
        "cost_unknown_steps": result.totals.cost_unknown,
        "coverage": {
            "before": round(result.coverage_before, 4),
            "after": round(result.coverage_after, 4),
        },
        # steps of the pedagogy opposite the learner's preference: coverage comes first, so
        # a preference can lose to the only course reaching a level; said, not hidden
        "against_pedagogy": _against_pedagogy(ctx, learner, result.steps),
        # steps far below the plan's coverage per hour (engine.planner_yield), or None
        "low_yield": None
        if result.low_yield is None
        else {
            "course_ids": result.low_yield.course_ids,
            "titles": [ctx.courses[c].title for c in result.low_yield.course_ids],
            "hours": result.low_yield.hours,
            "coverage_without": round(result.low_yield.coverage_without, 4),
        },
        "coverage_by_skill": [
            {
                "skill": skill,
                "name": _skill_name(ctx, skill),
                "weight": int(req.weight),
                "need": int(req.level),
                "before": int(case.known.get(skill, Level.NONE)),
                "after": int(final.get(skill, Level.NONE)),
            }
            for skill, req in sorted(
                case.requirements.items(), key=lambda kv: (-int(kv[1].weight), kv[0])
            )
        ],
        "uncovered": [
            {**u.model_dump(mode="json"), "name": _skill_name(ctx, u.skill)}
            for u in result.uncovered
        ],
        "alternatives": [a.model_dump(mode="json") for a in result.alternatives],
        "learner": {
            "hours_per_week": learner.hours_per_week,
            "budget": learner.budget,
            "deadline_weeks": learner.deadline_weeks,
            "platforms": learner.platforms,
            "languages": learner.languages,
            "pace": learner.pace.value,
            "pedagogy": learner.pedagogy.value if learner.pedagogy else None,
            "needs": [n.value for n in learner.needs],
            # the completed courses as resolved (a title a spelling away is matched: shown)
            "completed": [
                {"course_id": cid, "title": ctx.courses[cid].title} for cid in learner.completed
            ],
            # skills taken as held without the learner stating them (school algebra), unless
            # what they hold implies more (a completed course's prerequisites): one output
            # said algebra 'taken as held at 1' and 'inferred at 2'
            "assumed": [
                {"skill": s, "name": _skill_name(ctx, s), "level": int(v)}
                for s, v in baseline_assumed(learner, ctx).items()
                if implied.get(s, Level.NONE) <= v
            ],
            # skills the learner named that the taxonomy does not track (never credited)
            "untracked": untracked_rows(learner),
            # levels inferred from what the learner holds: the prerequisites and narrower
            # parts of their skills and completed courses (never a skill they stated)
            "implied": [
                {"skill": s, "name": _skill_name(ctx, s), "level": int(v)}
                for s, v in sorted(implied.items())
            ],
        },
        "solver": result.solver,
    }


OPPOSITE = {Pedagogy.THEORY_FIRST: Pedagogy.CODE_FIRST, Pedagogy.CODE_FIRST: Pedagogy.THEORY_FIRST}


def _against_pedagogy(
    ctx: AdvisorContext, learner: Learner, steps: Sequence[PlanStep]
) -> list[str]:
    """Titles of the steps taught the way opposite to the learner's preferred pedagogy."""
    opposite = OPPOSITE.get(learner.pedagogy) if learner.pedagogy is not None else None
    if opposite is None:
        return []
    return [s.title for s in steps if ctx.courses[s.course_id].pedagogy is opposite]


def grouped_alternatives(
    alternatives: Sequence[Mapping[str, Any]],
) -> list[tuple[list[str], Mapping[str, Any]]]:
    """The alternatives with the same courses shown once under all their names ('fastest =
    cheapest'): when coverage forces the same courses, three identical lines read as noise."""
    groups: dict[tuple[str, ...], tuple[list[str], Mapping[str, Any]]] = {}
    for alt in alternatives:
        key = tuple(sorted(alt["course_ids"]))
        if key in groups:
            groups[key][0].append(str(alt["name"]))
        else:
            groups[key] = ([str(alt["name"])], alt)
    return list(groups.values())
