"""Reviews record the API token that wrote them, so the hourly write limit counts per token
(keyed on the free-text reviewer name, one token could write under any number of names).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("reviews", "review_history"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("written_by", sa.String(120), nullable=True))
            batch.create_index(f"ix_{table}_written_by", ["written_by"])


def downgrade() -> None:
    for table in ("reviews", "review_history"):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_written_by")
            batch.drop_column("written_by")
