"""Writing a user-named output file: whole or not at all, and a clear error when it cannot be."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from coursestack.domain import InvalidInputError


def write_text_file(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same directory, renamed into
    place: a failure part-way leaves no half-written file. A path that cannot be written
    (missing directory, a directory, no permission) is an InvalidInputError, not a
    traceback (a mistyped directory is not created: files would land where nobody looks)."""
    if path.is_dir():
        raise InvalidInputError(f"cannot write {path}: it is a directory")
    if not path.parent.is_dir():
        raise InvalidInputError(f"cannot write {path}: no directory {path.parent}")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
        tmp = None
    except OSError as err:
        raise InvalidInputError(f"cannot write {path}: {err.strerror or err}") from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
