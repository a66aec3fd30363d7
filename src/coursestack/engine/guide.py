"""Guide composer: a review-site article for one course, built only from data.

A guide is sections of statements; every statement carries the data it was written from
(`evidence`). A sentence whose data is missing is left out, never guessed. The composer is
pure: the service hands it the course, the goal role and what other engine calls produced
(the plan for someone who finished the course, pace scenarios, ratings, platform summaries).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field

from coursestack.domain import (
    CertificateKind,
    Course,
    CourseLevel,
    DataRealism,
    HandsOn,
    Level,
    Pedagogy,
    Plan,
    PriceModel,
    Role,
    Weight,
)
from coursestack.domain.languages import english_name
from coursestack.engine.context import AdvisorContext, CourseQuality
from coursestack.engine.learner_state import SCHOOL_BASELINE
from coursestack.engine.pace import weeks_words
from coursestack.engine.planner_explain import BLOCKED_BY, PART_WAY
from coursestack.engine.platforms import PlatformSummary
from coursestack.engine.ratings import RatingEstimate
from coursestack.engine.tagging import WEAK_PREFIX

CATEGORY_NAMES = {
    "programming": "Programming",
    "math": "Mathematics",
    "statistics": "Statistics",
    "data-analysis": "Data analysis",
    "visualization": "Visualisation",
    "machine-learning": "Machine learning",
    "deep-learning": "Deep learning",
    "llm": "LLM applications",
    "data-engineering": "Data engineering",
    "mlops": "MLOps and production",
    "cloud": "Cloud",
    "ml-system-design": "ML system design and project judgment",
    "practice": "Practice and portfolio",
}
PRODUCTION_CATEGORIES = ("mlops", "cloud", "data-engineering")
BASICS_SHARE = 0.75  # share of taught skills at <= practised that makes a course "the basics"
MIN_OVERLAP = 0.15  # skill overlap (Jaccard) for two courses to count as related
RELATED_FOR_ORDER = 15  # related courses considered for the "which first" answer
FOUNDATION_CATEGORIES = ("programming", "math", "statistics")
PEDAGOGY_WORDS = {
    Pedagogy.THEORY_FIRST: "bottom-up (theory first: why the methods work, then how to use them)",
    Pedagogy.CODE_FIRST: "top-down (working code first, theory as it becomes needed)",
    Pedagogy.MIXED: "a mix of theory and working code",
}
HANDS_ON_WORDS = {
    HandsOn.NONE: "no graded hands-on work",
    HandsOn.GUIDED_LABS: "guided labs (step-by-step exercises)",
    HandsOn.INDEPENDENT_PROJECTS: "independent projects",
    HandsOn.CAPSTONE: "a capstone project",
}
CERTIFICATE_WORDS = {
    CertificateKind.NONE: "no certificate",
    CertificateKind.PLATFORM: "a platform certificate",
    CertificateKind.UNIVERSITY: "a university-affiliated certificate",
    CertificateKind.VENDOR: "a vendor certificate",
}


class Statement(BaseModel):
    text: str
    question: str | None = None  # FAQ entries
    evidence: dict[str, Any] = Field(default_factory=dict)


class Section(BaseModel):
    id: str
    title: str
    statements: list[Statement]


class Guide(BaseModel):
    course_id: str
    title: str
    goal: str | None
    goal_name: str | None
    goal_reason: str | None
    sections: list[Section]


@dataclass(frozen=True)
class PaceScenario:
    profile: str  # fast / standard / thorough
    hours: float
    low: float
    high: float
    weeks: float
    hours_per_week: float
    assumed_listed: float | None = None  # the typical effort used when the course lists none
    reader: str | None = None  # EXPERIENCED / NEWCOMER for a guide without a learner


# The readers a guide without a learner speaks to (the pace model's background, 1 and 0).
EXPERIENCED = "with programming experience and some maths"
NEWCOMER = "new to programming and maths"


@dataclass
class GuideInputs:
    """What other engine calls produced for this guide; any part may be missing."""

    role: Role | None = None
    role_reason: str | None = None
    role_defaulted: bool = False  # the role is best_role's, not the learner's goal
    plan_after: Plan | None = None
    pace: Sequence[PaceScenario] = ()
    rating: RatingEstimate | None = None
    quality: Mapping[str, CourseQuality] = field(default_factory=dict)
    ratings: Mapping[str, RatingEstimate] = field(default_factory=dict)
    platforms: Sequence[PlatformSummary] = ()
    # the reader's learner file lists it (or a program holding it) as completed
    completed_by_reader: str | None = None


# ---------------------------------------------------------------- helpers


# Below this share of the best role's weighted needs, a course many roles ask for is called a
# foundation rather than a course for that role.
FOUNDATION_SHARE = 0.1


def best_role(ctx: AdvisorContext, course: Course) -> tuple[Role | None, str | None]:
    """The role this course's skills serve best: the largest weighted share of the role's
    requirements that the course teaches at any level."""
    best: tuple[float, str] | None = None
    for role in ctx.roles.values():
        total = sum(int(r.weight) for r in role.requirements)
        served = sum(int(r.weight) for r in role.requirements if r.skill in course.teaches)
        if total and served:
            share = served / total
            if best is None or share > best[0]:
                best = (share, role.id)
    if best is None:
        return None, None
    role = ctx.roles[best[1]]
    reason = (
        f"the role its skills serve best (it teaches something of {best[0]:.0%} of "
        f"{role.name}'s needs, by weight)"
    )
    asking = foundation_roles(ctx, course, best[0])
    if asking:
        # a beginner Python course serves every role a little: naming one as "its" role
        # without saying so read as if it were aimed at research scientists
        reason += (
            f"; it is a foundation {asking} of the {len(ctx.roles)} roles ask for, "
            "not a course aimed at this one"
        )
    return role, reason


def is_foundation(ctx: AdvisorContext, course: Course, role: Role) -> bool:
    """Whether `course` is a foundation (`foundation_roles`) measured against `role`."""
    total = sum(int(r.weight) for r in role.requirements)
    served = sum(int(r.weight) for r in role.requirements if r.skill in course.teaches)
    return foundation_roles(ctx, course, served / total if total else 0.0) > 0


def foundation_roles(ctx: AdvisorContext, course: Course, best_share: float) -> int:
    """How many roles ask for what the course teaches, when it is a foundation (most roles
    ask for some of it and none gets FOUNDATION_SHARE of its needs from it); else 0."""
    asking = sum(
        1 for r in ctx.roles.values() if any(q.skill in course.teaches for q in r.requirements)
    )
    return asking if best_share < FOUNDATION_SHARE and asking * 2 > len(ctx.roles) else 0


def _role_words(role: Role) -> str:
    """A role's name inside a sentence: lower case but for acronyms ('MLOps engineer', 'AI
    engineer (LLM applications)', 'data scientist')."""
    return " ".join(
        w if sum(ch.isupper() for ch in w) >= 2 else w.lower() for w in role.name.split()
    )


