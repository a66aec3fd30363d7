"""Reader for the Coursera votes dump (name, rating, num_votes, institution, course_id,
keyword, course_url, start_year, ...).

Its URLs are damaged in places ('https: /  / www.coursera.org / learn / x', commas for
slashes), repaired by `repair_url`; rows whose URL is not a Coursera page (placeholder hosts
such as 'maths.com') are rejected. `start_year` is when the course started, not when it was
updated, so it is not stored as year_updated; `keyword` is a loose topic label."""

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
from coursestack.ingest.fields import clean, parse_count, parse_rating, repair_url
from coursestack.ingest.rows import CourseText, ParsedRow, ReadStream, RowRejected

FORMAT = "coursera-votes"


def read(text: str, source: str, header_line: int = 1) -> ReadStream:
    _, rows = dict_rows(text, header_line)
    where = f"coursera via {source}"

    def parse(line: int, row: dict[str, str]) -> ParsedRow:
        d = Draft(source, line, "coursera")
        d.set("title", clean(row["name"]))
        provider = clean(row["institution"])
        d.set("provider", provider)
        url = field("course_url", repair_url, row["course_url"])
        if url is None:
            raise RowRejected("course_url is missing")
        d.set("url", url)
        by_url = kind_from_url(url)
        if by_url:
            d.set("kind", by_url[0], by_url[1])
        value = field("rating", parse_rating, row["rating"])
        votes = field("num_votes", parse_count, row["num_votes"])
        d.set("external_rating", rating(value, votes, where))
        cert = certificate_from_provider(provider)
        if cert:
            d.set("certificate", cert[0], cert[1])
        course = d.build(require_host="coursera.org")
        keyword = clean(row.get("keyword")) or ""
        topics = tuple(t.strip() for t in keyword.split("/") if t.strip())
        return ParsedRow(course, CourseText(title=course.title, topics=topics))

    return guarded(source, rows, parse)
