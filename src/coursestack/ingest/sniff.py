"""Which reader a file needs, decided from its header (or its JSON shape), never its name."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from coursestack.domain import ImportFailedError

# Columns that identify each dump; a header must hold all of them.
CSV_SIGNATURES: dict[str, frozenset[str]] = {
    "coursera-detailed": frozenset(
        {
            "course_title",
            "course_organization",
            "course_certificate_type",
            "course_time",
            "course_url",
            "course_skills",
        }
    ),
    "coursera-votes": frozenset({"name", "num_votes", "institution", "course_id", "course_url"}),
    "coursera-domains": frozenset({"course_title", "domain", "sub_domain", "paid_free", "url"}),
    "coursera-programs": frozenset({"title", "link", "organization", "skills", "difficulty"}),
    "edx": frozenset(
        {
            "title",
            "n_enrolled",
            "course_type",
            "institution",
            "course_effort",
            "course_length",
            "course_url",
        }
    ),
    "udemy": frozenset(
        {"course_id", "course_title", "url", "is_paid", "num_subscribers", "content_duration"}
    ),
    "generic": frozenset({"title"}),  # the documented generic format; checked last
}
EXPORT_MARKER = "coursestack-export"
HEADER_SEARCH_LINES = 5  # a junk line or two may precede the header


@dataclass(frozen=True)
class Sniffed:
    format: str
    header_line: int = 1  # 1-based; 0 for JSON formats


def _csv_format(header: list[str]) -> str | None:
    names = {h.replace("\ufeff", "").strip() for h in header}
    for fmt, needed in CSV_SIGNATURES.items():
        if needed <= names:
            return fmt
    return None


def _json_format(doc: Any) -> str | None:
    if isinstance(doc, dict):
        if doc.get("format") == EXPORT_MARKER:
            return "export"
        items = doc.get("results", doc.get("courses"))
    else:
        items = doc
    if not isinstance(items, list):
        return None
    first = next((i for i in items if isinstance(i, dict)), None)
    if first is None:
        return "generic" if isinstance(doc, list) else None
    if "course_runs" in first or ("key" in first and "short_description" in first):
        return "openedx"
    if "title" in first:
        return "generic"
    return None


def sniff_text(text: str, name: str = "input") -> Sniffed:
    """Format of a file's decoded text; ImportFailedError naming what was seen otherwise."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped[:1] in "[{":
        try:
            doc = json.loads(stripped)
        except json.JSONDecodeError:
            first_line = stripped.split("\n", 1)[0]
            try:
                json.loads(first_line)
            except json.JSONDecodeError as err:
                raise ImportFailedError(f"{name}: looks like JSON but is not: {err}") from err
            return Sniffed("generic-jsonl", 0)
        fmt = _json_format(doc)
        if fmt is None:
            raise ImportFailedError(
                f"{name}: JSON of unknown shape (expected a list of courses with 'title', "
                f"an Open edX 'results' list, or a coursestack export)"
            )
        return Sniffed(fmt, 0)
    lines = io.StringIO(stripped, newline="")
    seen: list[str] = []
    for number in range(1, HEADER_SEARCH_LINES + 1):
        line = lines.readline()
        if not line:
            break
        header = next(csv.reader([line]), [])
        seen.append(",".join(header)[:80])
        fmt = _csv_format(header)
        if fmt is not None:
            return Sniffed(fmt, number + _leading_lines(text))
    raise ImportFailedError(
        f"{name}: no known header in the first {HEADER_SEARCH_LINES} lines "
        f"(first line: {seen[0] if seen else '<empty>'!r}); use --format"
    )


def _leading_lines(text: str) -> int:
    """Blank lines removed by the lstrip above, so header_line counts from the file's top."""
    head = text[: len(text) - len(text.lstrip("\ufeff \t\r\n"))]
    return head.count("\n")


def header_line_for(text: str, fmt: str) -> int:
    """The header line of a CSV forced to `fmt` (via --format): the first of the opening lines
    that holds the format's columns, else line 1."""
    needed = CSV_SIGNATURES.get(fmt, frozenset())
    lines = io.StringIO(text.lstrip("\ufeff"), newline="")
    for number in range(1, HEADER_SEARCH_LINES + 1):
        line = lines.readline()
        if not line:
            break
        names = {h.strip() for h in next(csv.reader([line]), [])}
        if needed and needed <= names:
            return number
    return 1
