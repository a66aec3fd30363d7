"""How many hours a course will take *this* learner, from the catalog's listed effort.

Model
-----
Let L be the listed hours (`Effort.total_hours()`; for a program without its own figure, the
sum of its parts' estimates, each part taken with what the earlier parts taught; None when any
figure is unknown: an unknown effort is never invented). L is read as the time of the typical
enrollee, who may first have to catch up on what the course assumes.

    readiness r  = sum_s min(h_s, a_s) / sum_s a_s   over the course's assumed skills a_s
                   (1 when the course assumes nothing: there is nothing to catch up on)
    known share k = sum_s min(h_s, t_s) / sum_s t_s   over its taught skills t_s: the share of
                   the material, weighted by the level taught, the learner already holds
    experience e = (coding + maths) / 2: coding = min(level, 2) / 2 of the best-held
                   general-purpose language (CODING_LANGUAGES), maths = 1 when any maths skill
                   is held (or statistics practised), else 0 — the two things the calibration
                   example's fast learners have
    ready share s = 1 - (1 - READY_CORE) * e   (1 for a video-only figure, see below)
    core     = L * s * (1 - KNOWN_SKIP * k) * pace factor
    catch-up = L * (1 - s') * (1 - r)    s' = the schedule share 1 - (1 - READY_CORE) * e;
                                         only when the course assumes something
    hours    = core + catch-up


Holding a taught skill at or above the taught level removes KNOWN_SKIP (60%) of that part;
partial holding removes proportionally; even material you know costs 40% (you still watch or
skim it to find what is new). low / high use the pace profile's spread.

Calibration (PRODUCT.md's worked example; tests/engine/test_pace.py reproduces it)
-------------------------------------------------------------------------------
The Machine Learning Specialization lists about 3 months at 9 h/week, ~117 h, and assumes
Python and basic maths. Learners with programming experience and some maths (experience 1,
readiness 1, the material itself new) finish in 6-8 weeks, 54-72 h: READY_CORE = 0.54 puts
the standard point at 63 h (7 weeks at 9 h/week) and the standard spread 0.855-1.14 gives
exactly 54-72 h. That speed is the example's experienced learners', not everyone's: a learner
with neither (experience 0) takes the listed time, the typical enrollee's (an audit found a
first-time coder credited with 2.7 h for a 5 h Python primer); between, the share moves
linearly. The experience is read from the levels held when the course starts.
Learners who do every optional exercise take 4-5 months, ~156-195 h: the thorough factor
2.78 (spread 2.47-3.09) gives 176 h (156-195); the factors are derived from these ranges
below, so the constants and the example cannot drift apart. The fast profile (0.8, spread
0.7-0.9) has no calibration point; it is an assumption (skimming, skipping optional quizzes)
and is labelled as such in `basis`. Catch-up time is not scaled by pace: the profile
describes how a learner treats the course's own material.

A course whose catalog entry lists no effort (and whose parts do not add up to one) is
estimated from the typical listed effort of comparable courses (`engine.effort_prior`: same
platform and kind, else same kind), when the context carries that table; `listed` stays None,
`assumed_listed` holds the figure used and `basis` says where it came from. Without a
comparable figure the estimate is None.

A listed figure that counts video time only (`Effort.video_only`: Udemy's content length,
a lecture series' running time) is not a typical enrollee's schedule but the least anyone
spends: the ready share does not apply to it (core = L, less what the learner already knows),
catch-up time still does, and the practice time it leaves out is said in `basis`, not
invented (fast.ai's "9 lessons of about 90 minutes" came out at 7.3 h, under the video alone).

Known limits: one calibration course; practice time on top of video-only figures is not
modelled; `assumes` missing from the catalog makes a course look prerequisite-free.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

from coursestack.domain import Course, Learner, Level, PaceProfile
from coursestack.engine.context import AdvisorContext
from coursestack.engine.effort_prior import typical_for
from coursestack.engine.learner_state import (
    CODING_LANGUAGES,
    effective_assumes,
    effective_teaches,
    other_coding,
    raise_levels,
)

# Share of the listed time a learner who holds every assumed skill needs at standard pace
# (worked example: 63 of 117 h); the rest is the typical enrollee's catching up.
READY_CORE = 0.54
# Share of a part of the material the learner already holds that they skip; the rest (40%)
# is still watched or skimmed.
KNOWN_SKIP = 0.6
# "Programming experience" of the calibration example: a general-purpose language
# (learner_state.CODING_LANGUAGES: not a query language, the shell or a spreadsheet) held at
# 2 or more.
MATHS_PREFIX = "math."  # "some maths": any maths skill held beyond school algebra
STATS_PREFIX = "stats."  # ...or a statistics skill practised (level 2)
# school algebra, at any level, is not the "some maths" that made the calibration example's
# learners fast: a school leaver stating algebra at 2 was taken to 77% of the listed time for
# their first programming course (learner_state.SCHOOL_BASELINE holds it at 1 for everyone)
SCHOOL_ALGEBRA = "math.algebra"


@dataclass(frozen=True, slots=True)
class PaceFactor:
    low: float
    mid: float
    high: float
    calibrated: bool


# The worked example, in hours: listed (13 weeks x 9 h) and a ready learner's standard core.
EXAMPLE_LISTED_HOURS = 117.0
_EXAMPLE_CORE = EXAMPLE_LISTED_HOURS * READY_CORE
EXAMPLE_STANDARD_RANGE = (54.0, 72.0)  # 6-8 weeks at 9 h/week
EXAMPLE_THOROUGH_RANGE = (156.0, 195.0)  # 4-5 months at 9 h/week (every optional exercise)

PACE_FACTORS: dict[PaceProfile, PaceFactor] = {
    PaceProfile.FAST: PaceFactor(0.70, 0.80, 0.90, calibrated=False),
    PaceProfile.STANDARD: PaceFactor(
        EXAMPLE_STANDARD_RANGE[0] / _EXAMPLE_CORE,
        1.0,
        EXAMPLE_STANDARD_RANGE[1] / _EXAMPLE_CORE,
        calibrated=True,
    ),
    PaceProfile.THOROUGH: PaceFactor(
        EXAMPLE_THOROUGH_RANGE[0] / _EXAMPLE_CORE,
        sum(EXAMPLE_THOROUGH_RANGE) / 2 / _EXAMPLE_CORE,
        EXAMPLE_THOROUGH_RANGE[1] / _EXAMPLE_CORE,
        calibrated=True,
    ),
}


@dataclass(frozen=True, slots=True)
class HoursEstimate:
    hours: float | None  # None when the catalog lists no effort
    low: float | None
    high: float | None
    listed: float | None
    known_share: float  # 0-1, share of the material already held
    readiness: float  # 0-1, share of the assumed levels held
    basis: str  # how the figure was reached, in words
    assumed_listed: float | None = None  # typical effort used when the catalog lists none
    # the listed figure is video (instruction) time only: the estimate is a floor, practice
    # time on top being unlisted
    video_only: bool = False

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def weeks_at(hours: float, hours_per_week: float) -> float:
    """Calendar weeks at a weekly study budget."""
    if hours_per_week <= 0:
        raise ValueError("hours_per_week must be positive")
    return hours / hours_per_week


def weeks_words(weeks: float) -> str:
    """'under a week', '1 week', '5 weeks': a calendar span in words."""
    if weeks < 0.95:
        return "under a week"
    return f"{weeks:.0f} week" + ("" if round(weeks) == 1 else "s")


def experience(known: Mapping[str, Level], other_coding: int = 0) -> float:
    """0-1: how much of the calibration example's background (programming experience and
    some maths) the learner holds: coding min(level, 2) / 2 of their best general-purpose
    language (`other_coding`: their level in one the taxonomy does not track, Go or C#),
    maths 1 for any maths skill but school algebra (or statistics at 2), averaged."""
    coding = max([other_coding, *(int(known.get(s, 0)) for s in CODING_LANGUAGES)])
    maths = any(
        (s.startswith(MATHS_PREFIX) and v >= Level.AWARE and s != SCHOOL_ALGEBRA)
        or (s.startswith(STATS_PREFIX) and v >= Level.PRACTISED)
        for s, v in known.items()
    )
    return (min(coding, 2) / 2 + (1.0 if maths else 0.0)) / 2


def learner_background(learner: Learner, known: Mapping[str, Level]) -> float | None:
    """`experience` counting a language the taxonomy does not track; None when there is
    none (then `experience(known)` is the background, as before)."""
    other = other_coding(learner)
    return experience(known, other) if other else None


def schedule_share(known: Mapping[str, Level], background: float | None = None) -> float:
    """Share of a schedule-like listed figure a ready learner with this background needs:
    READY_CORE with programming experience and some maths, all of it with neither
    (`background`, when given, stands for `experience(known)`)."""
    return 1.0 - (1.0 - READY_CORE) * (experience(known) if background is None else background)


def held_share(levels: Mapping[str, Level], known: Mapping[str, Level]) -> float:
    """sum min(held, level) / sum level: the level-weighted share of `levels` already held."""
    # A plain loop: the planner asks this for every candidate (a thousand per plan).
    total = held = 0
    for s, v in levels.items():
        need = int(v)
        total += need
        have = int(known.get(s, 0))
        held += have if have < need else need
    return held / total if total else 0.0


def estimate_hours(
    course: Course,
    known: Mapping[str, Level],
    pace: PaceProfile = PaceProfile.STANDARD,
    ctx: AdvisorContext | None = None,
    *,
    explain: bool = True,
    prerequisites_met: bool = False,
    background: float | None = None,
) -> HoursEstimate:
    """This learner's hours for `course`, given the levels they hold when they start it.

    `ctx` lets a program without its own effort figure be summed from its parts and lets a
    program's teaches / assumes include its parts'. `explain=False` leaves `basis` empty (the
    planner asks for a thousand figures per plan and reads none of the words).
    `prerequisites_met`: the course's prerequisites are met when it starts, held or taught by
    an earlier step — true of every course in a plan (the planner's constraints), so a plan
    step has no catch-up time. `background`: the reader's `experience` when it is not read
    from `known` (a guide speaks to the calibration's experienced reader, 1, and to a
    newcomer, 0).
    """
    listed = course.effort.total_hours()
    teaches = effective_teaches(course, ctx)
    known_share = held_share(teaches, known)
    summable = course.parts and course.parts_total is None  # the parts are the whole program
    if listed is None and course.parts and ctx is not None and not _own_length_wins(course, ctx):
        summed = _from_parts(
            course, known, pace, ctx, known_share, explain, prerequisites_met, background
        )
        if summable:
            return summed
        if summed.hours is not None:
            # some of its courses, or alternatives, listed: the program is its parts_total
            # courses at their mean (HarvardX's nine at its two listed parts' 18 h), an
            # assumption said as one; the catalog-wide median was 180 h for a 744 h MicroMasters
            return _scaled_to_total(course, summed, explain)
    assumes = effective_assumes(course, ctx)
    readiness = 1.0 if prerequisites_met or not assumes else held_share(assumes, known)
    assumed: float | None = None
    assumed_video = False  # the assumed figure is a median of video lengths: a floor too
    source = f"listed {hours_words(listed)} h" if listed is not None and explain else ""
    if listed is None:
        typical = typical_for(course, ctx.typical_effort) if ctx is not None else None
        if typical is None:
            return HoursEstimate(
                None, None, None, None, known_share, readiness, "the catalog lists no effort"
            )
        assumed = typical.hours
        assumed_video = typical.video
        source = f"no listed effort; assumed {typical.describe()}" if explain else ""
    base = listed if listed is not None else assumed
    assert base is not None
    factor = PACE_FACTORS[pace]
    # Programming and maths speed up a course on the skills the taxonomy tracks (the
    # calibration); a language, cooking or guitar course teaching none of them was halved too.
    technical = bool(teaches or assumes)
    sched = schedule_share(known, background) if technical else 1.0
    video = (course.effort.video_only and course.effort.hours is not None) or assumed_video
    share = 1.0 if video else sched
    core = base * share * (1.0 - KNOWN_SKIP * known_share)
    catch_up = base * (1.0 - sched) * (1.0 - readiness) if assumes else 0.0
    basis = (
        f"{source}; "
        f"{_readiness_words(assumes, readiness, video, prerequisites_met, sched, technical)}; "
        f"{known_share:.0%} of the material already held; {_pace_words(pace)}"
        if explain
        else ""
    )
    hours = core * factor.mid + catch_up
    return HoursEstimate(
        hours=hours,
        # a video length is the least the course takes: its range starts at the estimate
        # ('about 1.5 h (1.3-1.7 h)' then 'at least 1.5 h')
        low=hours if video else core * factor.low + catch_up,
        high=core * factor.high + catch_up,
        listed=listed,
        known_share=known_share,
        readiness=readiness,
        basis=basis,
        assumed_listed=assumed,
        video_only=video,
    )


def video_figure(course: Course) -> bool:
    """Whether the course's listed figure is video time only: a ready learner needs all of it
    (watching is the least the course takes), whatever their background. Otherwise the share
    is `schedule_share`, not tied to whether the course lists prerequisites: the catalog's
    `assumes` are incomplete, and a 2x step on them swapped whole certificates for patchworks
    of small courses (tried and reverted; see docs/architecture.md)."""
    return course.effort.video_only and course.effort.hours is not None


def _own_length_wins(course: Course, ctx: AdvisorContext) -> bool:
    """A program that lists its own length in weeks, none of whose parts lists an effort, is
    estimated from its length (at the typical weekly load) rather than as a sum of parts each
    at a catalog-wide typical effort: the provider's length of this program beats a median of
    unrelated courses (a five-course specialisation listed at 3-6 months came out at 50 h)."""
    if course.effort.weeks is None:
        return False
    parts = [ctx.courses.get(p) for p in course.parts]
    return not any(p is not None and p.effort.total_hours() is not None for p in parts)


def _scaled_to_total(course: Course, summed: HoursEstimate, explain: bool) -> HoursEstimate:
    """`summed` (the catalog's parts of a program taking `parts_total` courses) scaled to
    parts_total courses at the parts' mean; the whole figure is an assumption."""
    assert summed.hours is not None and course.parts_total is not None
    factor = course.parts_total / len(course.parts)
    each = ((summed.listed or 0.0) + (summed.assumed_listed or 0.0)) / len(course.parts)
    basis = (
        f"no listed effort; assumed its {course.parts_total} courses at the mean of the "
        f"{len(course.parts)} the catalog lists ({each:.0f} h each); {summed.basis}"
        if explain
        else ""
    )
    return HoursEstimate(
        hours=summed.hours * factor,
        low=(summed.low or 0.0) * factor,
        high=(summed.high or 0.0) * factor,
        listed=None,
        known_share=summed.known_share,
        readiness=summed.readiness,
        basis=basis,
        assumed_listed=each * course.parts_total,
    )


def _from_parts(
    course: Course,
    known: Mapping[str, Level],
    pace: PaceProfile,
    ctx: AdvisorContext,
    known_share: float,
    explain: bool = True,
    prerequisites_met: bool = False,
    background: float | None = None,
) -> HoursEstimate:
    """A program without its own effort: its parts in order, each starting from what the
    learner holds plus what the earlier parts taught."""
    levels = dict(known)
    hours = low = high = listed = assumed = 0.0
    readiness = 1.0
    for index, part_id in enumerate(course.parts):
        part = ctx.courses.get(part_id)
        est = (
            None
            if part is None
            else estimate_hours(
                part,
                levels,
                pace,
                ctx,
                explain=explain,
                prerequisites_met=prerequisites_met,
                background=background,
            )
        )
        if part is None or est is None or est.hours is None:
            return HoursEstimate(
                None,
                None,
                None,
                None,
                known_share,
                readiness,
                f"no listed effort for part {part_id} and none for the program",
            )
        hours += est.hours
        low += est.low or 0.0
        high += est.high or 0.0
        listed += est.listed or 0.0
        assumed += est.assumed_listed or 0.0
        if index == 0:
            readiness = est.readiness
        raise_levels(levels, effective_teaches(part, ctx))
    if listed and assumed:
        figures = f"listed {listed:g} h, plus {assumed:g} h assumed for parts that list none"
    elif listed:
        figures = f"listed {listed:g} h in all"
    else:
        figures = f"no part lists its effort; {assumed:g} h assumed from comparable courses"
    basis = (
        f"sum of {len(course.parts)} parts ({figures}); "
        f"{known_share:.0%} of the material already held; {_pace_words(pace)}"
    )
    return HoursEstimate(
        hours, low, high, listed or None, known_share, readiness, basis, assumed or None
    )


# Said in every basis: without it, "listed 260 h" beside an estimate of 140 h reads as an
# error. The share is calibrated on PRODUCT.md's worked example, whose reader a user has not
# met: the words say whom the share is for, not where it comes from.
def _share_words(share: float) -> str:
    if share <= READY_CORE + 1e-9:
        return (
            f"with programming experience and some maths, a ready learner needs about "
            f"{READY_CORE:.0%} of the listed time"
        )
    if share >= 1.0 - 1e-9:
        return (
            f"without programming experience or maths, you need the whole listed time "
            f"(learners with both need about {READY_CORE:.0%} of it)"
        )
    return (
        f"with part of that background (programming experience, some maths), you need about "
        f"{share:.0%} of the listed time ({READY_CORE:.0%} with both)"
    )


def hours_words(hours: float) -> str:
    """'0.6', '7.5', '117': a figure of hours as a reader wants it (the catalog's 0.616667)."""
    if hours >= 10:
        return f"{hours:.0f}"
    return f"{hours:.1f}".removesuffix(".0")


_VIDEO_WORDS = (
    "the listed figure is video (or instruction) time only: a ready learner needs about all "
    "of it, and the practice time on top is not listed, so not counted"
)


def _readiness_words(
    assumes: Mapping[str, Level],
    readiness: float,
    video: bool,
    met: bool = False,
    sched: float = READY_CORE,
    technical: bool = True,
) -> str:
    share = _VIDEO_WORDS if video else _share_words(sched)
    if not technical and not video:
        return (
            "it teaches no skill the catalog tracks, so programming or maths experience does "
            "not shorten it: the whole listed time"
        )
    if assumes and met:
        return f"prerequisites held or taught by an earlier step: {share}"
    if not assumes:
        return f"no prerequisites listed: {share}"
    if readiness >= 1.0:
        return f"prerequisites held: {share}"
    return f"{readiness:.0%} of the prerequisite levels held: {share}, plus catch-up time"


def _pace_words(pace: PaceProfile) -> str:
    factor = PACE_FACTORS[pace]
    note = "" if factor.calibrated else ", an uncalibrated assumption"
    return f"{pace.value} pace (x{factor.mid:.2f}{note})"
