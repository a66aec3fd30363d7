from __future__ import annotations

from coursestack.engine.search_rank import (
    EXACT,
    OTHER,
    PREFIX,
    WORDS,
    corrected_query,
    rank_hits,
    relaxed,
    title_tier,
    title_words,
)


def test_title_words_ignore_case_accents_and_punctuation() -> None:
    assert title_words("Análisis de DATOS: Intro!") == ("analisis", "de", "datos", "intro")
    assert title_words("Machine-Learning  Specialisation") == (
        "machine",
        "learning",
        "specialisation",
    )
    assert title_words("...") == ()


def test_tiers() -> None:
    q = title_words("analisis de datos")
    assert title_tier(q, title_words("Análisis de Datos")) == EXACT
    assert title_tier(q, title_words("ANÁLISIS DE DATOS con Python")) == PREFIX
    assert title_tier(q, title_words("Curso de análisis: datos")) == WORDS
    assert title_tier(q, title_words("Análisis de datasets")) == OTHER  # whole words only
    assert title_tier((), title_words("Anything")) == OTHER


def test_rank_keeps_full_text_order_after_the_title_tiers() -> None:
    hits: list[tuple[str, str, str | None]] = [
        ("z1", "Deep Learning for Python Developers", "en"),
        ("long", "Python for Data Science and Machine Learning Bootcamp", None),
        ("z2", "Learn to code", "en"),
        ("short", "Python for Data Science", "en"),
        ("mid", "Intro: Python, for data science", "en"),
    ]
    assert rank_hits("python for data science", hits) == ["short", "long", "mid", "z1", "z2"]


def test_an_english_query_puts_courses_in_other_languages_last() -> None:
    hits: list[tuple[str, str, str | None]] = [
        ("fr", "Google Data Analytics", "fr"),
        ("de", "Google Data Analytics (DE)", "de"),
        ("en", "Google Data Analytics Professional Certificate", "en"),
        ("other", "Data analytics with Google Sheets", None),
    ]
    assert rank_hits("google data analytics", hits) == ["en", "other", "fr", "de"]
    # a query with accents is not read as English: the title order stands
    es: list[tuple[str, str, str | None]] = [
        ("en", "Data Analysis in Excel", "en"),
        ("es", "Análisis de datos", "es"),
    ]
    assert rank_hits("análisis de datos", es) == ["es", "en"]


def test_relaxed_drops_filler_words_only() -> None:
    assert relaxed("SQL for beginners") == "sql"
    assert relaxed("pandas tutorial") == "pandas"
    assert relaxed("machine learning for beginners") == "machine learning"
    assert relaxed("deep learning") == ""  # nothing dropped: no second search
    assert relaxed("for beginners") == ""  # nothing left


def test_a_misspelt_query_is_corrected_from_the_vocabulary() -> None:
    vocabulary = {"machine": 40, "learning": 60, "python": 30, "pandas": 9, "panda": 1, "r": 5}
    assert corrected_query("machne lerning", vocabulary) == "machine learning"
    assert corrected_query("Pyhton for data", vocabulary) == "python for data"
    assert corrected_query("pandsa", vocabulary) == "pandas"  # the closer word
    # a title's own typo is not the spelling to keep when a close word is far more common
    assert corrected_query("deep lerning", {**vocabulary, "lerning": 1}) == "deep learning"
    # nothing to correct, too short to guess, or nothing near enough: None
    assert corrected_query("machine learning", vocabulary) is None
    assert corrected_query("rr", vocabulary) is None
    assert corrected_query("quokka", vocabulary) is None
    # a language spelt as a word is never another one ('F#' is not 'C#')
    assert corrected_query("f#", {"csharp": 40}) is None
