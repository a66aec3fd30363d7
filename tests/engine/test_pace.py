"""Pace model: calibration on PRODUCT.md's worked example, and the model's properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursestack import knowledge
from coursestack.domain import Course, CourseKind, Effort, Level, PaceProfile
from coursestack.engine.context import AdvisorContext
from coursestack.engine.pace import (
    KNOWN_SKIP,
    READY_CORE,
    estimate_hours,
    experience,
    schedule_share,
    weeks_at,
)
from coursestack.engine.taxonomy import Taxonomy

HOURS_PER_WEEK = 9.0
# The worked example: experienced learners 6-8 weeks, every optional exercise 4-5 months.
EXPERIENCED = {
    "prog.python": Level.PRACTISED,
    "math.calculus": Level.AWARE,
    "math.linear-algebra": Level.AWARE,
}
WEEKS_PER_MONTH = 52 / 12


def synthetic_ml_specialization() -> Course:
    """Same listed effort, teaches and assumes as the curated entry."""
    return Course.model_validate(
        {
            "id": "ml-spec",
            "title": "Machine Learning Specialization",
            "platform": "coursera",
            "kind": "specialization",
            "effort": {"weeks": 13, "hours_per_week_low": 9, "hours_per_week_high": 9},
            "teaches": {"ml.supervised": 2, "ml.gradient-descent": 2, "prog.numpy": 2,
                        "dl.neural-networks": 2, "ml.unsupervised.clustering": 2,
                        "prog.jupyter": 1},
            "assumes": {"prog.python": 1, "math.calculus": 1, "math.linear-algebra": 1},
        }
    )  # fmt: skip


def real_ml_specialization() -> tuple[Course, AdvisorContext]:
    courses = {c.id: c for c in knowledge.curated_catalog()}
    found = [
        c for c in courses.values()
        if c.title == "Machine Learning Specialization" and c.platform == "coursera"
    ]  # fmt: skip
    if not found:
        pytest.skip("the curated catalog has no Machine Learning Specialization")
    ctx = AdvisorContext(courses=courses, taxonomy=Taxonomy.build(knowledge.skills()), roles={})
    return found[0], ctx


def check_calibration(course: Course, ctx: AdvisorContext | None) -> None:
    assert course.effort.total_hours() == pytest.approx(117)
    std = estimate_hours(course, EXPERIENCED, PaceProfile.STANDARD, ctx)
    assert std.hours is not None and std.low is not None and std.high is not None
    assert 6 <= weeks_at(std.hours, HOURS_PER_WEEK) <= 8
    assert std.low == pytest.approx(54, abs=1.5)
    assert std.high == pytest.approx(72, abs=1.5)
    thorough = estimate_hours(course, EXPERIENCED, PaceProfile.THOROUGH, ctx)
    assert thorough.hours is not None and thorough.low is not None and thorough.high is not None
    assert 4 <= weeks_at(thorough.hours, HOURS_PER_WEEK) / WEEKS_PER_MONTH <= 5
    assert thorough.low == pytest.approx(156, abs=3)
    assert thorough.high == pytest.approx(195, abs=3)


def test_calibration_on_synthetic_specialization() -> None:
    check_calibration(synthetic_ml_specialization(), None)


def test_calibration_on_curated_catalog_entry() -> None:
    course, ctx = real_ml_specialization()
    check_calibration(course, ctx)
    est = estimate_hours(course, EXPERIENCED, PaceProfile.STANDARD, ctx)
    assert est.readiness == 1.0
    assert "prerequisites held" in est.basis
    # The calibrated share is said, so 63 h beside "listed 117 h" does not read as an error.
    assert "needs about 54% of the listed time" in est.basis
    assert "PRODUCT.md" not in est.basis  # a user has never seen it


def test_unready_learner_takes_the_listed_time() -> None:
    est = estimate_hours(synthetic_ml_specialization(), {}, PaceProfile.STANDARD)
    assert est.readiness == 0.0
    assert est.hours == pytest.approx(117)
    half = {"prog.python": Level.AWARE}  # 1 of 3 assumed levels
    partial = estimate_hours(synthetic_ml_specialization(), half, PaceProfile.STANDARD)
    assert partial.readiness == pytest.approx(1 / 3)
    share = schedule_share(half)  # Python at 1: a quarter of the example's background
    assert share == pytest.approx(1 - (1 - READY_CORE) / 4)
    assert partial.hours == pytest.approx(117 * (share + (1 - share) * 2 / 3))


def test_the_calibrated_speed_is_the_experienced_learners() -> None:
    """PRODUCT.md's 6-8 weeks are learners with programming experience and some maths; a
    first-time coder who has met a course's (empty) prerequisites takes the listed time."""
    primer = plain({"prog.git": 1}, hours=5.0)
    assert experience({}) == 0.0
    assert estimate_hours(primer, {}).hours == pytest.approx(5.0)
    assert "without programming experience or maths" in estimate_hours(primer, {}).basis
    coder = {"prog.java": Level.PRACTISED}
    assert experience(coder) == 0.5
    assert estimate_hours(primer, coder).hours == pytest.approx(5.0 * (1 + READY_CORE) / 2)
    assert experience(EXPERIENCED) == 1.0
    assert estimate_hours(primer, EXPERIENCED).hours == pytest.approx(5.0 * READY_CORE)
    # statistics counts as maths only when practised; SQL and the shell are not coding
    assert experience({"stats.descriptive": Level.AWARE, "prog.sql": Level.APPLIED}) == 0.0
    assert experience({"stats.descriptive": Level.PRACTISED}) == 0.5
    # school algebra, at any level, is not "some maths" (a school leaver stating it at 2
    # was taken to 77% of the listed time of their first programming course); calculus is
    assert experience({"math.algebra": Level.AWARE}) == 0.0
    assert experience({"math.algebra": Level.PRACTISED}) == 0.0
    assert experience({"math.calculus": Level.AWARE}) == 0.5


