"""Journey definitions: forms/<journey>.yaml read into plain objects and checked.

A journey is sections of pages of questions. Every word in a file is English source text that
goes through gettext when shown, so translators work in the same catalogue as the rest of the
portal (see portal/journeys/extract.py). A file is first checked against its JSON Schema
(forms/schemas/journey.schema.json), then by meaning (portal/journeys/checks.py); every problem
in every file is reported together.

Journeys are found by reading forms/: each YAML file there says what it is with ``kind``
(docs/adr/0013-journeys-found-by-kind.md), so adding a form is adding a file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portal import filecheck
from portal.conditions import holds
from portal.config import FORMS_DIR, ConfigError
from portal.journeys.work_block import Work
from portal.routing import Places

JOURNEY = "journey"  # the kind a journey file declares
# The engine's own stop page, for a place another council serves (a journey whose places say
# out_of_area: redirect): a page of the engine, in interface text, not a stop of a file.
OUT_OF_AREA = "out-of-area"


class JourneyError(ConfigError, ValueError):
    """A journey file is wrong; the message lists every problem."""


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    hint: str | None = None
    exclusive: bool = False  # a checkbox that clears the others ("None of these")
    divider_before: bool = False  # "or" before this option


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    label: str
    hint: str | None = None
    required: bool = True
    errors: dict[str, str] = field(default_factory=dict)
    options: tuple[Option, ...] = ()
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    when: dict | None = None
    allow_approximate: bool = False
    allow_unknown: bool = False
    dates: str | None = None  # "past" or "future"
    fields: tuple[Question, ...] = ()  # for lists: one item's questions
    # For lists, whole sentences (never built from fragments, so they translate):
    # item_title ("Responder %(number)s"), add_first, add_another, add_button.
    list_texts: dict[str, str] = field(default_factory=dict)
    min_items: int = 0
    max_items: int = 10
    autocomplete: str | None = None
    width: str | None = None  # govuk-input--width-N class suffix
    # Safety, abuse, the person causing harm: never in a copy, a download, a message or a log
    # (portal/journeys/sensitive.py); questions shown only after a sensitive answer are too.
    sensitive: bool = False
    # For an address: the postcode question whose addresses (OS Places, when configured) the
    # person may pick from instead of typing; the addresses name their council exactly.
    lookup_from: str | None = None

    def option(self, value: str) -> Option | None:
        return next((option for option in self.options if option.value == value), None)


@dataclass(frozen=True)
class Page:
    id: str
    section: str
    questions: tuple[Question, ...]
    title: str | None = None
    intro: tuple[str, ...] = ()
    when: dict | None = None
    stops: tuple[tuple[dict, str], ...] = ()  # (condition, stop id) checked after answering
    sensitive: bool = False

    @property
    def heading(self) -> str:
        return self.title or self.questions[0].label

    @property
    def single_question(self) -> bool:
        return len(self.questions) == 1 and self.title is None


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    pages: tuple[Page, ...]
    summary: str | None = None


@dataclass(frozen=True)
class Stop:
    id: str
    title: str
    body: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    warning: str | None = None


@dataclass(frozen=True)
class NextStep:
    """A paragraph of the confirmation's "What happens next"; with ``when``, only for the
    submissions whose answers meet it (for example, "we will tell their social worker")."""

    text: str
    when: dict | None = None


@dataclass(frozen=True)
class Offer:
    """Another form offered on the confirmation page to those whose answers meet ``when`` (a
    carer who reported a concern may ask for a carer's assessment)."""

    journey: str  # the id of the journey offered
    when: dict
    body: str
    link: str  # the words of the link to its start page
    heading: str | None = None


@dataclass(frozen=True)
class Journey:
    id: str
    order: int  # where it comes in lists of forms, lowest first
    version: int
    title: str
    reference_prefix: str
    summary: str
    start_body: tuple[str, ...]
    before_you_start: tuple[str, ...]
    sections: tuple[Section, ...]
    stops: dict[str, Stop]
    declaration: dict[str, str]
    next_steps: tuple[NextStep, ...]  # confirmation page; may use %(due)s
    task_list: bool = False
    sensitive: bool = False
    # Question ids the engine gives meaning to.
    email_question: str | None = None
    contact_consent_question: str | None = None
    first_sections: tuple[str, ...] = ()  # done before the task list (safety checks)
    # Which answers say where the person is, and what a place outside Essex means (routing).
    places: Places = field(default_factory=Places)
    confirmation_offers: tuple[Offer, ...] = ()
    # What the staff workspace reads from the answers.
    work: Work = field(default_factory=Work)
    # Sensitive journeys use a neutral address and page title, so a browser's history does not
    # tell someone else what the person was doing.
    slug: str = ""
    neutral_title: str | None = None
    # The file's content as read: each submission keeps it (by content hash) so it is always
    # shown with the questions it was asked (portal/work_items/definitions.py).
    definition: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def pages(self) -> list[Page]:
        return [page for section in self.sections for page in section.pages]

    def page(self, page_id: str) -> Page | None:
        return next((page for page in self.pages if page.id == page_id), None)

    def section(self, section_id: str) -> Section | None:
        return next((section for section in self.sections if section.id == section_id), None)

    def questions(self) -> dict[str, Question]:
        return {question.id: question for page in self.pages for question in page.questions}

    def page_asking(self, question_id: str) -> Page | None:
        """The page that asks the question ``question_id``."""
        return next(
            (page for page in self.pages if any(q.id == question_id for q in page.questions)),
            None,
        )

    def next_steps_for(self, answers: dict) -> list[str]:
        """The confirmation's "What happens next" paragraphs that apply to these answers."""
        return [step.text for step in self.next_steps if holds(step.when, answers)]

    def offers_for(self, answers: dict) -> list[Offer]:
        """The other forms the confirmation page offers for these answers."""
        return [offer for offer in self.confirmation_offers if holds(offer.when, answers)]


def _texts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list) else (value,)


