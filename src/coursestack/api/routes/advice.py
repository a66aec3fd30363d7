"""Advisor use cases: gap audit, course fit and plans. Each runs in the planner pool (off the
event loop, bounded, with a deadline); unknown names inside the learner are 422."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query

from coursestack.api.deps import CATALOG_MAX_AGE, DatabaseDep, OptionsDep, PlanRunnerDep
from coursestack.api.errors import error_responses, names_in_body
from coursestack.api.schemas import FitOut, GapsIn, GapsOut, LearnerIn, PlanOut
from coursestack.services import advise
from coursestack.services.catalog import resolve_course
from coursestack.store.db import Database

router = APIRouter(tags=["advice"])


@router.post("/gaps", response_model=GapsOut, responses=error_responses(422, 503))
async def gaps(body: GapsIn, db: DatabaseDep, runner: PlanRunnerDep) -> Any:
    """What the learner's goal requires minus what they know and what `after` courses add."""
    with names_in_body():
        return await runner.run(
            advise.gap_audit, db, body.learner.learner_data(), body.after, max_age=CATALOG_MAX_AGE
        )


def _fit(db: Database, course: str, learner: dict[str, Any]) -> dict[str, Any]:
    with db.session() as session:
        # as the CLI reads it (a title's head, a spelling); unknown course in the path: 404
        found = resolve_course(session, course, near=True)
    with names_in_body():
        return advise.fit(db, found.id, learner, CATALOG_MAX_AGE)


@router.post(
    "/courses/{course:path}/fit",
    response_model=FitOut,
    responses=error_responses(404, 409, 422, 503),
)
async def fit(
    course: Annotated[str, Path(min_length=1, max_length=300)],
    learner: LearnerIn,
    db: DatabaseDep,
    runner: PlanRunnerDep,
) -> Any:
    """Is this course for this learner, why or why not, and how long it will take them."""
    return await runner.run(_fit, db, course, learner.learner_data())


Objective = Literal["balanced", "fastest", "cheapest", "best-rated"]


@router.post("/plans", response_model=PlanOut, responses=error_responses(422, 503))
async def plan(
    learner: LearnerIn,
    db: DatabaseDep,
    runner: PlanRunnerDep,
    options: OptionsDep,
    objective: Annotated[
        Objective, Query(description="What breaks ties once coverage is the best it can be.")
    ] = "balanced",
) -> Any:
    """The best set of courses for the learner's goal within their budget, hours, deadline
    and platforms, in prerequisite order on a calendar, with what stays uncovered."""
    with names_in_body():
        return await runner.run(
            advise.make_plan,
            db,
            learner.learner_data(),
            time_limit=options.solver_time_limit,
            objective=objective,
            max_age=CATALOG_MAX_AGE,
        )
