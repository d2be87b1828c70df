"""The queue views' and the search's own queries against 1,000,000 submissions in PostgreSQL.

benchmarks/queues.py measures hand-written SQL; this measures what a page of the workspace
actually asks (portal/work_items/queues.py and search.py, through SQLAlchemy): for each kind of
account, the counts of the three views and a page of a view with and without filters (its
count and its rows), then a reference looked up and a person searched for. It prints p50 and
p95 of the database work of one page request.

The submissions are benchmarks/queue_data.py's (three years of forms with their journeys'
example answers, routed as the portal routes them, and the keyed hashes of who each is about),
laid out as a live table is: rows in the order the forms came in, the newest 3% (about a
month's intake) still open (new, in progress or waiting). ``--scattered`` spreads the open
forms at random through the table instead (each on a page of its own: the worst case for
anything that reads open work from it).

    scripts/with-postgres.sh .venv/bin/python benchmarks/queue_views.py [--rows N] [--scattered]

Everything happens in a database of its own (frontdoor_bench_queue_views), dropped at the end.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg
from sqlalchemy import select

from benchmarks.pages import percentile
from benchmarks.queue_data import NOW, load_definitions, load_submissions, scratch_database
from portal import create_app
from portal.config import load_settings
from portal.data import db
from portal.data.journeys import Submission
from portal.work_items import people, queues, search
from portal.work_items.queue_filters import Filters

TARGET_MS = 100
ACCOUNTS = {
    "carers caseworker": SimpleNamespace(id="7", roles=("caseworker",), teams=("carers",)),
    "safeguarding practitioner": SimpleNamespace(
        id="8",
        roles=("safeguarding-practitioner",),
        teams=("central-safeguarding-triage",),
    ),
    "manager of every team": SimpleNamespace(
        id="9",
        roles=("team-manager",),
        teams=(
            "carers",
            "care-technology",
            "countywide-duty",
            "central-safeguarding-triage",
            "organisational-safeguarding",
        ),
    ),
}
FILTERS = [
    Filters(),
    Filters(locality="mid-essex"),
    Filters(priority=("urgent",), due="overdue"),
    Filters(queue="carers", district="chelmsford", due="this-week"),
    Filters(language="pl", channel="call-handler"),
    Filters(locality_check=True),
]


def one_request(view: str, user, filters: Filters, page: int) -> None:
    """The database work of one queue page: the views' counts, then the page and its count."""
    counts = queues.counts(user)
    queues.filter_options(view, user)
    total = None if filters.active else counts.of(view)
    queues.page_of(view, user, filters, page, NOW, total=total)


def load(app, plain_url: str, rows: int, scattered: bool, rng: random.Random) -> None:
    """COPY the submissions and what they need (their journeys' definitions), then vacuum and
    analyse what the pages read."""
    with psycopg.connect(plain_url) as connection:
        with connection.cursor() as cursor, app.app_context():
            load_definitions(cursor, app)
            load_submissions(cursor, app, rows, rng, open_newest=not scattered)
        connection.commit()
        connection.autocommit = True
        for table in ("submission", "submission_match"):
            connection.execute(f"VACUUM (FREEZE, ANALYZE) {table}")


def measure(app, runs: int, rng: random.Random) -> bool:
    within = True
    with app.app_context():
        samples = list(db.session.scalars(select(Submission.reference).limit(200)))
        person = {people.NHS_NUMBER: "9434765919"}
        for label, user in ACCOUNTS.items():
            views = [queues.MY_WORK, queues.AVAILABLE_WORK]
            if "manager" in label:
                views.append(queues.ALL_WORK)
            cases = [(view, filters) for view in views for filters in FILTERS]
            if "manager" in label:
                cases.append((queues.ALL_WORK, Filters(status=("closed",))))
            for view, filters in cases:
                timings = []
                for attempt in range(runs + 5):
                    page = rng.choice([1, 1, 1, 2, 3])
                    started = time.perf_counter()
                    one_request(view, user, filters, page)
                    if attempt >= 5:  # the first few warm the cache, as a working day would
                        timings.append((time.perf_counter() - started) * 1000)
                    db.session.rollback()
                p50, p95 = percentile(timings, 0.5), percentile(timings, 0.95)
                within &= p95 < TARGET_MS
                print(
                    f"{label:26} {view:15} {filters.for_audit()!s:55} "
                    f"p50 {p50:6.1f} ms  p95 {p95:6.1f} ms"
                )
            for name, action in (
                ("reference", lambda user=user: search.find_reference(user, rng.choice(samples))),
                ("person", lambda user=user: search.find_person(user, person, NOW)),
            ):
                timings = []
                for _ in range(runs):
                    started = time.perf_counter()
                    action()
                    timings.append((time.perf_counter() - started) * 1000)
                    db.session.rollback()
                p95 = percentile(timings, 0.95)
                within &= p95 < TARGET_MS
                print(f"{label:26} search by {name:61} p95 {p95:6.1f} ms")
    return within


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--scattered", action="store_true", help="open work spread at random")
    args = parser.parse_args()
    with scratch_database("frontdoor_bench_queue_views") as bench:
        rng = random.Random(2026)
        app = create_app(
            load_settings(
                {
                    "FRONTDOOR_ENV": "test",
                    "SECRET_KEY": "benchmark-secret-key-that-is-long-enough-for-the-checks",
                    "DATABASE_URL": bench.render_as_string(hide_password=False),
                }
            )
        )
        print(f"Loading {args.rows:,} submissions into PostgreSQL:")
        plain = bench.set(drivername="postgresql").render_as_string(hide_password=False)
        load(app, plain, args.rows, args.scattered, rng)
        within = measure(app, args.runs, rng)
        app.extensions["frontdoor.db"][0].dispose()
    print(f"\nEvery request within {TARGET_MS} ms at p95." if within else "\nSome are over.")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
