"""Sensitive answers: what someone told us about their safety, abuse, or the person causing harm.

They are saved for staff like every other answer, and shown on check answers (the person is still
writing them, and that page is never cached), but never in a copy, a download, a message or a log:
someone else may see a printed copy, or the device it was saved on.

A question is sensitive when its journey file says so, and so is any question or page shown only
because of a sensitive answer: its presence alone would tell a reader what that answer was.
"""

from __future__ import annotations

from dataclasses import replace

from portal.conditions import questions_named
from portal.journeys.schema import Journey, Page, Section


def spread(journey: Journey) -> Journey:
    """The journey with sensitivity passed on to what depends on a sensitive answer, and every
    page that asks a sensitive question marked sensitive (Exit this page, never cached)."""
    sensitive = {q.id for q in journey.questions().values() if q.sensitive}
    while True:
        more = set(sensitive)
        for page in journey.pages:
            page_depends = bool(page.when and questions_named(page.when) & sensitive)
            for question in page.questions:
                depends = question.when and questions_named(question.when) & sensitive
                if page_depends or depends:
                    more.add(question.id)
        if more == sensitive:
            break
        sensitive = more
    sections = tuple(
        replace(section, pages=tuple(_page(page, sensitive) for page in section.pages))
        for section in journey.sections
    )
    return replace(journey, sections=sections)


def _page(page: Page, sensitive: set[str]) -> Page:
    questions = tuple(
        replace(question, sensitive=question.id in sensitive) for question in page.questions
    )
    return replace(
        page,
        questions=questions,
        sensitive=page.sensitive or any(question.sensitive for question in questions),
    )


def hidden_sections(journey: Journey) -> list[Section]:
    """The parts of the form a copy leaves answers out of: the same for everyone who sends it,
    whatever they answered, so the list itself gives nothing away."""
    return [
        section
        for section in journey.sections
        if any(
            question.sensitive or any(field.sensitive for field in question.fields)
            for page in section.pages
            for question in page.questions
        )
    ]