# Letters whose spoken name starts with a vowel sound: 'an MLOps engineer', 'an ML engineer'
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")


def _with_article(phrase: str) -> str:
    """'a data scientist', 'an AI engineer', 'an MLOps engineer'."""
    word = phrase.split()[0] if phrase else ""
    acronym = sum(ch.isupper() for ch in word) >= 2
    vowel = word[:1] in _VOWEL_SOUND_LETTERS if acronym else word[:1].lower() in "aeiou"
    return f"{'an' if vowel else 'a'} {phrase}"


def _skill_name(ctx: AdvisorContext, skill_id: str) -> str:
    return ctx.taxonomy.skills[skill_id].name if skill_id in ctx.taxonomy else skill_id


def _category(ctx: AdvisorContext, skill_id: str) -> str:
    return ctx.taxonomy.skills[skill_id].category if skill_id in ctx.taxonomy else "other"


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _lower_first(text: str) -> str:
    """Lower a skill name's first letter mid-sentence unless the first word is a name
    (Python, Docker), an acronym (SQL, EDA) or has inner capitals (NumPy, TensorFlow)."""
    first = text.split(" ", 1)[0]
    if not first or first in _PROPER_NOUNS or any(ch.isupper() for ch in first[1:]):
        return text
    return text[:1].lower() + text[1:]


