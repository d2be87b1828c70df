"""The queue pages: My work, Available work and All work (managers), each with its filters in
the URL and its pages, and every list viewed written to the audit log with the view, the
filters and the page (ADR 0028)."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import redirect, render_template, request, url_for

from portal import audit
from portal.accounts import sessions
from portal.accounts.permissions import MANAGE_TEAM_WORK, VIEW_SUBMISSIONS, allows, permission
from portal.data.database import utcnow
from portal.staff import bp
from portal.staff.pagination import page_items
from portal.work_items import queue_filters, queues
from portal.work_items.queue_filters import Filters, Options
from portal.work_items.queues import ALL_WORK, AVAILABLE_WORK, MY_WORK, VIEW_TITLES

ENDPOINTS = {
    MY_WORK: "staff.my_work",
    AVAILABLE_WORK: "staff.available_work",
    ALL_WORK: "staff.all_work",
}
# Where each filter's error links to: the field's id, or its first box.
_FIELD_IDS = {"page": "results"}
# The selected-filter tags: (filter name, heading, options attribute).
_TAGS = (
    ("queue", "Queue", "queues"),
    ("locality", "Locality", "localities"),
    ("district", "District", "districts"),
    ("priority", "Priority", "priorities"),
    ("status", "Status", "statuses"),
    ("due", "Due", "dues"),
    ("language", "Language", "languages"),
    ("channel", "How it was sent", "channels"),
)


@bp.route("/my-work")
@permission(VIEW_SUBMISSIONS)
def my_work():
    return _queue(MY_WORK)


@bp.route("/available-work")
@permission(VIEW_SUBMISSIONS)
def available_work():
    return _queue(AVAILABLE_WORK)


@bp.route("/all-work")
@permission(MANAGE_TEAM_WORK)
def all_work():
    return _queue(ALL_WORK)


def _queue(view: str):
    user = sessions.signed_in_user()
    now = utcnow()
    offered = queues.filter_options(view, user)
    parsed = queue_filters.parse(request.args, offered)
    filters = parsed.filters
    canonical = view_url(view, filters, parsed.page)
    if not parsed.errors and canonical != _requested(view):
        # The form sends every field, empty ones too ("?queue=&due=&priority=high"): the list
        # has one address per choice, so it can be bookmarked, shared and compared.
        return redirect(canonical)
    counts = queues.counts(user)
    page = queues.page_of(
        view,
        user,
        filters,
        parsed.page,
        now,
        total=None if filters.active else counts.of(view),
    )
    if not filters.active and page.total_known:
        counts = counts.known(view, page.total)  # the tab agrees with the list's count
    audit.record(
        "list-viewed",
        actor=user.email,
        actor_id=user.id,
        detail={
            "view": view,
            "filters": filters.for_audit(),
            "page": page.number,
            "results": page.total if page.total_known else f"{queues.COUNT_LIMIT}+",
        },
    )
    return render_template(
        "staff/queue.html",
        view=view,
        title=VIEW_TITLES[view],
        tabs=_tabs(view, user, counts),
        filters=filters,
        offered=offered,
        selected=_selected(view, filters, offered),
        errors=parsed.errors,
        error_list=[
            {"text": message, "href": f"#{_FIELD_IDS.get(name, name)}"}
            for name, message in parsed.errors.items()
        ],
        page=page,
        pagination=_pagination(view, filters, page),
        last_page_url=view_url(view, filters, page.pages or 1),
        counted=f"{page.total:,}" if page.total_known else f"more than {queues.COUNT_LIMIT:,}",
        clear_url=url_for(ENDPOINTS[view]),
        action=url_for(ENDPOINTS[view]),
    )


def _requested(view: str) -> str:
    pairs = list(request.args.items(multi=True))
    base = url_for(ENDPOINTS[view])
    return f"{base}?{urlencode(pairs)}" if pairs else base


def view_url(view: str, filters: Filters, page: int = 1) -> str:
    """The address of a view with these filters and page (page 1 is left out)."""
    pairs = filters.params() + ([("page", str(page))] if page > 1 else [])
    base = url_for(ENDPOINTS[view])
    return f"{base}?{urlencode(pairs)}" if pairs else base


def _tabs(view: str, user, counts: queues.Counts) -> list[dict]:
    shown = [MY_WORK, AVAILABLE_WORK] + ([ALL_WORK] if allows(user.roles, MANAGE_TEAM_WORK) else [])
    return [
        {
            "text": f"{VIEW_TITLES[one]} ({queues.count_text(counts.of(one))})",
            "href": url_for(ENDPOINTS[one]),
            "active": one == view,
        }
        for one in shown
    ]


def _selected(view: str, filters: Filters, offered: Options) -> list[dict]:
    """The MOJ filter's "selected filters": a heading and tags, each removing its filter."""
    categories = []
    for name, heading, attribute in _TAGS:
        names = {option.value: option.text for option in getattr(offered, attribute)}
        value = getattr(filters, name)
        chosen = value if isinstance(value, tuple) else ((value,) if value else ())
        items = [
            {"text": names.get(one, one), "href": view_url(view, filters.without(name, one))}
            for one in chosen
        ]
        if items:
            categories.append({"heading": heading, "items": items})
    if filters.locality_check:
        categories.append(
            {
                "heading": "Locality check",
                "items": [
                    {
                        "text": "Needs a locality check",
                        "href": view_url(view, filters.without("locality_check")),
                    }
                ],
            }
        )
    return categories


def _pagination(view: str, filters: Filters, page: queues.QueuePage) -> dict | None:
    """GOV.UK pagination: the first page, the current one and those either side, and the last
    when the count is known, with ellipses between (a queue can have thousands of pages)."""
    current, last = page.number, page.pages
    if current == 1 and not page.has_next:
        return None
    around = (current - 1, current, current + 1) if page.has_next else (current - 1, current)
    wanted = {1, *(number for number in around if number >= 1)}
    if last is not None:
        wanted = {number for number in wanted if number <= last} | {last}
    items = page_items(wanted, current, lambda number: view_url(view, filters, number))
    if last is None:
        items.append({"ellipsis": True})  # more pages than were counted
    # Past the end (an old link to a list that has since shrunk): back to the last page.
    back = min(current - 1, last) if last is not None else current - 1
    return {
        "items": items,
        "previous": {"href": view_url(view, filters, back)} if current > 1 else None,
        "next": {"href": view_url(view, filters, current + 1)} if page.has_next else None,
        "landmarkLabel": "Pages of submissions",
    }
