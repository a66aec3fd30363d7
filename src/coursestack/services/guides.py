"""Guide use case: a review-site article for any course, composed from engine results."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from coursestack.domain import Course, InvalidInputError, Learner, Level, PaceProfile, Role
from coursestack.engine import planner
from coursestack.engine.context import AdvisorContext
from coursestack.engine.guide import compose_guide
from coursestack.engine.guide_model import (
    EXPERIENCED,
    NEWCOMER,
    Guide,
    GuideInputs,
    PaceScenario,
)
from coursestack.engine.guide_relations import best_role, is_foundation
from coursestack.engine.guide_render import to_html, to_markdown
from coursestack.engine.learner_state import (
    effective_assumes,
    effective_teaches,
    implied_prerequisites,
    known_levels,
)
from coursestack.engine.pace import estimate_hours, weeks_at
from coursestack.engine.pace_rows import hours_for_rows
from coursestack.engine.planner_index import PlannerIndex
from coursestack.engine.platforms import compare_platforms
from coursestack.services import learners
from coursestack.services.catalog import advisor_context, get_role, resolve_course
from coursestack.store.db import Database

GuideFormat = Literal["md", "html", "json"]
FORMATS: tuple[str, ...] = ("md", "html", "json")
DEFAULT_HOURS_PER_WEEK = 8.0  # calendar for a generic reader when the course lists no pace
MIN_PLATFORM_COURSES = 5  # platforms with fewer curated/imported courses say too little
PLAN_TIME_LIMIT = 2.0


def _known_after(
    ctx: AdvisorContext, course: Course, base: Mapping[str, Level]
) -> dict[str, Level]:
    """A reader who met the prerequisites and finished the course, with what those imply
    (whoever holds calculus holds the algebra under it: the follow-up plan sent Deep Learning
    Specialization readers to an algebra primer)."""
    known = dict(base)
    for table in (effective_assumes(course, ctx), effective_teaches(course, ctx)):
        for skill, level in table.items():
            if level > known.get(skill, Level.NONE):
                known[skill] = level
    return implied_prerequisites(known, ctx.taxonomy)


def _weekly_hours(course: Course) -> float:
    low, high = course.effort.hours_per_week_low, course.effort.hours_per_week_high
    if low is not None:
        return (low + (high or low)) / 2
    return DEFAULT_HOURS_PER_WEEK


def _pace(
    ctx: AdvisorContext,
    course: Course,
    known: Mapping[str, Level],
    per_week: float | None = None,
    for_learner: bool = False,
) -> list[PaceScenario]:
    """Fast / standard / thorough estimates, at the learner's weekly hours when given (else
    the course's listed load, else a default). Without a learner the guide speaks to the
    calibration's reader (programming experience and some maths: PRODUCT.md's 6-8 weeks for
    the Machine Learning Specialization) and adds a newcomer's standard figure."""
    per_week = per_week or _weekly_hours(course)
    # a course teaching no tracked skill takes its listed time whatever the reader's
    # programming and maths (engine.pace): one set of figures, spoken to nobody in particular
    technical = bool(course.teaches or course.assumes)
    readers: list[tuple[PaceProfile, float | None, str | None]] = (
        [(p, None, None) for p in PaceProfile]
        if for_learner or not technical
        else [
            *((p, 1.0, EXPERIENCED) for p in PaceProfile),
            (PaceProfile.STANDARD, 0.0, NEWCOMER),
        ]
    )
    out: list[PaceScenario] = []
    for profile, background, reader in readers:
        est = estimate_hours(course, known, profile, ctx, background=background)
        if est.hours is None or est.low is None or est.high is None:
            return []
        weeks_listed = course.effort.weeks
        if (
            not for_learner
            and est.assumed_listed
            and weeks_listed
            and course.effort.hours_per_week_low is None
        ):
            # a listed length with an assumed load: the weeks are read at that load, not at
            # a default one ('about 4 h a week' then '4 weeks at 8 h/week' in one answer)
            per_week = max(1.0, float(round(est.assumed_listed / weeks_listed)))
        out.append(
            PaceScenario(
                profile=profile.value,
                hours=est.hours,
                low=est.low,
                high=est.high,
                weeks=weeks_at(est.hours, per_week),
                hours_per_week=per_week,
                assumed_listed=est.assumed_listed,
                reader=reader,
            )
        )
    return out


