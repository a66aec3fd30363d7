"""How a course relates to roles and to other courses: the role it serves best, whether it
is a foundation many roles ask for, the courses teaching most of the same, which comes first."""

from __future__ import annotations

from coursestack.domain import (
    Course,
    Level,
    Role,
)
from coursestack.engine.context import AdvisorContext

MIN_OVERLAP = 0.15  # skill overlap (Jaccard) for two courses to count as related


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
