from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coursestack import knowledge
from coursestack.domain import (
    CertificateKind,
    Course,
    Effort,
    HandsOn,
    Learner,
    Level,
    Plan,
    PlanAlternative,
    PlanTotals,
    Price,
    PriceModel,
    Requirement,
    Weight,
)
from coursestack.domain.models import WEEKS_PER_MONTH
from coursestack.engine.context import AdvisorContext
from coursestack.engine.gaps import coverage
from coursestack.engine.goal_projects import toward_goal
from coursestack.engine.learner_state import (
    effective_assumes,
    effective_teaches,
    known_levels,
    levels_after,
    raise_levels,
)
from coursestack.engine.planner import (
    FOCUSED,
    _dominating,
    _fair_labels,
    plan,
    subscription_months,
)
from coursestack.engine.planner_explain import (
    LANGUAGE,
    NO_COURSE,
    NO_COURSE_BEYOND,
    OFF_SUBJECT,
    OVER_BUDGET,
    OVER_LIMITS,
    PARTIAL,
    PARTIAL_WORDS,
    PLATFORM,
    PREREQS,
    UNKNOWN_HOURS,
    UNKNOWN_PRICE,
)
from coursestack.engine.synthetic import small_instance
from coursestack.engine.taxonomy import Taxonomy

SKILLS = knowledge.skills()
TAXONOMY = Taxonomy.build(SKILLS)


def usd(amount: float) -> Price:
    return Price(model=PriceModel.ONE_TIME, amount=amount, currency="USD")


def _hours(course: Course) -> float | None:
    return course.effort.total_hours()


def _cost(course: Course, learner: Learner) -> float | None:
    hours = _hours(course)
    weeks = None if hours is None else hours / learner.hours_per_week
    return course.price.cost_for(weeks, learner.needs_certificate)


def _allowed(ctx: AdvisorContext, learner: Learner) -> list[Course]:
    """Independent restatement of who may be chosen (no planner code)."""
    banned = set(learner.completed)
    for cid in learner.completed:
        banned.update(ctx.courses[cid].parts)
    out = []
    for c in ctx.courses.values():
        if c.id in banned:
            continue
        if learner.platforms is not None and c.platform not in learner.platforms:
            continue
        if _hours(c) is None:  # time unknown: never planned
            continue
        if learner.budget is not None and _cost(c, learner) is None:
            continue
        out.append(c)
    return out


def _orderable(
    ctx: AdvisorContext,
    known: Mapping[str, Level],
    courses: list[Course],
    reqs: Mapping[str, Requirement],
) -> bool:
    """Some order meets every assumption, crediting what counts toward the goal (a project
    that does not exercise the goal supplies nothing in the plan: engine.goal_projects)."""
    levels = dict(known)
    rest = list(courses)
    while rest:
        ready = [
            c
            for c in rest
            if all(levels.get(s, 0) >= v for s, v in effective_assumes(c, ctx).items())
        ]
        if not ready:
            return False
        rest.remove(ready[0])
        raise_levels(levels, toward_goal(effective_teaches(ready[0], ctx), reqs))
    return True


def goal_levels_after(
    known: Mapping[str, Level],
    courses: Iterable[Course],
    ctx: AdvisorContext,
    reqs: Mapping[str, Requirement],
) -> dict[str, Level]:
    """Known levels once the courses are taken, counting what counts toward the goal (a
    project only when it exercises the goal: engine.goal_projects)."""
    levels = dict(known)
    for c in courses:
        raise_levels(levels, toward_goal(effective_teaches(c, ctx), reqs))
    return levels


def brute_force_coverage(
    ctx: AdvisorContext,
    learner: Learner,
    known: Mapping[str, Level],
    reqs: Mapping[str, Requirement],
) -> float:
    pool = _allowed(ctx, learner)
    best = coverage(known, reqs)
    for r in range(1, len(pool) + 1):
        for combo in itertools.combinations(pool, r):
            ids = {c.id for c in combo}
            if any(p in ids for c in combo for p in c.parts):
                continue
            spent = sum(_cost(c, learner) or 0.0 for c in combo)
            if learner.budget is not None and spent > learner.budget + 1e-9:
                continue
            if learner.deadline_weeks is not None:
                cap = learner.deadline_weeks * learner.hours_per_week
                if sum(_hours(c) or 0.0 for c in combo) > cap + 1e-9:
                    continue
            value = coverage(goal_levels_after(known, combo, ctx, reqs), reqs)
            if value > best + 1e-12 and _orderable(ctx, known, list(combo), reqs):
                best = value
    return best


