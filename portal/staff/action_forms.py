"""The forms of the actions on a submission. Each page renders its CSRF token and the version it
was shown with by hand (no ids: the page has other forms, such as sign-out, with their own)."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovRadioInput
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.forms import PortalForm
from portal.work_items.items import NOTE_LIMIT, REASON_LIMIT


def _reason(what: str) -> TextAreaField:
    return TextAreaField(
        "Reason",
        description="Staff only: this is kept in the submission's history.",
        validators=[
            DataRequired(message=f"Enter the reason for {what}"),
            Length(
                max=REASON_LIMIT,
                message=f"The reason must be {REASON_LIMIT:,} characters or fewer",
            ),
        ],
        widget=GovCharacterCount(),
    )


class StatusForm(PortalForm):
    status = RadioField(
        "New status",
        validators=[DataRequired(message="Select the new status")],
        widget=GovRadioInput(),
    )


class PriorityForm(PortalForm):
    priority = RadioField(
        "New priority",
        validators=[DataRequired(message="Select the new priority")],
        widget=GovRadioInput(),
    )
    reason = _reason("changing the priority")


class TransferForm(PortalForm):
    queue = RadioField(
        "Which queue should it go to?",
        validators=[DataRequired(message="Select the queue to transfer it to")],
        widget=GovRadioInput(),
    )
    reason = _reason("the transfer")


class NoteForm(PortalForm):
    note = TextAreaField(
        "Note",
        description="Staff only: never sent to the person or anyone else.",
        validators=[
            DataRequired(message="Enter the note"),
            Length(max=NOTE_LIMIT, message=f"The note must be {NOTE_LIMIT:,} characters or fewer"),
        ],
        widget=GovCharacterCount(),
    )


class OutcomeForm(PortalForm):
    outcome = RadioField(
        "Outcome",
        validators=[DataRequired(message="Select the outcome")],
        widget=GovRadioInput(),
    )


class AssignForm(PortalForm):
    assignee = RadioField(
        "Who should it be assigned to?",
        validators=[DataRequired(message="Select who to assign it to")],
        widget=GovRadioInput(),
    )
