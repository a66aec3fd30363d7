"""The guide says what the data says: each section is checked against the catalog and role."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from coursestack.domain import Course, HandsOn, Pedagogy
from coursestack.domain.errors import InvalidInputError, NotFoundError
from coursestack.services import catalog, guides
from coursestack.store.courses import CourseRepository
from coursestack.store.db import Database

ML = "coursera-ml-specialization"
DL = "coursera-deep-learning-specialization"


def _sections(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {s["id"]: s["statements"] for s in data["sections"]}


def _guide(db: Database, course_id: str, *, add: Course | None = None, **kw: Any) -> dict[str, Any]:
    """The JSON guide of `course_id`, after storing `add` when given."""
    if add is not None:
        with db.session() as s:
            CourseRepository(s).upsert(add)
    data = guides.write_guide(db, course_id, fmt="json", **kw)
    assert isinstance(data, dict)
    return data


@pytest.fixture
def ml_guide(sqlite_db: Database) -> dict[str, Any]:
    data = guides.write_guide(
        sqlite_db, "Machine Learning Specialization", goal="ml-engineer", fmt="json"
    )
    assert isinstance(data, dict)
    return data


def test_covers_parts_in_order_with_their_skills(sqlite_db: Database, ml_guide: dict) -> None:
    ctx = catalog.advisor_context(sqlite_db)
    course = ctx.courses[ML]
    covers = _sections(ml_guide)["covers"]
    part_ids = [st["evidence"]["course_id"] for st in covers if "course_id" in st["evidence"]]
    assert part_ids == course.parts
    for st in covers:
        if "course_id" in st["evidence"]:
            part = ctx.courses[st["evidence"]["course_id"]]
            assert st["evidence"]["teaches"] == {k: int(v) for k, v in part.teaches.items()}
    kinds = {k for st in covers for k in st["evidence"]}
    assert {"pedagogy", "hands_on", "assumes", "effort"} <= kinds


def test_audiences_follow_prerequisites_pedagogy_and_hands_on(
    sqlite_db: Database, ml_guide: dict
) -> None:
    course = catalog.advisor_context(sqlite_db).courses[ML]
    sections = _sections(ml_guide)
    less = " ".join(st["text"] for st in sections["less-suited"])
    assert course.assumes.get("prog.python")
    assert "programming beginners" in less
    assert course.hands_on is HandsOn.GUIDED_LABS
    assert "portfolio" in less
    if course.pedagogy is Pedagogy.THEORY_FIRST:
        assert any("why the algorithms work" in st["text"] for st in sections["for"])


def test_does_not_teach_is_the_role_minus_the_course(sqlite_db: Database, ml_guide: dict) -> None:
    ctx = catalog.advisor_context(sqlite_db)
    course, role = ctx.courses[ML], ctx.roles["ml-engineer"]
    listed = {
        s for st in _sections(ml_guide)["does-not-teach"] for s in st["evidence"].get("skills", [])
    }
    expected = {
        r.skill
        for r in role.requirements
        if r.skill not in course.teaches and r.skill not in course.assumes
    }
    assert expected <= listed
    for skill in ("mlops.model-deployment", "data.messy-real-data", "mlsd.ab-testing"):
        assert skill in listed  # the worked example's gaps, because the data says so


def test_order_against_the_deep_learning_specialization(ml_guide: dict) -> None:
    orders = [st for st in _sections(ml_guide)["faq"] if "first" in st["evidence"]]
    assert orders and orders[0]["evidence"]["first"] == ML
    assert orders[0]["evidence"]["then"] == DL


def test_stack_steps_come_from_the_plan_and_close_gaps(ml_guide: dict) -> None:
    stack = _sections(ml_guide)["stack"]
    steps = [st for st in stack if "course_id" in st["evidence"]]
    assert steps
    assert all(st["evidence"]["course_id"] != ML for st in steps)
    # each step's hours and price as the plan counts them
    for st in steps:
        assert re.search(r"about [\d.]+ hours?( \(assumed\))?, (free|price not listed|[\d,.]+ USD)",
                         st["text"]), st["text"]  # fmt: skip


def test_certificate_and_pedagogy_faq(ml_guide: dict) -> None:
    faq = {st["question"]: st for st in _sections(ml_guide)["faq"]}
    cert = next(st for q, st in faq.items() if q and "certificate" in q)
    assert cert["evidence"]["certificate"] == "university"
    assert "portfolio_requirement" in cert["evidence"]
    compare = [st for q, st in faq.items() if q and q.startswith("How does it compare")]
    assert compare and "Neither is harder" in compare[0]["text"]


def test_no_sentence_without_evidence(ml_guide: dict) -> None:
    for section in ml_guide["sections"]:
        for st in section["statements"]:
            assert st["text"].strip()
            assert st["evidence"], (section["id"], st["text"])


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "script":
            self.scripts += 1
        if tag not in ("meta", "br", "link"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-3:])
        self.stack.pop()


def test_html_escapes_catalog_text(sqlite_db: Database) -> None:
    evil = Course(
        id="evil-course",
        title="<script>alert(1)</script> & Co",
        platform="udemy",
        teaches={"prog.python": 2},
        assumes={"prog.python": 1},
    )
    with sqlite_db.session() as s:
        CourseRepository(s).upsert(evil)
    html = guides.write_guide(sqlite_db, "evil-course", fmt="html")
    assert isinstance(html, str)
    assert "<script>" not in html and "&lt;script&gt;" in html
    checker = _Checker()
    checker.feed(html)
    assert checker.stack == [] and checker.scripts == 0


def test_thin_imported_course_gets_fewer_sections(sqlite_db: Database) -> None:
    thin = Course(id="thin-course", title="Thin", platform="udemy")
    data = _guide(sqlite_db, "thin-course", add=thin)
    assert all(st["evidence"] for sec in data["sections"] for st in sec["statements"])
    assert "covers" not in _sections(data)


def test_markdown_and_errors(sqlite_db: Database) -> None:
    md = guides.write_guide(sqlite_db, ML, goal="data-scientist", fmt="md")
    assert isinstance(md, str) and md.startswith("# Machine Learning Specialization")
    with pytest.raises(InvalidInputError):
        guides.write_guide(sqlite_db, ML, fmt="pdf")
    with pytest.raises(NotFoundError):
        guides.write_guide(sqlite_db, ML, goal="astronaut")


def test_popularity_is_reported_with_its_source_and_caveat(sqlite_db: Database) -> None:
    from coursestack.domain import Popularity

    popular = Course(
        id="popular-course",
        title="Popular",
        platform="udemy",
        teaches={"prog.python": 2},
        popularity=Popularity(enrollments=123456, source="udemy_courses.csv"),
    )
    data = _guide(sqlite_db, "popular-course", add=popular)
    worth = [st for st in _sections(data)["faq"] if st["question"] == "Is it worth it?"]
    assert worth and "123,456 learners enrolled (udemy_courses.csv)" in worth[0]["text"]
    assert "not whether it fits you" in worth[0]["text"]
    assert worth[0]["evidence"]["popularity"]["enrollments"] == 123456


@pytest.mark.parametrize("language", ["es", "en"])
def test_follow_ups_are_in_the_guided_course_language(sqlite_db: Database, language: str) -> None:
    """A follow-up that closes a gap in minutes is stacked when it is in the guided course's
    language (English here), and left out when the reader would not read it."""
    from coursestack.domain import Effort, Price, PriceModel

    helper = Course(
        id="quick-monitoring",
        title="Monitoring in an hour",
        platform="kaggle-learn",
        language=language,
        effort=Effort(hours=1),
        price=Price(model=PriceModel.FREE),
        teaches={"mlops.monitoring": 4},
    )
    with sqlite_db.session() as s:
        catalog.put_course(s, helper.id, helper)
    data = _guide(sqlite_db, ML, goal="ml-engineer")
    stacked = {st["evidence"].get("course_id") for st in _sections(data)["stack"]}
    assert ("quick-monitoring" in stacked) == (language == "en")


def test_platform_effort_says_how_many_courses_list_one(ml_guide: dict) -> None:
    listed = 0
    for st in _sections(ml_guide)["platforms"]:
        if "summary" not in st["evidence"]:  # the line naming the platforms not shown
            continue
        summary = st["evidence"]["summary"]
        effort = summary["effort_hours"]
        if effort["median"] is None:
            assert "median listed effort" not in st["text"]
            continue
        listed += 1
        # the median is of the courses listing an effort, out of all the platform's courses
        assert f"({effort['n']} of {summary['courses']} courses list one)" in st["text"]
    assert listed  # the built-in catalog lists efforts on some platforms


def test_time_rests_on_the_learners_week_and_says_when_effort_is_assumed(
    sqlite_db: Database,
) -> None:
    ctx = catalog.advisor_context(sqlite_db)
    unlisted = [
        c.id
        for c in ctx.courses.values()
        if c.effort.total_hours() is None and not c.parts and c.teaches
    ]
    said = 0
    for course_id in unlisted[:6]:
        data = guides.write_guide(
            sqlite_db,
            course_id,
            learner_data={"skills": {"python": 2}, "goal": "ml-engineer", "hours_per_week": 9},
            fmt="json",
        )
        assert isinstance(data, dict)
        faq = [
            st for st in _sections(data)["faq"] if st.get("question") == "How long does it take?"
        ]
        if not faq:
            continue  # nothing comparable either: no figure at all
        said += 1
        assert "lists no effort" in faq[0]["text"] and "from comparable courses" in faq[0]["text"]
        assert "at 9 h/week" in faq[0]["text"] and "1 weeks" not in faq[0]["text"]
    assert said  # the built-in catalog has unlisted courses with comparable ones


def test_a_foundation_course_is_not_presented_as_aimed_at_its_default_role(
    sqlite_db: Database,
) -> None:
    ctx = catalog.advisor_context(sqlite_db)
    assert set(ctx.courses["kaggle-python"].teaches) == {"prog.python"}  # every role asks for it
    python = guides.build_guide(sqlite_db, "kaggle-python")
    assert python.goal_reason is not None and "foundation" in python.goal_reason
    assert f"of the {len(ctx.roles)} roles" in python.goal_reason
    dl = guides.build_guide(sqlite_db, DL)  # a deep-learning course is aimed at a role
    assert dl.goal_reason is not None and "foundation" not in dl.goal_reason


def test_the_follow_up_plan_reader_holds_what_the_prerequisites_imply(
    sqlite_db: Database,
) -> None:
    ctx = catalog.advisor_context(sqlite_db)
    course = ctx.courses[DL]
    assert "math.calculus" in course.assumes  # and calculus rests on algebra (taxonomy)
    assert "math.algebra" in ctx.taxonomy.prerequisites_of("math.calculus")
    known = guides._known_after(ctx, course, {})
    assert known.get("math.algebra", 0) >= 1  # no algebra primer in its follow-ups


def test_a_foundation_course_is_for_anyone_starting_out(sqlite_db: Database) -> None:
    data = _guide(sqlite_db, "kaggle-python")
    texts = [st["text"] for st in _sections(data)["for"]]
    assert any(t.startswith("Anyone starting out") for t in texts)
    assert not any("People heading for" in t for t in texts)
    chosen = guides.write_guide(sqlite_db, "kaggle-python", goal="data-analyst", fmt="json")
    assert isinstance(chosen, dict)  # a goal the learner chose is named as such
    assert any("People heading for" in st["text"] for st in _sections(chosen)["for"])


def test_the_follow_up_residual_sentence_has_no_learner_specific_advice(
    sqlite_db: Database,
) -> None:
    from coursestack.domain import Level, Plan, PlanTotals, UncoveredGap
    from coursestack.engine.guide import _stack
    from coursestack.engine.guide_model import GuideInputs
    from coursestack.engine.planner_explain import BLOCKED_BY

    ctx = catalog.advisor_context(sqlite_db)
    gaps = [
        UncoveredGap(skill="dl.pytorch", have=Level(1), need=Level(3), reason="x",
                     suggestion=BLOCKED_BY + "Algebra (aware), ...: add it to your skills"),
        UncoveredGap(skill="dl.cnn", have=Level(1), need=Level(3), reason="y",
                     suggestion="an independent project applying it to real data"),
    ]  # fmt: skip
    totals = PlanTotals(weeks=0, hours=0, cost=0, coverage_after=0.5)
    plan = Plan(goal=None, steps=[], coverage_before=0.5, coverage_after=0.5,
                totals=totals, uncovered=gaps)  # fmt: skip
    (statement,) = _stack(ctx, GuideInputs(plan_after=plan)).statements
    assert "independent project" in statement.text
    assert "add it to your skills" not in statement.text


def test_how_long_speaks_to_the_calibrations_reader_and_to_a_newcomer(
    ml_guide: dict[str, Any],
) -> None:
    # PRODUCT.md: about 3 months at 9 h/week listed; learners with programming experience and
    # some maths finish in 6-8 weeks; every optional exercise, 4-5 months. The guide says so
    # for that reader, whatever the course itself assumes (Python at aware), and gives a
    # newcomer the listed time.
    (faq,) = [
        st for st in _sections(ml_guide)["faq"] if st.get("question") == "How long does it take?"
    ]
    text = faq["text"]
    assert "for a learner with programming experience and some maths" in text
    standard = next(p for p in faq["evidence"]["pace"] if p["profile"] == "standard")
    assert 6 <= standard["weeks"] <= 8
    thorough = next(p for p in faq["evidence"]["pace"] if p["profile"] == "thorough")
    assert 4 <= thorough["weeks"] / (52 / 12) <= 5
    newcomer = [p for p in faq["evidence"]["pace"] if p["reader"] == "new to programming and maths"]
    assert len(newcomer) == 1 and round(newcomer[0]["hours"]) == 117
    assert "new to programming and maths, at standard pace: about 117 hours" in text


HOW_LONG = "How long does it take?"


def test_a_reader_who_completed_the_course_is_told_so_not_how_long(sqlite_db: Database) -> None:
    learner = {"completed": ["coursera-ml-specialization"], "goal": "ml-engineer"}
    for course_id, words in (
        ("coursera-ml-specialization", "your learner file lists it"),
        ("coursera-ml-supervised-regression-classification", "as part of Machine Learning"),
    ):
        data = guides.write_guide(sqlite_db, course_id, learner_data=learner, fmt="json")
        assert isinstance(data, dict)
        (how,) = [
            s for s in _sections(data)["faq"] if s.get("question") == "How long does it take?"
        ]
        assert how["text"].startswith("You have completed it") and words in how["text"]
    other = guides.write_guide(sqlite_db, "coursera-deep-learning-specialization",
                               learner_data=learner, fmt="json")  # fmt: skip
    assert isinstance(other, dict)
    (how,) = [s for s in _sections(other)["faq"] if s.get("question") == HOW_LONG]
    assert "completed" not in how["text"]


def test_a_skill_list_cut_short_says_how_much_is_left() -> None:
    from coursestack import knowledge
    from coursestack.domain import Level
    from coursestack.engine.context import AdvisorContext
    from coursestack.engine.guide_words import skills_phrase as _skills_phrase
    from coursestack.engine.taxonomy import Taxonomy

    ctx = AdvisorContext(courses={}, taxonomy=Taxonomy.build(knowledge.skills()), roles={})
    skills = {s.id: Level.AWARE for s in knowledge.skills()[:5]}
    assert _skills_phrase(ctx, skills, limit=3).endswith(" and 2 more")
    assert "more" not in _skills_phrase(ctx, skills, limit=5)


def test_a_beginner_course_assuming_nothing_is_for_complete_beginners(
    sqlite_db: Database, ml_guide: dict
) -> None:
    ctx = catalog.advisor_context(sqlite_db)
    starter = next(
        c
        for c in ctx.courses.values()
        if c.level is not None and c.level.value == "beginner" and not c.assumes and c.teaches
    )
    data = guides.write_guide(sqlite_db, starter.id, fmt="json")
    assert isinstance(data, dict)
    assert any("Complete beginners" in st["text"] for st in _sections(data)["for"])
    # the ML Specialization assumes Python: not said to suit complete beginners
    assert not any("Complete beginners" in st["text"] for st in _sections(ml_guide)["for"])


def test_platform_comparison_shows_the_courses_own_platform_and_the_largest(
    ml_guide: dict,
) -> None:
    lines = _sections(ml_guide)["platforms"]
    shown = [st["evidence"]["platform"] for st in lines if "summary" in st["evidence"]]
    assert shown[0] == "coursera" and len(shown) <= 4  # its own platform first
    sizes = [st["evidence"]["summary"]["courses"] for st in lines[1 : len(shown)]]
    assert sizes == sorted(sizes, reverse=True)
    rest = [st for st in lines if "platforms" in st["evidence"]]
    assert not rest or "compare platforms" in rest[0]["text"]


def test_the_guide_states_the_price_and_a_language_other_than_english(sqlite_db: Database) -> None:
    from coursestack.domain import Price, PriceModel

    audit = Price(model=PriceModel.FREE_AUDIT, certificate_amount=50, currency="USD")
    spanish = Course(id="excel-es", title="Excel", platform="edx", price=audit, language="es")
    data = _guide(sqlite_db, "excel-es", add=spanish)
    covers = [st["text"] for st in _sections(data)["covers"]]
    assert "Price: free to audit; the certificate costs 50 USD." in covers
    assert "It is taught in Spanish (es)." in covers
    ml = _guide(sqlite_db, ML)
    texts = [st["text"] for st in _sections(ml)["covers"]]
    assert any(t.startswith("Price: a subscription of 49") for t in texts), texts


def test_skills_the_row_lists_without_depth_are_not_said_to_be_missing(sqlite_db: Database) -> None:
    # a program's long skill list names SQL; the tagger does not count it, and the guide says
    # so instead of "does not teach SQL"
    listed = Course(
        id="listed",
        title="Data Analyst Program",
        platform="coursera",
        teaches={"data.business-metrics": 1},
        provenance={"weak.prog.sql": "1|1|dump.csv|skills-long:'sql'"},
    )
    data = _guide(sqlite_db, "listed", add=listed, goal="data-analyst")
    texts = [st["text"] for st in _sections(data)["does-not-teach"]]
    missing = [t for t in texts if not t.startswith("Its catalog row also lists")]
    assert not any("SQL," in t or t.endswith("SQL.") for t in missing), missing
    assert any(t.startswith("Its catalog row also lists SQL") for t in texts), texts


def test_a_program_with_courses_outside_the_catalog_says_so(sqlite_db: Database) -> None:
    data = guides.write_guide(
        sqlite_db, "edx-harvardx-data-science-professional-certificate", fmt="json"
    )
    assert isinstance(data, dict)
    covers = [st["text"] for st in _sections(data)["covers"]]
    assert covers[0].endswith("has 9 courses; the catalog holds 2 of them:")
    assert any(t.startswith("As a whole it teaches") for t in covers)


def test_an_imported_rows_empty_prerequisites_are_not_called_none(sqlite_db: Database) -> None:
    from coursestack.domain import CourseLevel

    row = Course(
        id="row", title="Applied Data Science", platform="coursera", sources=["dump.csv"],
        level=CourseLevel.BEGINNER, teaches={"prog.python": 2},
    )  # fmt: skip
    data = _guide(sqlite_db, "row", add=row)
    texts = [st["text"] for st in _sections(data)["for"]]
    assert any("its catalog row names no prerequisite" in t for t in texts), texts
    assert not any("assumes nothing" in t for t in texts)


def test_a_foundation_without_a_chosen_goal_gets_no_role_specific_stack(
    sqlite_db: Database,
) -> None:
    # a Python primer serves every role a little: no plan toward one arbitrary role
    data = _guide(sqlite_db, "kaggle-python")
    sections = _sections(data)
    assert "stack" not in sections and "does-not-teach" not in sections
    assert any(st["text"].startswith("Name your goal role") for st in sections["bottom-line"])
    chosen = guides.write_guide(sqlite_db, "kaggle-python", goal="data-analyst", fmt="json")
    assert isinstance(chosen, dict) and "stack" in _sections(chosen)


def test_role_names_in_sentences_keep_acronyms_and_take_the_right_article() -> None:
    from coursestack import knowledge
    from coursestack.engine.guide_words import role_words as _role_words
    from coursestack.engine.guide_words import with_article as _with_article

    roles = knowledge.roles()
    said = {r.id: _with_article(_role_words(r)) for r in roles}
    assert said["mlops-engineer"] == "an MLOps engineer"
    assert said["ai-engineer"] == "an AI engineer (LLM applications)"
    assert said["data-scientist"] == "a data scientist"


def test_practitioner_reviews_and_platform_ratings_are_both_said(sqlite_db: Database) -> None:
    from coursestack.domain import ExternalRating
    from coursestack.services import reviews

    stars = ExternalRating(value=4.9, scale=5, count=16_900, source="dump.csv")
    rated = Course(
        id="rated", title="Rated Course", platform="coursera", teaches={"prog.python": 2},
        external_rating=stars,
    )  # fmt: skip
    with sqlite_db.session() as s:
        CourseRepository(s).upsert(rated)
        reviews.add_review(s, "rated", reviewer="dan", score=6)
        s.commit()
    data = _guide(sqlite_db, "rated", goal="data-analyst")
    faq = " ".join(st["text"] for st in _sections(data)["faq"])
    assert "1 practitioner review: with so few, our estimate is" in faq, faq
    assert "4.9/5 on its platform from 16,900" in faq, faq
    with sqlite_db.session() as s:
        for name in ("ana", "bo", "cy", "di"):
            reviews.add_review(s, "rated", reviewer=name, score=8)
        s.commit()
    faq = " ".join(st["text"] for st in _sections(_guide(sqlite_db, "rated"))["faq"])
    assert "practitioners rate it" in faq.lower() and "n=5" in faq, faq


def test_a_guide_on_a_course_teaching_no_tracked_skill_speaks_to_no_programmer(
    sqlite_db: Database,
) -> None:
    chinese = Course.model_validate(
        {
            "id": "zz-chinese", "title": "Chinese for Beginners", "platform": "coursera",
            "url": None, "effort": {"weeks": 8.7, "text": "1 - 3 Months"},
        }
    )  # fmt: skip
    data = _guide(sqlite_db, "zz-chinese", add=chinese)
    text = json.dumps(data)
    answer = next(
        st["text"]
        for sec in data["sections"]
        for st in sec["statements"]
        if st.get("question") == "How long does it take?"
    )
    assert "programming experience" not in text and "new to programming" not in answer
    # the assumed load reads the listed weeks at that load, not at a default 8 h a week
    load = answer.split("at about ")[1].split(" h a week")[0]
    assert f"at {load} h/week" in answer and "8 h/week" not in answer


def test_an_off_topic_guide_compares_only_its_own_platform(sqlite_db: Database) -> None:
    guitar = Course(id="zz-guitar", title="Guitar Kick Start", platform="udemy")
    lines = [
        st["text"] for st in _sections(_guide(sqlite_db, "zz-guitar", add=guitar))["platforms"]
    ]
    assert lines[0].startswith("udemy (this course's platform)")
    assert len(lines) == 2 and "more platforms" in lines[1]


def test_an_inferred_prerequisite_is_not_said_as_the_courses_own(sqlite_db: Database) -> None:
    gke = Course.model_validate(
        {
            "id": "zz-gke", "title": "Quokka Kubernetes Engine", "platform": "coursera",
            "url": None, "teaches": {"mlops.kubernetes": 2}, "assumes": {"mlops.docker": 2},
            "provenance": {
                "assumes.mlops.docker":
                    "rule:assumes-taxonomy-prerequisite(mlops.kubernetes, intermediate)->2"
            },
        }
    )  # fmt: skip
    faq = {st.get("question"): st for st in _sections(_guide(sqlite_db, "zz-gke", add=gke))["faq"]}
    answer = faq["What are the prerequisites?"]
    assert answer["text"].startswith("Its catalog row names no prerequisite")
    assert "not listed by the course" in answer["text"]
    assert answer["evidence"]["inferred"] == ["mlops.docker"]
    # the maths line too
    calc = Course.model_validate({
        **gke.model_dump(), "id": "zz-calc", "assumes": {"math.calculus": 1},
        "provenance": {"assumes.math.calculus":
                       "rule:assumes-taxonomy-prerequisite(ml.gradient-descent, intermediate)->1"},
    })  # fmt: skip
    covers = [st["text"] for st in _sections(_guide(sqlite_db, "zz-calc", add=calc))["covers"]]
    assert any(t.startswith("Maths it likely assumes (inferred") for t in covers), covers


def test_which_first_ignores_school_maths_the_reader_holds(sqlite_db: Database) -> None:
    # two related courses whose only order is school algebra: no 'which first' answer
    a = Course(id="zz-a", title="Quokka Calculus", platform="coursera",
               teaches={"math.calculus": 2, "math.linear-algebra": 1},
               assumes={"math.algebra": 1})  # fmt: skip
    taught = {"math.algebra": 3, "math.calculus": 2, "math.linear-algebra": 2}
    b = Course(id="zz-b", title="Quokka Engineering Maths", platform="coursera", teaches=taught)
    with sqlite_db.session() as s:
        CourseRepository(s).upsert(b)
    faq = _sections(_guide(sqlite_db, "zz-a", add=a))["faq"]
    assert not any("Quokka Engineering Maths first" in st["text"] for st in faq)


def test_a_prerequisite_step_names_the_step_it_prepares() -> None:
    from coursestack.domain import Plan, PlanStep, PlanTotals
    from coursestack.engine.context import AdvisorContext
    from coursestack.engine.guide import _prepares
    from coursestack.engine.taxonomy import Taxonomy

    sql = Course(id="sql", title="Intro to SQL", platform="kaggle-learn", teaches={"prog.sql": 2})
    de = Course(id="de", title="DE Zoomcamp", platform="other", assumes={"prog.sql": 1})
    ctx = AdvisorContext(courses={"sql": sql, "de": de}, taxonomy=Taxonomy.build([]), roles={})

    def step(c: Course, start: float) -> PlanStep:
        return PlanStep(course_id=c.id, title=c.title, platform=c.platform, start_week=start,
                        end_week=start + 1, hours=3, cost=0, closes=[], why="")  # fmt: skip

    plan = Plan(goal=None, steps=[step(sql, 0), step(de, 1)], uncovered=[],
                totals=PlanTotals(weeks=2, hours=6, cost=0, coverage_after=0.5),
                coverage_before=0.0, coverage_after=0.5, solver={})  # fmt: skip
    assert _prepares(ctx, plan, plan.steps[0]) == "prepares DE Zoomcamp, which assumes prog.sql"


def test_a_price_in_no_stated_currency_says_what_plans_count_instead() -> None:
    from coursestack.domain import Price, PriceModel
    from coursestack.engine.context import AdvisorContext
    from coursestack.engine.effort_prior import TypicalPrice
    from coursestack.engine.guide_words import price_words
    from coursestack.engine.taxonomy import Taxonomy

    gke = Course(id="g", title="GKE", platform="coursera", price=Price(amount=4065.62))
    typical = {"coursera|subscription": TypicalPrice(49, 13, "coursera", "subscription")}
    ctx = AdvisorContext(
        courses={"g": gke}, taxonomy=Taxonomy.build([]), roles={}, typical_price=typical
    )
    said = price_words(gke, ctx) or ""
    assert said.startswith("Price: 4,065.62 (currency not stated); plans count")
    assert "49 USD/month" in said
    assert price_words(gke) == "Price: 4,065.62 (currency not stated)."
    # a one-time amount with no currency: plans read it as US dollars, and say so
    udemy = Course(id="u", title="U", platform="udemy",
                   price=Price(model=PriceModel.ONE_TIME, amount=60))  # fmt: skip
    assert (price_words(udemy, ctx) or "").endswith("plans count it as 60 USD, labelled assumed.")
