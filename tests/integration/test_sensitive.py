"""Sensitive answers (safety, abuse, the person causing harm) never leave the portal's staff side.

Every question marked sensitive in every journey is checked, so a question added later is covered
without a new test: each journey is sent with its example answers and its alternate ones, and
neither the copy, the download, the outbox nor the log holds a sensitive answer.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from portal.data import db
from portal.data.journeys import OutboxMessage
from portal.journeys.answer_files import load_answers
from portal.journeys.path import answers_on_path
from portal.journeys.schema import Journey, Question
from portal.notify.messages import render
from tests.journey_walker import EXAMPLES, JOURNEYS, draft_base, walk

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NOT_SHOWN = "Some answers are not shown here, to keep you and others safe"


def answer_sets() -> list:
    return [
        pytest.param(journey_id, folder / f"{journey_id}{suffix}.json", id=f"{journey_id}{suffix}")
        for journey_id in JOURNEYS
        for folder, suffix in ((EXAMPLES, ""), (FIXTURES, "-alternate"))
    ]


CODED = ("yesno", "radios", "checkboxes", "council_area")  # checked by their label instead


def words(question: Question, value) -> list[str]:
    """The free text in an answer that a reader could recognise."""
    if question.type in CODED:
        return []
    if question.type == "list":
        return [
            text
            for item in value or []
            for field in question.fields
            for text in words(field, item.get(field.id))
        ]
    if isinstance(value, dict):
        return [part for part in value.values() if isinstance(part, str) and len(part) >= 4]
    return [str(value)] if value is not None and len(str(value).strip()) >= 4 else []


def sensitive_and_shown(journey: Journey, answers: dict) -> tuple[dict, set[str], set[str]]:
    """The sensitive answers sent; the labels and words of the answers a copy does show."""
    hidden, shown_labels, shown_words = {}, set(), set()
    for question_id, value in answers.items():
        question = journey.questions()[question_id]
        if question.sensitive:
            hidden[question_id] = value
            continue
        shown_labels.add(question.label)
        shown_labels.update(field.label for field in question.fields if not field.sensitive)
        shown_words.update(words(question, value))
    return hidden, shown_labels, shown_words


def leaks(question: Question, value, copy: str, shown_labels: set, shown_words: set) -> list:
    labels = {question.label} | {field.label for field in question.fields}
    found = [
        label for label in labels - shown_labels if f"{label}:" in copy or f">{label}<" in copy
    ]
    found += [text for text in words(question, value) if text not in shown_words and text in copy]
    return found


@pytest.mark.parametrize(("journey_id", "answers_file"), answer_sets())
def test_no_copy_download_message_or_log_holds_a_sensitive_answer(
    app, journey_id, answers_file, capfd
):
    journey = app.extensions["frontdoor.journeys"][journey_id]
    answers = load_answers(answers_file, date.today())
    client = app.test_client()
    sent = walk(client, journey, answers)
    assert "/sent" in sent.request.path, "the answers should send the form"
    with app.app_context():
        on_path = answers_on_path(journey, answers)
        messages = db.session.scalars(select(OutboxMessage)).all()
    hidden, shown_labels, shown_words = sensitive_and_shown(journey, on_path)
    base = draft_base(sent.request.path)
    page = html.unescape(client.get(f"{base}/copy").get_data(as_text=True))
    text = client.get(f"{base}/copy?format=text").get_data(as_text=True)
    with app.test_request_context("/"), force_locale("en"):
        emails = "\n".join(part for message in messages for part in render(message))
    logged = capfd.readouterr().err
    for question_id, value in hidden.items():
        question = journey.questions()[question_id]
        for where, body in (("copy", page), ("download", text), ("email", emails)):
            assert not leaks(question, value, body, shown_labels, shown_words), (where, question_id)
        assert not [word for word in words(question, value) if word in logged], ("log", question_id)
    if any(question.sensitive for question in journey.questions().values()):
        assert NOT_SHOWN in page and NOT_SHOWN in text
    else:
        assert NOT_SHOWN not in page


def test_a_carer_who_does_not_feel_safe_sees_it_on_check_answers_but_not_in_the_copy(app):
    journey = app.extensions["frontdoor.journeys"]["carers-assessment"]
    answers = load_answers(FIXTURES / "carers-assessment-alternate.json", date.today())
    assert answers["feel_safe"] == "no"
    client = app.test_client()
    check = walk(client, journey, answers, submit=False).get_data(as_text=True)
    detail = answers["feel_safe_detail"]
    assert html.escape(detail) in check and "Do you feel safe in your caring role?" in check
    walked = walk(client, journey, answers)
    sent = draft_base(walked.request.path)
    copy = client.get(f"{sent}/copy").get_data(as_text=True)
    download = client.get(f"{sent}/copy?format=text").get_data(as_text=True)
    for body in (copy, download):
        assert html.escape(detail) not in body and detail not in body
        assert "Do you feel safe in your caring role?" not in body
        assert "Staying safe" in body  # named as a part of the form with answers not shown
    assert "Tell us what is happening" not in copy  # not even that the question was asked
    assert "I do not sleep well." in copy  # the rest of the answers are there


def test_the_note_names_the_same_parts_whatever_was_answered(app):
    """Listing only the parts someone answered would tell a reader what they said."""
    journey = app.extensions["frontdoor.journeys"]["carers-assessment"]
    notes = []
    for answers_file in (
        EXAMPLES / "carers-assessment.json",
        FIXTURES / "carers-assessment-alternate.json",
    ):
        client = app.test_client()
        walked = walk(client, journey, load_answers(answers_file, date.today()))
        sent = draft_base(walked.request.path)
        body = client.get(f"{sent}/copy?format=text").get_data(as_text=True)
        notes.append(body.split(NOT_SHOWN, 1)[1].split("\n\n", 1)[0])
    assert notes[0] == notes[1]


def test_pages_asking_sensitive_questions_offer_a_quick_exit_and_are_not_cached(app):
    for journey in app.extensions["frontdoor.journeys"].values():
        for page in journey.pages:
            if any(question.sensitive for question in page.questions):
                assert page.sensitive, (journey.id, page.id)


def test_a_question_shown_only_after_a_sensitive_answer_is_sensitive_too(app):
    journey = app.extensions["frontdoor.journeys"]["carers-assessment"]
    # Its presence in a copy would say the carer does not feel safe.
    assert journey.questions()["feel_safe_detail"].sensitive
    for journey in app.extensions["frontdoor.journeys"].values():
        sensitive = {q.id for q in journey.questions().values() if q.sensitive}
        for page in journey.pages:
            for question in page.questions:
                named = set()
                for condition in filter(None, (page.when, question.when)):
                    named |= _named(condition)
                if named & sensitive:
                    assert question.sensitive, (journey.id, question.id)


def _named(condition) -> set[str]:
    from portal.conditions import questions_named

    return questions_named(condition)


def test_messages_and_logs_never_carry_answers(app, capfd):
    """The outbox holds the reference (and a link), whatever the form said."""
    journey = app.extensions["frontdoor.journeys"]["carers-assessment"]
    walk(
        app.test_client(), journey, load_answers(EXAMPLES / "carers-assessment.json", date.today())
    )
    with app.app_context():
        [message] = db.session.scalars(select(OutboxMessage)).all()
    assert set(message.personalisation) == {"reference"}
    assert "shouts" not in capfd.readouterr().err
