"""The WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi ...`."""

import sys

from portal import create_app
from portal.config import ConfigError

try:
    app = create_app()
except ConfigError as error:
    # A setting a person must fix: say which, in one message, without a traceback.
    sys.exit(f"Front Door cannot start: {error}")
