"""Helpers every reader shares: the row loop that turns parse failures into RowErrors, and
the stated rules that fill kind and certificate from a URL or a provider name."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TypeVar

from coursestack.domain import CertificateKind, CourseKind, ExternalRating, Popularity
from coursestack.ingest.fields import FieldError
from coursestack.ingest.rows import ParsedRow, ReadStream, RowError, RowRejected

T = TypeVar("T")


def guarded(
    source: str,
    items: Iterator[tuple[int, T]],
    parse: Callable[[int, T], ParsedRow | None],
    unit: str = "line",
) -> ReadStream:
    """Run `parse` on every item; a FieldError or RowRejected becomes a RowError naming the
    file, line and reason. `parse` returning None means "nothing to yield" (not an error)."""
    for line, item in items:
        try:
            parsed = parse(line, item)
        except (FieldError, RowRejected) as err:
            yield line, RowError(source, line, str(err), unit)
            continue
        if parsed is not None:
            yield line, parsed


def field(name: str, parse: Callable[[str], T], value: str) -> T:
    """`parse(value)`, with the column name added to any FieldError."""
    try:
        return parse(value)
    except FieldError as err:
        raise FieldError(f"{name}: {err}") from err


_KIND_BY_PATH = (
    ("/professional-certificates/", CourseKind.PROFESSIONAL_CERTIFICATE),
    ("/professional-certificate/", CourseKind.PROFESSIONAL_CERTIFICATE),
    ("/specializations/", CourseKind.SPECIALIZATION),
    ("/projects/", CourseKind.GUIDED_PROJECT),
    ("/micromasters/", CourseKind.PROGRAM),
    ("/xseries/", CourseKind.PROGRAM),
    ("/learn/", CourseKind.COURSE),
    ("/course/", CourseKind.COURSE),
)


def kind_from_url(url: str | None) -> tuple[CourseKind, str] | None:
    """Kind from the URL path ('/specializations/' -> specialization) with its rule."""
    if not url:
        return None
    low = url.lower()
    for marker, kind in _KIND_BY_PATH:
        if marker in low:
            return kind, f"rule:kind-from-url({marker.strip('/')})"
    return None


KIND_NAMES = {
    "course": CourseKind.COURSE,
    "specialization": CourseKind.SPECIALIZATION,
    "professional certificate": CourseKind.PROFESSIONAL_CERTIFICATE,
    "guided project": CourseKind.GUIDED_PROJECT,
    "project": CourseKind.GUIDED_PROJECT,
    "program": CourseKind.PROGRAM,
    "short course": CourseKind.SHORT_COURSE,
    "bootcamp": CourseKind.BOOTCAMP,
    "free course": CourseKind.FREE_COURSE,
}


def parse_kind(value: str) -> CourseKind:
    key = " ".join(value.lower().replace("-", " ").split())
    if key not in KIND_NAMES:
        raise FieldError(f"unknown course kind {value!r}")
    return KIND_NAMES[key]


_UNIVERSITY_RE = re.compile(
    r"\b(universit\w*|college|institut\w*|school|polytechni\w*|école|ecole|escuela|"
    r"MIT|Harvard\w*|Stanford|Berkeley|Yale|Princeton|Caltech|HEC|ETH|EPFL|ESSEC|INSEAD|"
    r"Wharton|Tecnológico|Sorbonne|Academy of|CentraleSupélec|TU Delft|Delft|KU Leuven|"
    r"Sciences Po)\b",
    re.IGNORECASE,
)
_VENDORS = (
    "google",
    "ibm",
    "microsoft",
    "amazon",
    "aws",
    "meta",
    "intuit",
    "salesforce",
    "adobe",
    "autodesk",
    "cisco",
    "oracle",
    "sas",
    "tableau",
    "databricks",
    "snowflake",
    "nvidia",
    "vmware",
    "atlassian",
    "hubspot",
    "linux foundation",
    "red hat",
    "mongodb",
    "unity",
    "deeplearning.ai",
    "akamai",
    "splunk",
    "palo alto",
    "fortinet",
    "isc2",
    "comptia",
)


def certificate_from_provider(provider: str | None) -> tuple[CertificateKind, str] | None:
    """Rule: a university-like provider name -> university-affiliated certificate; a known
    technology vendor -> vendor; anything else -> None (not guessed)."""
    if not provider:
        return None
    if _UNIVERSITY_RE.search(provider):
        return CertificateKind.UNIVERSITY, "rule:certificate-from-provider(university)"
    low = provider.lower()
    if any(re.search(rf"\b{re.escape(v)}\b", low) for v in _VENDORS):
        return CertificateKind.VENDOR, "rule:certificate-from-provider(vendor)"
    return None


def rating(value: float | None, count: int | None, source: str) -> ExternalRating | None:
    """A star rating kept as external evidence; none when no one voted (a 0.0 with 0 votes
    is the absence of a rating, not a bad one)."""
    if value is None or count == 0:
        return None
    return ExternalRating(value=value, scale=5.0, count=count, source=source)


def popularity(count: int | None, source: str) -> Popularity | None:
    return None if count is None else Popularity(enrollments=count, source=source)