def check_plan(
    ctx: AdvisorContext,
    learner: Learner,
    known: Mapping[str, Level],
    reqs: Mapping[str, Requirement],
    result: Plan,
) -> None:
    chosen = [ctx.courses[s.course_id] for s in result.steps]
    ids = [c.id for c in chosen]
    assert len(set(ids)) == len(ids)
    banned = set(learner.completed)
    for cid in learner.completed:
        banned.update(ctx.courses[cid].parts)
    assert not banned & set(ids)
    for c in chosen:
        assert not set(c.parts) & set(ids), "a program and its part together"
        if learner.platforms is not None:
            assert c.platform in learner.platforms
    # Budget and deadline.
    if learner.budget is not None:
        assert all(s.cost is not None for s in result.steps)
        assert sum(s.cost or 0.0 for s in result.steps) <= learner.budget + 1e-6
    if learner.deadline_weeks is not None:
        assert all(_hours(c) is not None for c in chosen)
        cap = learner.deadline_weeks * learner.hours_per_week
        assert sum(_hours(c) or 0.0 for c in chosen) <= cap + 1e-6
        assert result.totals.weeks <= learner.deadline_weeks + 0.5
    # Prerequisites met when each step starts.
    for step, course in zip(result.steps, chosen, strict=True):
        before = [
            ctx.courses[o.course_id]
            for o in result.steps
            if o.course_id != step.course_id and o.end_week <= step.start_week
        ]
        levels = levels_after(known, before, ctx)
        for skill, need in effective_assumes(course, ctx).items():
            assert levels.get(skill, 0) >= need, (step.course_id, skill)
    # Claimed coverage equals recomputed coverage.
    recomputed = coverage(goal_levels_after(known, chosen, ctx, reqs), reqs)
    assert result.coverage_after == pytest.approx(recomputed, abs=1e-12)
    # No zero-value step: it raises a gap skill or supplies a later step's prerequisite.
    for step, course in zip(result.steps, chosen, strict=True):
        others = [c for c in chosen if c.id != course.id]
        without = coverage(goal_levels_after(known, others, ctx, reqs), reqs)
        if without < recomputed - 1e-12:
            continue
        assert "prerequisite step" in step.why, step.why
        assert not _orderable(ctx, known, others, reqs), f"{course.id} adds nothing"


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000))
def test_plan_properties_and_exactness(seed: int) -> None:
    ctx, learner, known, reqs = small_instance(seed, SKILLS, n_courses=9)
    result = plan(ctx, learner, known, reqs, time_limit=5.0)
    check_plan(ctx, learner, known, reqs, result)
    assert result.solver["exact"] is True
    assert result.coverage_after == pytest.approx(
        brute_force_coverage(ctx, learner, known, reqs), abs=1e-9
    )
    for alt in result.alternatives:
        if alt.name == FOCUSED:  # the plan less its low-yield steps: less coverage, said
            assert result.low_yield is not None
            assert alt.totals.coverage_after == pytest.approx(result.low_yield.coverage_without)
            assert alt.totals.coverage_after <= result.coverage_after + 1e-9
            continue
        assert alt.totals.coverage_after == pytest.approx(result.coverage_after, abs=1e-9)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000))
@example(seed=51)  # a supplier whose only dependant was dropped later: found by hypothesis
def test_greedy_fallback_is_valid_and_reports_its_gap(seed: int) -> None:
    ctx, learner, known, reqs = small_instance(seed, SKILLS, n_courses=9)
    result = plan(ctx, learner, known, reqs, time_limit=0.0)
    check_plan(ctx, learner, known, reqs, result)
    if result.solver["status"] == "nothing to choose":
        return
    assert result.solver["method"] == "greedy"
    gap = result.solver["gap"]
    assert gap is not None and 0.0 <= gap <= 1.0
    best = brute_force_coverage(ctx, learner, known, reqs)
    assert result.coverage_after <= best + 1e-9


# ---------------------------------------------------------------- hand-made catalogs


def course(cid: str, teaches: dict[str, int], **kw: object) -> Course:
    data: dict[str, object] = {
        "id": cid,
        "title": cid,
        "platform": "coursera",
        "teaches": teaches,
        "effort": Effort(hours=10),
        "price": Price(model=PriceModel.FREE),
    }
    data.update(kw)
    return Course.model_validate(data)


def context(*courses: Course) -> AdvisorContext:
    return AdvisorContext(courses={c.id: c for c in courses}, taxonomy=TAXONOMY, roles={})


def targets(**levels: int) -> dict[str, Requirement]:
    """Core requirements; keyword `a_b_c` is skill `a.b-c` (first underscore a dot)."""
    out = {}
    for key, v in levels.items():
        head, _, tail = key.partition("_")
        skill = f"{head}.{tail.replace('_', '-')}"
        out[skill] = Requirement(skill=skill, level=Level(v), weight=Weight.CORE)
    return out


def run(ctx: AdvisorContext, reqs: dict[str, Requirement], **kw: object) -> Plan:
    learner = Learner.model_validate(
        {"targets": {s: int(r.level) for s, r in reqs.items()}, "hours_per_week": 5, **kw}
    )
    known = known_levels(learner, ctx)
    result = plan(ctx, learner, known, reqs)
    check_plan(ctx, learner, known, reqs, result)
    return result


