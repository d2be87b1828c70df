"""Which pages of a journey some answers reach, found by running the path engine itself.

Why explore rather than reason about conditions symbolically: what puts a page on the path is
the engine's walk (portal/journeys/path.py): a page's ``when``, every earlier page being
complete, and no earlier stop holding. Running that same walk over every answer that can change
it cannot disagree with the portal, where a second, symbolic reading of the rules could.

It stays small because only a few answers can change the path: the "live" questions, those
that some page, question or stop condition reads. Each live question takes one value per case
its conditions tell apart: every option code of a choice; for checkboxes, each set of the codes
named; an area kind for a postcode; an age either side of each ``age_under``; a length either
side of each ``fewer_than``; every value named, any other value, and no answer where the
question may be left empty. Other questions get any answer, since nothing reads them. A state
already explored (the next page, and the answers that conditions from there on read) is not
explored again; where a condition reads a later page's answer, so that a passed page can come back
onto the path, every live answer counts.

``area_is`` and ``age_under`` look at the postcode data and today's date, so stand-ins that read
the sampled case replace them here. For a task list, the safety sections come first, then each
section is walked on its own, as the engine does; an answer from another section is taken as
any of its values (an over-estimate: a page is only reported if no answers at all reach it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from portal.conditions import codes_named, questions_named, tests_named
from portal.journeys.path import question_applies, walk
from portal.journeys.schema import Journey, Page, Question

MAX_STATES = 20_000  # the forms need a few hundred each: past this, a form is too tangled


@dataclass(frozen=True)
class _Area:
    kind: str  # what area_is compares with: "essex", "shared" or "outside-essex"


@dataclass(frozen=True)
class _Age:
    years: int


ANY = "<any answer>"  # an answer no condition names: it equals no code
STAND_INS = {
    "area_is": lambda value, kind: isinstance(value, _Area) and value.kind == kind,
    "age_under": lambda value, years: isinstance(value, _Age) and value.years < years,
}


class TooTangled(RuntimeError):
    pass


@dataclass
class Reach:
    pages: set[str]  # shown on some path
    considered: set[str]  # the walk got as far as the page (it may have been skipped)
    questions: set[str]  # asked on some path


def reach(journey: Journey) -> Reach:
    """Every page and question some answers reach; raises TooTangled past MAX_STATES."""
    explorer = _Explorer(journey)
    if not journey.task_list:
        explorer.explore(journey.pages, [{}], set())
        return explorer.found
    first = [page for page in journey.pages if page.section in journey.first_sections]
    later = [page for page in journey.pages if page.section not in journey.first_sections]
    read_later = set().union(*(questions_named(c) for p in later for c in _conditions(p)))
    ends = explorer.explore(first, [{}], read_later)
    for section in journey.sections:
        if section.id in journey.first_sections:
            continue
        pages = list(section.pages)
        others = explorer.live_elsewhere(section.id)
        starts = [start for end in ends for start in explorer.assign(others, end)]
        explorer.explore(pages, starts, set())
    return explorer.found


class _Explorer:
    def __init__(self, journey: Journey) -> None:
        self.journey = journey
        self.questions = journey.questions()
        conditions = [condition for page in journey.pages for condition in _conditions(page)]
        self.live = set().union(*(questions_named(c) for c in conditions)) & set(self.questions)
        self.domains = {name: _domain(self.questions[name], conditions) for name in self.live}
        self.found = Reach(set(), set(), set())
        self.states = 0

    def live_elsewhere(self, section_id: str) -> list[Question]:
        """Questions of other task-list sections that this section's conditions read."""
        journey = self.journey
        pages = [page for page in journey.pages if page.section == section_id]
        read = set().union(*(questions_named(c) for page in pages for c in _conditions(page)))
        elsewhere = {
            question.id
            for page in journey.pages
            if page.section != section_id and page.section not in journey.first_sections
            for question in page.questions
        }
        return [self.questions[name] for name in sorted(read & elsewhere)]

    def assign(self, questions: list[Question], answers: dict) -> Iterator[dict]:
        if not questions:
            yield answers
            return
        first, rest = questions[0], questions[1:]
        for value in self.domains[first.id] + [None]:
            yield from self.assign(rest, {**answers, first.id: value})

    def explore(self, pages: list[Page], starts: list[dict], keep: set[str]) -> list[dict]:
        """Walk ``pages`` from each start; returns the answers of every walk that finished,
        one for each different set of answers to ``keep`` (what later walks read)."""
        order = {page.id: number for number, page in enumerate(pages)}
        conditions = [
            (order[page.id], frozenset(questions_named(condition)))
            for page in pages
            for condition in _conditions(page)
        ]
        asked_at = {q.id: order[page.id] for page in pages for q in page.questions}
        # A condition that reads a later page's answer (or a page's when, its own) can put an
        # earlier page back on the path, so every live answer may matter again: keep them all.
        looks_ahead = any(asked_at.get(n, -1) > at for at, names in conditions for n in names)
        looks_ahead |= any(
            asked_at.get(name) == order[page.id]
            for page in pages
            if page.when
            for name in questions_named(page.when)
        )
        seen: set = set()
        finished: dict = {}
        stack = list(starts)
        while stack:
            answers = stack.pop()
            walked = walk(pages, answers, STAND_INS)
            self.found.pages.update(page.id for page in walked.pages)
            last = walked.next_page or (walked.pages[-1] if walked.stop else None)
            limit = order[last.id] if last else len(pages)
            self.found.considered.update(page.id for page in pages[: limit + 1])
            if walked.next_page is None:
                if walked.stop is None:
                    finished.setdefault(_project(answers, keep), answers)
                continue
            # Otherwise a page the walk has passed never changes again, so only the answers read
            # from here on (and by later walks) decide what comes next.
            position = order[walked.next_page.id]
            relevant = (
                self.live
                if looks_ahead
                else keep.union(*(names for at, names in conditions if at >= position))
            )
            key = (walked.next_page.id, _project(answers, relevant))
            if key in seen:
                continue
            seen.add(key)
            self.states += 1
            if self.states > MAX_STATES:
                raise TooTangled(f"more than {MAX_STATES} combinations of answers")
            stack.extend(self._answer(walked.next_page, list(walked.next_page.questions), answers))
        return list(finished.values())

    def _answer(self, page: Page, questions: list[Question], answers: dict) -> Iterator[dict]:
        """Every way of completing the page's remaining questions, in order (a question's own
        ``when`` may read an answer given just before it)."""
        if not questions:
            yield answers
            return
        question, rest = questions[0], questions[1:]
        if not question_applies(question, answers, STAND_INS):
            yield from self._answer(page, rest, {**answers, question.id: None})
            return
        self.found.questions.add(question.id)
        values = self.domains.get(question.id) or [_filler(question)]
        if not question.required and question.type != "list" and question.id in self.live:
            values = [*values, None]
        for value in values:
            yield from self._answer(page, rest, {**answers, question.id: value})


