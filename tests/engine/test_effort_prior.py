from __future__ import annotations

from coursestack.domain import Course, Effort, PaceProfile
from coursestack.engine.context import AdvisorContext
from coursestack.engine.effort_prior import MIN_LISTED, typical_efforts, typical_for
from coursestack.engine.pace import estimate_hours
from coursestack.engine.taxonomy import Taxonomy


def _c(cid: str, platform: str, kind: str, hours: float | None) -> Course:
    return Course(id=cid, title=cid, platform=platform, kind=kind, effort=Effort(hours=hours))


KAGGLE = [_c(f"k{i}", "kaggle-learn", "short-course", 3 + i) for i in range(MIN_LISTED)]
CATALOG = [
    *KAGGLE,
    _c("b1", "other", "short-course", 1),
    _c("c1", "coursera", "course", 20),
    _c("c2", "coursera", "course", None),
]
KAGGLE_MEDIAN = sorted(3 + i for i in range(MIN_LISTED))[MIN_LISTED // 2]


def test_medians_need_enough_listed_courses() -> None:
    table = typical_efforts(CATALOG)
    assert table["kaggle-learn|short-course"].hours == KAGGLE_MEDIAN
    assert table["*|short-course"].n == MIN_LISTED + 1
    assert "coursera|course" not in table and "*|course" not in table  # only one listed


def test_same_platform_first_then_any_platform() -> None:
    table = typical_efforts(CATALOG)
    new_kaggle = _c("x", "kaggle-learn", "short-course", None)
    new_other = _c("y", "udemy", "short-course", None)
    assert typical_for(new_kaggle, table) == table["kaggle-learn|short-course"]
    assert typical_for(new_other, table) == table["*|short-course"]
    assert typical_for(_c("z", "udemy", "course", None), table) is None


def test_pace_uses_the_typical_figure_and_says_so() -> None:
    ctx = AdvisorContext(
        courses={c.id: c for c in CATALOG},
        taxonomy=Taxonomy.build([]),
        roles={},
        typical_effort=typical_efforts(CATALOG),
    )
    unlisted = _c("x", "kaggle-learn", "short-course", None)
    est = estimate_hours(unlisted, {}, PaceProfile.STANDARD, ctx)
    assert est.listed is None and est.assumed_listed == KAGGLE_MEDIAN
    assert est.hours is not None and est.hours > 0
    assert "no listed effort" in est.basis and f"median of {MIN_LISTED}" in est.basis
    # Without the table (or a comparable figure) it stays unknown.
    assert estimate_hours(unlisted, {}, PaceProfile.STANDARD).hours is None
    lonely = _c("z", "udemy", "course", None)
    assert estimate_hours(lonely, {}, PaceProfile.STANDARD, ctx).hours is None


def test_programs_fall_back_to_similar_sized_kinds() -> None:
    kinds = ["specialization", "program", "professional-certificate", "bootcamp"]
    programs = [
        _c(f"p{i}", "coursera", kinds[i % len(kinds)], 100.0 * (i + 1)) for i in range(MIN_LISTED)
    ]
    table = typical_efforts(programs)
    found = typical_for(_c("x", "datacamp", "bootcamp", None), table)
    expected = sorted(100.0 * (i + 1) for i in range(MIN_LISTED))[MIN_LISTED // 2]
    assert found is not None and found.hours == expected and found.n == MIN_LISTED
    assert "programs" in found.describe()
    # A short course never borrows a program's figure.
    assert typical_for(_c("y", "datacamp", "short-course", None), table) is None


def _priced(
    cid: str, platform: str, model: str, amount: float | None, currency: str | None = "USD"
) -> Course:
    from coursestack.domain import Price

    return Course(
        id=cid,
        title=cid,
        platform=platform,
        price=Price(model=model, amount=amount, currency=currency),
    )


def test_typical_price_only_from_usd_amounts_of_the_same_platform_and_model() -> None:
    from coursestack.engine.effort_prior import typical_price_for, typical_prices

    listed = [
        _priced(f"s{i}", "coursera", "subscription", 39.0 + 10 * i) for i in range(MIN_LISTED)
    ]
    others = [
        _priced("inr", "coursera", "subscription", 3000.0, currency="INR"),
        _priced("one", "coursera", "one-time", 99.0),
    ]
    table = typical_prices([*listed, *others])
    assert set(table) == {"coursera|subscription"}
    expected = sorted(39.0 + 10 * i for i in range(MIN_LISTED))[MIN_LISTED // 2]
    unknown = _priced("u", "coursera", "subscription", None)
    found = typical_price_for(unknown, table)
    assert found is not None and found.amount == expected and "USD/month" in found.describe()
    assert typical_price_for(_priced("o", "coursera", "one-time", None), table) is None
    assert typical_price_for(listed[0], table) is None  # a listed amount is never replaced


def test_a_course_without_a_price_model_is_planned_at_the_platform_subscription() -> None:
    from coursestack.domain import Price
    from coursestack.engine.effort_prior import typical_price_for, typical_prices

    listed = [_priced(f"s{i}", "coursera", "subscription", 49.0) for i in range(MIN_LISTED)]
    table = typical_prices(listed)
    bare = Course(id="b", title="b", platform="coursera")  # the dump lists no price
    odd = Course(id="o", title="o", platform="coursera",
                 price=Price(amount=3052.76, text="3052.76 (currency not stated)"))  # fmt: skip
    for course in (bare, odd):
        found = typical_price_for(course, table)
        assert found is not None and found.model == "subscription" and found.amount == 49.0
    usd = Course(id="u", title="u", platform="coursera", price=Price(amount=20.0, currency="USD"))
    assert typical_price_for(usd, table) is None  # a USD amount is kept (model unknown)
    assert typical_price_for(Course(id="x", title="x", platform="edx"), table) is None


def test_listed_weeks_without_weekly_hours_use_the_typical_load() -> None:
    from coursestack.engine.effort_prior import WEEKLY, typical_efforts_with_weekly

    paced = [
        Course(
            id=f"w{i}",
            title="w",
            platform="edx",
            effort=Effort(weeks=4, hours_per_week_low=2.0 + i, hours_per_week_high=4.0 + i),
        )
        for i in range(MIN_LISTED)
    ]
    table = typical_efforts_with_weekly(paced)
    load = table[WEEKLY].hours
    assert load == sorted(3.0 + i for i in range(MIN_LISTED))[MIN_LISTED // 2]
    only_weeks = Course(id="x", title="x", platform="other", effort=Effort(weeks=10))
    found = typical_for(only_weeks, table)
    assert found is not None and found.hours == 10 * load and "10 listed weeks" in found.describe()


def test_a_platforms_own_weekly_load_first_stated_or_implied_by_hours_and_weeks() -> None:
    from coursestack.engine.effort_prior import WEEKLY, typical_efforts_with_weekly

    edx = [
        Course(id=f"e{i}", title="e", platform="edx", effort=Effort(weeks=6, hours_per_week_low=4))
        for i in range(MIN_LISTED)
    ]
    # certificates listing their hours and a length in months: 9-10 h a week
    coursera = [
        Course(
            id=f"c{i}",
            title="c",
            platform="coursera",
            kind="professional-certificate",
            effort=Effort(hours=180 + 10 * i, weeks=19.5),
        )
        for i in range(MIN_LISTED)
    ]
    video = [  # video time over a length says nothing of the load
        Course(
            id=f"u{i}",
            title="u",
            platform="udemy",
            effort=Effort(hours=2, weeks=4, text="2 hours of video"),
        )
        for i in range(MIN_LISTED)
    ]
    table = typical_efforts_with_weekly([*edx, *coursera, *video])
    assert table[WEEKLY].hours == 4 and table[WEEKLY].n == MIN_LISTED  # stated loads only
    program = Course(
        id="p", title="p", platform="coursera", kind="specialization", effort=Effort(weeks=19.5)
    )
    found = typical_for(program, table)
    assert found is not None and round(found.hours) == 200  # 19.5 weeks at 200/19.5 h a week
    assert "coursera programs and certificates" in found.describe()
    # a single course of the same platform: a certificate's load is not its own
    single = typical_for(Course(id="s", title="s", platform="coursera", effort=Effort(weeks=2.5)),
                         table)  # fmt: skip
    assert single is not None and single.hours == 10
    other = typical_for(Course(id="q", title="q", platform="udemy", effort=Effort(weeks=10)), table)
    assert other is not None and other.hours == 40  # no load of its own: the stated median


def test_video_only_figures_stay_on_their_platform() -> None:
    video = [
        Course(
            id=f"v{i}", title="v", platform="udemy", effort=Effort(hours=1, text="1 hours of video")
        )
        for i in range(MIN_LISTED * 3)
    ]
    table = typical_efforts([*video, *KAGGLE])
    assert table["udemy|course"].hours == 1  # a Udemy course without a figure: Udemy's median
    assert "*|course" not in table  # but video time is no effort figure for other platforms
    assert table["*|short-course"].hours == KAGGLE_MEDIAN
    # the median of video lengths is a floor like a listed one: no ready share off it
    typical = table["udemy|course"]
    assert typical.video and "(1 h of video)" in typical.describe()
    bare = Course(id="bare", title="bare", platform="udemy", teaches={"prog.python": 2})
    ctx = AdvisorContext(courses={"bare": bare}, taxonomy=Taxonomy.build([]), roles={},
                         typical_effort=table)  # fmt: skip
    est = estimate_hours(bare, {"prog.java": 2, "math.calculus": 1}, PaceProfile.STANDARD, ctx)
    assert est.video_only and est.hours == 1.0 and est.assumed_listed == 1


def test_courses_teaching_as_many_skills_come_first() -> None:
    def taught(cid: str, platform: str, hours: float | None, n_skills: int) -> Course:
        skills = {f"s.k{j}": 1 for j in range(n_skills)}
        return Course(id=cid, title=cid, platform=platform, effort=Effort(hours=hours),
                      teaches=skills)  # fmt: skip

    off_topic = [taught(f"o{i}", "udemy", 2, 0) for i in range(20)]
    narrow = [taught(f"n{i}", "udemy", 4, 1) for i in range(MIN_LISTED)]
    broad_elsewhere = [taught(f"b{i}", "edx", 30, 7) for i in range(MIN_LISTED)]
    table = typical_efforts([*off_topic, *narrow, *broad_elsewhere])
    assert table["udemy|course"].hours == 2  # the platform's median: mostly off-topic courses
    one_skill = typical_for(taught("x", "udemy", None, 2), table)
    assert one_skill is not None and one_skill.hours == 4
    assert "teaching 1-2 skills" in one_skill.describe()
    bootcamp = typical_for(taught("y", "udemy", None, 11), table)
    assert bootcamp is not None and bootcamp.hours == 30 and bootcamp.platform == "*"
    # a course teaching nothing the catalog knows keeps the platform's figure
    assert typical_for(taught("z", "udemy", None, 0), table) == table["udemy|course"]


def test_a_platform_listing_amounts_without_a_currency_has_a_labelled_typical_price() -> None:
    # Udemy's dump lists amounts without a currency and no USD ones: a curated Udemy course
    # with no amount is planned at the median of those, said as counted in USD; a platform
    # with USD amounts keeps its USD median, and a listed amount is never replaced.
    from coursestack.engine.effort_prior import typical_price_for, typical_prices

    bare = [_priced(f"u{i}", "udemy", "one-time", 20.0 + 10 * i, currency=None) for i in range(5)]
    usd = [_priced(f"c{i}", "coursera", "one-time", 99.0) for i in range(MIN_LISTED)]
    no_currency = [_priced("cx", "coursera", "one-time", 5.0, currency=None)] * MIN_LISTED
    table = typical_prices([*bare, *usd, *no_currency])
    found = typical_price_for(_priced("curated", "udemy", "one-time", None), table)
    assert found is not None and found.amount == 40.0 and found.unstated_currency
    assert "without a currency" in found.describe() and "counted as USD" in found.describe()
    assert typical_price_for(bare[0], table) is None
    coursera = typical_price_for(_priced("c", "coursera", "one-time", None), table)
    assert coursera is not None and coursera.amount == 99.0 and not coursera.unstated_currency


def test_comparable_courses_of_the_same_level_come_before_the_kind_anywhere() -> None:
    # Advanced courses list far more hours than beginner ones: an unlisted advanced lecture
    # course is compared with advanced single courses, not with every course.
    from coursestack.domain import CourseLevel

    def leveled(cid: str, level: str, hours: float | None, kind: str = "course") -> Course:
        return Course(
            id=cid, title=cid, platform="edx", kind=kind, level=CourseLevel(level),
            effort=Effort(hours=hours),
        )  # fmt: skip

    listed = [leveled(f"a{i}", "advanced", 70.0 + i) for i in range(MIN_LISTED)]
    listed += [leveled(f"b{i}", "beginner", 20.0) for i in range(MIN_LISTED)]
    table = typical_efforts(listed)
    lecture = leveled("cs", "advanced", None, kind="free-course")
    found = typical_for(lecture, table)
    assert found is not None and found.hours == 72.0 and found.level == "advanced"
    assert "single courses at advanced level" in found.describe()
    primer = typical_for(leveled("p", "beginner", None, kind="free-course"), table)
    assert primer is not None and primer.hours == 20.0
    unlevelled = Course(id="u", title="u", platform="edx", kind="free-course")
    other = typical_for(unlevelled, table)
    assert other is not None and other.level is None  # no level: the size class anywhere


def test_a_part_without_a_figure_takes_an_equal_share_of_its_programs_listed_effort() -> None:
    from coursestack.engine.effort_prior import typical_efforts_with_weekly

    paced = [
        Course(id=f"w{i}", title="w", platform="edx",
               effort=Effort(weeks=4, hours_per_week_low=3.0, hours_per_week_high=5.0))
        for i in range(MIN_LISTED)
    ]  # fmt: skip
    parts = [
        Course(id=f"p{i}", title=f"P{i}", platform="coursera", effort=Effort(weeks=2.5))
        for i in range(3)
    ]
    program = Course(
        id="spec", title="ML Spec", platform="coursera", kind="specialization",
        parts=[p.id for p in parts], effort=Effort(weeks=13, hours_per_week_low=9),
    )  # fmt: skip
    table = typical_efforts_with_weekly([*paced, *parts, program])
    found = typical_for(parts[1], table)
    assert found is not None and found.hours == 39.0  # 117 h over 3 parts, not 2.5 w x 4 h
    assert "equal share of its program ML Spec's listed 117 h over its 3 parts" in found.describe()
    loose = Course(id="x", title="x", platform="coursera", effort=Effort(weeks=2.5))
    other = typical_for(loose, table)
    assert other is not None and other.hours == 10.0  # no program: the weekly load as before


def test_a_part_without_effort_takes_its_siblings_mean_before_any_catalog_median() -> None:
    from coursestack.engine.effort_prior import typical_efforts_with_weekly

    listed = [
        Course(id="m1", title="m1", platform="edx", effort=Effort(weeks=16, hours_per_week_low=10,
               hours_per_week_high=14)),
        Course(id="m2", title="m2", platform="edx", effort=Effort(weeks=15, hours_per_week_low=10,
               hours_per_week_high=14)),
    ]  # fmt: skip
    bare = Course(id="m3", title="m3", platform="edx")
    program = Course(id="mm", title="MicroMasters", platform="edx", kind="program",
                     parts=["m1", "m2", "m3"], parts_total=3)  # fmt: skip
    table = typical_efforts_with_weekly([*CATALOG, *listed, bare, program])
    typical = typical_for(bare, table)
    assert typical is not None and typical.hours == (192 + 180) / 2 and typical.n == 2
    assert "the mean listed effort of 2 other courses of MicroMasters" in typical.describe()
    # one sibling listing an effort is not enough
    lone = program.model_copy(update={"parts": ["m1", "m3"]})
    table = typical_efforts_with_weekly([*CATALOG, listed[0], bare, lone])
    again = typical_for(bare, table)
    assert again is None or again.siblings_of is None
