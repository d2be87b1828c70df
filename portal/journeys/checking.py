"""Check a journey's stored answers: what every door (the web pages, a call handler's screen, the
JSON API) asks before it takes a form, so none of them re-implements validation.

The answers are judged as JSON, as stored, along the path they make: a question on the path that
must be answered and is not is reported, and so is each answer its type rejects. Answers to
questions off the path are not judged (they are dropped when the form is sent). Whether the path
ends at a stop page is the path's to say (portal/journeys/path.py progress), not a problem with
an answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from portal.conditions import holds
from portal.journeys.answer_types import Context, Problem, check
from portal.journeys.path import TESTS, question_applies
from portal.journeys.schema import Journey


def check_answers(
    journey: Journey, answers: Mapping[str, Any], today: date | None = None
) -> dict[str, Problem]:
    """The problems with a journey's answers by question id, in the order the questions are
    asked; empty when the answers can be sent. ``today`` is the day "in the past" is judged on
    (default: today). Word them with portal.journeys.answer_types.problem_texts."""
    answers = dict(answers)
    context = Context(today or date.today(), answers)
    problems = {}
    for page in journey.pages:
        if not holds(page.when, answers, TESTS):
            continue
        for question in page.questions:
            if not question_applies(question, answers):
                continue
            problem = check(question, answers.get(question.id), context)
            if problem is not None:
                problems[question.id] = problem
    return problems
