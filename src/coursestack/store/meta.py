"""Key/value facts about the database itself (catalog version, curated fingerprint)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from coursestack.store.tables import MetaRow


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

    def bump(self, key: str) -> int:
        """Increment a counter; caches compare it to know the catalog changed."""
        value = int(self.get(key) or 0) + 1
        self.set(key, str(value))
        return value
