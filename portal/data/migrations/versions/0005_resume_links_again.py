"""Outbox: a saved form's link may be emailed again; still one acknowledgement per submission

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ONE_ACKNOWLEDGEMENT = "purpose = 'acknowledgement'"


def upgrade() -> None:
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_constraint("one_message_per_purpose", type_="unique")
    op.create_index(
        "uq_outbox_message_one_acknowledgement",
        "outbox_message",
        ["reference"],
        unique=True,
        sqlite_where=sa.text(ONE_ACKNOWLEDGEMENT),
        postgresql_where=sa.text(ONE_ACKNOWLEDGEMENT),
    )


def downgrade() -> None:
    op.drop_index("uq_outbox_message_one_acknowledgement", table_name="outbox_message")
    # The old constraint allows one message per purpose: keep only each form's newest link.
    op.execute(
        "DELETE FROM outbox_message WHERE purpose = 'resume-link' AND id NOT IN "
        "(SELECT MAX(id) FROM outbox_message WHERE purpose = 'resume-link' GROUP BY reference)"
    )
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.create_unique_constraint("one_message_per_purpose", ["reference", "purpose"])
