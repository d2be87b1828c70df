"""One commit per request: services only flush; the request commits once when it ends well and
everything is rolled back when it fails, so a change and the row that records it (an event, an
audit entry) are saved together or not at all."""

from __future__ import annotations

from flask import abort
from sqlalchemy import func, select

from portal.data import db
from portal.data.feedback import ServiceFeedback, record_feedback


def stored(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(ServiceFeedback))


def write(outcome: str):
    def view():
        record_feedback(locale="en", satisfaction="satisfied", improvement=None, from_path=None)
        if outcome == "fails":
            raise RuntimeError("something went wrong after the write")
        if outcome == "refused":
            abort(400)
        return "done"

    return view


def test_a_request_commits_what_its_services_wrote_only_when_it_ends_well(app):
    for outcome in ("fails", "refused", "ends-well"):
        app.add_url_rule(f"/test/{outcome}", f"test_{outcome}", write(outcome))
    client = app.test_client()
    assert client.get("/test/fails").status_code == 500
    assert stored(app) == 0  # the write before the failure is gone with it
    assert client.get("/test/refused").status_code == 400
    assert stored(app) == 1  # a handled refusal keeps what was written (a counted attempt)
    assert client.get("/test/ends-well", skip_page_check=True).status_code == 200
    assert stored(app) == 2


def test_a_service_on_its_own_never_commits(app):
    with app.app_context():
        record_feedback(locale="en", satisfaction="satisfied", improvement=None, from_path=None)
        assert db.session.scalar(select(func.count()).select_from(ServiceFeedback)) == 1
    assert stored(app) == 0  # the context ended without a request to commit it