def _question(raw: dict) -> Question:
    """A question from its (schema-checked) YAML."""
    kind = raw["type"]
    options = tuple(
        Option(
            value=item["value"],
            label=item["label"],
            hint=item.get("hint"),
            exclusive=bool(item.get("exclusive")),
            divider_before=bool(item.get("divider_before")),
        )
        for item in raw.get("options") or []
    )
    if kind == "yesno" and not options:
        options = (Option("yes", "Yes"), Option("no", "No"))
    return Question(
        id=raw["id"],
        type=kind,
        label=raw["label"],
        hint=raw.get("hint"),
        required=raw.get("required", True),
        errors=dict(raw.get("errors") or {}),
        options=options,
        max_length=raw.get("max_length"),
        minimum=raw.get("min"),
        maximum=raw.get("max"),
        when=raw.get("when"),
        allow_approximate=bool(raw.get("allow_approximate")),
        allow_unknown=bool(raw.get("allow_unknown")),
        dates=raw.get("dates"),
        fields=tuple(_question(item) for item in raw.get("fields") or []),
        list_texts=dict(raw.get("list_texts") or {}),
        min_items=raw.get("min_items", 0),
        max_items=raw.get("max_items", 10),
        autocomplete=raw.get("autocomplete"),
        width=str(raw["width"]) if "width" in raw else None,
        sensitive=bool(raw.get("sensitive")),
        lookup_from=raw.get("lookup_from"),
    )


def read_questions(raw: list) -> tuple[Question, ...]:
    """Questions written like a journey's, outside a journey file, already checked against
    the journey schema's question (as forms/schemas/equality-monitoring.schema.json does)."""
    return tuple(_question(item) for item in raw)


def _next_step(item: str | dict) -> NextStep:
    """Plain text, or {text: ..., when: <condition>} for a step only some people need."""
    return NextStep(item) if isinstance(item, str) else NextStep(item["text"], item["when"])


def _page(raw: dict, section: str, sensitive: bool) -> Page:
    return Page(
        id=raw["id"],
        section=section,
        questions=tuple(_question(item) for item in raw["questions"]),
        title=raw.get("title"),
        intro=_texts(raw.get("intro")),
        when=raw.get("when"),
        stops=tuple((item["when"], item["stop"]) for item in raw.get("stops") or []),
        sensitive=bool(raw.get("sensitive") or sensitive),
    )


def _build(raw: dict) -> Journey:
    """The journey a schema-checked file describes."""
    sensitive = bool(raw.get("sensitive"))
    sections = tuple(
        Section(
            id=section["id"],
            title=section["title"],
            pages=tuple(_page(page, section["id"], sensitive) for page in section["pages"]),
            summary=section.get("summary"),
        )
        for section in raw["sections"]
    )
    stops = {
        item["id"]: Stop(
            id=item["id"],
            title=item["title"],
            body=_texts(item.get("body")),
            contacts=tuple(item.get("contacts") or ()),
            warning=item.get("warning"),
        )
        for item in raw.get("stops") or []
    }
    start = raw.get("start") or {}
    return Journey(
        id=raw["id"],
        order=raw["order"],
        version=raw.get("version", 1),
        title=raw["title"],
        reference_prefix=raw["reference_prefix"],
        summary=raw["summary"],
        start_body=_texts(start.get("body")),
        before_you_start=_texts(start.get("before_you_start")),
        sections=sections,
        stops=stops,
        declaration=dict(raw["declaration"]),
        next_steps=tuple(_next_step(item) for item in raw.get("next_steps") or []),
        task_list=bool(raw.get("task_list")),
        sensitive=sensitive,
        email_question=raw.get("email_question"),
        contact_consent_question=raw.get("contact_consent_question"),
        first_sections=tuple(raw.get("first_sections") or ()),
        places=Places.from_file(raw.get("places")),
        # The schema allows exactly the fields of Offer.
        confirmation_offers=tuple(Offer(**item) for item in raw.get("confirmation_offers") or []),
        work=Work.from_file(raw.get("work")),
        slug=raw.get("slug") or raw["id"],
        neutral_title=raw.get("neutral_title"),
        definition=raw,
    )