_PROPER_NOUNS = frozenset(
    {
        "Airflow",
        "Amazon",
        "Apache",
        "Azure",
        "Bayesian",
        "Docker",
        "Excel",
        "Git",
        "Google",
        "Hadoop",
        "Hugging",
        "Java",
        "Jupyter",
        "Kafka",
        "Keras",
        "Kubernetes",
        "Linux",
        "Looker",
        "Matplotlib",
        "Microsoft",
        "Plotly",
        "Power",
        "Python",
        "R",
        "Scala",
        "Snowflake",
        "Spark",
        "Tableau",
    }
)


def _skills_phrase(ctx: AdvisorContext, skills: Mapping[str, Level], limit: int = 8) -> str:
    """'a (practised), b (aware) and 15 more': the highest levels first; a list cut short
    says how much is left (a certificate's 'what it covers' left out Python, pandas and SQL
    without a word)."""
    ordered = sorted(skills.items(), key=lambda kv: (-int(kv[1]), kv[0]))
    named = [f"{_lower_first(_skill_name(ctx, s))} ({lv.label})" for s, lv in ordered[:limit]]
    if len(ordered) > limit:
        named.append(f"{len(ordered) - limit} more")
    return _join(named)


_HAVING = {
    Level.AWARE: "the basics of",
    Level.PRACTISED: "hands-on practice in",
    Level.APPLIED: "independent experience in",
    Level.PRODUCTION: "production experience in",
}


def _having(ctx: AdvisorContext, skills: Mapping[str, Level]) -> str:
    """'the basics of Python programming and hands-on practice in SQL'."""
    ordered = sorted(skills.items(), key=lambda kv: (-int(kv[1]), kv[0]))
    return _join(
        [f"{_HAVING.get(lv, 'some')} {_skill_name(ctx, s)}" for s, lv in ordered if lv > 0]
    )


def _upper_first(text: str) -> str:
    """Sentence case without lowering the rest (str.capitalize would turn 'SQL' into 'sql')."""
    return text[:1].upper() + text[1:]


def _hours(value: float) -> str:
    return f"{value:.0f} hours" if value >= 10 else f"{value:.1f} hours"


def related_courses(
    ctx: AdvisorContext, course: Course, limit: int = 5
) -> list[tuple[Course, float]]:
    """Courses with the largest overlap in taught skills, excluding its own parts/programs."""
    own = set(course.teaches)
    if not own:
        return []
    family = set(course.parts) | set(ctx.parents_of(course.id)) | {course.id}
    scored: list[tuple[float, str]] = []
    for other in ctx.courses.values():
        if other.id in family or not other.teaches or course.id in other.parts:
            continue
        theirs = set(other.teaches)
        overlap = len(own & theirs) / len(own | theirs)
        if overlap >= MIN_OVERLAP:
            scored.append((overlap, other.id))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [(ctx.courses[cid], score) for score, cid in scored[:limit]]


def order_between(a: Course, b: Course) -> tuple[str | None, list[str]]:
    """Which comes first by the prerequisite relation: the course that teaches what the other
    assumes. Returns (first course id or None, the skills that decide it)."""
    a_then_b = [s for s, lv in b.assumes.items() if a.teaches.get(s, Level.NONE) >= min(lv, 2)]
    b_then_a = [s for s, lv in a.assumes.items() if b.teaches.get(s, Level.NONE) >= min(lv, 2)]
    if len(a_then_b) > len(b_then_a):
        return a.id, a_then_b
    if len(b_then_a) > len(a_then_b):
        return b.id, b_then_a
    return None, []


