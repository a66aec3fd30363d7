"""Known levels: stated, implied by completed courses, closed under taxonomy prerequisites."""

from __future__ import annotations

from coursestack import knowledge
from coursestack.domain import Course, Learner, Level
from coursestack.engine.context import AdvisorContext
from coursestack.engine.learner_state import implied_prerequisites, known_levels
from coursestack.engine.taxonomy import Taxonomy

TAXONOMY = Taxonomy.build(knowledge.skills())


def test_prerequisites_are_implied_up_to_the_held_level_and_the_edge_level() -> None:
    edge = TAXONOMY.prerequisites_of("math.linear-algebra")["math.algebra"]
    assert edge == Level.PRACTISED
    aware = implied_prerequisites({"math.linear-algebra": Level.AWARE}, TAXONOMY)
    assert aware["math.algebra"] == Level.AWARE  # never more than the skill itself
    applied = implied_prerequisites({"math.linear-algebra": Level.APPLIED}, TAXONOMY)
    assert applied["math.algebra"] == edge  # never more than the edge asks
    assert applied["math.linear-algebra"] == Level.APPLIED
    # A stated level above the implied one stays.
    both = implied_prerequisites(
        {"math.linear-algebra": Level.AWARE, "math.algebra": Level.PRODUCTION}, TAXONOMY
    )
    assert both["math.algebra"] == Level.PRODUCTION


def test_implication_is_transitive() -> None:
    held = {"llm.serving": Level.APPLIED}
    out = implied_prerequisites(held, TAXONOMY)
    closure = TAXONOMY.closure(["llm.serving"]) - {"llm.serving"}
    assert closure and closure <= set(out)
    assert all(out[s] >= Level.AWARE for s in closure)


def test_completed_courses_imply_what_they_teach_and_assume() -> None:
    course = Course(
        id="c", title="C", platform="other",
        teaches={"ml.supervised": Level.PRACTISED}, assumes={"prog.python": Level.PRACTISED},
    )  # fmt: skip
    ctx = AdvisorContext(courses={"c": course}, taxonomy=TAXONOMY, roles={})
    learner = Learner(completed=["c"], targets={"ml.supervised": Level.APPLIED})
    known = known_levels(learner, ctx)
    assert known["ml.supervised"] == Level.PRACTISED
    assert known["prog.python"] == Level.PRACTISED
