"""Signing in (email and password, then the authenticator app or a recovery code), setting the
app up on a first sign-in, signing out, and the idle timeout."""

from __future__ import annotations

import math
from datetime import datetime

from flask import current_app, jsonify, redirect, render_template, request, session, url_for

from portal.accounts import oidc, sessions
from portal.accounts import sign_in as checks
from portal.accounts import two_factor as factor
from portal.accounts.permissions import ANYONE, PASSWORD_CHECKED, USE_WORKSPACE, permission
from portal.data.database import utcnow
from portal.errors import rerender_on_csrf_error
from portal.extensions import limiter
from portal.i18n import clock_time
from portal.routing.clock import LONDON
from portal.staff import bp
from portal.staff.forms import CodeForm, RecoveryCodeForm, SignInForm, SignOutForm

# Where to go once signed in (a staff page only), kept in the session between the steps.
NEXT = "staff_next"
_NOTICE = "staff_notice"


def sign_in_limit() -> str:
    return current_app.extensions["frontdoor.settings"].staff_sign_in_rate_limit


def safe_next(value: str | None) -> str | None:
    """Only a staff page on this site: never another site, never a scheme-relative //host."""
    if value and value.startswith("/staff") and not value.startswith("//") and "\\" not in value:
        return value
    return None


def when(moment: datetime) -> str:
    local = moment.astimezone(LONDON)
    today = datetime.now(LONDON).date()
    time_text = clock_time(local.time(), "en")
    return time_text if local.date() == today else f"{time_text} on {local:%-d %B %Y}"


def _wait(until: datetime) -> str:
    seconds = max(1, math.ceil((until - utcnow()).total_seconds()))
    if seconds < 120:
        return f"{seconds} seconds"
    return f"{math.ceil(seconds / 60)} minutes"


def problem_message(outcome: checks.Outcome, wrong: str) -> str:
    """What to tell someone whose step failed, saying when they can try again."""
    if outcome.problem == "locked":
        return (
            f"Your account is locked because the wrong details were entered "
            f"{checks.LOCK_AFTER} times. Try again after {when(outcome.until)}, or ask an "
            "account administrator to unlock it."
        )
    if outcome.problem == "wait":
        return (
            "You have entered the wrong details several times. Wait "
            f"{_wait(outcome.until)} before you try again."
        )
    if outcome.problem == "disabled":
        return "Your account has been disabled. If you still need it, ask an account administrator."
    if outcome.until is not None:
        return f"{wrong}. Wait {_wait(outcome.until)} before you try again."
    return wrong


def _signed_in(user, method: str):
    target = session.get(NEXT) or url_for("staff.home")
    sessions.complete_sign_in(user, method)
    return redirect(target, 303)


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(sign_in_limit, methods=["POST"])
@permission(ANYONE)
@rerender_on_csrf_error
def sign_in():
    if sessions.signed_in_user() is not None:
        return redirect(safe_next(request.args.get("next")) or url_for("staff.home"))
    form = SignInForm()
    if form.validate_on_submit():
        outcome = checks.check_password(form.email.data, form.password.data)
        if outcome.user is not None:
            sessions.begin_second_factor(outcome.user)
            session[NEXT] = safe_next(request.args.get("next"))
            if outcome.user.has_two_factor:
                return redirect(url_for("staff.two_factor"), 303)
            return redirect(url_for("staff.set_up_two_factor"), 303)
        form.email.errors = [problem_message(outcome, "Enter a correct email address and password")]
    return render_template(
        "staff/sign_in.html",
        form=form,
        timed_out=request.args.get("reason") == "timed-out",
        provider_name=oidc.provider_name(),
        next_path=safe_next(request.args.get("next")),
    )