# ---------------------------------------------------------------- sections


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
            taught = _skills_phrase(ctx, part.teaches) if part.teaches else None
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
                    text=f"As a whole it teaches {_skills_phrase(ctx, course.teaches)}.",
                    evidence={"teaches": {k: int(v) for k, v in course.teaches.items()}},
                )
            )
    elif course.teaches:
        out.append(
            Statement(
                text=f"It teaches {_skills_phrase(ctx, course.teaches, limit=12)}.",
                evidence={"teaches": {k: int(v) for k, v in course.teaches.items()}},
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
        s: lv for s, lv in course.assumes.items() if _category(ctx, s) in ("math", "statistics")
    }
    if maths:
        out.append(
            Statement(
                text=f"Maths assumed: {_skills_phrase(ctx, maths)}.",
                evidence={"assumes": {k: int(v) for k, v in maths.items()}},
            )
        )
    listed = course.effort.total_hours()
    wording_text = course.effort.wording()
    if wording_text or listed is not None:
        wording = wording_text or _hours(listed or 0)
        text = f"Listed effort: {wording}"
        if wording_text and listed is not None:
            text += f" (about {_hours(listed)} in total)"
        out.append(
            Statement(
                text=text + ".",
                evidence={
                    "effort": course.effort.model_dump(mode="json"),
                    "source": course.provenance.get("effort"),
                },
            )
        )
    price = _price_words(course)
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
                text=f"It is taught in {_language_name(course.language)}.",
                evidence={"language": course.language, "source": course.provenance.get("language")},
            )
        )
    return Section(id="covers", title="What it covers", statements=out)


def _language_name(code: str) -> str:
    name = english_name(code)
    return f"{name} ({code})" if name else f"the language coded '{code}'"


def _money(amount: float, currency: str | None) -> str:
    figure = f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"
    return f"{figure} {currency}" if currency else f"{figure} (currency not stated)"


def _price_words(course: Course) -> str | None:
    """The price as the catalog states it (None when it states nothing)."""
    price = course.price
    if price.model == PriceModel.FREE:
        return "Price: free."
    if price.model == PriceModel.FREE_AUDIT:
        if price.certificate_amount is not None:
            cert = _money(price.certificate_amount, price.currency)
            return f"Price: free to audit; the certificate costs {cert}."
        return "Price: free to audit; the certificate's price is not listed."
    if price.amount is not None and price.model == PriceModel.SUBSCRIPTION:
        return f"Price: a subscription of {_money(price.amount, price.currency)} a month."
    if price.amount is not None:
        return f"Price: {_money(price.amount, price.currency)}."
    if price.text:
        return f"Price: not stated as a figure (the source says '{price.text}')."
    return None


