"""The database: engine, sessions, migrations and first-use seeding, on SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from coursestack import knowledge
from coursestack.domain import CoursestackError, InvalidInputError
from coursestack.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000  # concurrent writers wait rather than fail


DIALECTS = ("sqlite", "postgresql")


class DatabaseError(CoursestackError):
    pass


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


READONLY = "coursestack_readonly"  # execution option of read-only sessions


def _sqlite_begin(conn: Any) -> None:
    # pysqlite's own transaction handling is off (see below). Writers take the write lock up
    # front so that two of them never deadlock upgrading shared locks; readers take none and
    # never queue behind a writer (WAL).
    if conn.get_execution_options().get(READONLY):
        conn.exec_driver_sql("BEGIN DEFERRED")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """One engine per URL; `session()` is a unit of work (commit on success, else rollback)."""

    def __init__(self, url: str, *, create_directory: bool = False) -> None:
        """`create_directory`: make a SQLite file's missing directory (the default data
        directory); otherwise a missing one is an error, as a mistyped path would otherwise
        start a new, nearly empty catalog without a word."""
        try:
            parsed = make_url(url)
        except ArgumentError as err:
            raise InvalidInputError(f"bad database URL {url!r}: {err}") from err
        self.url = url
        self.dialect = parsed.get_backend_name()
        if self.dialect not in DIALECTS:
            raise InvalidInputError(
                f"unsupported database {self.dialect!r} in {self.safe_url()}; use "
                "sqlite:///PATH or postgresql+psycopg://USER@HOST/NAME"
            )
        kwargs: dict[str, Any] = {}
        if self.dialect == "sqlite":
            database = parsed.database or ""
            if database in ("", ":memory:"):
                kwargs["poolclass"] = StaticPool
            else:
                folder = Path(database).expanduser().parent
                if create_directory:
                    folder.mkdir(parents=True, exist_ok=True)
                elif not folder.is_dir():
                    raise InvalidInputError(
                        f"no directory {folder} for the database {database}: create it, or "
                        "fix the path in COURSESTACK_DATABASE_URL"
                    )
            kwargs["connect_args"] = {"check_same_thread": False, "isolation_level": None}
        else:
            kwargs["pool_pre_ping"] = True
        try:
            self.engine: Engine = create_engine(url, **kwargs)
        except ImportError as err:  # a driver not installed: postgresql+psycopg2, say
            raise InvalidInputError(
                f"no driver for {self.safe_url()} ({err.name or err}); use "
                "postgresql+psycopg:// (installed) or sqlite:///PATH"
            ) from err
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(
            self.engine.execution_options(**{READONLY: True}), expire_on_commit=False
        )

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Database:
        settings = settings or Settings.from_env()
        default = settings.database_url == settings.default_database_url()
        return cls(settings.database_url, create_directory=default)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A session for reads only: on SQLite it takes no write lock; nothing is committed."""
        with self._read_sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    def migrate(self) -> None:
        """Bring the schema to the newest revision (idempotent; a no-op check when current)."""
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        head = ScriptDirectory.from_config(cfg).get_current_head()
        try:
            with self.engine.connect() as conn:
                if MigrationContext.configure(conn).get_current_revision() == head:
                    return
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except SQLAlchemyDatabaseError as err:  # unreachable, or a file that is no database
            raise DatabaseError(f"cannot open database {self.safe_url()}: {err.orig}") from err

    def is_migrated(self) -> bool:
        try:
            return inspect(self.engine).has_table("meta")
        except SQLAlchemyDatabaseError as err:
            raise DatabaseError(f"cannot open database {self.safe_url()}: {err.orig}") from err

    def ensure_ready(self) -> bool:
        """Migrate, and load the built-in catalog when it is new or changed. True if seeded."""
        self.migrate()
        from coursestack.store.courses import CourseRepository  # avoid an import cycle
        from coursestack.store.meta import MetaRepository

        fingerprint = curated_fingerprint()
        with self.session() as session:
            meta = MetaRepository(session)
            if meta.get("curated_fingerprint") == fingerprint:
                return False
            repo = CourseRepository(session)
            repo.upsert_many(knowledge.curated_catalog(), merge_existing=True)
            meta.set("curated_fingerprint", fingerprint)
            return True

    def safe_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


def curated_fingerprint() -> str:
    """Changes whenever the shipped catalog, skills or roles change."""
    return knowledge.catalog_fingerprint()
