"""What the journey pages share: the draft in the session, the inactivity timeout, page state.

The session only points at a draft (its id and reference); the answers live in the database, so
a session that ends loses nothing that was saved.
"""

from __future__ import annotations

import time
from datetime import date

from flask import current_app, session, url_for
from flask_babel import format_date, gettext, ngettext

from portal.data.journeys import Draft
from portal.i18n import clock_time, current_locale
from portal.journeys import drafts
from portal.journeys.answer_types import display
from portal.journeys.display import answer_row, item_rows
from portal.journeys.path import Progress, question_applies
from portal.journeys.schema import Journey, Page, Question
from portal.journeys.text import option_words, question_text, section_text
from portal.routing.clock import LONDON
from portal.safety import mark_sensitive

SESSION_KEY = "journeys"
SENT_KEY = "sent"


def timeout_seconds() -> int:
    return current_app.config["SESSION_TIMEOUT_MINUTES"] * 60


def check_inactivity() -> bool:
    """Forget the session's drafts after too long without a request; True if that happened."""
    now = int(time.time())
    last = session.get("last_seen")
    session["last_seen"] = now
    if last is not None and now - last > timeout_seconds() and session.get(SESSION_KEY):
        session.pop(SESSION_KEY, None)
        return True
    return False


def remember(journey: Journey, draft: Draft) -> None:
    state = dict(session.get(SESSION_KEY) or {})
    state[journey.id] = {"draft": draft.id, "reference": draft.reference}
    session[SESSION_KEY] = state


def forget(journey: Journey) -> None:
    state = dict(session.get(SESSION_KEY) or {})
    state.pop(journey.id, None)
    session[SESSION_KEY] = state


def current_draft(journey: Journey) -> Draft | None:
    entry = (session.get(SESSION_KEY) or {}).get(journey.id) or {}
    draft = drafts.get(entry.get("draft"))
    if draft is not None and draft.journey_id != journey.id:
        return None
    return draft


def session_reference(journey: Journey) -> str | None:
    return ((session.get(SESSION_KEY) or {}).get(journey.id) or {}).get("reference")


def remember_sent(journey: Journey, reference: str) -> None:
    sent = dict(session.get(SENT_KEY) or {})
    sent[journey.id] = reference
    session[SENT_KEY] = sent


def sent_reference(journey: Journey) -> str | None:
    return (session.get(SENT_KEY) or {}).get(journey.id)


def url(endpoint: str, journey: Journey, **values) -> str:
    return url_for(endpoint, slug=journey.slug, **values)


def page_url(journey: Journey, page: Page, **values) -> str:
    return url_for("journeys.page", slug=journey.slug, page_id=page.id, **values)


def where_next(journey: Journey, state: Progress, after: Page | None = None) -> str:
    """The address of the next thing to do: a stop, a page, the task list or check answers."""
    if state.stop:
        return url("journeys.stop", journey, stop_id=state.stop)
    if state.linear is not None:
        if state.linear.next_page is not None:
            return page_url(journey, state.linear.next_page)
        return url("journeys.check", journey)
    if not state.first.done:
        return page_url(journey, state.first.next_page)
    if after is not None and after.section in state.sections:
        walked = state.sections[after.section]
        if walked.next_page is not None:
            return page_url(journey, walked.next_page)
    return url("journeys.tasks", journey)


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
    change: bool = True,
    hide_sensitive: bool = False,
) -> list[dict]:
    """Check answers: one card per section on the path, one per item of a list.

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
                link = page_url(journey, page, change=1) if change else None
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
