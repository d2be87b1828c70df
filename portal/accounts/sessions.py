"""The staff session: half signed in (password accepted, second factor to come), signed in,
idle, signed out.

The session is Flask's signed cookie. What makes it safe for staff: it is emptied and started
again at sign-in (nothing set before, such as a planted CSRF token, carries over); the id kept in
it includes the account's session token, which sign-out, disabling and a lock change, so a copy
of the cookie stops working everywhere; and it ends after 30 minutes without a request (the
page warns 5 minutes before, WCAG 2.2.1).
"""

from __future__ import annotations

import hmac
import secrets
import time

from flask import g, session
from flask_login import current_user, login_user, logout_user

from portal import audit
from portal.data.accounts import StaffUser, by_id
from portal.data.database import utcnow

IDLE_MINUTES = 30
WARN_BEFORE_SECONDS = 300
# The time allowed between the password and the code.
PENDING_SECONDS = 300
_SEEN = "staff_seen"
_PENDING = "staff_pending"


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


def load_user(login: str) -> StaffUser | None:
    """Flask-Login's user loader: the account, if the id's token is still its token."""
    user_id, _, token = login.partition(":")
    if not user_id.isdigit():
        return None
    user = by_id(int(user_id))
    if user is None or user.is_disabled:
        return None
    if not hmac.compare_digest(user.session_token.encode(), token.encode()):
        return None
    return user


def begin_second_factor(user: StaffUser) -> None:
    session[_PENDING] = {"user": user.id, "token": user.session_token, "at": int(time.time())}


def pending_user() -> StaffUser | None:
    """The account whose password was just accepted, for the second-factor pages."""
    entry = session.get(_PENDING) or {}
    if not entry or time.time() - entry.get("at", 0) > PENDING_SECONDS:
        return None
    user = by_id(entry.get("user", 0))
    if user is None or user.is_disabled or user.session_token != entry.get("token"):
        return None
    if user.locked_until is not None and utcnow() < user.locked_until:
        return None
    return user


def complete_sign_in(user: StaffUser, method: str, **detail) -> None:
    """Sign ``user`` in, in a new session: called once every factor has been checked.
    ``detail`` adds to the audit row (never a secret, a token or a code)."""
    session.clear()
    # Flask-WTF keeps this request's token in g too: the next form gets a new one.
    g.pop("csrf_token", None)
    login_user(user, fresh=True)
    session[_SEEN] = int(time.time())
    user.last_signed_in_at = utcnow()
    user.failed_attempts = 0
    user.locked_until = None
    audit.record(
        "signed-in", actor=user.email, actor_id=user.id, detail={"method": method, **detail}
    )


def idle_seconds() -> float | None:
    seen = session.get(_SEEN)
    return None if seen is None else time.time() - seen


def signed_in_user() -> StaffUser | None:
    """The signed-in account, or None; a session idle for 30 minutes is ended here."""
    if not current_user.is_authenticated:
        return None
    idle = idle_seconds()
    if idle is None or idle > IDLE_MINUTES * 60:
        end_session("timed-out")
        g.staff_timed_out = True
        return None
    session[_SEEN] = int(time.time())
    return current_user._get_current_object()


def timed_out() -> bool:
    return bool(g.get("staff_timed_out"))


def end_session(action: str) -> None:
    """Sign out: ``signed-out`` also ends the account's sessions on every other device."""
    user = current_user._get_current_object() if current_user.is_authenticated else None
    if user is not None:
        audit.record(action, actor=user.email, actor_id=user.id)
        if action == "signed-out":
            user.session_token = new_session_token()
    logout_user()
    session.clear()
    g.pop("csrf_token", None)


def current_user_signed_in() -> bool:
    return bool(current_user.is_authenticated)


def take_notice(key: str = "staff_notice") -> dict | None:
    """A one-time message for the next page (such as how many recovery codes are left)."""
    return session.pop(key, None)
