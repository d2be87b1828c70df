"""Staff accounts: sign-in with a second factor, sessions, roles and the permission decorator.

The pages are in portal/staff (a blueprint); this package is the service they call, so the
workspace's later blueprints can declare permissions without importing another blueprint.
"""

from __future__ import annotations

from flask import Flask, Response, request

# Every staff page lives under this prefix (robots.txt and the headers below rely on it).
STAFF_PREFIX = "/staff"


def staff_headers(response: Response) -> Response:
    """Staff pages are never kept by a browser or a proxy, and never indexed."""
    path = request.path
    if path == STAFF_PREFIX or path.startswith(STAFF_PREFIX + "/"):
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def init_accounts(app: Flask) -> None:
    from portal.accounts.identity_groups import init_identity_groups
    from portal.accounts.oidc import init_oidc
    from portal.accounts.sessions import load_user
    from portal.accounts.teams import teams
    from portal.extensions import login_manager

    settings = app.extensions["frontdoor.settings"]

    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    # The permission decorator decides where to send someone; Flask-Login never redirects.
    login_manager.login_view = None
    app.after_request(staff_headers)
    teams()  # config/staff-teams.yaml: a mistake stops start-up
    # config/identity-groups.yaml too, even with no provider set, so a mistake is found before
    # the day the provider is switched on.
    init_identity_groups(app, settings.identity_groups_file, teams())
    init_oidc(app, settings)
