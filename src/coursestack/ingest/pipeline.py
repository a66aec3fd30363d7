"""Read one file into tagged courses: decode, sniff, read, tag. No database here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from coursestack.domain import Course
from coursestack.engine.tagging import Tagger, TagInput
from coursestack.ingest.aliases import default_tagger
from coursestack.ingest.formats import open_path
from coursestack.ingest.language import guess_language
from coursestack.ingest.rows import ParsedRow, RowError


def with_language(row: ParsedRow) -> Course:
    """The row's course with its language inferred from its text when the source states none
    (rules in ingest/language.py), the rule recorded in provenance."""
    course, text = row.course, row.text
    if course.language is not None:
        return course
    body = " ".join(p for p in (text.description, *text.outcomes, text.syllabus) if p)
    guess = guess_language(text.title, body)
    if guess is None:
        return course
    provenance = {**course.provenance, "language": guess.rule}
    return course.model_copy(update={"language": guess.code, "provenance": provenance})


def tag_row(row: ParsedRow, tagger: Tagger) -> Course:
    """The row's course with its language and teaches/assumes inferred, unless its source
    already knew them."""
    if row.extra.get("tag") == "no":
        return row.course
    text = row.text
    return tagger.apply(
        with_language(row),
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
