"""The staff workspace under /staff: sign-in (local, or through the council's identity provider),
two-factor, sign-out and the start page.

English only (staff read every submission in English), never in the sitemap, never indexed and
never cached (portal/accounts sets the headers). Every route declares its permission with
``portal.accounts.permissions.permission`` (ADR 0025).
"""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from portal.staff import (  # noqa: E402, F401  (the routes register themselves)
    audit_log,
    audit_trails,
    dashboard,
    home,
    queues,
    search,
    sign_in,
    sign_in_provider,
    submission,
    submission_action_pages,
    submission_actions,
)
