"""Guide composer: a review-site article for one course, built only from data.

A guide is sections of statements; every statement carries the data it was written from
(`evidence`). A sentence whose data is missing is left out, never guessed. The composer is
pure: the service hands it the course, the goal role and what other engine calls produced
(the plan for someone who finished the course, pace scenarios, ratings, platform summaries).
"""

from __future__ import annotations

from coursestack.domain import (
    Course,
    CourseLevel,
    DataRealism,
    HandsOn,
    Level,
    Pedagogy,
    Plan,
    PlanStep,
    Role,
    Weight,
)
from coursestack.engine.context import AdvisorContext
from coursestack.engine.guide_faq import (
    bottom_line,
    faq,
)
from coursestack.engine.guide_model import (
    Guide,
    GuideInputs,
    Section,
    Statement,
)
from coursestack.engine.guide_relations import (
    foundation_roles,
)
from coursestack.engine.guide_words import (
    CATEGORY_NAMES,
    HANDS_ON_WORDS,
    LEVEL_WORDS,
    PEDAGOGY_WORDS,
    category_of,
    having,
    hours_words,
    join_words,
    language_name,
    lower_first,
    money,
    price_words,
    rating_phrase,
    role_words,
    skill_name,
    skills_phrase,
)
from coursestack.engine.learner_state import SCHOOL_BASELINE
from coursestack.engine.planner_explain import BLOCKED_BY, PART_WAY
from coursestack.engine.tagging import INFERRED_PREREQUISITE, WEAK_PREFIX

PRODUCTION_CATEGORIES = ("mlops", "cloud", "data-engineering")


BASICS_SHARE = 0.75  # share of taught skills at <= practised that makes a course "the basics"


def _covers(ctx: AdvisorContext, course: Course) -> Section:
    out: list[Statement] = []
    parts = [ctx.courses[p] for p in course.parts if p in ctx.courses]
    if parts:
        total = course.parts_total
        if total is None:
            head = f"{course.title} has {len(parts)} parts, in this order:"
        elif total > len(parts):
            head = f"{course.title} has {total} courses; the catalog holds {len(parts)} of them:"
        else:
            head = (
                f"{course.title} takes {total} courses; the catalog lists {len(parts)}, "
                "alternatives among them:"
            )
        out.append(
            Statement(
                text=head,
                evidence={"parts": [p.id for p in parts], "parts_total": total},
            )
        )
        for i, part in enumerate(parts, 1):
            taught = skills_phrase(ctx, part.teaches) if part.teaches else None
            text = f"{i}. {part.title}" + (f" — {taught}." if taught else ".")
            out.append(
                Statement(
                    text=text,
                    evidence={
                        "course_id": part.id,
                        "teaches": {k: int(v) for k, v in part.teaches.items()},
                    },
                )
            )
        if course.parts_total is not None and course.teaches:
            # the listed parts are not the program: what it teaches as a whole, as stated
            out.append(
                Statement(
                    text=f"As a whole it teaches {skills_phrase(ctx, course.teaches)}.",
                    evidence={"teaches": {k: int(v) for k, v in course.teaches.items()}},
                )
            )
    elif course.teaches:
        out.append(
            Statement(
                text=f"It teaches {skills_phrase(ctx, course.teaches, limit=12)}.",
                evidence={"teaches": {k: int(v) for k, v in course.teaches.items()}},
            )
        )
    if course.level is not None:
        out.append(
            Statement(
                text=f"Level: {LEVEL_WORDS[course.level]}.",
                evidence={"level": course.level.value, "source": course.provenance.get("level")},
            )
        )
    if course.pedagogy is not None:
        out.append(
            Statement(
                text=f"Teaching approach: {PEDAGOGY_WORDS[course.pedagogy]}.",
                evidence={
                    "pedagogy": course.pedagogy.value,
                    "source": course.provenance.get("pedagogy"),
                },
            )
        )
    if course.hands_on is not None:
        text = f"Hands-on work: {HANDS_ON_WORDS[course.hands_on]}"
        if course.data_realism is DataRealism.CLEAN:
            text += ", on clean, pre-processed data"
        elif course.data_realism is DataRealism.REAL_MESSY:
            text += ", on real, messy data"
        out.append(
            Statement(
                text=text + ".",
                evidence={
                    "hands_on": course.hands_on.value,
                    "data_realism": course.data_realism.value if course.data_realism else None,
                },
            )
        )
    maths = {
        s: lv for s, lv in course.assumes.items() if category_of(ctx, s) in ("math", "statistics")
    }
    if maths:
        # a prerequisite the tagger inferred from the taxonomy is said as such (the FAQ
        # said 'inferred' while this line read as the course's own word)
        inferred = all(
            course.provenance.get(f"assumes.{s}", "").startswith(INFERRED_PREREQUISITE)
            for s in maths
        )
        head = (
            "Maths it likely assumes (inferred from what it teaches)"
            if inferred
            else ("Maths assumed")
        )
        out.append(
            Statement(
                text=f"{head}: {skills_phrase(ctx, maths)}.",
                evidence={"assumes": {k: int(v) for k, v in maths.items()}, "inferred": inferred},
            )
        )
    listed = course.effort.total_hours()
    wording_text = course.effort.wording()
    if wording_text or listed is not None:
        wording = wording_text or hours_words(listed or 0)
        text = f"Listed effort: {wording}"
        if wording_text and listed is not None:
            text += f" (about {hours_words(listed)} in total)"
        out.append(
            Statement(
                text=text + ".",
                evidence={
                    "effort": course.effort.model_dump(mode="json"),
                    "source": course.provenance.get("effort"),
                },
            )
        )
    price = price_words(course, ctx)
    if price is not None:
        out.append(
            Statement(
                text=price,
                evidence={
                    "price": course.price.model_dump(mode="json"),
                    "source": course.provenance.get("price"),
                },
            )
        )
    if course.language is not None and course.language.lower() not in ("en", "english"):
        out.append(
            Statement(
                text=f"It is taught in {language_name(course.language)}.",
                evidence={"language": course.language, "source": course.provenance.get("language")},
            )
        )
    return Section(id="covers", title="What it covers", statements=out)


