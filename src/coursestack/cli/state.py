"""Lazily opened resources shared by the commands of one CLI run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coursestack.cli.lazy import lazy

if TYPE_CHECKING:
    from coursestack.services import catalog
    from coursestack.store.db import Database
else:
    catalog = lazy("coursestack.services.catalog")

_db: Database | None = None


def database() -> Database:
    global _db
    if _db is None:
        _db = catalog.open_database()
    return _db


def reset() -> None:
    """Forget the opened database (tests switch COURSESTACK_DATABASE_URL between runs)."""
    global _db
    if _db is not None:
        _db.dispose()
    _db = None
