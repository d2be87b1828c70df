"""What a sent form gives the staff workspace: the facts its journey's `work` block declares,
keyed hashes of who it is about, its second queue, and how far each started form got."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import select

from portal.data import db
from portal.data.journeys import FormProgress, Submission
from portal.data.work import SubmissionMatch
from portal.work_items import people
from tests.conftest import NO_LIMITS
from tests.journey_walker import example, walk

pytestmark = pytest.mark.database


@pytest.fixture
def app_environ():
    """Several whole forms from one address."""
    return NO_LIMITS


@contextmanager
def sent(app, journey_id: str, **changes) -> Iterator[Submission]:
    """Send the example answers with these changes through the pages; the submission."""
    journey = app.extensions["frontdoor.journeys"][journey_id]
    walk(app.test_client(), journey, {**example(journey_id), **changes})
    with app.app_context():
        yield db.session.scalars(select(Submission).order_by(Submission.id.desc())).first()


def matches(submission: Submission) -> dict[str, str]:
    rows = db.session.scalars(
        select(SubmissionMatch).where(SubmissionMatch.submission_id == submission.id)
    )
    return {row.kind: row.digest for row in rows}


def test_a_safeguarding_alert_keeps_who_reported_the_wishes_the_interpreter_and_the_adult(
    db_app,
):
    with sent(db_app, "safeguarding-alert") as alert:
        assert alert.reported_by == "public"
        assert alert.wishes_recorded is True
        assert alert.carer_identified is False
        assert alert.interpreter == "ro"
        keys = matches(alert)
        assert set(keys) == {"name", "date-of-birth", "nhs-number", "postcode"}
        assert keys["name"] == people.digest("name", "RON  example")
        assert keys["postcode"] == people.digest("postcode", "ss141dl")
        assert keys["date-of-birth"] == people.digest("date-of-birth", "1939-07-01")
        # Only keyed hashes are kept: no name, number or postcode in plain.
        assert "Ron" not in str(keys) and "9434765919" not in str(keys)


def test_a_report_without_wishes_and_from_a_carer_counts_so(db_app):
    with sent(db_app, "safeguarding-alert", adult_wishes="", are_you_a_carer="yes") as alert:
        assert alert.wishes_recorded is False
        assert alert.carer_identified is True


def test_a_bsl_need_is_an_interpreter_for_british_sign_language(db_app):
    with sent(
        db_app, "safeguarding-alert", adult_communication="bsl", adult_language=None
    ) as alert:
        assert alert.interpreter == "bfi"


def test_a_carer_who_does_not_feel_safe_is_in_a_second_queue(db_app):
    with sent(db_app, "carers-assessment", feel_safe="no", feel_safe_detail="Shouting") as carer:
        assert (carer.queue, carer.second_queue) == ("carers", "central-safeguarding-triage")
        assert carer.carer_identified is True and carer.reported_by == "carer"
        assert carer.wishes_recorded is None  # the carer's form does not ask


def test_each_started_form_records_how_far_it_got_and_when_it_was_sent_never_answers(db_app):
    with sent(db_app, "care-technology-request") as request:
        journey = db_app.extensions["frontdoor.journeys"]["care-technology-request"]
        row = db.session.scalar(
            select(FormProgress).where(FormProgress.reference == request.reference)
        )
        assert row.journey_id == "care-technology-request" and row.channel == "self-service"
        assert row.submitted_at == request.submitted_at
        assert row.furthest_page in {page.id for page in journey.pages}
        assert row.furthest_position > len(journey.pages) // 2
        assert not hasattr(row, "answers")


@pytest.mark.parametrize(
    ("kind", "one", "other"),
    [
        ("name", "Siobhán O'Neil-Smith", "siobhan  oneil smith"),
        ("postcode", "cm1 1aa", "CM11AA"),
        ("nhs-number", "943 476 5919", "9434765919"),
    ],
)
def test_two_ways_of_writing_the_same_thing_meet(app, kind, one, other):
    with app.app_context():
        assert people.digest(kind, one) == people.digest(kind, other)
        assert people.digest(kind, one) != people.digest(kind, one + "x")
        assert people.digest(kind, "  ") is None
