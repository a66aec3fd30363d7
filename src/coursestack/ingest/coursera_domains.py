"""Reader for the Coursera domains dump (course_title, domain, sub_domain, level, duration,
paid_free, price, url).

Prices are stated without a currency (values such as '3052.76' look like a local currency),
so they are kept with currency None and price model None (Coursera sells both subscriptions
and one-off purchases; the dump does not say which). `duration` is a bare number whose unit
the dump does not state: kept as text only, never converted."""

from __future__ import annotations

from coursestack.domain import Effort, Price, PriceModel
from coursestack.ingest.common import field, guarded, kind_from_url
from coursestack.ingest.csvio import dict_rows
from coursestack.ingest.draft import Draft
from coursestack.ingest.fields import FieldError, clean, parse_amount, parse_level, repair_url
from coursestack.ingest.rows import CourseText, ParsedRow, ReadStream

FORMAT = "coursera-domains"


def _price(paid_free: str | None, price: str | None) -> Price | None:
    if paid_free is None and price is None:
        return None
    if paid_free is not None and paid_free.lower() == "free":
        return Price(model=PriceModel.FREE, amount=0.0, text="Free")
    if paid_free is not None and paid_free.lower() != "paid":
        raise FieldError(f"paid_free: expected Paid or Free, got {paid_free!r}")
    parsed = field("price", parse_amount, price or "")
    if parsed is None:
        return Price(text=paid_free)
    amount, currency = parsed
    return Price(amount=amount, currency=currency, text=f"{price} (currency not stated)")


def read(text: str, source: str, header_line: int = 1) -> ReadStream:
    _, rows = dict_rows(text, header_line)

    def parse(line: int, row: dict[str, str]) -> ParsedRow:
        d = Draft(source, line, "coursera")
        d.set("title", clean(row["course_title"]))
        url = field("url", repair_url, row["url"])
        d.set("url", url)
        by_url = kind_from_url(url)
        if by_url:
            d.set("kind", by_url[0], by_url[1])
        d.set("level", field("level", parse_level, row["level"]))
        d.set("price", _price(clean(row["paid_free"]), clean(row["price"])))
        duration = clean(row["duration"])
        if duration:
            d.set("effort", Effort(text=duration), f"{d.where} (unit not stated; not converted)")
        course = d.build(require_host="coursera.org")
        topics = tuple(t for t in (clean(row["domain"]), clean(row["sub_domain"])) if t)
        return ParsedRow(
            course, CourseText(title=course.title, topics=topics), difficulty=clean(row["level"])
        )

    return guarded(source, rows, parse)
