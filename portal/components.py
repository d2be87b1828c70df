"""Parameters for GOV.UK Frontend components, in the reader's language.

Component JavaScript picks a message by the CLDR plural category of a number (Polish has four,
Urdu two), so each category gets its own message, found by asking gettext about a number that
falls in that category.
"""

from __future__ import annotations

from functools import cache

from babel import Locale
from flask import Flask
from flask_babel import format_number, gettext, ngettext

from portal.i18n import current_locale

COUNT = "%{count}"  # the placeholder GOV.UK Frontend's JavaScript fills in


@cache
def _sample_numbers(locale: str) -> dict[str, int]:
    rule = Locale.parse(locale).plural_form
    samples: dict[str, int] = {}
    for number in range(0, 1001):
        samples.setdefault(rule(number), number)
    # A category only fractions reach (Polish "other") borrows the form used for large numbers.
    for tag in rule.tags | {"other"}:
        samples.setdefault(tag, 100)
    return samples


def character_count_params(limit: int, **params) -> dict:
    """Params for govukCharacterCount with every message translated."""
    samples = _sample_numbers(current_locale())
    under = {
        tag: ngettext(
            "You have %(count)s character remaining",
            "You have %(count)s characters remaining",
            number,
            count=COUNT,
        )
        for tag, number in samples.items()
    }
    over = {
        tag: ngettext(
            "You have %(count)s character too many",
            "You have %(count)s characters too many",
            number,
            count=COUNT,
        )
        for tag, number in samples.items()
    }
    # Shown without JavaScript, so the number is written out here in the reader's own format.
    description = ngettext(
        "You can enter up to %(count)s character",
        "You can enter up to %(count)s characters",
        limit,
        count=format_number(limit),
    )
    return {
        "maxlength": limit,
        "textareaDescriptionText": description,
        "charactersUnderLimitText": under,
        "charactersAtLimitText": gettext("You have 0 characters remaining"),
        "charactersOverLimitText": over,
        **params,
    }


def init_components(app: Flask) -> None:
    app.jinja_env.globals["character_count_params"] = character_count_params
