"""Reader for Open edX course-discovery JSON (`/api/v1/courses/` or a search dump):
{"results": [course, ...]} or a bare list.

Course fields read: key, title, short_description, full_description, owners /
authoring_organizations [{name}], level_type, prerequisites_raw, skill_names (or skills
[{name}]), subjects [{name}], marketing_url, enrollment_count, syllabus_raw, outcome.
From the first course run that has any (course_runs[]): marketing_url, min_effort and
max_effort (hours per week), weeks_to_complete, effort (free text), content_language,
seats [{type, price, currency}]. Seats decide the price: an audit seat next to a paid one ->
free-audit with the paid seat as the certificate price; paid seats only -> one-time;
audit only -> free. HTML in descriptions is reduced to text."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from coursestack.domain import Effort, ImportFailedError, Price, PriceModel
from coursestack.ingest.common import (
    certificate_from_provider,
    field,
    guarded,
    kind_from_url,
    popularity,
)
from coursestack.ingest.draft import Draft
from coursestack.ingest.fields import (
    FieldError,
    clean,
    language_code,
    parse_level,
    repair_url,
)
from coursestack.ingest.rows import CourseText, ParsedRow, ReadStream

FORMAT = "openedx"
_TAG_RE = re.compile(r"<[^>]+>")
_FREE_SEATS = {"audit", "honor"}


def strip_html(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(html.unescape(_TAG_RE.sub(" ", value)).split())


def _names(items: Any) -> list[str]:
    out: list[str] = []
    for item in items or []:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            out.append(name.strip())
    return out


def _number(name: str, value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as err:
        raise FieldError(f"{name}: not a number: {value!r}") from err
    if number < 0:
        raise FieldError(f"{name}: negative: {value!r}")
    return number


def _price(seats: list[dict[str, Any]]) -> Price | None:
    if not seats:
        return None
    free = [s for s in seats if str(s.get("type", "")).lower() in _FREE_SEATS]
    paid = [s for s in seats if s not in free and (_number("seat price", s.get("price")) or 0) > 0]
    text = ", ".join(
        f"{s.get('type')} {s.get('price')} {s.get('currency') or ''}".strip() for s in seats
    )
    if paid:
        cheapest = min(paid, key=lambda s: float(s["price"]))
        amount = float(cheapest["price"])
        currency = clean(cheapest.get("currency"))
        if free:
            return Price(
                model=PriceModel.FREE_AUDIT,
                amount=0.0,
                currency=currency,
                certificate_amount=amount,
                text=text,
            )
        return Price(model=PriceModel.ONE_TIME, amount=amount, currency=currency, text=text)
    return Price(model=PriceModel.FREE, amount=0.0, text=text)


def _run(course: dict[str, Any]) -> dict[str, Any]:
    runs = [r for r in course.get("course_runs") or [] if isinstance(r, dict)]
    for run in runs:
        if run.get("seats") or run.get("weeks_to_complete") or run.get("min_effort"):
            return run
    return runs[0] if runs else {}


def parse_course(source: str, number: int, item: dict[str, Any]) -> ParsedRow:
    run = _run(item)
    d = Draft(source, number, "edx", unit="item")
    d.set("title", clean(item.get("title")))
    owners = _names(item.get("owners") or item.get("authoring_organizations"))
    provider = owners[0] if owners else None
    d.set("provider", provider)
    raw_url = item.get("marketing_url") or run.get("marketing_url") or ""
    url = field("marketing_url", repair_url, raw_url)
    d.set("url", url)
    by_url = kind_from_url(url)
    if by_url:
        d.set("kind", by_url[0], by_url[1])
    level_text = clean(item.get("level_type") or run.get("level_type"))
    d.set("level", field("level_type", parse_level, level_text or ""))
    low = _number("min_effort", run.get("min_effort"))
    high = _number("max_effort", run.get("max_effort"))
    weeks = _number("weeks_to_complete", run.get("weeks_to_complete"))
    wording = clean(run.get("effort") or item.get("effort"))
    if low is not None or high is not None or weeks is not None or wording:
        d.set(
            "effort",
            Effort(
                weeks=weeks,
                hours_per_week_low=low if low is not None else high,
                hours_per_week_high=high if high is not None else low,
                text=wording or None,
            ),
        )
    d.set("price", _price([s for s in run.get("seats") or [] if isinstance(s, dict)]))
    d.set("language", language_code(run.get("content_language") or item.get("language")))
    enrollments = item.get("enrollment_count")
    if isinstance(enrollments, int) and enrollments >= 0:
        d.set("popularity", popularity(enrollments, f"edx via {source}"))
    cert = certificate_from_provider(provider)
    if cert:
        d.set("certificate", cert[0], cert[1])
    short = strip_html(item.get("short_description"))
    full = strip_html(item.get("full_description"))
    d.set("description", " ".join(t for t in (short, full) if t) or None)
    course = d.build()
    skills = item.get("skill_names") or _names(item.get("skills"))
    return ParsedRow(
        course,
        CourseText(
            title=course.title,
            description=" ".join(t for t in (short, full) if t),
            outcomes=tuple(t for t in (strip_html(item.get("outcome")),) if t),
            syllabus=strip_html(item.get("syllabus_raw")),
            skills=tuple(s for s in skills if isinstance(s, str)),
            topics=tuple(_names(item.get("subjects"))),
            prerequisites=strip_html(item.get("prerequisites_raw")),
        ),
        difficulty=level_text,
    )


def read(text: str, source: str, header_line: int = 0) -> ReadStream:
    try:
        doc = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as err:
        raise ImportFailedError(f"{source}: not JSON: {err}") from err
    items = doc.get("results") if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        raise ImportFailedError(f"{source}: expected a 'results' list of courses")
    numbered = ((n, i if isinstance(i, dict) else {}) for n, i in enumerate(items, start=1))
    return guarded(source, numbered, lambda n, i: parse_course(source, n, i), unit="item")
