"""Signing in an identity the council's identity provider vouched for (ADR 0032).

The OpenID Connect client (portal/accounts/oidc.py) checks the ID token; this module decides
what the verified claims mean here: whether the provider checked a second factor, which roles
and teams the person's groups give (config/identity-groups.yaml), and which account is theirs.
An account is found by the provider's (issuer, subject) pair; failing that, an account with
the same email address and no provider yet is linked to it; failing that, one is made just in
time, with no password and no authenticator app (the provider's second factor is its second
factor). Its roles and teams are set from the groups at every sign-in.

A refusal here is not a guess at a password, so it does not count towards a lock; every one is
audited with its reason, never with a token.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from portal import audit
from portal.accounts import sessions
from portal.accounts.identity_groups import Access, access_for
from portal.accounts.users import UserError, check_roles_and_teams, create_user
from portal.data import db
from portal.data.accounts import StaffUser, by_email, by_identity
from portal.data.database import utcnow

# RFC 8176 authentication method references, by the kind of factor each proves. Two kinds
# together are two factors; one method alone (even a one-time code) is one.
_KNOWLEDGE = frozenset({"pwd", "pin", "kba"})
_POSSESSION = frozenset({"otp", "hwk", "swk", "sms", "tel", "sc"})
_INHERENCE = frozenset({"fpt", "face", "iris", "retina", "vbm"})


def second_factor_shown(amr: Iterable[str] | None) -> bool:
    """True when the provider's ``amr`` claim says more than one factor was checked: "mfa"
    itself, or methods of two different kinds (a password and a one-time code, a hardware key
    and its PIN)."""
    methods = {value for value in (amr or ()) if isinstance(value, str)}
    if "mfa" in methods:
        return True
    kinds = [bool(methods & kind) for kind in (_KNOWLEDGE, _POSSESSION, _INHERENCE)]
    return sum(kinds) >= 2


@dataclass(frozen=True)
class VerifiedIdentity:
    """What an identity provider vouched for, after its token's signature, issuer, audience,
    expiry and nonce have been checked (by the OpenID Connect client, not here)."""

    issuer: str
    subject: str
    email: str
    # True when the provider says it checked a second factor (the `amr` claim): every staff
    # account needs one, so without it the provider's word is not enough.
    multi_factor: bool
    display_name: str = ""
    groups: tuple[str, ...] = ()
    # False when the provider says outright that it has not checked the address: such an
    # address neither links an account nor makes one. (Entra ID does not send the claim.)
    email_verified: bool | None = None
    # The provider left the groups out because there are too many for a token (Entra ID's
    # "group overage"): who this is may be right, but what they may do is unknown.
    groups_left_out: bool = False


@dataclass(frozen=True)
class IdentityOutcome:
    """``user`` when signed in; else ``problem``: no-second-factor, not-set-up, no-email,
    linked-elsewhere, disabled or locked (with ``until``)."""

    user: StaffUser | None = None
    problem: str | None = None
    until: datetime | None = None
    details: dict = field(default_factory=dict)


def _refuse(identity: VerifiedIdentity, user: StaffUser | None, problem: str, reason: str):
    audit.record(
        "sign-in-failed",
        actor=user.email if user else (identity.email or "unknown"),
        actor_id=user.id if user else None,
        detail={"reason": reason, "issuer": identity.issuer},
    )
    until = user.locked_until if user is not None and problem == "locked" else None
    return IdentityOutcome(problem=problem, until=until)


def _find(identity: VerifiedIdentity) -> tuple[StaffUser | None, str | None]:
    """(the account, None), (an account to link, "link") or (None, "linked-elsewhere")."""
    user = by_identity(identity.issuer, identity.subject)
    if user is not None or not identity.email or identity.email_verified is False:
        return user, None
    user = by_email(identity.email)
    if user is None:
        return None, None
    if user.identity_issuer == identity.issuer:
        # The address belongs to an account tied to someone else at this provider: never hand
        # it over on the strength of an email address alone.
        return user, "linked-elsewhere"
    # Not linked yet, or linked at an issuer the portal no longer trusts (OIDC_ISSUER changed,
    # as from Entra's v2.0 issuer to its v1.0 one): that link can never be used again, so the
    # address links the account afresh, as it would have the first time.
    return user, "link"


def _access_problem(identity: VerifiedIdentity, access: Access) -> str | None:
    if identity.groups_left_out:
        return "the provider left the groups out (too many for a token)"
    if not access.roles:
        return "no group mapped to a role"
    try:
        check_roles_and_teams(list(access.roles), list(access.teams))
    except UserError as error:
        return f"groups incomplete: {error}"
    return None


def _keep_up_to_date(user: StaffUser, identity: VerifiedIdentity, details: dict) -> None:
    """The provider is where names and addresses change: follow it, when nobody else here
    already has the new address."""
    if identity.display_name and identity.display_name != user.display_name:
        user.display_name = identity.display_name[:100]
    email = (identity.email or "").strip().lower()
    usable = email and identity.email_verified is not False
    if usable and email != user.email and by_email(email) is None:
        details["email_changed_from"] = user.email
        user.email = email


def _set_access(user: StaffUser, access: Access, issuer: str) -> None:
    before = {"roles": list(user.roles), "teams": list(user.teams)}
    after = {"roles": list(access.roles), "teams": list(access.teams)}
    if before == after:
        return
    user.set_roles(list(access.roles))
    user.set_teams(list(access.teams))
    audit.record(
        "roles-changed",
        actor=f"identity provider groups ({issuer})",
        detail={"user": user.email, "from": before, "to": after, "groups": list(access.groups)},
    )


def _create(identity: VerifiedIdentity, access: Access) -> StaffUser | None:
    """A new account for the identity; None when its address is taken, as when the same person
    signed in from two tabs at once and the other request made the account first (its insert
    then meets the unique address here, or this one sees the address already taken)."""
    try:
        return create_user(
            identity.email,
            (identity.display_name or identity.email)[:100],
            None,
            list(access.roles),
            list(access.teams),
            actor=f"identity provider ({identity.issuer})",
        )
    except (UserError, IntegrityError):
        # Nothing else was written in this request before the account, so rolling back loses
        # nothing, and lets the next query see the other request's account.
        db.session.rollback()
        return None


def sign_in_with_identity(identity: VerifiedIdentity) -> IdentityOutcome:
    """Sign in the account for a verified identity, making or linking it as needed."""
    user, how = _find(identity)
    if how == "linked-elsewhere":
        reason = "email belongs to an account linked to another identity"
        return _refuse(identity, user, how, reason)
    if not identity.multi_factor:
        return _refuse(
            identity, user, "no-second-factor", "no second factor at the identity provider"
        )
    access = access_for(identity.groups)
    problem = _access_problem(identity, access)
    if problem is not None:
        return _refuse(identity, user, "not-set-up", problem)
    if user is not None:
        if user.is_disabled:
            return _refuse(identity, user, "disabled", "disabled")
        if user.locked_until is not None and utcnow() < user.locked_until:
            return _refuse(identity, user, "locked", "locked")

    details: dict = {"issuer": identity.issuer}
    if user is None:
        if not identity.email or identity.email_verified is False:
            return _refuse(identity, None, "no-email", "no verified email from the provider")
        user = _create(identity, access)
        if user is None:
            # Another sign-in by the same person (a second tab) made the account a moment
            # ago: use that one rather than fail.
            user, how = _find(identity)
            if user is None or how is not None:
                return _refuse(identity, None, "no-email", "the provider's email is not usable")
            if user.is_disabled:
                return _refuse(identity, user, "disabled", "disabled")
        else:
            details["created"] = True
    elif how == "link":
        details["linked"] = True
        if user.identity_issuer is not None:
            details["linked_before_at"] = user.identity_issuer
    if how == "link" or details.get("created"):
        user.identity_issuer = identity.issuer
        user.identity_subject = identity.subject
    if not details.get("created"):
        _keep_up_to_date(user, identity, details)
    _set_access(user, access, identity.issuer)
    sessions.complete_sign_in(user, "identity provider", **details)
    return IdentityOutcome(user=user, details=details)
