"""One SQLAlchemy engine per app, one session per application context, one commit per request.

Services only flush. A request that ends with a response below 500 commits its work once, after
the view (so the rows a service wrote and the event or audit row recording it go together or
not at all); a request that fails rolls everything back when the context ends. A 4xx is a
handled outcome and commits too: a wrong resume code must still count against the draft.
Commands and the outbox worker are not requests: they commit their own transactions.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from flask import Flask, current_app, g
from sqlalchemy import JSON, DateTime, MetaData, Select, create_engine, event, func, select, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

# Stable constraint names keep migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator):
    """A moment in time, stored as UTC and always read back timezone-aware.

    SQLite has no timezone type, so without this a value would come back naive there and aware on
    PostgreSQL, and comparisons would behave differently on the two.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("Store timezone-aware datetimes only.")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# Answers and decisions: jsonb on PostgreSQL (indexable, compared by value, stored parsed),
# plain JSON text on SQLite.
JSONDocument = JSON().with_variant(JSONB(), "postgresql")


def count_up_to(rows: Select, limit: int) -> Select:
    """A statement counting ``rows`` but stopping at ``limit + 1``: "more than ``limit``" costs
    as little as the first rows, however many millions match."""
    return select(func.count()).select_from(rows.limit(limit + 1).subquery())


def utcnow() -> datetime:
    return datetime.now(UTC)


def make_engine(url: str) -> Engine:
    # hide_parameters keeps a resident's answers out of error messages, and so out of the logs.
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 5}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # pool_pre_ping replaces connections the server dropped (a restart, a failover) without
    # showing the user an error; the short connect timeout turns "database down" into a quick 503.
    return create_engine(
        url,
        pool_pre_ping=True,
        hide_parameters=True,
        pool_size=5,
        max_overflow=5,
        connect_args={"connect_timeout": 3},
    )


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets gunicorn workers read while another writes; foreign keys are off by default.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class Database:
    """Access to the engine and the request's session: ``db.session``, ``db.engine``."""

    def init_app(self, app: Flask, url: str) -> None:
        engine = make_engine(url)
        app.extensions["frontdoor.db"] = (engine, sessionmaker(engine, expire_on_commit=False))
        app.after_request(self._commit_request)
        app.teardown_appcontext(self._remove_session)

    @property
    def engine(self) -> Engine:
        return current_app.extensions["frontdoor.db"][0]

    @property
    def session(self) -> Session:
        if "db_session" not in g:
            g.db_session = current_app.extensions["frontdoor.db"][1]()
        return g.db_session

    def ping(self) -> None:
        """Raise if the database cannot answer a trivial query."""
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    @staticmethod
    def keep_work_despite_status() -> None:
        """Commit this request's work even though its page is a 5xx: for a deliberate page
        about a third party's failure (a 502), whose audit rows must be kept (ADR 0032)."""
        g.keep_work = True

    @staticmethod
    def _commit_request(response):
        session = g.get("db_session")
        # A 500 after the flag was set (a page that failed to render) still rolls back.
        handled = response.status_code < 500 or (
            response.status_code == 502 and g.get("keep_work", False)
        )
        if session is not None and handled:
            # A failure here becomes the 500 page: the person is never shown a success that
            # was not saved.
            session.commit()
        return response

    @staticmethod
    def _remove_session(_exc: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            # close() rolls back anything uncommitted and detaches objects with their loaded values.
            session.close()


db = Database()


def init_database(app: Flask, url: str) -> None:
    db.init_app(app, url)
