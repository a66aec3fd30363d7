"""The curated built-in catalog (every `knowledge/catalog/*.yaml` file): ids, references,
program/part consistency, provenance of every figure, and the PRODUCT.md worked example."""

from __future__ import annotations

from collections import Counter

import pytest

from coursestack.domain import Course, Level
from coursestack.domain.enums import CourseKind, DataRealism, HandsOn, Pedagogy
from coursestack.knowledge import curated_catalog, skills

CATALOG = curated_catalog()
BY_ID = {c.id: c for c in CATALOG}
SKILL_IDS = {s.id for s in skills()}

ML_SPEC = "coursera-ml-specialization"
ML_SPEC_PARTS = [
    "coursera-ml-supervised-regression-classification",
    "coursera-ml-advanced-learning-algorithms",
    "coursera-ml-unsupervised-recommenders-rl",
]
DL_SPEC = "coursera-deep-learning-specialization"
# What PRODUCT.md says the ML Specialization does not teach, at any level.
NOT_IN_ML_SPEC = {
    "data.messy-real-data",
    "data.eda-at-scale",
    "mlsd.ab-testing",
    "mlsd.system-design",
    "mlsd.debugging-models",
    "practice.portfolio-project",
}


def _url_key(url: str) -> str:
    """Same page regardless of scheme case, query string or trailing slash."""
    return url.split("?", 1)[0].split("#", 1)[0].rstrip("/").lower()


def _has_value(model: object) -> bool:
    return any(v is not None for v in vars(model).values())


def test_catalog_loads_and_is_not_empty() -> None:
    assert CATALOG, "no curated catalog files were found"
    assert all(isinstance(c, Course) for c in CATALOG)


def test_every_teaches_and_assumes_skill_is_in_the_taxonomy() -> None:
    unknown = [
        f"{c.id}: {field} {skill}"
        for c in CATALOG
        for field, levels in (("teaches", c.teaches), ("assumes", c.assumes))
        for skill in levels
        if skill not in SKILL_IDS
    ]
    assert not unknown, "skills missing from skills.yaml:\n" + "\n".join(unknown)


def test_skill_levels_are_meaningful() -> None:
    # Level 0 ("none") in teaches/assumes says nothing; it is a data-entry slip.
    zero = [
        f"{c.id}: {skill}"
        for c in CATALOG
        for skill, level in (c.teaches | c.assumes).items()
        if level == Level.NONE
    ]
    assert not zero, "\n".join(zero)


def test_no_duplicate_ids() -> None:
    dupes = [i for i, n in Counter(c.id for c in CATALOG).items() if n > 1]
    assert not dupes, f"duplicate course ids: {dupes}"


def test_no_duplicate_urls() -> None:
    counts = Counter(_url_key(c.url) for c in CATALOG if c.url)
    dupes = sorted(u for u, n in counts.items() if n > 1)
    owners = {u: [c.id for c in CATALOG if c.url and _url_key(c.url) == u] for u in dupes}
    assert not dupes, f"several courses share a URL: {owners}"


def test_every_part_exists_and_is_not_the_program_itself() -> None:
    problems = [
        f"{c.id} -> {part}"
        for c in CATALOG
        for part in c.parts
        if part not in BY_ID or part == c.id
    ]
    assert not problems, "unknown or self-referencing parts:\n" + "\n".join(problems)


def test_program_teaches_covers_each_part() -> None:
    # A program teaches at least what any of its parts teaches (it is their maximum).
    problems = [
        f"{c.id}: part {part} teaches {skill}={level}, program has "
        f"{c.teaches.get(skill, 'nothing')}"
        for c in CATALOG
        for part in c.parts
        if part in BY_ID
        for skill, level in BY_ID[part].teaches.items()
        if c.teaches.get(skill, Level.NONE) < level
    ]
    assert not problems, "\n".join(problems)


