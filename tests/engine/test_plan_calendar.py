"""The calendar's order: suppliers of prerequisites first, then the most goal value per hour."""

from __future__ import annotations

from coursestack import knowledge
from coursestack.domain import (
    Course,
    Effort,
    Learner,
    Level,
    Price,
    PriceModel,
    Requirement,
    Weight,
)
from coursestack.engine.context import AdvisorContext
from coursestack.engine.planner import plan
from coursestack.engine.taxonomy import Taxonomy

TAXONOMY = Taxonomy.build(knowledge.skills())
FREE = Price(model=PriceModel.FREE)


def _course(
    cid: str, hours: float, teaches: dict[str, int], assumes: dict[str, int] | None = None
) -> Course:
    return Course(
        id=cid,
        title=cid.title(),
        platform="other",
        effort=Effort(hours=hours),
        price=FREE,
        teaches={k: Level(v) for k, v in teaches.items()},
        assumes={k: Level(v) for k, v in (assumes or {}).items()},
    )


def _run(courses: list[Course], reqs: dict[str, tuple[int, int]], hpw: float = 3.0):  # type: ignore[no-untyped-def]
    ctx = AdvisorContext(courses={c.id: c for c in courses}, taxonomy=TAXONOMY, roles={})
    requirements = {
        s: Requirement(skill=s, level=Level(lv), weight=Weight(w)) for s, (lv, w) in reqs.items()
    }
    learner = Learner(targets={s: Level(lv) for s, (lv, _w) in reqs.items()}, hours_per_week=hpw)
    return plan(ctx, learner, {}, requirements, alternatives=False)


def test_most_value_per_hour_comes_first() -> None:
    result = _run(
        [_course("a-useful-slow", 10, {"prog.git": 2}), _course("z-core-fast", 5, {"prog.sql": 2})],
        {"prog.sql": (2, 3), "prog.git": (2, 1)},
    )
    order = [s.course_id for s in sorted(result.steps, key=lambda s: s.start_week)]
    assert order == ["z-core-fast", "a-useful-slow"]


def test_prerequisite_suppliers_come_before_their_dependents() -> None:
    result = _run(
        [
            _course("advanced", 4, {"prog.sql.advanced": 2}, {"prog.sql": 2}),
            _course("basics", 6, {"prog.sql": 2}),
            _course("other", 1, {"prog.git": 2}),
        ],
        {"prog.sql.advanced": (2, 3), "prog.git": (2, 1)},
    )
    steps = {s.course_id: s for s in result.steps}
    assert steps["basics"].end_week <= steps["advanced"].start_week
    assert "prerequisite step" in steps["basics"].why
