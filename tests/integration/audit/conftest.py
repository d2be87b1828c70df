"""What the audit tests share: every test on SQLite and on PostgreSQL (the filters, date ranges
and counts are SQL), read at one known moment, by Audrey the auditor where it needs one."""

from __future__ import annotations

import pytest
import time_machine

from tests.audit_world import NOW, signed_in_auditor


@pytest.fixture
def app(db_app):
    return db_app


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def auditor(app, clock):
    """Audrey, an auditor, signed in: (client, account id)."""
    return signed_in_auditor(app)
