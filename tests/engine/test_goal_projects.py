"""A course's project counts toward a goal only when the course exercises the goal's skills
(engine.goal_projects), the same in the planner, the gap audit and the fit verdict."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from coursestack.domain import Effort, Learner, Level, Plan, Requirement, Weight
from coursestack.engine import planner_explain
from coursestack.engine.context import AdvisorContext
from coursestack.engine.fit import assess_fit
from coursestack.engine.gaps import audit
from coursestack.engine.goal_projects import (
    OFF_GOAL_PROJECT,
    PROJECT_SKILLS,
    goal_skills,
    off_goal_entries,
    threshold,
    toward_goal,
)
from coursestack.engine.learner_state import known_levels
from coursestack.engine.planner import plan

from .test_planner import check_plan, context, course

PORTFOLIO = "practice.portfolio-project"


GOAL = {
    PORTFOLIO: Requirement(skill=PORTFOLIO, level=Level(2), weight=Weight.CORE),
    "prog.python": Requirement(skill="prog.python", level=Level(2), weight=Weight.CORE),
    "prog.sql": Requirement(skill="prog.sql", level=Level(2), weight=Weight.CORE),
    "de.etl-pipelines": Requirement(skill="de.etl-pipelines", level=Level(2), weight=Weight.CORE),
}


def test_a_project_counts_only_beside_two_of_the_goals_own_skills() -> None:
    off = {PORTFOLIO: Level(2), "prog.git": Level(2), "prog.sql": Level(1)}
    assert toward_goal(off, GOAL) == {"prog.git": 2, "prog.sql": 1}
    on = {PORTFOLIO: Level(2), "prog.python": Level(1), "prog.sql": Level(1)}
    assert toward_goal(on, GOAL) == on
    # Nothing to drop without a project; a goal asking for one other skill needs only that.
    assert toward_goal({"prog.git": Level(2)}, GOAL) == {"prog.git": 2}
    narrow = {PORTFOLIO: GOAL[PORTFOLIO], "prog.python": GOAL["prog.python"]}
    assert toward_goal({PORTFOLIO: Level(2), "prog.python": Level(1)}, narrow)[PORTFOLIO] == 2
    assert threshold(goal_skills([PORTFOLIO])) == 0  # a goal of a project alone: any counts


@settings(max_examples=200, deadline=None)
@given(
    courses=st.lists(
        st.dictionaries(
            st.sampled_from([*sorted(PROJECT_SKILLS), "prog.python", "prog.sql", "prog.git"]),
            st.integers(1, 4),
            max_size=4,
        ),
        max_size=6,
    ),
    required=st.sets(st.sampled_from([*sorted(PROJECT_SKILLS), "prog.python", "prog.sql"])),
)
def test_vector_form_equals_the_dict_form(
    courses: list[dict[str, int]], required: set[str]
) -> None:
    skills = [*sorted(PROJECT_SKILLS), "prog.python", "prog.sql", "prog.git"]
    col = {s: j for j, s in enumerate(skills)}
    entries = [(r, col[s]) for r, t in enumerate(courses) for s in sorted(t)]
    t_row = np.array([e[0] for e in entries], dtype=np.int64)
    t_col = np.array([e[1] for e in entries], dtype=np.int64)
    goal = goal_skills(required)
    goal_col = np.array([s in goal for s in skills])
    project_col = np.array([s in PROJECT_SKILLS for s in skills])
    off = off_goal_entries(t_row, t_col, len(courses), goal_col, project_col, threshold(goal))
    kept: list[set[str]] = [set() for _ in courses]
    for (r, j), dropped in zip(entries, off.tolist(), strict=True):
        if not dropped:
            kept[r].add(skills[j])
    levels = [{s: Level(v) for s, v in t.items()} for t in courses]
    assert kept == [set(toward_goal(t, required)) for t in levels]


def _learner(**kw: object) -> Learner:
    return Learner.model_validate({"targets": {s: 2 for s in GOAL}, "hours_per_week": 5, **kw})


def _planned(ctx: AdvisorContext) -> tuple[Learner, dict[str, Level], Plan]:
    """The goal-only learner's plan on `ctx`, checked for validity."""
    learner = _learner()
    known = known_levels(learner, ctx)
    result = plan(ctx, learner, known, GOAL)
    check_plan(ctx, learner, known, GOAL, result)
    return learner, known, result


def test_the_planner_takes_no_off_goal_project_and_the_audit_says_why() -> None:
    ctx = context(
        course("mobile-app", {PORTFOLIO: 2, "prog.git": 2}, effort=Effort(hours=5)),
        course("python", {"prog.python": 2}, effort=Effort(hours=5)),
        course("sql", {"prog.sql": 2}, effort=Effort(hours=5)),
        course("etl", {"de.etl-pipelines": 2}, effort=Effort(hours=5)),
    )
    learner, known, result = _planned(ctx)
    assert sorted(s.course_id for s in result.steps) == ["etl", "python", "sql"]
    assert [u.skill for u in result.uncovered] == [PORTFOLIO]
    # The residual says why (it said "overlaps a program already in the plan": there is none).
    assert result.uncovered[0].reason == planner_explain.OFF_GOAL_PROJECT
    assert "portfolio project" in result.uncovered[0].suggestion
    gaps = audit(ctx, learner, known, GOAL, after=["mobile-app"])
    assert gaps.coverage_after == gaps.coverage_before
    assert [(f.skill, f.reason) for f in gaps.courses[0].fallthrough] == [
        (PORTFOLIO, OFF_GOAL_PROJECT),
        ("prog.git", "not-required"),
    ]
    verdict = assess_fit(ctx, "mobile-app", learner, known, GOAL)
    assert verdict.verdict == "off-goal"


def test_a_project_that_exercises_the_goal_is_planned_and_credited() -> None:
    ctx = context(
        course(
            "pipeline-project",
            {PORTFOLIO: 2, "prog.python": 1, "de.etl-pipelines": 2},
            effort=Effort(hours=20),
        ),
        course("python", {"prog.python": 2}, effort=Effort(hours=5)),
        course("sql", {"prog.sql": 2}, effort=Effort(hours=5)),
    )
    learner, known, result = _planned(ctx)
    assert sorted(s.course_id for s in result.steps) == ["pipeline-project", "python", "sql"]
    assert result.coverage_after == 1.0
    verdict = assess_fit(ctx, "pipeline-project", learner, known, GOAL)
    assert verdict.verdict != "off-goal"
    assert "does not count" not in " ".join(r.text for r in verdict.reasons)
