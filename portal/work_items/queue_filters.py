"""The filters of the queue views: what may be chosen, reading them from a query string, and the
SQL each adds.

Every filter lives in the URL (a GET form), so a filtered list can be bookmarked, shared with a
colleague who may see the same queues, or opened again with Back. A value that is not one of the
choices (a mistyped link, an old bookmark, a queue this person may not see) is reported by name
and left out; it never fails the page. Choices come from the council's files: queues from
forms/routing.yaml (only those the person may see), localities and districts from
config/districts.yaml, statuses from config/work-statuses.yaml, languages from the site's
languages and config/languages.yaml; channels from the submissions themselves.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime

from sqlalchemy import ColumnElement, or_, true

from portal.data.journeys import Submission
from portal.districts import alliances, districts
from portal.i18n import LANGUAGES
from portal.journeys.languages import OTHER, languages
from portal.routing import PRIORITIES
from portal.work_items.due import end_of_day, end_of_week

DUE_CHOICES = {"overdue": "Overdue", "today": "Due today", "this-week": "Due this week"}
# British Sign Language, as staff write it in a queue.
BSL = "bfi"
# How staff name the doors a form came through (the id is stored with each submission); a door
# not named here is shown by its id.
CHANNEL_NAMES = {
    "self-service": "Online",
    "call-handler": "Call handler",
    "phone": "Phone",
    "provider": "Provider",
    "api": "API",
}
YES = "yes"


@dataclass(frozen=True)
class Option:
    value: str
    text: str


@dataclass(frozen=True)
class Options:
    """What each filter offers this person on this view."""

    queues: tuple[Option, ...]
    localities: tuple[Option, ...]
    districts: tuple[Option, ...]
    priorities: tuple[Option, ...]
    statuses: tuple[Option, ...]
    dues: tuple[Option, ...]
    languages: tuple[Option, ...]
    channels: tuple[Option, ...]


@dataclass(frozen=True)
class Filters:
    """The filters chosen; empty means "any". Field names are the query string's, with ``_``
    for ``-``; a repeated filter (priority, status) is a tuple."""

    queue: str | None = None
    locality: str | None = None
    district: str | None = None
    priority: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    due: str | None = None
    language: str | None = None
    channel: str | None = None
    locality_check: bool = False

    def params(self) -> list[tuple[str, str]]:
        """The query string pairs, in a fixed order (so equal filters make equal URLs)."""
        pairs: list[tuple[str, str]] = []
        for item in fields(self):
            value = getattr(self, item.name)
            name = item.name.replace("_", "-")
            if isinstance(value, tuple):
                pairs.extend((name, one) for one in value)
            elif value is True:
                pairs.append((name, YES))
            elif value:
                pairs.append((name, value))
        return pairs

    @property
    def active(self) -> bool:
        return bool(self.params())

    def without(self, name: str, value: str | None = None) -> Filters:
        """These filters with one removed (one value of a repeated filter)."""
        current = getattr(self, name)
        if isinstance(current, tuple):
            return replace(self, **{name: tuple(one for one in current if one != value)})
        return replace(self, **{name: False if isinstance(current, bool) else None})

    def for_audit(self) -> dict:
        """The filters used, as ids: never anything typed (there is nothing typed to keep)."""
        found: dict[str, str | list[str]] = {}
        for name, value in self.params():
            repeated = found.get(name)
            if name in ("priority", "status"):
                found[name] = [*(repeated or []), value]
            else:
                found[name] = value
        return found


@dataclass
class Parsed:
    filters: Filters
    page: int = 1
    # Field id -> message, in the order of the form.
    errors: dict[str, str] = field(default_factory=dict)


def language_names() -> dict[str, str]:
    """Language code -> English name: the site's languages (English, Polish, Urdu) and every
    language a form offers an interpreter for."""
    names = {"en": "English"}
    names.update({code: language.name for code, language in languages().items()})
    for language in LANGUAGES:  # a site language no form offers an interpreter for
        names.setdefault(language.code, language.native_name)
    return names


def options(
    *,
    queue_names: Mapping[str, str],
    visible_queues: frozenset[str],
    statuses: Sequence[tuple[str, str]],
    channels: Sequence[str],
) -> Options:
    """Each filter's choices. ``queue_names`` is routing's (in its order), ``visible_queues``
    the person's; ``statuses`` (id, name) those the view can show; ``channels`` the doors the
    submissions came through."""
    # English is left out: nearly every form is in English and needs no interpreter for it.
    language_options = sorted(
        (Option(code, name) for code, name in language_names().items() if code != "en"),
        key=lambda option: option.text,
    )
    return Options(
        queues=tuple(Option(q, name) for q, name in queue_names.items() if q in visible_queues),
        localities=tuple(Option(key, name) for key, name in alliances().items()),
        districts=tuple(Option(d.id, d.name) for d in districts()),
        priorities=tuple(Option(p, p.capitalize()) for p in PRIORITIES),
        statuses=tuple(Option(s, name) for s, name in statuses),
        dues=tuple(Option(key, text) for key, text in DUE_CHOICES.items()),
        languages=(*language_options, Option(OTHER, "Another language")),
        channels=tuple(
            sorted((Option(c, channel_name(c)) for c in channels), key=lambda o: o.text)
        ),
    )


def channel_name(channel: str) -> str:
    return CHANNEL_NAMES.get(channel) or channel.replace("-", " ").capitalize()


_SINGLE = {
    # field id: (options attribute, message)
    "queue": ("queues", "Select a queue from the list"),
    "locality": ("localities", "Select a locality from the list"),
    "district": ("districts", "Select a district from the list"),
    "due": ("dues", "Select when it is due from the list"),
    "language": ("languages", "Select a language from the list"),
    "channel": ("channels", "Select how it was sent from the list"),
}
_MANY = {
    "priority": ("priorities", "Select priorities from the list"),
    "status": ("statuses", "Select statuses from the list"),
}


def parse(args, offered: Options) -> Parsed:
    """The filters in a query string (a MultiDict). A value that is not offered is left out and
    named in ``errors``; so is a page number that is not a whole number of 1 or more."""
    chosen: dict = {}
    errors: dict[str, str] = {}
    for name, (attribute, message) in _SINGLE.items():
        value = (args.get(name) or "").strip()
        if not value:
            continue
        if value in {option.value for option in getattr(offered, attribute)}:
            chosen[name] = value
        else:
            errors[name] = message
    for name, (attribute, message) in _MANY.items():
        allowed = [option.value for option in getattr(offered, attribute)]
        values = {value.strip() for value in args.getlist(name) if value.strip()}
        if values - set(allowed):
            errors[name] = message
        # In the order offered, so the same choice is always the same URL.
        chosen[name] = tuple(value for value in allowed if value in values)
    check = (args.get("locality-check") or "").strip()
    if check and check != YES:
        errors["locality-check"] = "Select whether it needs a locality check"
    chosen["locality_check"] = check == YES
    page = 1
    raw_page = (args.get("page") or "").strip()
    if raw_page:
        if raw_page.isdigit() and 0 < int(raw_page) < 10**9:
            page = int(raw_page)
        else:
            errors["page"] = "The page number must be a whole number, like 2"
    return Parsed(Filters(**chosen), page, errors)


def conditions(filters: Filters, now: datetime) -> list[ColumnElement[bool]]:
    """The WHERE clauses of the chosen filters (none for "any"), but the queue's: which queues a
    list looks in is need to know's question (access.visible_parts), and a form is in a queue's
    list through its second queue too."""
    found: list[ColumnElement[bool]] = []
    if filters.locality:
        found.append(Submission.locality == filters.locality)
    if filters.district:
        found.append(Submission.district == filters.district)
    if filters.priority:
        # By rank, the column the queue indexes order by.
        ranks = [PRIORITIES.index(priority) + 1 for priority in filters.priority]
        found.append(Submission.priority_rank.in_(ranks))
    if filters.status:
        found.append(Submission.status.in_(filters.status))
    if filters.due == "overdue":
        found.append(Submission.due_at < now)
    elif filters.due == "today":
        found.extend((Submission.due_at >= now, Submission.due_at < end_of_day(now)))
    elif filters.due == "this-week":
        found.extend((Submission.due_at >= now, Submission.due_at < end_of_week(now)))
    if filters.language:
        found.append(
            or_(Submission.locale == filters.language, Submission.interpreter == filters.language)
        )
    if filters.channel:
        found.append(Submission.channel == filters.channel)
    if filters.locality_check:
        found.append(Submission.locality_check == true())
    return found
