"""Reading delimited dumps as they are: BOMs, a junk line before the header, ragged rows.

Policy: the header line is found by `sniff`; a row shorter than the header is padded with
empty cells; cells past the header (unnamed trailing columns) are kept under the key
`_extra` so a reader can decide what they mean. Line numbers are the physical line where a
record starts, so a multi-line quoted cell still points at the right place."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path

from coursestack.domain import ImportFailedError

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # descriptions run to tens of kB


def read_text(path: Path) -> str:
    """The file decoded: UTF-8 (BOM dropped), else cp1252 as the usual spreadsheet export."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise ImportFailedError(f"cannot read {path}: {err.strerror or err}") from err
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailedError(f"{path.name}: neither UTF-8 nor cp1252 text")


def records(text: str, skip_lines: int = 0) -> Iterator[tuple[int, list[str]]]:
    """(start line, cells) for every record after `skip_lines` lines. Line numbers count
    newlines only, as grep, sed and editors do: a bare carriage return inside a cell (1,037 in
    one Coursera dump) ends a line for the csv module, not for a reader checking a cited
    line."""
    # StringIO with newline='' splits on line ends only, never on the U+2028 and form feeds
    # that descriptions contain.
    lines = io.StringIO(text, newline="").readlines()
    # the newline-counted line each csv line starts on
    ends = accumulate(1 if line.endswith("\n") else 0 for line in lines)
    physical = [1, *(1 + n for n in ends)]
    skip = 0
    while skip < len(lines) and physical[skip] <= skip_lines:
        skip += 1
    reader = csv.reader(iter(lines[skip:]))
    previous_end = skip
    for cells in reader:
        start = previous_end  # index of the record's first csv line
        previous_end = skip + reader.line_num
        yield physical[start], cells


Rows = Iterator[tuple[int, dict[str, str]]]


def dict_rows(text: str, header_line: int) -> tuple[list[str], Rows]:
    """Header (1-based line `header_line`) and (line, {column: cell}) for each data row.
    Blank rows are skipped; unnamed or surplus cells go to `_extra` (joined by ', ')."""
    stream = records(text, skip_lines=header_line - 1)
    try:
        _, header = next(stream)
    except StopIteration as err:
        raise ImportFailedError("the file has no header line") from err
    header = [h.replace("\ufeff", "").strip() for h in header]
    named = [(i, h) for i, h in enumerate(header) if h]

    def rows() -> Rows:
        for line, cells in stream:
            if not any(c.strip() for c in cells):
                continue
            row = {h: (cells[i] if i < len(cells) else "") for i, h in named}
            extra = [c for i, c in enumerate(cells) if (i >= len(header) or not header[i]) and c]
            row["_extra"] = ", ".join(extra)
            row["_cells"] = str(sum(1 for c in cells if c.strip()))
            yield line, row

    return header, rows()
