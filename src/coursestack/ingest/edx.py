"""Reader for the edX dump (title, summary, n_enrolled, course_type, institution, ...,
course_effort '2–3 hours per week', course_length '7 Weeks', price 'FREE-Add a Verified
Certificate for $49 USD', course_description, course_syllabus, course_url).

The dump was written with multi-line cells unquoted, so one course often spans several CSV
records: a *head* record (its course_type is a pacing value) followed by *continuation*
records holding the rest of the syllabus split at commas, the last of which ends with the
course URL. The reader stitches them back: continuation cells are re-joined with ', ' into
the syllabus, and an edX URL ending a continuation becomes the open course's URL. A
continuation with no head before it is reported as a rejected fragment."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field as dc_field

from coursestack.domain import Effort
from coursestack.ingest.common import certificate_from_provider, field, guarded, popularity
from coursestack.ingest.csvio import dict_rows
from coursestack.ingest.draft import Draft
from coursestack.ingest.fields import (
    clean,
    language_code,
    parse_count,
    parse_hours_per_week,
    parse_level,
    parse_price_text,
    parse_weeks,
    repair_url,
)
from coursestack.ingest.rows import CourseText, ParsedRow, ReadStream, RowRejected

FORMAT = "edx"
PACING = {"Self-paced on your time", "Instructor-led on a course schedule"}
_EDX_URL_RE = re.compile(r"^https?://(www\.)?edx\.org/\S+$", re.IGNORECASE)
_META = ("_extra", "_cells")


@dataclass
class _Record:
    line: int
    row: dict[str, str]
    more: list[str] = dc_field(default_factory=list)  # continuation text
    url: str | None = None
    fragment: bool = False


def _cells(row: dict[str, str]) -> list[str]:
    cells = [v for k, v in row.items() if k not in _META]
    if row.get("_extra"):
        cells.append(row["_extra"])
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


def _records(rows: Iterator[tuple[int, dict[str, str]]]) -> Iterator[tuple[int, _Record]]:
    current: _Record | None = None
    for line, row in rows:
        if row.get("course_type", "").strip() in PACING:
            if current is not None:
                yield current.line, current
            current = _Record(line, row)
            if clean(row.get("course_url")):
                yield current.line, current
                current = None
            continue
        cells = _cells(row)
        last = cells[-1].strip() if cells else ""
        ends_with_url = bool(_EDX_URL_RE.match(last))
        if current is None:
            yield line, _Record(line, row, fragment=True)
            continue
        current.more.append(", ".join(c.strip() for c in (cells[:-1] if ends_with_url else cells)))
        if ends_with_url:
            current.url = last
            yield current.line, current
            current = None
    if current is not None:
        yield current.line, current


def read(text: str, source: str, header_line: int = 1) -> ReadStream:
    _, rows = dict_rows(text, header_line)
    where = f"edx via {source}"

    def parse(line: int, rec: _Record) -> ParsedRow:
        row = rec.row
        if rec.fragment:
            raise RowRejected(
                "fragment of a broken multi-line cell with no course before it "
                f"(starts {(clean(row.get('title')) or '')[:40]!r})"
            )
        d = Draft(source, line, "edx")
        d.set("title", clean(row["title"]))
        provider = clean(row["institution"])
        d.set("provider", provider)
        url = field("course_url", repair_url, rec.url or row["course_url"])
        d.set("url", url, None if rec.url is None else f"{d.where} (stitched continuation)")
        d.set("level", field("Level", parse_level, row["Level"]))
        hpw = field("course_effort", parse_hours_per_week, row["course_effort"])
        weeks = field("course_length", parse_weeks, row["course_length"])
        if hpw is not None or weeks is not None:
            wording = ", ".join(
                t for t in (clean(row["course_length"]), clean(row["course_effort"])) if t
            )
            d.set(
                "effort",
                Effort(
                    weeks=weeks,
                    hours_per_week_low=hpw[0] if hpw else None,
                    hours_per_week_high=hpw[1] if hpw else None,
                    text=wording,
                ),
            )
        d.set("price", field("price", parse_price_text, row["price"]))
        d.set("language", language_code(row["language"]))
        enrolled = field("n_enrolled", parse_count, row["n_enrolled"])
        d.set("popularity", popularity(enrolled, where))
        cert = certificate_from_provider(provider)
        if cert:
            d.set("certificate", cert[0], cert[1])
        summary = clean(row["summary"]) or ""
        description = clean(row["course_description"]) or ""
        d.set("description", " ".join(t for t in (summary, description) if t) or None)
        course = d.build(require_host="edx.org")
        syllabus = "\n".join([clean(row["course_syllabus"]) or "", *rec.more]).strip()
        return ParsedRow(
            course,
            CourseText(
                title=course.title,
                description=f"{summary} {description}".strip(),
                syllabus=syllabus,
                topics=tuple(t for t in (clean(row["subject"]),) if t),
            ),
            difficulty=clean(row["Level"]),
        )

    return guarded(source, _records(rows), parse)
