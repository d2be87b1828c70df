"""The staff workspace's queries against 1,000,000 submissions in PostgreSQL.

Loads a million submissions (bulk COPY) with a spread like a county's: nearly all long closed
and about three weeks' intake open (new, in progress or waiting); five queues, five localities,
twelve districts, one in ten urgent, due times over four months, the open work mostly assigned;
and two or three events each. Then
prints p50 and p95 for the queries the queue views make, and the EXPLAIN plan of each, so the
indexes are shown to be used:

  1. the first page of a queue's new work in one locality, by priority and then due time;
  2. "My work": one person's open work, in the same order;
  3. a locality's new work across every queue;
  4. the count of open work per queue and status (the numbers beside the queues);
  5. one submission, by reference, with its events newest first.

    make bench      (starts a throwaway PostgreSQL)
    TEST_POSTGRES_URL=postgresql+psycopg://... .venv/bin/python benchmarks/queues.py [--rows N]

Everything happens in a database of its own (frontdoor_bench_queues), dropped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg
from sqlalchemy import make_url

from benchmarks.pages import percentile
from portal.data import migrate

QUEUES = {  # share of the work
    "carers": 0.34,
    "care-technology": 0.22,
    "ascc-duty": 0.18,
    "central-safeguarding-triage": 0.22,
    "organisational-safeguarding": 0.04,
}
LOCALITIES = {
    "north-east-essex": ["colchester", "tendring"],
    "mid-essex": ["braintree", "chelmsford", "maldon"],
    "west-essex": ["epping-forest", "harlow", "uttlesford"],
    "basildon-and-brentwood": ["basildon", "brentwood"],
    "castle-point-and-rochford": ["castle-point", "rochford"],
}
# Three years of forms at about 900 a day, and two to three weeks' intake still open.
STATUSES = {"closed": 0.97, "new": 0.015, "in-progress": 0.01, "waiting": 0.005}
OPEN = ("new", "in-progress", "waiting")
PRIORITIES = {"urgent": (1, 0.10), "high": (2, 0.30), "standard": (3, 0.60)}
JOURNEY_OF = {
    "carers": "carers-assessment",
    "care-technology": "care-technology-request",
    "ascc-duty": "safeguarding-alert",
    "central-safeguarding-triage": "safeguarding-alert",
    "organisational-safeguarding": "safeguarding-alert",
}
PREFIX = {"carers-assessment": "CAR", "care-technology-request": "TEC", "safeguarding-alert": "SAF"}
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)  # fixed: the figures never depend on the day


def pick(rng: random.Random, shares: dict):
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def reference(number: int, prefix: str) -> str:
    chars = []
    for _ in range(8):
        number, digit = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[digit])
    code = "".join(chars)
    return f"{prefix}-{code[:4]}-{code[4:]}"


def load(connection, rows: int, rng: random.Random) -> list[str]:
    """COPY the submissions and their events; returns some references to look up."""
    samples: list[str] = []
    localities = list(LOCALITIES)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        with cursor.copy(
            "COPY submission (id, reference, journey_id, journey_version, locale, channel, "
            "submitted_at, answers, routing, queue, priority, priority_rank, due_at, district, "
            "locality, locality_check, flags, status, assignee, version) FROM STDIN"
        ) as copy:
            for number in range(1, rows + 1):
                queue = pick(rng, QUEUES)
                journey = JOURNEY_OF[queue]
                priority = pick(rng, {k: v[1] for k, v in PRIORITIES.items()})
                locality = rng.choice(localities)
                district = rng.choice(LOCALITIES[locality])
                status = pick(rng, STATUSES)
                submitted = NOW - timedelta(minutes=rng.randrange(0, 60 * 24 * 365 * 3))
                due = NOW + timedelta(hours=rng.randrange(-24 * 60, 24 * 60))
                assignee = f"staff-{rng.randrange(1, 120)}" if status != "new" else None
                ref = reference(number * 7919, PREFIX[journey])
                if number % (rows // 200 or 1) == 0:
                    samples.append(ref)
                answers = {"postcode": "CM1 1AA", "district": district, "notes": "x" * 200}
                routing = {"queue": queue, "priority": priority, "locality": locality}
                copy.write_row(
                    (
                        number,
                        ref,
                        journey,
                        3,
                        rng.choice(["en", "en", "en", "pl", "ur"]),
                        rng.choice(["self-service", "self-service", "call-handler", "provider"]),
                        submitted,
                        json.dumps(answers),
                        json.dumps(routing),
                        queue,
                        priority,
                        PRIORITIES[priority][0],
                        due,
                        district,
                        locality,
                        rng.random() < 0.02,
                        "[]",
                        status,
                        assignee,
                        1,
                    )
                )
        print(f"  {rows:,} submissions copied in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        events = 0
        with cursor.copy(
            "COPY submission_event (submission_id, at, actor, kind, from_value, to_value) "
            "FROM STDIN"
        ) as copy:
            for number in range(1, rows + 1):
                at = NOW - timedelta(days=rng.randrange(1, 900))
                copy.write_row((number, at, "self-service", "submitted", None, "queue"))
                for step in range(rng.randrange(1, 3)):
                    copy.write_row(
                        (
                            number,
                            at + timedelta(hours=step + 1),
                            "staff-7",
                            "status",
                            "new",
                            "in-progress",
                        )
                    )
                    events += 1
                events += 1
        cursor.execute("SELECT setval('submission_id_seq', %s)", (rows,))
        print(f"  {events:,} events copied in {time.perf_counter() - started:.1f} s")
    connection.commit()
    return samples


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
        "assignee": f"staff-{rng.randrange(1, 120)}",
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    base = os.environ.get("TEST_POSTGRES_URL")
    if not base:
        sys.exit("Set TEST_POSTGRES_URL, or run `make bench`, which starts a PostgreSQL server.")
    url = make_url(base)
    name = "frontdoor_bench_queues"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    bench = url.set(database=name)
    try:
        migrate.upgrade(bench.render_as_string(hide_password=False))
        rng = random.Random(2026)
        print(f"Loading {args.rows:,} submissions into PostgreSQL:")
        plain = bench.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(plain) as connection:
            samples = load(connection, args.rows, rng)
            started = time.perf_counter()
            connection.autocommit = True
            connection.execute("VACUUM (FREEZE, ANALYZE) submission")
            connection.execute("VACUUM (FREEZE, ANALYZE) submission_event")
            print(f"  vacuumed and analysed in {time.perf_counter() - started:.1f} s")
            within = measure(connection, samples, args.runs, rng)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
    print("\nEvery query within 50 ms at p95." if within else "\nSome query is over 50 ms at p95.")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
