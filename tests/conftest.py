"""Shared fixtures: an app on a fresh database, and a test client that checks every page."""

from __future__ import annotations

import os
import shutil
from functools import cache
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from flask.testing import FlaskClient
from jinja2.bccache import Bucket, BytecodeCache
from sqlalchemy import create_engine, make_url, text

from portal import create_app
from portal.accounts import passwords
from portal.config import load_settings
from portal.data import migrate
from tests import run_figures
from tests.pagecheck import check_page
from tests.run_figures import ENGINES_USED

# Hundreds of tests make a staff account and sign in: at argon2-cffi's default cost each hash
# and each check takes about 0.45 s on 2 cores, most of those tests' time. The tests hash with
# the cheapest parameters; what they check (an argon2id hash, its own salt, verifying only its
# password, rehash when the parameters change) holds at any cost, and the portal keeps the
# defaults.
passwords._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)

TEST_SECRET = "test-secret-key-that-is-long-enough-for-production-checks"
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "")


class PageCheckingClient(FlaskClient):
    """A test client that runs the page checks on every HTML response it receives."""

    def open(self, *args, skip_page_check: bool = False, **kwargs):
        response = super().open(*args, **kwargs)
        checkable = (
            response.mimetype == "text/html"
            and not 300 <= response.status_code < 400
            and "Content-Encoding" not in response.headers
        )
        if checkable and not skip_page_check:
            check_page(
                response.get_data(as_text=True), response.headers.get("Content-Security-Policy")
            )
        return response


def make_settings(database_url: str, **overrides):
    environ = {"FRONTDOOR_ENV": "test", "SECRET_KEY": TEST_SECRET, "DATABASE_URL": database_url}
    environ.update(overrides.pop("environ", {}))
    return load_settings(environ, **overrides)


def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


class SharedBytecodeCache(BytecodeCache):
    """Compiled templates kept for the whole test process: every test builds an app of its own,
    and compiling the same templates for each one was a third of an integration test's time.
    Jinja checks each template's source against the checksum, so a changed template is
    compiled again."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = SharedBytecodeCache()


def build_app(database_url: str, migrated: bool = True, **overrides):
    app = create_app(make_settings(database_url, **overrides))
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
    app.test_client_class = PageCheckingClient
    if migrated:
        migrate.upgrade(database_url)
    return app


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'frontdoor-test.db'}"


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """An SQLite database at the newest revision, made once per test process: a test copies it
    (a few milliseconds) instead of running every migration again (about 0.3 s)."""
    path = tmp_path_factory.mktemp("migrated") / "frontdoor.db"
    migrate.upgrade(f"sqlite:///{path}")
    return path


def copy_of(migrated: Path, folder: Path) -> str:
    target = folder / "frontdoor-test.db"
    shutil.copyfile(migrated, target)
    return f"sqlite:///{target}"


@pytest.fixture
def app(tmp_path, migrated_sqlite):
    # The copy is at the newest revision already: asking Alembic again costs ~35 ms a test.
    app = build_app(copy_of(migrated_sqlite, tmp_path), migrated=False)
    yield app
    app.extensions["frontdoor.db"][0].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


def _engine_params():
    return [
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql"),
    ]


@pytest.fixture(params=_engine_params())
def database_url(request, tmp_path) -> str:
    """Each database test runs once on SQLite and once on PostgreSQL (an empty database)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'frontdoor-test.db'}"
    else:
        if not POSTGRES_URL:
            if os.environ.get("FRONTDOOR_REQUIRE_POSTGRES") or os.environ.get("CI"):
                pytest.fail("TEST_POSTGRES_URL is not set: run the tests with `make test`.")
            pytest.skip("PostgreSQL tests need TEST_POSTGRES_URL (make test starts a server)")
        url = worker_postgres_url()
        reset_postgres(url)
    ENGINES_USED[request.param] += 1
    return url


def app_on(database_url: str, migrated_sqlite: Path, **overrides):
    """An app on ``database_url`` at the newest revision: on SQLite a copy of the database
    migrated once per test process (into the file database_url names), on PostgreSQL migrated
    afresh."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        shutil.copyfile(migrated_sqlite, url.database)
        return build_app(database_url, migrated=False, **overrides)
    return build_app(database_url, **overrides)


# For a test module that sends several whole forms through the pages from one address (its
# app_environ fixture returns it): the rate limits are tested elsewhere.
NO_LIMITS = {"SUBMISSION_RATE_LIMIT": "1000 per minute", "PAGE_SAVE_RATE_LIMIT": "1000 per minute"}


@pytest.fixture
def app_environ() -> dict[str, str]:
    """Settings db_app is built with beyond the tests' own: a test module overrides this
    fixture to change them (NO_LIMITS, say)."""
    return {}


@pytest.fixture
def db_app(database_url, migrated_sqlite, app_environ):
    """An app on the engine under test, migrated to the newest revision."""
    app = app_on(database_url, migrated_sqlite, environ=app_environ)
    yield app
    app.extensions["frontdoor.db"][0].dispose()


@cache
def worker_postgres_url() -> str:
    """The PostgreSQL database for this test process: one each per pytest-xdist worker.

    Every database test starts by dropping and re-creating the schema, so two workers sharing
    one database would pull it from under each other.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return POSTGRES_URL
    base = make_url(POSTGRES_URL)
    name = f"{base.database}_{worker}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        found = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
        ).first()
        if not found:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        run_figures.hand_over(workeroutput)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    run_figures.take_in(getattr(node, "workeroutput", {}))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    run_figures.write_summary(terminalreporter)


@pytest.fixture(scope="module")
def running_server():
    """A local stand-in for the OS Places API (tests/places_fake.py) for one test module."""
    import threading

    from tests.places_fake import PlacesServer

    server = PlacesServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def provider():
    """A real OpenID Connect provider (tests/oidc_provider.py) for one test module."""
    from tests.oidc_provider import running_provider

    with running_provider() as running:
        yield running


@pytest.fixture
def oidc_app(sqlite_url, migrated_sqlite, provider, tmp_path):
    """An app on SQLite that signs staff in through ``provider``."""
    from tests.oidc_provider import make_app

    app = make_app(sqlite_url, migrated_sqlite, provider.url, tmp_path)
    yield app
    app.extensions["frontdoor.db"][0].dispose()
