"""Reader for the detailed Coursera dump (course_title, course_organization, course_time,
course_skills as a stringified list, course_summary bullets, course_description, ...).

Ratings are on Coursera's 5-point scale with review counts like '1.9k'; enrollments like
'6,706'. The dump states no prices, so price stays unknown."""

from __future__ import annotations

from coursestack.domain import Effort
from coursestack.ingest.common import (
    certificate_from_provider,
    field,
    guarded,
    kind_from_url,
    parse_kind,
    popularity,
    rating,
)
from coursestack.ingest.csvio import dict_rows
from coursestack.ingest.draft import Draft
from coursestack.ingest.fields import (
    clean,
    effort_from_range,
    parse_count,
    parse_duration_range,
    parse_level,
    parse_list,
    parse_rating,
    repair_url,
    stated_instruction_hours,
)
from coursestack.ingest.rows import CourseText, ParsedRow, ReadStream

FORMAT = "coursera-detailed"


def read(text: str, source: str, header_line: int = 1) -> ReadStream:
    _, rows = dict_rows(text, header_line)
    where = f"coursera via {source}"

    def parse(line: int, row: dict[str, str]) -> ParsedRow:
        d = Draft(source, line, "coursera")
        d.set("title", clean(row["course_title"]))
        provider = clean(row["course_organization"])
        d.set("provider", provider)
        url = field("course_url", repair_url, row["course_url"])
        d.set("url", url)
        kind_text = clean(row["course_certificate_type"])
        if kind_text:
            d.set("kind", field("course_certificate_type", parse_kind, kind_text))
        elif (by_url := kind_from_url(url)) is not None:
            d.set("kind", by_url[0], by_url[1])
        span = field("course_time", parse_duration_range, row["course_time"])
        if span is not None:
            effort, rule = effort_from_range(span, clean(row["course_time"]) or "")
            d.set("effort", effort, rule)
        difficulty = clean(row["course_difficulty"])
        d.set("level", field("course_difficulty", parse_level, row["course_difficulty"]))
        value = field("course_rating", parse_rating, row["course_rating"])
        count = field("course_reviews_num", parse_count, row["course_reviews_num"])
        d.set("external_rating", rating(value, count, where))
        enrolled = field("course_students_enrolled", parse_count, row["course_students_enrolled"])
        d.set("popularity", popularity(enrolled, where))
        cert = certificate_from_provider(provider)
        if cert:
            d.set("certificate", cert[0], cert[1])
        description = clean(row["course_description"])
        d.set("description", description)
        stated = stated_instruction_hours(description)
        if stated is not None:
            # the program's own count of its hours beats a calendar bucket's midpoint. Read
            # as a schedule-like figure (the pace model's background share applies): read as
            # video time only, Google's Advanced Data Analytics (200 h) came out longer for an
            # experienced learner than the longer Data Analytics certificate (260 h listed)
            weeks = d.data["effort"].weeks if "effort" in d.data else None
            effort = Effort(hours=stated[0], weeks=weeks, text=f"{stated[1]} (description)")
            d.set("effort", effort, f"rule:description-states-hours('{stated[1]}')->{stated[0]:g}h")
        course = d.build(require_host="coursera.org")
        bullets = parse_list(row["course_summary"])
        return ParsedRow(
            course,
            CourseText(
                title=course.title,
                description=description or "",
                skills=tuple(parse_list(row["course_skills"])),
                outcomes=tuple(bullets),
            ),
            difficulty=difficulty,
        )

    return guarded(source, rows, parse)
