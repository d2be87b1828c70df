"""Signing in through the council's identity provider (OpenID Connect, ADR 0032): a link to
the provider, and the page it sends people back to. Both exist only when OIDC_ISSUER is set.

The way out is a 302 to the provider, not a form posted to it: the Content-Security-Policy's
form-action 'self' would block a form's redirect to another origin.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, session, url_for

from portal import audit
from portal.accounts import oidc, sessions
from portal.accounts.identity import sign_in_with_identity
from portal.accounts.permissions import ANYONE, permission
from portal.data import db
from portal.extensions import limiter
from portal.staff import bp
from portal.staff.sign_in import NEXT, safe_next, sign_in_limit, when


def _problem_page(problem: str, status: int, until=None):
    if status == 502:
        # The page is deliberate and the audit row saying why must be kept (ADR 0018 would
        # roll back a 5xx).
        db.keep_work_despite_status()
    page = render_template(
        "staff/sign_in_problem.html",
        problem=problem,
        until=when(until) if until is not None else None,
        provider_name=oidc.provider_name(),
    )
    return page, status


def _provider_failed(failure: oidc.ProviderProblem):
    audit.record("sign-in-failed", actor="unknown", detail={"reason": failure.reason})
    return _problem_page(failure.problem, failure.status)


@bp.route("/sign-in/provider")
@permission(ANYONE)
def sign_in_provider():
    if oidc.provider_name() is None:
        abort(404)
    if sessions.signed_in_user() is not None:
        return redirect(safe_next(request.args.get("next")) or url_for("staff.home"))
    try:
        target = oidc.authorization_url(url_for("staff.sign_in_callback", _external=True))
    except oidc.ProviderProblem as failure:
        return _provider_failed(failure)
    session[NEXT] = safe_next(request.args.get("next"))
    return redirect(target, 302)


@bp.route("/sign-in/callback")
@limiter.limit(sign_in_limit)
@permission(ANYONE)
def sign_in_callback():
    """Where the provider sends people back, with a code to exchange (or an error)."""
    if oidc.provider_name() is None:
        abort(404)
    try:
        identity = oidc.verified_identity()
    except oidc.ProviderProblem as failure:
        return _provider_failed(failure)
    target = session.get(NEXT) or url_for("staff.home")
    outcome = sign_in_with_identity(identity)
    if outcome.user is None:
        return _problem_page(outcome.problem, 403, outcome.until)
    return redirect(target, 303)
