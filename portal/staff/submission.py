"""The page of one submission, as a worker reads it (issue #9 §4), and its print view.

Only someone whose teams may see it (portal/work_items/access.py) gets it, and every look is
audited. The actions that move it on are in submission_actions.py.
"""

from __future__ import annotations

from flask import render_template

from portal.accounts import sessions
from portal.accounts.permissions import VIEW_SUBMISSIONS, permission
from portal.staff import bp
from portal.staff.submission_view import audited, page, take_banner, visible_to


@bp.route("/submissions/<reference>")
@permission(VIEW_SUBMISSIONS)
def submission(reference: str):
    user = sessions.signed_in_user()
    found = visible_to(user, reference)
    audited(user, found)
    return render_template(
        "staff/submission.html", **page(user, found), banner=take_banner(found.reference)
    )


@bp.route("/submissions/<reference>/print")
@permission(VIEW_SUBMISSIONS)
def submission_print(reference: str):
    user = sessions.signed_in_user()
    found = visible_to(user, reference)
    audited(user, found, "submission-printed")
    return render_template("staff/submission_print.html", **page(user, found))
