"""Tagged courses downstream: an advanced course assumes its own main skill a level below
what it teaches, the planner puts an introduction first, and merging keeps the assumption."""

from __future__ import annotations

from coursestack.domain import (
    Course,
    CourseLevel,
    Effort,
    Learner,
    Level,
    Price,
    PriceModel,
    Requirement,
    Weight,
)
from coursestack.engine.context import AdvisorContext
from coursestack.engine.learner_state import known_levels
from coursestack.engine.planner import plan
from coursestack.engine.tagging import TagInput
from coursestack.ingest.aliases import default_tagger, default_taxonomy
from coursestack.ingest.merge import merge_courses, source_ranker

ABOUT = "An online course."


def tagged(cid: str, title: str, level: CourseLevel, source: str = "dump.csv") -> Course:
    course = Course(
        id=cid,
        title=title,
        platform="coursera",
        level=level,
        effort=Effort(hours=10),
        price=Price(model=PriceModel.FREE),
        sources=[source],
    )
    # a line besides the title: a row known by its title alone is tagged at 1 (tagging)
    return default_tagger().apply(course, TagInput(title, ABOUT))


def test_a_beginner_takes_an_introduction_before_an_advanced_course() -> None:
    intro = tagged("intro", "Introduction to Power BI", CourseLevel.BEGINNER)
    advanced = tagged("dax", "Advanced DAX and Performance Optimization", CourseLevel.INTERMEDIATE)
    assert intro.teaches == {"viz.power-bi": Level.AWARE}
    assert advanced.teaches["viz.power-bi"] == Level.PRACTISED
    assert advanced.assumes["viz.power-bi"] == Level.AWARE
    ctx = AdvisorContext(
        courses={c.id: c for c in (intro, advanced)}, taxonomy=default_taxonomy(), roles={}
    )
    learner = Learner.model_validate(
        {"skills": {"viz.principles": 2}, "targets": {"viz.power-bi": 2}, "hours_per_week": 5}
    )
    need = {"viz.power-bi": Requirement(skill="viz.power-bi", level=Level(2), weight=Weight.CORE)}
    result = plan(ctx, learner, known_levels(learner, ctx), need)
    # the advanced course alone would reach level 2 in half the hours; it needs level 1 first
    assert [s.course_id for s in result.steps] == ["intro", "dax"]


def test_merging_sources_keeps_an_advanced_course_s_own_assumption() -> None:
    first = tagged("dax", "Advanced DAX", CourseLevel.INTERMEDIATE, "a.csv")
    second = tagged("dax", "Advanced DAX", CourseLevel.INTERMEDIATE, "b.csv")
    merged, _taken = merge_courses(first, second, source_ranker({}))
    assert merged.assumes["viz.power-bi"] == Level.AWARE < merged.teaches["viz.power-bi"]
    again, _taken = merge_courses(merged, second, source_ranker({}))
    assert again == merged  # a re-import changes nothing
