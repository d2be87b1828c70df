"""What the journey pages share: which drafts this browser may open, the inactivity timeout,
the addresses of a draft's pages.

A draft's pages carry its reference in their address (/forms/<slug>/<reference>/...), so one
browser can have several drafts of a journey open at once (a call handler taking two calls).
The session only lists the references this browser may open; the answers live in the database,
so a session that ends loses nothing that was saved (docs/adr/0022-drafts-addressed-by-reference.md
says why).
"""

from __future__ import annotations

import time
from datetime import date

from flask import abort, current_app, redirect, session, url_for
from flask_babel import format_date, gettext, ngettext

from portal.data.journeys import Draft, Submission
from portal.i18n import clock_time, current_locale
from portal.journeys import drafts
from portal.journeys.answer_types import display
from portal.journeys.display import answer_row, item_rows
from portal.journeys.path import Progress, question_applies
from portal.journeys.schema import Journey, Page, Question
from portal.journeys.submit import submission_for
from portal.journeys.text import option_words, question_text, section_text
from portal.routing.clock import LONDON
from portal.safety import mark_sensitive

# References of the drafts this browser started, or came back to with their secret code.
OPENED_KEY = "drafts"
# References of the forms this browser sent: their confirmation, copy and equality pages.
SENT_KEY = "sent_forms"
# Enough for a call handler's shift; the oldest drop off so the session cookie stays small.
MAX_REMEMBERED = 20


def timeout_seconds() -> int:
    return current_app.config["SESSION_TIMEOUT_MINUTES"] * 60


def check_inactivity() -> bool:
    """Forget the session's drafts after too long without a request; True if that happened."""
    now = int(time.time())
    last = session.get("last_seen")
    session["last_seen"] = now
    if last is not None and now - last > timeout_seconds() and session.get(OPENED_KEY):
        session.pop(OPENED_KEY, None)
        return True
    return False


def carry_over_old_session() -> None:
    """A session from before drafts were addressed by reference kept one draft and one sent
    form per journey: keep them open here. (Only for the release that makes the change: a
    session's drafts are forgotten after an hour without use.)"""
    if "journeys" not in session and "sent" not in session:
        return
    old_drafts, old_sent = session.pop("journeys", None), session.pop("sent", None)
    for entry in (old_drafts or {}).values() if isinstance(old_drafts, dict) else ():
        if isinstance(entry, dict) and entry.get("reference"):
            _add(OPENED_KEY, entry["reference"])
    for reference in (old_sent or {}).values() if isinstance(old_sent, dict) else ():
        _add(SENT_KEY, reference)


def _listed(key: str) -> list[str]:
    found = session.get(key)
    return list(found) if isinstance(found, list) else []


def _add(key: str, reference: str) -> None:
    references = [reference] + [known for known in _listed(key) if known != reference]
    session[key] = references[:MAX_REMEMBERED]


def remember(draft: Draft) -> None:
    """This browser may open the draft: it started it, or came back to it with its code."""
    _add(OPENED_KEY, draft.reference)


def remember_sent(reference: str) -> None:
    """The draft became a submission: its confirmation pages, no longer its questions."""
    session[OPENED_KEY] = [known for known in _listed(OPENED_KEY) if known != reference]
    _add(SENT_KEY, reference)


def opened_here(reference: str) -> bool:
    """Whether this browser has had the reference open or sent it (so may be told what became
    of it, where anyone else is told nothing)."""
    return reference in _listed(OPENED_KEY) or reference in _listed(SENT_KEY)


def may_open(draft: Draft) -> bool:
    """Whether this request may see and change the draft: this browser started it or came back
    to it with its secret code. (Issue #9 adds: the signed-in member of staff who created it.)"""
    return draft.reference in _listed(OPENED_KEY)


def may_see_sent(submission: Submission) -> bool:
    """Whether this request may see what was sent: only the browser that sent it."""
    return submission.reference in _listed(SENT_KEY)


def open_draft(journey: Journey, reference: str) -> Draft:
    """The draft at this address, if this browser may open it.

    A form this browser sent goes to its confirmation, and one it had open that has since
    expired to the start page. Any other reference is not found, whether or not it exists, so
    an address never tells anyone else that there is a form behind it.
    """
    draft = drafts.by_reference(reference)
    if draft is not None and draft.journey_id == journey.id and may_open(draft):
        return draft
    if opened_here(reference):
        sent_form = submission_for(reference)
        if sent_form is not None and sent_form.journey_id == journey.id:
            remember_sent(reference)
            abort(redirect(url("journeys.sent", journey, reference), 303))
        abort(redirect(url("journeys.start", journey), 303))
    abort(404)


