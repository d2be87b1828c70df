"""Writing to the audit log from a request or a command: who, what, which submission, from where.

Each call adds one row in the caller's transaction (portal/data/audit.py keeps the chain), so
the thing audited and its audit row are committed together or not at all. Never pass a password,
a code or a form answer in ``detail``.
"""

from __future__ import annotations

import getpass

from flask import has_request_context, request

from portal.data.audit import AuditEvent, append
from portal.log import request_id

# A person's own sign-ins and sign-outs: about their account, not about anything they saw, so
# "what has this person seen" leaves them out (the audit log itself shows them).
_SIGN_INS = (
    "signed-in",
    "sign-in-failed",
    "signed-out",
    "timed-out",
    "account-locked",
    "two-factor-set-up",
    "recovery-code-used",
)
SIGN_IN_ACTIONS = frozenset(_SIGN_INS)

# What is audited, each in words for the audit pages and their downloads (staff pages are
# English only). A new kind of event is added here, so the log's vocabulary is in one place.
ACTION_WORDS = {
    "signed-in": "Signed in",
    "sign-in-failed": "Failed to sign in",
    "signed-out": "Signed out",
    "timed-out": "Signed out after 30 minutes idle",
    "account-locked": "Account locked after failed sign-ins",
    "two-factor-set-up": "Set up their authenticator app",
    "recovery-code-used": "Signed in with a recovery code",
    "user-created": "Created a staff account",
    "user-disabled": "Disabled a staff account",
    "user-unlocked": "Unlocked a staff account",
    "roles-changed": "Changed an account's roles or teams",
    "two-factor-reset": "Reset an account's authenticator app",
    # The workspace (issue #9 §6): every list, search and look at a submission, with the filters
    # used; every action on one (each also an event in the submission's own timeline).
    "list-viewed": "Viewed a list",
    "searched": "Searched",
    "submission-viewed": "Viewed the submission",
    "submission-printed": "Printed the submission",
    "submission-assigned": "Assigned the submission",
    "submission-released": "Released the submission",
    "priority-changed": "Changed the priority",
    "status-changed": "Changed the status",
    "submission-transferred": "Transferred the submission",
    "note-added": "Added a note",
    "outcome-recorded": "Recorded an outcome",
    "submission-closed": "Closed the submission",
    "submission-reopened": "Reopened the submission",
    # Who has seen what (managers and auditors), and the council's measures.
    "seen-by-viewed": "Viewed who has seen the submission",
    "activity-viewed": "Viewed what a member of staff has seen",
    "audit-log-viewed": "Viewed the audit log",
    "audit-downloaded": "Downloaded from the audit log",
    "dashboard-viewed": "Viewed the dashboard",
    "dashboard-downloaded": "Downloaded the dashboard",
}
ACTIONS = tuple(ACTION_WORDS)


def in_words(action: str) -> str:
    """The action in words; an action no longer in ACTIONS (an old row) as it was recorded."""
    return ACTION_WORDS.get(action, action)


def command_line_actor() -> str:
    """The actor of a `flask users ...` command: the operating-system account that ran it."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "unknown"
    return f"command line ({name})"


def record(
    action: str,
    *,
    actor: str,
    actor_id: int | None = None,
    submission_id: int | None = None,
    detail: dict | None = None,
) -> AuditEvent:
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}")
    in_request = has_request_context()
    return append(
        actor=actor,
        actor_id=actor_id,
        action=action,
        submission_id=submission_id,
        request_id=(request_id() or None) if in_request else None,
        client_address=request.remote_addr if in_request else None,
        detail=detail or None,
    )
