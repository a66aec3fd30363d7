"""The shipped skill taxonomy: ids, aliases, prerequisites and coverage of the issue's topics."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursestack.domain import InvalidInputError, Level, Skill
from coursestack.domain.models import SKILL_ID_RE, SkillPrereq
from coursestack.engine.taxonomy import Taxonomy, normalize_name
from coursestack.knowledge import skills

SKILLS = skills()
TAXONOMY = Taxonomy.build(SKILLS)
ALIASES = sorted({(s.id, a) for s in SKILLS for a in s.aliases})

# Words that read as ordinary English (or a one-letter language) in course text; an alias
# equal to one of them would tag unrelated courses.
AMBIGUOUS_WORDS = {
    "r",
    "go",
    "c",
    "ai",
    "data",
    "analysis",
    "learning",
    "model",
    "models",
    "cloud",
    "charts",
    "notebooks",
    "testing",
    "vision",
    "agile",
    "documentation",
    "privacy",
    "terminal",
    "lime",
    "dash",
    "helm",
    "glove",
    "stan",
    "hmm",
    "cart",
    "prefect",
    "evaluation",
    "monitoring",
    "serving",
    "optimization",
    "spark",
}


def _skill(sid: str, *prereqs: str) -> Skill:
    return Skill(
        id=sid,
        name=sid,
        category="test",
        prerequisites=[SkillPrereq(skill=p, level=Level.AWARE) for p in prereqs],
    )


def test_taxonomy_is_large_and_ids_are_unique_slugs() -> None:
    ids = [s.id for s in SKILLS]
    assert len(ids) >= 150
    assert len(ids) == len(set(ids))
    assert all(SKILL_ID_RE.match(i) for i in ids)


def test_every_skill_is_described_and_has_aliases() -> None:
    for s in SKILLS:
        assert s.description.strip().endswith("."), s.id
        assert "\n" not in s.description.strip(), s.id
        assert len(s.aliases) >= 3, s.id


def test_aliases_are_lowercase_and_not_ambiguous_words() -> None:
    for sid, alias in ALIASES:
        assert alias == alias.lower() == alias.strip(), (sid, alias)
        assert len(alias) >= 2, (sid, alias)
        assert alias not in AMBIGUOUS_WORDS, (sid, alias)


@pytest.mark.parametrize(("sid", "alias"), ALIASES)
def test_every_alias_resolves_to_exactly_its_own_skill(sid: str, alias: str) -> None:
    assert TAXONOMY.resolve(alias) == sid


def test_every_skill_name_resolves_to_its_own_skill() -> None:
    for s in SKILLS:
        assert TAXONOMY.resolve(s.name) == s.id


@settings(max_examples=200, deadline=None)
@given(
    pair=st.sampled_from(ALIASES),
    upper=st.booleans(),
    sep=st.sampled_from([" ", "-", "_", "  "]),
)
def test_alias_lookup_ignores_case_and_separators(
    pair: tuple[str, str], upper: bool, sep: str
) -> None:
    sid, alias = pair
    variant = sep.join(normalize_name(alias).split(" "))
    variant = variant.upper() if upper else variant.title()
    assert TAXONOMY.resolve(variant) == sid


def test_every_prerequisite_exists_with_a_real_level() -> None:
    ids = {s.id for s in SKILLS}
    for s in SKILLS:
        seen = [p.skill for p in s.prerequisites]
        assert len(seen) == len(set(seen)), s.id
        for p in s.prerequisites:
            assert p.skill in ids, (s.id, p.skill)
            assert p.skill != s.id
            assert Level.AWARE <= p.level <= Level.APPLIED, (s.id, p.skill)


def test_prerequisite_graph_is_acyclic_and_ordered() -> None:
    order = TAXONOMY.topological_order()
    assert sorted(order) == sorted(s.id for s in SKILLS)
    position = {sid: i for i, sid in enumerate(order)}
    for s in SKILLS:
        for p in s.prerequisites:
            assert position[p.skill] < position[s.id]


def test_a_cycle_in_the_real_taxonomy_is_detected() -> None:
    # Make Python programming require PyTorch, which (transitively) requires Python.
    tampered = [
        s.model_copy(update={"prerequisites": [SkillPrereq(skill="dl.pytorch", level=Level.AWARE)]})
        if s.id == "prog.python"
        else s
        for s in SKILLS
    ]
    with pytest.raises(InvalidInputError, match="cycle"):
        Taxonomy.build(tampered)


def test_unknown_prerequisite_is_detected() -> None:
    with pytest.raises(InvalidInputError, match="unknown prerequisite"):
        Taxonomy.build([_skill("a.x", "a.missing")])


def test_an_implied_skill_must_exist() -> None:
    from coursestack.domain.models import SkillOverlap

    odd = _skill("a.x").model_copy(update={"implies": [SkillOverlap(skill="a.missing")]})
    with pytest.raises(InvalidInputError, match=r"cannot imply 'a\.missing'"):
        Taxonomy.build([odd])


@settings(max_examples=100, deadline=None)
@given(data=st.data(), size=st.integers(min_value=2, max_value=12))
def test_synthetic_graphs_cycle_iff_back_edge(data: st.DataObject, size: int) -> None:
    # A chain s0 <- s1 <- ... plus random forward edges is acyclic; one edge from the
    # chain's start to any later node closes a cycle, and build() must reject it.
    ids = [f"t.s{i}" for i in range(size)]
    extra = data.draw(
        st.lists(st.tuples(st.integers(1, size - 1), st.integers(0, size - 2)), max_size=20)
    )
    prereqs: dict[str, set[str]] = {sid: set() for sid in ids}
    for i in range(1, size):
        prereqs[ids[i]].add(ids[i - 1])
    for a, b in extra:
        if b < a:
            prereqs[ids[a]].add(ids[b])
    Taxonomy.build([_skill(sid, *sorted(prereqs[sid])) for sid in ids])
    back = data.draw(st.integers(1, size - 1))
    prereqs[ids[0]].add(ids[back])
    with pytest.raises(InvalidInputError, match="cycle"):
        Taxonomy.build([_skill(sid, *sorted(prereqs[sid])) for sid in ids])


CATEGORIES = {
    "programming",
    "math",
    "statistics",
    "data-analysis",
    "visualization",
    "machine-learning",
    "deep-learning",
    "llm",
    "data-engineering",
    "mlops",
    "cloud",
    "ml-system-design",
    "practice",
}


def test_every_issue_category_is_represented() -> None:
    present = {s.category for s in SKILLS}
    assert present == CATEGORIES
    per_category = {c: sum(1 for s in SKILLS if s.category == c) for c in CATEGORIES}
    assert min(per_category.values()) >= 5, per_category


# Phrases the issue, PRODUCT.md's worked example and common catalog skill tags use.
CATALOG_PHRASES = {
    "Linear Regression": "ml.supervised.linear-regression",
    "Logistic Regression": "ml.supervised.logistic-regression",
    "Gradient Descent": "ml.gradient-descent",
    "Regularization": "ml.regularization",
    "Neural Networks": "dl.neural-networks",
    "Decision Trees": "ml.supervised.decision-trees",
    "Tree Ensembles": "ml.supervised.tree-ensembles",
    "XGBoost": "ml.supervised.xgboost",
    "k-means": "ml.unsupervised.clustering",
    "Anomaly Detection": "ml.unsupervised.anomaly-detection",
    "Collaborative Filtering": "ml.recommender-systems.collaborative-filtering",
    "Reinforcement Learning": "ml.reinforcement-learning",
    "TensorFlow": "dl.tensorflow",
    "Machine Learning": "ml.fundamentals",
    "Deep Learning": "dl.neural-networks",
    "Data Visualization": "viz.principles",
    "Exploratory Data Analysis": "data.eda",
    "Apache Spark": "de.spark",
    "Big Data": "de.big-data",
    "Cloud Computing": "cloud.fundamentals",
    "Amazon Web Services (AWS)": "cloud.aws",
    "Generative AI": "genai.foundations",
    "Prompt Engineering": "llm.prompt-engineering",
    "Python Programming": "prog.python",
    "R Programming": "prog.r",
    "Statistics": "stats.descriptive",
    "Linear Algebra": "math.linear-algebra",
    "Docker": "mlops.docker",
    "MLOps": "mlops.fundamentals",
    "A/B Testing": "mlsd.ab-testing",
    "Bias-Variance Tradeoff": "mlsd.bias-variance",
    "Error Analysis": "mlsd.error-analysis",
    "ML System Design": "mlsd.system-design",
    "Capstone Project": "practice.capstone",
    "Portfolio Project": "practice.portfolio-project",
    "Retrieval-Augmented Generation": "llm.rag",
}


@pytest.mark.parametrize(("phrase", "sid"), sorted(CATALOG_PHRASES.items()))
def test_catalog_phrases_resolve(phrase: str, sid: str) -> None:
    assert TAXONOMY.resolve(phrase) == sid


def test_worked_example_order_holds_in_the_graph() -> None:
    # A deep-learning specialization assumes supervised learning basics: the DL skills'
    # prerequisite closures reach the classical ML foundations.
    closure = TAXONOMY.closure(["dl.cnn", "dl.optimization"])
    assert {"ml.fundamentals", "ml.gradient-descent", "ml.regularization"} <= closure
    assert "dl.cnn" not in TAXONOMY.closure(["ml.supervised.logistic-regression"])


def test_lookup_names_one_skill_or_none() -> None:
    assert TAXONOMY.lookup("prog.python") == "prog.python"
    assert TAXONOMY.lookup("Python") == TAXONOMY.resolve("Python")
    assert TAXONOMY.lookup("no such skill at all") is None
    ambiguous = next(k for k, ids in TAXONOMY._by_name.items() if len(ids) > 1)
    assert TAXONOMY.lookup(ambiguous) is None
