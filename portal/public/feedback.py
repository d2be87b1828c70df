"""Feedback on the whole service, linked from the phase banner on every page."""

from __future__ import annotations

import re

from flask import redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovRadioInput, GovSubmitInput
from wtforms import HiddenField, RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from portal.data.feedback import SATISFACTION_CODES, record_feedback
from portal.errors import rerender_on_csrf_error
from portal.extensions import limiter, submission_limit
from portal.forms import PortalForm
from portal.i18n import current_locale, localised_route
from portal.public import bp

IMPROVEMENT_MAX = 1200
_LOCAL_PATH = re.compile(r"^/[A-Za-z0-9/_-]{0,200}$")

SATISFACTION_LABELS = {
    "very-satisfied": _l("Very satisfied"),
    "satisfied": _l("Satisfied"),
    "neither": _l("Neither satisfied nor dissatisfied"),
    "dissatisfied": _l("Dissatisfied"),
    "very-dissatisfied": _l("Very dissatisfied"),
}


class FeedbackForm(PortalForm):
    satisfaction = RadioField(
        _l("Overall, how did you feel about using this service?"),
        choices=[SelectChoice(code, SATISFACTION_LABELS[code]) for code in SATISFACTION_CODES],
        validators=[DataRequired(message=_l("Select how you felt about using this service"))],
        widget=GovRadioInput(),
    )
    improvement = TextAreaField(
        _l("How could we improve this service? (optional)"),
        description=_l(
            "Do not include personal information, like your name, address or details about "
            "someone's care. We cannot reply to feedback."
        ),
        validators=[
            Optional(),
            Length(
                max=IMPROVEMENT_MAX,
                message=_l("Your feedback must be 1,200 characters or fewer"),
            ),
        ],
        widget=GovCharacterCount(),
    )
    from_path = HiddenField()
    submit = SubmitField(_l("Send feedback"), widget=GovSubmitInput())


def _safe_from_path(value: str | None) -> str | None:
    """Only a path on this site is kept: never a full address, never a query string."""
    return value if value and _LOCAL_PATH.match(value) else None


@localised_route(bp, "/feedback", methods=["GET", "POST"], sitemap=True)
@limiter.limit(submission_limit, methods=["POST"])
@rerender_on_csrf_error
def feedback():
    form = FeedbackForm()
    if request.method == "GET":
        form.from_path.data = _safe_from_path(request.args.get("from"))
    if form.validate_on_submit():
        record_feedback(
            locale=current_locale(),
            satisfaction=form.satisfaction.data,
            improvement=form.improvement.data,
            from_path=_safe_from_path(form.from_path.data),
        )
        return redirect(url_for("public.feedback_sent"), code=303)
    return render_template("public/feedback.html", form=form, improvement_max=IMPROVEMENT_MAX)


@localised_route(bp, "/feedback/sent")
def feedback_sent():
    return render_template("public/feedback_sent.html")
