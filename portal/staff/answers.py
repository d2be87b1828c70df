"""A submission's answers as staff read them: in English, whatever language the form was given in.

The questions are the journey's own English words as the form was sent (its kept definition),
never the translation the person read; a choice is shown by its option's English label, a date,
an address, a list or a language in English words (the answer types' ``display`` with ``str``
for translation). What the person typed is shown as typed, marked with the language they gave
the form in (``lang``), so a screen reader reads Polish as Polish.

Sensitive answers (portal/journeys/sensitive.py: a question marked sensitive, and any question
asked only because of a sensitive answer) are replaced by a sentence for anyone who may not see
them (portal.work_items.access.may_see_sensitive).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from portal.i18n import text_direction
from portal.journeys.answer_types import display, unanswered
from portal.journeys.languages import OTHER
from portal.journeys.schema import Journey, Question

HIDDEN = "Shown only to safeguarding practitioners and team managers"
# What a person types in their own words (a name, what happened); everything else is a code,
# a number or a date shown in English.
FREE_TEXT = ("text", "textarea")


def _english(option) -> str:
    return option.label


def _typed(text: str, lang: str) -> Markup:
    """Text as the person typed it, in the language they gave the form in; line breaks kept."""
    lines = Markup("<br>").join(escape(line) for line in text.split("\n"))
    return Markup('<span lang="{}" dir="{}">{}</span>').format(lang, text_direction(lang), lines)


def _is_typed(question: Question, value: Any) -> bool:
    if question.type in FREE_TEXT:
        return True
    return question.type == "language" and isinstance(value, Mapping) and value.get("code") == OTHER


def answer_html(question: Question, value: Any, lang: str, show_sensitive: bool) -> Markup:
    """One answer, as HTML for a summary list's value."""
    if question.sensitive and not show_sensitive:
        return Markup("{}").format(HIDDEN)
    if question.type == "list" and not unanswered(value):
        return _list_html(question, value, lang, show_sensitive)
    text = display(question, value, str, _english)
    if _is_typed(question, value) and not unanswered(value):
        return _typed(text, lang)
    return Markup("<br>").join(escape(line) for line in text.split("\n"))


def _list_html(question: Question, items: list, lang: str, show_sensitive: bool) -> Markup:
    """Each item of an "add another" list: its title, then each of its answers."""
    blocks = []
    for number, item in enumerate(items, start=1):
        title = question.list_texts.get("item_title", "%(number)s") % {"number": number}
        lines = [Markup('<span class="govuk-!-font-weight-bold">{}</span>').format(title)]
        for field in question.fields:
            if unanswered(item.get(field.id)):
                continue
            words = answer_html(field, item[field.id], lang, show_sensitive)
            lines.append(Markup("{}: {}").format(field.label, words))
        blocks.append(Markup('<p class="govuk-body">{}</p>').format(Markup("<br>").join(lines)))
    return Markup("").join(blocks)


def row(question: Question, value: Any, lang: str, show_sensitive: bool) -> dict:
    """A govukSummaryList row: the question in English beside the answer."""
    return {
        "key": {"text": question.label},
        "value": {"html": answer_html(question, value, lang, show_sensitive)},
    }


def sections(journey: Journey, answers: Mapping, lang: str, show_sensitive: bool) -> list[dict]:
    """The answers section by section, in the journey's order: [{title, rows}]. A sent form
    holds only the answers on its path, so every answer kept is one the person was asked."""
    found = []
    for section in journey.sections:
        rows = [
            row(question, answers[question.id], lang, show_sensitive)
            for page in section.pages
            for question in page.questions
            if question.id in answers
        ]
        if rows:
            found.append({"id": section.id, "title": section.title, "rows": rows})
    return found


def first(journey: Journey, answers: Mapping, lang: str, show_sensitive: bool) -> list[dict]:
    """The rows of the answers the journey says staff read first (its ``work.first``: how to
    contact the person safely, how they communicate), those that were answered."""
    questions = journey.questions()
    return [
        row(questions[question_id], answers[question_id], lang, show_sensitive)
        for question_id in journey.work.first
        if question_id in questions and not unanswered(answers.get(question_id))
    ]
