"""Roles and what each may do, as data; and the one decorator every staff route declares.

A route says which permission it needs (``@permission(MANAGE_USERS)``), never which roles: the
table below is the one place that says which role has which permission, so a new role is a new
row and no view changes. ``tests/integration/test_route_permissions.py`` walks the app's URL map
and fails on any route outside the public blueprints without a declaration (ADR 0025).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps

from flask import abort, redirect, request, url_for

# Not permissions but the two ways into the sign-in pages themselves: anyone at all (the
# email and password page, sign-out), or someone whose password has just been accepted and who
# is now asked for their second factor.
ANYONE = "anyone"
PASSWORD_CHECKED = "password-checked"  # noqa: S105 - a state, not a password

USE_WORKSPACE = "use-workspace"
VIEW_SUBMISSIONS = "view-submissions"
WORK_SUBMISSIONS = "work-submissions"
MANAGE_TEAM_WORK = "manage-team-work"
WORK_SAFEGUARDING = "work-safeguarding"
MANAGE_USERS = "manage-users"
READ_AUDIT_LOG = "read-audit-log"
# Who has seen a submission and what they did with it: a team manager for a submission their
# teams may see, an auditor for any (portal.work_items.access.may_see_who_has_seen decides
# which submission; the route declares this, and the view asks that check).
SEE_WHO_HAS_SEEN = "see-who-has-seen"
VIEW_DASHBOARD = "view-dashboard"

PERMISSIONS = {
    USE_WORKSPACE: "Sign in and see the workspace's start page",
    VIEW_SUBMISSIONS: "Read the submissions in their teams' queues",
    WORK_SUBMISSIONS: "Pick up, note, re-prioritise, transfer and close their teams' work",
    MANAGE_TEAM_WORK: "Assign their teams' work to others, reopen it and see All work",
    WORK_SAFEGUARDING: "Work safeguarding alerts (in a safeguarding team's queues)",
    MANAGE_USERS: "Create and disable staff accounts and change their roles and teams",
    READ_AUDIT_LOG: "Read the audit log",
    SEE_WHO_HAS_SEEN: "See who has seen a submission: their teams' (managers) or any (auditors)",
    VIEW_DASHBOARD: "Read the dashboard: counts of their teams' queues, never a person (ADR 0031)",
}


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    permissions: frozenset[str]
    # Roles whose work is a team's queues: an account with one must be in at least one team.
    needs_team: bool = False


_CASEWORK = frozenset({USE_WORKSPACE, VIEW_SUBMISSIONS, WORK_SUBMISSIONS})

ROLES: dict[str, Role] = {
    role.id: role
    for role in (
        Role("caseworker", "Caseworker", _CASEWORK, needs_team=True),
        # Team managers report on their teams' work: the dashboard's counts of their queues.
        Role(
            "team-manager",
            "Team manager",
            _CASEWORK | {MANAGE_TEAM_WORK, SEE_WHO_HAS_SEEN, VIEW_DASHBOARD},
            needs_team=True,
        ),
        Role(
            "safeguarding-practitioner",
            "Safeguarding practitioner",
            _CASEWORK | {WORK_SAFEGUARDING},
            needs_team=True,
        ),
        # Manages accounts and sees no submission (issue #9, section 2).
        Role(
            "account-administrator",
            "Account administrator",
            frozenset({USE_WORKSPACE, MANAGE_USERS}),
        ),
        # Reads the audit log and any submission's audit trail, never a submission's answers.
        Role(
            "auditor",
            "Auditor",
            frozenset({USE_WORKSPACE, READ_AUDIT_LOG, SEE_WHO_HAS_SEEN}),
        ),
    )
}


def permissions_of(roles: Iterable[str]) -> frozenset[str]:
    """Everything the roles allow together (an unknown role id allows nothing)."""
    found: set[str] = set()
    for role in roles:
        if role in ROLES:
            found |= ROLES[role].permissions
    return frozenset(found)


def allows(roles: Iterable[str], required: str) -> bool:
    return required in permissions_of(roles)


def permission(required: str) -> Callable:
    """Declare what a staff route needs: one of PERMISSIONS, ANYONE or PASSWORD_CHECKED.

    Someone not signed in (or whose session idled out) is sent to the sign-in page and brought
    back afterwards; someone signed in without the permission gets 403.
    """
    if required not in PERMISSIONS and required not in (ANYONE, PASSWORD_CHECKED):
        raise ValueError(f"Unknown permission {required!r}")

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args, **kwargs):
            from portal.accounts import sessions

            if required == PASSWORD_CHECKED:
                if sessions.pending_user() is None:
                    return redirect(url_for("staff.sign_in"), 303)
            elif required != ANYONE:
                user = sessions.signed_in_user()
                if user is None:
                    reason = "timed-out" if sessions.timed_out() else None
                    return redirect(url_for("staff.sign_in", next=request.path, reason=reason))
                if not allows(user.roles, required):
                    abort(403)
            return view(*args, **kwargs)

        wrapper.required_permission = required
        return wrapper

    return decorator