def _raise(problems: list[str]) -> None:
    if problems:
        raise JourneyError("Journey files have problems:\n  - " + "\n  - ".join(problems))


def _journey_problems(path: Path, raw: Any) -> tuple[Journey | None, list[str]]:
    """The journey in ``path`` (None if it is broken) and every problem with it, each starting
    with the file's name."""
    from portal.journeys.checks import problems as meaning_problems  # it reads these classes
    from portal.journeys.sensitive import spread  # it builds on this module's classes

    problems = filecheck.problems(raw, JOURNEY)
    if isinstance(raw, dict) and raw.get("id") != path.stem:
        problems.append(f"id must be the file's name, {path.stem}, not {raw.get('id')!r}")
    if problems:  # a file that breaks its schema is not read further: its parts may be missing
        return None, filecheck.in_file(path.name, problems)
    journey = _build(raw)
    problems = meaning_problems(journey)
    if problems:
        return None, filecheck.in_file(path.name, problems)
    return spread(journey), []


def journey_from_definition(raw: dict) -> Journey:
    """A journey rebuilt from the definition kept with a submission (portal/work_items).

    It was checked when it was in use, so it is not checked again: the checks of a later
    version of the engine must not make an old submission unreadable.
    """
    from portal.journeys.sensitive import spread

    return spread(_build(raw))


def load_journey(path: Path) -> Journey:
    """One journey file, checked; raises JourneyError naming every problem."""
    raw, problems = filecheck.read(path)
    journey, found = _journey_problems(path, raw) if not problems else (None, [])
    _raise(filecheck.in_file(path.name, problems) + found)
    return journey


# Journeys already read and checked, by their file's bytes: a journey is immutable, and the tests
# build an app hundreds of times from the same files.
_checked: dict[tuple[str, str], tuple[Journey | None, tuple[str, ...]]] = {}


def _discover(folder: Path) -> tuple[list[tuple[Path, Any]], list[str]]:
    """(path, YAML) of every journey file in ``folder``, and the problems of files there that
    are not valid YAML or say no kind of file a schema exists for."""
    found, problems = [], []
    for path in sorted(folder.glob("*.yaml")):
        raw, broken = filecheck.read(path)
        kind = raw.get("kind") if isinstance(raw, dict) else None
        if broken:
            problems += filecheck.in_file(path.name, broken)
        elif kind == JOURNEY:
            found.append((path, raw))
        elif kind not in filecheck.kinds():
            kinds = ", ".join(sorted(filecheck.kinds()))
            problems.append(f"{path.name}: kind must say what the file is (one of {kinds})")
    return found, problems


def journey_ids(forms_dir: Path | None = None) -> list[str]:
    """The ids of the journeys in ``forms_dir`` (default: forms/), in their declared order."""
    return list(load_journeys(forms_dir))


def load_journeys(forms_dir: Path | None = None) -> dict[str, Journey]:
    """Every journey in ``forms_dir`` (default: forms/) by id, in their declared order; raises
    JourneyError naming every problem in every file."""
    files, problems = _discover(forms_dir or FORMS_DIR)
    journeys = []
    for path, raw in files:
        key = (path.name, hashlib.sha256(path.read_bytes()).hexdigest())
        if key not in _checked:
            journey, found = _journey_problems(path, raw)
            _checked[key] = (journey, tuple(found))
        journey, found = _checked[key]
        problems += found
        if journey is not None:
            journeys.append(journey)
    for name in ("order", "slug", "reference_prefix"):
        values = [getattr(journey, name) for journey in journeys]
        for value in sorted({v for v in values if values.count(v) > 1}, key=str):
            users = ", ".join(j.id for j in journeys if getattr(j, name) == value)
            problems.append(f"{users}: two journeys cannot share the {name} {value!r}")
    from portal.journeys.checks import offer_problems  # it reads this module's classes

    problems += offer_problems(journeys, {path.stem: path.name for path, _raw in files})
    _raise(problems)
    return {journey.id: journey for journey in sorted(journeys, key=lambda j: j.order)}