def test_a_course_teaching_no_tracked_skill_takes_its_listed_time_for_everyone() -> None:
    # a language or cooking course is not halved for a programmer with some maths
    chinese = plain({}, hours=35.0)
    for known in ({}, EXPERIENCED):
        est = estimate_hours(chinese, known)
        assert est.hours == pytest.approx(35.0)
        assert "teaches no skill the catalog tracks" in est.basis
    assert estimate_hours(chinese, EXPERIENCED, PaceProfile.FAST).hours == pytest.approx(35.0 * 0.8)


def plain(teaches: dict[str, int], hours: float | None = 100.0, **extra: object) -> Course:
    return Course.model_validate(
        {"id": "c", "title": "C", "platform": "other", "effort": {"hours": hours},
         "teaches": teaches, **extra}
    )  # fmt: skip


def test_known_material_is_discounted_with_a_floor() -> None:
    course = plain({"a": 2, "b": 2}, assumes={"c": 1})
    ready = {**EXPERIENCED, "c": Level.AWARE}
    fresh = estimate_hours(course, ready)
    assert fresh.hours == pytest.approx(100 * READY_CORE)  # prerequisite held, nothing known
    half = estimate_hours(course, {**ready, "a": Level.PRACTISED})
    assert half.known_share == pytest.approx(0.5)
    assert half.hours == pytest.approx(100 * READY_CORE * (1 - KNOWN_SKIP * 0.5))
    partial = estimate_hours(course, {**ready, "a": Level.AWARE})  # holds a at 1 of 2
    assert partial.known_share == pytest.approx(0.25)
    everything = estimate_hours(course, {**ready, "a": Level.PRODUCTION, "b": Level.PRODUCTION})
    assert everything.known_share == 1.0
    assert everything.hours == pytest.approx(fresh.hours * (1 - KNOWN_SKIP))
    assert everything.hours is not None and fresh.hours is not None
    assert everything.hours >= 0.4 * fresh.hours - 1e-9  # never skip more than 60%


def test_a_video_only_figure_is_the_least_a_ready_learner_needs() -> None:
    video = Course.model_validate(
        {"id": "v", "title": "V", "platform": "other", "teaches": {"a": 2, "b": 2},
         "effort": {"hours": 100, "text": "9 lessons of about 90 minutes (video time only)"}}
    )  # fmt: skip
    video = video.model_copy(update={"assumes": {"c": 2}})
    schedule = video.model_copy(update={"effort": Effort(hours=100, text="approx. 100 hours")})
    ready = {**EXPERIENCED, "c": Level.PRACTISED}
    fresh = estimate_hours(video, ready)
    assert fresh.hours == pytest.approx(100)  # not 54 h: watching is the least it takes
    assert fresh.low == fresh.hours and (fresh.high or 0) > fresh.hours  # a floor, no lower
    assert "video (or instruction) time only" in fresh.basis and "practice time" in fresh.basis
    assert estimate_hours(schedule, ready).hours == pytest.approx(100 * READY_CORE)
    held = estimate_hours(video, {**ready, "a": Level.PRACTISED})  # known material skimmed
    assert held.hours == pytest.approx(100 * (1 - KNOWN_SKIP * 0.5))
    unready = estimate_hours(video, EXPERIENCED).hours  # c not held: catch-up on top
    assert unready == pytest.approx(100 + 100 * (1 - READY_CORE))


def test_unknown_effort_stays_unknown() -> None:
    est = estimate_hours(plain({"a": 1}, hours=None), {})
    assert (est.hours, est.low, est.high, est.listed) == (None, None, None, None)
    assert "no effort" in est.basis


