"""Save and come back later, coming back (on any device), and the session timeout."""

from __future__ import annotations

from datetime import timedelta

from flask import jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext
from sqlalchemy import func, select, update

from portal.data import db
from portal.data.database import utcnow
from portal.data.journeys import OutboxMessage
from portal.errors import rerender_on_csrf_error
from portal.extensions import limiter
from portal.forms import csrf_error
from portal.i18n import N_, current_locale, localised_route
from portal.journeys import all_journeys, by_slug, drafts
from portal.journeys.answer_types import Context, parse, problem_text
from portal.journeys.path import progress
from portal.journeys.schema import Question
from portal.journeys_web import bp
from portal.journeys_web.shared import open_draft, remember, use_journey_page, where_next
from portal.notify import queue_message

EMAIL = Question(
    id="email",
    type="email",
    label=N_("Email address"),
    required=True,
    errors={"required": N_("Enter your email address")},
)
# Coming back needs both: a wrong guess counts against the draft and the address is rate limited.
RESUME_LIMIT = "10 per hour"
# Each post can send an email: enough for typos, too few to use the portal to send spam.
EMAIL_LINK_LIMIT = "10 per hour"
# Asking again is normal (a typo, an email that did not come), but one saved form must not be a
# way to send many emails from many addresses: a few links per form a day.
LINKS_PER_FORM_PER_DAY = 5
RESUME_LINK = "resume-link"


@localised_route(bp, "/forms/<slug>/<ref:reference>/save", methods=["GET", "POST"])
@limiter.limit(EMAIL_LINK_LIMIT, methods=["POST"])
@rerender_on_csrf_error
def save(slug: str, reference: str):
    journey = by_slug(slug)
    draft = open_draft(journey, reference)
    use_journey_page(journey)
    error, sent_to, code = None, None, None
    if request.method == "POST" and not journey.sensitive:
        error = csrf_error()
        if error is None:
            parsed = parse(EMAIL, request.form, Context())
            error = problem_text(EMAIL, parsed.problem) if parsed.problem else None
            earlier = links_asked_for(draft.reference)
            if not error and earlier >= LINKS_PER_FORM_PER_DAY:
                error = gettext(
                    "You have asked for this link too many times. Use the reference and code "
                    "on this page to come back to your form, or ask for a link again tomorrow."
                )
            if not error:
                code = drafts.new_code(draft)
                _queue_link(draft, parsed.value, code)
                sent_to = "again" if earlier else "first"
    # A new code each time this page is shown: only its hash is stored, so it cannot be shown
    # twice, and showing it again makes the old one stop working (the page says so).
    code = code or drafts.new_code(draft)
    return render_template(
        "journeys/save.html",
        journey=journey,
        draft=draft,
        carry_on=where_next(journey, reference, progress(journey, draft.answers)),
        code=code,
        error=error,
        sent_to=sent_to,
        email_value=request.form.get("email", "") if error else "",
    )


def links_asked_for(reference: str) -> int:
    """How many resume links this form has been sent in the last day."""
    since = utcnow() - timedelta(days=1)
    return db.session.scalar(
        select(func.count())
        .select_from(OutboxMessage)
        .where(
            OutboxMessage.reference == reference,
            OutboxMessage.purpose == RESUME_LINK,
            OutboxMessage.created_at >= since,
        )
    )


def _queue_link(draft, recipient: str, code: str) -> None:
    """Queue the newest link, in the caller's transaction.

    The new code has already stopped the older links working, so an older email still waiting
    to go is not sent, nor its address kept.
    """
    db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.reference == draft.reference,
            OutboxMessage.purpose == RESUME_LINK,
            OutboxMessage.status == "pending",
        )
        .values(status="replaced", recipient=None)
    )
    link = url_for("journeys.resume_link", reference=draft.reference, code=code, _external=True)
    queue_message(
        reference=draft.reference,
        purpose=RESUME_LINK,
        recipient=recipient,
        locale=current_locale(),
        link=link,
    )


@localised_route(bp, "/forms/resume", methods=["GET", "POST"])
@limiter.limit(RESUME_LIMIT, methods=["POST"])
@rerender_on_csrf_error
def resume():
    errors = {}
    reference = request.form.get("reference", "")
    code = request.form.get("code", "")
    if request.method == "POST":
        if csrf_error():
            errors["reference"] = csrf_error()
        elif not reference.strip():
            errors["reference"] = gettext("Enter your reference")
        elif not code.strip():
            errors["code"] = gettext("Enter your code")
        else:
            draft = drafts.resume(reference, code)
            if draft is None:
                errors["reference"] = gettext(
                    "We could not find a saved form with that reference and code. Check them "
                    "and try again. Saved forms are deleted after 30 days."
                )
            else:
                return _continue(draft)
    return render_template("journeys/resume.html", errors=errors, reference=reference)


@localised_route(bp, "/forms/resume/<reference>/<code>")
@limiter.limit(RESUME_LIMIT)
def resume_link(reference: str, code: str):
    draft = drafts.resume(reference, code)
    if draft is None:
        return render_template(
            "journeys/resume.html",
            errors={
                "reference": gettext(
                    "This link has expired or is not right. Enter your reference and code instead."
                )
            },
            reference=reference,
        )
    return _continue(draft)


def _continue(draft):
    journey = all_journeys()[draft.journey_id]
    remember(draft)  # the reference and its code open it in this browser from now on
    return redirect(where_next(journey, draft.reference, progress(journey, draft.answers)), 303)


@localised_route(bp, "/forms/keep-alive", methods=["POST"])
def keep_alive():
    """Called by the timeout warning's "Stay on this page": the request itself renews it."""
    session.modified = True
    return jsonify({"status": "ok"})


@localised_route(bp, "/forms/session-ended")
def session_ended():
    return render_template("journeys/session_ended.html")
