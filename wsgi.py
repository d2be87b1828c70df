"""The WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi ...`."""

import gc
import sys

from portal import create_app
from portal.config import ConfigError

try:
    app = create_app()
except ConfigError as error:
    # A setting a person must fix: say which, in one message, without a traceback.
    sys.exit(f"Front Door cannot start: {error}")

# The app's start-up objects (journeys, content, templates, routing) live as long as the
# process: moved out of the garbage collector's sight, they are not walked again by every full
# collection, which otherwise paused a request for about 100 ms every 20 to 30 requests
# (ADR 0028, measured over a million forms).
gc.freeze()