def test_a_course_about_another_subject_loses_a_tie_to_one_about_the_skill() -> None:
    # Both teach Git to 2; the WinForms course is two hours shorter but about C# desktop
    # programming (engine.topics): the plan takes the Git course and says why.
    git = course("git-course", {"prog.git": 2}, effort=Effort(hours=12))
    winforms = course("winforms", {"prog.git": 2}, effort=Effort(hours=10))
    base = context(git, winforms)
    ctx = AdvisorContext(courses=base.courses, taxonomy=TAXONOMY, roles={},
                         off_topic={"winforms": "winforms"})  # fmt: skip
    result = run(ctx, targets(prog_git=2))
    assert [s.course_id for s in result.steps] == ["git-course"]
    assert "its title is about winforms" in result.steps[0].why
    assert [s.course_id for s in run(base, targets(prog_git=2)).steps] == ["winforms"]
    # a course known by its title alone weighs half as much: 2 h shorter, it still loses
    thin = AdvisorContext(courses=base.courses, taxonomy=TAXONOMY, roles={},
                          title_only=frozenset({"winforms"}))  # fmt: skip
    result = run(thin, targets(prog_git=2))
    assert [s.course_id for s in result.steps] == ["git-course"]
    assert "the catalog knows only its title" in result.steps[0].why
    # alone, it is taken: its description says what it teaches
    only = AdvisorContext(courses={"winforms": winforms}, taxonomy=TAXONOMY, roles={},
                          off_topic={"winforms": "winforms"})  # fmt: skip
    assert [s.course_id for s in run(only, targets(prog_git=2)).steps] == ["winforms"]
    # about another subject and known by its title alone: its skills are incidental title
    # words (an iOS course naming design patterns for a data engineer), never planned
    bare = AdvisorContext(courses={"winforms": winforms}, taxonomy=TAXONOMY, roles={},
                          off_topic={"winforms": "winforms"},
                          title_only=frozenset({"winforms"}))  # fmt: skip
    left = run(bare, targets(prog_git=2))
    assert left.steps == [] and [u.reason for u in left.uncovered] == [OFF_SUBJECT]
    assert left.solver["excluded"]["off_subject"] == 1


def test_a_certificate_seeker_takes_the_course_giving_one_when_coverage_ties() -> None:
    uni = course("uni", {"prog.git": 2}, effort=Effort(hours=12),
                 certificate=CertificateKind.UNIVERSITY)  # fmt: skip
    video = course("video", {"prog.git": 2}, effort=Effort(hours=10),
                   certificate=CertificateKind.NONE)  # fmt: skip
    ctx = context(uni, video)
    seeker = run(ctx, targets(prog_git=2), needs=["certificate"])
    assert [s.course_id for s in seeker.steps] == ["uni"]
    assert "it gives no certificate" in seeker.steps[0].why
    assert [s.course_id for s in run(ctx, targets(prog_git=2)).steps] == ["video"]


def test_a_portfolio_seeker_takes_the_course_ending_in_a_project_when_coverage_ties() -> None:
    capstone = course("capstone", {"prog.git": 2}, effort=Effort(hours=12),
                      hands_on=HandsOn.CAPSTONE)  # fmt: skip
    labs = course("labs", {"prog.git": 2}, effort=Effort(hours=10), hands_on=HandsOn.GUIDED_LABS)
    ctx = context(capstone, labs)
    seeker = run(ctx, targets(prog_git=2), needs=["portfolio"])
    assert [s.course_id for s in seeker.steps] == ["capstone"]
    assert [s.course_id for s in run(ctx, targets(prog_git=2)).steps] == ["labs"]


def test_foundations_come_first_even_without_a_listed_prerequisite() -> None:
    # The ML course lists no prerequisite, but the taxonomy puts Python under supervised
    # learning: the Python course starts first although the ML course gains more per hour.
    ml = course("ml", {"ml.supervised": 2}, effort=Effort(hours=5))
    py = course("py", {"prog.python": 2}, effort=Effort(hours=20))
    result = run(context(ml, py), targets(ml_supervised=2, prog_python=2), hours_per_week=3)
    assert [s.course_id for s in sorted(result.steps, key=lambda s: s.start_week)] == ["py", "ml"]


def test_a_step_waits_for_the_step_teaching_what_its_skills_rest_on_on_two_tracks() -> None:
    # Two tracks would run both from week 0; the taxonomy puts LLM applications under RAG,
    # so the RAG course waits for the apps course, and the calendar is no longer for it.
    rag = course("rag", {"llm.rag": 2}, effort=Effort(hours=6))
    apps = course("apps", {"llm.apps": 2}, effort=Effort(hours=8))
    result = run(context(rag, apps), targets(llm_rag=2, llm_apps=2), hours_per_week=10)
    steps = {s.course_id: s for s in result.steps}
    assert steps["rag"].start_week >= steps["apps"].end_week
    assert result.totals.weeks == pytest.approx(1.4)  # 14 h at 10 h a week either way


