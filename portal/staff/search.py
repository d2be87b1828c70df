"""The search page: by reference (a GET: a reference is not personal), and for earlier forms
about the same person (a POST, so a name or an NHS number is never in an address, a browser's
history or a Referer). Each search is audited with the fields used and the number found, never
what was typed, except a reference (ADR 0028)."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for

from portal import audit
from portal.accounts import sessions
from portal.accounts.permissions import VIEW_SUBMISSIONS, permission
from portal.data.database import utcnow
from portal.errors import rerender_on_csrf_error
from portal.forms import csrf_error
from portal.routing.clock import LONDON
from portal.staff import bp
from portal.staff.forms import SearchForm
from portal.work_items import search as finding

# Where each part's error links to.
_PERSON_FIELD_IDS = {"date-of-birth": "dob-day"}


def submission_url(reference: str) -> str:
    return url_for("staff.submission", reference=reference)


@bp.route("/search", methods=["GET", "POST"])
@permission(VIEW_SUBMISSIONS)
@rerender_on_csrf_error
def search():
    user = sessions.signed_in_user()
    form = SearchForm()
    context: dict = {"form": form, "typed": {}, "reference": ""}
    if request.method == "POST":
        person = finding.read_person(request.form, utcnow().astimezone(LONDON).date())
        context.update(typed=person.typed, searched_person=True)
        if not form.validate_on_submit():
            # The session's form token had expired: show what was typed, search for nothing.
            return _page(context, {"name": csrf_error() or "Search again"}, "person")
        if person.errors:
            return _page(context, person.errors, "person")
        rows, total = finding.find_person(user, person.parts, utcnow())
        audit.record(
            "searched",
            actor=user.email,
            actor_id=user.id,
            detail={"by": "person", "fields": person.fields_used, "results": total},
        )
        context.update(rows=rows, total=total, shown=finding.RESULTS_SHOWN)
        return _page(context, {}, "person")
    if "reference" not in request.args:
        return _page(context, {}, None)
    typed = request.args.get("reference", "")
    context["reference"] = typed
    reference, problem = finding.read_reference(typed)
    if problem:
        return _page(context, {"reference": problem}, "reference")
    found = finding.find_reference(user, reference)
    audit.record(
        "searched",
        actor=user.email,
        actor_id=user.id,
        # A reference is not personal: it is kept, so an auditor can see what was looked for.
        detail={
            "by": "reference",
            "fields": ["reference"],
            "reference": reference,
            "results": 1 if found else 0,
        },
    )
    if found:
        return redirect(submission_url(found), 303)
    context["not_found"] = reference
    return _page(context, {}, "reference")


def _page(context: dict, errors: dict[str, str], searched: str | None):
    error_list = [
        {"text": message, "href": f"#{_PERSON_FIELD_IDS.get(name, name)}"}
        for name, message in errors.items()
    ]
    return render_template(
        "staff/search.html", errors=errors, error_list=error_list, searched=searched, **context
    )
