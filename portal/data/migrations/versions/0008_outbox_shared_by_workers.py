"""Outbox: claims by workers, a channel per sender, messages linked to their submission

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

import portal.data.database

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.alter_column(
            "channel", existing_type=sa.String(length=10), type_=sa.String(length=20)
        )
        batch_op.add_column(sa.Column("submission_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=120), nullable=True))
        batch_op.add_column(
            sa.Column("claimed_at", portal.data.database.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_outbox_message_submission_id_submission"),
            "submission",
            ["submission_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(
            batch_op.f("ix_outbox_message_submission_id"), ["submission_id"], unique=False
        )
        # The (status, next_attempt_at) index answers every question the status index did.
        batch_op.drop_index(batch_op.f("ix_outbox_message_status"))
        batch_op.create_index("ix_outbox_message_due", ["status", "next_attempt_at"], unique=False)
    # Messages already queued about a submission: link them by the reference they share. A saved
    # form's link shares its reference too, but it is about the draft, so it stays unlinked.
    op.execute(
        "UPDATE outbox_message SET submission_id = (SELECT submission.id FROM submission "
        "WHERE submission.reference = outbox_message.reference) "
        "WHERE purpose IN ('acknowledgement', 'out-of-hours-alert')"
    )


def downgrade() -> None:
    # The old worker knows nothing of claims: a message being sent goes back to waiting.
    op.execute("UPDATE outbox_message SET status = 'pending' WHERE status = 'sending'")
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_message_due")
        batch_op.create_index(batch_op.f("ix_outbox_message_status"), ["status"], unique=False)
        batch_op.drop_index(batch_op.f("ix_outbox_message_submission_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_outbox_message_submission_id_submission"), type_="foreignkey"
        )
        batch_op.drop_column("claimed_at")
        batch_op.drop_column("claimed_by")
        batch_op.drop_column("submission_id")
        batch_op.alter_column(
            "channel", existing_type=sa.String(length=20), type_=sa.String(length=10)
        )