def test_a_long_step_adding_little_coverage_is_named_low_yield() -> None:
    # Coverage comes first, so the 200-hour course is planned for one useful level of Git;
    # the plan says so, with what the rest reaches without it.
    ctx = context(
        course("py", {"prog.python": 2}),
        course("sql", {"prog.sql": 2}),
        course("pandas", {"prog.pandas": 2}),
        course("git-marathon", {"prog.git": 1}, effort=Effort(hours=200)),
    )
    reqs = targets(prog_python=2, prog_sql=2, prog_pandas=2)
    reqs["prog.git"] = Requirement(skill="prog.git", level=Level(2), weight=Weight.USEFUL)
    result = run(ctx, reqs)
    assert "git-marathon" in [s.course_id for s in result.steps]
    tail = result.low_yield
    assert tail is not None and tail.course_ids == ["git-marathon"] and tail.hours == 200
    assert tail.coverage_without == pytest.approx(
        coverage({"prog.python": 2, "prog.sql": 2, "prog.pandas": 2}, reqs)
    )
    # and the plan without them is an alternative, with its own totals
    focused = next(a for a in result.alternatives if a.name == "without low-yield steps")
    assert sorted(focused.course_ids) == ["pandas", "py", "sql"]
    assert focused.totals.coverage_after == pytest.approx(tail.coverage_without)
    assert focused.totals.hours == pytest.approx(result.totals.hours - 200, abs=0.1)
    # steps of like yield: none is named
    even = run(context(course("py", {"prog.python": 2}), course("sql", {"prog.sql": 2}),
                       course("pandas", {"prog.pandas": 2})), targets(
        prog_python=2, prog_sql=2, prog_pandas=2))  # fmt: skip
    assert even.low_yield is None


def test_program_and_its_part_are_exclusive() -> None:
    ctx = context(
        course("part-a", {"prog.python": 2}, effort=Effort(hours=5)),
        course("part-b", {"prog.sql": 2}, effort=Effort(hours=5)),
        course("prog", {}, parts=["part-a", "part-b"], effort=Effort(hours=8)),
    )
    result = run(ctx, targets(prog_python=2, prog_sql=2))
    assert [s.course_id for s in result.steps] == ["prog"]
    assert result.coverage_after == 1.0


def test_platform_filter_and_its_reason() -> None:
    ctx = context(
        course("cheap-elsewhere", {"prog.python": 3}, platform="udemy", effort=Effort(hours=2)),
        course("allowed", {"prog.python": 2}, effort=Effort(hours=20)),
    )
    result = run(ctx, targets(prog_python=3), platforms=["coursera"])
    assert [s.course_id for s in result.steps] == ["allowed"]
    assert [(u.skill, u.reason) for u in result.uncovered] == [("prog.python", PLATFORM)]


def test_language_filter_keeps_unknown_languages_and_names_its_reason() -> None:
    ctx = context(
        course("spanish", {"prog.python": 3}, language="es", effort=Effort(hours=2)),
        course("unlabelled", {"prog.python": 2}, effort=Effort(hours=20)),
        course("english", {"prog.python": 1}, language="en", effort=Effort(hours=1)),
    )
    result = run(ctx, targets(prog_python=3), languages=["en"])
    assert sorted(s.course_id for s in result.steps) == ["unlabelled"]
    assert [(u.skill, u.reason) for u in result.uncovered] == [("prog.python", LANGUAGE)]
    assert result.solver["excluded"]["language"] == 1  # type: ignore[index]
    # Reading Spanish too, the short Spanish course closes the gap alone.
    both = run(ctx, targets(prog_python=3), languages=["en", "es"])
    assert [s.course_id for s in both.steps] == ["spanish"]
    assert [s.course_id for s in run(ctx, targets(prog_python=3)).steps] == ["spanish"]


def test_unknown_language_counts_as_readable_only_for_english_readers() -> None:
    # What import leaves of unknown language is mostly English: a Spanish-only reader gets
    # the Spanish course, not the unlabelled one; an English reader may get the unlabelled one.
    ctx = context(
        course("spanish", {"prog.python": 2}, language="es", effort=Effort(hours=20)),
        course("unlabelled", {"prog.python": 2}, effort=Effort(hours=2)),
    )
    spanish_only = run(ctx, targets(prog_python=2), languages=["es"])
    assert [s.course_id for s in spanish_only.steps] == ["spanish"]
    english = run(ctx, targets(prog_python=2), languages=["en"])
    assert [s.course_id for s in english.steps] == ["unlabelled"]
    # With only the unlabelled course, the Spanish reader's gap says why it stays open.
    alone = context(course("unlabelled", {"prog.python": 2}, effort=Effort(hours=2)))
    left = run(alone, targets(prog_python=2), languages=["es"])
    assert left.steps == [] and [u.reason for u in left.uncovered] == [LANGUAGE]


