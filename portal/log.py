"""Structured (JSON) logs with a request id, and never a form answer.

Only the method, the path without its query string, the status and the timing of a request are
logged: query strings and bodies can hold a person's details or a search for something private.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid

from flask import Flask, Response, g, has_request_context, request

# Ids from a load balancer are reused if they look like ids; anything else is replaced.
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
REQUEST_ID_HEADER = "X-Request-ID"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context() and "request_id" in g:
            entry["request_id"] = g.request_id
        for key in ("method", "path", "status", "duration_ms", "event"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class StderrHandler(logging.StreamHandler):
    """Writes to sys.stderr as it is at each write, so redirected or captured output works."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def request_id() -> str:
    return g.get("request_id", "")


def _start_request() -> None:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish_request(response: Response) -> Response:
    response.headers[REQUEST_ID_HEADER] = request_id()
    started = g.get("request_started")
    duration = round((time.perf_counter() - started) * 1000, 1) if started else None
    logging.getLogger("portal.request").info(
        "request",
        extra={
            "event": "request",
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": duration,
        },
    )
    return response


def configure_logging(app: Flask, level: str) -> None:
    handler = StderrHandler()
    handler.setFormatter(JsonFormatter())
    # app.logger is the "portal" logger, the parent of every module's logger here.
    app.logger.handlers[:] = [handler]
    app.logger.setLevel(level)
    app.logger.propagate = False
    app.before_request(_start_request)
    app.after_request(_finish_request)
