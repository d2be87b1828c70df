"""OIDC_* settings: off without an issuer, all-or-nothing with one, each mistake named."""

from __future__ import annotations

import pytest

from portal.config import ConfigError, load_settings

BASE = {"SECRET_KEY": "x" * 40}
ISSUER = "https://login.microsoftonline.com/5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b/v2.0"
FULL = {**BASE, "OIDC_ISSUER": ISSUER, "OIDC_CLIENT_ID": "app-id", "OIDC_CLIENT_SECRET": "s3cr3t"}


def test_without_an_issuer_sign_in_through_a_provider_is_off():
    settings = load_settings(BASE)
    assert settings.oidc_issuer == ""
    assert settings.oidc_groups_claim == "groups"
    assert settings.oidc_name == "your Essex County Council account"


def test_a_full_configuration_is_read_and_the_secret_is_never_in_repr():
    settings = load_settings(
        {**FULL, "OIDC_GROUPS_CLAIM": "roles", "OIDC_NAME": "  your  council account "}
    )
    assert (settings.oidc_issuer, settings.oidc_client_id) == (ISSUER, "app-id")
    assert settings.oidc_client_secret == "s3cr3t"
    assert settings.oidc_groups_claim == "roles"
    assert settings.oidc_name == "your council account"
    assert "s3cr3t" not in repr(settings)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"OIDC_CLIENT_ID": ""}, "With OIDC_ISSUER, set OIDC_CLIENT_ID"),
        ({"OIDC_CLIENT_SECRET": ""}, "With OIDC_ISSUER, set OIDC_CLIENT_SECRET"),
        ({"OIDC_ISSUER": "http://login.example"}, "OIDC_ISSUER must be an https:// address"),
        ({"OIDC_ISSUER": "login.example"}, "OIDC_ISSUER must be an https:// address"),
        ({"OIDC_ISSUER": ISSUER + "?x=1"}, "OIDC_ISSUER must be the issuer alone"),
        ({"OIDC_ISSUER": ""}, "OIDC_CLIENT_ID is set but OIDC_ISSUER is not"),
        ({"OIDC_GROUPS_CLAIM": "my groups"}, "OIDC_GROUPS_CLAIM must be the name of a claim"),
        ({"OIDC_NAME": "   "}, "OIDC_NAME must be the words after 'Sign in with'"),
        ({"OIDC_NAME": "x" * 61}, "OIDC_NAME must be the words after 'Sign in with'"),
    ],
)
def test_each_mistake_stops_start_up_naming_the_variable(changes, message):
    with pytest.raises(ConfigError, match=message):
        load_settings({**FULL, **changes})


def test_a_provider_on_plain_http_is_for_development_and_test_only():
    local = {**FULL, "OIDC_ISSUER": "http://localhost:8080"}
    assert load_settings({**local, "FRONTDOOR_ENV": "test"}).oidc_issuer == "http://localhost:8080"
    with pytest.raises(ConfigError, match="OIDC_ISSUER"):
        load_settings({**local, "FRONTDOOR_ENV": "production"})
