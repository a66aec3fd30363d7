"""Gap audit: what the goal requires, minus what the learner holds and what chosen courses teach.

Coverage (shared with fit and the planner; docs/helpers/COMMON.md):

    coverage(h) = sum_s w_s * min(h_s, need_s) / need_s  /  sum_s w_s

A gap is a required skill held below its needed level. `after` courses are taken in the given
order: each is credited only with what the learner and the earlier courses do not already
give, so the per-course contributions add up to coverage_after - coverage_before.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence

from pydantic import BaseModel, ConfigDict, Field, computed_field

from coursestack.domain import Gap, Learner, Level, Requirement
from coursestack.engine.context import AdvisorContext
from coursestack.engine.goal_projects import OFF_GOAL_PROJECT, toward_goal
from coursestack.engine.learner_state import course_or_error, effective_teaches, only_touches

# Why a taught skill counts for nothing toward the goal.
NOT_REQUIRED = "not-required"  # the goal does not ask for it
# a narrower part of a skill the goal asks for (logistic regression under supervised
# learning): about the goal (fit counts it so), but no credit toward the broader skill by itself
PART_OF_GOAL = "part-of-goal-skill"
ALREADY_HELD = "already-held"  # held (or taught earlier) at or above the level taught
ONLY_TOUCHED = "only-touched"  # the course merely mentions it: no credit (as in plans)
ALREADY_MET = "already-met"  # a higher level, but the goal's need was already met
# OFF_GOAL_PROJECT (engine.goal_projects): a project that does not exercise the goal's skills


class _Result(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def coverage(known: Mapping[str, Level], requirements: Mapping[str, Requirement]) -> float:
    """Weighted share of the required levels held, 0..1 (1 when nothing is required)."""
    total = 0.0
    held = 0.0
    for skill, req in requirements.items():
        weight = float(req.weight)
        total += weight
        need = int(req.level)
        held += weight if need <= 0 else weight * min(int(known.get(skill, 0)), need) / need
    return 1.0 if total == 0 else held / total


def missing_weight(have: int, req: Requirement) -> float:
    """A gap's weight in coverage units: w * (need - have) / need (before dividing by sum w)."""
    need = int(req.level)
    if need <= 0 or have >= need:
        return 0.0
    return float(req.weight) * (need - have) / need


def gaps_of(
    ctx: AdvisorContext, known: Mapping[str, Level], requirements: Mapping[str, Requirement]
) -> list[Gap]:
    """Required skills held below their level: largest weighted shortfall first, then the
    heavier role weight."""
    out: list[Gap] = []
    for skill, req in requirements.items():
        have = Level(known.get(skill, Level.NONE))
        if have >= req.level:
            continue
        info = ctx.taxonomy.skills.get(skill)
        out.append(
            Gap(
                skill=skill,
                name=info.name if info else skill,
                category=info.category if info else "other",
                have=have,
                need=req.level,
                weight=req.weight,
            )
        )
    out.sort(key=lambda g: (-missing_weight(g.have, requirements[g.skill]), -g.weight, g.skill))
    return out


class Fallthrough(_Result):
    skill: str
    level: Level  # the level the course teaches
    reason: (
        str  # NOT_REQUIRED, PART_OF_GOAL, ALREADY_HELD, ALREADY_MET, ONLY_TOUCHED, OFF_GOAL_PROJECT
    )


class CourseContribution(_Result):
    course_id: str
    title: str
    counts: dict[str, Level]  # required skills it raises, to the level it brings them (<= need)
    closes: list[str]  # gaps it closes fully
    fallthrough: list[Fallthrough]  # taught skills that do nothing for the goal
    coverage_gain: float


class CategoryGaps(_Result):
    category: str
    skills: list[str]  # its gap skill ids, in gap order
    missing_share: float  # its share of the whole remaining weighted gap (shares sum to 1)
    coverage: float  # coverage of the goal's requirements in this category alone


class GapAudit(_Result):
    goal: str | None
    targets: dict[str, Level] = Field(default_factory=dict)
    after: list[str] = Field(default_factory=list)
    coverage_before: float
    coverage_after: float
    gaps: list[Gap]  # what remains after `after`
    categories: list[CategoryGaps]
    courses: list[CourseContribution]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def gain(self) -> float:
        return self.coverage_after - self.coverage_before


