"""Someone signed in, as Flask-Login reports them to the code that asks who is signed in
(portal.extensions.signed_in_user_id), without going through the staff sign-in pages: for the
tests of what a signed-in user's requests are keyed and recorded by."""

from __future__ import annotations

from types import SimpleNamespace

from flask import Flask

import portal.extensions


class FakeUser:
    """What Flask-Login's current_user offers: is_authenticated and get_id()."""

    def __init__(self, user_id: str | None):
        self.user_id = user_id
        self.is_authenticated = user_id is not None

    def get_id(self) -> str | None:
        return self.user_id


class _Current:
    """Reads whoever ``holder.current_user`` is at the moment of asking."""

    def __init__(self, holder: SimpleNamespace):
        self._holder = holder

    def __getattr__(self, name: str):
        return getattr(self._holder.current_user, name)

    def __bool__(self) -> bool:
        return True


def sign_in_set_up(monkeypatch, app: Flask, user_id: str | None = None) -> SimpleNamespace:
    """Sign-in as the portal sees it (an app with a login manager, and current_user). Set
    ``.current_user`` on the result to change who is signed in; None is an anonymous visitor."""
    if getattr(app, "login_manager", None) is None:
        monkeypatch.setattr(app, "login_manager", object(), raising=False)
    holder = SimpleNamespace(current_user=FakeUser(user_id))
    monkeypatch.setattr(portal.extensions, "current_user", _Current(holder))
    return holder
