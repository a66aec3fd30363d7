"""Import service on the hand-written fixtures (and on the shared dumps when present)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from coursestack.domain import ImportFailedError
from coursestack.services import advise
from coursestack.services.imports import export_catalog, import_catalog
from coursestack.store.courses import CourseRepository
from coursestack.store.db import Database
from coursestack.store.meta import MetaRepository

FIXTURES = Path(__file__).resolve().parents[1] / "ingest" / "fixtures"
CSV_FIXTURES = sorted(FIXTURES.glob("*.csv"))


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, object]] = []

    def start(self, name: str, total: int) -> None:
        self.events.append(("start", name))

    def update(self, done: int) -> None:
        self.events.append(("update", done))

    def finish(self) -> None:
        self.events.append(("finish", None))


def test_import_counts_rejects_and_idempotent_reimport(empty_db: Database, tmp_path: Path) -> None:
    progress = Recorder()
    rejects = tmp_path / "rejects.csv"
    summary = import_catalog(empty_db, CSV_FIXTURES, progress=progress, rejects_path=rejects)
    totals = summary.to_json()
    assert totals["files"] == len(CSV_FIXTURES)
    assert totals["rejected"] == 7
    assert totals["read"] == totals["imported"] + totals["merged"] + totals["rejected"]
    assert totals["rejects_file"] == str(rejects)
    rows = list(csv.DictReader(rejects.open(encoding="utf-8")))
    assert len(rows) == 7 and {"file", "line", "reason", "unit"} <= set(rows[0])
    assert ("start", "coursera_detailed.csv") in progress.events
    with empty_db.session() as session:
        repo = CourseRepository(session)
        count = repo.count()
        merged = repo.get("coursera-learn-practical-regression-models")
    assert count == totals["imported"]
    assert merged is not None
    assert merged.sources == ["coursera_detailed.csv", "coursera_votes.csv"]
    assert merged.external_rating is not None and merged.external_rating.count == 1200
    again = import_catalog(empty_db, CSV_FIXTURES, rejects_path=tmp_path / "r2.csv").to_json()
    assert (again["imported"], again["updated"], again["merged"]) == (0, 0, 0)
    with empty_db.session() as session:
        assert CourseRepository(session).count() == count


def test_unreadable_file_is_reported_and_others_still_import(
    empty_db: Database, tmp_path: Path
) -> None:
    junk = tmp_path / "junk.csv"
    junk.write_text("a,b\n1,2\n")
    summary = import_catalog(
        empty_db, [junk, FIXTURES / "udemy_courses.csv"], rejects_path=tmp_path / "r.csv"
    )
    assert summary.files[0].error and "no known header" in summary.files[0].error
    assert summary.files[1].imported == 2
    with pytest.raises(ImportFailedError):
        import_catalog(empty_db, [junk])


def test_failed_write_rolls_back_the_whole_file(
    empty_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The failure comes after the rows are written, inside the same transaction.
    def flaky(self: MetaRepository, key: str) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr(MetaRepository, "bump", flaky)
    with pytest.raises(ImportFailedError, match="disk full"):
        import_catalog(empty_db, [FIXTURES / "udemy_courses.csv"], rejects_path=tmp_path / "r.csv")
    with empty_db.session() as session:
        assert CourseRepository(session).count() == 0  # nothing half-written


def test_export_round_trips_through_import(sqlite_db: Database, tmp_path: Path) -> None:
    import_catalog(sqlite_db, [FIXTURES / "coursera_detailed.csv"], rejects_path=tmp_path / "r.csv")
    out = tmp_path / "export.json"
    count = export_catalog(sqlite_db, out)
    with sqlite_db.session() as session:
        before = {c.id: c for c in CourseRepository(session).all()}
    assert count == len(before)
    fresh = Database(f"sqlite:///{tmp_path / 'fresh.db'}")
    fresh.migrate()
    summary = import_catalog(fresh, [out]).to_json()
    assert summary["imported"] == count and summary["rejected"] == 0
    with fresh.session() as session:
        after = {c.id: c for c in CourseRepository(session).all()}
    assert after == before
    again = import_catalog(fresh, [out]).to_json()
    assert (again["imported"], again["updated"]) == (0, 0)
    fresh.dispose()


def test_imported_courses_work_with_fit_and_gaps(sqlite_db: Database, tmp_path: Path) -> None:
    import_catalog(sqlite_db, [FIXTURES / "coursera_detailed.csv"], rejects_path=tmp_path / "r.csv")
    learner = {"skills": {"prog.python": 2}, "goal": "ml-engineer", "hours_per_week": 6}
    verdict = advise.fit(sqlite_db, "coursera-learn-practical-regression-models", learner)
    assert verdict["course_id"] == "coursera-learn-practical-regression-models"
    audit = advise.gap_audit(
        sqlite_db, learner, after=["coursera-learn-practical-regression-models"]
    )
    assert audit["after"] == ["coursera-learn-practical-regression-models"]


@pytest.mark.shared
@pytest.mark.slow
def test_all_six_shared_dumps_import(shared_catalogs: Path, tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'six.db'}")
    db.ensure_ready()
    paths = sorted(shared_catalogs.glob("*.csv"))
    assert len(paths) == 6
    summary = import_catalog(db, paths, rejects_path=tmp_path / "r.csv").to_json()
    assert not any(f["error"] for f in summary["per_file"])
    assert summary["read"] > 8000 and summary["rejected"] < 50
    again = import_catalog(db, paths, rejects_path=tmp_path / "r2.csv").to_json()
    assert (again["imported"], again["updated"]) == (0, 0)
    db.dispose()


def test_fixture_copy_is_independent(tmp_path: Path) -> None:
    # Fixtures are hand-written and tiny: never copies of dump rows.
    for path in CSV_FIXTURES:
        assert sum(1 for _ in path.open(encoding="utf-8")) < 12
    shutil.copy(CSV_FIXTURES[0], tmp_path / "x.csv")


def test_an_edit_a_higher_ranked_source_outweighs_is_reported_not_dropped_silently(
    sqlite_db: Database, tmp_path: Path
) -> None:
    import json

    out = tmp_path / "export.json"
    export_catalog(sqlite_db, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    curated = next(c for c in data["courses"] if "curated" in c.get("sources", []))
    data["courses"] = [{**curated, "title": "My edited title"}]
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    summary = import_catalog(sqlite_db, [edited]).to_json()
    assert (summary["read"], summary["unchanged"], summary["imported"]) == (1, 1, 0)
    kept = summary["per_file"][0]["kept"]
    assert kept == [{"course_id": curated["id"], "fields": ["title"], "sources": ["curated"]}]
    json.dumps(summary)  # the --json summary stays serialisable
