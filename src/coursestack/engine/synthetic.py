"""Generated catalogs and learners for the planner's property tests and latency benchmark.

Pure (no I/O): the caller passes the taxonomy's skills and the roles. Generated courses are
obviously synthetic (ids `syn-...`, platform slugs from the real list) and never mixed with
a real catalog.

Catalog profile (matched to the imported dumps, where 77% of 7,846 courses teach no taxonomy
skill and a role's skills touch 7-11% of the catalog): ON_TOPIC_SHARE of the courses teach
taxonomy skills, the rest (business, arts, languages, ...) teach none. An on-topic course
centres on one taxonomy category and teaches 2-12 skills (median 4), all from it except, for a
quarter of the courses, 1-3 from a second category, plus some prerequisites of those skills at
level 1; levels 1-3 (1: 30%, 2: 55%, 3: 15%);
it assumes some taxonomy prerequisites of what it teaches (level 1-2), and an advanced
course (teaching level 3) often assumes level 1-2 of the same skill. Hours are lognormal with
median 20 h (5% unknown); prices: free 35%, free-audit 10%, subscription 35% (39-59 a month),
one-time 17% (lognormal, median 40), unknown 3%; a quality score for 70%; 2% of the catalog
are programs bundling 3-5 courses of one category.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from coursestack.domain import (
    Course,
    CourseKind,
    Effort,
    Learner,
    Level,
    Pedagogy,
    Price,
    PriceModel,
    Requirement,
    Role,
    Skill,
    Weight,
)
from coursestack.engine.context import AdvisorContext, CourseQuality
from coursestack.engine.learner_state import known_levels
from coursestack.engine.taxonomy import Taxonomy

PLATFORMS = (
    "coursera", "edx", "udemy", "fast.ai", "kaggle-learn", "datacamp", "udacity", "mit-ocw",
    "stanford-online", "deeplearning.ai", "google", "hugging-face", "microsoft-learn",
    "aws-skill-builder", "datatalks-club", "youtube", "other",
)  # fmt: skip
PEDAGOGIES = (Pedagogy.THEORY_FIRST, Pedagogy.CODE_FIRST, Pedagogy.MIXED, None)
PROGRAM_SHARE = 0.02
ON_TOPIC_SHARE = 0.3
SKILL_COUNTS = (2, 3, 3, 4, 4, 4, 5, 6, 8, 10, 12)  # median 4


def _level(rng: random.Random) -> Level:
    x = rng.random()
    return Level.AWARE if x < 0.30 else Level.PRACTISED if x < 0.85 else Level.APPLIED


def _price(rng: random.Random) -> Price:
    x = rng.random()
    if x < 0.35:
        return Price.model_construct(model=PriceModel.FREE, amount=None, currency=None)
    if x < 0.45:
        return Price.model_construct(model=PriceModel.FREE_AUDIT, amount=None, currency="USD")
    if x < 0.80:
        amount = float(rng.choice((39, 49, 59)))
        return Price.model_construct(model=PriceModel.SUBSCRIPTION, amount=amount, currency="USD")
    if x < 0.97:
        amount = round(rng.lognormvariate(3.7, 0.8), 2)
        return Price.model_construct(model=PriceModel.ONE_TIME, amount=amount, currency="USD")
    return Price.model_construct(model=None, amount=None, currency=None)


def _course(cid: str, rng: random.Random, teaches: dict[str, Level], assumes: dict[str, Level],
            hours: float | None) -> Course:  # fmt: skip
    return Course.model_construct(
        id=cid,
        title=f"Synthetic course {cid}",
        platform=rng.choice(PLATFORMS),
        kind=CourseKind.COURSE,
        parts=[],
        effort=Effort.model_construct(hours=hours, weeks=None, hours_per_week_low=None),
        price=_price(rng),
        pedagogy=rng.choice(PEDAGOGIES),
        teaches=teaches,
        assumes=assumes,
    )


def _on_topic(
    rng: random.Random, by_category: dict[str, list[Skill]], categories: list[str]
) -> tuple[dict[str, Level], dict[str, Level]]:
    k = rng.choice(SKILL_COUNTS)
    pool = by_category[rng.choice(categories)]
    picked = rng.sample(pool, min(k, len(pool)))
    if rng.random() < 0.25:
        other = by_category[rng.choice(categories)]
        picked += [s for s in rng.sample(other, min(len(other), rng.randint(1, 3)))
                   if s not in picked]  # fmt: skip
    extra = [p.skill for s in picked for p in s.prerequisites]
    teaches: dict[str, Level] = {s.id: _level(rng) for s in picked}
    for sid in rng.sample(extra, min(len(extra), max(0, k - len(picked)))):
        teaches.setdefault(sid, Level.AWARE)
    assumes: dict[str, Level] = {}
    for sid in rng.sample(extra, min(len(extra), rng.randint(0, 3))):
        if sid not in teaches:
            assumes[sid] = Level(rng.choice((1, 1, 2)))
    for sid, lvl in teaches.items():
        if lvl == Level.APPLIED and rng.random() < 0.6:
            assumes[sid] = Level(rng.choice((1, 2)))
    return teaches, assumes


def synthetic_catalog(
    n: int, skills: Sequence[Skill], roles: Sequence[Role] = (), seed: int = 0
) -> AdvisorContext:
    """`n` generated courses over the given taxonomy (see the module docstring)."""
    rng = random.Random(seed)
    by_category: dict[str, list[Skill]] = {}
    for s in skills:
        by_category.setdefault(s.category, []).append(s)
    categories = sorted(by_category)
    courses: dict[str, Course] = {}
    quality: dict[str, CourseQuality] = {}
    n_programs = int(n * PROGRAM_SHARE)
    for i in range(n - n_programs):
        if rng.random() >= ON_TOPIC_SHARE:
            teaches: dict[str, Level] = {}
            assumes: dict[str, Level] = {}
        else:
            teaches, assumes = _on_topic(rng, by_category, categories)
        hours = None if rng.random() < 0.05 else round(rng.lognormvariate(3.0, 0.7), 1)
        cid = f"syn-{i:06d}"
        courses[cid] = _course(cid, rng, teaches, assumes, hours)
        if rng.random() < 0.7:
            quality[cid] = CourseQuality(external_value=round(rng.betavariate(8, 2), 3))
    ids = list(courses)
    for j in range(n_programs):
        parts = rng.sample(ids, rng.randint(3, 5))
        hours_parts = [courses[p].effort.hours for p in parts]
        hours = None if any(h is None for h in hours_parts) else sum(h or 0 for h in hours_parts)
        cid = f"syn-program-{j:05d}"
        prog = _course(cid, rng, {}, {}, hours)
        prog.kind = CourseKind.SPECIALIZATION
        prog.parts = parts
        courses[cid] = prog
    return AdvisorContext(
        courses=courses,
        taxonomy=Taxonomy.build(skills),
        roles={r.id: r for r in roles},
        quality=quality,
    )


def synthetic_requirements(rng: random.Random, skills: Sequence[Skill]) -> dict[str, Requirement]:
    """A role-like goal when no roles are available: 15-30 skills, levels 1-4, weights 1-3."""
    picked = rng.sample(list(skills), min(len(skills), rng.randint(15, 30)))
    return {
        s.id: Requirement(
            skill=s.id,
            level=Level(rng.choice((1, 2, 2, 3, 3, 4))),
            weight=Weight(rng.randint(1, 3)),
        )
        for s in picked
    }


def synthetic_learner(
    ctx: AdvisorContext, seed: int, skills: Sequence[Skill] = ()
) -> tuple[Learner, dict[str, Level], dict[str, Requirement]]:
    """A learner with a role (or generated requirements), partial levels, and constraints.

    Returns (learner, known levels, requirements) as the planner's callers compute them."""
    rng = random.Random(seed)
    if ctx.roles:
        role = ctx.roles[rng.choice(sorted(ctx.roles))]
        reqs = role.required()
        goal: str | None = role.id
    else:
        reqs = synthetic_requirements(rng, skills or list(ctx.taxonomy.skills.values()))
        goal = None
    stated = {s: Level(rng.randint(0, int(r.level))) for s, r in reqs.items() if rng.random() < 0.5}
    ids = sorted(ctx.courses)
    completed = rng.sample(ids, min(len(ids), rng.randint(0, 3)))
    platforms = None if rng.random() < 0.6 else rng.sample(PLATFORMS, rng.randint(6, 12))
    learner = Learner(
        skills={s: v for s, v in stated.items() if v > 0},
        completed=completed,
        goal=goal,
        targets={} if goal else {s: r.level for s, r in reqs.items()},
        hours_per_week=float(rng.choice((3, 5, 8, 10, 15))),
        budget=None if rng.random() < 0.4 else float(rng.randint(50, 800)),
        deadline_weeks=None if rng.random() < 0.4 else float(rng.randint(8, 52)),
        platforms=platforms,
        pedagogy=rng.choice(PEDAGOGIES),
    )
    return learner, known_levels(learner, ctx), reqs