def _audience(
    ctx: AdvisorContext, course: Course, role: Role | None, foundation: int = 0
) -> tuple[Section, Section]:
    """Who it is for and less suited for. `foundation`: the roles asking for what a
    foundation course teaches, when its role was not chosen by the learner (0 otherwise)."""
    good: list[Statement] = []
    less: list[Statement] = []
    python = course.assumes.get("prog.python")
    prog_assumed = {
        s: lv for s, lv in course.assumes.items() if category_of(ctx, s) == "programming"
    }
    if prog_assumed:
        good.append(
            Statement(
                text=f"Learners who already have {having(ctx, prog_assumed)}.",
                evidence={"assumes": {k: int(v) for k, v in prog_assumed.items()}},
            )
        )
        less.append(
            Statement(
                text="Complete programming beginners: it assumes "
                f"{skills_phrase(ctx, prog_assumed)}"
                + (
                    " and the labs are written in Python."
                    if python
                    and course.hands_on
                    in (HandsOn.GUIDED_LABS, HandsOn.INDEPENDENT_PROJECTS, HandsOn.CAPSTONE)
                    else "."
                ),
                evidence={
                    "assumes": {k: int(v) for k, v in prog_assumed.items()},
                    "hands_on": course.hands_on.value if course.hands_on else None,
                },
            )
        )
    starts_at_zero = not {
        s for s, lv in course.assumes.items() if lv > SCHOOL_BASELINE.get(s, Level.NONE)
    }
    if course.level is CourseLevel.BEGINNER and starts_at_zero and course.teaches:
        # the mirror of 'practitioners who already know the basics' below: said to whom it
        # suits, not only to whom it does not (Python for Everybody never said 'beginners')
        # an imported row's empty prerequisites are unknown, not none (a specialization
        # asking for 'foundational skills' in its prose was for 'complete beginners')
        curated = course.curated
        text = (
            "Complete beginners: it is beginner-level and assumes nothing beyond school maths."
            if curated
            else "Complete beginners, likely: it is beginner-level and its catalog row names no "
            "prerequisite (check its page for any)."
        )
        good.append(
            Statement(
                text=text,
                evidence={"level": course.level.value, "assumes": {}, "curated": curated},
            )
        )
    elif course.level in (CourseLevel.INTERMEDIATE, CourseLevel.ADVANCED):
        # only 'beginner' said anything: an expert-level options course read as for anyone
        less.append(
            Statement(
                text=f"Complete beginners: it is listed as {course.level.value}"
                + ("." if course.curated else " by its catalog row."),
                evidence={"level": course.level.value, "source": course.provenance.get("level")},
            )
        )
    if course.pedagogy is Pedagogy.THEORY_FIRST:
        good.append(
            Statement(
                text="People who want a conceptually solid introduction — why the algorithms work, "
                "not only how to call a library — before going deeper.",
                evidence={"pedagogy": course.pedagogy.value},
            )
        )
    elif course.pedagogy is Pedagogy.CODE_FIRST:
        good.append(
            Statement(
                text="People who learn best by getting working code running first and filling in "
                "the theory as it becomes needed.",
                evidence={"pedagogy": course.pedagogy.value},
            )
        )
    if course.hands_on is HandsOn.INDEPENDENT_PROJECTS:
        good.append(
            Statement(
                text="Job seekers who need portfolio output: its work is independent projects.",
                evidence={"hands_on": course.hands_on.value},
            )
        )
    elif course.hands_on is HandsOn.CAPSTONE:
        # a capstone is set and guided by the course: a first piece to show, not the
        # independent portfolio project roles ask for (which the guide lists as not taught)
        good.append(
            Statement(
                text="Job seekers who want a first project to show: it ends in a capstone "
                "project (set by the course; an independent portfolio project still has to "
                "follow).",
                evidence={"hands_on": course.hands_on.value},
            )
        )
    elif course.hands_on in (HandsOn.GUIDED_LABS, HandsOn.NONE):
        less.append(
            Statement(
                text="Job seekers who need portfolio projects: the work is "
                f"{HANDS_ON_WORDS[course.hands_on]}, not independent projects.",
                evidence={"hands_on": course.hands_on.value},
            )
        )
    if role is not None:
        serves = {r.skill: r for r in role.requirements if r.skill in course.teaches}
        if serves and foundation:
            good.append(
                Statement(
                    text=f"Anyone starting out: {foundation} of the {len(ctx.roles)} roles "
                    "ask for what it teaches, none for it alone.",
                    evidence={"roles_asking": foundation, "skills": sorted(serves)},
                )
            )
        elif serves:
            good.append(
                Statement(
                    text=f"People heading for {role_words(role)} roles: it teaches "
                    f"{len(serves)} of the {len(role.requirements)} skills the role needs.",
                    evidence={"role": role.id, "skills": sorted(serves)},
                )
            )
        production = [
            r
            for r in role.requirements
            if category_of(ctx, r.skill) in PRODUCTION_CATEGORIES
            and r.weight >= Weight.IMPORTANT
            and course.teaches.get(r.skill, Level.NONE) == 0
        ]
        if production and not any(
            category_of(ctx, s) in PRODUCTION_CATEGORIES for s in course.teaches
        ):
            names = [lower_first(skill_name(ctx, r.skill)) for r in production[:5]]
            less.append(
                Statement(
                    text="People who want production skills: it teaches none of "
                    f"{join_words(names)}.",
                    evidence={"role": role.id, "missing": [r.skill for r in production]},
                )
            )
    if course.teaches:
        low = [s for s, lv in course.teaches.items() if lv <= Level.PRACTISED]
        share = len(low) / len(course.teaches)
        if share >= BASICS_SHARE and course.level in (
            CourseLevel.BEGINNER,
            None,
            CourseLevel.MIXED,
        ):
            less.append(
                Statement(
                    text="Practitioners who already know the basics: it "
                    + (f"is {course.level.value}-level and " if course.level else "")
                    + (
                        "takes nothing past guided practice"
                        if share >= 1.0
                        else f"takes {share:.0%} of its skills no further than guided practice"
                    )
                    + ", so for them the early material will feel slow.",
                    evidence={
                        "share_at_or_below_practised": round(share, 3),
                        "level": course.level.value if course.level else None,
                    },
                )
            )
    return (
        Section(id="for", title="Who it is for", statements=good),
        Section(id="less-suited", title="Who it is less suited for", statements=less),
    )


