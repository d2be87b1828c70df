"""Drafts record who created them, submissions who sent them (nobody, for a resident)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every draft and submission so far was a resident's, so nobody (NULL) is right for them.
    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.add_column(sa.Column("created_by", sa.String(length=100), nullable=True))
        batch_op.create_index(batch_op.f("ix_draft_created_by"), ["created_by"], unique=False)
    # Not a batch (which copies the table on SQLite): other tables' foreign keys point at
    # submission, so SQLite could not drop the old copy; both engines add and drop a column.
    op.add_column("submission", sa.Column("submitted_by", sa.String(length=100), nullable=True))


def downgrade() -> None:
    op.drop_column("submission", "submitted_by")
    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_draft_created_by"))
        batch_op.drop_column("created_by")
