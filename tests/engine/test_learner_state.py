"""Known levels: stated, implied by completed courses, closed under taxonomy prerequisites."""

from __future__ import annotations

from coursestack import knowledge
from coursestack.domain import Course, Learner, Level
from coursestack.engine.context import AdvisorContext
from coursestack.engine.learner_state import implied_levels, implied_prerequisites, known_levels
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


def test_a_stated_level_is_never_raised_by_implication() -> None:
    goal = {"ml.supervised": Level.APPLIED}
    ctx = AdvisorContext(courses={}, taxonomy=TAXONOMY, roles={})
    assert TAXONOMY.prerequisites_of("prog.apis")["prog.python"] == Level.PRACTISED
    # the learner's word on Python stands beside REST APIs, whose taxonomy edge asks Python 2
    said = Learner(targets=goal, skills={"prog.apis": Level.APPLIED, "prog.python": Level.AWARE})
    assert known_levels(said, ctx)["prog.python"] == Level.AWARE
    # so does a stated 0
    none = Learner(targets=goal, skills={"prog.apis": Level.APPLIED, "prog.python": Level.NONE})
    assert "prog.python" not in known_levels(none, ctx)
    # a learner stating another language is not taken to code in Python...
    java = Learner(targets=goal, skills={"prog.apis": Level.APPLIED, "prog.java": Level.PRODUCTION})
    assert "prog.python" not in known_levels(java, ctx)
    # ...while with no language stated the taxonomy's edge still implies it
    alone = Learner(targets=goal, skills={"prog.apis": Level.APPLIED})
    assert known_levels(alone, ctx)["prog.python"] == Level.PRACTISED
    # a completed course's own prerequisites count for a skill the learner did not state...
    course = Course(id="c", title="C", platform="other", assumes={"prog.python": Level.APPLIED})
    ctx2 = AdvisorContext(courses={"c": course}, taxonomy=TAXONOMY, roles={})
    done = Learner(targets=goal, skills={"prog.sql": Level.AWARE}, completed=["c"])
    assert known_levels(done, ctx2)["prog.python"] == Level.APPLIED
    # ...while a stated level stands over them too: the learner says what stuck
    said_too = Learner(targets=goal, skills={"prog.python": Level.AWARE}, completed=["c"])
    assert known_levels(said_too, ctx2)["prog.python"] == Level.AWARE


def test_a_stated_skill_implies_its_narrower_parts_one_level_down() -> None:
    ctx = AdvisorContext(courses={}, taxonomy=TAXONOMY, roles={})
    goal = {"ml.unsupervised": Level.APPLIED}
    senior = Learner(targets=goal, skills={"ml.supervised": Level.PRODUCTION})
    known = known_levels(senior, ctx)
    assert known["ml.supervised.logistic-regression"] == Level.APPLIED
    assert known["ml.supervised.xgboost"] == Level.APPLIED
    assert "ml.unsupervised.clustering" not in known  # another area: nothing implied
    # aware of a skill says nothing of its parts; a part the learner states stands
    aware = Learner(targets=goal, skills={"ml.supervised": Level.AWARE})
    assert "ml.supervised.knn" not in known_levels(aware, ctx)
    said = Learner(targets=goal, skills={"ml.supervised": Level.PRODUCTION, "ml.supervised.knn": 1})
    assert known_levels(said, ctx)["ml.supervised.knn"] == Level.AWARE
    # what was inferred is listed for the plan to say so; what the learner stated is not
    implied = implied_levels(senior, ctx)
    assert implied["ml.supervised.svm"] == Level.APPLIED and "ml.supervised" not in implied


def test_a_stated_skill_implies_the_same_knowledge_under_another_disciplines_name() -> None:
    ctx = AdvisorContext(courses={}, taxonomy=TAXONOMY, roles={})
    goal = {"ml.supervised": Level.APPLIED}
    statistician = Learner(
        targets=goal,
        skills={
            "stats.regression": Level.PRODUCTION,
            "stats.experimental-design": Level.APPLIED,
            "stats.inference": Level.APPLIED,
        },
    )
    known = known_levels(statistician, ctx)
    assert known["ml.supervised.linear-regression"] == Level.APPLIED  # 4 - 1
    assert known["mlsd.ab-testing"] == Level.PRACTISED  # 3 - 1
    assert known["math.calculus"] == Level.AWARE  # inference 3 - 2
    # what the implied skill rests on is not inferred in turn: regression and Excel are no
    # Python or ML fundamentals
    analyst = Learner(targets=goal, skills={"stats.regression": 2, "prog.excel": 2})
    inferred = known_levels(analyst, ctx)
    assert inferred["ml.supervised.linear-regression"] == Level.AWARE
    assert "prog.python" not in inferred and "ml.fundamentals" not in inferred
    # listed as inferred, never above a stated level
    assert implied_levels(statistician, ctx)["ml.supervised.linear-regression"] == Level.APPLIED
    said = Learner(
        targets=goal,
        skills={"stats.regression": Level.PRODUCTION, "ml.supervised.linear-regression": 1},
    )
    assert known_levels(said, ctx)["ml.supervised.linear-regression"] == Level.AWARE