def _conditions(page: Page) -> list[dict]:
    """The conditions that decide the path at this page: its own, its questions', its stops'."""
    found = [page.when, *(question.when for question in page.questions)]
    return [c for c in found + [condition for condition, _ in page.stops] if c]


def _project(answers: dict, names: set[str]) -> tuple:
    return tuple(sorted((name, _frozen(answers[name])) for name in names if name in answers))


def _frozen(value):
    """A hashable stand-in: checkbox codes as they are, list items (mappings) by their number."""
    if isinstance(value, list):
        return tuple(item if isinstance(item, str) else "item" for item in value)
    return value


def _filler(question: Question):
    """An answer for a question no condition reads: any will do."""
    if question.type == "list":
        return [{}] * question.min_items
    if question.type == "checkboxes":
        return [question.options[0].value]
    if question.options:
        return question.options[0].value
    return ANY


def _domain(question: Question, conditions: list[dict]) -> list:
    """One answer for each case the conditions on ``question`` tell apart."""
    tests = {test for c in conditions for name, test in tests_named(c) if name == question.id}
    named = sorted(
        {code for c in conditions for name, code in codes_named(c) if name == question.id}
    )
    if question.type in ("radios", "yesno"):
        return [option.value for option in question.options]
    if question.type == "checkboxes":
        codes = [code for code in named if question.option(code)]
        other = [o.value for o in question.options if o.value not in codes][:1]
        subsets = [
            [c for i, c in enumerate(codes) if mask >> i & 1] for mask in range(2 ** len(codes))
        ]
        return [subset or other for subset in subsets if subset or other]
    if question.type == "list":
        lengths = {question.min_items}
        for limit in _limits(conditions, question.id, "fewer_than"):
            lengths |= {limit - 1, limit}
        return [[{}] * n for n in sorted(lengths) if question.min_items <= n <= question.max_items]
    if "area_is" in tests:
        return [_Area(kind) for kind in ("essex", "shared", "outside-essex")]
    if "age_under" in tests:
        ages = {0} | {
            n for years in _limits(conditions, question.id, "age_under") for n in (years - 1, years)
        }
        return [_Age(n) for n in sorted(ages)]
    return [*named, ANY]


def _limits(conditions: list[dict], question_id: str, test: str) -> list[int]:
    """The numbers the conditions compare this question with, in one test."""
    found = []
    for condition in conditions:
        if "all" in condition or "any" in condition:
            found += _limits(condition.get("all") or condition["any"], question_id, test)
        elif "not" in condition:
            found += _limits([condition["not"]], question_id, test)
        elif condition.get("answer") == question_id and test in condition:
            found.append(condition[test])
    return found
