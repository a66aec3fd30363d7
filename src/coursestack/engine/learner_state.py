"""What a learner holds and what their goal asks for, as plain dicts the other engine parts use.

- `known_levels`: stated levels, raised by what completed courses teach (a completed program
  also implies what its parts teach).
- `goal_requirements`: the goal role's requirements plus the learner's explicit targets.
- `effective_teaches`: a course's teaches merged with its parts' (a program's own list is
  often a summary; its parts say more).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rapidfuzz import process

from coursestack.domain import Course, Learner, Level, NotFoundError, Requirement, Weight
from coursestack.engine.context import AdvisorContext
from coursestack.engine.taxonomy import Taxonomy

SUGGESTIONS = 5


def course_or_error(ctx: AdvisorContext, course_id: str) -> Course:
    """The course with this id; NotFoundError naming the closest ids otherwise."""
    course = ctx.courses.get(course_id)
    if course is not None:
        return course
    found = process.extract(course_id, list(ctx.courses), limit=SUGGESTIONS)
    raise NotFoundError("course", course_id, [cid for cid, _score, _ in found])


def raise_levels(levels: dict[str, Level], teaches: Mapping[str, Level]) -> None:
    """Taking a course raises each taught skill to at least the level it teaches."""
    for skill, level in teaches.items():
        if level > levels.get(skill, Level.NONE):
            levels[skill] = Level(level)


def effective_teaches(course: Course, ctx: AdvisorContext | None = None) -> dict[str, Level]:
    """What taking the course teaches: its own list, raised by its parts' lists (one level
    down only; parts of parts are rare and would already be summarised by their parent), and
    by the broader skills it teaches through their narrower parts (`taught_areas`)."""
    out: dict[str, Level] = dict(course.teaches)
    if ctx is not None:
        for part_id in course.parts:
            part = ctx.courses.get(part_id)
            if part is not None:
                raise_levels(out, part.teaches)
        raise_levels(out, taught_areas(out, ctx.taxonomy, course))
    return out


def taught_areas(
    teaches: Mapping[str, Level], taxonomy: Taxonomy, course: Course | None = None
) -> dict[str, Level]:
    """A broader skill a course teaches through two or more of its narrower parts (the
    taxonomy's dotted ids), at the level two of them reach: seven supervised models at
    'practised' are supervised learning at 2 (a guide said such a course 'does not teach
    supervised learning' and sent its reader to a nanodegree for it). Parts the course only
    touches (`only_touches`) do not count."""
    reached: dict[str, list[int]] = {}
    for skill, level in teaches.items():
        parent = taxonomy.parent_of.get(skill)
        if parent is not None and level > 0 and not (course and only_touches(course, skill)):
            reached.setdefault(parent, []).append(int(level))
    return {
        parent: Level(sorted(levels)[-2]) for parent, levels in reached.items() if len(levels) >= 2
    }


# What every adult learner is taken to hold unless they state the skill themselves (at 0 to
# say they do not): school algebra, at aware. Without it a Python coder listing no maths was
# sent to "Honors Algebra 2" before fast.ai, whose only unmet prerequisite was algebra at 1.
SCHOOL_BASELINE: dict[str, Level] = {"math.algebra": Level.AWARE}
# A learner who practises a quantitative skill (statistics, mathematics, machine learning) at
# 2 or more holds school algebra at 2: a marketing analyst with descriptive statistics at 2
# was sent to a 54 h Precalculus before any probability course (whose edge asks algebra 2).
QUANTITATIVE_CATEGORIES = frozenset({"statistics", "math", "machine-learning", "deep-learning"})
QUANTITATIVE_ALGEBRA = Level.PRACTISED


def baseline_assumed(learner: Learner, ctx: AdvisorContext) -> dict[str, Level]:
    """The SCHOOL_BASELINE skills this learner is taken to hold (algebra at 2 for one who
    practises a quantitative skill): those they did not state and their stated skills do not
    already imply (calculus at 4 implies the algebra under it;
    telling a physicist their algebra was taken as held is noise)."""
    stated = {s: Level(v) for s, v in learner.skills.items() if v > 0}
    implied = implied_prerequisites(stated, ctx.taxonomy)
    baseline = dict(SCHOOL_BASELINE)
    skills = ctx.taxonomy.skills
    if any(
        v >= Level.PRACTISED and s in skills and skills[s].category in QUANTITATIVE_CATEGORIES
        for s, v in stated.items()
    ):
        baseline["math.algebra"] = QUANTITATIVE_ALGEBRA
    return {
        s: v
        for s, v in baseline.items()
        if s not in learner.skills and s in skills and implied.get(s, 0) < v
    }


# General-purpose programming languages: "programming experience" in the pace model, and the
# skills a taxonomy prerequisite cannot pin down (an API or software-engineering skill rests
# on *a* language, the taxonomy names Python).
CODING_LANGUAGES = frozenset(
    {"prog.python", "prog.r", "prog.java", "prog.javascript", "prog.cpp", "prog.scala"}
)
# General-purpose languages the taxonomy does not track, as a learner names them (accepted
# as untracked): programming experience all the same (an 8-year Go developer was paced as
# a newcomer), and a reason not to infer Python.
OTHER_CODING_LANGUAGES = frozenset(
    {"go", "golang", "c", "c#", "csharp", "rust", "kotlin", "swift", "php", "ruby", "perl",
     "matlab", "octave", "julia", "fortran", "typescript", "dart", "elixir", "haskell",
     "lua", "objective-c", "visual basic", "vba", "delphi", "cobol"}
)  # fmt: skip


def other_coding(learner: Learner) -> int:
    """The learner's level in a general-purpose language the taxonomy does not track."""
    return max(
        (
            int(v)
            for name, v in learner.untracked.items()
            if " ".join(name.lower().split()) in OTHER_CODING_LANGUAGES
        ),
        default=0,
    )


def known_levels(learner: Learner, ctx: AdvisorContext) -> dict[str, Level]:
    """The stated levels; for other skills, the levels completed courses imply (what they
    teach and assume, since whoever finished one held or gained those) and the school
    baseline the learner did not state otherwise; closed under the taxonomy's prerequisites
    (`implied_prerequisites`), raised by the narrower parts of stated skills
    (`implied_parts`) and by what stated skills mean under another discipline's name
    (`implied_overlaps`, not closed in turn). None of these changes a level the learner
    stated (their word on a skill stands: python 1 stays 1 beside REST APIs at 3 or a
    completed CS50P), nor infers a programming language for a learner who states another one
    (a Java developer's REST APIs are not Python). Skills at level 0 are left out."""
    return _levels(learner, ctx)[1]


def implied_levels(learner: Learner, ctx: AdvisorContext) -> dict[str, Level]:
    """The levels `known_levels` infers above what the learner stated, their completed
    courses gave and the school baseline: the prerequisites and narrower parts of what they
    hold, which a plan should say it took as held."""
    direct, closed = _levels(learner, ctx)
    return {s: v for s, v in closed.items() if v > direct.get(s, Level.NONE)}


def _levels(learner: Learner, ctx: AdvisorContext) -> tuple[dict[str, Level], dict[str, Level]]:
    """(direct levels: stated, baseline, completed courses; `known_levels`)."""
    levels: dict[str, Level] = {s: Level(v) for s, v in learner.skills.items() if v > 0}
    raise_levels(levels, baseline_assumed(learner, ctx))
    for course_id in learner.completed:
        course = course_or_error(ctx, course_id)
        raise_levels(levels, effective_teaches(course, ctx))
        raise_levels(levels, effective_assumes(course, ctx))
    closed = implied_prerequisites(levels, ctx.taxonomy)
    raise_levels(closed, implied_parts(learner.skills, ctx.taxonomy))
    # what stated skills mean under another discipline's name, not closed in turn: closing
    # them (regression -> ML linear regression -> its prerequisites) credited a statistician
    # stating regression 2 and Excel with Python 1 and ML fundamentals 1
    raise_levels(closed, implied_overlaps(learner.skills, ctx.taxonomy))
    fixed = set(learner.skills)
    if any(learner.skills.get(s, 0) > 0 for s in CODING_LANGUAGES) or other_coding(learner):
        fixed |= CODING_LANGUAGES
    for skill in fixed & closed.keys():
        # a stated level stands, over a completed course's too (python: 1 beside a completed
        # CS50P: the learner says what stuck); an unstated language keeps what courses gave
        level = learner.skills.get(skill, levels.get(skill, Level.NONE))
        if level > 0:
            closed[skill] = level
        else:
            del closed[skill]
    return levels, closed


def implied_parts(stated: Mapping[str, Level | int], taxonomy: Taxonomy) -> dict[str, Level]:
    """A stated skill at level L >= 2 implies its narrower parts (the taxonomy's dotted ids:
    ml.supervised -> ml.supervised.logistic-regression) at L - 1: whoever has applied
    supervised learning for years has practised its classic models, and a beginner course
    teaching them is not new material to them (a data scientist with supervised learning
    at 4 was told the Machine Learning Specialization was a strong fit)."""
    out: dict[str, Level] = {}
    for skill, level in stated.items():
        if level < Level.PRACTISED:
            continue
        prefix = f"{skill}."
        for part in taxonomy.skills:
            if part.startswith(prefix):
                out[part] = max(out.get(part, Level.NONE), Level(int(level) - 1))
    return out


def implied_overlaps(stated: Mapping[str, Level | int], taxonomy: Taxonomy) -> dict[str, Level]:
    """The skills a stated skill implies under another discipline's name (the taxonomy's
    `implies`: statistical regression at L -> machine-learning linear regression at L - 1): a
    biostatistician with regression 4 and experimental design 3 was told the Machine Learning
    Specialization's regression weeks were all new and A/B testing was 'none'."""
    out: dict[str, Level] = {}
    for skill, level in stated.items():
        if skill not in taxonomy.skills:
            continue
        for overlap in taxonomy.skills[skill].implies:
            implied = int(level) - overlap.drop
            if implied >= 1:
                out[overlap.skill] = max(out.get(overlap.skill, Level.NONE), Level(implied))
    return out


def implied_prerequisites(levels: Mapping[str, Level], taxonomy: Taxonomy) -> dict[str, Level]:
    """Holding a skill at level L implies each taxonomy prerequisite of it at min(L, the level
    the prerequisite edge asks), transitively: whoever states linear algebra at 1 holds the
    algebra it rests on at 1 (never more than they claim for the skill itself), so no plan
    sends them back to an algebra primer."""
    out = {s: Level(v) for s, v in levels.items()}
    for skill in reversed(taxonomy.topological_order()):  # dependents before prerequisites
        held = out.get(skill, Level.NONE)
        if held <= Level.NONE:
            continue
        for pre, need in taxonomy.prerequisites_of(skill).items():
            implied = Level(min(int(held), int(need)))
            if implied > out.get(pre, Level.NONE):
                out[pre] = implied
    return out


# The provenance of a tag on a skill a course only touches (engine.tagging, rule 3): no
# plan credit (planner_index), a fall-through in gaps, nothing toward the goal in fit.
TOUCHED_RULE = "rule:not-central"


def only_touches(course: Course, skill: str) -> bool:
    """The course merely mentions `skill` (its tag carries TOUCHED_RULE)."""
    return TOUCHED_RULE in course.provenance.get(f"teaches.{skill}", "")


def levels_after(
    known: Mapping[str, Level], courses: Iterable[Course], ctx: AdvisorContext | None = None
) -> dict[str, Level]:
    """Known levels once the given courses are taken."""
    levels = dict(known)
    for course in courses:
        raise_levels(levels, effective_teaches(course, ctx))
    return levels


def goal_requirements(learner: Learner, ctx: AdvisorContext) -> dict[str, Requirement]:
    """The goal role's requirements, then the learner's explicit targets on top.

    A target sets the needed level for its skill. It keeps the role's weight when the role
    already requires the skill (the role's judgement of importance stands); a skill only the
    learner asks for is weighted core, since they named it themselves. A target of level 0
    drops the skill from the goal (how a learner says "not for me").
    """
    reqs: dict[str, Requirement] = {}
    if learner.goal is not None:
        role = ctx.roles.get(learner.goal)
        if role is None:
            found = process.extract(learner.goal, list(ctx.roles), limit=SUGGESTIONS)
            raise NotFoundError("role", learner.goal, [rid for rid, _s, _ in found])
        reqs = {r.skill: r.model_copy() for r in role.requirements}
    for skill, level in learner.targets.items():
        if level == Level.NONE:
            reqs.pop(skill, None)
            continue
        weight = reqs[skill].weight if skill in reqs else Weight.CORE
        reqs[skill] = Requirement(skill=skill, level=level, weight=weight)
    return reqs


def effective_assumes(course: Course, ctx: AdvisorContext | None = None) -> dict[str, Level]:
    """What a course assumes on entry: its own list; for a program without one, what its parts
    assume that no earlier part teaches."""
    if course.assumes or ctx is None or not course.parts:
        return dict(course.assumes)
    out: dict[str, Level] = {}
    taught: dict[str, Level] = {}
    for part_id in course.parts:
        part = ctx.courses.get(part_id)
        if part is None:
            continue
        for skill, level in part.assumes.items():
            if level > taught.get(skill, Level.NONE) and level > out.get(skill, Level.NONE):
                out[skill] = Level(level)
        raise_levels(taught, part.teaches)
    return out
