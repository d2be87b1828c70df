"""The pages of every journey: start, questions, task list, check answers, declaration, sent."""

from __future__ import annotations

from flask import (
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext

from portal.data.database import utcnow
from portal.errors import rerender_on_csrf_error
from portal.extensions import limiter, signed_in_user_id, submission_limit
from portal.forms import csrf_error
from portal.i18n import current_locale, localised_route
from portal.journeys import all_journeys, by_slug, drafts, routing_rules
from portal.journeys.answer_types import Context, answer_type, parse, problem_text
from portal.journeys.checking import check_answers
from portal.journeys.notices import notices, promised_by
from portal.journeys.path import answers_on_path, progress, question_applies
from portal.journeys.schema import OUT_OF_AREA
from portal.journeys.sensitive import hidden_sections
from portal.journeys.submit import NotReady, submission_for
from portal.journeys.text import form_text, section_text
from portal.journeys_web import bp, equality
from portal.journeys_web.shared import (
    carry_over_old_session,
    check_inactivity,
    format_due,
    open_draft,
    opened_here,
    page_url,
    remember,
    remember_sent,
    sent_submission,
    started_here,
    summary_rows,
    timeout_seconds,
    today,
    url,
    use_journey_page,
    where_next,
)
from portal.routing import REDIRECT, decide
from portal.work_items.definitions import journey_as_sent


def page_limit() -> str:
    """Saving a page is not sending a form: a long form has 40 pages and a call handler is quick."""
    return current_app.extensions["frontdoor.settings"].page_save_rate_limit


def _start_arguments() -> list[dict]:
    return [{"slug": journey.slug} for journey in all_journeys().values()]


@bp.before_request
def _inactivity():
    carry_over_old_session()
    if check_inactivity() and request.endpoint not in ("journeys.start", "journeys.session_ended"):
        return redirect(url_for("journeys.session_ended"))
    return None


@bp.context_processor
def _journey_context():
    return {"session_timeout": timeout_seconds()}


@localised_route(bp, "/forms/<slug>", sitemap=_start_arguments)
def start(slug: str):
    journey = by_slug(slug)
    use_journey_page(journey)
    return render_template("journeys/start.html", journey=journey, started=started_here(journey))


@localised_route(bp, "/forms/<slug>/start", methods=["POST"])
@limiter.limit(submission_limit)
def begin(slug: str):
    journey = by_slug(slug)
    # The code is shown when saving; a resident is anonymous (created_by None).
    draft, _code = drafts.start(journey, current_locale(), created_by=signed_in_user_id())
    remember(draft)
    return redirect(where_next(journey, draft.reference, progress(journey, {})), 303)


def _complete_draft(journey, reference: str):
    """The draft and its progress, for check answers and the declaration: an unfinished or
    stopped form goes back to where it needs an answer, and one with an answer that no longer
    passes the checks every door makes (a date now in the past, a draft saved by an older
    version of the form) goes back to the first page with a problem, to be answered again."""
    draft = open_draft(journey, reference)
    state = progress(journey, draft.answers)
    if state.stop or not state.complete:
        abort(redirect(where_next(journey, reference, state)))
    problems = check_answers(journey, draft.answers, today())
    if problems:
        first = next(iter(problems))
        asked = (page for page in journey.pages if any(q.id == first for q in page.questions))
        abort(redirect(page_url(journey, reference, next(asked))))
    return draft, state


def _after_saving(journey, draft, current, answers, changing):
    """Changing an answer returns to check answers once the form is complete again."""
    state = progress(journey, answers)
    if changing and state.complete and not state.stop:
        return redirect(url("journeys.check", journey, draft.reference), 303)
    return redirect(where_next(journey, draft.reference, state, after=current), 303)


@localised_route(bp, "/forms/<slug>/<ref:reference>/tasks")
def tasks(slug: str, reference: str):
    journey = by_slug(slug)
    if not journey.task_list:
        abort(404)
    draft = open_draft(journey, reference)
    use_journey_page(journey)
    state = progress(journey, draft.answers)
    if not state.first.done:
        return redirect(where_next(journey, reference, state))
    sections = [
        {"section": section, "status": state.status(section.id), "walk": state.sections[section.id]}
        for section in journey.sections
        if section.id not in journey.first_sections
    ]
    return render_template(
        "journeys/tasks.html", journey=journey, draft=draft, sections=sections, state=state
    )


@localised_route(bp, "/forms/<slug>/<ref:reference>/<page_id>", methods=["GET", "POST"])
@limiter.limit(page_limit, methods=["POST"])
@rerender_on_csrf_error
def page(slug: str, reference: str, page_id: str):
    journey = by_slug(slug)
    draft = open_draft(journey, reference)
    current = journey.page(page_id)
    if current is None:
        abort(404)
    state = progress(journey, draft.answers)
    if current not in state.reachable():
        # Pages off the path cannot be reached by typing their address.
        return redirect(where_next(journey, reference, state))
    use_journey_page(journey, current)
    changing = request.args.get("change") == "1"
    if request.method == "GET":
        return _render_page(journey, draft, current, draft.answers, {}, {}, changing, state)
    list_question = next((q for q in current.questions if q.type == "list"), None)
    if list_question is not None:
        return _list_action(journey, draft, current, list_question, changing)
    answers, raw, errors = _read_page(current, draft.answers)
    if csrf_error():
        errors = {"_session": csrf_error(), **errors}
    if errors:
        return _render_page(journey, draft, current, answers, raw, errors, changing)
    drafts.save(draft, answers, journey, current)
    return _after_saving(journey, draft, current, answers, changing)


def _read_page(current, saved: dict) -> tuple[dict, dict, dict]:
    answers, raw, errors = dict(saved), {}, {}
    for question in current.questions:
        if not question_applies(question, answers):
            answers.pop(question.id, None)
            continue
        parsed = parse(question, request.form, Context(today(), answers))
        raw[question.id] = parsed.raw
        if parsed.problem:
            errors[question.id] = problem_text(question, parsed.problem)
        else:
            answers[question.id] = parsed.value
    return answers, raw, errors


def _list_action(journey, draft, current, question, changing):
    """Add another: add an item, remove one, or carry on once there are enough."""
    answers = dict(draft.answers)
    items = list(answers.get(question.id) or [])
    action = request.form.get("action", "")
    errors, raw = {}, {}
    first_field = f"{question.id}-{question.fields[0].id}"
    same_page = page_url(journey, draft.reference, current, **({"change": 1} if changing else {}))
    if csrf_error():
        errors["_session"] = csrf_error()
    elif action == "add":
        parsed = parse(question, request.form, Context(today(), answers))
        raw = parsed.raw
        if parsed.problem:  # too many already: said at the first box of the next one
            errors[first_field] = problem_text(question, parsed.problem)
        for part in parsed.parts.values():
            if part.problem:
                errors[f"{question.id}-{part.problem.field}"] = problem_text(question, part.problem)
        if not errors:
            items.append(parsed.value)
            answers[question.id] = items
            drafts.save(draft, answers, journey, current)
            return redirect(same_page, 303)
    elif action.startswith("remove-") and action[7:].isdigit():
        index = int(action[7:])
        if 0 <= index < len(items):
            del items[index]
            answers[question.id] = items
            drafts.save(draft, answers, journey, current)
        return redirect(same_page, 303)
    elif action == "continue":
        # Too few items, or one that no longer passes the checks (a date now in the past).
        problem = answer_type(question.type).check(question, items, Context(today(), answers))
        if problem is not None:
            where = f"{question.id}-{problem.field}" if problem.field else first_field
            errors[where] = problem_text(question, problem)
        else:
            answers[question.id] = items
            drafts.save(draft, answers, journey, current)
            return _after_saving(journey, draft, current, answers, changing)
    return _render_page(journey, draft, current, answers, raw, errors, changing)


def _render_page(journey, draft, current, answers, raw, errors, changing, state=None):
    state = state or progress(journey, answers)
    return render_template(
        "journeys/page.html",
        journey=journey,
        draft=draft,
        page=current,
        answers=answers,
        raw=raw,
        errors=errors,
        changing=changing,
        back=_back_link(journey, draft.reference, current, state, changing),
    )


def _back_link(journey, reference, current, state, changing) -> str:
    if changing:
        return url("journeys.check", journey, reference)
    pages = state.reachable()
    position = pages.index(current) if current in pages else 0
    if position > 0:
        previous = pages[position - 1]
        leaving_section = previous.section != current.section
        if journey.task_list and leaving_section and current.section not in journey.first_sections:
            return url("journeys.tasks", journey, reference)
        return page_url(journey, reference, previous)
    if journey.task_list and current.section not in journey.first_sections:
        return url("journeys.tasks", journey, reference)
    return url("journeys.start", journey)


@localised_route(bp, "/forms/<slug>/<ref:reference>/stop/<stop_id>")
def stop(slug: str, reference: str, stop_id: str):
    journey = by_slug(slug)
    draft = open_draft(journey, reference)
    use_journey_page(journey)
    if stop_id == OUT_OF_AREA:
        return _out_of_area(journey, reference, draft)
    found = journey.stops.get(stop_id)
    if found is None:
        abort(404)
    reachable = progress(journey, draft.answers).reachable() if draft else []
    back = page_url(journey, reference, reachable[-1], change=1) if reachable else None
    return render_template("journeys/stop.html", journey=journey, stop=found, back=back)


def _out_of_area(journey, reference, draft):
    """The engine's page for a place another council serves, for a journey whose places say
    it stops there: which council, and a link back to the journey's own postcode question."""
    from portal.routing import OUT_OF_AREA as COUNCILS
    from portal.routing import where

    places = journey.places
    postcode_page = journey.page_asking(places.postcode) if places.postcode else None
    if places.out_of_area != REDIRECT or postcode_page is None:
        abort(404)
    place, _ = where(draft.answers if draft else {}, places)
    council = COUNCILS.get(place or "", COUNCILS["outside"])
    return render_template(
        "journeys/out_of_area.html",
        journey=journey,
        council=council,
        place=place,
        change_postcode=page_url(journey, reference, postcode_page, change=1),
    )


@localised_route(bp, "/forms/<slug>/<ref:reference>/check")
def check(slug: str, reference: str):
    journey = by_slug(slug)
    draft, state = _complete_draft(journey, reference)
    use_journey_page(journey)
    # The decision the form would get if sent now, so what to do now is shown before sending.
    now = utcnow()
    answers = answers_on_path(journey, draft.answers)
    decision = decide(journey.id, answers, now, places=journey.places, rules=routing_rules())
    act_now = notices(journey.id, decision.as_json(), now)
    forward_due = None
    if act_now["forward_to"]:
        forward_due = gettext(
            "You can still send this form. We will pass it on to them by %(due)s.",
            due=format_due(promised_by(decision.due_at)),
        )
    return render_template(
        "journeys/check.html",
        journey=journey,
        draft=draft,
        cards=summary_rows(journey, draft.answers, state, change_in=reference),
        act_now=act_now,
        forward_due=forward_due,
    )


@localised_route(bp, "/forms/<slug>/<ref:reference>/declaration", methods=["GET", "POST"])
@limiter.limit(submission_limit, methods=["POST"])
@rerender_on_csrf_error
def declaration(slug: str, reference: str):
    journey = by_slug(slug)
    if request.method == "POST" and opened_here(reference):
        # Sent a moment ago by this browser (a double click, Back and send again, two tabs):
        # the draft is gone, and its reference is the submission's.
        already = submission_for(reference)
        if already is not None and already.journey_id == journey.id:
            remember_sent(reference)
            return redirect(url("journeys.sent", journey, reference), 303)
    draft, _state = _complete_draft(journey, reference)
    use_journey_page(journey)
    error = None
    if request.method == "POST":
        if not csrf_error() and request.form.get("confirm") == "yes":
            answers = dict(draft.answers)
            try:
                drafts.send(journey, draft, actor=signed_in_user_id())
            except NotReady:
                return redirect(where_next(journey, reference, progress(journey, answers)))
            remember_sent(reference)
            return redirect(url("journeys.sent", journey, reference), 303)
        error = csrf_error() or form_text(journey.id, journey.declaration["error"])
    return render_template(
        "journeys/declaration.html", journey=journey, reference=reference, error=error
    )


@localised_route(bp, "/forms/<slug>/<ref:reference>/sent")
def sent(slug: str, reference: str):
    journey = by_slug(slug)
    submission = sent_submission(journey, reference)
    use_journey_page(journey)
    # Never promise a time nobody is at work: an urgent alert is due in clock hours, which may
    # fall at a weekend; its reporter is told to phone now instead (see _act_now.html).
    due = format_due(promised_by(submission.due_at)) if submission.due_at else None
    act_now = notices(journey.id, submission.routing or {}, utcnow())
    forward_due = None
    if act_now["forward_to"] and due:
        forward_due = gettext("We will pass your report on to them by %(due)s.", due=due)
    return render_template(
        "journeys/sent.html",
        journey=journey,
        submission=submission,
        due=due,
        act_now=act_now,
        forward_due=forward_due,
        next_steps=_next_steps(journey, act_now, submission.answers),
        offers=_offers(journey, submission.answers),
        equality_offered=equality.offered(journey) and not equality.answered(submission.reference),
    )


def _next_steps(journey, act_now, answers) -> list[str]:
    """The journey's "What happens next" for these answers. For an urgent alert, or one passed on
    to another council, without the line that promises our own review by a time: the reporter is
    told to phone now, or when it will be passed on, instead."""
    steps = journey.next_steps_for(answers)
    if act_now["phone_now"] or act_now["forward_to"]:
        steps = [step for step in steps if "%(due)s" not in step]
    return steps


def _offers(journey, answers) -> list[tuple]:
    """(offer, the journey it offers) for each other form the confirmation offers."""
    journeys = all_journeys()
    return [(offer, journeys[offer.journey]) for offer in journey.offers_for(answers)]


@localised_route(bp, "/forms/<slug>/<ref:reference>/copy")
def copy(slug: str, reference: str):
    """The answers as sent, to print or save; only in the browser that sent them."""
    journey = by_slug(slug)
    submission = sent_submission(journey, reference)
    use_journey_page(journey)
    # The questions as they were asked, even if the journey file has changed since.
    asked = journey_as_sent(submission, current_app.extensions["frontdoor.journeys"]) or journey
    state = progress(asked, submission.answers)
    cards = summary_rows(asked, submission.answers, state, hide_sensitive=True)
    shown = {"journey": journey, "submission": submission, "cards": cards}
    shown["not_shown"] = [section_text(s.id, s.title) for s in hidden_sections(asked)]
    if request.args.get("format") == "text":
        return _download(
            render_template("journeys/copy.txt", **shown), f"{submission.reference}.txt"
        )
    return render_template("journeys/copy.html", **shown)


def _download(body: str, filename: str) -> Response:
    response = Response(body, mimetype="text/plain")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
