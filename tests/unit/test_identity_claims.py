"""What a checked ID token's claims mean here: whether a second factor was used (RFC 8176
`amr` values), the groups, and an email address the provider says it has not checked."""

from __future__ import annotations

import pytest

from portal.accounts.identity import second_factor_shown
from portal.accounts.oidc import identity_from_claims

ISSUER = "https://login.example"


@pytest.mark.parametrize(
    ("amr", "shown"),
    [
        (["pwd", "mfa"], True),
        (["mfa"], True),
        (["pwd", "otp"], True),  # something known and something held
        (["hwk", "pin"], True),  # a security key and its PIN
        (["swk", "face"], True),
        (["pwd"], False),
        (["otp"], False),  # one code alone is one factor
        (["hwk"], False),
        (["pwd", "kba"], False),  # two things known are still one kind
        (["wia", "rsa"], False),  # methods of no known kind prove nothing here
        ([], False),
        (None, False),
        ("mfa", False),  # not a list: Authlib refuses it before this, and so does this
    ],
)
def test_a_second_factor_is_mfa_or_two_kinds_of_factor(amr, shown):
    assert second_factor_shown(amr) is shown


def test_claims_become_an_identity_in_the_portals_terms():
    identity = identity_from_claims(
        {
            "sub": "abc",
            "email": " Jo.Bloggs@essex.gov.uk ",
            "name": "Jo   Bloggs",
            "amr": ["pwd", "mfa"],
            "roles": "single-group",
        },
        ISSUER,
        "roles",
    )
    assert identity.issuer == ISSUER and identity.subject == "abc"
    assert identity.email == "Jo.Bloggs@essex.gov.uk" and identity.display_name == "Jo Bloggs"
    assert identity.multi_factor and identity.groups == ("single-group",)
    assert identity.email_verified is None and not identity.groups_left_out


def test_groups_left_out_for_being_too_many_and_an_unverified_address_are_noticed():
    identity = identity_from_claims(
        {"sub": "abc", "email_verified": False, "_claim_names": {"groups": "src1"}},
        ISSUER,
        "groups",
    )
    assert identity.groups == () and identity.groups_left_out
    assert identity.email == "" and identity.email_verified is False
    assert not identity.multi_factor
