"""Key/value facts about the database itself (catalog version, curated fingerprint)."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from coursestack.store.tables import MetaRow

_local_writes = 0  # version bumps made by this process (caches here recheck after one)


def local_write_count() -> int:
    return _local_writes


class MetaRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str) -> str | None:
        row = self.session.get(MetaRow, key)
        return row.value if row else None

    def set(self, key: str, value: str) -> None:
        row = self.session.get(MetaRow, key)
        if row is None:
            self.session.add(MetaRow(key=key, value=value))
        else:
            row.value = value

    def bump(self, key: str) -> str:
        """Give a version key a new unique value; caches compare it to know the data changed.
        A fresh token rather than a counter: concurrent writers cannot lose an update."""
        global _local_writes
        value = uuid.uuid4().hex
        self.set(key, value)
        _local_writes += 1
        return value
