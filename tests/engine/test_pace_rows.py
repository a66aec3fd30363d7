"""The vectorised pace model gives exactly `estimate_hours` for every course."""

from __future__ import annotations

import math

import numpy as np
import pytest

from coursestack import knowledge
from coursestack.domain import Course, Level, PaceProfile
from coursestack.engine.context import AdvisorContext
from coursestack.engine.effort_prior import typical_efforts_with_weekly
from coursestack.engine.learner_state import known_levels
from coursestack.engine.pace import estimate_hours
from coursestack.engine.pace_rows import hours_for_rows
from coursestack.engine.planner_index import PlannerIndex
from coursestack.engine.synthetic import synthetic_learner
from coursestack.engine.taxonomy import Taxonomy


def _builtin() -> AdvisorContext:
    courses = {c.id: c for c in knowledge.curated_catalog()}
    return AdvisorContext(
        courses=courses,
        taxonomy=Taxonomy.build(knowledge.skills()),
        roles={r.id: r for r in knowledge.roles()},
        typical_effort=typical_efforts_with_weekly(courses.values()),
    )


CTX = _builtin()
INDEX = PlannerIndex.build(CTX)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("pace", list(PaceProfile))
def test_every_row_equals_the_per_course_estimate(seed: int, pace: PaceProfile) -> None:
    learner, _known, _reqs = synthetic_learner(CTX, seed)
    known = known_levels(learner, CTX)
    rows = np.arange(INDEX.size, dtype=np.int64)
    met = seed % 2 == 1  # the planner's figures (prerequisites met) on odd seeds
    got = hours_for_rows(INDEX, CTX, rows, known, pace, prerequisites_met=met)
    programs = assumed = 0
    for k, cid in enumerate(INDEX.ids):
        course = CTX.courses[cid]
        want = estimate_hours(course, known, pace, CTX, explain=False, prerequisites_met=met).hours
        if want is None:
            assert math.isnan(got[k]), cid
        else:
            assert got[k] == want, cid  # the same arithmetic: equal, not approximately
        programs += bool(course.parts)
        assumed += course.effort.total_hours() is None and not course.parts and want is not None
    assert programs and assumed  # both paths (per course, typical effort) were exercised


def test_a_subset_of_rows_in_any_order() -> None:
    known = {"prog.python": Level(2)}
    rows = np.array([5, 0, 17, 3], dtype=np.int64)
    got = hours_for_rows(INDEX, CTX, rows, known)
    whole = hours_for_rows(INDEX, CTX, np.arange(INDEX.size, dtype=np.int64), known)
    assert np.array_equal(got, whole[rows], equal_nan=True)
    assert hours_for_rows(INDEX, CTX, np.zeros(0, dtype=np.int64), known).size == 0


def test_memoised_program_figures_follow_the_levels_they_read() -> None:
    """Programs are memoised on the known levels of the skills their estimate reads: learners
    one after another in one process (so the memo is shared) still get estimate_hours exactly,
    and a learner differing only on skills no program reads adds no memo entry."""
    ctx = _builtin()  # a fresh context: a memo of its own
    index = PlannerIndex.build(ctx)
    rows = np.arange(index.size, dtype=np.int64)
    programs = [k for k, cid in enumerate(index.ids) if ctx.courses[cid].parts]
    assert programs
    for seed in range(8):
        learner, _known, _reqs = synthetic_learner(ctx, seed)
        known = known_levels(learner, ctx)
        got = hours_for_rows(index, ctx, rows, known)
        for k in programs:
            want = estimate_hours(ctx.courses[index.ids[k]], known, PaceProfile.STANDARD, ctx).hours
            assert math.isnan(got[k]) if want is None else got[k] == want, index.ids[k]
    from coursestack.engine import pace_rows

    static = pace_rows._static(index, ctx)
    for k in programs:  # each skill a program reads, at each level, one after another
        course = ctx.courses[index.ids[k]]
        one = np.array([k], dtype=np.int64)
        for skill in static.relevant[k]:
            for level in (1, 2, 3):
                known = {skill: Level(level)}
                want = estimate_hours(course, known, PaceProfile.STANDARD, ctx).hours
                got_one = hours_for_rows(index, ctx, one, known)[0]
                assert math.isnan(got_one) if want is None else got_one == want, (k, skill)
    read = set().union(*(static.relevant[k] for k in programs))
    unread = next(s for s in ctx.taxonomy.skills if s not in read)
    hours_for_rows(index, ctx, rows, {unread: Level(3)})
    size = len(static.memo)
    hours_for_rows(index, ctx, rows, {unread: Level(1)})
    assert len(static.memo) == size  # the same figures: no new entry


def test_touched_skills_count_as_known_material_but_not_as_plan_credit() -> None:
    from coursestack.engine.planner_index import TOUCHED_RULE

    touched = Course.model_validate(
        {"id": "t", "title": "T", "platform": "other", "effort": {"hours": 10},
         "teaches": {"prog.python": 2, "prog.sql": 1},
         "provenance": {"teaches.prog.sql": f"rule:alias(outcome:'sql'); {TOUCHED_RULE}->1"}}
    )  # fmt: skip
    ctx = AdvisorContext(
        courses={"t": touched},
        taxonomy=Taxonomy.build(knowledge.skills()),
        roles={},
    )
    index = PlannerIndex.build(ctx)
    sql = index.skill_pos["prog.sql"]
    assert index.teaches[0, sql] == 0 and index.material_rows[0, sql] == 1
    known = {"prog.sql": Level(1)}
    rows = np.arange(index.size, dtype=np.int64)
    got = hours_for_rows(index, ctx, rows, known)
    assert got[0] == estimate_hours(touched, known, PaceProfile.STANDARD, ctx).hours


def test_tagging_marks_touched_skills_with_the_rule_the_index_reads() -> None:
    from coursestack.engine.planner_index import TOUCHED_RULE
    from coursestack.engine.tagging import Tagger

    _level, rule = Tagger.level(Course(id="x", title="x", platform="p"), None, None, None)
    assert TOUCHED_RULE in rule