def _not_taught(ctx: AdvisorContext, course: Course, role: Role | None) -> Section:
    out: list[Statement] = []
    if role is None:
        return Section(id="does-not-teach", title="What it does not teach", statements=out)
    by_cat: dict[str, list[str]] = {}
    shallow: list[str] = []
    listed: list[str] = []  # in the row's skill list, below the tagger's bar (engine.tagging)
    for req in sorted(role.requirements, key=lambda r: (-int(r.weight), r.skill)):
        taught = course.teaches.get(req.skill, Level.NONE)
        if req.skill in course.assumes:
            continue  # a prerequisite, not a gap of the course
        if taught == Level.NONE and f"{WEAK_PREFIX}{req.skill}" in course.provenance:
            listed.append(req.skill)
        elif taught == Level.NONE:
            by_cat.setdefault(category_of(ctx, req.skill), []).append(req.skill)
        elif taught < req.level and req.weight == Weight.CORE:
            shallow.append(req.skill)
    for cat, skills in by_cat.items():
        names = [lower_first(skill_name(ctx, s)) for s in skills]
        out.append(
            Statement(
                text=f"{CATEGORY_NAMES.get(cat, cat)}: {join_words(names)}.",
                evidence={
                    "category": cat,
                    "skills": skills,
                    "role": role.id,
                    "needs": {s: int(role.required()[s].level) for s in skills},
                },
            )
        )
    if shallow:
        parts = [
            f"{lower_first(skill_name(ctx, s))} only to {course.teaches[s].label} "
            f"(the role needs {role.required()[s].level.label})"
            for s in shallow
        ]
        out.append(
            Statement(
                text=f"It goes less deep than {role_words(role)} work needs on "
                f"{join_words(parts)}.",
                evidence={
                    "skills": {
                        s: [int(course.teaches[s]), int(role.required()[s].level)] for s in shallow
                    }
                },
            )
        )
    if listed:
        # Not "does not teach": the row says it does, only not convincingly enough to count
        # (a long list of a program's skills names SQL and pandas; the guide said it taught
        # neither).
        names = [lower_first(skill_name(ctx, s)) for s in listed]
        out.append(
            Statement(
                text=(
                    f"Its catalog row also lists {join_words(names)} among many skills, without "
                    "saying how deeply: not counted here; its syllabus tells."
                ),
                evidence={
                    "skills": listed,
                    "sources": {s: course.provenance[f"{WEAK_PREFIX}{s}"] for s in listed},
                },
            )
        )
    return Section(
        id="does-not-teach", title=f"What it does not teach (for {role.name})", statements=out
    )


