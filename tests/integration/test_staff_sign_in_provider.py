"""Staff sign-in through the council's identity provider, end to end against a real OpenID
Connect provider on a local port: the portal finds it, sends people to it with state, nonce and
PKCE, exchanges the code and checks the ID token over real HTTP, then makes, links or finds the
account and sets its roles and teams from the groups. Refusals and failures:
test_staff_sign_in_provider_refusals.py."""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

import portal.accounts.identity as identity_module
import portal.accounts.users as users_module
from portal.data import db
from portal.data.accounts import StaffUser, by_email
from tests.oidc_provider import (
    AUDITORS,
    CARERS_CASEWORKERS,
    CLIENT_ID,
    DUTY_MANAGERS,
    DUTY_TEAM_ONLY,
    MFA,
    SAFEGUARDING,
    account,
    audit_rows,
    callback_from,
    make_app,
    sign_in_through,
)
from tests.staff import PASSWORD, form_token, make_account, sign_in, submit_password

EMAIL = "jo.bloggs@essex.gov.uk"


@pytest.fixture
def oidc_db_app(database_url, migrated_sqlite, provider, tmp_path):
    """oidc_app on each database engine (SQLite and PostgreSQL)."""
    app = make_app(database_url, migrated_sqlite, provider.url, tmp_path)
    yield app
    app.extensions["frontdoor.db"][0].dispose()


def sign_out(client) -> None:
    response = client.post("/staff/sign-out", data={"csrf_token": form_token(client, "/staff")})
    assert response.headers["Location"] == "/staff/signed-out"


# The sign-in page and the way out to the provider


def test_the_sign_in_page_offers_the_council_account_first_and_a_password_below(oidc_app):
    page = oidc_app.test_client().get("/staff/sign-in?next=/staff/audit-log")
    html = page.get_data(as_text=True)
    button = html.index("Sign in with your Essex County Council account")
    assert 'href="/staff/sign-in/provider?next=/staff/audit-log"' in html
    assert (
        button
        < html.index("Sign in with an email address and password")
        < html.index('name="password"')
    )


def test_without_an_issuer_nothing_about_the_provider_shows_and_its_pages_do_not_exist(client):
    html = client.get("/staff/sign-in").get_data(as_text=True)
    assert "Sign in with your" not in html and "/staff/sign-in/provider" not in html
    assert client.get("/staff/sign-in/provider").status_code == 404
    assert client.get("/staff/sign-in/callback?code=x&state=y").status_code == 404
    assert "still signed in" not in client.get("/staff/signed-out").get_data(as_text=True)


def test_the_way_to_the_provider_is_a_redirect_with_state_nonce_and_pkce(oidc_app, provider):
    client = oidc_app.test_client()
    response = client.get("/staff/sign-in/provider")
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert f"{location.scheme}://{location.netloc}" == provider.url
    query = {key: values[0] for key, values in parse_qs(location.query).items()}
    assert query["response_type"] == "code"
    assert query["client_id"] == CLIENT_ID
    assert query["redirect_uri"] == "http://localhost/staff/sign-in/callback"
    assert query["scope"] == "openid email profile"
    assert query["code_challenge_method"] == "S256"
    assert len(query["state"]) >= 20 and len(query["nonce"]) >= 20
    with client.session_transaction() as session:
        kept = session[f"_state_council_{query['state']}"]["data"]
    assert kept["nonce"] == query["nonce"]
    digest = hashlib.sha256(kept["code_verifier"].encode()).digest()
    assert base64.urlsafe_b64encode(digest).rstrip(b"=").decode() == query["code_challenge"]


# Signing in: just in time, linking, roles from groups


@pytest.mark.database
def test_a_first_sign_in_makes_the_account_with_the_mapped_roles_and_teams_in_a_new_session(
    oidc_db_app, provider
):
    provider.set_user(
        "sub-first",
        email="Jo.Bloggs@essex.gov.uk",
        name="Jo Bloggs",
        groups=[CARERS_CASEWORKERS, "a-group-the-portal-does-not-know"],
        amr=MFA,
    )
    client = oidc_db_app.test_client()
    before = form_token(client, "/staff/sign-in")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    response = sign_in_through(client, provider, "sub-first")
    assert response.status_code == 303 and response.headers["Location"] == "/staff"
    with client.session_transaction() as session:
        assert "planted" not in session
    assert form_token(client, "/staff") != before

    home = client.get("/staff").get_data(as_text=True)
    assert "Jo Bloggs" in home and "Caseworker" in home and "Carers" in home
    user = account(oidc_db_app, EMAIL)
    assert (user.identity_issuer, user.identity_subject) == (provider.url, "sub-first")
    assert user.password_hash is None and user.totp_secret is None
    assert user.roles == ("caseworker",) and user.teams == ("carers",)
    rows = audit_rows(oidc_db_app)
    assert [action for action, _actor, _detail in rows] == ["user-created", "signed-in"]
    assert rows[0][1] == f"identity provider ({provider.url})"
    assert rows[1][2] == {"method": "identity provider", "issuer": provider.url, "created": True}
    # With no password, the provider is its only way in.
    other = oidc_db_app.test_client()
    refused = submit_password(other, EMAIL, PASSWORD).get_data(as_text=True)
    assert "Enter a correct email address and password" in refused


