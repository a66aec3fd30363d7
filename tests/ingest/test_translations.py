"""French and Portuguese (and extra Spanish) names in `translations` of
knowledge/tagging_aliases.yaml: each behaves exactly like its English phrase."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursestack.domain import Course, CourseLevel
from coursestack.engine.tagging import TagInput, TagResult
from coursestack.ingest.aliases import default_tagger
from coursestack.ingest.pipeline import read_courses

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "catalogs"
FILLER = tuple(f"Soft Skill {n}" for n in range(12))  # makes a skill list long


def tag(title: str, description: str = "", skills: tuple[str, ...] = ()) -> TagResult:
    course = Course(
        id="x", title=title, platform="coursera", level=CourseLevel.BEGINNER, sources=["dump.csv"]
    )
    return default_tagger().tag(course, TagInput(title, description, skills=skills))


def test_a_french_skill_list_names_its_skills() -> None:
    listed = ("Nettoyage des données", "Tableurs", "Éthique des données")
    taught = set(tag("Analytique des données", skills=listed).teaches)
    assert {"data.cleaning", "prog.excel", "data.ethics"} <= taught
    # an umbrella entry stays weak, as 'R Programming' does in English
    french = tag("Cours", skills=("Programmation R",))
    english = tag("Course", skills=("R Programming",))
    assert "prog.r" in french.weak and "prog.r" in english.weak
    assert "prog.r" not in french.teaches and "prog.r" not in english.teaches


def test_a_portuguese_skill_list_and_both_spellings_name_their_skills() -> None:
    listed = ("Limpeza de dados", "Planilhas", "Ética em Dados")
    taught = set(tag("Análise de dados", skills=listed).teaches)
    assert {"data.cleaning", "prog.excel", "data.ethics"} <= taught
    # Brazilian and European Portuguese name machine learning differently
    assert "ml.fundamentals" in tag("Introdução ao aprendizado de máquina").teaches
    assert "ml.fundamentals" in tag("Introdução à aprendizagem automática").teaches
    assert "dl.neural-networks" in tag("Redes neurais").teaches
    assert "dl.neural-networks" in tag("Redes neuronais").teaches


def test_a_translation_keeps_the_english_phrase_roles() -> None:
    # prose-excluded like 'machine learning', yet a title names the skill
    assert "ml.fundamentals" in tag("Apprentissage automatique").teaches
    prose = "Vous découvrirez l'apprentissage automatique."
    assert "ml.fundamentals" not in tag("Cours", prose).teaches
    # an umbrella label in a long list, like 'Data Visualization'
    long = tag("Cours", skills=(*FILLER, "Visualisation des données"))
    assert "viz.principles" not in long.teaches and "viz.principles" in long.weak
    # context-gated like 'derivatives': the calculus only beside mathematics
    assert "math.calculus" in tag("Bases Matemáticas: Derivadas").teaches
    assert "math.calculus" not in tag("Derivadas").teaches


def test_french_elisions_match_with_either_apostrophe() -> None:
    for title in ("Tests d'hypothèse", "Tests d’hypothèse"):
        assert "stats.hypothesis-testing" in tag(title).teaches, title


def test_a_french_dashboard_is_not_tableau() -> None:
    result = tag("Cours", skills=("Tableau de bord",))
    assert "viz.dashboards" in result.teaches
    assert "viz.tableau" not in result.teaches and "viz.tableau" not in result.weak
    assert "viz.tableau" in tag("Cours", skills=("Logiciel Tableau",)).teaches


def test_spanish_names_found_in_the_dumps() -> None:
    assert "prog.software-engineering" in tag("Introducción a la Ingeniería del Software").teaches
    assert "ml.supervised.decision-trees" in tag("Árboles de clasificación").teaches
    assert "prog.r" in tag("Programación estadística con R").teaches
    assert "prog.r" in tag("Introducción al lenguaje R").teaches
    assert "stats.multivariate" in tag("Análisis multivariable en SPSS").teaches
    # non-relational databases are NoSQL, not relational databases
    nosql = tag("Bases de datos no relacionales")
    assert "de.nosql" in nosql.teaches and "de.relational-databases" not in nosql.teaches


def test_a_brazilian_price_is_not_the_r_language() -> None:
    result = tag("Curso de finanças", "Comece com R$ 29,90 por mês. Aprenda a investir.")
    assert "prog.r" not in result.teaches and "prog.r" not in result.weak


@pytest.mark.shared
def test_the_french_google_data_analytics_certificate_reads_its_skill_list() -> None:
    path = SHARED / "coursera_detailed.csv"
    if not path.is_file():
        pytest.skip(f"shared catalog dumps not found at {SHARED} (fresh clone)")
    _, stream = read_courses(path)
    courses = [
        c for _, c in stream if isinstance(c, Course) and "analytique-des-donnees" in (c.url or "")
    ]
    assert len(courses) == 1
    course = courses[0]
    assert course.language == "fr"
    expected = {"data.cleaning", "data.ethics", "prog.excel", "prog.r", "prog.sql", "viz.tableau"}
    assert expected <= set(course.teaches)
