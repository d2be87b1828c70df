"""Flask extensions, created unbound here and attached to the app in create_app."""

from flask import current_app
from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

babel = Babel()
csrf = CSRFProtect()
compress = Compress()
# Staff sign-in (portal/accounts): the user loader and session checks are set in init_accounts.
login_manager = LoginManager()
# No default limit: reading advice must never be throttled, however many residents share one
# address. Limits are declared on the routes that write (submissions, feedback, sign-in).
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def submission_limit() -> str:
    """The limit on sending anything a person writes (a form, feedback, a comment): one setting,
    shared by every blueprint that takes writing, so none imports another's."""
    return current_app.extensions["frontdoor.settings"].submission_rate_limit
