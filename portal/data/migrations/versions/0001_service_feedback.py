"""Service feedback

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

import portal.data.database

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", portal.data.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("locale", sa.String(length=10), nullable=False),
        sa.Column("satisfaction", sa.String(length=20), nullable=False),
        sa.Column("improvement", sa.Text(), nullable=True),
        sa.Column("from_path", sa.String(length=300), nullable=True),
        sa.CheckConstraint(
            "satisfaction IN ('very-satisfied', 'satisfied', 'neither', 'dissatisfied', 'very-dissatisfied')",
            name=op.f("ck_service_feedback_satisfaction_code"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_feedback")),
    )
    with op.batch_alter_table("service_feedback", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_feedback_created_at"), ["created_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("service_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_feedback_created_at"))

    op.drop_table("service_feedback")
