"""Helpers for the staff tests: accounts with a known password and app, and signing in by the
pages themselves (password, then a code the account's app would show)."""

from __future__ import annotations

import re

import pyotp

from portal.accounts.permissions import PERMISSIONS
from portal.accounts.users import create_user
from portal.data import db
from portal.data.database import utcnow

PASSWORD = "three random words here"
_TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
# One account per role, in teams that fit it.
ROLE_TEAMS = {
    "caseworker": ["carers"],
    "team-manager": ["countywide-duty"],
    "safeguarding-practitioner": ["central-safeguarding-triage"],
    "account-administrator": [],
    "auditor": [],
}


def token(html: str) -> str:
    return _TOKEN.search(html).group(1)


def form_token(client, path: str) -> str:
    return token(client.get(path).get_data(as_text=True))


def make_account(
    app,
    email: str,
    role: str = "caseworker",
    *,
    enrolled: bool = True,
    teams: list[str] | None = None,
    name: str = "Jo Bloggs",
) -> str:
    """Create an account (in the teams that fit its role, unless ``teams`` says which); returns
    its TOTP secret ('' when it has not set its app up yet)."""
    teams = ROLE_TEAMS[role] if teams is None else teams
    with app.app_context():
        user = create_user(email, name, PASSWORD, [role], teams, actor="test")
        secret = ""
        if enrolled:
            secret = pyotp.random_base32()
            user.totp_secret = secret
            user.totp_confirmed_at = utcnow()
        db.session.commit()
    return secret


def submit_password(client, email: str, password: str = PASSWORD, next_path: str = ""):
    path = "/staff/sign-in" + (f"?next={next_path}" if next_path else "")
    csrf = form_token(client, path)
    return client.post(path, data={"csrf_token": csrf, "email": email, "password": password})


def submit_code(client, code: str, path: str = "/staff/sign-in/code"):
    csrf = form_token(client, path)
    return client.post(path, data={"csrf_token": csrf, "code": code})


def sign_in(client, email: str, secret: str):
    """Password then the current code; returns the response to the code (a redirect)."""
    response = submit_password(client, email)
    assert response.status_code == 303, response.get_data(as_text=True)
    return submit_code(client, pyotp.TOTP(secret).now())


def declared(app, endpoint: str) -> str | None:
    """The permission a view declares with @permission (None if it declares none)."""
    return getattr(app.view_functions[endpoint], "required_permission", None)


def staff_pages(app) -> dict[str, str]:
    """Every GET page under /staff that takes no argument and needs a permission (so not the
    sign-in pages): path -> permission."""
    return {
        rule.rule: declared(app, rule.endpoint)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/staff")
        and "GET" in rule.methods
        and declared(app, rule.endpoint) in PERMISSIONS
        and not rule.arguments
    }
