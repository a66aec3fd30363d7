"""Generated catalogs and learners for the planner's property tests and latency benchmark.

Pure (no I/O): the caller passes the taxonomy's skills and the roles. Generated courses are
obviously synthetic (ids `syn-...`, platform slugs from the real list) and never mixed with
a real catalog.

Catalog profile: measured on the imported catalog (the six dumps in data/catalogs plus the
curated catalog, 7,846 courses; `benchmarks/catalog_profile.py` prints these figures for any
database and for a generated catalog) and matched, over the courses that teach a taxonomy
skill ("on-topic", 22.8% of the catalog; the rest teach none):
- main category by the measured shares (programming 38%, cloud, ML and LLM 8-9% each, ...);
  skill popularity within a category is Zipf-like (measured: the 10 most taught skills hold
  27% of teach entries);
- skills taught: 1 (57%), 2 (19%), 3 (9%), 4 (4%), 5 (3%), 6 (2%), 7-16 (6%); further skills
  are taxonomy prerequisites of the ones picked, skills of the main category or of another
  (measured: 31% of on-topic courses span 2+ categories, 86% of taught skills in the main one);
- levels taught 1: 43%, 2: 55%, 3: 2%;
- assumptions: 32% of on-topic courses assume something (median 2, p90 5 per course), nearly
  all (89%) taxonomy prerequisites of the taught skills they do not teach, at level 1 (59%) or
  2 (41%); the rest another skill of the main category, a prerequisite of a prerequisite, or a
  lower level of a taught skill;
- hours: lognormal, median 7.5 h, p90 ~47 h (the listed on-topic hours), capped at 260;
- price models: the listed shares among courses that list one (free 25%, free-audit 25%,
  one-time 40% lognormal median 50, capped 200; subscription 10% at 49 a month).
Unlisted hours and prices (68% and 52% of real on-topic courses) are not reproduced: the
service fills them from comparable courses before planning (pace model, typical prices), so
the planner sees a figure for almost every course; 5% unknown hours and 3% unknown prices stand
for the courses with nothing comparable. 0.2% of the catalog are programs bundling 3-5 courses.
Chain depths and mutual-supplier cycles are not set directly; they follow from the above and
the profile script prints them next to the real ones.
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
from coursestack.engine.context import AdvisorContext, CourseQuality, Resident
from coursestack.engine.learner_state import known_levels
from coursestack.engine.taxonomy import Taxonomy

PLATFORMS = (
    "coursera", "edx", "udemy", "fast.ai", "kaggle-learn", "datacamp", "udacity", "mit-ocw",
    "stanford-online", "deeplearning.ai", "google", "hugging-face", "microsoft-learn",
    "aws-skill-builder", "datatalks-club", "youtube", "other",
)  # fmt: skip
PEDAGOGIES = (Pedagogy.THEORY_FIRST, Pedagogy.CODE_FIRST, Pedagogy.MIXED, None)
PROGRAM_SHARE = 0.002
ON_TOPIC_SHARE = 0.228
# Measured shares of on-topic courses by main category; a category not listed weighs 0.01.
CATEGORY_SHARES = {
    "programming": 0.382, "cloud": 0.086, "machine-learning": 0.083, "llm": 0.082,
    "data-engineering": 0.073, "deep-learning": 0.055, "practice": 0.05, "data-analysis": 0.046,
    "math": 0.039, "mlops": 0.038, "statistics": 0.033, "visualization": 0.029,
    "ml-system-design": 0.004,
}  # fmt: skip
SKILL_COUNT_WEIGHTS = {1: 57, 2: 19, 3: 9, 4: 4, 5: 3, 6: 2, 7: 1, 8: 1, 9: 1, 10: 1, 12: 1, 16: 1}
# A course lists assumptions with ASSUME_SHARE; it then assumes each taxonomy prerequisite of
# its taught skills it does not teach with ASSUME_EACH (measured: 32% of on-topic courses
# assume something, median 2; 44% of such untaught prerequisites are assumed).
ASSUME_SHARE = 0.43
ASSUME_EACH = 0.85
ZIPF = 0.8  # skill popularity within a category: weight 1 / rank**ZIPF


def _weighted(rng: random.Random, table: dict[int, int]) -> int:
    return rng.choices(list(table), weights=list(table.values()))[0]


def _level(rng: random.Random) -> Level:
    x = rng.random()
    return Level.AWARE if x < 0.43 else Level.PRACTISED if x < 0.98 else Level.APPLIED


def _catalog_price(rng: random.Random) -> Price:
    """Price models as listed among the real courses that list one (3% unknown)."""
    x = rng.random()
    if x < 0.03:
        return Price.model_construct(model=None, amount=None, currency=None)
    if x < 0.27:
        return Price.model_construct(model=PriceModel.FREE, amount=None, currency=None)
    if x < 0.51:
        return Price.model_construct(model=PriceModel.FREE_AUDIT, amount=None, currency="USD")
    if x < 0.61:
        return Price.model_construct(model=PriceModel.SUBSCRIPTION, amount=49.0, currency="USD")
    amount = min(200.0, round(rng.lognormvariate(3.9, 0.9), 2))
    return Price.model_construct(model=PriceModel.ONE_TIME, amount=amount, currency="USD")


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
            hours: float | None, price: Price | None = None) -> Course:  # fmt: skip
    return Course.model_construct(
        id=cid,
        title=f"Synthetic course {cid}",
        platform=rng.choice(PLATFORMS),
        kind=CourseKind.COURSE,
        parts=[],
        effort=Effort.model_construct(hours=hours, weeks=None, hours_per_week_low=None),
        price=_price(rng) if price is None else price,
        pedagogy=rng.choice(PEDAGOGIES),
        teaches=teaches,
        assumes=assumes,
    )


class _Profile:
    """The taxonomy arranged for sampling: categories by measured share, Zipf-like skills."""

    def __init__(self, skills: Sequence[Skill]) -> None:
        self.by_category: dict[str, list[Skill]] = {}
        for s in skills:
            self.by_category.setdefault(s.category, []).append(s)
        self.categories = sorted(self.by_category)
        self.category_weights = [CATEGORY_SHARES.get(c, 0.01) for c in self.categories]
        self.skill_weights = {
            c: [1.0 / (r + 1) ** ZIPF for r in range(len(pool))]
            for c, pool in self.by_category.items()
        }
        self.skills = {s.id: s for s in skills}

    def category(self, rng: random.Random) -> str:
        return rng.choices(self.categories, weights=self.category_weights)[0]

    def skill(self, rng: random.Random, category: str) -> Skill:
        pool = self.by_category[category]
        return rng.choices(pool, weights=self.skill_weights[category])[0]


def _on_topic(rng: random.Random, prof: _Profile) -> tuple[dict[str, Level], dict[str, Level]]:
    k = _weighted(rng, SKILL_COUNT_WEIGHTS)
    main = prof.category(rng)
    picked: dict[str, Skill] = {}
    first = prof.skill(rng, main)
    picked[first.id] = first
    for _ in range(8 * k):
        if len(picked) >= k:
            break
        x = rng.random()
        if x < 0.35:
            pre = [p.skill for s in picked.values() for p in s.prerequisites]
            if not pre:
                continue
            cand = prof.skills[rng.choice(pre)]
        elif x < 0.7:
            cand = prof.skill(rng, main)
        else:
            cand = prof.skill(rng, prof.category(rng))
        picked.setdefault(cand.id, cand)
    teaches: dict[str, Level] = {sid: _level(rng) for sid in picked}
    assumes: dict[str, Level] = {}
    untaught = sorted({p.skill for s in picked.values() for p in s.prerequisites} - set(picked))
    if untaught and rng.random() < ASSUME_SHARE:
        for sid in untaught:
            if rng.random() >= ASSUME_EACH:
                continue
            x = rng.random()
            if x < 0.05:  # another skill of the main category
                sid = prof.skill(rng, main).id
            elif x < 0.085:  # a prerequisite of that prerequisite
                deeper = [p.skill for p in prof.skills[sid].prerequisites]
                sid = rng.choice(deeper) if deeper else sid
            elif x < 0.105:  # a lower level of a taught skill
                sid = rng.choice(sorted(teaches))
            if sid in teaches and teaches[sid] == Level.AWARE:
                continue
            level = Level.AWARE if rng.random() < 0.59 else Level.PRACTISED
            if sid in teaches:
                level = Level(min(int(level), int(teaches[sid]) - 1))
            assumes[sid] = level
    return teaches, assumes


def synthetic_catalog(
    n: int, skills: Sequence[Skill], roles: Sequence[Role] = (), seed: int = 0
) -> AdvisorContext:
    """`n` generated courses over the given taxonomy (see the module docstring)."""
    rng = random.Random(seed)
    prof = _Profile(skills)
    courses: dict[str, Course] = {}
    keep = Resident()  # each course compacted as it is made (see engine.context)
    quality: dict[str, CourseQuality] = {}
    n_programs = int(n * PROGRAM_SHARE)
    for i in range(n - n_programs):
        if rng.random() >= ON_TOPIC_SHARE:
            teaches: dict[str, Level] = {}
            assumes: dict[str, Level] = {}
        else:
            teaches, assumes = _on_topic(rng, prof)
        hours = None if rng.random() < 0.05 else min(260.0, round(rng.lognormvariate(2.0, 1.44), 1))
        cid = f"syn-{i:06d}"
        courses[cid] = keep(_course(cid, rng, teaches, assumes, hours, _catalog_price(rng)))
        if rng.random() < 0.7:
            quality[cid] = CourseQuality(external_value=round(rng.betavariate(8, 2), 3))
    ids = list(courses)
    for j in range(n_programs):
        parts = rng.sample(ids, rng.randint(3, 5))
        hours_parts = [courses[p].effort.hours for p in parts]
        hours = None if any(h is None for h in hours_parts) else sum(h or 0 for h in hours_parts)
        cid = f"syn-program-{j:05d}"
        prog = _course(cid, rng, {}, {}, hours, _catalog_price(rng))
        prog.kind = CourseKind.SPECIALIZATION
        prog.parts = parts
        courses[cid] = keep(prog)
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