def _stack(ctx: AdvisorContext, inputs: GuideInputs) -> Section:
    out: list[Statement] = []
    plan = inputs.plan_after
    if plan is None:
        return Section(id="stack", title="Courses to stack with or after it", statements=out)
    for step in plan.steps:
        closes = [lower_first(skill_name(ctx, s)) for s in step.closes]
        raised = [
            f"{lower_first(skill_name(ctx, s))} to {lv.label}"
            for s, lv in step.raises.items()
            if s not in step.closes
        ]
        what = []
        if closes:
            what.append("closes " + join_words(closes[:5]))
        if raised:
            what.append("raises " + join_words(raised[:4]))
        rating = rating_phrase(step.course_id, inputs)
        text = (
            f"{step.title} ({step.platform}), weeks {step.start_week:g}–{step.end_week:g}, "
            f"{_step_size(ctx, step)}: "
            + ("; ".join(what) or _prepares(ctx, plan, step))
            + (f"; {rating}" if rating else "")
            + "."
        )
        out.append(
            Statement(
                text=text,
                evidence={
                    "course_id": step.course_id,
                    "closes": step.closes,
                    "why": step.why,
                    "start_week": step.start_week,
                    "end_week": step.end_week,
                },
            )
        )
    if plan.uncovered:
        names = [lower_first(skill_name(ctx, u.skill)) for u in plan.uncovered[:6]]
        # the main suggestion of each (a part-way one is about this learner's budget or
        # platforms, too much for one sentence; joined whole they repeated the main words)
        # learner-specific advice (prerequisites to add to one's skills) has no place in a
        # guide written for every reader
        suggestions = sorted(
            {
                u.suggestion.split(PART_WAY)[0]
                for u in plan.uncovered
                if u.suggestion and not u.suggestion.startswith(BLOCKED_BY)
            }
        )
        # 'closes' read as 'teaches nothing of': most of these are taught, not far enough
        text = f"No course in the catalog reaches the level the goal needs in {join_words(names)}"
        if suggestions:
            text += f"; for those: {join_words(suggestions)}"
        out.append(
            Statement(
                text=text + ".",
                evidence={"uncovered": [u.model_dump(mode="json") for u in plan.uncovered]},
            )
        )
    return Section(id="stack", title="Courses to stack with or after it", statements=out)


