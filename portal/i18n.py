"""Languages: which the portal ships, how a request picks one, and how links keep it.

The locale is the first segment of the path (``/pl/cookies``); English lives at the root. A page is
declared once with ``localised_route`` and answers at every locale's address; ``url_for`` keeps the
reader's language without any view having to pass it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from functools import cache

from babel import Locale
from babel.dates import format_time
from flask import Blueprint, Flask, g, has_request_context, request, url_for
from markupsafe import Markup, escape
from werkzeug.routing import BaseConverter

DEFAULT_LOCALE = "en"


def translate(message: str, **values) -> str:
    """gettext for a message held in data (a journey file, a topic), not written in the code.

    Calling gettext with a variable works, but Babel would also extract any string literal in
    the call (a dictionary key, say) as a message; this name is not one Babel looks for.
    """
    from flask_babel import gettext

    return gettext(message, **values)


class English(str):
    """English shown on a page in another language, because the reader's catalogue has no
    translation of it yet. As text it is the words alone (a page title, a text file, JSON); in
    HTML it is marked with its language, so a screen reader pronounces it as English (WCAG 2.2,
    3.1.2 language of parts)."""

    def __html__(self) -> Markup:
        return Markup('<span lang="{}" dir="{}">{}</span>').format(
            DEFAULT_LOCALE, text_direction(DEFAULT_LOCALE), str.__str__(self)
        )


def translate_or_english(context: str, message: str, **values) -> str:
    """pgettext for a message held in data (journey text): the reader's translation, or the
    English as ``English`` when their catalogue has none (untranslated, or fuzzy, which
    `pybabel compile` leaves out)."""
    from flask_babel import get_translations

    found = None
    if current_locale() != DEFAULT_LOCALE:
        # gettext cannot say whether it found a message, and a translation may be the same
        # words as the English; the compiled catalogue's own table can ("context\x04message").
        catalogue = getattr(get_translations(), "_catalog", {})
        found = catalogue.get(f"{context}\x04{message}")
    if found is None:
        text = message % values if values else message
        return text if current_locale() == DEFAULT_LOCALE else English(text)
    return found % values if values else found


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is translated later (Babel's N_ keyword)."""
    return message


@dataclass(frozen=True)
class Language:
    code: str
    # The language's name in itself, as a reader of it looks for it in a switcher.
    native_name: str

    @property
    def direction(self) -> str:
        return text_direction(self.code)


# Order is the order of the language switcher. Adding a language: add it here, run
# `make translations`, translate translations/<code>/LC_MESSAGES/messages.po.
LANGUAGES: tuple[Language, ...] = (
    Language("en", "English"),
    Language("pl", "Polski"),
    Language("ur", "اردو"),
)
LOCALE_CODES = tuple(language.code for language in LANGUAGES)
PREFIXED_LOCALES = tuple(code for code in LOCALE_CODES if code != DEFAULT_LOCALE)

# Endpoints declared with localised_route: only these take a locale prefix.
_LOCALISED_ENDPOINTS: set[str] = set()
# The public pages a search engine (and the accessibility tests) should visit, in every locale:
# endpoint -> None for a page without arguments, or a function listing each page's arguments.
SITEMAP_ENDPOINTS: dict[str, Callable[[], list[dict]] | None] = {}


@cache
def text_direction(code: str) -> str:
    """'rtl' for right-to-left scripts (Urdu, Arabic, Farsi...), otherwise 'ltr'."""
    return "rtl" if Locale.parse(code).character_order == "right-to-left" else "ltr"


class LocaleConverter(BaseConverter):
    """Matches only the prefixed (non-default) locales, so /en/... and /fr/... are not pages."""

    regex = "|".join(PREFIXED_LOCALES) or "(?!)"


def localised_route(
    bp: Blueprint,
    rule: str,
    *,
    sitemap: bool | Callable[[], list[dict]] = False,
    **options,
) -> Callable:
    """Like ``bp.route`` but the page also answers under every locale prefix.

    ``sitemap=True`` lists the page in sitemap.xml, which the browser accessibility tests walk, so
    a new page is checked without anyone remembering to add it to a test. For a rule with
    arguments, ``sitemap`` is a function returning the arguments of every page to list.
    """

    def decorator(view: Callable) -> Callable:
        endpoint = options.pop("endpoint", view.__name__)
        bp.add_url_rule(rule, endpoint, view, **options)
        bp.add_url_rule(f"/<locale:lang>{rule}", endpoint, view, **options)
        full_name = f"{bp.name}.{endpoint}"
        _LOCALISED_ENDPOINTS.add(full_name)
        if sitemap:
            SITEMAP_ENDPOINTS[full_name] = None if sitemap is True else sitemap
        return view

    return decorator