def started_here(journey: Journey) -> list[dict]:
    """This browser's unfinished forms of the journey, last saved first, for the start page to
    offer to carry on with."""
    return [
        {
            "reference": draft.reference,
            "saved": format_due(draft.updated_at),
            # Check answers sends an unfinished form on to the first question it needs.
            "href": url(
                "journeys.tasks" if journey.task_list else "journeys.check",
                journey,
                draft.reference,
            ),
        }
        for draft in drafts.unfinished(journey, _listed(OPENED_KEY))
    ]


def sent_submission(journey: Journey, reference: str) -> Submission:
    """The submission this browser sent with this reference; anything else is not found (a
    form it still has open goes back to the start page)."""
    submission = submission_for(reference)
    if submission is not None and submission.journey_id == journey.id and may_see_sent(submission):
        return submission
    if reference in _listed(OPENED_KEY):
        abort(redirect(url("journeys.start", journey), 303))
    abort(404)


def url(endpoint: str, journey: Journey, reference: str | None = None, **values) -> str:
    """The address of a journey's page; of one draft's page when given its reference."""
    if reference is not None:
        values["reference"] = reference
    return url_for(endpoint, slug=journey.slug, **values)


def page_url(journey: Journey, reference: str, page: Page, **values) -> str:
    return url_for(
        "journeys.page", slug=journey.slug, reference=reference, page_id=page.id, **values
    )


def where_next(journey: Journey, reference: str, state: Progress, after: Page | None = None) -> str:
    """The address of the next thing to do: a stop, a page, the task list or check answers."""
    if state.stop:
        return url("journeys.stop", journey, reference, stop_id=state.stop)
    if state.linear is not None:
        if state.linear.next_page is not None:
            return page_url(journey, reference, state.linear.next_page)
        return url("journeys.check", journey, reference)
    if not state.first.done:
        return page_url(journey, reference, state.first.next_page)
    if after is not None and after.section in state.sections:
        walked = state.sections[after.section]
        if walked.next_page is not None:
            return page_url(journey, reference, walked.next_page)
    return url("journeys.tasks", journey, reference)


def use_journey_page(journey: Journey, page: Page | None = None) -> None:
    """Mark the request's page as sensitive when the journey or page is."""
    if journey.sensitive or (page is not None and page.sensitive):
        mark_sensitive()


def today() -> date:
    return date.today()


def format_due(moment) -> str:
    """'5pm on Tuesday 1 December 2026' in the reader's language."""
    local = moment.astimezone(LONDON)
    return gettext(
        "%(time)s on %(day)s",
        time=clock_time(local.time(), current_locale()),
        day=format_date(local.date(), "EEEE d MMMM yyyy"),
    )


def summary_rows(
    journey: Journey,
    answers: dict,
    state: Progress,
    *,
    change_in: str | None = None,
    hide_sensitive: bool = False,
) -> list[dict]:
    """Check answers: one card per section on the path, one per item of a list; with change
    links to the pages of the draft ``change_in`` (its reference) when given.

    A copy (``hide_sensitive``) leaves sensitive answers out altogether, not even "not shown",
    which would tell a reader that such a question was asked on this person's path.
    """
    cards = []
    reachable = state.reachable()
    for section in journey.sections:
        pages = [page for page in section.pages if page in reachable]
        rows, items = [], []
        for page in pages:
            for question in page.questions:
                if not question_applies(question, answers) or question.id not in answers:
                    continue
                if hide_sensitive and question.sensitive:
                    continue
                link = page_url(journey, change_in, page, change=1) if change_in else None
                value = answers[question.id]
                if question.type == "list":
                    items.extend(_list_cards(question, value, link, hide_sensitive))
                    text = ngettext("%(num)s added", "%(num)s added", len(value or []))
                else:
                    text = display(question, value, gettext, option_words(question.id))
                label = question_text(question.id, question.label)
                rows.append(answer_row(label, text, link))
        if rows:
            cards.append({"title": section_text(section.id, section.title), "rows": rows})
        cards.extend(items)
    return cards


def _list_cards(question: Question, items: list, link: str | None, hide: bool) -> list[dict]:
    return [
        {
            "title": question_text(question.id, question.list_texts["item_title"], number=number),
            "rows": item_rows(question, item, link, hide),
        }
        for number, item in enumerate(items or [], start=1)
    ]
