"""What the staff workspace needs: a submission's second queue, outcome, first action, who
reported it, what the council counts, the interpreter it needs; keys for finding earlier forms
about the same person; how far each started form got; accounts' identity provider subject

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

import portal.data.database

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

MOMENT = portal.data.database.UTCDateTime(timezone=True)


# Added one by one, not in a batch: other tables' foreign keys point at submission, so SQLite
# could not drop the batch's old copy (as in migration 0009).
def submission_columns() -> tuple[sa.Column, ...]:
    return (
        sa.Column("second_queue", sa.String(length=60), nullable=True),
        sa.Column("outcome", sa.String(length=60), nullable=True),
        sa.Column("closed_at", MOMENT, nullable=True),
        sa.Column("screened_at", MOMENT, nullable=True),
        sa.Column("reported_by", sa.String(length=40), nullable=True),
        sa.Column("wishes_recorded", sa.Boolean(), nullable=True),
        sa.Column("carer_identified", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("interpreter", sa.String(length=20), nullable=True),
    )


def upgrade() -> None:
    for column in submission_columns():
        op.add_column("submission", column)
    # Submissions sent so far: the second queue is in their routing decision.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "UPDATE submission SET second_queue = routing -> 'second_queue' ->> 'queue' "
            "WHERE routing -> 'second_queue' ->> 'queue' IS NOT NULL"
        )
    else:
        op.execute(
            "UPDATE submission SET second_queue = json_extract(routing, '$.second_queue.queue') "
            "WHERE json_extract(routing, '$.second_queue.queue') IS NOT NULL"
        )
    op.create_index("ix_submission_second_queue_status", "submission", ["second_queue", "status"])
    op.create_index("ix_submission_journey_submitted", "submission", ["journey_id", "submitted_at"])

    op.create_table(
        "submission_match",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submission.id"],
            name=op.f("fk_submission_match_submission_id_submission"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_match")),
    )
    op.create_index("ix_submission_match_kind_digest", "submission_match", ["kind", "digest"])
    op.create_index(
        op.f("ix_submission_match_submission_id"), "submission_match", ["submission_id"]
    )

    op.create_table(
        "form_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("journey_id", sa.String(length=60), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("locale", sa.String(length=10), nullable=False),
        sa.Column("started_at", MOMENT, nullable=False),
        sa.Column("furthest_page", sa.String(length=60), nullable=True),
        sa.Column("furthest_position", sa.Integer(), nullable=False),
        sa.Column("submitted_at", MOMENT, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_progress")),
        sa.UniqueConstraint("reference", name=op.f("uq_form_progress_reference")),
    )
    op.create_index(
        "ix_form_progress_journey_started", "form_progress", ["journey_id", "started_at"]
    )

    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("identity_issuer", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("identity_subject", sa.String(length=255), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_staff_user_identity_issuer"), ["identity_issuer", "identity_subject"]
        )


def downgrade() -> None:
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_staff_user_identity_issuer"), type_="unique")
        batch_op.drop_column("identity_subject")
        batch_op.drop_column("identity_issuer")
    op.drop_index("ix_form_progress_journey_started", table_name="form_progress")
    op.drop_table("form_progress")
    op.drop_index(op.f("ix_submission_match_submission_id"), table_name="submission_match")
    op.drop_index("ix_submission_match_kind_digest", table_name="submission_match")
    op.drop_table("submission_match")
    op.drop_index("ix_submission_journey_submitted", table_name="submission")
    op.drop_index("ix_submission_second_queue_status", table_name="submission")
    for column in reversed(submission_columns()):
        op.drop_column("submission", column.name)