def test_program_without_effort_sums_its_parts() -> None:
    p1 = Course.model_validate(
        {"id": "p1", "title": "P1", "platform": "other", "effort": {"hours": 40},
         "teaches": {"x": 2}}
    )  # fmt: skip
    p2 = Course.model_validate(
        {"id": "p2", "title": "P2", "platform": "other", "effort": {"hours": 60},
         "teaches": {"y": 2}, "assumes": {"x": 2}}
    )  # fmt: skip
    prog = Course(id="prog", title="Prog", platform="other", kind=CourseKind.SPECIALIZATION,
                  parts=["p1", "p2"])  # fmt: skip
    ctx = AdvisorContext(courses={"p1": p1, "p2": p2, "prog": prog},
                         taxonomy=Taxonomy.build([]), roles={})  # fmt: skip
    est = estimate_hours(prog, EXPERIENCED, PaceProfile.STANDARD, ctx)
    # p2's prerequisite is taught by p1, so no catch-up for it
    assert est.listed == pytest.approx(100)
    assert est.hours == pytest.approx(100 * READY_CORE)
    assert estimate_hours(prog, {}, PaceProfile.STANDARD, None).hours is None
    missing_part = prog.model_copy(update={"parts": ["p1", "gone"]})
    assert estimate_hours(missing_part, {}, PaceProfile.STANDARD, ctx).hours is None
    # two of a program's nine courses listed: their 100 h are not the program's length; its
    # nine courses at their mean are, as an assumption
    partial = prog.model_copy(update={"parts_total": 9})
    scaled = estimate_hours(partial, EXPERIENCED, PaceProfile.STANDARD, ctx)
    assert scaled.listed is None and scaled.assumed_listed == pytest.approx(450)
    assert scaled.hours == pytest.approx(450 * READY_CORE)
    assert "its 9 courses at the mean of the 2 the catalog lists (50 h each)" in scaled.basis


def test_program_listing_its_weeks_beats_a_sum_of_assumed_parts() -> None:
    """No part lists an effort but the program lists its length: length x typical weekly
    load, not parts x a catalog-wide median course."""
    from coursestack.engine.effort_prior import WEEKLY, TypicalEffort, key

    parts = [Course(id=f"p{i}", title=f"P{i}", platform="other") for i in range(5)]
    prog = Course.model_validate(
        {"id": "prog", "title": "Prog", "platform": "other", "kind": "specialization",
         "parts": [p.id for p in parts], "effort": {"weeks": 20}}
    )  # fmt: skip
    typical = {
        WEEKLY: TypicalEffort(5.0, 100, "*", WEEKLY),
        key("*", "course"): TypicalEffort(10.0, 100, "*", "course"),
    }
    ctx = AdvisorContext(courses={c.id: c for c in [*parts, prog]}, taxonomy=Taxonomy.build([]),
                         roles={}, typical_effort=typical)  # fmt: skip
    est = estimate_hours(prog, {}, PaceProfile.STANDARD, ctx)
    assert est.assumed_listed == pytest.approx(100)  # 20 weeks x 5 h, not 5 parts x 10 h
    assert "20 listed weeks" in est.basis
    # One part listing its effort: the parts are summed again.
    listed = parts[0].model_copy(update={"effort": Effort(hours=30)})
    ctx.courses["p0"] = listed
    summed = estimate_hours(prog, {}, PaceProfile.STANDARD, ctx)
    assert summed.listed == pytest.approx(30) and "sum of 5 parts" in summed.basis


def test_pace_profiles_order_and_ranges() -> None:
    course = synthetic_ml_specialization()
    values = [estimate_hours(course, EXPERIENCED, p) for p in PaceProfile]
    by_pace = dict(zip(PaceProfile, values, strict=True))
    fast = by_pace[PaceProfile.FAST].hours
    std = by_pace[PaceProfile.STANDARD].hours
    slow = by_pace[PaceProfile.THOROUGH].hours
    assert fast is not None and std is not None and slow is not None
    assert fast < std < slow
    for est in values:
        assert est.low is not None and est.hours is not None and est.high is not None
        assert est.low <= est.hours <= est.high
    assert "uncalibrated" in by_pace[PaceProfile.FAST].basis


def test_weeks_at() -> None:
    assert weeks_at(63, 9) == pytest.approx(7)
    with pytest.raises(ValueError):
        weeks_at(10, 0)


SKILLS = ["a", "b", "c"]
HOLD = st.dictionaries(st.sampled_from(SKILLS), st.sampled_from(list(Level)))


@given(HOLD, st.sampled_from(SKILLS), st.sampled_from(list(Level)), st.sampled_from(PaceProfile))
def test_more_knowledge_never_takes_longer(
    known: dict[str, Level], skill: str, level: Level, pace: PaceProfile
) -> None:
    course = plain({"a": 2, "b": 3}, assumes={"c": 2})
    raised = {**known, skill: max(level, known.get(skill, Level.NONE))}
    before = estimate_hours(course, known, pace).hours
    after = estimate_hours(course, raised, pace).hours
    assert before is not None and after is not None
    assert after <= before + 1e-9
    assert after >= 100 * READY_CORE * (1 - KNOWN_SKIP) * 0.7 - 1e-9


def test_a_plan_step_has_its_prerequisites_met_so_no_catch_up() -> None:
    course = plain({"a": 2}, assumes={"c": 2})
    alone = estimate_hours(course, EXPERIENCED)  # taken cold: catch-up for c
    assert alone.hours == pytest.approx(100 * READY_CORE + 100 * (1 - READY_CORE))
    step = estimate_hours(
        course, EXPERIENCED, prerequisites_met=True
    )  # c taught by an earlier step
    assert step.hours == pytest.approx(100 * READY_CORE)
    assert "taught by an earlier step" in step.basis and "catch-up" not in step.basis
