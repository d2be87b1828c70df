"""'Is this page useful?' on every advice page, with a follow-up question after a "no"."""

from __future__ import annotations

from flask import redirect, render_template, session, url_for
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovSubmitInput
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from portal.advice import bp
from portal.advice.views import known_page
from portal.advice.views import page as show_page
from portal.data.advice import COMMENT_MAX, add_page_comment, record_page_feedback
from portal.errors import rerender_on_csrf_error
from portal.extensions import limiter, submission_limit
from portal.forms import PortalForm
from portal.i18n import current_locale, localised_route

SESSION_KEY = "page_feedback_id"


class UsefulForm(PortalForm):
    useful = RadioField(
        _l("Is this page useful?"),
        choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
        validators=[DataRequired(message=_l("Select yes if this page is useful"))],
    )


class CommentForm(PortalForm):
    comment = TextAreaField(
        _l("How could we make this page better? (optional)"),
        description=_l(
            "Do not include personal information, like your name, address or details about "
            "someone's care. We cannot reply to comments."
        ),
        validators=[
            Optional(),
            Length(max=COMMENT_MAX, message=_l("Your comment must be 1,200 characters or fewer")),
        ],
        widget=GovCharacterCount(),
    )
    submit = SubmitField(_l("Send"), widget=GovSubmitInput())


def _thanks(topic_id: str, slug: str) -> str:
    """Back to the page, where the thank-you replaces the question."""
    return url_for("advice.page", topic_id=topic_id, slug=slug, useful="thanks") + "#page-useful"


@localised_route(bp, "/advice/<topic_id>/<slug>/useful", methods=["POST"])
@limiter.limit(submission_limit)
@rerender_on_csrf_error
def useful(topic_id: str, slug: str):
    page = known_page(topic_id, slug)
    form = UsefulForm()
    if not form.validate_on_submit():
        return show_page(topic_id, slug, useful_form=form)
    row = record_page_feedback(
        page_id=page.id, locale=current_locale(), useful=form.useful.data == "yes"
    )
    if row.useful:
        return redirect(_thanks(topic_id, slug), 303)
    session[SESSION_KEY] = row.id
    return redirect(url_for("advice.useful_comment", topic_id=topic_id, slug=slug), 303)


@localised_route(bp, "/advice/<topic_id>/<slug>/useful/comment", methods=["GET", "POST"])
@limiter.limit(submission_limit, methods=["POST"])
@rerender_on_csrf_error
def useful_comment(topic_id: str, slug: str):
    page = known_page(topic_id, slug)
    back = url_for("advice.page", topic_id=topic_id, slug=slug)
    feedback_id = session.get(SESSION_KEY)
    if feedback_id is None:
        return redirect(back, 303)
    form = CommentForm()
    if form.validate_on_submit():
        if form.comment.data and form.comment.data.strip():
            add_page_comment(feedback_id, form.comment.data)
        session.pop(SESSION_KEY, None)
        return redirect(_thanks(topic_id, slug), 303)
    return render_template(
        "advice/useful_comment.html", form=form, page=page, back=back, comment_max=COMMENT_MAX
    )
