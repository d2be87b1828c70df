"""Whose allowance a request uses: a signed-in member of staff's own (a call centre sits behind
one address), otherwise the client address's."""

from __future__ import annotations

import pytest
from flask import Flask

from portal.extensions import rate_limit_key, signed_in_user_id
from tests.signed_in import sign_in_set_up

CALL_CENTRE = {"REMOTE_ADDR": "203.0.113.9"}


@pytest.fixture
def bare_app() -> Flask:
    return Flask(__name__)


def test_in_an_app_without_sign_in_the_client_address_is_the_key(bare_app):
    with bare_app.test_request_context(environ_base=CALL_CENTRE):
        assert signed_in_user_id() is None
        assert rate_limit_key() == "203.0.113.9"


def test_call_handlers_behind_one_address_each_have_their_own_allowance(bare_app, monkeypatch):
    keys = set()
    for user_id in ("caller-1", "caller-2"):
        sign_in_set_up(monkeypatch, bare_app, user_id)
        with bare_app.test_request_context(environ_base=CALL_CENTRE):
            assert signed_in_user_id() == user_id
            keys.add(rate_limit_key())
    assert keys == {"user:caller-1", "user:caller-2"}


def test_someone_not_signed_in_uses_the_address_even_once_sign_in_exists(bare_app, monkeypatch):
    sign_in_set_up(monkeypatch, bare_app, None)
    with bare_app.test_request_context(environ_base=CALL_CENTRE):
        assert signed_in_user_id() is None
        assert rate_limit_key() == "203.0.113.9"


def test_outside_a_request_nobody_is_signed_in(bare_app, monkeypatch):
    sign_in_set_up(monkeypatch, bare_app, "caller-1")
    with bare_app.app_context():
        assert signed_in_user_id() is None
