"""Reader for the Coursera programs-and-skills dump (title, link, organization, rating,
skills as a comma-separated list, difficulty, duration bucket). Ratings come without a
review count, so the count stays None."""

from __future__ import annotations

from coursestack.ingest.common import (
    certificate_from_provider,
    field,
    guarded,
    kind_from_url,
    rating,
)
from coursestack.ingest.csvio import dict_rows
from coursestack.ingest.draft import Draft
from coursestack.ingest.fields import (
    clean,
    effort_from_range,
    parse_duration_range,
    parse_level,
    parse_list,
    parse_rating,
    repair_url,
)
from coursestack.ingest.rows import CourseText, ParsedRow, ReadStream

FORMAT = "coursera-programs"


def read(text: str, source: str, header_line: int = 1) -> ReadStream:
    _, rows = dict_rows(text, header_line)
    where = f"coursera via {source}"

    def parse(line: int, row: dict[str, str]) -> ParsedRow:
        d = Draft(source, line, "coursera")
        d.set("title", clean(row["title"]))
        provider = clean(row["organization"])
        d.set("provider", provider)
        url = field("link", repair_url, row["link"])
        d.set("url", url)
        by_url = kind_from_url(url)
        if by_url:
            d.set("kind", by_url[0], by_url[1])
        d.set("level", field("difficulty", parse_level, row["difficulty"]))
        value = field("rating", parse_rating, row["rating"])
        d.set("external_rating", rating(value, None, where))
        span = field("duration", parse_duration_range, row.get("duration", ""))
        if span is not None:
            effort, rule = effort_from_range(span, clean(row["duration"]) or "")
            d.set("effort", effort, rule)
        cert = certificate_from_provider(provider)
        if cert:
            d.set("certificate", cert[0], cert[1])
        course = d.build(require_host="coursera.org")
        return ParsedRow(
            course,
            CourseText(title=course.title, skills=tuple(parse_list(row["skills"]))),
            difficulty=clean(row["difficulty"]),
        )

    return guarded(source, rows, parse)
