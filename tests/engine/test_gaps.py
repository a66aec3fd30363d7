"""Gap audit on a small synthetic catalog with hand-computed answers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursestack.domain import (
    Course,
    CourseKind,
    Learner,
    Level,
    NotFoundError,
    Requirement,
    Role,
    Skill,
    Weight,
)
from coursestack.engine.context import AdvisorContext
from coursestack.engine.gaps import (
    ALREADY_HELD,
    ALREADY_MET,
    NOT_REQUIRED,
    PART_OF_GOAL,
    audit,
    compare_after,
    coverage,
)
from coursestack.engine.learner_state import goal_requirements, known_levels
from coursestack.engine.taxonomy import Taxonomy

SKILLS = [
    Skill(id="prog.python", name="Python", category="programming"),
    Skill(id="math.stats", name="Statistics", category="math"),
    Skill(id="ml.supervised", name="Supervised learning", category="ml"),
    Skill(id="ml.evaluation", name="Model evaluation", category="ml"),
    Skill(id="mlops.deployment", name="Model deployment", category="mlops"),
]
# sum of weights = 3 + 3 + 2 + 1 = 9
ROLE = Role(
    id="ml-engineer",
    name="ML engineer",
    source="test",
    requirements=[
        Requirement(skill="prog.python", level=Level.APPLIED, weight=Weight.CORE),
        Requirement(skill="ml.supervised", level=Level.PRACTISED, weight=Weight.CORE),
        Requirement(skill="ml.evaluation", level=Level.PRACTISED, weight=Weight.IMPORTANT),
        Requirement(skill="mlops.deployment", level=Level.PRACTISED, weight=Weight.USEFUL),
    ],
)


def course(cid: str, teaches: dict[str, int], **extra: object) -> Course:
    return Course.model_validate(
        {"id": cid, "title": cid.replace("-", " ").title(), "platform": "other",
         "teaches": teaches, **extra}
    )  # fmt: skip


COURSES = [
    course("intro-ml", {"ml.supervised": 2, "prog.python": 1, "math.stats": 1}),
    course("eval", {"ml.evaluation": 1, "ml.supervised": 1}),
    course("deploy", {"mlops.deployment": 2}),
    course("python-pro", {"prog.python": 4}),
    course("spec", {}, kind=CourseKind.SPECIALIZATION, parts=["intro-ml", "deploy"]),
]
CTX = AdvisorContext(
    courses={c.id: c for c in COURSES},
    taxonomy=Taxonomy.build(SKILLS),
    roles={ROLE.id: ROLE},
)
REQS = ROLE.required()


def learner(**kw: object) -> Learner:
    return Learner.model_validate({"goal": "ml-engineer", **kw})


def test_coverage_formula() -> None:
    assert coverage({}, REQS) == 0.0
    # python 2 of 3, weight 3: 3 * 2/3 = 2 of 9
    assert coverage({"prog.python": Level.PRACTISED}, REQS) == pytest.approx(2 / 9)
    # levels above the need count as the need
    full = {"prog.python": Level.PRODUCTION, "ml.supervised": Level.APPLIED}
    assert coverage(full, REQS) == pytest.approx((3 + 3) / 9)
    assert coverage({}, {}) == 1.0


def test_audit_before_after_and_gaps() -> None:
    ln = learner(skills={"prog.python": 2})
    known = known_levels(ln, CTX)
    result = audit(CTX, ln, known, REQS, after=["intro-ml"])
    assert result.coverage_before == pytest.approx(2 / 9)
    assert result.coverage_after == pytest.approx((2 + 3) / 9)
    assert result.gain == pytest.approx(3 / 9)
    assert [(g.skill, g.have, g.need, g.weight) for g in result.gaps] == [
        ("ml.evaluation", 0, 2, 2),
        ("prog.python", 2, 3, 3),
        ("mlops.deployment", 0, 2, 1),
    ]
    # weighted shortfalls: evaluation 2, python 1, deployment 1 -> shares 1/2, 1/4, 1/4
    cats = {c.category: c for c in result.categories}
    assert cats["ml"].missing_share == pytest.approx(0.5)
    assert cats["programming"].missing_share == pytest.approx(0.25)
    assert cats["mlops"].missing_share == pytest.approx(0.25)
    assert sum(c.missing_share for c in result.categories) == pytest.approx(1.0)
    # the ml category: supervised met (3), evaluation at 0 (2) -> 3/5
    assert cats["ml"].coverage == pytest.approx(3 / 5)
    assert result.categories[0].category == "ml"


def test_fallthrough_reasons() -> None:
    ln = learner(skills={"prog.python": 3})
    known = known_levels(ln, CTX)
    result = audit(CTX, ln, known, REQS, after=["intro-ml", "eval", "python-pro"])
    intro, ev, pro = result.courses
    assert intro.counts == {"ml.supervised": 2}
    assert intro.closes == ["ml.supervised"]
    assert {(f.skill, f.reason) for f in intro.fallthrough} == {
        ("prog.python", ALREADY_HELD),
        ("math.stats", NOT_REQUIRED),
    }
    # supervised was taught at 2 by the earlier course: eval's level 1 adds nothing
    assert ev.counts == {"ml.evaluation": 1}
    assert ev.closes == []
    assert [(f.skill, f.reason) for f in ev.fallthrough] == [("ml.supervised", ALREADY_HELD)]
    # teaches python 4, above what is held, but the goal's need (3) is already met
    assert pro.counts == {}
    assert [(f.skill, f.reason) for f in pro.fallthrough] == [("prog.python", ALREADY_MET)]
    assert pro.coverage_gain == 0
    assert sum(c.coverage_gain for c in result.courses) == pytest.approx(result.gain)


def test_compare_after_ranks_what_ifs() -> None:
    ln = learner(skills={"prog.python": 2})
    known = known_levels(ln, CTX)
    ranked = compare_after(CTX, ln, known, REQS, [["deploy"], ["intro-ml"], ["eval"]])
    assert [a.after for a in ranked] == [["intro-ml"], ["eval"], ["deploy"]]
    # eval: evaluation 2*1/2 + supervised 3*1/2 = 2.5 on top of 2
    assert ranked[1].coverage_after == pytest.approx(4.5 / 9)
    assert ranked[2].coverage_after == pytest.approx(3 / 9)
    assert all(a.coverage_before == pytest.approx(2 / 9) for a in ranked)


def test_completed_program_implies_its_parts() -> None:
    ln = learner(skills={"prog.python": 1}, completed=["spec"])
    known = known_levels(ln, CTX)
    assert known["ml.supervised"] == 2
    assert known["mlops.deployment"] == 2
    assert known["prog.python"] == 1  # stated 1, the part teaches 1
    assert known["math.stats"] == 1


def test_goal_requirements_with_targets() -> None:
    ln = learner(targets={"math.stats": 2, "ml.supervised": 3, "mlops.deployment": 0})
    reqs = goal_requirements(ln, CTX)
    assert reqs["math.stats"].weight == Weight.CORE  # only the learner asks for it
    assert reqs["ml.supervised"].level == 3  # target overrides the role's level...
    assert reqs["ml.supervised"].weight == Weight.CORE  # ...and keeps the role's weight
    assert "mlops.deployment" not in reqs  # a level-0 target drops the skill
    assert set(goal_requirements(Learner(targets={"math.stats": 1}), CTX)) == {"math.stats"}


def test_unknown_ids_raise_with_suggestions() -> None:
    ln = learner()
    with pytest.raises(NotFoundError, match="intro-ml"):
        audit(CTX, ln, {}, REQS, after=["intro-m"])
    with pytest.raises(NotFoundError, match="ml-engineer"):
        goal_requirements(Learner(goal="ml-enginer"), CTX)


LEVELS = st.sampled_from(list(Level))
SKILL_IDS = [s.id for s in SKILLS]
HOLDINGS = st.dictionaries(st.sampled_from(SKILL_IDS), LEVELS)
REQUIREMENTS = st.dictionaries(
    st.sampled_from(SKILL_IDS),
    st.tuples(st.sampled_from([Level(i) for i in range(1, 5)]), st.sampled_from(list(Weight))),
    min_size=1,
).map(lambda d: {s: Requirement(skill=s, level=lv, weight=w) for s, (lv, w) in d.items()})


@given(HOLDINGS, REQUIREMENTS)
def test_coverage_is_a_share(known: dict[str, Level], reqs: dict[str, Requirement]) -> None:
    value = coverage(known, reqs)
    assert 0.0 <= value <= 1.0
    met = all(known.get(s, 0) >= r.level for s, r in reqs.items())
    assert (value == pytest.approx(1.0)) == met


@given(HOLDINGS, REQUIREMENTS, st.sampled_from(SKILL_IDS), LEVELS)
def test_coverage_is_monotone_in_known_levels(
    known: dict[str, Level], reqs: dict[str, Requirement], skill: str, level: Level
) -> None:
    raised = {**known, skill: max(level, known.get(skill, Level.NONE))}
    assert coverage(raised, reqs) >= coverage(known, reqs)


def test_a_skill_the_course_only_mentions_falls_through() -> None:
    from coursestack.engine.gaps import ONLY_TOUCHED

    touched = {"teaches.ml.evaluation": "rule:alias(outcome:'x'); rule:not-central->1"}
    primer = course("primer", {"ml.evaluation": 1}, provenance=touched)
    ctx = AdvisorContext(
        courses={**CTX.courses, "primer": primer}, taxonomy=CTX.taxonomy, roles=CTX.roles
    )
    ln = learner()
    result = audit(ctx, ln, known_levels(ln, ctx), REQS, after=["primer"])
    (contrib,) = result.courses
    assert contrib.counts == {} and contrib.coverage_gain == 0  # as in plans: no credit
    assert [(f.skill, f.reason) for f in contrib.fallthrough] == [("ml.evaluation", ONLY_TOUCHED)]


def test_a_narrower_part_of_a_goal_skill_falls_through_as_such() -> None:
    # logistic regression is part of supervised learning (dotted id): not "the goal does not
    # ask for it", but no credit toward supervised learning by itself either
    skills = [*SKILLS, Skill(id="ml.supervised.logreg", name="Logistic regression", category="ml")]
    logreg = course("logreg", {"ml.supervised.logreg": 2, "math.stats": 1})
    ctx = AdvisorContext(
        courses={logreg.id: logreg}, taxonomy=Taxonomy.build(skills), roles={ROLE.id: ROLE}
    )
    ln = learner()
    (c,) = audit(ctx, ln, known_levels(ln, ctx), REQS, after=["logreg"]).courses
    assert {(f.skill, f.reason) for f in c.fallthrough} == {
        ("ml.supervised.logreg", PART_OF_GOAL),
        ("math.stats", NOT_REQUIRED),
    }
    assert c.counts == {}
