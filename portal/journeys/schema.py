"""Journey definitions: forms/<journey>.yaml read into plain objects and checked.

A journey is sections of pages of questions. Every word in a file is English source text that
goes through gettext when shown, so translators work in the same catalogue as the rest of the
portal (see portal/journeys/extract.py). Every problem in a file is reported together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from portal.config import PROJECT_ROOT, ConfigError
from portal.journeys.conditions import ConditionError, codes_named, holds, questions_named
from portal.journeys.conditions import check as check_condition

FORMS_DIR = PROJECT_ROOT / "forms"
JOURNEY_FILES = ("carers-assessment", "care-technology-request", "safeguarding-alert")
TYPES = (
    "text",
    "textarea",
    "number",
    "yesno",
    "radios",
    "checkboxes",
    "date",
    "postcode",
    "address",
    "phone",
    "email",
    "nhs_number",
    "cqc_location",
    "list",
    "council_area",
    "language",  # an interpreter's language: config/languages.yaml, or another typed in
)
CHOICE_TYPES = ("radios", "checkboxes")
# Tests the engine adds to the condition language (see portal/journeys/path.py).
ENGINE_TESTS = ("area_is", "age_under")
_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
_PREFIX = re.compile(r"^[A-Z]{3}$")


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
class Journey:
    id: str
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
    # Sensitive journeys use a neutral address and page title, so a browser's history does not
    # tell someone else what the person was doing.
    slug: str = ""
    neutral_title: str | None = None
    # The file's content as read: each submission keeps it (by content hash) so it is always
    # shown with the questions it was asked (portal/work/definitions.py).
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

    def next_steps_for(self, answers: dict) -> list[str]:
        """The confirmation's "What happens next" paragraphs that apply to these answers."""
        return [step.text for step in self.next_steps if holds(step.when, answers)]


def _texts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list) else (value,)


def _question(raw: dict, where: str, problems: list[str]) -> Question:
    kind = raw.get("type")
    question_id = str(raw.get("id", ""))
    if not _ID.match(question_id):
        problems.append(f"{where}: question id {question_id!r} must be lower case")
    if kind not in TYPES:
        problems.append(f"{where}/{question_id}: unknown type {kind!r}")
    if not raw.get("label"):
        problems.append(f"{where}/{question_id}: needs a label")
    required = raw.get("required", True)
    errors = dict(raw.get("errors") or {})
    if required and not errors.get("required") and kind != "list":
        problems.append(f"{where}/{question_id}: a required question needs errors.required")
    options = []
    for item in raw.get("options") or []:
        options.append(
            Option(
                value=str(item["value"]),
                label=item["label"],
                hint=item.get("hint"),
                exclusive=bool(item.get("exclusive")),
                divider_before=bool(item.get("divider_before")),
            )
        )
    if kind in CHOICE_TYPES and len(options) < 2:
        problems.append(f"{where}/{question_id}: needs at least two options")
    if kind == "yesno" and not options:
        options = [Option("yes", "Yes"), Option("no", "No")]
    item_fields = tuple(
        _question(item, f"{where}/{question_id}", problems) for item in raw.get("fields") or []
    )
    list_texts = dict(raw.get("list_texts") or {})
    if kind == "list":
        missing = {"item_title", "add_first", "add_another", "add_button"} - set(list_texts)
        if not item_fields or missing:
            problems.append(f"{where}/{question_id}: a list needs fields and list_texts {missing}")
        if raw.get("min_items") and not errors.get("too_few"):
            problems.append(f"{where}/{question_id}: a list with min_items needs errors.too_few")
    return Question(
        id=question_id,
        type=str(kind),
        label=raw.get("label", ""),
        hint=raw.get("hint"),
        required=bool(required),
        errors=errors,
        options=tuple(options),
        max_length=raw.get("max_length"),
        minimum=raw.get("min"),
        maximum=raw.get("max"),
        when=raw.get("when"),
        allow_approximate=bool(raw.get("allow_approximate")),
        allow_unknown=bool(raw.get("allow_unknown")),
        dates=raw.get("dates"),
        fields=item_fields,
        list_texts=list_texts,
        min_items=int(raw.get("min_items", 0)),
        max_items=int(raw.get("max_items", 10)),
        autocomplete=raw.get("autocomplete"),
        width=raw.get("width"),
        sensitive=bool(raw.get("sensitive")),
        lookup_from=raw.get("lookup_from"),
    )


def read_questions(raw: list, where: str) -> tuple[Question, ...]:
    """Questions written like a journey's, outside a journey file; raises JourneyError."""
    problems: list[str] = []
    questions = tuple(_question(item, where, problems) for item in raw)
    if problems:
        raise JourneyError(f"{where} has problems:\n  - " + "\n  - ".join(problems))
    return questions


def _next_steps(raw: Any, problems: list[str]) -> tuple[NextStep, ...]:
    """Plain strings, or {text: ..., when: <condition>} for a step only some people need."""
    steps = []
    for item in _texts(raw):
        if isinstance(item, str):
            steps.append(NextStep(item))
        elif isinstance(item, dict) and isinstance(item.get("text"), str) and item.get("when"):
            steps.append(NextStep(item["text"], item["when"]))
        else:
            problems.append(f"next_steps: {item!r} must be text, or a mapping of text and when")
    return tuple(steps)


