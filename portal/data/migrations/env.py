"""Alembic environment: the URL comes from alembic_config(), the schema from portal.data.models."""

from alembic import context

from portal.data.database import make_engine
from portal.data.migrate import is_modelled
from portal.data.models import Base

config = context.config


def run_migrations() -> None:
    url = config.get_main_option("sqlalchemy.url")
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(url)
    with engine.connect() as connection:
        # render_as_batch lets SQLite alter tables the way PostgreSQL can.
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,
            compare_type=True,
            include_name=is_modelled,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