def test_a_course_teaching_several_narrower_skills_teaches_their_area() -> None:
    from coursestack.engine.learner_state import effective_teaches

    ctx = AdvisorContext(courses={}, taxonomy=TAXONOMY, roles={})
    models = Course(
        id="m",
        title="M",
        platform="other",
        teaches={
            "ml.supervised.linear-regression": Level.APPLIED,
            "ml.supervised.svm": Level.PRACTISED,
            "ml.supervised.knn": Level.PRACTISED,
        },
    )
    # at the level two of them reach; the course's own tags stay as they are
    assert effective_teaches(models, ctx)["ml.supervised"] == Level.PRACTISED
    assert "ml.supervised" not in models.teaches
    one = Course(id="o", title="O", platform="other",
                 teaches={"ml.supervised.svm": Level.APPLIED})  # fmt: skip
    assert "ml.supervised" not in effective_teaches(one, ctx)  # one model is not the area
    # a part the course only touches does not count
    touched = Course(
        id="t",
        title="T",
        platform="other",
        teaches={"ml.supervised.svm": Level.AWARE, "ml.supervised.knn": Level.PRACTISED},
        provenance={"teaches.ml.supervised.svm": "rule:alias(x); rule:not-central->1"},
    )
    assert "ml.supervised" not in effective_teaches(touched, ctx)


def test_a_language_the_taxonomy_does_not_track_is_programming_experience() -> None:
    from coursestack.engine.pace import experience, learner_background

    ctx = AdvisorContext(courses={}, taxonomy=TAXONOMY, roles={})
    goal = {"ml.supervised": Level.APPLIED}
    gopher = Learner(
        targets=goal,
        skills={"prog.apis": Level.APPLIED, "math.linear-algebra": Level.AWARE},
        untracked={"Go": Level.PRODUCTION},
    )
    known = known_levels(gopher, ctx)
    assert "prog.python" not in known  # a Go developer's APIs are not Python
    assert experience(known) == 0.5  # maths only, read from the taxonomy's skills
    assert learner_background(gopher, known) == 1.0  # with Go: the calibration's background
    plain = Learner(targets=goal, skills={"math.linear-algebra": Level.AWARE})
    assert learner_background(plain, known_levels(plain, ctx)) is None  # nothing to add


def test_school_algebra_is_taken_at_2_for_a_learner_practising_a_quantitative_skill() -> None:
    from coursestack.engine.learner_state import baseline_assumed

    ctx = AdvisorContext(courses={}, taxonomy=TAXONOMY, roles={})

    def algebra(skills: dict[str, int]) -> Level:
        learner = Learner.model_validate({"skills": skills, "goal": "data-analyst"})
        return known_levels(learner, ctx).get("math.algebra", Level.NONE)

    assert algebra({"prog.python": 2}) == Level.AWARE  # coding alone says nothing of algebra
    assert algebra({"stats.descriptive": 1}) == Level.AWARE
    assert algebra({"stats.descriptive": 2}) == Level.PRACTISED
    assert algebra({"ml.fundamentals": 3}) == Level.PRACTISED
    assert algebra({"stats.descriptive": 2, "math.algebra": 1}) == Level.AWARE  # stated stands
    quant = Learner.model_validate({"skills": {"stats.descriptive": 2}, "goal": "data-analyst"})
    assert baseline_assumed(quant, ctx) == {"math.algebra": Level.PRACTISED}  # said back


def test_spreadsheet_skill_implies_spreadsheet_analysis_a_level_down() -> None:
    ctx = AdvisorContext(courses={}, taxonomy=TAXONOMY, roles={})
    learner = Learner.model_validate({"skills": {"prog.excel": 3}, "goal": "data-analyst"})
    assert known_levels(learner, ctx)["data.spreadsheet-analysis"] == Level.PRACTISED
    stated = Learner.model_validate(
        {"skills": {"prog.excel": 3, "data.spreadsheet-analysis": 1}, "goal": "data-analyst"}
    )
    assert known_levels(stated, ctx)["data.spreadsheet-analysis"] == Level.AWARE  # stated stands