def test_budget_excludes_unknown_prices() -> None:
    ctx = context(
        course("unknown-price", {"prog.python": 3}, price=Price(model=PriceModel.ONE_TIME)),
        course("paid", {"prog.python": 2}, price=usd(30)),
    )
    result = run(ctx, targets(prog_python=3), budget=50)
    assert [s.course_id for s in result.steps] == ["paid"]
    assert result.solver["excluded_unknown_price"] == 1
    assert result.uncovered[0].reason == UNKNOWN_PRICE
    suggestion = result.uncovered[0].suggestion or ""
    assert "raise the budget" not in suggestion  # it cannot help
    # the course whose price to look up, by name
    title = ctx.courses["unknown-price"].title
    assert suggestion.startswith(f"check the price of {title} on its site"), suggestion
    # with no budget at all, a paid course of unstated amount is over it, not a price to
    # look up (a learner with budget 0 was sent to check three Nanodegrees' prices)
    broke = run(ctx, targets(prog_python=3), budget=0)
    assert broke.solver["excluded_unknown_price"] == 0 and broke.steps == []
    assert broke.solver["excluded"]["over_budget"] == 2
    assert [u.reason for u in broke.uncovered] == [OVER_BUDGET]
    unlimited = run(ctx, targets(prog_python=3))
    assert [s.course_id for s in unlimited.steps] == ["unknown-price"]
    assert unlimited.totals.cost_unknown == 1


def test_a_gap_blocked_by_an_unlisted_foundation_names_it() -> None:
    # Deep learning's only course needs calculus, which the learner did not list and no
    # course teaches: say so, so that a learner who knows calculus can add it.
    ctx = context(course("dl", {"dl.neural-networks": 2}, assumes={"math.calculus": 1}))
    result = run(ctx, targets(dl_neural_networks=2))
    (gap,) = result.uncovered
    assert gap.reason == PREREQS
    assert gap.suggestion is not None
    assert "Calculus" in gap.suggestion and "(aware)" in gap.suggestion
    assert "add it to your skills" in gap.suggestion


def test_school_algebra_is_taken_as_held_unless_the_learner_says_otherwise() -> None:
    # An adult is taken to hold school algebra at 1: a course assuming it is planned without
    # an algebra primer first; a learner stating algebra at 0 gets the primer.
    ctx = context(
        course("dl", {"dl.neural-networks": 2}, assumes={"math.algebra": 1}),
        course("algebra-primer", {"math.algebra": 1}, effort=Effort(hours=10)),
    )
    assert [s.course_id for s in run(ctx, targets(dl_neural_networks=2)).steps] == ["dl"]
    without = run(ctx, targets(dl_neural_networks=2), skills={"math.algebra": 0})
    assert [s.course_id for s in without.steps] == ["algebra-primer", "dl"]
    known = run(ctx, targets(dl_neural_networks=2), skills={"math.algebra": 1})
    assert [s.course_id for s in known.steps] == ["dl"] and not known.uncovered


def test_courses_on_one_subscription_share_its_months_in_the_total() -> None:
    # Two 10 h courses at 5 h/week on one 49/month subscription: four weeks in all, one
    # month paid, not one per course (each step still shows what it would cost alone).
    sub = Price(model=PriceModel.SUBSCRIPTION, amount=49, currency="USD")
    ctx = context(
        course("py", {"prog.python": 2}, price=sub),
        course("sql", {"prog.sql": 2}, price=sub),
    )
    result = run(ctx, targets(prog_python=2, prog_sql=2))
    assert sorted(s.course_id for s in result.steps) == ["py", "sql"]
    assert [s.cost for s in result.steps] == [49, 49]
    assert result.totals.weeks <= 52 / 12 and result.totals.cost == 49
    apart = context(
        course("py", {"prog.python": 2}, price=sub),
        course("sql", {"prog.sql": 2}, price=sub, platform="edx"),  # two subscriptions
    )
    assert run(apart, targets(prog_python=2, prog_sql=2)).totals.cost == 98


def test_an_unknown_price_is_not_taken_for_free() -> None:
    # Most candidates are free; the unknown price weighs as the paid ones' median (70), so
    # the cheapest plan takes the 40 USD SQL course, not the shorter one of unknown price.
    ctx = context(
        course("py", {"prog.python": 2}),
        course("mystery", {"prog.sql": 2}, price=Price(), effort=Effort(hours=5)),
        course("sql40", {"prog.sql": 2}, price=usd(40)),
        course("git", {"prog.git": 2}, price=usd(100)),
    )
    reqs = targets(prog_python=2, prog_sql=2, prog_git=2)
    learner = Learner.model_validate({"targets": {s: 2 for s in reqs}, "hours_per_week": 5})
    known = known_levels(learner, ctx)
    cheapest = plan(ctx, learner, known, reqs, objective="cheapest")
    assert sorted(s.course_id for s in cheapest.steps) == ["git", "py", "sql40"]