def _step_size(ctx: AdvisorContext, step: PlanStep) -> str:
    """'about 12 h, 49 USD' — hours and price as the plan counts them, an assumed figure
    said as one (a stack of 13 steps gave neither)."""
    course = ctx.courses.get(step.course_id)
    assumed = course is not None and course.effort.total_hours() is None
    hours = f"about {hours_words(step.hours)}" + (" (assumed)" if assumed else "")
    if step.cost is None:
        return f"{hours}, price not listed"
    if step.cost == 0:
        return f"{hours}, free"
    priced = course is not None and course.price.amount is not None
    return f"{hours}, {money(step.cost, 'USD')}" + ("" if priced else " (assumed)")


def _prepares(ctx: AdvisorContext, plan: Plan, step: PlanStep) -> str:
    """What a prerequisite-only step is for: the later step assuming what it teaches."""
    course = ctx.courses.get(step.course_id)
    later = [s for s in plan.steps if s.start_week >= step.start_week and s is not step]
    for other in later:
        needs = ctx.courses[other.course_id].assumes if other.course_id in ctx.courses else {}
        skills = [
            sk for sk, lv in needs.items() if course is not None and course.teaches.get(sk, 0) >= lv
        ]
        if skills:
            named = join_words([lower_first(skill_name(ctx, sk)) for sk in skills[:3]])
            return f"prepares {other.title}, which assumes {named}"
    return "prepares a later step"


PLATFORMS_SHOWN = 4  # the course's own platform and the largest others; the rest counted


