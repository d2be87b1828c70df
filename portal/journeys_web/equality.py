"""Optional equality monitoring, offered once a form is sent (config/equality-monitoring.yaml).

The answers are stored apart from the submission (EqualityResponse), never in its answers, so no
view of the form shows them beside the concern; only the reference links the two, for counting.
They are asked of the person who filled in the form, only in the browser that sent it, once.
"""

from __future__ import annotations

from functools import cache

from flask import abort, redirect, render_template, request
from sqlalchemy import select

from portal.data import db
from portal.data.journeys import EqualityResponse
from portal.errors import rerender_on_csrf_error
from portal.extensions import limiter, submission_limit
from portal.forms import csrf_error
from portal.i18n import localised_route
from portal.journeys import by_slug
from portal.journeys.answer_types import Context, parse, problem_text
from portal.journeys.equality_file import MONITORING_FILE, Monitoring, read_monitoring
from portal.journeys.schema import Journey
from portal.journeys_web import bp
from portal.journeys_web.shared import sent_submission, today, url, use_journey_page


@cache
def monitoring() -> Monitoring:
    return read_monitoring(MONITORING_FILE)


def offered(journey: Journey) -> bool:
    return journey.id in monitoring().offered_after


def answered(reference: str) -> bool:
    found = select(EqualityResponse.id).where(EqualityResponse.reference == reference)
    return db.session.scalar(found) is not None


def _sent_submission(journey: Journey, reference: str):
    """The submission this browser sent, if monitoring is offered after it; else 404."""
    if not offered(journey):
        abort(404)
    return sent_submission(journey, reference)


@localised_route(bp, "/forms/<slug>/<ref:reference>/about-you", methods=["GET", "POST"])
@limiter.limit(submission_limit, methods=["POST"])
@rerender_on_csrf_error
def equality(slug: str, reference: str):
    journey = by_slug(slug)
    submission = _sent_submission(journey, reference)
    use_journey_page(journey)
    page = monitoring().page
    if answered(submission.reference):
        return redirect(url("journeys.equality_done", journey, reference), 303)
    answers, raw, errors = {}, {}, {}
    if request.method == "POST":
        for question in page.questions:
            parsed = parse(question, request.form, Context(today(), answers))
            raw[question.id] = parsed.raw
            if parsed.problem:
                errors[question.id] = problem_text(question, parsed.problem)
            elif parsed.value is not None:
                answers[question.id] = parsed.value
        if csrf_error():
            errors = {"_session": csrf_error(), **errors}
        if not errors:
            if answers:  # sending the page empty is a choice not to answer: nothing is kept
                db.session.add(
                    EqualityResponse(
                        reference=submission.reference,
                        journey_id=journey.id,
                        locale=submission.locale,
                        answers=answers,
                    )
                )
            return redirect(url("journeys.equality_done", journey, reference), 303)
    return render_template(
        "journeys/equality.html",
        journey=journey,
        reference=reference,
        page=page,
        answers=answers,
        raw=raw,
        errors=errors,
    )


@localised_route(bp, "/forms/<slug>/<ref:reference>/about-you/done")
def equality_done(slug: str, reference: str):
    journey = by_slug(slug)
    _sent_submission(journey, reference)
    use_journey_page(journey)
    return render_template("journeys/equality_done.html", journey=journey, reference=reference)
