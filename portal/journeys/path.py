"""The path through a journey, worked out again from the saved answers on every request.

Only pages on the path can be shown; answers on pages the path no longer reaches are kept in the
draft (in case the person changes their mind back) but dropped when the form is sent. Each page
on the path is complete or not; the first incomplete page of a sequence is where the person goes
next. A stop (an emergency, an address outside Essex) ends the path at its stop page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from portal.conditions import Tests, answer_date, holds
from portal.journeys.schema import Journey, Page, Question
from portal.places.postcodes import OTHER_COUNCILS, area_for, is_valid

NOT_STARTED, IN_PROGRESS, COMPLETED, CANNOT_START = (
    "not-started",
    "in-progress",
    "completed",
    "cannot-start",
)


def _area_is(value, expected: str) -> bool:
    """For conditions on a postcode: 'outside-essex', 'shared' or 'essex'."""
    if not isinstance(value, str) or not is_valid(value):
        return False
    area = area_for(value)
    if area.known is None:
        kind = "shared"
    elif area.known in OTHER_COUNCILS:
        kind = "outside-essex"
    else:
        kind = "essex"
    return kind == expected


def _age_under(value, years: int) -> bool:
    """For conditions on a date of birth: the person is younger than ``years`` today, so a typed
    date that contradicts an earlier "I am 18 or over" stops the form instead of passing."""
    born = answer_date(value)
    if born is None:
        return False
    today = date.today()
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age < years


TESTS = {"area_is": _area_is, "age_under": _age_under}


# ``tests`` below stand in for TESTS only when the journey checks explore the path (they cannot
# look postcodes up or read today's date): see portal/journeys/reach.py.


def question_applies(question: Question, answers: dict, tests: Tests = TESTS) -> bool:
    return holds(question.when, answers, tests)


def page_complete(page: Page, answers: dict, tests: Tests = TESTS) -> bool:
    for question in page.questions:
        if not question_applies(question, answers, tests):
            continue
        if question.type == "list":
            if len(answers.get(question.id) or []) < max(question.min_items, 0):
                return False
            if question.id not in answers:
                return False
        elif (question.required and answers.get(question.id) in (None, "", [], {})) or (
            not question.required and question.id not in answers
        ):
            return False
    return True


def stop_for(page: Page, answers: dict, tests: Tests = TESTS) -> str | None:
    for condition, stop in page.stops:
        if holds(condition, answers, tests):
            return stop
    return None


@dataclass
class Walk:
    """Where a sequence of pages has got to."""

    pages: list[Page] = field(default_factory=list)  # on the path, in order, up to next_page
    next_page: Page | None = None  # the first incomplete page (None: the sequence is done)
    stop: str | None = None  # a stop page that ends the journey here

    @property
    def done(self) -> bool:
        return self.next_page is None and self.stop is None


def walk(pages: list[Page], answers: dict, tests: Tests = TESTS) -> Walk:
    result = Walk()
    for page in pages:
        if not holds(page.when, answers, tests):
            continue
        result.pages.append(page)
        if not page_complete(page, answers, tests):
            result.next_page = page
            return result
        stop = stop_for(page, answers, tests)
        if stop:
            result.stop = stop
            return result
    return result


@dataclass
class Progress:
    first: Walk  # the sections done before anything else (safety checks)
    sections: dict[str, Walk]  # for a task list: each section on its own
    linear: Walk | None  # for a journey without a task list: one sequence

    def reachable(self) -> list[Page]:
        if self.linear is not None:
            return self.linear.pages
        pages = list(self.first.pages)
        if self.first.done:
            for walked in self.sections.values():
                pages.extend(walked.pages)
        return pages

    @property
    def stop(self) -> str | None:
        if self.first.stop:
            return self.first.stop
        if self.linear is not None:
            return self.linear.stop
        return next((w.stop for w in self.sections.values() if w.stop), None)

    @property
    def complete(self) -> bool:
        if self.linear is not None:
            return self.linear.done
        return self.first.done and all(w.done for w in self.sections.values())

    def status(self, section_id: str) -> str:
        if not self.first.done:
            return CANNOT_START
        walked = self.sections[section_id]
        if walked.done:
            return COMPLETED
        answered = [page for page in walked.pages if page is not walked.next_page]
        return IN_PROGRESS if answered else NOT_STARTED


def progress(journey: Journey, answers: dict) -> Progress:
    first_pages = [p for s in journey.sections if s.id in journey.first_sections for p in s.pages]
    if not journey.task_list:
        return Progress(first=Walk(), sections={}, linear=walk(journey.pages, answers))
    first = walk(first_pages, answers)
    sections = {
        section.id: walk(list(section.pages), answers)
        for section in journey.sections
        if section.id not in journey.first_sections
    }
    return Progress(first=first, sections=sections, linear=None)


def answers_on_path(journey: Journey, answers: dict) -> dict:
    """Only the answers to questions that apply on the current path (what is sent)."""
    kept = {}
    for page in progress(journey, answers).reachable():
        for question in page.questions:
            if question.id in answers and question_applies(question, answers):
                kept[question.id] = answers[question.id]
    return kept