def test_a_subscription_is_paid_for_every_month_its_courses_touch() -> None:
    m = WEEKS_PER_MONTH
    # three one-week courses months apart: three months, not the one their weeks add up to
    assert subscription_months([(3.7, 4.8), (9.2, 11.3), (14.6, 15.7)]) == 3
    # a course starting inside a paid month uses it; one running past it buys another
    assert subscription_months([(0, 1), (2, 3)]) == 1
    assert subscription_months([(0, 1), (m - 0.5, m + 0.5)]) == 2
    assert subscription_months([(0, 3 * m)]) == 3
    assert subscription_months([(0, 2 * m), (0.5, 1)]) == 2  # overlap costs nothing more


def test_a_skill_whose_courses_break_different_limits_names_both() -> None:
    # the free course is too long, the short one costs money: a later deadline alone or a
    # budget alone would admit one, so neither is named alone
    long_free = course("long", {"prog.sql": 2}, effort=Effort(hours=40),
                       price=Price(model=PriceModel.FREE))  # fmt: skip
    short_paid = course("short", {"prog.sql": 2}, effort=Effort(hours=5), price=usd(30))
    result = run(context(long_free, short_paid), targets(prog_sql=2), budget=0,
                 deadline_weeks=2, hours_per_week=5)  # fmt: skip
    assert result.steps == []
    (gap,) = result.uncovered
    assert gap.reason == OVER_LIMITS and "raise the budget" in (gap.suggestion or "")
    assert "extend the deadline" in (gap.suggestion or "")


def test_gap_no_course_teaches_is_reported_with_a_suggestion() -> None:
    ctx = context(course("py", {"prog.python": 2}))
    result = run(ctx, targets(prog_python=2, practice_portfolio_project=3))
    assert [s.course_id for s in result.steps] == ["py"]
    (gap,) = result.uncovered
    assert (gap.skill, gap.reason) == ("practice.portfolio-project", NO_COURSE)
    assert gap.suggestion is not None and "portfolio" in gap.suggestion
    # a practice skill gets advice that builds it, not a portfolio project for everything
    writing = run(ctx, targets(practice_technical_writing=3, practice_research_reading=2))
    advice = {g.skill: g.suggestion or "" for g in writing.uncovered}
    assert "write up your projects" in advice["practice.technical-writing"]
    assert "reproduce one paper" in advice["practice.research-reading"]


def test_a_gap_no_course_closes_says_why_the_plan_stops_short_of_the_partial_ones() -> None:
    # No course reaches SQL 3; one reaches 2 but the budget goes to the Python gap.
    ctx = context(
        course("py", {"prog.python": 2}, price=usd(40)),
        course("sql", {"prog.sql": 2}, price=usd(35)),
    )
    result = run(ctx, targets(prog_python=2, prog_sql=3), budget=50)
    assert [s.course_id for s in result.steps] == ["py"]
    (gap,) = result.uncovered
    assert gap.reason == NO_COURSE + PARTIAL_WORDS + PARTIAL[OVER_BUDGET]
    assert gap.suggestion is not None and "raise the budget" in gap.suggestion
    # Without a budget the partial course is planned, and the rest is simply not taught.
    free = run(ctx, targets(prog_python=2, prog_sql=3))
    assert sorted(s.course_id for s in free.steps) == ["py", "sql"]
    # courses teach SQL, just not that far: said as such, not as a catalog without SQL
    assert [(u.skill, u.reason) for u in free.uncovered] == [("prog.sql", NO_COURSE_BEYOND)]
    assert "own projects" in NO_COURSE_BEYOND
    assert free.uncovered[0].suggestion == "an independent project applying it to real data"


def test_prerequisite_step_comes_first_and_says_why() -> None:
    ctx = context(
        course("advanced", {"ml.supervised": 3}, assumes={"math.calculus": 2}),
        course("calculus", {"math.calculus": 2}),
    )
    result = run(ctx, targets(ml_supervised=3))
    assert [s.course_id for s in result.steps] == ["calculus", "advanced"]
    first, second = result.steps
    assert first.why.startswith("prerequisite step") and "advanced" in first.why
    assert second.start_week >= first.end_week
    assert second.closes == ["ml.supervised"]


def test_runner_up_and_dominated_course() -> None:
    ctx = context(
        course("short", {"prog.python": 3}, effort=Effort(hours=10)),
        course("long", {"prog.python": 3}, effort=Effort(hours=30)),
    )
    result = run(ctx, targets(prog_python=3))
    (step,) = result.steps
    assert step.course_id == "short"
    assert result.solver["excluded"]["dominated"] == 1


