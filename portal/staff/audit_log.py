"""The audit log for auditors: every row, filtered by action, person, submission and dates (all
in the address, so a filtered page can be bookmarked or sent on), a page at a time, with the
state of the hash chain; and the staff accounts, to pick whose activity to read.

Reading the log is itself audited ("audit-log-viewed", with the filters used).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import render_template, request, url_for

from portal import audit
from portal.accounts import sessions
from portal.accounts.permissions import READ_AUDIT_LOG, permission
from portal.data.accounts import all_users, by_email
from portal.data.audit import AuditFilter, count, matching, verify_chain
from portal.journeys import references
from portal.journeys.submit import submission_for
from portal.staff import bp
from portal.staff.audit_rows import readable
from portal.staff.date_range import DateRange, read_range
from portal.staff.pagination import page_asked_for, pagination

ROWS_PER_PAGE = 50


@dataclass
class LogFilters:
    """The audit log's filters as typed, what they mean, and what is wrong with them."""

    typed: dict[str, str]
    dates: DateRange
    chosen: AuditFilter = field(default_factory=AuditFilter)
    # The submission's reference as it is written, when the filter found one.
    reference: str | None = None
    errors: list[dict[str, str]] = field(default_factory=list)
    field_errors: dict[str, str] = field(default_factory=dict)

    def fail(self, name: str, message: str) -> None:
        self.errors.append({"text": message, "href": f"#{name}"})
        self.field_errors[name] = message

    def arguments(self) -> dict[str, str]:
        """The query string that gives these filters again."""
        return {name: value for name, value in self.typed.items() if value} | (
            self.dates.arguments()
        )


def read_filters(arguments) -> LogFilters:
    typed = {
        name: (arguments.get(name) or "").strip()[:254]
        for name in ("action", "person", "reference")
    }
    filters = LogFilters(typed, read_range(arguments))
    action = typed["action"] or None
    if action is not None and action not in audit.ACTIONS:
        filters.fail("action", "Select an action from the list")
        action = None
    actor_id = None
    if typed["person"]:
        person = by_email(typed["person"])
        if person is None:
            filters.fail("person", "There is no staff account with that email address")
        else:
            actor_id = person.id
    submission_id = None
    if typed["reference"]:
        reference = references.normalise(typed["reference"])
        if not references.is_valid(reference):
            filters.fail("reference", "Enter a reference like SAF-7K3M-9QXK, as the form gave it")
        elif (submission := submission_for(reference)) is None:
            filters.fail("reference", "There is no submission with that reference")
        else:
            submission_id = submission.id
            filters.reference = submission.reference
    filters.errors += filters.dates.errors
    filters.chosen = AuditFilter(
        action=action,
        actor_id=actor_id,
        submission_id=submission_id,
        since=filters.dates.since,
        before=filters.dates.before,
    )
    return filters


def _recorded_filters(filters: LogFilters) -> dict:
    """The filters used, for the audit row: an account by its id, never anything else typed."""
    chosen = filters.chosen
    used = {
        "action": chosen.action,
        "person": chosen.actor_id,
        "reference": filters.reference,
    } | filters.dates.as_text()
    return {name: value for name, value in used.items() if value is not None}


CHECKED_ON_EACH_VIEW = 5000
# The rows the log pages through before the dates have to narrow it: counting a whole log of
# millions on every view would be most of the page's time, and 200 pages is more than anyone
# reads through one by one.
PAGED_AT_MOST = 10_000


@bp.route("/audit-log")
@permission(READ_AUDIT_LOG)
def audit_log():
    user = sessions.signed_in_user()
    filters = read_filters(request.args)
    # The chain is checked before this view adds its own row: its newest rows on every view
    # (a whole log of millions takes minutes, `flask audit verify` walks it all).
    chain = verify_chain(newest=CHECKED_ON_EACH_VIEW)
    rows, page, pages = [], None, None
    if not filters.errors:
        total = count(filters.chosen, at_most=PAGED_AT_MOST)
        page = page_asked_for(request.args, ROWS_PER_PAGE, total, at_most=PAGED_AT_MOST)
        rows = readable(matching(filters.chosen, offset=page.offset, limit=page.size))
        pages = pagination(
            page,
            lambda number: url_for("staff.audit_log", page=number, **filters.arguments()),
            "Pages of the audit log",
        )
    detail = {"filters": _recorded_filters(filters)} | ({"page": page.number} if page else {})
    audit.record("audit-log-viewed", actor=user.email, actor_id=user.id, detail=detail)
    return render_template(
        "staff/audit_log.html",
        filters=filters,
        actions=audit.ACTION_WORDS,
        chain=chain,
        rows=rows,
        page=page,
        pages=pages,
        filtered=bool(filters.arguments()),
    )


@bp.route("/audit-log/people")
@permission(READ_AUDIT_LOG)
def audit_people():
    """Every staff account (or those whose name or email has what was typed), each linking to
    what that person has seen."""
    typed = (request.args.get("q") or "").strip()[:254]
    wanted = typed.casefold()
    people = [
        account
        for account in all_users()
        if wanted in account.email.casefold() or wanted in account.display_name.casefold()
    ]
    return render_template("staff/audit_people.html", people=people, typed=typed)
