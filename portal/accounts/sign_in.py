"""Checking who someone is: password, then second factor; failures slow down, then lock.

After 3 failures in a row (passwords and codes count together, so a stolen password does not
buy a million guesses at the code) each try must wait twice as long as the last, from 5 seconds;
the 10th locks the account for an hour, or until an administrator unlocks it. A success clears
the count. Every failure is audited, with the reason but never what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from portal import audit
from portal.accounts import sessions, two_factor
from portal.accounts.passwords import hash_password, needs_rehash, verify_password
from portal.data.accounts import StaffUser, by_email
from portal.data.database import utcnow

FREE_ATTEMPTS = 3
FIRST_WAIT = timedelta(seconds=5)
LOCK_AFTER = 10
LOCK_FOR = timedelta(hours=1)


@dataclass(frozen=True)
class Outcome:
    """``user`` when the step passed; else ``problem`` (wrong, wait, locked, disabled), with
    ``until`` saying when to try again for wait and locked."""

    user: StaffUser | None = None
    problem: str | None = None
    until: datetime | None = None


def wait_until(user: StaffUser) -> datetime | None:
    if user.failed_attempts < FREE_ATTEMPTS or user.last_failed_at is None:
        return None
    return user.last_failed_at + FIRST_WAIT * 2 ** (user.failed_attempts - FREE_ATTEMPTS)


def _refused_now(user: StaffUser) -> Outcome | None:
    """Locked or too soon: refused without looking at what was typed (and not counted)."""
    now = utcnow()
    if user.locked_until is not None:
        if now < user.locked_until:
            return Outcome(problem="locked", until=user.locked_until)
        # The hour is over: a fresh start, rather than one more slip locking it again.
        user.locked_until = None
        user.failed_attempts = 0
    wait = wait_until(user)
    if wait is not None and now < wait:
        return Outcome(problem="wait", until=wait)
    return None


def register_failure(user: StaffUser, reason: str) -> Outcome:
    user.failed_attempts += 1
    user.last_failed_at = utcnow()
    audit.record(
        "sign-in-failed",
        actor=user.email,
        actor_id=user.id,
        detail={"reason": reason, "attempts": user.failed_attempts},
    )
    if user.failed_attempts >= LOCK_AFTER:
        user.locked_until = user.last_failed_at + LOCK_FOR
        # A lock also ends any session the account already has.
        user.session_token = sessions.new_session_token()
        audit.record("account-locked", actor=user.email, actor_id=user.id)
        return Outcome(problem="locked", until=user.locked_until)
    return Outcome(problem="wrong", until=wait_until(user))


def check_password(email: str, password: str) -> Outcome:
    user = by_email(email)
    if user is None or user.password_hash is None:
        verify_password(None, password)  # as long as a real check takes
        audit.record("sign-in-failed", actor="unknown", detail={"reason": "no such account"})
        return Outcome(problem="wrong")
    refused = _refused_now(user)
    if refused is not None:
        audit.record(
            "sign-in-failed", actor=user.email, actor_id=user.id, detail={"reason": refused.problem}
        )
        return refused
    if not verify_password(user.password_hash, password):
        return register_failure(user, "wrong password")
    if user.is_disabled:
        audit.record(
            "sign-in-failed", actor=user.email, actor_id=user.id, detail={"reason": "disabled"}
        )
        return Outcome(problem="disabled")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return Outcome(user=user)


def check_code(user: StaffUser, code: str) -> Outcome:
    """The six-digit code from the app (at sign-in, or to finish setting the app up)."""
    refused = _refused_now(user)
    if refused is not None:
        return refused
    if two_factor.accept_code(user, code):
        return Outcome(user=user)
    return register_failure(user, "wrong code")


def check_recovery_code(user: StaffUser, code: str) -> Outcome:
    refused = _refused_now(user)
    if refused is not None:
        return refused
    if two_factor.use_recovery_code(user, code):
        audit.record(
            "recovery-code-used",
            actor=user.email,
            actor_id=user.id,
            detail={"left": two_factor.recovery_codes_left(user)},
        )
        return Outcome(user=user)
    return register_failure(user, "wrong recovery code")


def start_enrolment(user: StaffUser) -> None:
    """Give the account a secret to set its app up with (the same one until it is confirmed)."""
    if user.totp_secret is None or user.totp_confirmed_at is not None:
        user.totp_secret = two_factor.new_secret()
        user.totp_confirmed_at = None
        user.totp_last_step = None


def finish_enrolment(user: StaffUser, code: str) -> tuple[Outcome, list[str]]:
    """Confirm the app with a code from it; on success, the 10 recovery codes to show once."""
    outcome = check_code(user, code)
    if outcome.user is None:
        return outcome, []
    user.totp_confirmed_at = utcnow()
    codes = two_factor.new_recovery_codes(user)
    audit.record("two-factor-set-up", actor=user.email, actor_id=user.id)
    return outcome, codes
