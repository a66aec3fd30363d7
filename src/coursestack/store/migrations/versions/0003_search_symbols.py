"""Search text spells C++, C# and .NET as words (domain.search_terms): every course's
search_text (and, on SQLite, its full-text row) is rebuilt from its stored data.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from coursestack.domain import Course
from coursestack.store.courses import search_text

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, data, search_text FROM courses")).all()
    changed = [
        {"id": cid, "body": body}
        for cid, data, old in rows
        if (body := search_text(Course.model_validate_json(data))) != old
    ]
    if not changed:
        return
    bind.execute(sa.text("UPDATE courses SET search_text = :body WHERE id = :id"), changed)
    if bind.dialect.name == "sqlite":
        bind.execute(sa.text("DELETE FROM courses_fts WHERE course_id = :id"), changed)
        bind.execute(
            sa.text("INSERT INTO courses_fts (course_id, body) VALUES (:id, :body)"), changed
        )


def downgrade() -> None:
    """The symbol words stay: they only add search terms."""
