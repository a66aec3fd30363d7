"""API tokens, stored as SHA-256 hashes only (the token itself is shown once, at creation)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from coursestack.store.tables import ApiTokenRow

TOKEN_PREFIX = "cs_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class TokenRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def create(self, name: str) -> str:
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.session.add(
            ApiTokenRow(
                name=name,
                token_hash=hash_token(token),
                created_at=datetime.now(UTC).replace(tzinfo=None),
                revoked=False,
            )
        )
        self.session.flush()
        return token

    def verify(self, token: str) -> str | None:
        """The token's name when it is valid and not revoked, else None."""
        digest = hash_token(token)
        row = self.session.scalars(
            select(ApiTokenRow).where(ApiTokenRow.token_hash == digest)
        ).first()
        if row is None or row.revoked or not hmac.compare_digest(row.token_hash, digest):
            return None
        return row.name

    def revoke(self, name: str) -> int:
        rows = list(self.session.scalars(select(ApiTokenRow).where(ApiTokenRow.name == name)))
        for row in rows:
            row.revoked = True
        return len(rows)
