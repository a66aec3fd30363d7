"""Course language inferred from text (ingest/language.py), its hook and its merge priority."""

from __future__ import annotations

import pytest

from coursestack.domain import Course
from coursestack.ingest.language import LANGUAGE_RULE, guess_language
from coursestack.ingest.merge import CatalogIndex
from coursestack.ingest.pipeline import with_language
from coursestack.ingest.rows import CourseText, ParsedRow


def code(title: str, body: str = "") -> str | None:
    guess = guess_language(title, body)
    return None if guess is None else guess.code


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Google Data Analytics (DE)", "de"),
        ("Google Project Management (PT)", "pt"),
        ("Machine Learning in the Enterprise - Français", "fr"),
        ("Gemini for Security Engineers - Português Brasileiro", "pt"),
        ("Google IT Support (Deutsch)", "de"),
        ("Architecting Google Kubernetes Engine: Foundations in italiano", "it"),
        ("Learning Photoshop CC 2014 in Egyptian Arabic", "ar"),
        ("Tally ERP Complete Training in Urdu / Hindi", "ur"),  # the first one named
        ("Negociación exitosa: Estrategias y habilidades esenciales (en español)", "es"),
        # '(IT)' is information technology, not Italian
        ("Information Technology (IT) and Cloud Fundamentals", "en"),
    ],
)
def test_title_markers(title: str, expected: str) -> None:
    assert code(title) == expected


@pytest.mark.parametrize(
    "title",
    [
        "Learn Spanish: Basic Spanish Vocabulary",
        "Chinese for Beginners",
        "Japanese for beginners 1",
        "Everyday Chinese Medicine",
        "Mandarin Chinese for Intermediate Learners: Part 1",
    ],
)
def test_language_learning_titles_are_not_in_that_language(title: str) -> None:
    assert code(title) in (None, "en")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Google データアナリティクス", "ja"),
        ("AI For Everyone （すべての人のためのAIリテラシー講座）", "ja"),
        ("初級會計學二：資產與負債 (Financial Accounting 102)", "zh"),
        ("캔바(Canva)로 SNS 콘텐츠 만들기", "ko"),
        ("تحليلات البيانات من Google", "ar"),
        ("Цифровий маркетинг і електронна комерція від Google", "uk"),
        ("Введение в Финансовую Инженерию", "ru"),
        ("สอนเทรดไบนารี่ อ๊อฟชั่นอย่างง่าย", "th"),
    ],
)
def test_non_latin_scripts(title: str, expected: str) -> None:
    assert code(title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Aprende a tocar el acordeón de botones", "es"),
        ("Investimento em Ações para Leigos", "pt"),
        ("Buchführung lernen leicht gemacht", "de"),
        ("Apprendre à trader sur le marché du Forex - guide complet", "fr"),
        ("Corso introduttivo al trading profittevole", "it"),
        ("Photoshop CS 6 ile Fotoğraf İşlemenin Temelleri", "tr"),
        # a trailing English gloss does not outvote the title
        (
            "Aprendiendo a aprender: Poderosas herramientas mentales con las que podras "
            "dominar temas dificiles (Learning How to Learn)",
            "es",
        ),
        ("Bass Guitar Lessons For Beginners", "en"),
        ("The Web Developer Bootcamp", "en"),
        ("Bossa Nova - Guitar for Beginners", "en"),
        ("Nestlé's Introduction to Marketing - with Abigail Laursen", "en"),
    ],
)
def test_latin_titles(title: str, expected: str) -> None:
    assert code(title) == expected


@pytest.mark.parametrize(
    "title",
    [
        # English courses a classifier alone calls French or Italian
        "Piano Tutorial : Ludovico Einaudi - Una Mattina",
        "Low Poly Portrait Illustration",
        "Piano Technique Exercises Vol.1",
        "Improvise Puccini´s 'E Lucevan le Stelle' on Piano",
    ],
)
def test_english_titles_with_foreign_words_are_not_labelled_another_language(title: str) -> None:
    assert code(title) in (None, "en")