@bp.route("/sign-in/code", methods=["GET", "POST"])
@limiter.limit(sign_in_limit, methods=["POST"])
@permission(PASSWORD_CHECKED)
@rerender_on_csrf_error
def two_factor():
    user = sessions.pending_user()
    if not user.has_two_factor:
        return redirect(url_for("staff.set_up_two_factor"), 303)
    form = CodeForm()
    if form.validate_on_submit():
        outcome = checks.check_code(user, form.code.data)
        if outcome.user is not None:
            return _signed_in(user, "password and authenticator app")
        form.code.errors = [problem_message(outcome, "The code is not right or has expired")]
    return render_template("staff/two_factor.html", form=form)


@bp.route("/sign-in/recovery-code", methods=["GET", "POST"])
@limiter.limit(sign_in_limit, methods=["POST"])
@permission(PASSWORD_CHECKED)
@rerender_on_csrf_error
def recovery_code():
    user = sessions.pending_user()
    if not user.has_two_factor:
        return redirect(url_for("staff.set_up_two_factor"), 303)
    form = RecoveryCodeForm()
    if form.validate_on_submit():
        outcome = checks.check_recovery_code(user, form.code.data)
        if outcome.user is not None:
            left = factor.recovery_codes_left(user)
            response = _signed_in(user, "password and recovery code")
            session[_NOTICE] = {"recovery_codes_left": left}
            return response
        form.code.errors = [
            problem_message(outcome, "The recovery code is not right or has been used")
        ]
    return render_template("staff/recovery_code.html", form=form)


@bp.route("/sign-in/set-up-app", methods=["GET", "POST"])
@limiter.limit(sign_in_limit, methods=["POST"])
@permission(PASSWORD_CHECKED)
@rerender_on_csrf_error
def set_up_two_factor():
    """First sign-in: set up the authenticator app, confirm it with a code, get recovery codes."""
    user = sessions.pending_user()
    if user.has_two_factor:
        # Setting the app up again needs an administrator (`flask users reset-two-factor`):
        # otherwise a stolen password alone could replace the owner's app.
        return redirect(url_for("staff.two_factor"), 303)
    checks.start_enrolment(user)
    form = CodeForm()
    if form.validate_on_submit():
        outcome, codes = checks.finish_enrolment(user, form.code.data)
        if outcome.user is not None:
            sessions.complete_sign_in(user, "password and authenticator app (set up)")
            # Shown in this response only: the codes are kept as hashes and never shown again.
            return render_template("staff/recovery_codes.html", codes=codes)
        form.code.errors = [problem_message(outcome, "The code is not right or has expired")]
    return render_template(
        "staff/set_up_two_factor.html",
        form=form,
        qr_code=factor.qr_code_svg(user),
        secret=factor.grouped_secret(user.totp_secret),
    )


@bp.route("/sign-out", methods=["POST"])
@permission(ANYONE)
def sign_out():
    form = SignOutForm()
    if form.validate_on_submit():
        sessions.end_session("signed-out")
    return redirect(url_for("staff.signed_out"), 303)


@bp.route("/signed-out")
@permission(ANYONE)
def signed_out():
    return render_template(
        "staff/signed_out.html", timed_out=False, provider_name=oidc.provider_name()
    )


@bp.route("/keep-alive", methods=["POST"])
@permission(USE_WORKSPACE)
def keep_alive():
    """The timeout warning's "Stay signed in": passing the permission check renews the session."""
    return jsonify({"status": "ok"})


@bp.route("/session-ended")
@permission(ANYONE)
def session_ended():
    """Where the timeout warning goes when nobody answered it. Someone still active (in another
    tab, say) is sent back to the workspace rather than signed out by a link."""
    idle = sessions.idle_seconds()
    if sessions.current_user_signed_in() and idle is not None:
        if idle < sessions.IDLE_MINUTES * 60 - 60:
            return redirect(url_for("staff.home"))
        sessions.end_session("timed-out")
    return render_template(
        "staff/signed_out.html", timed_out=True, provider_name=oidc.provider_name()
    )
