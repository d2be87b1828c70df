"""Staff sign-in through the council's identity provider: every refusal (groups that give no
usable role, no second factor, a disabled or locked account, an address someone else holds)
and every failure between the portal and the provider (a tampered state, the provider saying
no, a code it will not exchange, a provider that cannot be reached) gives a page that says what
to do, never a 500 and never the provider's own words, and is audited with a short reason."""

from __future__ import annotations

import json
import socket
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from portal.accounts.users import disable_user
from portal.data import db
from portal.data.accounts import by_email
from portal.data.database import utcnow
from tests.oidc_provider import (
    AUDITORS,
    DUTY_MANAGERS,
    DUTY_TEAM_ONLY,
    MFA,
    account,
    audit_rows,
    callback_from,
    make_app,
    running_provider,
    sign_in_through,
)


@pytest.fixture
def app_at(sqlite_url, migrated_sqlite, tmp_path):
    """An app whose provider is at the address given (for a provider other than the shared one)."""
    made = []

    def make(url: str):
        made.append(make_app(sqlite_url, migrated_sqlite, url, tmp_path))
        return made[-1]

    yield make
    for app in made:
        app.extensions["frontdoor.db"][0].dispose()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Refusals: each says what to do, and is audited with its reason


def refused(app, response, status: int, words: str) -> dict:
    """The response is the refusal page; returns the audit row's detail."""
    page = response.get_data(as_text=True)
    assert response.status_code == status, page
    assert words in page
    assert 'href="/staff/sign-in"' in page
    action, _actor, detail = audit_rows(app)[-1]
    assert action == "sign-in-failed"
    assert "eyJ" not in json.dumps(detail)  # never a token
    return detail


@pytest.mark.parametrize(
    ("groups", "reason"),
    [
        (["a-group-the-portal-does-not-know"], "no group mapped to a role"),
        ([], "no group mapped to a role"),
        ([DUTY_TEAM_ONLY], "no group mapped to a role"),
        ([DUTY_MANAGERS], "groups incomplete: A caseworker, team manager or safeguarding "),
    ],
)
def test_someone_whose_groups_give_no_usable_role_is_refused_and_no_account_is_made(
    oidc_app, provider, groups, reason
):
    provider.set_user("sub-nobody", email="new@essex.gov.uk", groups=groups, amr=MFA)
    client = oidc_app.test_client()
    response = sign_in_through(client, provider, "sub-nobody")
    detail = refused(
        oidc_app,
        response,
        403,
        "Your council account is not set up for this service: ask your manager.",
    )
    assert detail["reason"].startswith(reason) and detail["issuer"] == provider.url
    assert account(oidc_app, "new@essex.gov.uk") is None
    assert client.get("/staff").status_code == 302


def test_groups_left_out_of_the_token_for_being_too_many_are_refused(oidc_app, provider):
    provider.set_user(
        "sub-overage",
        email="many@essex.gov.uk",
        amr=MFA,
        _claim_names={"groups": "src1"},
        _claim_sources={"src1": {"endpoint": "https://graph.example/getMemberObjects"}},
    )
    response = sign_in_through(oidc_app.test_client(), provider, "sub-overage")
    detail = refused(oidc_app, response, 403, "not set up for this service")
    assert detail["reason"] == "the provider left the groups out (too many for a token)"


@pytest.mark.parametrize("amr", [["pwd"], ["otp"], None])
def test_a_sign_in_without_a_second_factor_at_the_provider_is_refused(oidc_app, provider, amr):
    claims = {"email": "one@essex.gov.uk", "groups": [AUDITORS]}
    if amr is not None:
        claims["amr"] = amr
    provider.set_user("sub-one-factor", **claims)
    response = sign_in_through(oidc_app.test_client(), provider, "sub-one-factor")
    detail = refused(oidc_app, response, 403, "You need to use a second step to sign in")
    assert detail["reason"] == "no second factor at the identity provider"
    assert account(oidc_app, "one@essex.gov.uk") is None


def test_a_disabled_or_locked_account_is_refused(oidc_app, provider):
    provider.set_user("sub-gone", email="gone@essex.gov.uk", groups=[AUDITORS], amr=MFA)
    sign_in_through(oidc_app.test_client(), provider, "sub-gone")
    with oidc_app.app_context():
        by_email("gone@essex.gov.uk").locked_until = utcnow() + timedelta(hours=1)
        db.session.commit()
    response = sign_in_through(oidc_app.test_client(), provider, "sub-gone")
    detail = refused(oidc_app, response, 403, "Your account is locked")
    assert "Try again after" in response.get_data(as_text=True)
    assert detail["reason"] == "locked"

    with oidc_app.app_context():
        disable_user("gone@essex.gov.uk", actor="test")
        db.session.commit()
    response = sign_in_through(oidc_app.test_client(), provider, "sub-gone")
    assert refused(oidc_app, response, 403, "Your account has been disabled")["reason"] == (
        "disabled"
    )