def is_localised(endpoint: str | None) -> bool:
    return endpoint in _LOCALISED_ENDPOINTS


def current_locale() -> str:
    """The locale of the request being handled (English outside a request)."""
    if not has_request_context():
        return DEFAULT_LOCALE
    if "locale" not in g:
        g.locale = locale_from_path(request.path)
    return g.locale


def clock_time(value: time, locale: str) -> str:
    """A time of day: GOV.UK style in English ("8:45am", "5pm"), the usual form elsewhere."""
    if locale == DEFAULT_LOCALE:
        hour = value.hour % 12 or 12
        suffix = "am" if value.hour < 12 else "pm"
        return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"
    return format_time(value, "short", locale=locale)


def babel_locale() -> str:
    """The locale for translations and for formatting dates and numbers.

    English is British English: "23 November 2026", not "November 23, 2026".
    """
    locale = current_locale()
    return "en_GB" if locale == DEFAULT_LOCALE else locale


def locale_from_path(path: str) -> str:
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in PREFIXED_LOCALES else DEFAULT_LOCALE


def localised_path(path: str, locale: str) -> str:
    """A site path written in English form ("/advice") as the ``locale`` version of it."""
    return path if locale == DEFAULT_LOCALE else f"/{locale}{path}"


def localised_url(endpoint: str, locale: str, **values) -> str:
    """The address of ``endpoint`` in ``locale`` (English has no prefix)."""
    # For English the prefix is dropped again by _keep_locale_in_urls.
    return url_for(endpoint, **{**values, "lang": locale})


def lang_attributes(text_locale: str) -> Markup:
    """``lang`` and ``dir`` for a piece of text in another language than the page around it.

    Used where the page falls back to English (or shows a language's own name), so screen readers
    pronounce it right. Empty when the text is already in the page's language.
    """
    if text_locale == current_locale():
        return Markup("")
    return Markup(' lang="{}" dir="{}"').format(escape(text_locale), text_direction(text_locale))


def switcher_links() -> list[dict]:
    """The language switcher: this page in every shipped language."""
    endpoint = request.endpoint if request.url_rule else None
    view_args = dict(request.view_args or {}) if endpoint else {}
    links = []
    for language in LANGUAGES:
        if is_localised(endpoint) and request.method == "GET":
            href = localised_url(endpoint, language.code, **view_args)
        else:
            href = localised_url("public.start", language.code)
        links.append(
            {
                "code": language.code,
                "name": language.native_name,
                "direction": language.direction,
                "href": href,
                "current": language.code == current_locale(),
            }
        )
    return links


def alternate_links() -> list[dict]:
    """``<link rel=alternate hreflang>`` for search engines, on pages that exist in every locale."""
    if not (request.url_rule and is_localised(request.endpoint)):
        return []
    view_args = dict(request.view_args or {})
    links = [
        {
            "hreflang": language.code,
            "href": localised_url(request.endpoint, language.code, _external=True, **view_args),
        }
        for language in LANGUAGES
    ]
    links.append(
        {
            "hreflang": "x-default",
            "href": localised_url(request.endpoint, DEFAULT_LOCALE, _external=True, **view_args),
        }
    )
    return links


def _take_locale_from_url(endpoint: str | None, values: dict | None) -> None:
    if values is not None:
        values.pop("lang", None)


def _keep_locale_in_urls(endpoint: str, values: dict) -> None:
    if not is_localised(endpoint):
        if values.get("lang") == DEFAULT_LOCALE:
            del values["lang"]
        return
    lang = values.get("lang", current_locale())
    if lang == DEFAULT_LOCALE:
        values.pop("lang", None)
    else:
        values["lang"] = lang


def init_i18n(app: Flask) -> None:
    from portal.extensions import babel

    app.url_map.converters["locale"] = LocaleConverter
    babel.init_app(app, locale_selector=babel_locale)
    app.url_value_preprocessor(_take_locale_from_url)
    app.url_defaults(_keep_locale_in_urls)
    app.jinja_env.globals.update(
        LANGUAGES=LANGUAGES,
        current_locale=current_locale,
        text_direction=text_direction,
        lang_attributes=lang_attributes,
        switcher_links=switcher_links,
        alternate_links=alternate_links,
    )
