"""The local services directory (Open Referral UK)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

import portal.data.database

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "directory_organization",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_organization")),
    )
    op.create_table(
        "directory_service",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("organization_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("interpretation_services", sa.Text(), nullable=True),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("last_modified", portal.data.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("imported_at", portal.data.database.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["directory_organization.id"],
            name=op.f("fk_directory_service_organization_id_directory_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_service")),
    )
    with op.batch_alter_table("directory_service", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_directory_service_name"), ["name"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_directory_service_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "directory_service_district",
        sa.Column("service_id", sa.String(length=64), nullable=False),
        sa.Column("district", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["directory_service.id"],
            name=op.f("fk_directory_service_district_service_id_directory_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "service_id", "district", name=op.f("pk_directory_service_district")
        ),
    )
    with op.batch_alter_table("directory_service_district", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_directory_service_district_district"), ["district"], unique=False
        )

    op.create_table(
        "directory_service_language",
        sa.Column("service_id", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["directory_service.id"],
            name=op.f("fk_directory_service_language_service_id_directory_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service_id", "code", name=op.f("pk_directory_service_language")),
    )
    with op.batch_alter_table("directory_service_language", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_directory_service_language_code"), ["code"], unique=False
        )

    op.create_table(
        "directory_service_topic",
        sa.Column("service_id", sa.String(length=64), nullable=False),
        sa.Column("topic", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["directory_service.id"],
            name=op.f("fk_directory_service_topic_service_id_directory_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service_id", "topic", name=op.f("pk_directory_service_topic")),
    )
    with op.batch_alter_table("directory_service_topic", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_directory_service_topic_topic"), ["topic"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("directory_service_topic", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_directory_service_topic_topic"))

    op.drop_table("directory_service_topic")
    with op.batch_alter_table("directory_service_language", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_directory_service_language_code"))

    op.drop_table("directory_service_language")
    with op.batch_alter_table("directory_service_district", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_directory_service_district_district"))

    op.drop_table("directory_service_district")
    with op.batch_alter_table("directory_service", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_directory_service_organization_id"))
        batch_op.drop_index(batch_op.f("ix_directory_service_name"))

    op.drop_table("directory_service")
    op.drop_table("directory_organization")
