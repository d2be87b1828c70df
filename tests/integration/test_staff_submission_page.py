"""The page of a submission as a worker reads it (issue #9 §4): the header with its clocks, the
answers read first, every answer in English by section with what was typed marked in its own
language, sensitive answers only for those who may see them, forms possibly about the same
person, the history, the print view, and an audit row for every look."""

from __future__ import annotations

import re

import pytest
import time_machine
from sqlalchemy import select

from portal.data import db
from portal.data.work import SubmissionEvent
from portal.staff.answers import HIDDEN
from portal.work_items import items
from tests.audit_world import rows as audit_rows
from tests.submissions import CARERS, LATER, account_id, row, send, signed_in

pytestmark = pytest.mark.database

PRACTITIONER = ("safeguarding-practitioner", ["central-safeguarding-triage"])


@pytest.fixture
def clock():
    with time_machine.travel(LATER, tick=False):
        yield


def text_of(response) -> str:
    """The page's words, tags and spacing left out."""
    html = response.get_data(as_text=True)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def summary_value(html: str, key: str) -> str:
    """The words of the summary list value beside ``key`` (the first such row)."""
    found = re.search(
        r'<dt class="govuk-summary-list__key">\s*' + re.escape(key) + r"\s*</dt>\s*"
        r'<dd class="govuk-summary-list__value">(.*?)</dd>',
        html,
        re.S,
    )
    assert found, f"no row {key!r}"
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def test_a_safeguarding_alert_shows_its_header_clocks_and_answers_in_english(db_app, clock):
    reference = send(db_app)
    client = signed_in(db_app, "sam@essex.gov.uk", *PRACTITIONER, name="Sam Smith")
    response = client.get(f"/staff/submissions/{reference}")
    assert response.status_code == 200
    html, words = response.get_data(as_text=True), text_of(response)
    assert re.search(rf"<h1[^>]*>\s*{reference}\s*</h1>", html)
    assert summary_value(html, "Form") == "Report a concern about an adult"
    assert summary_value(html, "Status") == "New"
    assert summary_value(html, "Priority") == "Urgent (priority 1)"
    assert summary_value(html, "Queue") == "Central Safeguarding Triage"
    assert summary_value(html, "Assigned to") == "Nobody"
    assert summary_value(html, "Language") == "Given in English"
    assert summary_value(html, "Interpreter") == "Romanian"
    # Screening in 24 hours; priority 1: allocation in 48 and the s.42 decision in 72 (London).
    assert summary_value(html, "Screening") == "10am on Thursday 5 March 2026 22 hours left"
    assert summary_value(html, "Allocation to a worker") == (
        "10am on Friday 6 March 2026 1 day 22 hours left"
    )
    assert summary_value(html, "Decision on a section 42 enquiry") == (
        "10am on Saturday 7 March 2026 2 days 22 hours left"
    )
    assert "The abuse is ongoing and the person alleged to have caused harm" in words
    assert "Flags for triage" in words and "Do not leave a message" in words
    assert "not decisions: a practitioner decides eligibility" in words
    # Read first: the safe-contact answers and communication needs, at the top.
    first = html.split('id="read-first"')[1].split("Why it is in this queue")[0]
    assert "Can we leave a message on the adult&#39;s phone?" in first
    assert "No, do not leave a message" in first and "Romanian" in first
    # Every answer, by section: the question in English, a choice by its English label.
    answers = html.split('id="answers"')[1]
    assert "What happened" in answers and "Financial or material abuse" in answers
    assert "financial" not in re.sub(r"<[^>]+>", " ", answers).split()
    assert summary_value(answers, "Date of birth (optional)") == "About 1 July 1939"
    assert (
        '<span lang="en" dir="ltr">His nephew takes his bank card and shouts at him when he '
        "asks for it back.</span>"
    ) in answers
    # The history, newest first, and the look itself audited in the same request.
    assert "Sent online" in words and "Routed to Central Safeguarding Triage" in words
    assert "First opened by Sam Smith at 12pm on Wednesday 4 March 2026" in words
    [viewed] = audit_rows(db_app, "submission-viewed")
    assert viewed.actor == "sam@essex.gov.uk"
    assert viewed.submission_id == row(db_app, reference).id
    assert viewed.detail == {"reference": reference}


