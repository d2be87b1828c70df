"""Complete submissions over HTTP against gunicorn with PostgreSQL.

Each simulated resident starts the care technology request, answers every page from
forms/examples, checks their answers and sends the form, all over real HTTP with cookies, as a
browser does. Prints submissions per second, the p50 and p95 time for one whole submission and
for one page, and checks that every confirmed reference is in the database exactly once.

    make bench      (starts a throwaway PostgreSQL)
    TEST_POSTGRES_URL=postgresql+psycopg://... .venv/bin/python benchmarks/submit.py
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import secrets
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text

from benchmarks.pages import Server, percentile, wait_until_up
from portal.data import migrate
from portal.journeys.schema import load_journeys
from tests.journey_walker import example, walk


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Response:
    def __init__(self, status: int, headers, body: bytes, path: str) -> None:
        self.status_code = status
        self.headers = headers
        self._body = body
        self.request = type("Request", (), {"path": path})()

    def get_data(self, as_text: bool = False):
        return self._body.decode("utf-8") if as_text else self._body


class HttpClient:
    """Just enough of Flask's test client, over real HTTP, for the journey walker."""

    def __init__(self, base: str, timings: list[float]) -> None:
        self.base = base
        self.timings = timings
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirects()
        )

    def _open(self, request: urllib.request.Request, path: str) -> Response:
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=30) as reply:
                response = Response(reply.status, reply.headers, reply.read(), path)
        except urllib.error.HTTPError as reply:  # 3xx and 4xx arrive here without following
            response = Response(reply.code, reply.headers, reply.read(), path)
        self.timings.append(time.perf_counter() - started)
        return response

    def get(self, path: str) -> Response:
        return self._open(urllib.request.Request(self.base + path), path.split("?")[0])

    def post(self, path: str, data) -> Response:
        items = (
            data.items(multi=True)
            if hasattr(data, "items") and hasattr(data, "getlist")
            else data.items()
        )
        body = urllib.parse.urlencode(list(items)).encode()
        request = urllib.request.Request(self.base + path, data=body, method="POST")
        return self._open(request, path.split("?")[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=8, help="people sending at once")
    parser.add_argument("--each", type=int, default=5, help="forms each person sends")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    args = parser.parse_args()
    database = os.environ.get("TEST_POSTGRES_URL")
    if not database:
        sys.exit("Set TEST_POSTGRES_URL, or run `make bench`, which starts a PostgreSQL server.")

    from tests.conftest import reset_postgres

    reset_postgres(database)
    env = {
        **os.environ,
        # Plain HTTP on this machine: production's Secure cookies would never come back.
        "FRONTDOOR_ENV": "test",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": database,
        "LOG_LEVEL": "WARNING",
        # One machine plays every resident, from one address: the limits would stop it.
        "SUBMISSION_RATE_LIMIT": "100000 per minute",
        "PAGE_SAVE_RATE_LIMIT": "100000 per minute",
    }
    migrate.upgrade(database)
    server = Server("wsgi:app", args.workers, env, ROOT)
    port = server.port
    journey = load_journeys()["care-technology-request"]
    answers = example("care-technology-request")
    confirmed: list[str] = []
    whole: list[float] = []
    pages: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def resident() -> None:
        for _ in range(args.each):
            timings: list[float] = []
            client = HttpClient(f"http://127.0.0.1:{port}", timings)
            started = time.perf_counter()
            try:
                sent = walk(client, journey, answers)
                reference = re.search(
                    r"<strong>([A-Z]{3}-[A-Z0-9]{4}-[A-Z0-9]{4})</strong>",
                    sent.get_data(as_text=True),
                ).group(1)
            except Exception as error:  # counted and reported, never hidden
                with lock:
                    errors.append(f"{type(error).__name__}: {str(error)[:200]}")
                continue
            with lock:
                confirmed.append(reference)
                whole.append(time.perf_counter() - started)
                pages.extend(timings)

    try:
        wait_until_up(port, "/healthz")
        threads = [threading.Thread(target=resident) for _ in range(args.residents)]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
    finally:
        server.stop()

    engine = create_engine(database)
    with engine.connect() as connection:
        stored = [row[0] for row in connection.execute(text("SELECT reference FROM submission"))]
    engine.dispose()

    def p(values: list[float], share: float) -> float:
        return percentile(values, share) * 1000

    requests_each = len(pages) / max(len(confirmed), 1)
    print(
        f"Care technology request over HTTP: gunicorn ({args.workers} sync workers) and "
        f"PostgreSQL, {args.residents} residents at once, {args.each} forms each, "
        f"{requests_each:.0f} requests per form."
    )
    print(
        f"  confirmed submissions   {len(confirmed)} in {elapsed:.1f} s "
        f"= {len(confirmed) / elapsed:.1f} submissions per second"
    )
    if whole:
        print(f"  one whole submission    p50 {p(whole, 0.5):.0f} ms, p95 {p(whole, 0.95):.0f} ms")
        print(f"  one page (HTTP request) p50 {p(pages, 0.5):.1f} ms, p95 {p(pages, 0.95):.1f} ms")
    print(f"  errors                  {len(errors)}")
    for error in errors[:5]:
        print(f"    {error}")
    duplicates = len(stored) - len(set(stored))
    missing = sorted(set(confirmed) - set(stored))
    print(
        f"  count check             {len(stored)} rows in the database for {len(confirmed)} "
        f"confirmed references; missing {len(missing)}, duplicated {duplicates}: "
        + ("OK" if not missing and not duplicates and len(stored) == len(confirmed) else "FAILED")
    )
    if missing or duplicates or errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
