"""The registry of readers and the one entry point: `read_path(path, fmt=None)`."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coursestack.domain import ImportFailedError
from coursestack.ingest import (
    coursera_detailed,
    coursera_domains,
    coursera_programs,
    coursera_votes,
    edx,
    export_format,
    generic,
    openedx,
    udemy,
)
from coursestack.ingest.csvio import read_text
from coursestack.ingest.rows import ReadStream
from coursestack.ingest.sniff import CSV_SIGNATURES, header_line_for, sniff_text

Reader = Callable[[str, str, int], ReadStream]

READERS: dict[str, Reader] = {
    "coursera-detailed": coursera_detailed.read,
    "coursera-votes": coursera_votes.read,
    "coursera-domains": coursera_domains.read,
    "coursera-programs": coursera_programs.read,
    "edx": edx.read,
    "udemy": udemy.read,
    "generic": generic.read,
    "generic-json": generic.read_json,
    "generic-jsonl": generic.read_jsonl,
    "export": export_format.read,
    "openedx": openedx.read,
}
FORMATS = tuple(READERS)
JSON_FORMATS = {"generic-json", "generic-jsonl", "export", "openedx"}


@dataclass(frozen=True)
class Opened:
    path: Path
    format: str
    stream: ReadStream


def detect(text: str, name: str, fmt: str | None = None) -> tuple[str, int]:
    """(format, header line) for a file's text; `fmt` forces the format."""
    if fmt is None:
        sniffed = sniff_text(text, name)
        found = sniffed.format
        if found == "generic" and sniffed.header_line == 0:
            found = "generic-json"
        return found, sniffed.header_line
    if fmt not in READERS:
        raise ImportFailedError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
    if fmt in JSON_FORMATS:
        return fmt, 0
    if fmt == "generic" and text.lstrip("\ufeff \r\n\t")[:1] in "[{":
        return "generic-json", 0
    if fmt not in CSV_SIGNATURES:
        return fmt, 1
    line = header_line_for(text, fmt)
    header = {h.replace("\ufeff", "").strip() for h in _line(text, line)}
    missing = sorted(CSV_SIGNATURES[fmt] - header)
    if missing:  # its reader would fail on the first row: say so before reading any
        raise ImportFailedError(
            f"not a {fmt} file: its header lacks {', '.join(missing)} "
            f"(try without --format: the format is detected from the header)"
        )
    return fmt, line


def _line(text: str, number: int) -> list[str]:
    """The CSV cells of line `number` (1-based) of `text`."""
    lines = io.StringIO(text.lstrip("\ufeff"), newline="")
    line = ""
    for _ in range(number):
        line = lines.readline()
    return next(csv.reader([line]), [])


def open_path(path: Path, fmt: str | None = None) -> Opened:
    """Decode, detect and start reading one file; ImportFailedError if it cannot be read."""
    text = read_text(path)
    found, header_line = detect(text, path.name, fmt)
    return Opened(path, found, READERS[found](text, path.name, header_line))