def contribution(
    ctx: AdvisorContext,
    course_id: str,
    levels: dict[str, Level],
    requirements: Mapping[str, Requirement],
) -> CourseContribution:
    """What one course adds on top of `levels`; updates `levels` in place."""
    course = course_or_error(ctx, course_id)
    before = coverage(levels, requirements)
    counts: dict[str, Level] = {}
    closes: list[str] = []
    fallthrough: list[Fallthrough] = []
    teaches = effective_teaches(course, ctx)
    counted = toward_goal(teaches, requirements)
    for skill, taught in sorted(teaches.items()):
        have = levels.get(skill, Level.NONE)
        req = requirements.get(skill)
        if only_touches(course, skill):
            fallthrough.append(Fallthrough(skill=skill, level=taught, reason=ONLY_TOUCHED))
            continue
        if skill not in counted:
            fallthrough.append(Fallthrough(skill=skill, level=taught, reason=OFF_GOAL_PROJECT))
            continue
        if req is None:
            why = PART_OF_GOAL if broader_goal_skill(skill, requirements) else NOT_REQUIRED
            fallthrough.append(Fallthrough(skill=skill, level=taught, reason=why))
        elif taught <= have:
            fallthrough.append(Fallthrough(skill=skill, level=taught, reason=ALREADY_HELD))
        elif have >= req.level:
            fallthrough.append(Fallthrough(skill=skill, level=taught, reason=ALREADY_MET))
        else:
            counts[skill] = Level(min(taught, req.level))
            if taught >= req.level:
                closes.append(skill)
        if taught > have:
            levels[skill] = Level(taught)
    return CourseContribution(
        course_id=course.id,
        title=course.title,
        counts=counts,
        closes=closes,
        fallthrough=fallthrough,
        coverage_gain=coverage(levels, requirements) - before,
    )


def broader_goal_skill(skill: str, requirements: Container[str]) -> str | None:
    """The required skill `skill` is a narrower part of, by the taxonomy's dotted ids
    (prog.python.oop is part of prog.python), or None."""
    parts = skill.split(".")
    for n in range(len(parts) - 1, 1, -1):
        broader = ".".join(parts[:n])
        if broader in requirements:
            return broader
    return None


def category_of(ctx: AdvisorContext, skill: str) -> str:
    info = ctx.taxonomy.skills.get(skill)
    return info.category if info else "other"


def by_category(
    ctx: AdvisorContext,
    gaps: Sequence[Gap],
    known: Mapping[str, Level],
    requirements: Mapping[str, Requirement],
) -> list[CategoryGaps]:
    """Gaps grouped by skill category, largest share of the remaining weighted gap first."""
    total = sum(missing_weight(g.have, requirements[g.skill]) for g in gaps)
    groups: dict[str, list[Gap]] = {}
    for gap in gaps:
        groups.setdefault(gap.category, []).append(gap)
    out: list[CategoryGaps] = []
    for category, members in groups.items():
        in_category = {s: r for s, r in requirements.items() if category_of(ctx, s) == category}
        share = sum(missing_weight(g.have, requirements[g.skill]) for g in members)
        out.append(
            CategoryGaps(
                category=category,
                skills=[g.skill for g in members],
                missing_share=share / total if total else 0.0,
                coverage=coverage(known, in_category),
            )
        )
    out.sort(key=lambda c: (-c.missing_share, c.category))
    return out


def audit(
    ctx: AdvisorContext,
    learner: Learner,
    known: Mapping[str, Level],
    requirements: Mapping[str, Requirement],
    after: Sequence[str] = (),
) -> GapAudit:
    """The goal's gaps once the learner has taken the `after` courses (in that order)."""
    levels = dict(known)
    contributions = [contribution(ctx, cid, levels, requirements) for cid in after]
    gaps = gaps_of(ctx, levels, requirements)
    return GapAudit(
        goal=learner.goal,
        targets=dict(learner.targets),
        after=list(after),
        coverage_before=coverage(known, requirements),
        coverage_after=coverage(levels, requirements),
        gaps=gaps,
        categories=by_category(ctx, gaps, levels, requirements),
        courses=contributions,
    )


def compare_after(
    ctx: AdvisorContext,
    learner: Learner,
    known: Mapping[str, Level],
    requirements: Mapping[str, Requirement],
    options: Sequence[Sequence[str]],
) -> list[GapAudit]:
    """One audit per what-if (a course, or a list of courses taken in order), best first:
    highest coverage after, then fewest remaining gaps; ties keep the given order."""
    audits = [audit(ctx, learner, known, requirements, option) for option in options]
    order = sorted(
        range(len(audits)), key=lambda i: (-audits[i].coverage_after, len(audits[i].gaps), i)
    )
    return [audits[i] for i in order]
