"""The staff workspace under /staff: sign-in, two-factor, sign-out and the start page.

English only (staff read every submission in English), never in the sitemap, never indexed and
never cached (portal/accounts sets the headers). Every route declares its permission with
``portal.accounts.permissions.permission`` (ADR 0025).
"""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from portal.staff import home, queues, search, sign_in  # noqa: E402, F401  (the routes register themselves)
