"""What a plan step says about its cost and hours: listed, assumed from the platform, or an
amount in an unstated currency counted against the USD budget (an assumption, labelled); hours
as the planner counted them, prerequisites met."""

from __future__ import annotations

from coursestack.domain import Course, Effort, Price, PriceModel
from coursestack.engine.context import AdvisorContext
from coursestack.engine.pace import estimate_hours
from coursestack.engine.taxonomy import Taxonomy
from coursestack.services import advise, catalog
from coursestack.services.advise import _cost_basis
from coursestack.store.db import Database


def _ctx() -> AdvisorContext:
    return AdvisorContext(courses={}, taxonomy=Taxonomy.build([]), roles={})


def _course(price: Price) -> Course:
    return Course(id="c", title="C", platform="udemy", price=price)


def test_an_amount_without_a_currency_is_labelled_as_counted_in_usd() -> None:
    unstated = _course(Price(model=PriceModel.ONE_TIME, amount=200, text="200 (no currency)"))
    basis = _cost_basis(_ctx(), unstated)
    assert basis["cost_assumed"] is True
    assert "unstated currency" in basis["cost_basis"] and "counted as USD" in basis["cost_basis"]
    listed = _course(Price(model=PriceModel.ONE_TIME, amount=20, currency="USD", text="20 USD"))
    assert _cost_basis(_ctx(), listed) == {"cost_assumed": False, "cost_basis": "20 USD"}
    free = _course(Price(model=PriceModel.FREE, text="free"))
    assert _cost_basis(_ctx(), free)["cost_assumed"] is False


def test_step_hours_are_the_estimate_their_basis_describes(sqlite_db: Database) -> None:
    learner = {"skills": {}, "goal": "ml-engineer", "hours_per_week": 9}
    plan = advise.make_plan(sqlite_db, learner)
    ctx = catalog.advisor_context(sqlite_db)
    assert plan["steps"]
    for step in plan["steps"]:
        want = estimate_hours(ctx.courses[step["course_id"]], {}, ctx=ctx, prerequisites_met=True)
        assert want.hours is not None and step["hours"] == round(want.hours, 1)
        assert "catch-up" not in step["hours_basis"]  # every prerequisite is met by then


def test_coverage_by_skill_shows_only_what_the_plan_credits(sqlite_db: Database) -> None:
    # A course about Python that only touches SQL: the plan credits Python, not SQL, and
    # the per-skill table says the same as the plan's coverage.
    touched = {"teaches.prog.sql": "rule:alias(outcome:'sql'); rule:not-central->1"}
    with sqlite_db.session() as s:
        catalog.put_course(
            s,
            "py-touching-sql",
            Course(id="py-touching-sql", title="Python With a Word on SQL", platform="other",
                   teaches={"prog.python": 2, "prog.sql": 1}, provenance=touched,
                   effort=Effort(hours=5), price=Price(model=PriceModel.FREE)),
        )  # fmt: skip
    learner = {"targets": {"python": 2, "sql": 1}, "hours_per_week": 5,
               "platforms": ["other"]}  # fmt: skip
    plan = advise.make_plan(sqlite_db, learner)
    assert "py-touching-sql" in [s["course_id"] for s in plan["steps"]]
    rows = {row["skill"]: row for row in plan["coverage_by_skill"]}
    assert rows["prog.python"]["after"] == 2 and rows["prog.sql"]["after"] == 0


def test_the_plan_says_which_skills_it_takes_as_held(sqlite_db: Database) -> None:
    learner = {"skills": {"python": 2}, "goal": "ml-engineer", "hours_per_week": 9}
    assumed = advise.make_plan(sqlite_db, learner)["learner"]["assumed"]
    assert [a["skill"] for a in assumed] == ["math.algebra"] and assumed[0]["level"] == 1
    stated = {**learner, "skills": {"python": 2, "algebra": 0}}  # "I do not hold it"
    assert advise.make_plan(sqlite_db, stated)["learner"]["assumed"] == []
    implied = {**learner, "skills": {"python": 2, "calculus": 2}}  # calculus rests on algebra
    said = advise.make_plan(sqlite_db, implied)["learner"]
    assert said["assumed"] == []
    # the inference is said instead: algebra under calculus, never a stated skill
    inferred = {row["skill"]: row["level"] for row in said["implied"]}
    assert inferred.get("math.algebra") == 2 and "math.calculus" not in inferred
    # a completed course's prerequisites imply algebra at 2: said once, as inferred, not
    # also 'taken as held at 1'
    done = {**learner, "completed": ["https://www.coursera.org/learn/machine-learning"]}
    said = advise.make_plan(sqlite_db, done)["learner"]
    inferred = {row["skill"]: row["level"] for row in said["implied"]}
    assert inferred.get("math.algebra", 0) >= 2 and said["assumed"] == []


def test_a_certificate_need_counts_the_verified_track_and_says_so() -> None:
    audit = _course(
        Price(model=PriceModel.FREE_AUDIT, amount=0, currency="USD", certificate_amount=49)
    )
    basis = _cost_basis(_ctx(), audit, certificate=True)
    assert basis == {
        "cost_assumed": False,
        "cost_basis": "free to audit; counted: the verified certificate, 49 USD",
    }
    assert _cost_basis(_ctx(), audit)["cost_basis"] == audit.price.text


def test_the_plan_echoes_completed_courses_as_resolved(sqlite_db: Database) -> None:
    # a title a spelling away is matched: the plan shows which course it was read as
    learner = {
        "skills": {"python": 2},
        "completed": ["Machine Learning Specialisation"],
        "goal": "ml-engineer",
        "hours_per_week": 9,
    }
    (done,) = advise.make_plan(sqlite_db, learner)["learner"]["completed"]
    assert done["title"] == "Machine Learning Specialization"


def test_the_plan_says_how_much_of_its_time_is_assumed(sqlite_db: Database) -> None:
    plan = advise.make_plan(
        sqlite_db, {"skills": {"python": 2}, "goal": "ml-engineer", "hours_per_week": 9}
    )
    assumed = sum(s["hours"] for s in plan["steps"] if s["hours_assumed"])
    assert plan["assumed_hours"] == round(assumed, 1)
    assert 0 < plan["assumed_hours"] <= plan["total_hours"]
