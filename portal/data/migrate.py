"""Alembic, driven from the app's own settings so there is one place a database URL comes from."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from portal.data.models import Base

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # ConfigParser treats % as interpolation; a password may contain one.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def revision(url: str, message: str) -> None:
    """Autogenerate the next migration, numbered after the newest (0004, 0005...)."""
    head = head_revision()
    next_id = f"{int(head) + 1:04d}" if head and head.isdigit() else None
    command.revision(alembic_config(url), message=message, autogenerate=True, rev_id=next_id)


def head_revision() -> str | None:
    """The newest migration in the code."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


# Tables made by migrations in an engine's own form (full-text search), not declared as models.
UNMODELLED_TABLES = ("advice_search",)


def is_modelled(name: str | None, type_: str, _parent_names: dict) -> bool:
    """False for the engine-specific search tables (and SQLite's FTS5 shadow tables)."""
    return not (type_ == "table" and name and name.startswith(UNMODELLED_TABLES))


def schema_differences(engine: Engine) -> list:
    """What the models declare that the migrated database does not have (empty when in step)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": is_modelled}
        )
        return compare_metadata(context, Base.metadata)
