"""Advice pages: page feedback, the search index and its state

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

import portal.data.database

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "page_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", portal.data.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("page_id", sa.String(length=200), nullable=False),
        sa.Column("locale", sa.String(length=10), nullable=False),
        sa.Column("useful", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_page_feedback")),
    )
    with op.batch_alter_table("page_feedback", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_page_feedback_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_page_feedback_page_id"), ["page_id"], unique=False)
    op.create_table(
        "search_index_state",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("built_at", portal.data.database.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_search_index_state")),
    )
    # The index itself is engine-specific, so it is not a model (see portal/content/search.py).
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TABLE advice_search ("
            " page_id text NOT NULL, locale text NOT NULL, page_locale text NOT NULL,"
            " title text NOT NULL, keywords text NOT NULL, summary text NOT NULL,"
            " body text NOT NULL,"
            " config text NOT NULL, document tsvector NOT NULL,"
            " PRIMARY KEY (locale, page_id))"
        )
        op.execute("CREATE INDEX ix_advice_search_document ON advice_search USING gin (document)")
    else:
        op.execute(
            "CREATE VIRTUAL TABLE advice_search USING fts5("
            " page_id UNINDEXED, locale UNINDEXED, page_locale UNINDEXED,"
            " title, keywords, summary, body,"
            " tokenize = 'porter unicode61 remove_diacritics 2')"
        )


def downgrade() -> None:
    op.execute("DROP TABLE advice_search")
    op.drop_table("search_index_state")
    with op.batch_alter_table("page_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_page_feedback_page_id"))
        batch_op.drop_index(batch_op.f("ix_page_feedback_created_at"))
    op.drop_table("page_feedback")
