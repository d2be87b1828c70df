"""Problems in words: one function turns a Problem into its message in the reader's language.

A question's own ``errors`` in its YAML replace the default message for a key (looked up with the
question's context, as the rest of its words are: portal/journeys/text.py); "required" and
"too_few" have no default, since only the question can say what is missing.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l

from portal.journeys.answer_types.base import Problem
from portal.journeys.schema import Journey, Question
from portal.journeys.text import question_text

# Messages for input of the wrong shape, in whole sentences (never built from fragments). A
# question can replace any of them in its YAML `errors`.
DEFAULT_ERRORS = {
    "too_long": _l("Your answer must be %(max)s characters or fewer"),
    "number": _l("Enter a whole number, like 2"),
    "too_small": _l("The number must be %(min)s or more"),
    "too_big": _l("The number must be %(max)s or fewer"),
    "date_incomplete": _l("Enter the full date, with a day, month and year"),
    "date_invalid": _l("The date must be a real date, like 27 3 2026"),
    "date_past": _l("The date must be today or in the past"),
    "date_future": _l("The date must be today or in the future"),
    "date_year": _l("The year must include 4 numbers, like 2026"),
    "date_unknown_and_given": _l("Either enter a date or say you do not know it, not both"),
    "postcode": _l("Enter a real postcode, like CM1 1QH"),
    "address_line": _l("Enter the first line of the address"),
    "address_town": _l("Enter the town or city"),
    "address_choice": _l("Select the address from the list, or type it in the boxes below"),
    "phone": _l("Enter a UK phone number, like 01632 960 001 or 07700 900 982"),
    "email": _l("Enter an email address in the correct format, like name@example.com"),
    "nhs_number": _l("Enter a real NHS number: it has 10 numbers, like 943 476 5919"),
    "cqc_location": _l("Enter a CQC location ID in the correct format, like 1-123456789"),
    "choice": _l("Select one of the options"),
    "exclusive": _l("Select either a type or ‘none of these’, not both"),
    "too_many_items": _l("You can add up to %(max)s"),
    "language_other": _l("Enter the language"),
}


def _shown(problem: Problem) -> dict:
    """The values as the message shows them: a length limit with a thousands separator."""
    values = dict(problem.params)
    if problem.key == "too_long" and isinstance(values.get("max"), int):
        values["max"] = f"{values['max']:,}"
    return values


def problem_text(question: Question, problem: Problem, name: str | None = None) -> str:
    """The message for a problem with an answer to ``question``, in the reader's language.

    ``name`` is the question's name in the form and its context (a list's field is
    ``<list id>-<field id>``); a problem with a list item's field is worded by that field.
    """
    name = name or question.id
    if problem.field is not None:
        field = next(item for item in question.fields if item.id == problem.field)
        return problem_text(field, Problem(problem.key, problem.params), f"{name}-{field.id}")
    values = _shown(problem)
    custom = question.errors.get(problem.key)
    if problem.key == "required" and not custom:
        # Only a list's unreadable item asks this of an optional field: name the field.
        custom = question.label
    if custom:
        return question_text(name, custom, **values)
    message = str(DEFAULT_ERRORS[problem.key])
    return message % values if values else message


def problem_texts(journey: Journey, problems: Mapping[str, Problem]) -> dict[str, str]:
    """check_answers' problems in words, by question id."""
    questions = journey.questions()
    return {name: problem_text(questions[name], found) for name, found in problems.items()}
