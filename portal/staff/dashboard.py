"""The dashboard the council reports from (issue #9 §7; BRIEF §8): counts for a period and a
locality, each as a chart, a table and a CSV download. Counts only, across every queue: never a
person, an answer or a reference (docs/adr/0031). Viewing and downloading are audited with the
filters used."""

from __future__ import annotations

import csv
import io
from datetime import date

from flask import Response, abort, current_app, redirect, render_template, request, url_for

from portal import audit
from portal.accounts import sessions
from portal.accounts.permissions import VIEW_DASHBOARD, permission
from portal.data.accounts import StaffUser
from portal.data.database import utcnow
from portal.districts import alliances
from portal.routing import config as routing_config
from portal.routing.clock import LONDON
from portal.staff import bp
from portal.staff.charts import bar_chart, count_text, share_text
from portal.staff.dashboard_filters import (
    Filters,
    long_date,
    period_arguments,
    quarters,
    read_filters,
)
from portal.work_items import access
from portal.work_items.measure_tables import (
    KINDS,
    LABEL,
    SHARE,
    Figures,
    Measure,
    every_measure,
    measure,
)

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def london_today() -> date:
    return utcnow().astimezone(LONDON).date()


def _figures(filters: Filters, user: StaffUser) -> Figures:
    """The figures this person may read: their teams' queues only (need to know, ADR 0031)."""
    return Figures(
        filters.period,
        filters.locality,
        now=utcnow(),
        journeys=current_app.extensions["frontdoor.journeys"],
        queues=access.visible_queues(user),
    )


def _cell_text(kind: str, value) -> str:
    if kind == SHARE:
        return share_text(value)
    return count_text(value) if kind != LABEL else str(value)


@bp.route("/dashboard")
@permission(VIEW_DASHBOARD)
def dashboard():
    user = sessions.signed_in_user()
    today = london_today()
    filters = read_filters(request.args, today)
    measures = []
    if not filters.problems:
        measures = every_measure(_figures(filters, user))
        audit.record(
            "dashboard-viewed", actor=user.email, actor_id=user.id, detail=filters.detail()
        )
    return render_template(
        "staff/dashboard.html",
        filters=filters,
        errors=[{"text": p.text, "href": p.href} for p in filters.problems],
        measures=measures,
        queue_names=[
            name
            for queue, name in routing_config().queues.items()
            if queue in access.visible_queues(user)
        ],
        localities=alliances(),
        quarters=[
            (name, period, period_arguments(period, filters.locality))
            for name, period in quarters(today)
        ],
        csv_arguments=(
            period_arguments(filters.period, filters.locality) if filters.period else {}
        ),
        long_date=long_date,
        bar_chart=bar_chart,
        cell_text=_cell_text,
    )


def _safe(value) -> str | int | float:
    """A cell a spreadsheet shows as text, never runs: text starting like a formula gets a
    leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_rows(found: Measure) -> list[list]:
    """A header row, then every table's rows (after the table's group, when there are several).
    A share is a percentage to one decimal place: a number a spreadsheet can chart."""
    columns = found.tables[0].columns
    heading = [c.heading + (" (%)" if c.kind == SHARE else "") for c in columns]
    rows = [[found.group_heading, *heading] if found.group_heading else heading]
    for table in found.tables:
        for row in table.rows:
            cells = [
                ("" if value is None else f"{value * 100:.1f}") if column.kind == SHARE else value
                for column, value in zip(table.columns, row, strict=True)
            ]
            rows.append([table.group, *cells] if found.group_heading else cells)
    return [[_safe(cell) for cell in row] for row in rows]


@bp.route("/dashboard/<measure_id>.csv")
@permission(VIEW_DASHBOARD)
def dashboard_csv(measure_id: str):
    if measure_id not in KINDS:
        abort(404)
    filters = read_filters(request.args, london_today())
    if filters.problems:
        # The page names what is wrong with the filters.
        return redirect(url_for("staff.dashboard", **request.args.to_dict()), 303)
    user = sessions.signed_in_user()
    found = measure(measure_id, _figures(filters, user))
    audit.record(
        "dashboard-downloaded",
        actor=user.email,
        actor_id=user.id,
        detail={"measure": measure_id, **filters.detail()},
    )
    text = io.StringIO()
    # A byte order mark, so a spreadsheet opened by double-clicking reads the file as UTF-8.
    text.write("\ufeff")
    csv.writer(text).writerows(_csv_rows(found))
    period = filters.period
    name = f"{measure_id}-{period.first.isoformat()}-to-{period.last.isoformat()}"
    if filters.locality:
        name += f"-{filters.locality}"
    return Response(
        text.getvalue().encode("utf-8"),
        mimetype="text/csv",
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{name}.csv"',
        },
    )
