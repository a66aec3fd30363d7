"""The guide's questions and answers and its bottom line, from the same data as its sections."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coursestack.domain import (
    CertificateKind,
    Course,
    HandsOn,
    Level,
    Pedagogy,
    Role,
    Weight,
)
from coursestack.engine.context import AdvisorContext
from coursestack.engine.guide_model import (
    EXPERIENCED,
    NEWCOMER,
    GuideInputs,
    Section,
    Statement,
)
from coursestack.engine.guide_relations import (
    order_between,
    related_courses,
)
from coursestack.engine.guide_words import (
    CATEGORY_NAMES,
    CERTIFICATE_WORDS,
    PEDAGOGY_WORDS,
    category_of,
    hours_words,
    join_words,
    lower_first,
    rating_phrase,
    role_words,
    skill_name,
    skills_phrase,
    upper_first,
    with_article,
)
from coursestack.engine.learner_state import SCHOOL_BASELINE
from coursestack.engine.pace import weeks_words
from coursestack.engine.tagging import INFERRED_PREREQUISITE

RELATED_FOR_ORDER = 15  # related courses considered for the "which first" answer
FOUNDATION_CATEGORIES = ("programming", "math", "statistics")


def faq(ctx: AdvisorContext, course: Course, role: Role | None, inputs: GuideInputs) -> Section:
    out: list[Statement] = []
    # Worth it?
    worth: list[str] = []
    evidence: dict[str, Any] = {}
    if role is not None:
        total = sum(int(r.weight) for r in role.requirements)
        gained = sum(
            int(r.weight) * min(int(course.teaches.get(r.skill, 0)), int(r.level)) / int(r.level)
            for r in role.requirements
        )
        if total:
            worth.append(
                f"it covers {gained / total:.0%} of what {with_article(role_words(role))} needs, "
                "weighted by importance and depth"
            )
            evidence["role_coverage"] = round(gained / total, 3)
    rating = rating_phrase(course.id, inputs)
    if rating:
        worth.append(rating)
        evidence["rating"] = rating
    if course.popularity is not None:
        # Popular is not the same as fitting: say how many chose it, and no more than that.
        worth.append(
            f"{course.popularity.enrollments:,} learners enrolled "
            f"({course.popularity.source}) — that says how many chose it, not whether it "
            "fits you"
        )
        evidence["popularity"] = course.popularity.model_dump(mode="json")
    if inputs.plan_after is not None and inputs.plan_after.uncovered:
        evidence["uncovered_after_plan"] = [u.skill for u in inputs.plan_after.uncovered]
    if worth:
        text = upper_first("; ".join(worth)) + "."
        if role is not None:
            missing_core = [
                r.skill
                for r in role.requirements
                if r.weight == Weight.CORE
                and course.teaches.get(r.skill, Level.NONE) < r.level
                and r.skill not in course.assumes
            ]
            if missing_core:
                text += (
                    f" It is a start, not the whole path: {len(missing_core)} core skills "
                    "of the role remain below the needed level afterwards."
                )
                evidence["core_below_need"] = missing_core
        out.append(Statement(question="Is it worth it?", text=text, evidence=evidence))
    # How long?
    listed = course.effort.total_hours()
    if inputs.completed_by_reader is not None:
        out.append(
            Statement(
                question="How long does it take?",
                text=f"You have completed it ({inputs.completed_by_reader}): no time is left "
                "to plan for it.",
                evidence={"completed": inputs.completed_by_reader},
            )
        )
    elif listed is not None or inputs.pace:
        bits = []
        if course.effort.wording():
            bits.append(f"listed as {course.effort.wording()}")
        elif listed is not None:
            bits.append(f"listed at about {hours_words(listed)}")
        assumed = next((sc.assumed_listed for sc in inputs.pace if sc.assumed_listed), None)
        if listed is None and assumed is not None:
            # the figures below rest on comparable courses, not on this one: say so first
            weeks = course.effort.weeks
            if weeks:
                # '3 - 6 Months' beside '5 weeks' read as a contradiction: the listed length
                # assumes a light load, and more hours a week take fewer weeks
                bits.append(
                    f"the catalog lists its length but not its weekly hours, so these figures "
                    f"assume {hours_words(assumed)} in all (its listed length at about "
                    f"{assumed / weeks:.0f} h a week, the load of comparable courses; at more "
                    f"hours a week it takes fewer weeks than listed)"
                )
            else:
                bits.append(
                    f"the catalog lists no effort for it, so these figures assume "
                    f"{hours_words(assumed)} in all, from comparable courses"
                )
        # the experienced reader is said once, before the first of their figures
        opening = next((x for x in inputs.pace if x.reader == EXPERIENCED), None)
        for sc in inputs.pace:
            if sc.reader == NEWCOMER:
                bits.append(
                    f"{NEWCOMER}, at standard pace: about {hours_words(sc.hours)}, "
                    f"{weeks_words(sc.weeks)} at {sc.hours_per_week:g} h/week"
                )
                continue
            who = f"for a learner {EXPERIENCED}, " if sc is opening else ""
            bits.append(
                f"{who}{sc.profile}: about {hours_words(sc.hours)} ({hours_words(sc.low)}–"
                f"{hours_words(sc.high)}), {weeks_words(sc.weeks)} at {sc.hours_per_week:g} h/week"
            )
        out.append(
            Statement(
                question="How long does it take?",
                text=upper_first("; ".join(bits)) + ".",
                evidence={"listed_hours": listed, "pace": [sc.__dict__ for sc in inputs.pace]},
            )
        )
    # Prerequisites
    if course.assumes:
        # a prerequisite the tagger inferred from the taxonomy is not the course's own word
        # ('It assumes Docker' of a GKE row listing none read as stated)
        inferred = {
            s: lv
            for s, lv in course.assumes.items()
            if course.provenance.get(f"assumes.{s}", "").startswith(INFERRED_PREREQUISITE)
        }
        stated = {s: lv for s, lv in course.assumes.items() if s not in inferred}
        parts = [f"It assumes {skills_phrase(ctx, stated, limit=10)}"] if stated else []
        if inferred:
            what = skills_phrase(ctx, inferred, limit=10)
            parts.append(
                f"{'and, ' if stated else 'Its catalog row names no prerequisite; '}what it "
                f"teaches usually assumes {what} (inferred from the skill taxonomy, not listed "
                "by the course)"
            )
        out.append(
            Statement(
                question="What are the prerequisites?",
                text="; ".join(parts) + ".",
                evidence={
                    "assumes": {k: int(v) for k, v in course.assumes.items()},
                    "inferred": sorted(inferred),
                },
            )
        )
    # Which first? The related course with the strongest prerequisite relation; relations
    # through foundations only (Python, maths) say little about the order of two courses.
    best: tuple[int, float, Course, str, list[str]] | None = None
    for other, overlap in related_courses(ctx, course, limit=RELATED_FOR_ORDER):
        first, skills = order_between(course, other)
        later = other if first == course.id else course
        # school maths the reader is taken to hold orders nothing ('Mathematics for
        # Engineers first' before a beginner calculus course assuming school algebra)
        skills = [s for s in skills if later.assumes.get(s, 0) > SCHOOL_BASELINE.get(s, 0)]
        if first is None or not skills:
            continue
        domain = [s for s in skills if category_of(ctx, s) not in FOUNDATION_CATEGORIES]
        key = (len(domain), overlap)
        if best is None or key > best[:2]:
            best = (len(domain), overlap, other, first, skills)
    if best is not None:
        _, overlap, other, first, skills = best
        later = other if first == course.id else course
        earlier = course if first == course.id else other
        names = [lower_first(skill_name(ctx, s)) for s in skills[:4]]
        out.append(
            Statement(
                question=f"Which first: {course.title} or {other.title}?",
                text=f"{earlier.title} first: {later.title} assumes {join_words(names)}, which "
                f"{earlier.title} teaches.",
                evidence={
                    "first": earlier.id,
                    "then": later.id,
                    "skills": skills,
                    "overlap": round(overlap, 3),
                },
            )
        )
    # Opposite pedagogy
    opposite = {
        Pedagogy.THEORY_FIRST: Pedagogy.CODE_FIRST,
        Pedagogy.CODE_FIRST: Pedagogy.THEORY_FIRST,
    }.get(course.pedagogy or Pedagogy.MIXED)
    if opposite is not None:
        candidates = [
            c for c, _ in related_courses(ctx, course, limit=40) if c.pedagogy is opposite
        ]
        if candidates:
            other = candidates[0]
            out.append(
                Statement(
                    question=f"How does it compare with {other.title}?",
                    text=f"{course.title} is {PEDAGOGY_WORDS[course.pedagogy or Pedagogy.MIXED]}; "
                    f"{other.title} ({other.platform}) is {PEDAGOGY_WORDS[opposite]}. Neither is "
                    "harder: they differ in approach, and suit different learners.",
                    evidence={
                        "course": course.id,
                        "other": other.id,
                        "pedagogy": [
                            course.pedagogy.value if course.pedagogy else None,
                            opposite.value,
                        ],
                    },
                )
            )
    # Certificate
    if course.certificate is not None:
        text = f"It comes with {CERTIFICATE_WORDS[course.certificate]}"
        if course.certificate is not CertificateKind.NONE and course.provider:
            text += f" ({course.provider})"
        ev: dict[str, Any] = {"certificate": course.certificate.value}
        if role is not None:
            portfolio = role.required().get("practice.portfolio-project")
            if portfolio is not None and course.certificate is not CertificateKind.NONE:
                text += (
                    f". For {role_words(role)} roles our requirements weight an "
                    f"independent portfolio project as {portfolio.weight.label} "
                    f"(level {portfolio.level.label})"
                )
                ev["portfolio_requirement"] = {
                    "weight": int(portfolio.weight),
                    "level": int(portfolio.level),
                }
                if course.hands_on not in (HandsOn.INDEPENDENT_PROJECTS, HandsOn.CAPSTONE):
                    text += ", which this course does not produce"
                text += "; a certificate carries less weight than that evidence"
        out.append(
            Statement(question="How much is the certificate worth?", text=text + ".", evidence=ev)
        )
    return Section(id="faq", title="FAQ", statements=out)


def bottom_line(
    ctx: AdvisorContext,
    course: Course,
    role: Role | None,
    sections: Mapping[str, Section],
    inputs: GuideInputs,
) -> Section:
    out: list[Statement] = []
    good = sections["for"].statements
    gaps = sections["does-not-teach"].statements
    pieces: list[str] = []
    preferred = [st for st in good if "pedagogy" in st.evidence] or good
    if preferred:
        pieces.append(f"Best for {lower_first(preferred[0].text.rstrip('.'))}")
    if role is not None and gaps:
        cats = [s.evidence.get("category") for s in gaps if s.evidence.get("category")]
        names = [lower_first(CATEGORY_NAMES.get(str(c), str(c))) for c in cats[:3]]
        if names:
            pieces.append(f"for {role_words(role)} work, plan to add {join_words(names)}")
    plan = inputs.plan_after
    if plan is not None and plan.steps:
        pieces.append(
            # the starting figure counts what the course assumes as held too, so it is not the
            # course's own share: say so, beside the header's and the FAQ's figures
            f"a plan of {len(plan.steps)} follow-up course{'' if len(plan.steps) == 1 else 's'} "
            "takes weighted coverage "
            f"from {plan.coverage_before:.0%} (this course and what it assumes you know) "
            f"to {plan.coverage_after:.0%}"
        )
    if pieces:
        out.append(
            Statement(
                text="; ".join(pieces) + ".",
                evidence={
                    "for": len(good),
                    "gap_statements": len(gaps),
                    "plan_steps": len(plan.steps) if plan else 0,
                },
            )
        )
    return Section(id="bottom-line", title="Bottom line", statements=out)
