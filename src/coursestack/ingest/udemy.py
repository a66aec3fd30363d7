"""Reader for the Udemy dump (a junk first line, then course_id, course_title, url,
is_paid, price, num_subscribers, num_reviews, num_lectures, level, content_duration,
published_timestamp, subject).

`content_duration` is hours of video, kept as listed hours with that said in effort.text.
Prices carry no currency in the dump, so currency stays None. The dump has review counts
but no rating values, so no external rating is recorded."""

from __future__ import annotations

from coursestack.domain import Effort, Price, PriceModel
from coursestack.ingest.common import field, guarded, popularity
from coursestack.ingest.csvio import dict_rows
from coursestack.ingest.draft import Draft
from coursestack.ingest.fields import (
    FieldError,
    clean,
    parse_amount,
    parse_bool,
    parse_count,
    parse_level,
    repair_url,
)
from coursestack.ingest.rows import CourseText, ParsedRow, ReadStream

FORMAT = "udemy"


def _hours(value: str) -> float | None:
    text = clean(value)
    if text is None:
        return None
    try:
        hours = float(text.lower().replace("hours", "").replace("hour", "").strip())
    except ValueError as err:
        raise FieldError(f"not a number of hours: {text!r}") from err
    if hours < 0:
        raise FieldError(f"negative duration {text!r}")
    return hours


def read(text: str, source: str, header_line: int = 2) -> ReadStream:
    _, rows = dict_rows(text, header_line)
    where = f"udemy via {source}"

    def parse(line: int, row: dict[str, str]) -> ParsedRow:
        d = Draft(source, line, "udemy")
        d.set("title", clean(row["course_title"]))
        d.set("url", field("url", repair_url, row["url"]))
        d.set("level", field("level", parse_level, row["level"]))
        paid = field("is_paid", parse_bool, row["is_paid"])
        amount = field("price", parse_amount, row["price"]) if paid else None
        if paid is False:
            d.set("price", Price(model=PriceModel.FREE, amount=0.0, text="free"))
        elif paid is True:
            d.set(
                "price",
                Price(
                    model=PriceModel.ONE_TIME,
                    amount=amount[0] if amount else None,
                    currency=amount[1] if amount else None,
                    text=f"{clean(row['price'])} (currency not stated)",
                ),
            )
        hours = field("content_duration", _hours, row["content_duration"])
        if hours is not None:
            d.set(
                "effort",
                Effort(hours=hours, text=f"{hours:g} hour{'' if hours == 1 else 's'} of video"),
                f"{d.where} (content_duration: video hours)",
            )
        subscribers = field("num_subscribers", parse_count, row["num_subscribers"])
        d.set("popularity", popularity(subscribers, where))
        course = d.build(require_host="udemy.com")
        topics = tuple(t for t in (clean(row["subject"]),) if t)
        return ParsedRow(
            course, CourseText(title=course.title, topics=topics), difficulty=clean(row["level"])
        )

    return guarded(source, rows, parse)