def test_every_figure_has_provenance() -> None:
    missing = [
        f"{c.id}: {field}"
        for c in CATALOG
        for field, present in (
            ("effort", _has_value(c.effort)),
            ("price", _has_value(c.price)),
            ("year_updated", c.year_updated is not None),
        )
        if present and field not in c.provenance
    ]
    assert not missing, "figures without a provenance note:\n" + "\n".join(missing)


def test_catalog_size_and_platform_spread() -> None:
    # Meaningful once every platform's curated file is in (Coursera/DeepLearning.AI and the
    # other platforms are curated separately); fewer means a file failed to ship.
    platforms = {c.platform for c in CATALOG}
    assert len(CATALOG) >= 150, f"only {len(CATALOG)} curated courses"
    assert len(platforms) >= 6, f"only {len(platforms)} platforms: {sorted(platforms)}"


# ------------------------------------------------------------------ PRODUCT.md worked example


def test_ml_specialization_matches_the_worked_example() -> None:
    spec = BY_ID[ML_SPEC]
    assert spec.kind == CourseKind.SPECIALIZATION
    assert spec.platform == "coursera"
    assert spec.parts == ML_SPEC_PARTS
    assert spec.year_updated == 2022
    assert spec.pedagogy == Pedagogy.THEORY_FIRST
    assert spec.hands_on == HandsOn.GUIDED_LABS
    assert spec.data_realism == DataRealism.CLEAN
    assert spec.effort.total_hours() == pytest.approx(13 * 9)  # ~3 months at 9 h/week
    assert spec.assumes.get("math.calculus") == Level.AWARE
    assert spec.assumes.get("math.linear-algebra") == Level.AWARE
    assert spec.assumes.get("prog.python") in (Level.AWARE, Level.PRACTISED)


@pytest.mark.parametrize(
    ("course_id", "skills_taught"),
    [
        (
            ML_SPEC_PARTS[0],
            [
                "ml.supervised.linear-regression",
                "ml.supervised.logistic-regression",
                "ml.gradient-descent",
                "ml.regularization",
            ],
        ),
        (
            ML_SPEC_PARTS[1],
            [
                "dl.neural-networks",
                "dl.tensorflow",
                "ml.supervised.decision-trees",
                "ml.supervised.tree-ensembles",
                "ml.supervised.xgboost",
            ],
        ),
        (
            ML_SPEC_PARTS[2],
            [
                "ml.unsupervised.clustering",
                "ml.unsupervised.anomaly-detection",
                "ml.recommender-systems.collaborative-filtering",
                "ml.reinforcement-learning",
            ],
        ),
    ],
)
def test_ml_specialization_courses_teach_their_syllabus(
    course_id: str, skills_taught: list[str]
) -> None:
    course = BY_ID[course_id]
    for skill in skills_taught:
        assert course.teaches.get(skill, Level.NONE) >= Level.AWARE, skill
    # Guided labs on clean data: practised at most, never applied independently.
    assert max(course.teaches.values()) <= Level.PRACTISED


@pytest.mark.parametrize("course_id", [ML_SPEC, *ML_SPEC_PARTS])
def test_ml_specialization_does_not_teach_production_skills(course_id: str) -> None:
    taught = BY_ID[course_id].teaches
    not_taught = [s for s in taught if s.startswith(("mlops.", "cloud.")) or s in NOT_IN_ML_SPEC]
    assert not not_taught, f"{course_id} should not teach {not_taught}"


def test_deep_learning_specialization_follows_the_ml_specialization() -> None:
    dl = BY_ID[DL_SPEC]
    assert dl.kind == CourseKind.SPECIALIZATION
    assert len(dl.parts) == 5
    assert "coursera-dl-structuring-ml-projects" in dl.parts
    needed = {"ml.supervised", "ml.regularization", "mlsd.bias-variance"}
    assert needed <= set(dl.assumes)
    # Ordering: the ML Specialization supplies every skill the DL one assumes from ML.
    ml = BY_ID[ML_SPEC]
    for skill in needed:
        assert ml.teaches.get(skill, Level.NONE) >= dl.assumes[skill], skill