@pytest.mark.database
def test_an_account_is_linked_by_email_then_found_by_subject_when_the_email_changes(
    oidc_db_app, provider
):
    secret = make_account(oidc_db_app, EMAIL)  # a local caseworker in Carers, with an app
    provider.set_user(
        "sub-linked",
        email=EMAIL,
        name="Jo Bloggs",
        groups=[DUTY_MANAGERS, DUTY_TEAM_ONLY],
        amr=["pwd", "otp"],  # two kinds of factor, without "mfa" itself
    )
    client = oidc_db_app.test_client()
    assert sign_in_through(client, provider, "sub-linked").headers["Location"] == "/staff"
    user = account(oidc_db_app, EMAIL)
    first_id = user.id
    assert user.identity_subject == "sub-linked"
    assert (user.roles, user.teams) == (("team-manager",), ("countywide-duty",))
    changed = [row for row in audit_rows(oidc_db_app) if row[0] == "roles-changed"][-1][2]
    assert changed["from"] == {"roles": ["caseworker"], "teams": ["carers"]}
    assert changed["to"] == {"roles": ["team-manager"], "teams": ["countywide-duty"]}
    assert audit_rows(oidc_db_app)[-1][2]["linked"] is True
    sign_out(client)

    provider.set_user(
        "sub-linked",
        email="jo.smith@essex.gov.uk",
        name="Jo Smith",
        groups=[DUTY_MANAGERS, DUTY_TEAM_ONLY],
        amr=MFA,
    )
    again = oidc_db_app.test_client()
    assert sign_in_through(again, provider, "sub-linked").headers["Location"] == "/staff"
    user = account(oidc_db_app, "jo.smith@essex.gov.uk")
    assert user.id == first_id and user.display_name == "Jo Smith"
    assert account(oidc_db_app, EMAIL) is None
    assert audit_rows(oidc_db_app)[-1][2]["email_changed_from"] == EMAIL
    # The password and the app still work for an account that has them.
    local = oidc_db_app.test_client()
    assert sign_in(local, "jo.smith@essex.gov.uk", secret).headers["Location"] == "/staff"


@pytest.mark.database
def test_groups_changed_at_the_provider_change_the_roles_at_the_next_sign_in(oidc_db_app, provider):
    claims = {"email": "sam.jones@essex.gov.uk", "name": "Sam Jones", "amr": MFA}
    provider.set_user("sub-moves", groups=[CARERS_CASEWORKERS], **claims)
    sign_in_through(oidc_db_app.test_client(), provider, "sub-moves")
    provider.set_user("sub-moves", groups=[SAFEGUARDING, AUDITORS], **claims)
    sign_in_through(oidc_db_app.test_client(), provider, "sub-moves")
    user = account(oidc_db_app, "sam.jones@essex.gov.uk")
    assert user.roles == ("auditor", "safeguarding-practitioner")
    assert user.teams == ("central-safeguarding-triage",)
    changes = [
        detail for action, _actor, detail in audit_rows(oidc_db_app) if action == "roles-changed"
    ]
    assert changes == [
        {
            "user": "sam.jones@essex.gov.uk",
            "from": {"roles": ["caseworker"], "teams": ["carers"]},
            "to": {
                "roles": ["auditor", "safeguarding-practitioner"],
                "teams": ["central-safeguarding-triage"],
            },
            "groups": [SAFEGUARDING, AUDITORS],
        }
    ]
    sign_in_through(oidc_db_app.test_client(), provider, "sub-moves")  # nothing changed
    assert [row[0] for row in audit_rows(oidc_db_app)].count("roles-changed") == 1


def test_sign_in_returns_to_the_staff_page_asked_for_but_never_to_another_site(oidc_app, provider):
    provider.set_user("sub-auditor", email="al@essex.gov.uk", groups=[AUDITORS], amr=MFA)
    asked = oidc_app.test_client()
    assert asked.get("/staff/audit-log").headers["Location"] == (
        "/staff/sign-in?next=/staff/audit-log"
    )
    response = sign_in_through(asked, provider, "sub-auditor", next_path="/staff/audit-log")
    assert response.headers["Location"] == "/staff/audit-log"
    elsewhere = oidc_app.test_client()
    response = sign_in_through(elsewhere, provider, "sub-auditor", "//evil.example/staff")
    assert response.headers["Location"] == "/staff"


