"""API token use cases: create (shown once), verify, revoke."""

from __future__ import annotations

from coursestack.domain import InvalidInputError, NotFoundError
from coursestack.store.db import Database
from coursestack.store.tokens import TokenRepository

MAX_NAME = 120


def create_token(db: Database, name: str) -> tuple[str, str]:
    """(name, token); only the token's SHA-256 hash is stored."""
    label = name.strip()
    if not label or len(label) > MAX_NAME:
        raise InvalidInputError(f"a token name must be 1-{MAX_NAME} characters")
    with db.session() as session:
        return label, TokenRepository(session).create(label)


def verify_token(db: Database, token: str) -> str | None:
    """The token's name when it is valid and not revoked."""
    with db.read_session() as session:
        return TokenRepository(session).verify(token.strip())


def revoke_token(db: Database, name: str) -> int:
    with db.session() as session:
        count = TokenRepository(session).revoke(name.strip())
    if count == 0:
        raise NotFoundError("token", name)
    return count
