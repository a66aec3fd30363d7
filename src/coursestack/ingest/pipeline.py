"""Read one file into tagged courses: decode, sniff, read, tag. No database here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from coursestack.domain import Course
from coursestack.engine.tagging import Tagger, TagInput
from coursestack.ingest.aliases import default_tagger
from coursestack.ingest.formats import open_path
from coursestack.ingest.rows import ParsedRow, RowError


def tag_row(row: ParsedRow, tagger: Tagger) -> Course:
    """The row's course with teaches/assumes inferred, unless its source already knew them."""
    if row.extra.get("tag") == "no":
        return row.course
    text = row.text
    return tagger.apply(
        row.course,
        TagInput(
            title=text.title,
            description=text.description,
            syllabus=text.syllabus,
            skills=text.skills,
            outcomes=text.outcomes,
            prerequisites=text.prerequisites,
            difficulty=row.difficulty,
        ),
    )


def read_courses(
    path: Path, fmt: str | None = None, tagger: Tagger | None = None
) -> tuple[str, Iterator[tuple[int, Course | RowError]]]:
    """(detected format, stream of (line, tagged Course or RowError))."""
    opened = open_path(path, fmt)
    use = tagger or default_tagger()

    def stream() -> Iterator[tuple[int, Course | RowError]]:
        for line, item in opened.stream:
            if isinstance(item, RowError):
                yield line, item
            else:
                yield line, tag_row(item, use)

    return opened.format, stream()
