"""What every answer type is: read from a form post, check a stored answer, show it in words.

An answer is stored as JSON: codes for choices, ISO dates, normalised postcodes and numbers. The
same type reads a browser's post (``parse``) and judges an answer that arrived already stored,
from a draft, a call handler's screen or the API (``check``); both say what is wrong as a
``Problem`` (a message id and its values), never as text, so each door words it in its reader's
language (portal/journeys/answer_types/messages.py).
"""

from __future__ import annotations

import dataclasses
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from portal.i18n import N_
from portal.journeys.schema import Option, Question

TEMPLATES = "journeys/answers"  # each type's macro is <name>.html here


@dataclass(frozen=True)
class Problem:
    """What is wrong with an answer: a message id (a key of DEFAULT_ERRORS, or "required" or
    "too_few", worded by the question's own ``errors``) and the values the message shows.

    In a list, ``field`` and ``item`` (counted from 0) say which item's question it is about."""

    key: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    field: str | None = None
    item: int | None = None

    def as_json(self) -> dict:
        found: dict[str, Any] = {"key": self.key, "params": dict(self.params)}
        if self.field is not None:
            found.update(field=self.field, item=self.item)
        return found


@dataclass
class Parsed:
    value: Any  # the answer to store (None: no answer)
    problem: Problem | None = None
    raw: Any = None  # what was typed, to show again when there is a problem
    # For a list: the item's own questions, each read on its own, by field id.
    parts: dict[str, Parsed] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """What an answer is judged against besides itself: the day (for "today or in the past")
    and the answers so far (the postcode an address or council area follows)."""

    today: date | None = None
    answers: Mapping[str, Any] = dataclasses.field(default_factory=dict)


# Characters a page cannot show (HTML forbids control characters and noncharacters) and nobody
# types on purpose: kept, they made the page that shows the answer again invalid HTML.
_NONCHARACTERS = "".join(
    chr(plane * 0x10000 + end) for plane in range(17) for end in (0xFFFE, 0xFFFF)
)
_UNSHOWABLE = re.compile(f"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef{_NONCHARACTERS}]")


def typed(form: Mapping, name: str) -> str:
    """What was typed into the box called ``name``: stripped, without characters no page can
    show."""
    return _UNSHOWABLE.sub("", form.get(name) or "").strip()


def unanswered(value: Any) -> bool:
    """No answer, as the path counts it (portal/journeys/path.py page_complete)."""
    return value is None or value in ("", [], {})


def missing(question: Question, raw: Any = None) -> Parsed:
    """Nothing was given: a problem if the question must be answered."""
    return Parsed(None, Problem("required") if question.required else None, raw)


Label = Callable[[Option], str]


class AnswerType(ABC):
    """One kind of answer. Subclasses set how it is read, checked and shown; ``macro`` is the
    template (one macro, ``answer``) that renders its inputs."""

    # The suffix of the id of its first input, where a link in the error summary lands.
    first_input = ""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"<answer type {self.name}>"

    @property
    def macro(self) -> str:
        return f"{TEMPLATES}/{self.name}.html"

    @abstractmethod
    def parse(self, question: Question, form: Mapping, context: Context) -> Parsed:
        """The answer to one question from posted form data (a MultiDict or a plain mapping)."""

    @abstractmethod
    def check(self, question: Question, value: Any, context: Context) -> Problem | None:
        """What is wrong with a stored answer that is not empty (None: nothing)."""

    def if_unanswered(self, question: Question) -> Problem | None:
        """The problem when a question on the path has no answer."""
        return Problem("required") if question.required else None

    def display(self, question: Question, value: Any, translate: Callable, label: Label) -> str:
        """A stored answer (not empty) in words; see portal.journeys.answer_types.display."""
        return str(value)


NOT_ANSWERED = N_("Not answered")
