"""Helpers the journey templates use: each answer type's macro and the parts of its component,
error summary links, answer rows, list items, date parts.

The journey pages (portal/journeys_web) build on these; nothing here reads a request."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask_babel import gettext
from markupsafe import Markup, escape

from portal.i18n import translate
from portal.journeys.answer_types import TYPES, address_choices, council_options, display
from portal.journeys.languages import languages
from portal.journeys.path import question_applies
from portal.journeys.schema import Page, Question
from portal.journeys.text import option_words, question_text


def answer_macro(question: Question) -> str:
    """The template whose ``answer`` macro renders this question's inputs."""
    return TYPES[question.type].macro


def answer_parts(
    question: Question,
    name: str,
    error: str | None,
    heading: bool = False,
    hidden_label: bool = False,
) -> dict:
    """What every answer type's component shares: its label (for one input) or legend (for a
    fieldset), in the page's h1 when ``heading``; its hint; its error message."""
    text = question_text(name, question.label)

    def size(kind: str) -> str:
        if heading:
            return f"govuk-{kind}--l"
        return "govuk-visually-hidden" if hidden_label else f"govuk-{kind}--s"

    return {
        "label": {"text": text, "isPageHeading": heading, "classes": size("label")},
        "legend": {"text": text, "isPageHeading": heading, "classes": size("fieldset__legend")},
        "hint": {"text": question_text(name, question.hint)} if question.hint else None,
        "errorMessage": {"text": error} if error else None,
    }


def anchor(question: Question, name: str | None = None) -> str:
    """The id of the first input of a question, where an error summary link should land."""
    return (name or question.id) + TYPES[question.type].first_input


def error_list(page: Page, errors: dict) -> list[dict]:
    """Items for govukErrorSummary, in the order the questions appear on the page."""
    items = []
    if "_session" in errors:
        items.append({"text": errors["_session"], "href": "#main-form"})
    for question in page.questions:
        if question.id in errors:
            items.append({"text": errors[question.id], "href": f"#{anchor(question)}"})
        for field in question.fields:
            name = f"{question.id}-{field.id}"
            if name in errors:
                items.append({"text": errors[name], "href": f"#{anchor(field, name)}"})
    return items


def errors_list(errors: dict) -> list[dict]:
    return [{"text": text, "href": f"#{name}"} for name, text in errors.items()]


def date_parts(value: dict | None) -> dict:
    if not value or "date" not in value:
        return {"unknown": bool(value and value.get("unknown"))}
    day = date.fromisoformat(value["date"])
    return {
        "day": str(day.day),
        "month": str(day.month),
        "year": str(day.year),
        "approximate": value.get("approximate", False),
    }


def answer_row(label: str, text: str, link: str | None = None) -> dict:
    """A summary list row; ``lines`` are the answer's lines, for the text copy."""
    lines = str(text).split("\n")
    # One line is escaped as it is, so an option shown in English keeps its lang.
    html = escape(text) if len(lines) == 1 else Markup("<br>").join(map(escape, lines))
    row = {
        "key": {"text": label},
        "value": {"html": html},
        "lines": lines,
    }
    if link:
        row["actions"] = {
            "items": [
                {
                    "href": link,
                    "text": gettext("Change"),
                    "visuallyHiddenText": label,
                }
            ]
        }
    return row


def item_rows(
    question: Question, item: dict, link: str | None = None, hide_sensitive: bool = False
) -> list[dict]:
    """The rows for one item of an "add another" list."""
    rows = []
    for field in question.fields:
        if field.id not in item or (hide_sensitive and field.sensitive):
            continue
        name = f"{question.id}-{field.id}"  # the field's name in the form, and its context
        text = display(field, item.get(field.id), gettext, option_words(name))
        rows.append(answer_row(question_text(name, field.label), text, link))
    return rows


def language_choices() -> list[dict]:
    """The interpreter languages in the reader's alphabetical order; an endonym only where it
    differs from the name shown (Tagalog, Twi; Polish on a Polish page)."""
    choices = []
    for language in languages().values():
        name = translate(language.name)
        same = language.endonym and language.endonym.casefold() == name.casefold()
        endonym = None if same else language.endonym
        choices.append(
            {"code": language.code, "name": name, "endonym": endonym, "dir": language.dir}
        )
    return sorted(choices, key=lambda choice: choice["name"].casefold())


def init_display(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals.update(
        address_choices=address_choices,
        answer_macro=answer_macro,
        answer_parts=answer_parts,
        council_options=council_options,
        error_list=error_list,
        errors_list=errors_list,
        item_rows=item_rows,
        date_parts=date_parts,
        language_choices=language_choices,
        question_applies=question_applies,
    )
