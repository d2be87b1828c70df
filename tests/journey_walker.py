"""Fill in a whole journey through the test client from a complete set of example answers.

Used by the integration tests, the benchmark and to prove the examples in forms/examples are
complete. It goes where the portal sends it (never to an address it chose itself), so it also
checks that the path, the task list and check answers lead somewhere sensible.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from werkzeug.datastructures import MultiDict

from portal.journeys.answer_files import load_answers
from portal.journeys.path import question_applies
from portal.journeys.schema import Journey, Page, Question, journey_ids

EXAMPLES = Path(__file__).resolve().parent.parent / "forms" / "examples"
JOURNEYS = journey_ids()  # every journey in forms/: each has its example answers in EXAMPLES
_TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
# A draft's pages: /forms/<slug>/<reference>/..., the reference in lower case.
_DRAFT_PAGES = re.compile(r"^(.*/forms/[^/]+/[a-z]{3}-[a-z0-9]{4}-[a-z0-9]{4})(?:/|$)")


def example(journey_id: str) -> dict:
    """The journey's example answers, their relative dates fixed as on today (the clock may be
    pinned by a test)."""
    return load_answers(EXAMPLES / f"{journey_id}.json", date.today())


def token(html: str) -> str:
    """The CSRF token in a page's form."""
    return _TOKEN.search(html).group(1)


def form_token(client, path: str) -> str:
    """Open a page and return the CSRF token of its form."""
    return token(client.get(path).get_data(as_text=True))


def start(client, base: str):
    """Open a journey's start page and start it.

    Returns the CSRF token to post its pages with, and the response to starting.
    """
    csrf = form_token(client, base)
    return csrf, client.post(f"{base}/start", data={"csrf_token": csrf})


def draft_base(address: str) -> str:
    """Where the pages of a draft start (/forms/<slug>/<reference>), from the address of any of
    them; fails if the address is not one."""
    found = _DRAFT_PAGES.match(urlsplit(address).path)
    assert found, f"{address} is not a page of a draft"
    return found.group(1)


def reference_in(address: str) -> str:
    """The reference of the draft whose page this is, as it is written (TEC-7K3M-9QXK)."""
    return draft_base(address).rsplit("/", 1)[-1].upper()


def start_draft(client, base: str) -> tuple[str, str]:
    """Start a new draft of the journey at ``base`` (/forms/<slug>); returns the CSRF token and
    the draft's own address to add page names to."""
    csrf, response = start(client, base)
    return csrf, draft_base(response.headers["Location"])


def form_data(question: Question, value, name: str | None = None) -> list[tuple[str, str]]:
    """The form fields a browser would send for this answer."""
    name = name or question.id
    if value is None:
        return []
    if question.type == "checkboxes":
        return [(name, item) for item in value]
    if question.type == "date":
        if value.get("unknown"):
            return [(f"{name}-unknown", "yes")]
        year, month, day = value["date"].split("-")
        fields = [(f"{name}-day", day), (f"{name}-month", month), (f"{name}-year", year)]
        if value.get("approximate"):
            fields.append((f"{name}-approximate", "yes"))
        return fields
    if question.type == "address":
        return [(f"{name}-{part}", text) for part, text in value.items()]
    if question.type == "language":
        return [(name, value["code"]), (f"{name}-other", value.get("other", ""))]
    return [(name, str(value))]


def page_data(page: Page, answers: dict, known: dict) -> MultiDict:
    data = MultiDict()
    for question in page.questions:
        if not question_applies(question, known):
            continue
        for key, value in form_data(question, answers.get(question.id)):
            data.add(key, value)
        if question.id in answers:
            known[question.id] = answers[question.id]
    return data


def walk(
    client,
    journey: Journey,
    answers: dict,
    *,
    prefix: str = "",
    on_page: Callable[[str, object], None] | None = None,
    submit: bool = True,
):
    """Start the journey, answer every page it shows, then (optionally) send it.

    Returns the last response: the confirmation page, check answers if ``submit`` is false, or
    the stop page where the answers end the journey.
    """
    csrf, response = start(client, f"{prefix}/forms/{journey.slug}")
    base = draft_base(response.headers["Location"])
    known: dict = {}
    sections_done: set[str] = set()
    for _ in range(300):
        location = (
            urlsplit(response.headers.get("Location", "")).path
            if response.status_code in (302, 303)
            else None
        )
        if location:
            response = client.get(location)
            if on_page:
                on_page(location, response)
            continue
        path = urlsplit(response.request.path if hasattr(response, "request") else "").path
        html = response.get_data(as_text=True)
        if path.endswith("/tasks"):
            links = re.findall(r'href="([^"]+)"[^>]*class="govuk-link govuk-task-list__link"', html)
            links += re.findall(r'class="govuk-link govuk-task-list__link" href="([^"]+)"', html)
            todo = [link for link in links if link not in sections_done]
            if not todo:
                response = client.get(f"{base}/check")
                continue
            sections_done.add(todo[0])
            response = client.get(todo[0])
            if on_page:
                on_page(todo[0], response)
            continue
        if path.endswith("/check"):
            if not submit:
                return response
            response = client.get(f"{base}/declaration")
            continue
        if path.endswith("/declaration"):
            response = client.post(
                f"{base}/declaration", data={"csrf_token": csrf, "confirm": "yes"}
            )
            continue
        if path.endswith("/sent") or "/stop/" in path:
            return response
        page_id = path.rsplit("/", 1)[-1]
        page = journey.page(page_id)
        assert page is not None, f"the walk ended on {path} ({response.status_code})"
        list_question = next((q for q in page.questions if q.type == "list"), None)
        if list_question is not None:
            for item in answers.get(list_question.id) or []:
                data = MultiDict([("csrf_token", csrf), ("action", "add")])
                for field in list_question.fields:
                    for key, value in form_data(
                        field, item.get(field.id), f"{list_question.id}-{field.id}"
                    ):
                        data.add(key, value)
                added = client.post(path, data=data)
                assert added.status_code == 303, f"adding to {page_id} failed"
            known[list_question.id] = answers.get(list_question.id) or []
            response = client.post(path, data={"csrf_token": csrf, "action": "continue"})
            continue
        data = page_data(page, answers, known)
        data.add("csrf_token", csrf)
        response = client.post(path, data=data)
        assert response.status_code == 303, (
            f"{page_id} did not accept the example answers:\n"
            + re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))[:2000]
        )
    raise AssertionError("the walk did not finish")
