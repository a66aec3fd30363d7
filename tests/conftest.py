"""Shared fixtures: a fresh database per test on SQLite (always) and PostgreSQL (when
COURSESTACK_TEST_POSTGRES_URL is set), the CLI run in-process, the shared dumps folder."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text

from coursestack.cli import main as cli_main
from coursestack.store.db import Database

# No per-example deadline: the suite runs on two shared cores beside other work, and a slow
# example under load is not a failure (timings are measured in benchmarks/, never asserted).
settings.register_profile("coursestack", deadline=None)
settings.load_profile("coursestack")

POSTGRES_URL = os.environ.get("COURSESTACK_TEST_POSTGRES_URL")
SHARED_CATALOGS = Path(__file__).resolve().parents[2] / "shared" / "data" / "catalogs"
BACKENDS = ["sqlite", *(["postgresql"] if POSTGRES_URL else [])]


@pytest.fixture(scope="session")
def seeded_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the built-in catalog, made once and copied per test."""
    path = tmp_path_factory.mktemp("template") / "seeded.db"
    db = Database(f"sqlite:///{path}")
    db.ensure_ready()
    db.dispose()  # the last connection to close checkpoints the WAL into the file
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    if not POSTGRES_URL:
        pytest.skip("COURSESTACK_TEST_POSTGRES_URL is not set")
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in POSTGRES_URL else "?"
    yield f"{POSTGRES_URL}{sep}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def _database(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Database:
    if backend == "sqlite":
        return Database(f"sqlite:///{tmp_path / 'test.db'}")
    url: str = request.getfixturevalue("pg_schema_url")
    return Database(url)


@pytest.fixture(params=BACKENDS)
def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty database on each backend."""
    db = _database(request.param, tmp_path, request)
    db.migrate()
    yield db
    db.dispose()


@pytest.fixture(params=BACKENDS)
def seeded_db(
    request: pytest.FixtureRequest, tmp_path: Path, seeded_sqlite_template: Path
) -> Iterator[Database]:
    """A database holding the built-in catalog, on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "seeded.db"
        shutil.copy(seeded_sqlite_template, path)
        db = Database(f"sqlite:///{path}")
    else:
        db = _database(request.param, tmp_path, request)
    db.ensure_ready()
    yield db
    db.dispose()


@pytest.fixture
def sqlite_db(tmp_path: Path, seeded_sqlite_template: Path) -> Iterator[Database]:
    """SQLite only, seeded: for tests whose subject is not the storage backend."""
    path = tmp_path / "seeded.db"
    shutil.copy(seeded_sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    yield db
    db.dispose()


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], sqlite_db: Database
) -> object:
    """Run `coursestack ARGS` in-process against a seeded SQLite database."""
    monkeypatch.setenv("COURSESTACK_DATABASE_URL", sqlite_db.url)
    monkeypatch.setenv("COLUMNS", "200")

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        code = cli_main.run(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def shared_catalogs() -> Path:
    if not SHARED_CATALOGS.is_dir():
        pytest.skip(f"shared catalog dumps not found at {SHARED_CATALOGS} (fresh clone)")
    return SHARED_CATALOGS
