"""Lazily opened resources shared by the commands of one CLI run."""

from __future__ import annotations

from coursestack.services.catalog import open_database
from coursestack.store.db import Database

_db: Database | None = None


def database() -> Database:
    global _db
    if _db is None:
        _db = open_database()
    return _db


def reset() -> None:
    """Forget the opened database (tests switch COURSESTACK_DATABASE_URL between runs)."""
    global _db
    if _db is not None:
        _db.dispose()
    _db = None