def test_runner_up_named_when_not_dominated() -> None:
    ctx = context(
        course("fast", {"prog.python": 3}, effort=Effort(hours=10),
               price=usd(20)),
        course("free", {"prog.python": 3}, effort=Effort(hours=30)),
    )  # fmt: skip
    result = run(ctx, targets(prog_python=3))
    (step,) = result.steps
    assert step.runner_up in {"fast", "free"} - {step.course_id}
    assert "beat runner-up" in step.why
    names = {a.name: a for a in result.alternatives}
    assert names["fastest"].course_ids == ["fast"]
    assert names["cheapest"].course_ids == ["free"]


def test_unknown_hours_are_never_planned() -> None:
    ctx = context(
        course("no-effort", {"prog.python": 3}, effort=Effort()),
        course("known", {"prog.python": 2}, effort=Effort(hours=10)),
    )
    for extra in ({"deadline_weeks": 10}, {}):
        result = run(ctx, targets(prog_python=3), **extra)
        assert [s.course_id for s in result.steps] == ["known"]
        assert result.solver["excluded_unknown_hours"] == 1
        assert result.uncovered[0].reason == UNKNOWN_HOURS


def test_a_skill_a_course_only_touches_earns_no_plan_credit() -> None:
    # A MATLAB primer that mentions matrices (tagging: linear algebra at 1, not central) is
    # no linear-algebra step; a course about it is.
    touched = {"teaches.math.linear-algebra": "rule:alias(outcome:'matrices'); rule:not-central->1"}
    primer = course("matlab", {"math.linear-algebra": 1}, provenance=touched)
    result = run(context(primer), targets(math_linear_algebra=1))
    assert result.steps == [] and [u.skill for u in result.uncovered] == ["math.linear-algebra"]
    real = course("linalg", {"math.linear-algebra": 1}, effort=Effort(hours=20))
    both = run(context(primer, real), targets(math_linear_algebra=1))
    assert [s.course_id for s in both.steps] == ["linalg"]  # though the primer is shorter


def test_a_learner_needing_certificates_pays_the_verified_track() -> None:
    # edX-style: free to audit, a verified certificate for 49 USD. A learner who needs
    # certificates is charged it (budget 30: the course is out); one who does not, nothing.
    audit = Price(model=PriceModel.FREE_AUDIT, amount=0, currency="USD", certificate_amount=49)
    ctx = context(
        course("audit", {"prog.python": 2}, price=audit),
        course("cheap", {"prog.python": 1}, price=usd(20)),
    )
    free = run(ctx, targets(prog_python=2), budget=30)
    assert [(s.course_id, s.cost) for s in free.steps] == [("audit", 0.0)]
    needs = run(ctx, targets(prog_python=2), budget=30, needs=["certificate"])
    assert [s.course_id for s in needs.steps] == ["cheap"]
    paid = run(ctx, targets(prog_python=2), budget=60, needs=["certificate"])
    assert [(s.course_id, s.cost) for s in paid.steps] == [("audit", 49.0)]
    unlisted = audit.model_copy(update={"certificate_amount": None})
    ctx2 = context(course("audit", {"prog.python": 2}, price=unlisted))
    unknown = run(ctx2, targets(prog_python=2), budget=100, needs=["certificate"])
    assert unknown.steps == [] and unknown.solver["excluded_unknown_price"] == 1


def test_steps_on_one_subscription_run_back_to_back_when_that_saves_a_month() -> None:
    # By value per hour the calendar would run sub1, then the free SQL course, then sub2:
    # two subscription months. Running sub2 right after sub1 pays one, ends no later.
    sub = Price(model=PriceModel.SUBSCRIPTION, amount=49, currency="USD")
    ctx = context(
        course("sub1", {"prog.python": 2}, price=sub, effort=Effort(hours=5)),
        course("free", {"prog.sql": 2}, platform="kaggle-learn", effort=Effort(hours=20)),
        course("sub2", {"prog.pandas": 1}, price=sub, effort=Effort(hours=12.5)),
    )
    result = run(ctx, targets(prog_python=2, prog_sql=2, prog_pandas=2))
    order = [s.course_id for s in sorted(result.steps, key=lambda s: s.start_week)]
    assert order == ["sub1", "sub2", "free"]
    assert result.totals.cost == 49 and result.totals.weeks == pytest.approx(7.5)