def test_signing_out_ends_the_portals_session_and_says_the_council_account_is_still_signed_in(
    oidc_app, provider
):
    provider.set_user("sub-out", email="out@essex.gov.uk", groups=[AUDITORS], amr=MFA)
    client = oidc_app.test_client()
    sign_in_through(client, provider, "sub-out")
    sign_out(client)
    page = client.get("/staff/signed-out").get_data(as_text=True)
    assert "If you signed in with your Essex County Council account" in page
    assert client.get("/staff").headers["Location"].startswith("/staff/sign-in")
    assert audit_rows(oidc_app)[-1][0] == "signed-out"


def test_a_provider_session_idles_out_after_30_minutes_like_any_other(oidc_app, provider):
    provider.set_user("sub-idle", email="idle@essex.gov.uk", groups=[AUDITORS], amr=MFA)
    client = oidc_app.test_client()
    sign_in_through(client, provider, "sub-idle")
    with client.session_transaction() as session:
        session["staff_seen"] -= 31 * 60
    assert client.get("/staff").headers["Location"] == "/staff/sign-in?next=/staff&reason=timed-out"
    assert audit_rows(oidc_app)[-1][0] == "timed-out"


def test_an_account_linked_at_an_issuer_no_longer_trusted_is_linked_afresh_by_email(
    oidc_app, provider
):
    make_account(oidc_app, EMAIL, role="auditor")
    with oidc_app.app_context():
        user = by_email(EMAIL)
        user.identity_issuer, user.identity_subject = "https://old-issuer.example", "old-sub"
        db.session.commit()
    provider.set_user("sub-new", email=EMAIL, groups=[AUDITORS], amr=MFA)
    assert sign_in_through(oidc_app.test_client(), provider, "sub-new").status_code == 303
    user = account(oidc_app, EMAIL)
    assert (user.identity_issuer, user.identity_subject) == (provider.url, "sub-new")
    assert audit_rows(oidc_app)[-1][2]["linked_before_at"] == "https://old-issuer.example"


def test_an_account_made_for_the_provider_by_command_is_linked_at_first_sign_in(oidc_app, provider):
    runner = oidc_app.test_cli_runner()
    made = runner.invoke(
        args=["users", "create", EMAIL, "--name", "Jo Bloggs", "--role", "auditor", "--no-password"]
    )
    assert "They sign in through the identity provider" in made.output
    provider.set_user("sub-made", email=EMAIL, groups=[AUDITORS], amr=MFA)
    assert sign_in_through(oidc_app.test_client(), provider, "sub-made").status_code == 303
    assert account(oidc_app, EMAIL).identity_subject == "sub-made"
    shown = runner.invoke(args=["users", "roles", EMAIL]).output
    assert "its groups set these roles and teams again at its next sign-in" in shown


@pytest.mark.database
@pytest.mark.parametrize("other_tab_committed", [True, False])
def test_two_first_sign_ins_at_once_both_sign_in_to_one_account(
    oidc_db_app, provider, monkeypatch, other_tab_committed
):
    """The same person signs in from two tabs at once for the first time. Both callbacks look
    for the account before either has made it; the second then finds the address taken (the
    first committed before it checked) or meets the unique address on insert (it had not)."""
    provider.set_user(
        "sub-twice", email=EMAIL, name="Jo Bloggs", groups=[CARERS_CASEWORKERS], amr=MFA
    )
    first, second = oidc_db_app.test_client(), oidc_db_app.test_client()
    second_callback = callback_from(second, provider, "sub-twice")
    assert sign_in_through(first, provider, "sub-twice").headers["Location"] == "/staff"

    real_find = identity_module._find
    looks = []

    def as_before_the_first_committed(identity):
        looks.append(identity.subject)
        return (None, None) if len(looks) == 1 else real_find(identity)

    monkeypatch.setattr(identity_module, "_find", as_before_the_first_committed)
    if not other_tab_committed:
        monkeypatch.setattr(users_module, "by_email", lambda email: None)
    response = second.get(second_callback)

    assert response.status_code == 303 and response.headers["Location"] == "/staff"
    assert "Jo Bloggs" in second.get("/staff").get_data(as_text=True)
    assert len(looks) == 2  # looked again after the address was found taken
    with oidc_db_app.app_context():
        users = db.session.scalars(select(StaffUser)).all()
    assert [user.email for user in users] == [EMAIL]
    actions = [action for action, _actor, _detail in audit_rows(oidc_db_app)]
    assert actions == ["user-created", "signed-in", "signed-in"]
