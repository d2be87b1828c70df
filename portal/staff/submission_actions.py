"""The actions that move a submission on (issue #9 §5).

Each is a POST with its CSRF token and the version of the submission the page was shown with.
The change, its event (portal/work_items/items.py) and its audit row are made in the request's
one transaction, then the person is sent back to the submission (303) with a banner saying what
was done. If the submission changed since the page was shown (the version posted is not the
current one, or another request's change lands between reading and writing it, StaleDataError
at the flush), nothing is applied: the page is shown again with 409, who changed it, when and
how, its current state, and what the person typed, ready to send again.

Assign to me, release, close and reopen are buttons on the submission's page; the actions that
need something typed or chosen have pages of their own (submission_action_pages.py).
"""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, redirect, render_template, request, session, url_for
from sqlalchemy.orm.exc import StaleDataError

from portal.accounts import sessions
from portal.accounts.permissions import MANAGE_TEAM_WORK, WORK_SUBMISSIONS, permission
from portal.data import db
from portal.data.accounts import StaffUser
from portal.data.journeys import Submission
from portal.errors import rerender_on_csrf_error
from portal.forms import csrf_error
from portal.staff import bp, submission_view
from portal.work_items import access, items

CLOSED = "This submission is closed, so it cannot be changed. A team manager can reopen it."

# What an action does: (banner text, audit action, audit detail). Raising NotAllowed with a
# message for staff refuses it.
Change = Callable[[Submission, StaffUser], tuple[str, str, dict]]


def posted_version() -> int | None:
    value = request.form.get("version", "")
    return int(value) if value.isdigit() else None


def actor(user: StaffUser) -> str:
    return str(user.id)


def applied(user: StaffUser, submission: Submission, change: Change) -> bool:
    """Make the change with its audit row; False, with everything rolled back, when another
    request changed the submission first."""
    try:
        banner, action, detail = change(submission, user)
        submission_view.audited(user, submission, action, **detail)
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        return False
    submission_view.give_banner(submission.reference, banner)
    return True


def back_to(user: StaffUser, submission: Submission):
    """The submission's page; the start page, saying so, when the change took it out of the
    person's sight (transferred to a queue their teams do not work)."""
    if access.may_view(user, submission):
        return redirect(url_for("staff.submission", reference=submission.reference), 303)
    text = session.pop(submission_view.BANNER_KEY, {}).get("text", "Done")
    session["staff_notice"] = {
        "text": f"{submission.reference}: {text}. Your teams no longer see it in their queues."
    }
    return redirect(url_for("staff.home"), 303)


def _page_again(user, submission, *, status, errors=None, conflict=None):
    """The submission's page shown again after a button's action was not applied."""
    submission_view.audited(user, submission)
    context = submission_view.page(user, submission)
    return (
        render_template("staff/submission.html", **context, errors=errors or [], conflict=conflict),
        status,
    )


def button(reference: str, allowed: Callable[[StaffUser, Submission], bool], change: Change):
    """A button's action: checked, applied, or the page shown again saying why not."""
    user = sessions.signed_in_user()
    submission = submission_view.visible_to(user, reference)
    if not allowed(user, submission):
        abort(403)
    if csrf_error():
        return _page_again(
            user, submission, status=400, errors=[{"text": csrf_error(), "href": "#actions"}]
        )
    if posted_version() != submission.version:
        conflict = submission_view.conflict(submission)
        return _page_again(user, submission, status=409, conflict=conflict)
    try:
        done = applied(user, submission, change)
    except items.NotAllowed as refused:
        db.session.rollback()
        submission = submission_view.visible_to(user, reference)
        problem = [{"text": str(refused), "href": "#actions"}]
        return _page_again(user, submission, status=409, errors=problem)
    if not done:
        submission = submission_view.visible_to(user, reference)
        conflict = submission_view.conflict(submission)
        return _page_again(user, submission, status=409, conflict=conflict)
    return back_to(user, submission)


def open_only(submission: Submission) -> None:
    if not items.is_open(submission):
        raise items.NotAllowed(CLOSED)


@bp.route("/submissions/<reference>/assign-to-me", methods=["POST"])
@permission(WORK_SUBMISSIONS)
@rerender_on_csrf_error
def assign_to_me(reference: str):
    def change(submission, user):
        open_only(submission)
        if submission.assignee == actor(user):
            raise items.NotAllowed("It is already assigned to you.")
        if submission.assignee and not access.manages(user, submission):
            raise items.NotAllowed(
                "It is assigned to someone else. Ask them or a team manager to release it first."
            )
        items.assign(submission, actor(user), actor=actor(user))
        return "Assigned to you", "submission-assigned", {"assignee": user.id}

    return button(reference, access.may_work, change)


@bp.route("/submissions/<reference>/release", methods=["POST"])
@permission(WORK_SUBMISSIONS)
@rerender_on_csrf_error
def release(reference: str):
    def allowed(user, submission):
        mine = submission.assignee == actor(user)
        return access.may_work(user, submission) and (mine or access.manages(user, submission))

    def change(submission, user):
        if not submission.assignee:
            raise items.NotAllowed("It is not assigned to anyone.")
        before = submission.assignee
        items.assign(submission, None, actor=actor(user))
        detail = {"assignee": int(before) if before.isdigit() else before}
        return "Released: it is back in the queue for the team", "submission-released", detail

    return button(reference, allowed, change)


@bp.route("/submissions/<reference>/close", methods=["POST"])
@permission(WORK_SUBMISSIONS)
@rerender_on_csrf_error
def close(reference: str):
    def change(submission, user):
        open_only(submission)
        items.close(submission, actor=actor(user))
        return "Closed", "submission-closed", {"outcome": submission.outcome}

    return button(reference, access.may_work, change)


@bp.route("/submissions/<reference>/reopen", methods=["POST"])
@permission(MANAGE_TEAM_WORK)
@rerender_on_csrf_error
def reopen(reference: str):
    def change(submission, user):
        items.reopen(submission, actor=actor(user))
        return "Reopened", "submission-reopened", {}

    return button(reference, access.manages, change)