def test_an_email_already_linked_to_someone_else_at_the_provider_is_not_handed_over(
    oidc_app, provider
):
    provider.set_user("sub-owner", email="shared@essex.gov.uk", groups=[AUDITORS], amr=MFA)
    sign_in_through(oidc_app.test_client(), provider, "sub-owner")
    provider.set_user("sub-other", email="shared@essex.gov.uk", groups=[AUDITORS], amr=MFA)
    response = sign_in_through(oidc_app.test_client(), provider, "sub-other")
    detail = refused(oidc_app, response, 403, "Your email address is used by another account")
    assert detail["reason"] == "email belongs to an account linked to another identity"


def test_an_address_the_provider_says_it_has_not_verified_makes_no_account(oidc_app, provider):
    provider.set_user(
        "sub-unverified",
        email="unchecked@essex.gov.uk",
        email_verified=False,
        groups=[AUDITORS],
        amr=MFA,
    )
    response = sign_in_through(oidc_app.test_client(), provider, "sub-unverified")
    detail = refused(oidc_app, response, 403, "did not give us your email address")
    assert detail["reason"] == "no verified email from the provider"


# Failures between the portal and the provider: a clear page, never a 500 or the provider's words


def test_a_tampered_state_is_refused_and_signs_nobody_in(oidc_app, provider):
    provider.set_user("sub-state", email="state@essex.gov.uk", groups=[AUDITORS], amr=MFA)
    client = oidc_app.test_client()
    callback = callback_from(client, provider, "sub-state")
    query = parse_qs(urlsplit(callback).query)
    tampered = f"/staff/sign-in/callback?code={query['code'][0]}&state=someone-elses-state"
    detail = refused(oidc_app, client.get(tampered), 400, "Your sign-in has expired")
    assert detail["reason"] == "state did not match this session"
    assert client.get("/staff").status_code == 302
    # A callback nobody started (another browser, an old link) is refused the same way.
    stranger = oidc_app.test_client()
    refused(oidc_app, stranger.get(callback), 400, "Your sign-in has expired")
    assert account(oidc_app, "state@essex.gov.uk") is None


def test_only_the_newest_start_can_finish_so_the_session_never_grows(oidc_app, provider):
    provider.set_user("sub-twice", email="twice@essex.gov.uk", groups=[AUDITORS], amr=MFA)
    client = oidc_app.test_client()
    first = client.get("/staff/sign-in/provider").headers["Location"]
    second = client.get("/staff/sign-in/provider").headers["Location"]
    with client.session_transaction() as session:
        assert len([key for key in session if key.startswith("_state_")]) == 1
    refused(oidc_app, client.get(provider.authorize(first, "sub-twice")), 400, "has expired")
    assert client.get(provider.authorize(second, "sub-twice")).status_code == 303


def test_the_provider_refusing_or_failing_is_explained_without_its_own_words(oidc_app, provider):
    client = oidc_app.test_client()
    denied = client.get(provider.deny(client.get("/staff/sign-in/provider").headers["Location"]))
    detail = refused(oidc_app, denied, 403, "You were not signed in")
    assert detail == {"reason": "provider said access_denied"}

    failed = client.get(
        "/staff/sign-in/callback?error=server_error&state=x"
        "&error_description=Secret+internals+%3Cscript%3E"
    )
    detail = refused(oidc_app, failed, 502, "Sorry, there is a problem with the council")
    assert "Secret internals" not in failed.get_data(as_text=True)
    assert detail == {"reason": "provider said server_error"}


def test_a_code_the_provider_will_not_exchange_gives_the_problem_page(oidc_app, provider):
    provider.set_user("sub-code", email="code@essex.gov.uk", groups=[AUDITORS], amr=MFA)
    client = oidc_app.test_client()
    callback = callback_from(client, provider, "sub-code")
    query = parse_qs(urlsplit(callback).query)
    forged = f"/staff/sign-in/callback?code=not-a-code-it-issued&state={query['state'][0]}"
    detail = refused(oidc_app, client.get(forged), 502, "We could not check who you are")
    assert detail["reason"] == "token request refused: invalid_grant"


def test_a_provider_that_cannot_be_reached_gives_a_502_page_and_the_failure_is_audited(app_at):
    app = app_at(f"http://localhost:{free_port()}")
    response = app.test_client().get("/staff/sign-in/provider")
    detail = refused(app, response, 502, "Sorry, there is a problem with the council")
    assert detail == {"reason": "provider unreachable: discovery failed (ConnectionError)"}


def test_a_provider_that_goes_down_before_the_exchange_gives_the_502_page(app_at):
    with running_provider() as short_lived:
        app = app_at(short_lived.url)
        short_lived.set_user("sub-down", email="down@essex.gov.uk", groups=[AUDITORS], amr=MFA)
        client = app.test_client()
        callback = callback_from(client, short_lived, "sub-down")
    response = client.get(callback)
    detail = refused(app, response, 502, "We could not check who you are")
    assert detail == {"reason": "provider unreachable: token request failed (ConnectionError)"}


def test_a_discovery_document_naming_another_issuer_is_not_used(app_at, provider):
    # The provider calls itself http://localhost:<port>; the portal was told to expect a slash.
    app = app_at(provider.url + "/")
    response = app.test_client().get("/staff/sign-in/provider")
    assert refused(app, response, 502, "there is a problem")["reason"] == (
        "discovery names another issuer"
    )
