"""Field parsers: examples from the dumps, and properties (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursestack.domain import PriceModel
from coursestack.domain.languages import english_name
from coursestack.ingest.fields import (
    FieldError,
    canonical_url,
    clean,
    course_id_from_title,
    course_id_from_url,
    effort_from_range,
    language_code,
    normalise_title,
    parse_amount,
    parse_bool,
    parse_count,
    parse_duration_range,
    parse_hours_per_week,
    parse_level,
    parse_list,
    parse_price_text,
    parse_rating,
    parse_weeks,
    repair_url,
    slugify,
    stated_instruction_hours,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("49.4k", 49400),
        ("1,242,947", 1242947),
        ("2k", 2000),
        ("1.2M", 1_200_000),
        ("12", 12),
        ("", None),
        ("NA", None),
        (" 7 ", 7),
    ],
)
def test_parse_count_examples(text: str, expected: int | None) -> None:
    assert parse_count(text) == expected


@given(st.integers(min_value=0, max_value=10**9))
def test_parse_count_reads_thousands_separators(n: int) -> None:
    assert parse_count(f"{n:,}") == n
    assert parse_count(str(n)) == n


@given(st.integers(min_value=0, max_value=999_999))
def test_parse_count_k_suffix(n: int) -> None:
    assert parse_count(f"{n / 10:.1f}k") == round(n / 10 * 1000)


@given(st.text(alphabet="abcxyz!?", min_size=1))
def test_parse_count_rejects_words(text: str) -> None:
    with pytest.raises(FieldError):
        parse_count(text)


@given(st.floats(min_value=0, max_value=5, allow_nan=False))
def test_parse_rating_in_scale(value: float) -> None:
    assert parse_rating(repr(value)) == pytest.approx(value)


@pytest.mark.parametrize("text", ["5.1", "-1", "seven", "inf"])
def test_parse_rating_rejects_out_of_scale(text: str) -> None:
    with pytest.raises(FieldError):
        parse_rating(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("['SQL', 'Python']", ["SQL", "Python"]),
        ("[]", []),
        ("SQL, Python, sql", ["SQL", "Python"]),
        ("['a', 'b'", ["a", "b"]),
        ("", []),
    ],
)
def test_parse_list_examples(text: str, expected: list[str]) -> None:
    assert parse_list(text) == expected


@given(
    st.lists(st.text(alphabet="abcdefgh XYZ", min_size=1).map(str.strip).filter(bool), max_size=8)
)
def test_parse_list_round_trips_python_lists(items: list[str]) -> None:
    unique = list(dict.fromkeys(i for i in items))
    deduped = [
        i for n, i in enumerate(unique) if i.casefold() not in {u.casefold() for u in unique[:n]}
    ]
    assert parse_list(repr(items)) == deduped


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "bound"),
    [
        ("1 - 4 Weeks", 1, 4, "weeks", False),
        ("3 - 6 Months", 3, 6, "months", False),
        ("Less Than 2 Hours", 0, 2, "hours", True),
        ("7 Weeks", 7, 7, "weeks", False),
        ("2–3 hours", 2, 3, "hours", False),
    ],
)
def test_parse_duration_range(text: str, low: float, high: float, unit: str, bound: bool) -> None:
    rng = parse_duration_range(text)
    assert rng is not None
    assert (rng.low, rng.high, rng.unit, rng.upper_bound_only) == (low, high, unit, bound)


def test_effort_from_months_range_is_midpoint_in_weeks_with_rule() -> None:
    rng = parse_duration_range("3 - 6 Months")
    assert rng is not None
    effort, rule = effort_from_range(rng, "3 - 6 Months")
    assert effort.weeks == pytest.approx(19.5)
    assert effort.hours is None and effort.total_hours() is None
    assert effort.text == "3 - 6 Months"
    assert rule.startswith("rule:duration-midpoint(3 - 6 Months)")


def test_effort_less_than_hours_is_upper_bound() -> None:
    rng = parse_duration_range("Less Than 2 Hours")
    assert rng is not None
    effort, rule = effort_from_range(rng, "Less Than 2 Hours")
    assert effort.hours == 2 and "upper-bound" in rule


@given(st.integers(1, 40), st.integers(0, 40))
def test_hours_per_week_en_dash_range(low: int, extra: int) -> None:
    assert parse_hours_per_week(f"{low}–{low + extra} hours per week") == (low, low + extra)


def test_hours_per_week_rejects_backwards_and_junk() -> None:
    with pytest.raises(FieldError):
        parse_hours_per_week("5–2 hours per week")
    with pytest.raises(FieldError):
        parse_hours_per_week("a while")


def test_parse_weeks() -> None:
    assert parse_weeks("7 Weeks") == 7
    with pytest.raises(FieldError):
        parse_weeks("1 - 4 Weeks")


def test_edx_free_audit_price() -> None:
    price = parse_price_text("FREE-Add a Verified Certificate for $49 USD")
    assert price is not None
    assert price.model == PriceModel.FREE_AUDIT
    assert (price.amount, price.currency, price.certificate_amount) == (0.0, "USD", 49.0)


def test_price_without_currency_stays_unknown() -> None:
    price = parse_price_text("3052.76")
    assert price is not None
    assert price.amount == 3052.76 and price.currency is None and price.model is None


@given(st.decimals(min_value=0, max_value=10_000, places=2))
def test_parse_amount_never_invents_a_currency(amount: object) -> None:
    parsed = parse_amount(str(amount))
    assert parsed is not None and parsed[1] is None
    assert parsed[0] == pytest.approx(float(str(amount)))


def test_dollar_sign_alone_is_not_usd() -> None:
    assert parse_amount("$49") == (49.0, None)
    assert parse_amount("$49 USD") == (49.0, "USD")
    assert parse_amount("€20") == (20.0, "EUR")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https: /  / www.coursera.org / learn / x", "https://www.coursera.org/learn/x"),
        (
            "https://www.coursera.org,learn,python-data",
            "https://www.coursera.org/learn/python-data",
        ),
        ("", None),
    ],
)
def test_repair_url(text: str, expected: str | None) -> None:
    assert repair_url(text) == expected


@pytest.mark.parametrize("text", ["Semana 1. Entorno de trabajo", "not a url", "ftp//x"])
def test_repair_url_rejects_text(text: str) -> None:
    with pytest.raises(FieldError):
        repair_url(text)


slug = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=60)


@given(slug, slug)
def test_course_id_from_url_is_deterministic_and_valid(a: str, b: str) -> None:
    canon = canonical_url(f"https://www.coursera.org/{a}/{b}")
    assert canon is not None
    first, second = course_id_from_url(canon), course_id_from_url(canon)
    assert first == second
    assert first.startswith("coursera")
    assert len(first) <= 100


def test_course_id_from_url_example() -> None:
    assert course_id_from_url("coursera.org/learn/machine-learning") == (
        "coursera-learn-machine-learning"
    )


@given(st.text(min_size=1, max_size=300))
def test_course_id_from_title_is_a_slug(title: str) -> None:
    cid = course_id_from_title("edx", "Some Uni", title)
    assert cid and len(cid) <= 100
    assert slugify(cid) == cid


def test_clean_levels_languages_bools() -> None:
    assert clean("  NA ") is None and clean("#NAME?") is None and clean("x\xa0") == "x"
    assert parse_level("Introductory").value == "beginner"  # type: ignore[union-attr]
    assert parse_level("All Levels").value == "mixed"  # type: ignore[union-attr]
    with pytest.raises(FieldError):
        parse_level("Wizard")
    assert language_code("Español") == "es" and language_code("Klingon") is None
    assert language_code("xx") is None and language_code("pt-BR") == "pt-br"  # ISO 639-1 only
    # one table (domain.languages) for the readers, the language guesser and the guide
    assert language_code("Nederlands") == "nl" and language_code("Korean") == "ko"
    assert english_name("pt-br") == "Portuguese" and english_name("xx") is None
    assert parse_bool("TRUE") is True and parse_bool("FALSE") is False


@given(st.text(max_size=80))
def test_normalise_title_is_idempotent(title: str) -> None:
    once = normalise_title(title)
    assert normalise_title(once) == once


def test_normalise_title_ignores_case_and_punctuation() -> None:
    assert normalise_title("Data Science: R & Python!") == normalise_title(
        "data science r and python"
    )


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("This program includes over 180 hours of instruction and hundreds of assessments", 180),
        ("Este programa incluye más de 140 horas de instrucción y cientos de evaluaciones", 140),
        ("Este programa inclui mais de 200 horas de aula e centenas de atividades", 200),
        ("Avec ses 100 heures de formation en gestion de projet, ce programme", 100),
        ("provides more than 70 hours of instructional videos and labs", 70),
        ("We put 3000 hours into designing our challenges", None),
        ("Schedule jobs every 24 hours using Crontab.", None),
        ("", None),
    ],
)
def test_stated_instruction_hours(text: str, hours: float | None) -> None:
    found = stated_instruction_hours(text)
    assert (found[0] if found else None) == hours
