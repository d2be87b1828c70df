"""Optional equality monitoring, kept apart from submissions

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

import portal.data.database

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "equality_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("journey_id", sa.String(length=60), nullable=False),
        sa.Column("locale", sa.String(length=10), nullable=False),
        sa.Column("answered_at", portal.data.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equality_response")),
        sa.UniqueConstraint("reference", name=op.f("uq_equality_response_reference")),
    )


def downgrade() -> None:
    op.drop_table("equality_response")