def test_a_form_given_in_polish_is_read_in_english_with_the_typed_text_marked_polish(db_app, clock):
    typed = "Siostrzeniec zabiera mu kartę bankową."
    reference = send(db_app, locale="pl", what_happened=typed)
    client = signed_in(db_app, "sam@essex.gov.uk", *PRACTITIONER)
    response = client.get(f"/staff/submissions/{reference}")
    html = response.get_data(as_text=True)
    assert summary_value(html, "Language") == "Given in Polish"
    assert "Given in Polish. The questions are in English" in text_of(response)
    assert summary_value(html, "What happened?") == typed
    assert f'<span lang="pl" dir="ltr">{typed}</span>' in html
    # A choice is still its English label, not the Polish the person read.
    assert summary_value(html, "Is it still happening?") == "Yes"
    assert '<html lang="en"' in html


def test_sensitive_answers_are_hidden_from_a_duty_caseworker_after_a_transfer(db_app, clock):
    reference = send(db_app)
    sam = signed_in(db_app, "sam@essex.gov.uk", *PRACTITIONER)
    duty = signed_in(db_app, "casey@essex.gov.uk", "caseworker", ["countywide-duty"])
    assert duty.get(f"/staff/submissions/{reference}").status_code == 403
    with db_app.app_context():
        from portal.routing import Decision
        from portal.routing.moves import moved
        from portal.staff.submission_view import load

        submission = load(reference)
        decision = moved(
            Decision.from_json(submission.routing),
            queue="ascc-duty",
            start=LATER,
            reason={"id": "transferred", "text": "For a Care Act assessment"},
        )
        items.transfer(submission, decision, actor="1", reason="For a Care Act assessment")
        db.session.commit()
    assert sam.get(f"/staff/submissions/{reference}").status_code == 403  # no longer their queue

    hidden = duty.get(f"/staff/submissions/{reference}")
    assert hidden.status_code == 200
    html = hidden.get_data(as_text=True)
    assert summary_value(html, "What happened?") == HIDDEN
    assert summary_value(html, "When is it safe to call the adult?") == HIDDEN
    # Asked only because of a sensitive answer: its presence would tell, so it is hidden too.
    assert summary_value(html, "Do they live with the adult?") == HIDDEN
    assert "His nephew takes his bank card" not in html
    assert "Answers about the concern are shown only to safeguarding practitioners" in html
    assert summary_value(html, "Date of birth (optional)") == "About 1 July 1939"

    for role, teams in (
        ("safeguarding-practitioner", ["central-safeguarding-triage", "countywide-duty"]),
        ("team-manager", ["countywide-duty"]),
    ):
        shown = signed_in(db_app, f"{role}@essex.gov.uk", role, teams)
        html = shown.get(f"/staff/submissions/{reference}").get_data(as_text=True)
        assert summary_value(html, "What happened?").startswith("His nephew takes")
        assert HIDDEN not in html


def test_earlier_forms_about_the_same_person_are_linked_with_why_and_only_where_seen(db_app, clock):
    first = send(db_app)
    no_nhs = send(db_app, adult_nhs_number="")
    other = send(db_app, adult_first_name="Rita", adult_nhs_number="")
    # A carer's form about someone with the same name and date of birth: the Carers queue.
    carer = send(
        db_app,
        CARERS,
        first_name="Ron",
        last_name="Example",
        date_of_birth={"date": "1939-07-01"},
    )
    latest = send(db_app)
    sam = signed_in(db_app, "sam@essex.gov.uk", *PRACTITIONER)
    html = sam.get(f"/staff/submissions/{latest}").get_data(as_text=True)
    found = html.split('id="same-person"')[1].split('id="answers"')[0]
    words = " ".join(re.sub(r"<[^>]+>", " ", found).split())
    links = re.findall(r'href="/staff/submissions/([A-Z0-9-]+)"', found)
    assert links == [no_nhs, first]  # newest first
    sent = "Report a concern about an adult, sent 4 March 2026."
    assert f"{first} : {sent} Same NHS number. Same name and date of birth." in words
    assert f"{no_nhs} : {sent} Same name and date of birth. Same name and postcode." in words
    assert other not in found and carer not in found  # a different name; not their queue

    carers_worker = signed_in(db_app, "casey@essex.gov.uk", "caseworker", ["carers"])
    html = carers_worker.get(f"/staff/submissions/{carer}").get_data(as_text=True)
    assert "No other form you can see has the same NHS number" in html
    assert latest not in html


