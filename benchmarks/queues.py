"""The staff workspace against 1,000,000 submissions and 5,000,000 audit rows in PostgreSQL.

Loads (bulk COPY) three years of a county's forms: each with its journey's example answers routed
as the portal routes them, who it is about (keyed hashes, a pool of people so some have several
forms), two or three events, its form's progress; a quarter as many forms started and left; 120
staff; and a hash-chained audit log. Nearly all the work is long closed, about three weeks'
intake open. Then:

1. The queries the queue views make, p50 and p95 over 300 runs each, with the EXPLAIN plan of
   each so the indexes are shown to be used (target p95 < 50 ms):
   the first page of a queue's new work in one locality by priority then due time; "My work";
   a locality's new work across every queue; the count of open work per queue and status; one
   submission by reference with its events newest first.
2. Signed-in requests over HTTP against gunicorn, from several clients at once: "Available
   work" filtered by locality, a submission's page (which writes its audit row), the
   dashboard for a quarter, and the audit log as an auditor reads it (newest first, and one
   week page by page); p50, p95 and requests a second (targets p95 < 100 ms, 100 ms, 500 ms,
   500 ms and 500 ms). By default as many clients as the machine has cores: the clients,
   gunicorn and PostgreSQL share those cores, so more clients than cores measures time spent
   queueing for a core rather than a request's own time (try --clients 4 on 2 cores).

    make bench      (starts a throwaway PostgreSQL)
    TEST_POSTGRES_URL=postgresql+psycopg://... .venv/bin/python benchmarks/queues.py \
        [--rows N] [--audit-rows N] [--requests N] [--clients N] [--workers N]

Everything happens in a database of its own (frontdoor_bench_queues), dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg
import pyotp

from benchmarks import queue_data, workspace_http
from benchmarks.pages import percentile
from benchmarks.queue_data import LOCALITIES, OPEN, QUEUES, STAFF, pick, scratch_database
from portal import create_app
from portal.accounts.teams import teams
from portal.accounts.users import create_user
from portal.config import load_settings
from portal.data import db
from portal.data.database import utcnow

QUERIES = {
    "first page of a queue's new work in a locality, by priority then due time": (
        "SELECT reference, priority, due_at, district, status, assignee FROM submission "
        "WHERE queue = %(queue)s AND status = 'new' AND locality = %(locality)s "
        "ORDER BY priority_rank, due_at LIMIT 25"
    ),
    "My work: one person's open work, by priority then due time": (
        "SELECT reference, queue, priority, due_at, status FROM submission "
        "WHERE assignee = %(assignee)s AND status = ANY(%(open)s) "
        "ORDER BY priority_rank, due_at LIMIT 25"
    ),
    "a locality's new work in every queue, by priority then due time": (
        "SELECT reference, queue, priority, due_at FROM submission "
        "WHERE locality = %(locality)s AND status = 'new' ORDER BY priority_rank, due_at LIMIT 25"
    ),
    "count of open work per queue and status": (
        "SELECT queue, status, count(*) FROM submission "
        "WHERE queue = ANY(%(queues)s) AND status = ANY(%(open)s) GROUP BY queue, status"
    ),
    "one submission by reference, with its events newest first": (
        "SELECT s.reference, s.status, e.at, e.kind, e.actor, e.from_value, e.to_value "
        "FROM submission s LEFT JOIN submission_event e ON e.submission_id = s.id "
        "WHERE s.reference = %(reference)s ORDER BY e.at DESC, e.id DESC"
    ),
}


def parameters(name: str, rng: random.Random, samples: list[str]) -> dict:
    return {
        "queue": pick(rng, QUEUES),
        "locality": rng.choice(list(LOCALITIES)),
        "queues": list(QUEUES),
        "open": list(OPEN),
        "reference": rng.choice(samples),
        "assignee": str(rng.randrange(1, STAFF + 1)),
    }


def measure(connection, samples: list[str], runs: int, rng: random.Random) -> bool:
    within = True
    with connection.cursor() as cursor:
        for name, sql in QUERIES.items():
            for _ in range(10):  # warm the cache as a working day would
                cursor.execute(sql, parameters(name, rng, samples)).fetchall()
            timings = []
            for _ in range(runs):
                values = parameters(name, rng, samples)
                started = time.perf_counter()
                cursor.execute(sql, values).fetchall()
                timings.append((time.perf_counter() - started) * 1000)
            p50, p95 = percentile(timings, 0.5), percentile(timings, 0.95)
            within &= p95 < 50
            print(
                f"\n{name}: p50 {p50:.2f} ms, p95 {p95:.2f} ms over {runs} runs "
                f"({'within' if p95 < 50 else 'OVER'} the 50 ms target)"
            )
            plan = cursor.execute(
                "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql, parameters(name, rng, samples)
            ).fetchall()
            for (line,) in plan:
                print(f"    {line}")
    return within


SECRET = "benchmark secret key: a throwaway database, never a real one"  # noqa: S105
BENCH_EMAIL = "head.of.service@bench.example"
AUDITOR_EMAIL = "information.governance@bench.example"


def load(app, plain_url: str, args, rng: random.Random) -> list[str]:
    """Everything the pages read, COPY'd in; returns open references to open."""
    print(f"Loading {args.rows:,} submissions and {args.audit_rows:,} audit rows:")
    with psycopg.connect(plain_url) as connection:
        with connection.cursor() as cursor:
            queue_data.load_definitions(cursor, app)
            queue_data.load_staff(cursor)
            samples = queue_data.load_submissions(cursor, app, args.rows, rng)
            queue_data.load_audit(cursor, args.audit_rows, args.rows, rng)
        connection.commit()
        started = time.perf_counter()
        connection.autocommit = True
        for table in ("submission", "submission_event", "submission_match", "form_progress"):
            connection.execute(f"VACUUM (FREEZE, ANALYZE) {table}")
        connection.execute("VACUUM (ANALYZE) audit_event")
        print(f"  vacuumed and analysed in {time.perf_counter() - started:.1f} s")
    return samples


