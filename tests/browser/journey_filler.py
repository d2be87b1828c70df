"""Fill in a journey in the browser, as a person would: by label, radio and button.

Answers come from forms/examples/<journey>.json. On every page the caller's check runs (axe,
width), so every page of every journey is checked in every language at every width.
"""

from __future__ import annotations

from collections.abc import Callable

from portal.journeys.path import question_applies
from portal.journeys.schema import Journey, Question
from tests.browser.clicks import follow


def fill_question(page, question: Question, value, name: str | None = None) -> None:
    name = name or question.id
    if value is None:
        return
    kind = question.type
    if kind in ("yesno", "radios", "council_area"):
        page.locator(f'input[name="{name}"][value="{value}"]').check()
    elif kind == "checkboxes":
        for item in value:
            page.locator(f'input[name="{name}"][value="{item}"]').check()
    elif kind == "date":
        if value.get("unknown"):
            page.locator(f'input[name="{name}-unknown"]').check()
            return
        year, month, day = value["date"].split("-")
        page.locator(f"#{name}-day").fill(day)
        page.locator(f"#{name}-month").fill(month)
        page.locator(f"#{name}-year").fill(year)
        if value.get("approximate"):
            page.locator(f'input[name="{name}-approximate"]').check()
    elif kind == "address":
        for part, text in value.items():
            page.locator(f"#{name}-{part}").fill(text)
    elif kind == "language":
        page.locator(f'input[name="{name}"][value="{value["code"]}"]').check()
        if "other" in value:
            page.locator(f"#{name}-other").fill(value["other"])
    else:
        page.locator(f"#{name}").fill(str(value))


def complete(
    page,
    base_url: str,
    journey: Journey,
    answers: dict,
    *,
    check: Callable[[str], None] = lambda name: None,
    submit: bool = True,
) -> None:
    """Start the journey in the browser and answer every page until it is sent."""
    page.goto(f"{base_url}/forms/{journey.slug}")
    check("start")
    follow(page.locator("form button.govuk-button--start"))
    answer_until_done(page, base_url, journey, answers, check=check, submit=submit)


def answer_until_done(
    page,
    base_url: str,
    journey: Journey,
    answers: dict,
    *,
    check: Callable[[str], None] = lambda name: None,
    submit: bool = True,
) -> None:
    """From wherever the browser is in a journey, answer each page it shows; stop at check
    answers (``submit`` false) or once the form is sent."""
    known: dict = dict(answers)
    sections_done: set[str] = set()
    for _ in range(200):
        path = page.url.removeprefix(base_url).split("?")[0]
        name = path.rsplit("/", 1)[-1]
        check(name)
        if name == "tasks":
            links = page.locator("a.govuk-task-list__link")
            hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
            todo = [href for href in hrefs if href not in sections_done]
            if not todo:
                follow(page.locator("main a.govuk-button").first)
                continue
            sections_done.add(todo[0])
            follow(page.locator(f'a.govuk-task-list__link[href="{todo[0]}"]'))
            continue
        if name == "check":
            if not submit:
                return
            follow(page.locator("main a.govuk-button").first)
            continue
        if name == "declaration":
            page.locator('input[name="confirm"]').check()
            follow(page.locator("#main-form button.govuk-button"))
            continue
        if name == "sent" or "/stop/" in path:
            return
        current = journey.page(name)
        assert current is not None, f"the journey stopped at {path}"
        list_question = next((q for q in current.questions if q.type == "list"), None)
        if list_question is not None:
            for item in answers.get(list_question.id) or []:
                for field in list_question.fields:
                    fill_question(page, field, item.get(field.id), f"{list_question.id}-{field.id}")
                follow(page.locator('button[name="action"][value="add"]'))
            known[list_question.id] = answers.get(list_question.id) or []
            follow(page.locator('button[name="action"][value="continue"]'))
            continue
        for question in current.questions:
            if question_applies(question, known):
                fill_question(page, question, answers.get(question.id))
                if question.id in answers:
                    known[question.id] = answers[question.id]
        follow(page.locator("#main-form > button.govuk-button"))
    raise AssertionError("the journey did not finish")
