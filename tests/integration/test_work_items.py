"""A sent form is a work item: a status, who has it, a version, a priority rank, every routing
decision and an append-only history, and the journey definition it was sent with."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from portal.data import db, migrate
from portal.data.journeys import Submission
from portal.data.work import JourneyDefinition, RoutingDecision, SubmissionEvent
from portal.journeys.schema import FORMS_DIR
from portal.work_items import items
from portal.work_items.definitions import definition_hash
from tests.conftest import NO_LIMITS
from tests.journey_walker import example, walk

pytestmark = pytest.mark.database
ALERT = "safeguarding-alert"


@pytest.fixture
def app_environ():
    """Several whole forms from one address."""
    return NO_LIMITS


def send(app, journey_id=ALERT, **changes) -> str:
    journey = app.extensions["frontdoor.journeys"][journey_id]
    walk(app.test_client(), journey, {**example(journey_id), **changes})
    with app.app_context():
        return db.session.scalars(select(Submission.reference).order_by(Submission.id)).all()[-1]


def submission(reference: str) -> Submission:
    return db.session.scalar(select(Submission).where(Submission.reference == reference))


def test_a_sent_form_is_a_new_unassigned_item_with_its_first_decision_and_event(db_app):
    reference = send(db_app)
    journey = db_app.extensions["frontdoor.journeys"][ALERT]
    with db_app.app_context():
        row = submission(reference)
        assert (row.status, row.assignee, row.version) == ("new", None, 1)
        assert row.priority_rank == {"urgent": 1, "high": 2, "standard": 3}[row.priority]
        [decision] = db.session.scalars(select(RoutingDecision)).all()
        assert (decision.submission_id, decision.decided_by, decision.queue) == (
            row.id,
            "routing",
            row.queue,
        )
        assert decision.decision == row.routing
        [event] = items.history(row)
        assert (event.kind, event.actor, event.to_value) == ("submitted", "self-service", row.queue)
        assert event.at == row.submitted_at
        # The journey exactly as it was asked, kept by its content hash.
        assert row.definition_hash == definition_hash(journey.definition)
        kept = db.session.get(JourneyDefinition, row.definition_hash)
        assert kept.journey_id == ALERT and kept.definition["id"] == ALERT
        labels = [
            q["label"]
            for s in kept.definition["sections"]
            for p in s["pages"]
            for q in p["questions"]
        ]
        assert journey.questions()["immediate_danger"].label in labels


def test_forms_sent_with_the_same_journey_share_one_kept_definition(db_app):
    first, second = send(db_app), send(db_app)
    send(db_app, "care-technology-request")
    with db_app.app_context():
        assert submission(first).definition_hash == submission(second).definition_hash
        kept = db.session.scalars(select(JourneyDefinition.journey_id)).all()
        assert sorted(kept) == ["care-technology-request", ALERT]


def test_a_reroute_adds_a_decision_and_the_columns_say_the_new_one(db_app):
    reference = send(db_app)
    with db_app.app_context():
        row = submission(reference)
        first_queue = row.queue
        current = db.session.scalars(select(RoutingDecision)).one()
        new = dataclasses.replace(
            _decision_from(current.decision), queue="ascc-duty", priority="high"
        )
        items.reroute(row, new, actor="staff-17", reason="Known to the duty team")
        db.session.commit()
    with db_app.app_context():
        row = submission(reference)
        assert (row.queue, row.priority, row.priority_rank, row.version) == (
            "ascc-duty",
            "high",
            2,
            2,
        )
        decisions = db.session.scalars(select(RoutingDecision).order_by(RoutingDecision.id)).all()
        assert [(d.queue, d.decided_by, d.reason) for d in decisions] == [
            (first_queue, "routing", None),
            ("ascc-duty", "staff-17", "Known to the duty team"),
        ]
        latest = items.history(row)[0]
        assert (latest.kind, latest.actor, latest.from_value, latest.to_value, latest.detail) == (
            "rerouted",
            "staff-17",
            first_queue,
            "ascc-duty",
            "Known to the duty team",
        )
        with pytest.raises(items.NotAllowed):
            items.reroute(row, _decision_from(row.routing), actor="staff-17", reason=" ")


def test_status_and_assignee_changes_are_events_newest_first(db_app):
    reference = send(db_app)
    with db_app.app_context():
        row = submission(reference)
        items.assign(row, "staff-3", actor="staff-3")
        items.change_status(row, "in-progress", actor="staff-3")
        items.change_status(row, "waiting", actor="staff-3", reason="Asked the GP")
        items.assign(row, None, actor="manager-1")
        with pytest.raises(items.NotAllowed):
            items.change_status(row, "on-hold", actor="staff-3")
        db.session.commit()
    with db_app.app_context():
        row = submission(reference)
        assert (row.status, row.assignee) == ("waiting", None)
        assert [
            (e.kind, e.actor, e.from_value, e.to_value, e.detail) for e in items.history(row)
        ] == [
            ("assigned", "manager-1", "staff-3", None, None),
            ("status", "staff-3", "in-progress", "waiting", "Asked the GP"),
            ("status", "staff-3", "new", "in-progress", None),
            ("assigned", "staff-3", None, "staff-3", None),
            ("submitted", "self-service", None, row.queue, None),
        ]


def test_a_change_made_from_a_stale_copy_fails_and_keeps_the_other(db_app):
    reference = send(db_app)
    with db_app.app_context():
        mine = submission(reference)
        with db_app.app_context():  # a colleague, in another request, takes it first
            theirs = submission(reference)
            items.assign(theirs, "staff-8", actor="staff-8")
            db.session.commit()
        with pytest.raises(StaleDataError):
            items.assign(mine, "staff-2", actor="staff-2")
        db.session.rollback()
    with db_app.app_context():
        row = submission(reference)
        assert (row.assignee, row.version) == ("staff-8", 2)
        assert [e.to_value for e in items.history(row) if e.kind == "assigned"] == ["staff-8"]


def test_the_database_refuses_to_change_the_history(db_app):
    send(db_app)
    with db_app.app_context():
        with pytest.raises(DBAPIError, match="never changed"):
            db.session.execute(text("UPDATE submission_event SET actor = 'someone-else'"))
        db.session.rollback()
        assert db.session.scalars(select(SubmissionEvent.actor)).all() == ["self-service"]


def test_forms_sent_before_the_upgrade_become_new_items_with_their_history(db_app, database_url):
    reference = send(db_app)
    with db_app.app_context():
        before = submission(reference)
        queue, priority = before.queue, before.priority
    db_app.extensions["frontdoor.db"][0].dispose()
    migrate.downgrade(database_url, "0006")
    migrate.upgrade(database_url)
    engine = create_engine(database_url)
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT status, version, priority_rank, assignee FROM submission")
        ).one()
        decision = connection.execute(text("SELECT queue, decided_by FROM routing_decision")).one()
        event = connection.execute(text("SELECT kind, to_value FROM submission_event")).one()
    engine.dispose()
    rank = {"urgent": 1, "high": 2, "standard": 3}[priority]
    assert tuple(row) == ("new", 1, rank, None)
    assert tuple(decision) == (queue, "routing")
    assert tuple(event) == ("submitted", queue)


def _decision_from(data: dict):
    """A Decision like the one stored, for a test to change one field of."""
    from datetime import datetime

    from portal.routing import Decision

    fields = {f.name for f in dataclasses.fields(Decision)}
    values = {key: value for key, value in data.items() if key in fields}
    values["due_at"] = datetime.fromisoformat(data["due_at"]) if data["due_at"] else None
    values["clocks"] = [
        {**clock, "due_at": datetime.fromisoformat(clock["due_at"])} for clock in data["clocks"]
    ]
    if data.get("second_queue"):
        values["second_queue"] = {
            **data["second_queue"],
            "due_at": datetime.fromisoformat(data["second_queue"]["due_at"]),
        }
    return Decision(**values)


def test_a_sent_form_is_shown_with_the_questions_it_was_asked_after_the_file_changes(
    db_app, tmp_path
):
    from portal.journeys.schema import load_journeys
    from portal.work_items.definitions import journey_as_sent

    reference = send(db_app)
    loaded = db_app.extensions["frontdoor.journeys"]
    folder = tmp_path / "forms"
    folder.mkdir()
    for path in FORMS_DIR.glob("*.yaml"):
        words = path.read_text(encoding="utf-8")
        if path.name == f"{ALERT}.yaml":
            words = words.replace(
                "label: Is anyone in immediate danger?",
                "label: Is anyone in danger right now?",
            )
        (folder / path.name).write_text(words, encoding="utf-8")
    changed = load_journeys(folder)
    assert changed[ALERT].questions()["immediate_danger"].label == "Is anyone in danger right now?"
    with db_app.app_context():
        row = submission(reference)
        assert journey_as_sent(row, loaded) is loaded[ALERT]  # unchanged: the loaded journey
        as_sent = journey_as_sent(row, changed)
    assert as_sent.questions()["immediate_danger"].label == "Is anyone in immediate danger?"
    assert [page.id for page in as_sent.pages] == [page.id for page in loaded[ALERT].pages]