def test_a_subscription_stretched_by_a_second_track_is_paid_for_its_months_or_run_alone() -> None:
    # 30 h on a 49 USD/month subscription takes 3.75 weeks at 8 h a week: one month, the
    # figure the budget is checked on. Beside a free course at half the hours it would run
    # 7.5 weeks, two months (98 USD, over the 49 USD budget): the calendar runs it alone.
    sub = Price(model=PriceModel.SUBSCRIPTION, amount=49, currency="USD")
    ctx = context(
        course("paid", {"prog.python": 2}, price=sub, effort=Effort(hours=30)),
        course("free", {"prog.sql": 2}, platform="kaggle-learn", effort=Effort(hours=30),
               price=Price(model=PriceModel.FREE)),
    )  # fmt: skip
    result = run(ctx, targets(prog_python=2, prog_sql=2), hours_per_week=8, budget=49)
    assert {s.course_id for s in result.steps} == {"paid", "free"}
    assert result.totals.cost == 49 and result.totals.weeks == pytest.approx(7.5)
    paid = next(s for s in result.steps if s.course_id == "paid")
    assert paid.end_week - paid.start_week == pytest.approx(3.8, abs=0.1)


def test_a_subscription_of_unstated_price_weighs_as_its_months_at_the_median_price() -> None:
    # 80 h at 5 h/week is four months of a subscription whose price the catalog does not
    # state: at the catalog's 49 USD a month, dearer than the 150 USD course (weighed as the
    # median paid course, 99.5 USD, it looked cheaper).
    monthly = Price(model=PriceModel.SUBSCRIPTION, amount=49, currency="USD")
    unstated = Price(model=PriceModel.SUBSCRIPTION, currency="USD")
    ctx = context(
        course("git49", {"prog.git": 2}, price=monthly),
        course(
            "nano", {"prog.sql": 2}, price=unstated, effort=Effort(hours=80), platform="udacity"
        ),
        course("sql150", {"prog.sql": 2}, price=usd(150), platform="udemy"),
    )
    reqs = targets(prog_git=2, prog_sql=2)
    learner = Learner.model_validate({"targets": {s: 2 for s in reqs}, "hours_per_week": 5})
    known = known_levels(learner, ctx)
    cheapest = plan(ctx, learner, known, reqs, objective="cheapest")
    assert sorted(s.course_id for s in cheapest.steps) == ["git49", "sql150"]


def test_an_unknown_pedagogy_counts_as_the_expected_mismatch() -> None:
    # A code-first learner; of the described candidates half are theory-first, so a course
    # of unknown pedagogy weighs half a mismatch: the code-first Git course, half an hour
    # longer, beats it (at no penalty the least-described course always won).
    ctx = context(
        course("code", {"prog.git": 2}, pedagogy="code-first", effort=Effort(hours=10.5)),
        course("mystery", {"prog.git": 2}),
        course("theory", {"prog.sql": 2}, pedagogy="theory-first"),
    )
    result = run(ctx, targets(prog_git=2, prog_sql=2), pedagogy="code-first")
    assert sorted(s.course_id for s in result.steps) == ["code", "theory"]
    assert sorted(s.course_id for s in run(ctx, targets(prog_git=2, prog_sql=2)).steps) == [
        "mystery",
        "theory",
    ]


def _alt(name: str, hours: float, cost: float, cover: float = 0.7) -> PlanAlternative:
    weeks = hours / 5
    totals = PlanTotals(weeks=weeks, hours=hours, cost=cost, coverage_after=cover)
    return PlanAlternative(name=name, course_ids=[f"{name}-course"], totals=totals)


def test_each_label_goes_to_the_plan_that_earns_it_in_the_shown_totals() -> None:
    # the "cheapest" solve minimised each course's own months; on the calendar the fastest
    # plan came out cheaper, so it is the cheapest too (a lower-coverage plan never is)
    alts = [_alt("fastest", 64, 148), _alt("cheapest", 64, 197), _alt("best-rated", 70, 150)]
    info: dict[str, dict[str, object]] = {}
    _fair_labels(alts, _alt("balanced", 66, 160), info)
    assert [(a.name, a.totals.cost) for a in alts] == [
        ("fastest", 148), ("cheapest", 148), ("best-rated", 150)
    ]  # fmt: skip
    assert info == {"cheapest": {"same_as": "fastest"}}
    thin = [_alt("cheapest", 64, 197), _alt("fastest", 10, 0, cover=0.5)]
    _fair_labels(thin, _alt("balanced", 66, 160), {})
    assert [a.totals.cost for a in thin] == [160, 0]  # the main plan is the cheapest


def test_a_main_plan_beaten_on_every_shown_figure_gives_way_unless_it_rates_better() -> None:
    main = _alt("balanced", 771, 1127)
    alts = [_alt("fastest", 720, 1029), _alt("cheapest", 720, 1029), _alt("best-rated", 956, 1372)]
    soft = {"fastest": 1.0, "cheapest": 1.0, "best-rated": 0.5}
    better = _dominating(main, alts, soft, main_soft=1.0)
    assert better is not None and better.name == "fastest"
    assert _dominating(main, alts, soft, main_soft=0.9) is None  # better ratings: kept
    assert _dominating(main, [_alt("fastest", 720, 1200)], soft, main_soft=1.0) is None
