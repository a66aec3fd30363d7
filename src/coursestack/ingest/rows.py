"""What a reader yields per record: a parsed course with the text the tagger reads, or an
error that names the file, the line and the reason."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from coursestack.domain import Course


@dataclass(frozen=True)
class RowError:
    """A record that could not become a course. `line` is the 1-based physical line where the
    record starts (for JSON documents: the 1-based item number, with `unit="item"`)."""

    file: str
    line: int
    reason: str
    unit: str = "line"

    def __str__(self) -> str:
        return f"{self.file}:{self.unit} {self.line}: {self.reason}"


@dataclass(frozen=True)
class CourseText:
    """The free text and labels a source gives about what a course covers (tagger input).

    Kept apart from `Course` because syllabi and noisy skill lists are evidence, not fields
    we store."""

    title: str
    description: str = ""
    syllabus: str = ""
    skills: tuple[str, ...] = ()  # the source's own skill labels, noisy
    outcomes: tuple[str, ...] = ()  # what-you-will-learn bullets
    topics: tuple[str, ...] = ()  # subject / domain / keyword labels: weak, not used for teaches
    prerequisites: str = ""  # the source's own prerequisite wording


@dataclass
class ParsedRow:
    course: Course
    text: CourseText
    difficulty: str | None = None  # the source's own level wording, for level rules
    extra: dict[str, str] = field(default_factory=dict)


ReadItem = tuple[int, ParsedRow | RowError]
ReadStream = Iterator[ReadItem]


class RowRejected(ValueError):
    """Raised inside a reader's row parser; the reader turns it into a RowError."""