def bench_account(app, email: str, name: str, roles: list[str], teams_: list[str]) -> str:
    """A staff account with an authenticator app; returns the secret it signs in with."""
    secret = pyotp.random_base32()
    with app.app_context():
        user = create_user(email, name, workspace_http.PASSWORD, roles, teams_, actor="benchmark")
        user.totp_secret = secret
        user.totp_confirmed_at = utcnow()
        db.session.commit()
    return secret


# An auditor's week of the log: the loaded log's last full week (it ends at queue_data.NOW,
# 1 June 2026).
_WEEK = "from-day=25&from-month=5&from-year=2026&to-day=31&to-month=5&to-year=2026"


def over_http(app, url: str, samples: list[str], args, rng: random.Random) -> bool:
    # A head of service (a team manager in every team) sees every queue and the dashboard; the
    # auditor reads the log.
    head = bench_account(app, BENCH_EMAIL, "Head of Service", ["team-manager"], list(teams()))
    auditor = bench_account(app, AUDITOR_EMAIL, "Information Governance", ["auditor"], [])
    server = workspace_http.Server(url, SECRET, args.workers)
    try:
        as_head = workspace_http.sign_in(server.url, BENCH_EMAIL, head)
        as_auditor = workspace_http.sign_in(server.url, AUDITOR_EMAIL, auditor)
        localities = list(LOCALITIES)
        pages = {
            "Available work, filtered by locality": (
                as_head,
                lambda n: f"/staff/available-work?locality={localities[n % len(localities)]}",
                100,
            ),
            "a submission's page (writes its audit row)": (
                as_head,
                lambda n: f"/staff/submissions/{samples[rng.randrange(len(samples))]}",
                100,
            ),
            "the dashboard for a quarter (1 January to 31 March 2026)": (
                as_head,
                lambda n: (
                    "/staff/dashboard?from-day=1&from-month=1&from-year=2026"
                    "&to-day=31&to-month=3&to-year=2026"
                ),
                500,
            ),
            "the audit log, newest first (checks its newest 5,000 links, writes its row)": (
                as_auditor,
                lambda n: "/staff/audit-log",
                500,
            ),
            "the audit log for one week, page by page": (
                as_auditor,
                lambda n: f"/staff/audit-log?{_WEEK}&page={n % 20 + 1}",
                500,
            ),
        }
        print(f"\nOver HTTP: gunicorn with {args.workers} workers on this machine's cores:")
        within = True
        for name, (signed_in, path_for, target) in pages.items():
            within &= workspace_http.measure(
                name,
                server.url,
                signed_in,
                path_for,
                requests_total=args.requests,
                clients=args.clients,
                target_ms=target,
            )
        return within
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--audit-rows", type=int, default=5_000_000)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2)
    args = parser.parse_args()
    with scratch_database("frontdoor_bench_queues") as url:
        bench = url.render_as_string(hide_password=False)
        rng = random.Random(2026)
        environ = {"FRONTDOOR_ENV": "test", "SECRET_KEY": SECRET, "DATABASE_URL": bench}
        app = create_app(load_settings(environ))
        plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
        with app.app_context():
            samples = load(app, plain, args, rng)
        with psycopg.connect(plain) as connection:
            within = measure(connection, samples, args.runs, rng)
        app.extensions["frontdoor.db"][0].dispose()
        within &= over_http(app, bench, samples, args, rng)
        app.extensions["frontdoor.db"][0].dispose()
    print("\nEvery figure within its target." if within else "\nSome figure is over its target.")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