def load_journey(path: Path) -> Journey:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems: list[str] = []
    where = path.name
    if raw.get("id") != path.stem:
        problems.append(f"{where}: id must be the file name, {path.stem}")
    if not _PREFIX.match(str(raw.get("reference_prefix", ""))):
        problems.append(f"{where}: reference_prefix must be three capital letters")
    sections = []
    for raw_section in raw.get("sections") or []:
        pages = []
        for raw_page in raw_section.get("pages") or []:
            page_where = f"{where}/{raw_page.get('id')}"
            questions = tuple(
                _question(item, page_where, problems) for item in raw_page.get("questions") or []
            )
            if not questions:
                problems.append(f"{page_where}: a page needs at least one question")
            if len(questions) > 1 and not raw_page.get("title"):
                problems.append(f"{page_where}: a page with several questions needs a title")
            stops = tuple((item["when"], item["stop"]) for item in raw_page.get("stops") or [])
            pages.append(
                Page(
                    id=str(raw_page.get("id")),
                    section=raw_section["id"],
                    questions=questions,
                    title=raw_page.get("title"),
                    intro=_texts(raw_page.get("intro")),
                    when=raw_page.get("when"),
                    stops=stops,
                    sensitive=bool(raw_page.get("sensitive") or raw.get("sensitive")),
                )
            )
        sections.append(
            Section(
                raw_section["id"], raw_section["title"], tuple(pages), raw_section.get("summary")
            )
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
    journey = Journey(
        id=str(raw.get("id")),
        version=int(raw.get("version", 1)),
        title=raw.get("title", ""),
        reference_prefix=str(raw.get("reference_prefix", "")),
        summary=raw.get("summary", ""),
        start_body=_texts(raw.get("start", {}).get("body")),
        before_you_start=_texts(raw.get("start", {}).get("before_you_start")),
        sections=tuple(sections),
        stops=stops,
        declaration=dict(raw.get("declaration") or {}),
        next_steps=_next_steps(raw.get("next_steps"), problems),
        task_list=bool(raw.get("task_list")),
        sensitive=bool(raw.get("sensitive")),
        email_question=raw.get("email_question"),
        contact_consent_question=raw.get("contact_consent_question"),
        first_sections=tuple(raw.get("first_sections") or ()),
        slug=str(raw.get("slug") or raw.get("id")),
        neutral_title=raw.get("neutral_title"),
        definition=raw,
    )
    _check(journey, problems)
    if problems:
        raise JourneyError(f"{where} has problems:\n  - " + "\n  - ".join(problems))
    from portal.journeys.sensitive import spread  # it builds on this module's classes

    return spread(journey)


def _check(journey: Journey, problems: list[str]) -> None:
    seen_pages: set[str] = set()
    seen_questions: set[str] = set()
    reserved = {
        "start",
        "tasks",
        "check",
        "declaration",
        "sent",
        "save",
        "stop",
        "answers",
        "about-you",
    }
    for page in journey.pages:
        if page.id in seen_pages or page.id in reserved or not _ID.match(page.id):
            problems.append(f"page id {page.id!r} is repeated, reserved or not lower case")
        seen_pages.add(page.id)
        for question in page.questions:
            if question.id in seen_questions:
                problems.append(f"question id {question.id!r} is used twice")
            seen_questions.add(question.id)
    for page in journey.pages:
        conditions = [page.when] + [question.when for question in page.questions]
        conditions += [condition for condition, _ in page.stops]
        for condition in filter(None, conditions):
            try:
                check_condition(condition, ENGINE_TESTS)
            except ConditionError as error:
                problems.append(f"{page.id}: {error}")
                continue
            problems.extend(
                f"{page.id}: {problem}" for problem in condition_problems(condition, journey)
            )
        for _, stop in page.stops:
            if stop not in journey.stops and stop != "out-of-area":
                problems.append(f"{page.id}: unknown stop {stop!r}")
    for step in journey.next_steps:
        if step.when is None:
            continue
        try:
            # Shown on the confirmation page from the sent answers alone: no engine tests.
            check_condition(step.when)
        except ConditionError as error:
            problems.append(f"next_steps: {error}")
            continue
        problems.extend(
            f"next_steps: {problem}" for problem in condition_problems(step.when, journey)
        )
    questions = journey.questions()
    for question in questions.values():
        source = questions.get(question.lookup_from) if question.lookup_from else None
        if question.lookup_from and (
            question.type != "address" or source is None or source.type != "postcode"
        ):
            problems.append(
                f"{question.id}: lookup_from must name a postcode question, from an address"
            )
    for name in ("email_question", "contact_consent_question"):
        value = getattr(journey, name)
        if value and value not in seen_questions:
            problems.append(f"{name} {value!r} is not a question")
    for section in journey.first_sections:
        if journey.section(section) is None:
            problems.append(f"first_sections names unknown section {section!r}")
    if journey.sensitive and not journey.neutral_title:
        problems.append("a sensitive journey needs a neutral_title")
    if not journey.declaration.get("text") or not journey.declaration.get("error"):
        problems.append("the declaration needs text and an error message")


def condition_problems(condition: dict, journey: Journey) -> list[str]:
    """What a (well-formed) condition names that the journey does not have: a question id, or
    an answer code a choice question does not offer."""
    questions = journey.questions()
    problems = [
        f"condition on unknown question {name!r}"
        for name in sorted(questions_named(condition) - set(questions))
    ]
    for name, code in sorted(codes_named(condition)):
        question = questions.get(name)
        if question is None or question.type not in ("yesno", *CHOICE_TYPES):
            continue  # council areas come from the postcode data, free text has no codes
        if question.option(code) is None:
            offered = ", ".join(option.value for option in question.options)
            problems.append(
                f"condition on {name!r} names the code {code!r}, which it does not offer "
                f"(it offers {offered})"
            )
    return problems


def load_journeys(forms_dir: Path | None = None) -> dict[str, Journey]:
    folder = forms_dir or FORMS_DIR
    return {name: load_journey(folder / f"{name}.yaml") for name in JOURNEY_FILES}
