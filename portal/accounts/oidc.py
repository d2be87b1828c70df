"""The OpenID Connect client for the council's identity provider (ADR 0032), on Authlib's Flask
client: discovery from OIDC_ISSUER, the authorization code flow with state, nonce and PKCE
(S256), and the ID token's checks.

Authlib checks the token's signature against the provider's published keys (fetching them
again when a key id is new), its expiry and issue time (with two minutes' leeway for clocks),
its nonce and its at_hash. It checks the issuer and the audience only when asked: both are
asked for here, the issuer as configured (not as the discovery document says) and the
audience as this portal's client id.

Nothing from the provider reaches a page as it was written: every failure becomes a
ProviderProblem with a short reason for the audit log (an error code, never a description,
a token or the secret) and a problem for the page to explain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import requests
from authlib.integrations.base_client.errors import MismatchingStateError
from authlib.integrations.flask_client import OAuth, OAuthError
from flask import Flask, current_app, request, session
from joserfc.errors import ClaimError, JoseError

from portal.accounts.identity import VerifiedIdentity, second_factor_shown
from portal.config import Settings

PROVIDER = "council"
SCOPE = "openid email profile"
# Seconds to wait for the provider on each call: a person is waiting on the page.
TIMEOUT_SECONDS = 10
_EXTENSION = "frontdoor.oidc"
_CODE = re.compile(r"[^a-z0-9_.-]")


class ProviderProblem(Exception):
    """The sign-in failed between the portal and the provider. ``problem`` is what the page
    explains (refused, expired, unavailable); ``reason`` is for the audit log; ``status`` is
    the response's status."""

    def __init__(self, problem: str, reason: str, status: int) -> None:
        super().__init__(reason)
        self.problem = problem
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class _Provider:
    oauth: OAuth
    issuer: str
    client_id: str
    groups_claim: str
    name: str


def init_oidc(app: Flask, settings: Settings) -> None:
    """Register the provider when OIDC_ISSUER is set; without it, sign-in through a provider
    is off and nothing about it shows."""
    if not settings.oidc_issuer:
        return
    oauth = OAuth(app)
    oauth.register(
        PROVIDER,
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret,
        server_metadata_url=settings.oidc_issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={
            "scope": SCOPE,
            "code_challenge_method": "S256",
            "default_timeout": TIMEOUT_SECONDS,
        },
    )
    app.extensions[_EXTENSION] = _Provider(
        oauth=oauth,
        issuer=settings.oidc_issuer,
        client_id=settings.oidc_client_id,
        groups_claim=settings.oidc_groups_claim,
        name=settings.oidc_name,
    )


def _provider() -> _Provider | None:
    return current_app.extensions.get(_EXTENSION)


def provider_name() -> str | None:
    """The words after "Sign in with", or None when no provider is configured."""
    provider = _provider()
    return provider.name if provider else None


def _short(code: object) -> str:
    """A provider's error code as a short, safe word for the audit log."""
    return _CODE.sub("", str(code).lower())[:40] or "unknown"


def _metadata(provider: _Provider) -> dict:
    client = provider.oauth.create_client(PROVIDER)
    try:
        metadata = client.load_server_metadata()
    except (requests.RequestException, ValueError) as error:
        raise ProviderProblem(
            "unavailable", f"provider unreachable: discovery failed ({type(error).__name__})", 502
        ) from None
    for needed in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not metadata.get(needed):
            raise ProviderProblem("unavailable", f"discovery has no {needed}", 502)
    if metadata.get("issuer") != provider.issuer:
        # OpenID Connect Discovery 1.0 §4.3: a document naming another issuer is not to be used.
        raise ProviderProblem("unavailable", "discovery names another issuer", 502)
    return metadata


def authorization_url(redirect_uri: str) -> str:
    """Where to send the person to sign in; state, nonce and the PKCE verifier are kept in
    their session until the provider sends them back."""
    provider = _provider()
    _metadata(provider)
    client = provider.oauth.create_client(PROVIDER)
    data = client.create_authorization_url(redirect_uri)
    url = data.pop("url")
    # Only the newest start can finish: each one kept would grow the session cookie (which
    # a browser drops past 4 KB) for an hour, and someone pressing the button again has
    # given up on the one before.
    for key in [key for key in session if key.startswith(f"_state_{PROVIDER}_")]:
        session.pop(key)
    client.save_authorize_data(redirect_uri=redirect_uri, **data)
    return url


def claims_options(issuer: str, client_id: str) -> dict:
    """What Authlib is to check beyond its own checks: the issuer as configured, and this
    portal as the audience (Authlib leaves both unchecked unless asked)."""
    return {
        "iss": {"essential": True, "value": issuer},
        "aud": {"essential": True, "value": client_id},
    }


def verified_identity() -> VerifiedIdentity:
    """The identity in the provider's answer to this request (the callback), checked."""
    provider = _provider()
    error = request.args.get("error")
    if error:
        code = _short(error)
        status = 403 if code == "access_denied" else 502
        raise ProviderProblem(
            "refused" if status == 403 else "unavailable", f"provider said {code}", status
        )
    if not request.args.get("code") or not request.args.get("state"):
        raise ProviderProblem("expired", "callback without a code or a state", 400)
    _metadata(provider)
    client = provider.oauth.create_client(PROVIDER)
    try:
        token = client.authorize_access_token(
            claims_options=claims_options(provider.issuer, provider.client_id)
        )
    except MismatchingStateError:
        raise ProviderProblem("expired", "state did not match this session", 400) from None
    except OAuthError as refused:
        reason = f"token request refused: {_short(refused.error)}"
        raise ProviderProblem("unavailable", reason, 502) from None
    except ClaimError as wrong:
        reason = f"ID token refused: {_short(wrong.error)} {_short(wrong.claim)}"
        raise ProviderProblem("unavailable", reason, 502) from None
    except JoseError as wrong:
        raise ProviderProblem(
            "unavailable", f"ID token refused: {_short(wrong.error)}", 502
        ) from None
    except (requests.RequestException, ValueError) as failed:
        reason = f"provider unreachable: token request failed ({type(failed).__name__})"
        raise ProviderProblem("unavailable", reason, 502) from None
    claims = token.get("userinfo")
    if not claims:
        raise ProviderProblem("unavailable", "no ID token in the provider's answer", 502)
    return identity_from_claims(claims, provider.issuer, provider.groups_claim)


def identity_from_claims(claims: dict, issuer: str, groups_claim: str) -> VerifiedIdentity:
    """What the checked ID token says about the person, in the portal's terms."""
    groups = claims.get(groups_claim)
    if isinstance(groups, str):
        groups = [groups]
    left_out = groups is None and groups_claim in (claims.get("_claim_names") or {})
    email = claims.get("email")
    verified = claims.get("email_verified")
    name = claims.get("name")
    return VerifiedIdentity(
        issuer=issuer,
        subject=str(claims["sub"]),
        email=email.strip() if isinstance(email, str) else "",
        multi_factor=second_factor_shown(claims.get("amr")),
        display_name=" ".join(name.split()) if isinstance(name, str) else "",
        groups=tuple(str(group) for group in (groups or ()) if isinstance(group, str | int)),
        email_verified=verified if isinstance(verified, bool) else None,
        groups_left_out=bool(left_out),
    )