def _platforms(course: Course, inputs: GuideInputs) -> Section:
    out: list[Statement] = []
    # twelve platform lines read as noise beside one course: its own platform and the
    # largest catalogs, the rest named in one line (`coursestack compare platforms` has all)
    ranked = sorted(inputs.platforms, key=lambda p: (p.platform != course.platform, -p.courses))
    shown, rest = ranked[:PLATFORMS_SHOWN], ranked[PLATFORMS_SHOWN:]
    if not course.teaches:
        # a guitar or options-trading course: the data/ML platforms' pedagogy and projects
        # compared beside it were boilerplate; its own platform's figures are enough
        shown = [p for p in ranked if p.platform == course.platform][:1]
        rest = [p for p in ranked if p not in shown]
    for summary in shown:
        facts: list[str] = []
        models = summary.price_models.counts
        if models:
            top = max(models.items(), key=lambda kv: kv[1])
            facts.append(f"mostly {top[0]} pricing ({top[1]} of {summary.price_models.n} priced)")
        for fig in summary.typical_cost:
            if fig.model in ("subscription", "one-time") and fig.stats.median is not None:
                per = "/month" if fig.model == "subscription" else ""
                facts.append(
                    f"typical {fig.model} cost {fig.stats.median:,.0f} {fig.currency}"
                    f"{per} (n={fig.stats.n})"
                )
        certs = summary.certificates.counts
        if certs:
            top = max(certs.items(), key=lambda kv: kv[1])
            facts.append(f"certificates mostly {top[0]}")
        share, capstones = summary.independent_projects, summary.capstones
        if share.share is not None and capstones.share is not None and share.n >= 3:
            facts.append(
                f"{share.share:.0%} with independent projects, {capstones.share:.0%} with a "
                f"capstone (n={share.n})"
            )
        ped = summary.pedagogy.counts
        if ped and summary.pedagogy.n >= 3:
            top = max(ped.items(), key=lambda kv: kv[1])
            facts.append(f"mostly {top[0]} (n={summary.pedagogy.n})")
        if summary.effort_hours.median is not None:
            # "n=31" beside 3,049 courses hid that few list an effort (on Coursera mostly
            # two-hour guided projects): say how many of the platform's courses the median is of
            facts.append(
                f"median listed effort {hours_words(summary.effort_hours.median)}"
                + (" of video" if (summary.effort_video_share or 0) > 0.5 else "")
                + " "
                f"({summary.effort_hours.n} of {summary.courses} courses list one)"
            )
        if summary.length_weeks.median is not None and summary.length_weeks.n >= 3:
            facts.append(
                f"median listed length {summary.length_weeks.median:.0f} weeks, hours a week "
                f"not listed ({summary.length_weeks.n} courses)"
            )
        if not facts:
            continue
        marker = " (this course's platform)" if summary.platform == course.platform else ""
        out.append(
            Statement(
                text=f"{summary.platform}{marker}: {summary.courses} courses; "
                + "; ".join(facts)
                + ".",
                evidence={"platform": summary.platform, "summary": summary.as_dict()},
            )
        )
    if rest:
        names = [p.platform for p in rest]
        out.append(
            Statement(
                text=f"{len(rest)} more platforms ({join_words(names)}); the command "
                "'coursestack compare platforms' compares them all.",
                evidence={"platforms": names},
            )
        )
    return Section(id="platforms", title="Platform comparison", statements=out)


def compose_guide(ctx: AdvisorContext, course: Course, inputs: GuideInputs) -> Guide:
    role = inputs.role
    foundation = 0
    if role is not None and inputs.role_defaulted:
        total = sum(int(r.weight) for r in role.requirements)
        served = sum(int(r.weight) for r in role.requirements if r.skill in course.teaches)
        foundation = foundation_roles(ctx, course, served / total if total else 0.0)
    for_section, less_section = _audience(ctx, course, role, foundation)
    # A foundation most roles ask for, its role not chosen by the reader: what one arbitrary
    # role still needs after it (a Python primer's 18 follow-ups toward research scientist,
    # 67 weeks) is not about this course; the bottom line asks for a goal instead.
    for_role = None if foundation else role
    sections = {
        "covers": _covers(ctx, course),
        "for": for_section,
        "less-suited": less_section,
        "does-not-teach": _not_taught(ctx, course, for_role),
        "stack": _stack(ctx, inputs)
        if not foundation
        else Section(id="stack", title="Courses to stack with or after it", statements=[]),
        "platforms": _platforms(course, inputs),
        "faq": faq(ctx, course, for_role, inputs),
    }
    sections["bottom-line"] = bottom_line(ctx, course, for_role, sections, inputs)
    if foundation:
        sections["bottom-line"].statements.append(
            Statement(
                text="Name your goal role (--goal ROLE, or a goal in your learner file) to "
                "see what to stack after it.",
                evidence={"roles_asking": foundation},
            )
        )
    return Guide(
        course_id=course.id,
        title=course.title,
        goal=role.id if role else None,
        goal_name=role.name if role else None,
        goal_reason=inputs.role_reason,
        sections=[s for s in sections.values() if s.statements],
    )
