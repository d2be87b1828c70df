"""Signed-in requests to the staff workspace over HTTP, against gunicorn on PostgreSQL.

Starts gunicorn on the benchmark's database, signs a team manager in through the real sign-in
pages (password, then the authenticator code), then sends requests from several clients at once
and prints p50, p95 and requests per second for each page.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyotp
import requests

from benchmarks.pages import free_port, gunicorn_command, percentile, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
_TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
PASSWORD = "benchmark staff password"  # noqa: S105 - a throwaway account in a throwaway database


class Server:
    """gunicorn serving the portal on the benchmark's database, stopped on exit."""

    def __init__(self, database_url: str, secret: str, workers: int):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environ = {
            **os.environ,
            # Development: cookies without Secure, so plain http on the loopback carries them.
            "FRONTDOOR_ENV": "development",
            "DATABASE_URL": database_url,
            "SECRET_KEY": secret,
            "LOG_LEVEL": "WARNING",
            "STAFF_SIGN_IN_RATE_LIMIT": "1000 per minute",
        }
        command = gunicorn_command(self.port, workers, "wsgi:app")
        self.process = subprocess.Popen(command, cwd=ROOT, env=environ)
        try:  # each worker loads the journeys and content first
            wait_until_up(self.port, "/healthz", timeout=120)
        except RuntimeError:
            self.stop()
            sys.exit("gunicorn did not start within two minutes")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _token(html: str) -> str:
    return _TOKEN.search(html).group(1)


def sign_in(base: str, email: str, secret: str) -> requests.Session:
    """Sign in through the pages, as a person does; the session carries the cookie."""
    session = requests.Session()
    page = session.get(f"{base}/staff/sign-in")
    response = session.post(
        f"{base}/staff/sign-in",
        data={"csrf_token": _token(page.text), "email": email, "password": PASSWORD},
        allow_redirects=False,
    )
    if response.status_code != 303:
        sys.exit(f"sign-in refused the password ({response.status_code})")
    page = session.get(f"{base}/staff/sign-in/code")
    response = session.post(
        f"{base}/staff/sign-in/code",
        data={"csrf_token": _token(page.text), "code": pyotp.TOTP(secret).now()},
        allow_redirects=False,
    )
    if response.status_code != 303:
        sys.exit(f"sign-in refused the code ({response.status_code})")
    return session


def measure(
    name: str,
    base: str,
    signed_in: requests.Session,
    path_for: Callable[[int], str],
    *,
    requests_total: int,
    clients: int,
    target_ms: float,
) -> bool:
    """Send ``requests_total`` GETs from ``clients`` clients at once; print the figures."""
    cookies = signed_in.cookies.get_dict()

    def one(number: int) -> tuple[float, int]:
        session = local_session(cookies)
        started = time.perf_counter()
        response = session.get(base + path_for(number), allow_redirects=False)
        return (time.perf_counter() - started) * 1000, response.status_code

    for number in range(clients * 2):  # warm each worker's caches
        one(number)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(one, range(requests_total)))
    elapsed = time.perf_counter() - started
    timings = [ms for ms, _ in results]
    failures = [status for _, status in results if status != 200]
    p50, p95 = percentile(timings, 0.5), percentile(timings, 0.95)
    within = p95 < target_ms and not failures
    print(
        f"\n{name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, {requests_total / elapsed:.1f} requests "
        f"a second ({requests_total} requests, {clients} clients at once, "
        f"{len(failures)} not 200) ({'within' if within else 'OVER'} the {target_ms:.0f} ms "
        "target)"
    )
    return within


_SESSIONS: dict[tuple[int, tuple], requests.Session] = {}


def local_session(cookies: dict) -> requests.Session:
    """One requests session per client thread and signed-in person (a Session is not shared
    between threads, and each person's pages go with their own cookie)."""
    key = (threading.get_ident(), tuple(sorted(cookies.items())))
    if key not in _SESSIONS:
        session = requests.Session()
        session.cookies.update(cookies)
        _SESSIONS[key] = session
    return _SESSIONS[key]
