"""A submission is a work item: status, assignee, version, priority rank, routing decisions,
append-only events, and the journey definition it was made with

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

import portal.data.database

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

JSON_DOCUMENT = sa.JSON().with_variant(JSONB(), "postgresql")
NEVER_CHANGED = "submission_event rows are never changed"


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "journey_definition",
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("journey_id", sa.String(length=60), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("definition", JSON_DOCUMENT, nullable=False),
        sa.Column("first_used_at", portal.data.database.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("hash", name=op.f("pk_journey_definition")),
    )
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.add_column(sa.Column("definition_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("priority_rank", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("status", sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column("assignee", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_submission_definition_hash_journey_definition"),
            "journey_definition",
            ["definition_hash"],
            ["hash"],
        )
    # Submissions sent before this were all new and unassigned (there was no workspace); the
    # rank follows forms/routing.yaml's priorities, most urgent first.
    op.execute(
        "UPDATE submission SET status = 'new', version = 1, priority_rank = CASE priority "
        "WHEN 'urgent' THEN 1 WHEN 'high' THEN 2 ELSE 3 END"
    )
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.alter_column("priority_rank", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("status", existing_type=sa.String(length=30), nullable=False)
        batch_op.alter_column("version", existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(
            "ix_submission_queue_status_rank_due", ["queue", "status", "priority_rank", "due_at"]
        )
        batch_op.create_index("ix_submission_locality_status", ["locality", "status"])
        batch_op.create_index("ix_submission_assignee_status", ["assignee", "status"])
        batch_op.create_index("ix_submission_status_queue", ["status", "queue"])
    if postgres:
        for column in ("answers", "routing"):
            op.alter_column(
                "submission",
                column,
                type_=JSONB(),
                existing_type=sa.JSON(),
                postgresql_using=f"{column}::jsonb",
            )

    op.create_table(
        "routing_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("decided_at", portal.data.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("queue", sa.String(length=60), nullable=True),
        sa.Column("priority", sa.String(length=20), nullable=False),
        sa.Column("due_at", portal.data.database.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decision", JSON_DOCUMENT, nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submission.id"],
            name=op.f("fk_routing_decision_submission_id_submission"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routing_decision")),
    )
    op.create_index(
        op.f("ix_routing_decision_submission_id"), "routing_decision", ["submission_id"]
    )
    op.create_table(
        "submission_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("at", portal.data.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("from_value", sa.String(length=200), nullable=True),
        sa.Column("to_value", sa.String(length=200), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submission.id"],
            name=op.f("fk_submission_event_submission_id_submission"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_event")),
    )
    op.create_index(
        op.f("ix_submission_event_submission_id"), "submission_event", ["submission_id"]
    )
    # Every submission so far: its first decision, and the event of its sending.
    op.execute(
        "INSERT INTO routing_decision (submission_id, decided_at, decided_by, queue, priority, "
        "due_at, decision) SELECT id, submitted_at, 'routing', queue, priority, due_at, routing "
        "FROM submission"
    )
    op.execute(
        "INSERT INTO submission_event (submission_id, at, actor, kind, to_value) "
        "SELECT id, submitted_at, channel, 'submitted', queue FROM submission"
    )
    # The history is append-only, enforced by the database rather than by good manners.
    if postgres:
        op.execute(
            "CREATE FUNCTION submission_event_never_changed() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{NEVER_CHANGED}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER submission_event_append_only BEFORE UPDATE ON submission_event "
            "FOR EACH ROW EXECUTE FUNCTION submission_event_never_changed()"
        )
    else:
        op.execute(
            "CREATE TRIGGER submission_event_append_only BEFORE UPDATE ON submission_event "
            f"BEGIN SELECT RAISE(ABORT, '{NEVER_CHANGED}'); END"
        )


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.execute(
        "DROP TRIGGER IF EXISTS submission_event_append_only"
        + (" ON submission_event" if postgres else "")
    )
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS submission_event_never_changed()")
    op.drop_index(op.f("ix_submission_event_submission_id"), table_name="submission_event")
    op.drop_table("submission_event")
    op.drop_index(op.f("ix_routing_decision_submission_id"), table_name="routing_decision")
    op.drop_table("routing_decision")
    if postgres:
        for column in ("answers", "routing"):
            op.alter_column(
                "submission",
                column,
                type_=sa.JSON(),
                existing_type=JSONB(),
                postgresql_using=f"{column}::json",
            )
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_index("ix_submission_status_queue")
        batch_op.drop_index("ix_submission_assignee_status")
        batch_op.drop_index("ix_submission_locality_status")
        batch_op.drop_index("ix_submission_queue_status_rank_due")
        batch_op.drop_constraint(
            batch_op.f("fk_submission_definition_hash_journey_definition"), type_="foreignkey"
        )
        batch_op.drop_column("version")
        batch_op.drop_column("assignee")
        batch_op.drop_column("status")
        batch_op.drop_column("priority_rank")
        batch_op.drop_column("definition_hash")
    op.drop_table("journey_definition")