def test_the_print_view_has_the_content_without_actions_or_navigation_and_is_audited(db_app, clock):
    reference = send(db_app)
    client = signed_in(db_app, "sam@essex.gov.uk", *PRACTITIONER)
    response = client.get(f"/staff/submissions/{reference}/print")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert summary_value(html, "Priority") == "Urgent (priority 1)"
    assert "His nephew takes his bank card" in html and 'class="moj-timeline"' in html
    assert 'id="actions"' not in html and "Assign to me" not in html
    assert "govuk-service-navigation" not in html and "Sign out" not in html
    [printed] = audit_rows(db_app, "submission-printed")
    assert printed.submission_id == row(db_app, reference).id
    assert audit_rows(db_app, "submission-viewed") == []


def test_the_history_says_what_happened_in_words_newest_first(db_app, clock):
    reference = send(db_app, CARERS)
    client = signed_in(db_app, "jo@essex.gov.uk", "caseworker", ["carers"], name="Jo Bloggs")
    signed_in(db_app, "sam@essex.gov.uk", "team-manager", ["carers"], name="Sam Smith")
    jo, sam = account_id(db_app, "jo@essex.gov.uk"), account_id(db_app, "sam@essex.gov.uk")
    with db_app.app_context():
        from portal.staff.submission_view import load

        submission = load(reference)
        items.assign(submission, str(jo), actor=str(sam))
        items.add_note(submission, "Phoned: no answer.\nTry again tomorrow.", actor=str(jo))
        db.session.commit()
    html = client.get(f"/staff/submissions/{reference}").get_data(as_text=True)
    timeline = html.split('class="moj-timeline"')[1]
    titles = re.findall(r'<h3 class="moj-timeline__title">(.*?)</h3>', timeline)
    assert titles == ["Note", "Assigned to Jo Bloggs", "Sent online"]
    assert "by Sam Smith" in timeline and "by Jo Bloggs" in timeline
    assert "Phoned: no answer.\nTry again tomorrow." in timeline
    with db_app.app_context():
        kinds = db.session.scalars(select(SubmissionEvent.kind)).all()
    assert sorted(kinds) == ["assigned", "note", "submitted"]


@pytest.mark.parametrize(
    ("role", "teams", "status"),
    [
        ("caseworker", ["carers"], 403),  # not their queue
        ("caseworker", ["central-safeguarding-triage"], 403),  # a safeguarding team's queue
        ("team-manager", ["countywide-duty"], 403),
        ("account-administrator", [], 403),  # sees no submission at all
        ("auditor", [], 403),
        ("team-manager", ["central-safeguarding-triage"], 200),
    ],
)
def test_only_those_whose_teams_may_see_it_get_the_page_or_its_print_view(
    db_app, clock, role, teams, status
):
    reference = send(db_app)
    client = signed_in(db_app, f"{role}@essex.gov.uk", role, teams)
    assert client.get(f"/staff/submissions/{reference}").status_code == status
    assert client.get(f"/staff/submissions/{reference}/print").status_code == status
    assert client.get("/staff/submissions/SAF-0000-0000").status_code in (403, 404)
    viewed = audit_rows(db_app, "submission-viewed") + audit_rows(db_app, "submission-printed")
    assert len(viewed) == (2 if status == 200 else 0)


def test_a_manager_is_linked_to_who_has_seen_it_and_a_practitioner_is_not(db_app, clock):
    reference = send(db_app)
    seen_by = f'href="/staff/submissions/{reference}/seen-by"'
    manager = signed_in(
        db_app, "morgan@essex.gov.uk", "team-manager", ["central-safeguarding-triage"]
    )
    assert seen_by in manager.get(f"/staff/submissions/{reference}").get_data(as_text=True)
    practitioner = signed_in(db_app, "sam@essex.gov.uk", *PRACTITIONER)
    assert seen_by not in practitioner.get(f"/staff/submissions/{reference}").get_data(as_text=True)
