"""A member of staff signed in, as Flask-Login would report them, for the code that asks who is
signed in (portal.extensions.signed_in_user_id) before sign-in exists (issue #9)."""

from __future__ import annotations

import sys
from types import SimpleNamespace

from flask import Flask


class FakeUser:
    """What Flask-Login's current_user offers: is_authenticated and get_id()."""

    def __init__(self, user_id: str | None):
        self.user_id = user_id
        self.is_authenticated = user_id is not None

    def get_id(self) -> str | None:
        return self.user_id


def sign_in_set_up(monkeypatch, app: Flask, user_id: str | None = None) -> SimpleNamespace:
    """Sign-in set up as Flask-Login does it (app.login_manager, flask_login.current_user),
    without Flask-Login installed. Set ``.current_user`` on the result to change who is signed
    in; None is an anonymous visitor."""
    monkeypatch.setattr(app, "login_manager", object(), raising=False)
    fake = SimpleNamespace(current_user=FakeUser(user_id))
    monkeypatch.setitem(sys.modules, "flask_login", fake)
    return fake
