"""A real OpenID Connect provider for the staff sign-in tests: oidc-provider-mock in a thread on
a free port, reached over real HTTP by the portal (discovery, keys, the token exchange) and by
the tests (its sign-in page, which a person would use).

A test chooses who signs in and what the provider says about them (sub, email, name, groups,
amr) with ``Provider.set_user``; the provider then signs its ID tokens with those claims.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import requests
from sqlalchemy import select

from portal.data import db
from portal.data.accounts import StaffUser, by_email
from portal.data.audit import AuditEvent
from tests.conftest import app_on

CLIENT_ID = "front-door-staff"
CLIENT_SECRET = "a-client-secret-for-tests-only"
CALLBACK = "/staff/sign-in/callback"
# Provider group ids as the tests' council file maps them (config/identity-groups.yaml's shape):
# an Entra-style object id, and plain names as other providers send.
CARERS_CASEWORKERS = "0b6a3c1e-5d2f-4a8b-9c7d-1e2f3a4b5c6d"
SAFEGUARDING = "7f3e2d1c-0b9a-4877-8665-5a4b3c2d1e0f"
DUTY_MANAGERS = "duty-managers"
AUDITORS = "auditors"
DUTY_TEAM_ONLY = "countywide-duty-team"
MFA = ["pwd", "mfa"]  # the amr claim of a sign-in with a second factor
GROUPS_FILE = f"""kind: identity-groups
groups:
  {CARERS_CASEWORKERS}:
    name: ASC Connects carers caseworkers
    roles: [caseworker]
    teams: [carers]
  {SAFEGUARDING}:
    name: Central Safeguarding Triage practitioners
    roles: [safeguarding-practitioner]
    teams: [central-safeguarding-triage]
  {DUTY_MANAGERS}:
    name: Countywide Duty managers
    roles: [team-manager]
  {DUTY_TEAM_ONLY}:
    name: Countywide Duty team
    teams: [countywide-duty]
  {AUDITORS}:
    name: Auditors
    roles: [auditor]
"""


class Provider:
    def __init__(self, url: str) -> None:
        self.url = url

    def set_user(self, sub: str, **claims) -> None:
        """What the provider will say about ``sub`` in its next ID tokens."""
        response = requests.put(f"{self.url}/users/{sub}", json=claims, timeout=5)
        assert response.status_code == 204, response.text

    def authorize(self, authorize_url: str, sub: str) -> str:
        """Sign in as ``sub`` on the provider's page; the portal address it sends us back to
        (path and query)."""
        return self._answer(authorize_url, {"sub": sub})

    def deny(self, authorize_url: str) -> str:
        """Press "Deny" on the provider's page."""
        return self._answer(authorize_url, {"action": "deny"})

    def _answer(self, authorize_url: str, form: dict) -> str:
        assert authorize_url.startswith(self.url + "/"), authorize_url
        response = requests.post(authorize_url, data=form, allow_redirects=False, timeout=5)
        assert response.status_code == 302, response.text
        back = urlsplit(response.headers["Location"])
        assert back.path == CALLBACK, back
        return f"{back.path}?{back.query}"


@contextmanager
def running_provider() -> Iterator[Provider]:
    with warnings.catch_warnings():
        # 0.3.4, the newest release for Python 3.11, imports Authlib modules Authlib 1.9 calls
        # old (the portal imports none of them); its one warning at run time is quietened in
        # pyproject.toml. Authlib's first import sets its own warnings to "always", so it
        # comes before the filter.
        import authlib.deprecate  # noqa: F401

        warnings.simplefilter("ignore", DeprecationWarning)
        import oidc_provider_mock

    # The nonce is required, so a portal that forgot to send one would fail here too.
    with oidc_provider_mock.run_server_in_thread(require_nonce=True) as server:
        yield Provider(f"http://localhost:{server.server_port}")


def environ(provider_url: str, **extra: str) -> dict[str, str]:
    return {
        "OIDC_ISSUER": provider_url,
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        **extra,
    }


def groups_file(folder: Path) -> Path:
    path = folder / "identity-groups.yaml"
    path.write_text(GROUPS_FILE, encoding="utf-8")
    return path


def callback_from(client, provider: Provider, sub: str, next_path: str = "") -> str:
    """Click "Sign in with ...", sign in as ``sub`` at the provider: the callback address the
    provider sends the browser back to, not yet followed."""
    start = "/staff/sign-in/provider" + (f"?next={next_path}" if next_path else "")
    response = client.get(start)
    assert response.status_code == 302, response.get_data(as_text=True)
    return provider.authorize(response.headers["Location"], sub)


def sign_in_through(client, provider: Provider, sub: str, next_path: str = ""):
    """Click "Sign in with ...", sign in as ``sub`` at the provider, come back: the portal's
    answer to the callback."""
    return client.get(callback_from(client, provider, sub, next_path))


def make_app(database_url: str, migrated_sqlite: Path, provider_url: str, folder: Path):
    """An app on ``database_url`` (SQLite: a copy of the migrated database; PostgreSQL:
    migrated afresh) that signs staff in through the provider at ``provider_url``."""
    return app_on(
        database_url,
        migrated_sqlite,
        environ=environ(provider_url),
        identity_groups_file=groups_file(folder),
    )


def audit_rows(app) -> list[tuple[str, str, dict]]:
    """(action, actor, detail) of every audit row, oldest first."""
    with app.app_context():
        rows = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        return [(row.action, row.actor, row.detail or {}) for row in rows]


def account(app, email: str) -> StaffUser | None:
    with app.app_context():
        return by_email(email)