def _reader_languages(course: Course) -> list[str]:
    return [course.language.lower()] if course.language else list(learners.DEFAULT_LANGUAGES)


def build_guide(
    db: Database,
    course_query: str,
    *,
    goal: str | None = None,
    learner_data: Mapping[str, Any] | None = None,
) -> Guide:
    ctx = advisor_context(db)
    with db.session() as session:
        course = resolve_course(session, course_query, near=True)
    # The guide speaks of what taking the course teaches, as plans and fit verdicts count it:
    # its parts' skills and the broader skills its narrower ones make up included (seven
    # supervised models at 'practised' read 'does not teach supervised learning').
    course = course.model_copy(update={"teaches": effective_teaches(course, ctx)})
    learner: Learner | None = None
    if learner_data is not None:
        learner = learners.parse_learner(learner_data, ctx)
    role: Role | None
    reason: str | None
    goal_id = goal or (learner.goal if learner else None)
    if goal_id is not None:
        role, reason = get_role(goal_id), "the goal you chose"
    else:
        role, reason = best_role(ctx, course)
    base: dict[str, Level] = {}
    if learner is not None:
        base = known_levels(learner, ctx)
    prereq_known = {**effective_assumes(course, ctx), **base}
    done: str | None = None
    if learner is not None:
        if course.id in learner.completed:
            done = "your learner file lists it"
        else:
            holder = next((p for p in ctx.parents_of(course.id) if p in learner.completed), None)
            if holder is not None:
                done = f"as part of {ctx.courses[holder].title}, which your learner file lists"
    inputs = GuideInputs(
        role=role,
        role_reason=reason,
        role_defaulted=goal_id is None,
        completed_by_reader=done,
        pace=_pace(
            ctx,
            course,
            prereq_known,
            learner.hours_per_week if learner else None,
            for_learner=learner is not None,
        ),
        rating=ctx.ratings.get(course.id),
        quality=ctx.quality,
        ratings=ctx.ratings,
    )
    if role is not None and not (goal_id is None and is_foundation(ctx, course, role)):
        known = _known_after(ctx, course, base)
        reader = Learner(
            skills=known,
            completed=[course.id],
            goal=role.id,
            hours_per_week=learner.hours_per_week if learner else _weekly_hours(course),
            budget=learner.budget if learner else None,
            platforms=learner.platforms if learner else None,
            pedagogy=learner.pedagogy if learner else None,
            needs=learner.needs if learner else [],
            # whoever reads this course's guide reads its language (a Spanish follow-up in
            # an English course's guide is no help)
            languages=learner.languages if learner else _reader_languages(course),
        )
        requirements = role.required()
        index = PlannerIndex.for_context(ctx)
        inputs.plan_after = planner.plan(
            ctx,
            reader,
            known,
            requirements,
            hours_rows=lambda rows: hours_for_rows(
                index, ctx, rows, known, reader.pace, prerequisites_met=True
            ),
            time_limit=PLAN_TIME_LIMIT,
            index=index,
        )
    summaries = compare_platforms(ctx.courses.values(), ctx.ratings)
    inputs.platforms = [
        s for s in summaries if s.courses >= MIN_PLATFORM_COURSES or s.platform == course.platform
    ]
    return compose_guide(ctx, course, inputs)


def write_guide(
    db: Database,
    course_query: str,
    *,
    goal: str | None = None,
    learner_data: Mapping[str, Any] | None = None,
    fmt: str = "md",
) -> str | dict[str, Any]:
    """The guide rendered as Markdown or HTML (a string) or as JSON data (a dict)."""
    if fmt not in FORMATS:
        raise InvalidInputError(f"unknown guide format {fmt!r}; use one of {', '.join(FORMATS)}")
    guide = build_guide(db, course_query, goal=goal, learner_data=learner_data)
    if fmt == "json":
        return guide.model_dump(mode="json")
    return to_html(guide) if fmt == "html" else to_markdown(guide)
