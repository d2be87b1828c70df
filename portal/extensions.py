"""Flask extensions, created unbound here and attached to the app in create_app."""

from flask import current_app, has_request_context
from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect

babel = Babel()
csrf = CSRFProtect()
compress = Compress()
# Staff sign-in (portal/accounts): the user loader and session checks are set in init_accounts.
login_manager = LoginManager()


def signed_in_user_id() -> str | None:
    """The account id of the member of staff signed in to this request, or None (a resident,
    or work outside a request)."""
    if not has_request_context() or getattr(current_app, "login_manager", None) is None:
        return None
    if not current_user or not current_user.is_authenticated:
        return None
    return str(current_user.get_id())


def rate_limit_key() -> str:
    """Whose allowance a request uses: the signed-in member of staff's own, since a call centre
    sits behind one address, otherwise the client address."""
    user = signed_in_user_id()
    # "user:" keeps an account id from ever being read as an address, or the other way round.
    return f"user:{user}" if user is not None else get_remote_address()


# No default limit: reading advice must never be throttled, however many residents share one
# address. Limits are declared on the routes that write (submissions, feedback, sign-in).
limiter = Limiter(key_func=rate_limit_key, default_limits=[])


def submission_limit() -> str:
    """The limit on sending anything a person writes (a form, feedback, a comment): one setting,
    shared by every blueprint that takes writing, so none imports another's."""
    return current_app.extensions["frontdoor.settings"].submission_rate_limit
