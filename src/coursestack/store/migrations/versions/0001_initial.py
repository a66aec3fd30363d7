"""Initial schema: courses, course skills, reviews (+ history), API tokens, meta, search.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "courses",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("title_key", sa.String(500), nullable=False, index=True),
        sa.Column("provider", sa.String(300)),
        sa.Column("platform", sa.String(60), nullable=False, index=True),
        sa.Column("url", sa.String(1000)),
        sa.Column("canonical_url", sa.String(1000), index=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("level", sa.String(20)),
        sa.Column("hours", sa.Float),
        sa.Column("price_model", sa.String(20)),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "course_skills",
        sa.Column(
            "course_id",
            sa.String(200),
            sa.ForeignKey("courses.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("skill_id", sa.String(120), primary_key=True),
        sa.Column("relation", sa.String(10), primary_key=True),
        sa.Column("level", sa.Integer, nullable=False),
    )
    op.create_index("ix_course_skills_skill", "course_skills", ["skill_id", "relation"])
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "course_id",
            sa.String(200),
            sa.ForeignKey("courses.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("reviewer", sa.String(120), nullable=False),
        sa.Column("reviewer_role", sa.String(120)),
        sa.Column("years", sa.Float),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("dimensions", sa.Text, nullable=False),
        sa.Column("text", sa.Text),
        sa.Column("review_date", sa.Date, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.UniqueConstraint("course_id", "reviewer", name="uq_review_reviewer"),
    )
    op.create_table(
        "review_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("course_id", sa.String(200), nullable=False, index=True),
        sa.Column("reviewer", sa.String(120), nullable=False),
        sa.Column("reviewer_role", sa.String(120)),
        sa.Column("years", sa.Float),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("dimensions", sa.Text, nullable=False),
        sa.Column("text", sa.Text),
        sa.Column("review_date", sa.Date, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("replaced_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False),
    )
    meta = op.create_table(
        "meta",
        sa.Column("key", sa.String(60), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    # Present from the start, so concurrent first writers update a row instead of racing
    # to insert it.
    op.bulk_insert(
        meta, [{"key": "catalog_version", "value": "0"}, {"key": "reviews_version", "value": "0"}]
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        # Full-text index kept in step with `courses` by the repository (not by triggers, so
        # the same code path maintains it on every backend).
        op.execute(
            "CREATE VIRTUAL TABLE courses_fts USING fts5("
            "course_id UNINDEXED, body, tokenize = 'porter unicode61')"
        )
    elif dialect == "postgresql":
        op.execute(
            "CREATE INDEX ix_courses_search ON courses "
            "USING gin (to_tsvector('english', search_text))"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS courses_fts")
    for table in ("meta", "api_tokens", "review_history", "reviews", "course_skills", "courses"):
        op.drop_table(table)
