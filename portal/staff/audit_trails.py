"""Two views of the audit log (issue #9 §6), each a page at a time and as a CSV download:

- who has seen a submission: every row about it (viewed, printed, each action), for an auditor
  (any submission, by reference, never its answers) and for a team manager of a team that may
  see it (``access.may_see_who_has_seen``);
- what a member of staff has seen, for auditors: the submissions they viewed, printed or acted
  on, their lists and searches, in a date range.

Each page is audited ("seen-by-viewed", "activity-viewed") and each download too
("audit-downloaded", saying what was downloaded).
"""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for

from portal import audit
from portal.accounts import sessions
from portal.accounts.permissions import READ_AUDIT_LOG, SEE_WHO_HAS_SEEN, allows, permission
from portal.data.accounts import by_id
from portal.data.audit import AuditFilter, count, count_by_action, count_submissions, matching
from portal.data.database import utcnow
from portal.data.journeys import Submission
from portal.journeys import references
from portal.journeys.submit import submission_for
from portal.routing.clock import LONDON
from portal.staff import bp
from portal.staff.audit_rows import CSV_HEADER, csv_rows, readable
from portal.staff.csv_download import csv_response
from portal.staff.date_range import DateRange, read_range
from portal.staff.pagination import page_asked_for, pagination
from portal.work_items import access

ROWS_PER_PAGE = 50
# Account ids are 32-bit in the database: a larger number in the address is simply not found.
PERSON = "<int(max=2147483647):person_id>"


def _today() -> str:
    return utcnow().astimezone(LONDON).date().isoformat()


def _trail_of(reference: str) -> Submission:
    """The submission, if the signed-in person may see who has seen it (404 or 403)."""
    submission = submission_for(references.normalise(reference))
    if submission is None:
        abort(404)
    if not access.may_see_who_has_seen(sessions.signed_in_user(), submission):
        abort(403)
    return submission


@bp.route("/submissions/<reference>/seen-by")
@permission(SEE_WHO_HAS_SEEN)
def submission_seen_by(reference: str):
    user = sessions.signed_in_user()
    submission = _trail_of(reference)
    chosen = AuditFilter(submission_id=submission.id)
    page = page_asked_for(request.args, ROWS_PER_PAGE, count(chosen))
    rows = readable(matching(chosen, offset=page.offset, limit=page.size))
    pages = pagination(
        page,
        lambda number: url_for(
            "staff.submission_seen_by", reference=submission.reference, page=number
        ),
        "Pages of who has seen this submission",
    )
    audit.record(
        "seen-by-viewed",
        actor=user.email,
        actor_id=user.id,
        submission_id=submission.id,
        detail={"page": page.number},
    )
    # The submission's own page, once the workspace has one, for someone who may read it.
    submission_page = None
    if "staff.submission" in current_app.view_functions and access.may_view(user, submission):
        submission_page = url_for("staff.submission", reference=submission.reference)
    return render_template(
        "staff/seen_by.html",
        submission=submission,
        rows=rows,
        page=page,
        pages=pages,
        submission_page=submission_page,
        auditor=allows(user.roles, READ_AUDIT_LOG),
    )


@bp.route("/submissions/<reference>/seen-by.csv")
@permission(SEE_WHO_HAS_SEEN)
def submission_seen_by_csv(reference: str):
    user = sessions.signed_in_user()
    submission = _trail_of(reference)
    rows = readable(matching(AuditFilter(submission_id=submission.id)))
    audit.record(
        "audit-downloaded",
        actor=user.email,
        actor_id=user.id,
        submission_id=submission.id,
        detail={"download": "seen-by", "rows": len(rows)},
    )
    filename = f"seen-by-{submission.reference}-{_today()}.csv"
    return csv_response(filename, CSV_HEADER, csv_rows(rows))


def _span(dates: DateRange) -> str:
    """The dates in a download's name: 2026-11-01-to-2026-11-30, from-2026-11-01, all-dates."""
    given = dates.as_text()
    if len(given) == 2:
        return f"{given['from']}-to-{given['to']}"
    if given:
        [(bound, day)] = given.items()
        return f"{bound}-{day}"
    return "all-dates"


def _activity_filter(person_id: int, dates: DateRange) -> AuditFilter:
    return AuditFilter(
        actor_id=person_id,
        since=dates.since,
        before=dates.before,
        excluding=audit.SIGN_IN_ACTIONS,
    )


@bp.route(f"/audit-log/people/{PERSON}")
@permission(READ_AUDIT_LOG)
def person_activity(person_id: int):
    user = sessions.signed_in_user()
    person = by_id(person_id) or abort(404)
    dates = read_range(request.args)
    if dates.errors:
        return render_template("staff/person_activity.html", person=person, dates=dates)
    chosen = _activity_filter(person.id, dates)
    by_action = count_by_action(chosen)  # its sum is the rows' count: one query, not two
    page = page_asked_for(request.args, ROWS_PER_PAGE, sum(by_action.values()))
    rows = readable(matching(chosen, offset=page.offset, limit=page.size))
    pages = pagination(
        page,
        lambda number: url_for(
            "staff.person_activity", person_id=person.id, page=number, **dates.arguments()
        ),
        "Pages of this person's activity",
    )
    summary = {
        "submissions": count_submissions(chosen),
        "lists": by_action.get("list-viewed", 0),
        "searches": by_action.get("searched", 0),
    }
    audit.record(
        "activity-viewed",
        actor=user.email,
        actor_id=user.id,
        detail={"person": person.id, "page": page.number} | dates.as_text(),
    )
    return render_template(
        "staff/person_activity.html",
        person=person,
        dates=dates,
        rows=rows,
        page=page,
        pages=pages,
        summary=summary,
        download=url_for("staff.person_activity_csv", person_id=person.id, **dates.arguments()),
    )


@bp.route(f"/audit-log/people/{PERSON}.csv")
@permission(READ_AUDIT_LOG)
def person_activity_csv(person_id: int):
    user = sessions.signed_in_user()
    person = by_id(person_id) or abort(404)
    dates = read_range(request.args)
    if dates.errors:
        # The page says what is wrong with the dates.
        return redirect(url_for("staff.person_activity", person_id=person.id, **dates.arguments()))
    rows = readable(matching(_activity_filter(person.id, dates)))
    audit.record(
        "audit-downloaded",
        actor=user.email,
        actor_id=user.id,
        detail={"download": "activity", "person": person.id, "rows": len(rows)} | dates.as_text(),
    )
    filename = f"activity-of-account-{person.id}-{_span(dates)}.csv"
    return csv_response(filename, CSV_HEADER, csv_rows(rows))
