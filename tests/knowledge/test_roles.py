"""The shipped target roles: ids, requirements against the taxonomy, and their shape."""

from __future__ import annotations

import pytest

from coursestack.domain import Level, Weight
from coursestack.knowledge import roles, skills

ROLES = {r.id: r for r in roles()}
SKILL_IDS = {s.id for s in skills()}
EXPECTED = [
    "ml-engineer",
    "data-scientist",
    "data-analyst",
    "data-engineer",
    "mlops-engineer",
    "deep-learning-engineer",
    "ai-engineer",
    "research-scientist",
]


def test_role_ids_are_unique_and_expected_ones_exist() -> None:
    assert len(ROLES) == len(roles())
    assert set(EXPECTED) <= set(ROLES)


@pytest.mark.parametrize("role_id", EXPECTED)
def test_role_requirements_are_valid(role_id: str) -> None:
    role = ROLES[role_id]
    assert role.name.strip() and role.description.strip()
    assert role.source.strip() and "\n" not in role.source.strip()
    assert 15 <= len(role.requirements) <= 30
    listed = [r.skill for r in role.requirements]
    assert len(listed) == len(set(listed)), "a skill is listed twice"
    for req in role.requirements:
        assert req.skill in SKILL_IDS, req.skill
        assert Level.AWARE <= req.level <= Level.PRODUCTION
        assert Weight.USEFUL <= req.weight <= Weight.CORE


@pytest.mark.parametrize("role_id", EXPECTED)
def test_levels_and_weights_are_realistic(role_id: str) -> None:
    reqs = ROLES[role_id].requirements
    production = [r for r in reqs if r.level == Level.PRODUCTION]
    # Level 4 only for a few central skills, and those are core.
    assert len(production) <= 5
    assert all(r.weight == Weight.CORE for r in production)
    weights = {r.weight for r in reqs}
    assert weights == {Weight.USEFUL, Weight.IMPORTANT, Weight.CORE}
    assert sum(r.weight == Weight.CORE for r in reqs) >= 5


def test_ml_engineer_covers_the_worked_example_gaps() -> None:
    need = ROLES["ml-engineer"].required()
    # PRODUCT.md: what the ML Specialization does not teach relative to this role.
    gaps = {
        "data.messy-real-data": 3,
        "data.feature-engineering": 2,
        "data.eda-at-scale": 2,
        "mlsd.evaluation-frameworks": 2,
        "mlsd.ab-testing": 2,
        "mlsd.project-structuring": 2,
        "mlsd.bias-variance": 2,
        "mlsd.error-analysis": 2,
        "mlsd.debugging-models": 2,
        "cloud.fundamentals": 2,
        "mlops.model-serving": 2,
        "mlops.model-deployment": 3,
        "practice.portfolio-project": 3,
    }
    for sid, at_least in gaps.items():
        assert sid in need, sid
        assert need[sid].level >= at_least, sid
    assert need["data.messy-real-data"].level == Level.APPLIED
    for core in ("prog.python", "ml.supervised", "ml.fundamentals"):
        assert need[core].level >= Level.APPLIED and need[core].weight == Weight.CORE


def test_roles_differ_in_their_core_skills() -> None:
    cores = {
        rid: frozenset(r.skill for r in ROLES[rid].requirements if r.weight == Weight.CORE)
        for rid in EXPECTED
    }
    assert len(set(cores.values())) == len(EXPECTED)
    assert "llm.rag" in cores["ai-engineer"]
    assert "de.etl-pipelines" in cores["data-engineer"]
    assert "mlops.kubernetes" in cores["mlops-engineer"]
    assert "practice.research-methods" in cores["research-scientist"]
