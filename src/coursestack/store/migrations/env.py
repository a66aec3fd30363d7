"""Alembic environment: runs on the connection the Database object hands over."""

from __future__ import annotations

from alembic import context

from coursestack.store.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - we always run migrations programmatically
    raise RuntimeError("run migrations through coursestack.store.db.Database.migrate()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