def small_instance(
    seed: int, skills: Sequence[Skill], n_courses: int = 10, n_skills: int = 6
) -> tuple[AdvisorContext, Learner, dict[str, Level], dict[str, Requirement]]:
    """A tiny catalog and learner over `n_skills` skills (for brute-force comparisons):
    courses teach 1-3 of them and may assume others (prerequisite cycles included)."""
    rng = random.Random(seed)
    pool = rng.sample(list(skills), n_skills)
    ids_ = [s.id for s in pool]
    courses: dict[str, Course] = {}
    quality: dict[str, CourseQuality] = {}
    for i in range(n_courses):
        taught = rng.sample(ids_, rng.randint(1, 3))
        teaches = {s: Level(rng.randint(1, 4)) for s in taught}
        assumes = {
            s: Level(rng.randint(1, 3))
            for s in rng.sample(ids_, rng.randint(0, 2))
            if s not in teaches
        }
        hours = None if rng.random() < 0.1 else float(rng.randint(2, 40))
        cid = f"syn-{i:03d}"
        courses[cid] = _course(cid, rng, teaches, assumes, hours)
        if rng.random() < 0.7:
            quality[cid] = CourseQuality(external_value=round(rng.random(), 2))
    if n_courses >= 4 and rng.random() < 0.5:
        parts = rng.sample(list(courses), 2)
        prog = _course("syn-program", rng, {}, {}, None)
        prog.kind = CourseKind.SPECIALIZATION
        prog.parts = parts
        courses[prog.id] = prog
    ctx = AdvisorContext(
        courses=courses, taxonomy=Taxonomy.build(skills), roles={}, quality=quality
    )
    reqs = {
        s: Requirement(skill=s, level=Level(rng.randint(1, 4)), weight=Weight(rng.randint(1, 3)))
        for s in rng.sample(ids_, rng.randint(2, n_skills))
    }
    stated = {s: Level(rng.randint(1, 2)) for s in ids_ if rng.random() < 0.3}
    learner = Learner(
        skills=stated,
        completed=rng.sample(sorted(courses), rng.randint(0, 1)),
        targets={s: r.level for s, r in reqs.items()},
        hours_per_week=float(rng.choice((3, 5, 8, 12))),
        budget=None if rng.random() < 0.5 else float(rng.randint(0, 150)),
        deadline_weeks=None if rng.random() < 0.5 else float(rng.randint(1, 12)),
        platforms=None if rng.random() < 0.7 else rng.sample(PLATFORMS, 8),
        pedagogy=rng.choice(PEDAGOGIES),
    )
    return ctx, learner, known_levels(learner, ctx), reqs
