"""`make run` makes one demo staff account per role, which sign in as the README says; a
production deployment never gets them."""

from __future__ import annotations

import pyotp
from sqlalchemy import func, select

from portal.accounts.permissions import ROLES
from portal.config import PROJECT_ROOT
from portal.data import db
from portal.data.accounts import StaffUser
from portal.demo import DEMO_PASSWORD, DEMO_STAFF, _staff_accounts
from tests.conftest import build_app, copy_of
from tests.staff import form_token


def test_demo_accounts_cover_every_role_and_are_in_the_readme():
    assert sorted(role for _email, _name, role, _teams, _secret in DEMO_STAFF) == sorted(ROLES)
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert DEMO_PASSWORD in readme
    for email, _name, _role, _teams, secret in DEMO_STAFF:
        assert email in readme and secret in readme


def test_a_demo_account_signs_in_with_the_readmes_password_and_secret(app):
    with app.app_context():
        _staff_accounts()
    email, _name, _role, _teams, secret = DEMO_STAFF[0]
    client = app.test_client()
    csrf = form_token(client, "/staff/sign-in")
    client.post(
        "/staff/sign-in", data={"csrf_token": csrf, "email": email, "password": DEMO_PASSWORD}
    )
    csrf = form_token(client, "/staff/sign-in/code")
    code = pyotp.TOTP(secret).now()
    response = client.post("/staff/sign-in/code", data={"csrf_token": csrf, "code": code})
    assert response.headers["Location"] == "/staff"


def test_production_never_gets_the_demo_accounts(tmp_path, migrated_sqlite):
    app = build_app(copy_of(migrated_sqlite, tmp_path), environ={"FRONTDOOR_ENV": "production"})
    with app.app_context():
        assert _staff_accounts() == "Demo staff accounts: none in production."
        assert db.session.scalar(select(func.count()).select_from(StaffUser)) == 0
    app.extensions["frontdoor.db"][0].dispose()
