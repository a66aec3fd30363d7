"""Use case: import catalog files into the database, and export the catalog.

Each file is read, tagged and merged in memory first, then written in one transaction: a file
either lands completely or not at all. Rows that cannot become courses are reported (file,
line, reason) in the summary and in a rejects CSV; they are never half-written. Courses merge
with what the database already holds (curated and earlier imports) through
`ingest.merge.CatalogIndex`, so importing the same files again changes nothing.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import text

from coursestack.domain import Course, CoursestackError, ImportFailedError
from coursestack.ingest import export_format
from coursestack.ingest.aliases import default_tagger
from coursestack.ingest.formats import open_path
from coursestack.ingest.merge import SOURCE_RANK, CatalogIndex, MergeEvent
from coursestack.ingest.pipeline import tag_row
from coursestack.ingest.rows import RowError
from coursestack.services.catalog import check_platform
from coursestack.services.files import write_text_file
from coursestack.settings import Settings
from coursestack.store.courses import CourseRepository
from coursestack.store.db import Database
from coursestack.store.tables import CourseRow, CourseSkillRow


class Progress(Protocol):
    """What the import reports while it works (the CLI draws a Rich bar per file)."""

    def start(self, name: str, total: int) -> None: ...
    def update(self, done: int) -> None: ...
    def finish(self) -> None: ...


@dataclass
class FileResult:
    path: str
    format: str | None = None
    read: int = 0  # records read (rows that became courses or rejects)
    imported: int = 0  # new courses written
    updated: int = 0  # courses already in the database that this file changed
    unchanged: int = 0  # rows that changed nothing (e.g. re-import)
    merged: int = 0  # rows that joined a course seen before (other file, row or curated)
    rejected: int = 0
    seconds: float = 0.0
    error: str | None = None  # the file could not be read or written at all
    # rows whose values did not apply: the course's existing source ranks higher (an edited
    # export of a curated course); per row, the course and the fields left as they were
    kept: list[KeptValues] = field(default_factory=list)


@dataclass(frozen=True)
class KeptValues:
    course_id: str
    fields: tuple[str, ...]
    sources: tuple[str, ...]  # the course's sources, the higher-ranked ones among them

    def as_dict(self) -> dict[str, Any]:
        return {"course_id": self.course_id, "fields": list(self.fields),
                "sources": list(self.sources)}  # fmt: skip


# Fields a row states that a reader would notice staying as they were.
KEPT_FIELDS = ("title", "provider", "url", "level", "language", "effort", "price", "certificate")


def kept_values(row: Course, stored: Course) -> KeptValues | None:
    """The fields `row` states differently from the stored course it left unchanged."""
    differ = tuple(
        name
        for name in KEPT_FIELDS
        if getattr(row, name) not in (None, "") and getattr(row, name) != getattr(stored, name)
    )
    if not differ:
        return None
    return KeptValues(stored.id, differ, tuple(stored.sources))


@dataclass
class ImportSummary:
    files: list[FileResult] = field(default_factory=list)
    rejects: list[RowError] = field(default_factory=list)
    rejects_file: str | None = None
    merges: list[MergeEvent] = field(default_factory=list)
    seconds: float = 0.0

    def total(self, name: str) -> int:
        return int(sum(getattr(f, name) for f in self.files))

    def top_reject_reasons(self, limit: int = 5) -> list[tuple[str, int]]:
        """Most common reasons, with the varying part (quoted values) folded."""
        counts: Counter[str] = Counter(_reason_kind(r.reason) for r in self.rejects)
        return counts.most_common(limit)

    def to_json(self) -> dict[str, Any]:
        return {
            "files": len(self.files),
            "read": self.total("read"),
            "imported": self.total("imported"),
            "updated": self.total("updated"),
            "rejected": self.total("rejected"),
            "rejects_file": self.rejects_file,
            "unchanged": self.total("unchanged"),
            "merged": self.total("merged"),
            "seconds": round(self.seconds, 3),
            "per_file": [
                vars(f) | {"seconds": round(f.seconds, 3), "kept": [k.as_dict() for k in f.kept]}
                for f in self.files
            ],
            "top_reject_reasons": [{"reason": r, "count": n} for r, n in self.top_reject_reasons()],
            "merges": len(self.merges),
        }


def _reason_kind(reason: str) -> str:
    out, quote = [], ""
    for ch in reason:
        if quote:
            if ch == quote:
                quote = ""
                out.append("…" + ch)
            continue
        if ch in "'\"":
            quote = ch
        out.append(ch)
    return "".join(out)


def _count_lines(path: Path) -> int:
    try:
        return max(1, path.read_bytes().count(b"\n"))
    except OSError:
        return 1


def default_rejects_path(settings: Settings | None = None) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    base = (settings or Settings.from_env()).data_dir / "rejects"
    return base / f"import-{stamp}.csv"


def write_rejects(rejects: Sequence[RowError], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "unit", "line", "reason"])
        for r in rejects:
            writer.writerow([r.file, r.unit, r.line, r.reason])


def import_catalog(
    db: Database,
    paths: Iterable[Path],
    fmt: str | None = None,
    progress: Progress | None = None,
    rejects_path: Path | None = None,
) -> ImportSummary:
    """Import `paths` (format sniffed per file unless `fmt` is given) into `db`."""
    started = time.perf_counter()
    summary = ImportSummary()
    tagger = default_tagger()
    paths = [Path(p) for p in paths]
    ranks: dict[str, int] = {}
    with db.session() as session:
        existing = CourseRepository(session).all()
    index = CatalogIndex.of(existing, ranks)
    in_db = {c.id for c in existing}

    for path in paths:
        result = FileResult(path=str(path))
        summary.files.append(result)
        file_started = time.perf_counter()
        try:
            opened = open_path(path, fmt)
        except CoursestackError as err:
            result.error = str(err)
            continue
        result.format = opened.format
        ranks[path.name] = SOURCE_RANK.get(opened.format, 2)
        if progress is not None:
            progress.start(path.name, _count_lines(path))
        courses: list[Course] = []
        file_rejects: list[RowError] = []
        try:
            for line, item in opened.stream:
                result.read += 1
                if isinstance(item, RowError):
                    file_rejects.append(item)
                else:
                    courses.append(tag_row(item, tagger))
                if progress is not None and result.read % 200 == 0:
                    progress.update(line)
        except CoursestackError as err:
            result.error = str(err)
            result.read = 0
            if progress is not None:
                progress.finish()
            continue
        snapshot = index.snapshot()
        changed: dict[str, Course] = {}
        events: list[MergeEvent] = []
        for course in courses:
            status, merged, event = index.add(course)
            if status == "unchanged":
                result.unchanged += 1
                kept = kept_values(course, merged)
                if kept is not None:
                    result.kept.append(kept)
                continue
            if status == "merged":
                result.merged += 1
                if event is not None:
                    events.append(event)
            changed[merged.id] = merged
        try:
            with db.session() as session:
                CourseRepository(session).upsert_many(list(changed.values()))
        except Exception as err:  # the whole file is rolled back; say why and go on
            index.restore(snapshot)
            result.error = f"write failed, file not imported: {err}"
            result.unchanged = result.merged = 0
            if progress is not None:
                progress.finish()
            continue
        result.imported = sum(1 for cid in changed if cid not in in_db)
        result.updated = len(changed) - result.imported
        in_db.update(changed)
        result.rejected = len(file_rejects)
        summary.rejects.extend(file_rejects)
        summary.merges.extend(events)
        result.seconds = time.perf_counter() - file_started
        if progress is not None:
            progress.update(_count_lines(path))
            progress.finish()

    if any(f.imported or f.updated for f in summary.files):
        refresh_statistics(db)
    if summary.rejects:
        target = rejects_path or default_rejects_path()
        write_rejects(summary.rejects, target)
        summary.rejects_file = str(target)
    summary.seconds = time.perf_counter() - started
    if paths and all(f.error for f in summary.files):
        raise ImportFailedError("; ".join(file_error(f.path, f.error) for f in summary.files))
    return summary


def file_error(path: str, error: str | None) -> str:
    """'PATH: what went wrong', naming the file once (readers' messages may start with it)."""
    text = error or ""
    name = Path(path).name
    for named in (f"{path}: ", f"{name}: "):
        if text.startswith(named):
            text = text[len(named) :]
    return f"{path}: {text}"


def refresh_statistics(db: Database) -> None:
    """ANALYZE after a bulk write, so the query planner sees the new row counts at once
    (PostgreSQL's autovacuum does it later: until then catalog reads on a freshly imported
    catalog ran at less than half their speed; SQLite's planner needs no statistics here)."""
    if db.dialect == "postgresql":
        with db.session() as session:
            for table in (CourseRow.__tablename__, CourseSkillRow.__tablename__):
                session.execute(text(f"ANALYZE {table}"))


def export_catalog(db: Database, path: Path, platform: str | None = None) -> int:
    """Write the catalog (or one platform's courses) as a coursestack export; the count."""
    with db.session() as session:
        check_platform(session, platform)
        courses = CourseRepository(session).all()
    if platform:
        courses = [c for c in courses if c.platform == platform]
    write_text_file(path, export_format.dumps(courses))  # a mistyped directory is an error
    return len(courses)
