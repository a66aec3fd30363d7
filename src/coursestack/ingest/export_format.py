"""The project's own export: a JSON document that `coursestack export` writes and `import`
reads back unchanged (round trip).

    {"format": "coursestack-export", "version": 1, "courses": [<Course as JSON>, ...]}

Every course keeps its teaches/assumes, provenance and sources, so it is not re-tagged."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from coursestack.domain import Course, ImportFailedError
from coursestack.ingest.rows import CourseText, ParsedRow, ReadStream, RowError
from coursestack.ingest.sniff import EXPORT_MARKER

FORMAT = "export"
VERSION = 1


def dumps(courses: Iterable[Course]) -> str:
    """The export document for `courses` (sorted by id, so exports diff cleanly)."""
    doc = {
        "format": EXPORT_MARKER,
        "version": VERSION,
        "courses": [c.model_dump(mode="json") for c in sorted(courses, key=lambda c: c.id)],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def read(text: str, source: str, header_line: int = 0) -> ReadStream:
    try:
        doc: Any = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as err:
        raise ImportFailedError(f"{source}: not JSON: {err}") from err
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_MARKER:
        raise ImportFailedError(f"{source}: not a coursestack export")
    if doc.get("version") != VERSION:
        raise ImportFailedError(f"{source}: export version {doc.get('version')!r} unsupported")
    items = doc.get("courses")
    if not isinstance(items, list):
        raise ImportFailedError(f"{source}: 'courses' must be a list")
    for number, item in enumerate(items, start=1):
        try:
            course = Course.model_validate(item)
        except ValidationError as err:
            first = err.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            yield number, RowError(source, number, f"{loc}: {first['msg']}", "item")
            continue
        yield number, ParsedRow(course, CourseText(title=course.title), extra={"tag": "no"})