def test_description_decides_over_an_english_title() -> None:
    body = (
        "Préparez-vous à une nouvelle carrière dans le domaine à forte croissance de l'analyse "
        "de données. Aucune expérience ni aucun diplôme ne sont requis. Ce programme vous "
        "permettra d'acquérir des compétences recherchées par les employeurs."
    )
    assert code("Google Data Analytics", body) == "fr"
    english = (
        "This course will teach you how to analyse data with spreadsheets and SQL, and how "
        "to present what you find to the people who make the decisions in your organisation. "
        "By the end of it you will have built a dashboard of your own."
    )
    guess = guess_language("Datos, datos", english)
    assert guess is not None and guess.code == "en" and guess.evidence.startswith("English prose")


def test_rule_is_recorded_in_provenance_form() -> None:
    guess = guess_language("Google UX Design (DE)")
    assert guess is not None
    assert guess.rule == f"{LANGUAGE_RULE}(marker '(DE)')"


def row(title: str, language: str | None = None, description: str = "") -> ParsedRow:
    course = Course.model_validate(
        {
            "id": "udemy-x",
            "title": title,
            "platform": "udemy",
            "url": "https://www.udemy.com/x/",
            "language": language,
            "sources": ["udemy.csv"],
            "provenance": {
                "title": "udemy.csv:3",
                **({"language": "udemy.csv:3"} if language else {}),
            },
        }
    )
    return ParsedRow(course, CourseText(title=title, description=description))


def test_hook_sets_language_with_its_rule_and_keeps_a_stated_one() -> None:
    inferred = with_language(row("Aprende a tocar la guitarra eléctrica"))
    assert inferred.language == "es"
    assert inferred.provenance["language"].startswith(f"{LANGUAGE_RULE}(classifier es ")
    assert inferred.provenance["title"] == "udemy.csv:3"
    stated = with_language(row("Aprende a tocar la guitarra eléctrica", language="en"))
    assert stated.language == "en" and stated.provenance["language"] == "udemy.csv:3"
    assert with_language(row("Technical Charting")).language is None  # unclear stays unknown


def course(language: str | None, source: str, provenance: str | None) -> Course:
    return Course.model_validate(
        {
            "id": "udemy-x",
            "title": "X",
            "platform": "udemy",
            "url": "https://www.udemy.com/x/",
            "language": language,
            "sources": [source],
            "provenance": {"language": provenance} if provenance else {},
        }
    )


INFERRED = f"{LANGUAGE_RULE}(classifier es 0.97 on title)"


@pytest.mark.parametrize("order", ["inferred first", "stated first"])
def test_a_stated_language_wins_over_an_inferred_one_whatever_the_source_rank(
    order: str,
) -> None:
    # the inferring source outranks the stating one (1 against 3): the stated value wins
    ranks = {"detailed.csv": 1, "votes.csv": 3}
    inferred = course("es", "detailed.csv", INFERRED)
    stated = course("en", "votes.csv", "votes.csv:7")
    index = CatalogIndex.of([], ranks)
    first, second = (inferred, stated) if order == "inferred first" else (stated, inferred)
    index.add(first)
    index.add(second)
    merged = index.courses["udemy-x"]
    assert merged.language == "en" and merged.provenance["language"] == "votes.csv:7"
    # idempotent: both rows again change nothing
    assert index.add(inferred)[0] == "unchanged"
    assert index.add(stated)[0] == "unchanged"


def test_between_inferred_languages_the_better_source_wins_and_unknown_is_filled() -> None:
    ranks = {"detailed.csv": 1, "votes.csv": 3}
    index = CatalogIndex.of([course(None, "votes.csv", None)], ranks)
    index.add(course("pt", "votes.csv", INFERRED.replace("es", "pt")))
    assert index.courses["udemy-x"].language == "pt"  # unknown is filled by an inference
    index.add(course("es", "detailed.csv", INFERRED))
    assert index.courses["udemy-x"].language == "es"  # the better-ranked inference wins
    index.add(course("pt", "votes.csv", INFERRED.replace("es", "pt")))
    assert index.courses["udemy-x"].language == "es"