def _audience(
    ctx: AdvisorContext, course: Course, role: Role | None, foundation: int = 0
) -> tuple[Section, Section]:
    """Who it is for and less suited for. `foundation`: the roles asking for what a
    foundation course teaches, when its role was not chosen by the learner (0 otherwise)."""
    good: list[Statement] = []
    less: list[Statement] = []
    python = course.assumes.get("prog.python")
    prog_assumed = {s: lv for s, lv in course.assumes.items() if _category(ctx, s) == "programming"}
    if prog_assumed:
        good.append(
            Statement(
                text=f"Learners who already have {_having(ctx, prog_assumed)}.",
                evidence={"assumes": {k: int(v) for k, v in prog_assumed.items()}},
            )
        )
        less.append(
            Statement(
                text="Complete programming beginners: it assumes "
                f"{_skills_phrase(ctx, prog_assumed)}"
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
                    text=f"People heading for {_role_words(role)} roles: it teaches "
                    f"{len(serves)} of the {len(role.requirements)} skills the role needs.",
                    evidence={"role": role.id, "skills": sorted(serves)},
                )
            )
        production = [
            r
            for r in role.requirements
            if _category(ctx, r.skill) in PRODUCTION_CATEGORIES
            and r.weight >= Weight.IMPORTANT
            and course.teaches.get(r.skill, Level.NONE) == 0
        ]
        if production and not any(
            _category(ctx, s) in PRODUCTION_CATEGORIES for s in course.teaches
        ):
            names = [_lower_first(_skill_name(ctx, r.skill)) for r in production[:5]]
            less.append(
                Statement(
                    text=f"People who want production skills: it teaches none of {_join(names)}.",
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
            by_cat.setdefault(_category(ctx, req.skill), []).append(req.skill)
        elif taught < req.level and req.weight == Weight.CORE:
            shallow.append(req.skill)
    for cat, skills in by_cat.items():
        names = [_lower_first(_skill_name(ctx, s)) for s in skills]
        out.append(
            Statement(
                text=f"{CATEGORY_NAMES.get(cat, cat)}: {_join(names)}.",
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
            f"{_lower_first(_skill_name(ctx, s))} only to {course.teaches[s].label} "
            f"(the role needs {role.required()[s].level.label})"
            for s in shallow
        ]
        out.append(
            Statement(
                text=f"It goes less deep than {_role_words(role)} work needs on {_join(parts)}.",
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
        names = [_lower_first(_skill_name(ctx, s)) for s in listed]
        out.append(
            Statement(
                text=(
                    f"Its catalog row also lists {_join(names)} among many skills, without "
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
        closes = [_lower_first(_skill_name(ctx, s)) for s in step.closes]
        raised = [
            f"{_lower_first(_skill_name(ctx, s))} to {lv.label}"
            for s, lv in step.raises.items()
            if s not in step.closes
        ]
        what = []
        if closes:
            what.append("closes " + _join(closes[:5]))
        if raised:
            what.append("raises " + _join(raised[:4]))
        rating = _rating_phrase(step.course_id, inputs)
        text = (
            f"{step.title} ({step.platform}), weeks {step.start_week:g}–{step.end_week:g}: "
            + ("; ".join(what) or "prepares a later step")
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
        names = [_lower_first(_skill_name(ctx, u.skill)) for u in plan.uncovered[:6]]
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
        text = f"No course in the catalog reaches the level the goal needs in {_join(names)}"
        if suggestions:
            text += f"; for those: {_join(suggestions)}"
        out.append(
            Statement(
                text=text + ".",
                evidence={"uncovered": [u.model_dump(mode="json") for u in plan.uncovered]},
            )
        )
    return Section(id="stack", title="Courses to stack with or after it", statements=out)


def _rating_phrase(course_id: str, inputs: GuideInputs) -> str | None:
    """Practitioner reviews and the platform's star rating side by side: two reviews must not
    hide 16,900 platform ratings (they are different evidence, kept apart)."""
    said: list[str] = []
    est = inputs.ratings.get(course_id)
    if est is not None and est.n > 0:
        said.append(
            f"practitioners rate it {est.mean:.1f}/10 ({est.low:.1f}–{est.high:.1f}, n={est.n})"
        )
    quality = inputs.quality.get(course_id)
    if quality is not None and quality.external_value is not None:
        count = f" from {quality.external_count:,} ratings" if quality.external_count else ""
        said.append(f"rated {quality.external_value * 5:.1f}/5 on its platform{count}")
    return "; ".join(said) or None


PLATFORMS_SHOWN = 4  # the course's own platform and the largest others; the rest counted


def _platforms(course: Course, inputs: GuideInputs) -> Section:
    out: list[Statement] = []
    # twelve platform lines read as noise beside one course: its own platform and the
    # largest catalogs, the rest named in one line (`coursestack compare platforms` has all)
    ranked = sorted(inputs.platforms, key=lambda p: (p.platform != course.platform, -p.courses))
    shown, rest = ranked[:PLATFORMS_SHOWN], ranked[PLATFORMS_SHOWN:]
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
        share = summary.independent_projects
        if share.share is not None and share.n >= 3:
            facts.append(f"{share.share:.0%} with independent projects (n={share.n})")
        ped = summary.pedagogy.counts
        if ped and summary.pedagogy.n >= 3:
            top = max(ped.items(), key=lambda kv: kv[1])
            facts.append(f"mostly {top[0]} (n={summary.pedagogy.n})")
        if summary.effort_hours.median is not None:
            # "n=31" beside 3,049 courses hid that few list an effort (on Coursera mostly
            # two-hour guided projects): say how many of the platform's courses the median is of
            facts.append(
                f"median listed effort {_hours(summary.effort_hours.median)}"
                + (" of video" if (summary.effort_video_share or 0) > 0.5 else "")
                + " "
                f"({summary.effort_hours.n} of {summary.courses} courses list one)"
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
                text=f"{len(rest)} more platforms ({_join(names)}); the command "
                "'coursestack compare platforms' compares them all.",
                evidence={"platforms": names},
            )
        )
    return Section(id="platforms", title="Platform comparison", statements=out)


def _faq(ctx: AdvisorContext, course: Course, role: Role | None, inputs: GuideInputs) -> Section:
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
                f"it covers {gained / total:.0%} of what {_with_article(_role_words(role))} needs, "
                "weighted by importance and depth"
            )
            evidence["role_coverage"] = round(gained / total, 3)
    rating = _rating_phrase(course.id, inputs)
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
        text = _upper_first("; ".join(worth)) + "."
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
            bits.append(f"listed at about {_hours(listed)}")
        assumed = next((sc.assumed_listed for sc in inputs.pace if sc.assumed_listed), None)
        if listed is None and assumed is not None:
            # the figures below rest on comparable courses, not on this one: say so first
            weeks = course.effort.weeks
            if weeks:
                # '3 - 6 Months' beside '5 weeks' read as a contradiction: the listed length
                # assumes a light load, and more hours a week take fewer weeks
                bits.append(
                    f"the catalog lists its length but not its weekly hours, so these figures "
                    f"assume {_hours(assumed)} in all (its listed length at about "
                    f"{assumed / weeks:.0f} h a week, the load of comparable courses; at more "
                    f"hours a week it takes fewer weeks than listed)"
                )
            else:
                bits.append(
                    f"the catalog lists no effort for it, so these figures assume "
                    f"{_hours(assumed)} in all, from comparable courses"
                )
        # the experienced reader is said once, before the first of their figures
        opening = next((x for x in inputs.pace if x.reader == EXPERIENCED), None)
        for sc in inputs.pace:
            if sc.reader == NEWCOMER:
                bits.append(
                    f"{NEWCOMER}, at standard pace: about {_hours(sc.hours)}, "
                    f"{weeks_words(sc.weeks)} at {sc.hours_per_week:g} h/week"
                )
                continue
            who = f"for a learner {EXPERIENCED}, " if sc is opening else ""
            bits.append(
                f"{who}{sc.profile}: about {_hours(sc.hours)} ({_hours(sc.low)}–"
                f"{_hours(sc.high)}), {weeks_words(sc.weeks)} at {sc.hours_per_week:g} h/week"
            )
        out.append(
            Statement(
                question="How long does it take?",
                text=_upper_first("; ".join(bits)) + ".",
                evidence={"listed_hours": listed, "pace": [sc.__dict__ for sc in inputs.pace]},
            )
        )
    # Prerequisites
    if course.assumes:
        text = f"It assumes {_skills_phrase(ctx, course.assumes, limit=10)}."
        out.append(
            Statement(
                question="What are the prerequisites?",
                text=text,
                evidence={"assumes": {k: int(v) for k, v in course.assumes.items()}},
            )
        )
    # Which first? The related course with the strongest prerequisite relation; relations
    # through foundations only (Python, maths) say little about the order of two courses.
    best: tuple[int, float, Course, str, list[str]] | None = None
    for other, overlap in related_courses(ctx, course, limit=RELATED_FOR_ORDER):
        first, skills = order_between(course, other)
        if first is None:
            continue
        domain = [s for s in skills if _category(ctx, s) not in FOUNDATION_CATEGORIES]
        key = (len(domain), overlap)
        if best is None or key > best[:2]:
            best = (len(domain), overlap, other, first, skills)
    if best is not None:
        _, overlap, other, first, skills = best
        later = other if first == course.id else course
        earlier = course if first == course.id else other
        names = [_lower_first(_skill_name(ctx, s)) for s in skills[:4]]
        out.append(
            Statement(
                question=f"Which first: {course.title} or {other.title}?",
                text=f"{earlier.title} first: {later.title} assumes {_join(names)}, which "
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
                    f". For {_role_words(role)} roles our requirements weight an "
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


def _bottom_line(
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
        pieces.append(f"Best for {_lower_first(preferred[0].text.rstrip('.'))}")
    if role is not None and gaps:
        cats = [s.evidence.get("category") for s in gaps if s.evidence.get("category")]
        names = [_lower_first(CATEGORY_NAMES.get(str(c), str(c))) for c in cats[:3]]
        if names:
            pieces.append(f"for {_role_words(role)} work, plan to add {_join(names)}")
    plan = inputs.plan_after
    if plan is not None and plan.steps:
        pieces.append(
            # the starting figure counts what the course assumes as held too, so it is not the
            # course's own share: say so, beside the header's and the FAQ's figures
            f"a plan of {len(plan.steps)} follow-up courses takes weighted coverage "
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
        "faq": _faq(ctx, course, for_role, inputs),
    }
    sections["bottom-line"] = _bottom_line(ctx, course, for_role, sections, inputs)
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
