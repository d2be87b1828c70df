"""Creating and changing staff accounts (the `flask users` commands call these).

Each change is audited with who made it. Roles come from portal/accounts/permissions.py and teams
from config/staff-teams.yaml; a role whose work is a team's queues needs a team, and a
safeguarding practitioner needs a safeguarding team.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from portal import audit
from portal.accounts import sessions
from portal.accounts.passwords import hash_password, password_problems
from portal.accounts.permissions import ROLES
from portal.accounts.teams import teams as all_teams
from portal.data import db
from portal.data.accounts import StaffUser, by_email
from portal.data.database import utcnow


class UserError(ValueError):
    """The change cannot be made; the message says why, for the person running the command."""


def check_roles_and_teams(roles: list[str], teams: list[str]) -> None:
    """Raise UserError when the roles and teams cannot go together (or do not exist)."""
    known_teams = all_teams()
    unknown = [role for role in roles if role not in ROLES]
    if unknown:
        raise UserError(f"Unknown role {unknown[0]!r}: one of {', '.join(ROLES)}.")
    missing = [team for team in teams if team not in known_teams]
    if missing:
        raise UserError(f"Unknown team {missing[0]!r}: one of {', '.join(known_teams)}.")
    if any(ROLES[role].needs_team for role in roles) and not teams:
        raise UserError("A caseworker, team manager or safeguarding practitioner needs a team.")
    if "safeguarding-practitioner" in roles and not any(
        known_teams[team].safeguarding for team in teams
    ):
        raise UserError("A safeguarding practitioner must be in a safeguarding team.")


def _get(email: str) -> StaffUser:
    user = by_email(email)
    if user is None:
        raise UserError(f"There is no account for {email}.")
    return user


def create_user(
    email: str,
    display_name: str,
    password: str | None,
    roles: list[str],
    teams: list[str],
    *,
    actor: str,
) -> StaffUser:
    """A new account; without a password it can only sign in through an identity provider."""
    try:
        email = validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise UserError(f"{email!r} is not an email address: {error}") from None
    if by_email(email) is not None:
        raise UserError(f"There is already an account for {email}.")
    if not display_name.strip():
        raise UserError("Give the person's name as colleagues know it.")
    check_roles_and_teams(roles, teams)
    if password is not None:
        problems = password_problems(password, email)
        if problems:
            raise UserError(" ".join(problems))
    user = StaffUser(
        email=email,
        display_name=display_name.strip(),
        password_hash=hash_password(password) if password is not None else None,
        failed_attempts=0,
        session_token=sessions.new_session_token(),
    )
    user.set_roles(roles)
    user.set_teams(teams)
    db.session.add(user)
    db.session.flush()
    audit.record(
        "user-created",
        actor=actor,
        detail={"user": user.email, "roles": list(user.roles), "teams": list(user.teams)},
    )
    return user


def disable_user(email: str, *, actor: str) -> StaffUser:
    """The account can no longer sign in, and its sessions end at their next request."""
    user = _get(email)
    if user.is_disabled:
        raise UserError(f"The account for {user.email} is already disabled.")
    user.disabled_at = utcnow()
    user.session_token = sessions.new_session_token()
    audit.record("user-disabled", actor=actor, detail={"user": user.email})
    return user


def set_roles(email: str, roles: list[str], teams: list[str] | None, *, actor: str) -> StaffUser:
    """Replace the account's roles (and its teams, when ``teams`` is given)."""
    user = _get(email)
    new_teams = list(user.teams) if teams is None else teams
    check_roles_and_teams(roles, new_teams)
    before = {"roles": list(user.roles), "teams": list(user.teams)}
    user.set_roles(roles)
    user.set_teams(new_teams)
    after = {"roles": sorted(set(roles)), "teams": sorted(set(new_teams))}
    audit.record(
        "roles-changed", actor=actor, detail={"user": user.email, "from": before, "to": after}
    )
    return user


def unlock_user(email: str, *, actor: str) -> StaffUser:
    user = _get(email)
    user.locked_until = None
    user.failed_attempts = 0
    audit.record("user-unlocked", actor=actor, detail={"user": user.email})
    return user


def reset_two_factor(email: str, *, actor: str) -> StaffUser:
    """For a lost phone: the next sign-in sets the app up again (and makes new recovery codes)."""
    user = _get(email)
    user.totp_secret = None
    user.totp_confirmed_at = None
    user.totp_last_step = None
    user.recovery_codes = []
    user.session_token = sessions.new_session_token()
    audit.record("two-factor-reset", actor=actor, detail={"user": user.email})
    return user
