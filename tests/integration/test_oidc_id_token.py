"""The ID token's checks, through Authlib as the portal calls it at the callback: a token for
another audience, from another issuer, expired, for another sign-in (nonce) or signed with
another key is refused with a short reason and the 502 page's problem, never accepted and never
a 500. (The provider in the end-to-end tests only ever signs good tokens.)"""

from __future__ import annotations

import time

import pytest
from flask import session
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from portal.accounts import oidc
from tests.conftest import build_app
from tests.oidc_provider import CLIENT_ID, environ, groups_file

ISSUER = "https://login.essex.example/tenant/v2.0"
STATE = "state-of-this-sign-in"
NONCE = "nonce-of-this-sign-in"
KEY = RSAKey.generate_key(2048, parameters={"kid": "key-1"})
OTHER_KEY = RSAKey.generate_key(2048, parameters={"kid": "key-1"})


@pytest.fixture
def app(sqlite_url, tmp_path):
    app = build_app(
        sqlite_url,
        migrated=False,
        environ=environ(ISSUER),
        identity_groups_file=groups_file(tmp_path),
    )
    yield app
    app.extensions["frontdoor.db"][0].dispose()


def claims(**changes) -> dict:
    now = int(time.time())
    good = {
        "iss": ISSUER,
        "sub": "subject-1",
        "aud": CLIENT_ID,
        "exp": now + 300,
        "iat": now,
        "nonce": NONCE,
        "email": "jo.bloggs@essex.gov.uk",
        "amr": ["pwd", "mfa"],
    }
    good.update(changes)
    return {key: value for key, value in good.items() if value is not None}


def callback(app, monkeypatch, id_token: str):
    """The callback's check of ``id_token``, as if the provider had just returned it."""
    with app.test_request_context(f"/staff/sign-in/callback?code=a-code&state={STATE}"):
        client = app.extensions["authlib.integrations.flask_client"].create_client("council")
        # What discovery would have given: no network in these tests.
        client.server_metadata.update(
            {
                "issuer": ISSUER,
                "authorization_endpoint": ISSUER + "/authorize",
                "token_endpoint": ISSUER + "/token",
                "jwks_uri": ISSUER + "/keys",
                "jwks": KeySet([KEY]).as_dict(private=False),
                "id_token_signing_alg_values_supported": ["RS256"],
                "_loaded_at": time.time(),
            }
        )
        monkeypatch.setattr(
            client,
            "fetch_access_token",
            lambda **_: {"access_token": "an-access-token", "id_token": id_token},
        )
        client.framework.set_state_data(
            session,
            STATE,
            {"nonce": NONCE, "redirect_uri": "http://localhost/staff/sign-in/callback"},
        )
        return oidc.verified_identity()


def signed(payload: dict, key: RSAKey = KEY) -> str:
    return jwt.encode({"alg": "RS256", "kid": "key-1"}, payload, key)


def test_a_good_token_gives_the_identity(app, monkeypatch):
    identity = callback(app, monkeypatch, signed(claims()))
    assert (identity.issuer, identity.subject) == (ISSUER, "subject-1")
    assert identity.multi_factor


# Each token is signed when its test runs: one signed at collection could have expired by the
# time a long run reaches it (CI once refused the nonce cases as expired).
@pytest.mark.parametrize(
    ("token", "reason"),
    [
        (lambda: signed(claims(aud="another-application")), "ID token refused: invalid_claim aud"),
        (lambda: signed(claims(aud=None)), "ID token refused: missing_claim aud"),
        (lambda: signed(claims(iss="https://evil.example")), "ID token refused: invalid_claim iss"),
        (
            lambda: signed(claims(exp=int(time.time()) - 600)),
            "ID token refused: expired_token exp",
        ),
        (lambda: signed(claims(nonce="another-sign-in")), "ID token refused: invalid_claim nonce"),
        (lambda: signed(claims(nonce=None)), "ID token refused: missing_claim nonce"),
        (lambda: signed(claims(), OTHER_KEY), "ID token refused: bad_signature"),
        (lambda: "not.a.token", "ID token refused: "),
    ],
    ids=["audience", "no-audience", "issuer", "expired", "nonce", "no-nonce", "key", "garbage"],
)
def test_a_token_that_fails_a_check_is_refused_with_a_short_reason(app, monkeypatch, token, reason):
    with pytest.raises(oidc.ProviderProblem) as raised:
        callback(app, monkeypatch, token())
    assert raised.value.reason.startswith(reason)
    assert (raised.value.problem, raised.value.status) == ("unavailable", 502)
