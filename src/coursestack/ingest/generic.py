"""The documented generic format, for catalogs that match no known dump.

CSV (header on the first line), a JSON list of objects (or {"courses": [...]}), or JSON
Lines. Only `title` is required; every other column is optional and unknown columns are
ignored. Columns (see docs/ingest.md):

  title, url, provider, platform (slug; default 'other'), kind, level, language,
  description, syllabus, skills (list or 'a, b; c'), prerequisites,
  hours (total), weeks, hours_per_week ('3-5' or '3–5 hours per week'),
  price ('49', '$49 USD', 'Free'), currency (ISO code), price_model
  (free | free-audit | subscription | one-time), certificate,
  rating, rating_scale (default 5), rating_count, rating_source,
  enrollments, enrollments_source
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from coursestack.domain import (
    CertificateKind,
    Effort,
    ExternalRating,
    ImportFailedError,
    Price,
    PriceModel,
)
from coursestack.ingest.common import field, guarded, kind_from_url, parse_kind, popularity
from coursestack.ingest.csvio import dict_rows
from coursestack.ingest.draft import Draft
from coursestack.ingest.fields import (
    FieldError,
    clean,
    language_code,
    parse_count,
    parse_hours_per_week,
    parse_level,
    parse_list,
    parse_price_text,
    parse_rating,
    repair_url,
    slugify,
)
from coursestack.ingest.rows import CourseText, ParsedRow, ReadStream

FORMAT = "generic"
COLUMNS = (
    "title",
    "url",
    "provider",
    "platform",
    "kind",
    "level",
    "language",
    "description",
    "syllabus",
    "skills",
    "prerequisites",
    "hours",
    "weeks",
    "hours_per_week",
    "price",
    "currency",
    "price_model",
    "certificate",
    "rating",
    "rating_scale",
    "rating_count",
    "rating_source",
    "enrollments",
    "enrollments_source",
)


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _float(name: str, value: str) -> float | None:
    text = clean(value)
    if text is None:
        return None
    try:
        number = float(text)
    except ValueError as err:
        raise FieldError(f"{name}: not a number: {text!r}") from err
    if number < 0:
        raise FieldError(f"{name}: negative: {text!r}")
    return number


def _hpw(value: str) -> tuple[float, float] | None:
    text = clean(value)
    if text is None:
        return None
    if not any(c.isalpha() for c in text):
        text += " hours per week"
    return parse_hours_per_week(text)


def _price(row: dict[str, Any]) -> Price | None:
    price = parse_price_text(_text(row, "price"))
    model_text = clean(_text(row, "price_model"))
    currency = clean(_text(row, "currency"))
    if price is None and model_text is None:
        return None
    price = price or Price()
    updates: dict[str, Any] = {}
    if model_text is not None:
        try:
            updates["model"] = PriceModel(model_text.lower())
        except ValueError as err:
            raise FieldError(f"price_model: unknown {model_text!r}") from err
    if currency is not None:
        updates["currency"] = currency.upper()
    return price.model_copy(update=updates)


def parse_item(source: str, line: int, row: dict[str, Any], unit: str = "line") -> ParsedRow:
    platform = slugify(_text(row, "platform")) or "other"
    d = Draft(source, line, platform, unit)
    d.set("title", clean(_text(row, "title")))
    d.set("provider", clean(_text(row, "provider")))
    url = field("url", repair_url, _text(row, "url"))
    d.set("url", url)
    kind_text = clean(_text(row, "kind"))
    if kind_text:
        d.set("kind", field("kind", parse_kind, kind_text))
    elif (by_url := kind_from_url(url)) is not None:
        d.set("kind", by_url[0], by_url[1])
    d.set("level", field("level", parse_level, _text(row, "level")))
    d.set("language", language_code(_text(row, "language")))
    d.set("description", clean(_text(row, "description")))
    hours = _float("hours", _text(row, "hours"))
    weeks = _float("weeks", _text(row, "weeks"))
    hpw = field("hours_per_week", _hpw, _text(row, "hours_per_week"))
    if hours is not None or weeks is not None or hpw is not None:
        d.set(
            "effort",
            Effort(
                hours=hours,
                weeks=weeks,
                hours_per_week_low=hpw[0] if hpw else None,
                hours_per_week_high=hpw[1] if hpw else None,
            ),
        )
    d.set("price", _price(row))
    cert = clean(_text(row, "certificate"))
    if cert:
        try:
            d.set("certificate", CertificateKind(cert.lower()))
        except ValueError as err:
            raise FieldError(f"certificate: unknown {cert!r}") from err
    scale = _float("rating_scale", _text(row, "rating_scale")) or 5.0
    value = field("rating", lambda v: parse_rating(v, scale), _text(row, "rating"))
    if value is not None:
        count = field("rating_count", parse_count, _text(row, "rating_count"))
        d.set(
            "external_rating",
            ExternalRating(
                value=value,
                scale=scale,
                count=count,
                source=clean(_text(row, "rating_source")) or f"{platform} via {source}",
            ),
        )
    enrolled = field("enrollments", parse_count, _text(row, "enrollments"))
    d.set(
        "popularity",
        popularity(enrolled, clean(_text(row, "enrollments_source")) or f"{platform} via {source}"),
    )
    course = d.build()
    return ParsedRow(
        course,
        CourseText(
            title=course.title,
            description=course.description or "",
            syllabus=clean(_text(row, "syllabus")) or "",
            skills=tuple(
                parse_list(
                    row.get("skills")
                    if isinstance(row.get("skills"), str)
                    else _text(row, "skills")
                )
            ),
            prerequisites=clean(_text(row, "prerequisites")) or "",
        ),
        difficulty=clean(_text(row, "level")),
    )


def _json_items(text: str, source: str, lines: bool) -> Iterator[tuple[int, dict[str, Any]]]:
    if lines:
        for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                item = json.loads(raw)
            except json.JSONDecodeError as err:
                raise ImportFailedError(f"{source}:{number}: not JSON: {err.msg}") from err
            yield number, item if isinstance(item, dict) else {"title": ""}
        return
    try:
        doc = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as err:
        raise ImportFailedError(f"{source}: not JSON: {err}") from err
    items = doc.get("courses") if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        raise ImportFailedError(f"{source}: expected a list of courses")
    for number, item in enumerate(items, start=1):
        yield number, item if isinstance(item, dict) else {"title": ""}


def read(text: str, source: str, header_line: int = 1) -> ReadStream:
    """Generic CSV (header_line >= 1) or JSON (header_line 0)."""
    if header_line == 0:
        return read_json(text, source)
    _, rows = dict_rows(text, header_line)
    return guarded(source, rows, lambda line, row: parse_item(source, line, row))


def read_json(text: str, source: str, header_line: int = 0) -> ReadStream:
    items = _json_items(text, source, lines=False)
    return guarded(source, items, lambda n, row: parse_item(source, n, row, "item"), unit="item")


def read_jsonl(text: str, source: str, header_line: int = 0) -> ReadStream:
    items = _json_items(text, source, lines=True)
    return guarded(source, items, lambda n, row: parse_item(source, n, row))
