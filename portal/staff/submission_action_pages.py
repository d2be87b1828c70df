"""The actions on a submission that need something chosen or typed, each on a page of its own
with a back link to the submission: change the status, change the priority (with a reason),
transfer to another queue (with a reason), add a note, record an outcome, and, for a team
manager, assign it to a member of the team.

A page of its own (rather than a form on the submission's page) keeps one question per page at
320px without JavaScript, gives its errors a summary at the top of a short page, and lets the
page shown when someone else changed the submission first hold the person's typing (ADR 0029).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import abort, render_template, request
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from portal.accounts import sessions
from portal.accounts.permissions import MANAGE_TEAM_WORK, WORK_SUBMISSIONS, permission
from portal.data import db
from portal.data.accounts import StaffUser, display_names
from portal.data.database import utcnow
from portal.data.journeys import Submission
from portal.errors import rerender_on_csrf_error
from portal.journeys import routing_rules
from portal.routing import PRIORITIES, Decision
from portal.routing.moves import moved
from portal.staff import action_forms, bp, submission_view, words
from portal.staff.submission_actions import CLOSED, actor, applied, back_to, posted_version
from portal.work_items import access, items
from portal.work_items.outcomes import outcomes
from portal.work_items.statuses import status_name, statuses


@dataclass(frozen=True)
class Page:
    slug: str  # its address, after the submission's
    title: str  # its h1
    form: type
    field: str  # the field its choices are for, or its one box
    button: str
    # Who may use it beyond seeing the submission: may_work, or manages for a manager's action.
    allowed: Callable[[StaffUser, Submission], bool] = access.may_work
    open_only: bool = True


def _choices(page: Page, submission: Submission) -> list[SelectChoice]:
    queues = submission_view.queue_names()
    if page.slug == "status":
        return [
            SelectChoice(status.id, status.name)
            for status in statuses().all
            if status.open and status.id != submission.status
        ]
    if page.slug == "priority":
        return [
            SelectChoice(priority, words.priority_name(priority, number))
            for number, priority in enumerate(PRIORITIES, start=1)
            if priority != submission.priority
        ]
    if page.slug == "transfer":
        return [SelectChoice(q, name) for q, name in queues.items() if q != submission.queue]
    if page.slug == "outcome":
        return [
            SelectChoice(outcome.id, outcome.name)
            for outcome in outcomes().for_queue(submission.queue)
        ]
    if page.slug == "assign":
        return [
            SelectChoice(str(user.id), f"{user.display_name} ({user.email})")
            for user in access.workers(submission)
            if str(user.id) != submission.assignee
        ]
    return []


def _change(page: Page, form) -> Callable:
    """What sending the page does, as submission_actions.applied takes it."""
    value = getattr(form, page.field).data
    reason = (form.reason.data or "").strip() if hasattr(form, "reason") else ""

    def change(submission: Submission, user: StaffUser) -> tuple[str, str, dict]:
        me = actor(user)
        queues = submission_view.queue_names()
        if page.slug == "status":
            before = submission.status
            items.change_status(submission, value, actor=me)
            text = f"Status changed to {status_name(value)}"
            return text, "status-changed", {"from": before, "to": value}
        if page.slug == "priority":
            before = submission.priority
            said = f"Priority changed from {words.priority_name(before)} to "
            said += f"{words.priority_name(value)}: {reason}"
            decision = moved(
                Decision.from_json(submission.routing),
                priority=value,
                start=items.entered_queue_at(submission),
                reason={"id": "priority-changed", "text": said},
                rules=routing_rules(),
            )
            items.change_priority(submission, decision, actor=me, reason=reason)
            text = f"Priority changed to {words.priority_name(value, submission.priority_rank)}"
            return text, "priority-changed", {"from": before, "to": value}
        if page.slug == "transfer":
            before = submission.queue
            said = f"Transferred from {queues.get(before, before)} to {queues[value]}: {reason}"
            decision = moved(
                Decision.from_json(submission.routing),
                queue=value,
                start=utcnow(),
                reason={"id": "transferred", "text": said},
                rules=routing_rules(),
            )
            items.transfer(submission, decision, actor=me, reason=reason)
            return (
                f"Transferred to {queues[value]}",
                "submission-transferred",
                {
                    "from": before,
                    "to": value,
                },
            )
        if page.slug == "note":
            items.add_note(submission, value, actor=me)
            return "Note added", "note-added", {}
        if page.slug == "outcome":
            items.record_outcome(submission, value, actor=me)
            name = outcomes().name(value, submission.queue)
            return (
                f"Outcome recorded: {name}. You can close it now",
                "outcome-recorded",
                {"outcome": value},
            )
        items.assign(submission, value, actor=me)
        name = words.person(value, display_names([value]))
        return f"Assigned to {name}", "submission-assigned", {"assignee": int(value)}

    return change


def action_page(reference: str, page: Page):
    user = sessions.signed_in_user()
    submission = submission_view.visible_to(user, reference)
    if not page.allowed(user, submission):
        abort(403)
    form = page.form()
    if page.field != "note":
        getattr(form, page.field).choices = _choices(page, submission)
    closed = page.open_only and not items.is_open(submission)
    status, conflict = 200, None
    if request.method == "GET" and page.slug == "outcome" and submission.outcome:
        form.outcome.data = submission.outcome
    if request.method == "POST":
        valid = form.validate()
        if form.csrf_token.errors:
            pass  # shown again with what was typed and the message; nothing is applied
        elif posted_version() != submission.version:
            status, conflict = 409, submission_view.conflict(submission)
            _forget_errors(form)
        elif closed:
            status = 409
        elif valid:
            try:
                done = applied(user, submission, _change(page, form))
            except items.NotAllowed as refused:
                db.session.rollback()
                submission = submission_view.visible_to(user, reference)
                getattr(form, page.field).errors = [str(refused)]
                status = 409
            else:
                if done:
                    return back_to(user, submission)
                submission = submission_view.visible_to(user, reference)
                if not page.allowed(user, submission):
                    abort(403)
                getattr(form, page.field).choices = _choices(page, submission)
                status, conflict = 409, submission_view.conflict(submission)
                _forget_errors(form)
    submission_view.audited(user, submission, page=page.slug)
    names = display_names([submission.assignee])
    return (
        render_template(
            "staff/submission_action.html",
            page=page,
            form=form,
            field=getattr(form, page.field),
            submission=submission,
            state=submission_view.state(submission, names),
            conflict=conflict,
            closed=closed and CLOSED,
            journey_title=submission_view.journey_of(submission).title,
            field_limit=_limit,
        ),
        status,
    )


def _limit(field) -> int:
    return next(check.max for check in field.validators if isinstance(check, Length))


def _forget_errors(form) -> None:
    """What was typed is kept; the conflict, not a missing answer, is what the page says."""
    for field in form:
        field.errors = []


PAGES = {
    page.slug: page
    for page in (
        Page("status", "Change the status", action_forms.StatusForm, "status", "Change status"),
        Page(
            "priority",
            "Change the priority",
            action_forms.PriorityForm,
            "priority",
            "Change priority",
        ),
        Page(
            "transfer",
            "Transfer to another queue",
            action_forms.TransferForm,
            "queue",
            "Transfer",
        ),
        Page("note", "Add a note", action_forms.NoteForm, "note", "Add note", open_only=False),
        Page("outcome", "Record an outcome", action_forms.OutcomeForm, "outcome", "Record"),
        Page(
            "assign",
            "Assign to a member of the team",
            action_forms.AssignForm,
            "assignee",
            "Assign",
            allowed=access.manages,
        ),
    )
}


@bp.route("/submissions/<reference>/status", methods=["GET", "POST"])
@permission(WORK_SUBMISSIONS)
@rerender_on_csrf_error
def submission_status(reference: str):
    return action_page(reference, PAGES["status"])


@bp.route("/submissions/<reference>/priority", methods=["GET", "POST"])
@permission(WORK_SUBMISSIONS)
@rerender_on_csrf_error
def submission_priority(reference: str):
    return action_page(reference, PAGES["priority"])


@bp.route("/submissions/<reference>/transfer", methods=["GET", "POST"])
@permission(WORK_SUBMISSIONS)
@rerender_on_csrf_error
def submission_transfer(reference: str):
    return action_page(reference, PAGES["transfer"])


@bp.route("/submissions/<reference>/note", methods=["GET", "POST"])
@permission(WORK_SUBMISSIONS)
@rerender_on_csrf_error
def submission_note(reference: str):
    return action_page(reference, PAGES["note"])


@bp.route("/submissions/<reference>/outcome", methods=["GET", "POST"])
@permission(WORK_SUBMISSIONS)
@rerender_on_csrf_error
def submission_outcome(reference: str):
    return action_page(reference, PAGES["outcome"])


@bp.route("/submissions/<reference>/assign", methods=["GET", "POST"])
@permission(MANAGE_TEAM_WORK)
@rerender_on_csrf_error
def submission_assign(reference: str):
    return action_page(reference, PAGES["assign"])
