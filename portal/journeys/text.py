"""The words of a journey: where each one is (its msgctxt), which are safety-critical, and showing
them in the reader's language.

Every word of a journey file is found by walking the loaded journey (``journey_texts``), so the
catalogue holds exactly what the engine shows. Each word carries the place it is used as its
gettext context, such as ``question carer_name`` or ``question contact_ok option yes``: two
questions with the same English can be translated differently (a yes to "Do you look after
someone?" and a yes to "Is anyone in danger?" are different words in some languages), and a
translator finds a changed wording by its id.

Ids are those of the file (a question in a list is ``<list id>-<field id>``, its name in the page's
form), not qualified by the journey: a question asked in two forms in the same words, such as
``email``, is translated once.

Journey text may be shown before it is translated: the reader then sees the English, marked with
``lang="en"`` (portal.i18n.translate_or_english), except for the safety-critical words, which the
tests require in every language (docs/adr/0015-journey-text-falls-back-to-english.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from flask import Flask

from portal.conditions import questions_named
from portal.i18n import translate_or_english
from portal.journeys.schema import OUT_OF_AREA, Journey, Option, Page, Question

# The first word of every context the journey extractor writes; nothing else uses a context.
KINDS = ("form", "section", "page", "question", "stop", "offer")


@dataclass(frozen=True)
class Text:
    context: str  # msgctxt: where the text is used
    message: str  # the English
    where: str  # for the translator: which form, which part of it
    safety: bool = False


def form_context(journey_id: str) -> str:
    return f"form {journey_id}"


def section_context(section_id: str) -> str:
    return f"section {section_id}"


def page_context(page_id: str) -> str:
    return f"page {page_id}"


def question_context(name: str) -> str:
    return f"question {name}"


def option_context(name: str, code: str) -> str:
    return f"question {name} option {code}"


def stop_context(stop_id: str) -> str:
    return f"stop {stop_id}"


def offer_context(journey_id: str) -> str:
    """An offer of another form on a confirmation page, by the form it offers: two forms that
    offer it in the same words share one translation."""
    return f"offer {journey_id}"


def is_journey_context(context: str | None) -> bool:
    return bool(context) and context.split(" ", 1)[0] in KINDS


@cache
def _emergency_number() -> re.Pattern:
    from portal.contacts import load_contacts

    number = load_contacts()["emergency"].phone
    return re.compile(rf"(?<!\d){re.escape(number)}(?!\d)")


def names_emergency_number(message: str) -> bool:
    """True for journey text that tells someone to call the emergency number (999): it is
    safety-critical wherever it is."""
    return bool(_emergency_number().search(message))


# The walker: one Text for every word of a loaded journey.


def question_texts(
    question: Question, where: str, name: str | None = None, safety: bool = False
) -> Iterator[Text]:
    """The label, hint, error messages, options and list sentences of one question."""
    name = name or question.id
    here = f"{where}, question {name}"
    context = question_context(name)
    yield from _texts(context, [question.label, question.hint], here, safety)
    for key, message in question.errors.items():
        yield from _texts(context, [message], f"{here} - error message ({key})", safety)
    for key, message in question.list_texts.items():
        yield from _texts(context, [message], f"{here} - {key.replace('_', ' ')}", safety)
    for option in question.options:
        words = [option.label, option.hint]
        context_here = option_context(name, option.value)
        yield from _texts(context_here, words, f"{here} - option {option.value}", safety)
    for field in question.fields:
        yield from question_texts(field, here, f"{name}-{field.id}", safety)


def page_texts(page: Page, where: str) -> Iterator[Text]:
    """A page's title and introduction, then its questions. A question whose answer can send
    someone to a stop page is safety-critical: they must understand what they are answering."""
    here = f"{where} - page {page.id}"
    yield from _texts(page_context(page.id), [page.title, *page.intro], here)
    gates = set()
    for condition, stop in page.stops:
        if stop != OUT_OF_AREA:  # the engine's page, in interface text, not a stop of the file
            gates |= questions_named(condition)
    for question in page.questions:
        yield from question_texts(question, here, safety=question.id in gates)


def journey_texts(journey: Journey) -> Iterator[Text]:
    """Every word of a journey, each with its context: the form's own words, its stop pages,
    then section by section."""
    where = f"form {journey.id}"
    form = form_context(journey.id)
    start = [journey.title, journey.summary, journey.neutral_title]
    yield from _texts(form, start, where)
    yield from _texts(form, [*journey.start_body, *journey.before_you_start], f"{where} - start")
    # Stop pages tell someone to stop and call for help instead: all of them are safety-critical.
    for stop in journey.stops.values():
        words = [stop.title, stop.warning, *stop.body]
        yield from _texts(stop_context(stop.id), words, f"{where} - stop page {stop.id}", True)
    for section in journey.sections:
        here = f"{where} - section {section.id}"
        yield from _texts(section_context(section.id), [section.title, section.summary], here)
        for page in section.pages:
            yield from page_texts(page, where)
    declaration = [journey.declaration.get("text"), journey.declaration.get("error")]
    yield from _texts(form, declaration, f"{where} - declaration")
    steps = [step.text for step in journey.next_steps]
    yield from _texts(form, steps, f"{where} - confirmation page, what happens next")
    for offer in journey.confirmation_offers:
        here = f"{where} - confirmation page, offer of the form {offer.journey}"
        words = [offer.heading, offer.body, offer.link]
        yield from _texts(offer_context(offer.journey), words, here)


def _texts(
    context: str, messages: Iterable[str | None], where: str, safety: bool = False
) -> Iterator[Text]:
    for message in messages:
        if message:
            yield Text(context, message, where, safety or names_emergency_number(message))


# Showing them: the same contexts, looked up in the reader's catalogue. Each returns the
# translation, or the English marked as English (see translate_or_english); None stays None.


def shown(context: str, message: str | None, **values) -> str | None:
    return translate_or_english(context, message, **values) if message else message


def form_text(journey_id: str, message: str | None, **values) -> str | None:
    return shown(form_context(journey_id), message, **values)


def section_text(section_id: str, message: str | None) -> str | None:
    return shown(section_context(section_id), message)


def page_text(page_id: str, message: str | None) -> str | None:
    return shown(page_context(page_id), message)


def question_text(name: str, message: str | None, **values) -> str | None:
    return shown(question_context(name), message, **values)


def option_text(name: str, code: str, message: str | None) -> str | None:
    return shown(option_context(name, code), message)


def stop_text(stop_id: str, message: str | None) -> str | None:
    return shown(stop_context(stop_id), message)


def offer_text(journey_id: str, message: str | None) -> str | None:
    return shown(offer_context(journey_id), message)


def page_heading(page: Page) -> str:
    """The page's title, or its one question's label when it has no title."""
    if page.title:
        return page_text(page.id, page.title)
    return question_text(page.questions[0].id, page.questions[0].label)


def option_words(name: str) -> Callable[[Option], str]:
    """How to word a chosen option of the question called ``name``, for fields.display."""
    return lambda option: option_text(name, option.value, option.label)


def init_text(app: Flask) -> None:
    app.jinja_env.globals.update(
        form_text=form_text,
        section_text=section_text,
        page_text=page_text,
        question_text=question_text,
        option_text=option_text,
        stop_text=stop_text,
        offer_text=offer_text,
        page_heading=page_heading,
    )
