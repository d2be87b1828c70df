"""The workspace's start page (who is signed in, their roles and teams, and for those who see
submissions their open work and the work waiting in their queues) and the list of accounts for
account administrators. The audit pages are in audit_log.py and audit_trails.py."""

from __future__ import annotations

from flask import render_template

from portal.accounts import sessions
from portal.accounts.permissions import (
    MANAGE_USERS,
    ROLES,
    USE_WORKSPACE,
    VIEW_SUBMISSIONS,
    allows,
    permission,
)
from portal.accounts.teams import teams
from portal.data.accounts import all_users
from portal.data.database import utcnow
from portal.routing import config as routing_config
from portal.staff import bp
from portal.staff.forms import SignOutForm
from portal.work_items import queues as work_queues


def _role_list(role_ids) -> str:
    return ", ".join(ROLES[role].name if role in ROLES else role for role in role_ids) or "None"


def _team_list(team_ids) -> str:
    known = teams()
    return ", ".join(known[team].name if team in known else team for team in team_ids) or "None"


@bp.context_processor
def _staff_context() -> dict:
    user = sessions.signed_in_user() if sessions.current_user_signed_in() else None
    return {
        "staff_user": user,
        "staff_can": (lambda required: user is not None and allows(user.roles, required)),
        "sign_out_form": SignOutForm(),
        "staff_timeout_seconds": sessions.IDLE_MINUTES * 60,
        "staff_warning_seconds": sessions.WARN_BEFORE_SECONDS,
        "role_list": _role_list,
        "team_list": _team_list,
        "count_text": work_queues.count_text,
    }


@bp.route("")
@permission(USE_WORKSPACE)
def home():
    user = sessions.signed_in_user()
    queues = routing_config().queues
    my_teams = [
        {"name": teams()[team].name, "queues": [queues[queue] for queue in teams()[team].queues]}
        for team in user.teams
        if team in teams()
    ]
    # Counts only, never a row: the lists themselves are audited when they are opened.
    counts = work_queues.counts(user) if allows(user.roles, VIEW_SUBMISSIONS) else None
    return render_template(
        "staff/home.html",
        user=user,
        my_teams=my_teams,
        counts=counts,
        notice=sessions.take_notice(),
    )


@bp.route("/users")
@permission(MANAGE_USERS)
def users():
    return render_template("staff/users.html", users=all_users(), now=utcnow())
