from __future__ import annotations

from coursestack.engine.search_rank import (
    EXACT,
    OTHER,
    PREFIX,
    WORDS,
    rank_hits,
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
    hits = [
        ("z1", "Deep Learning for Python Developers"),
        ("long", "Python for Data Science and Machine Learning Bootcamp"),
        ("z2", "Learn to code"),
        ("short", "Python for Data Science"),
        ("mid", "Intro: Python, for data science"),
    ]
    assert rank_hits("python for data science", hits) == ["short", "long", "mid", "z1", "z2"]
