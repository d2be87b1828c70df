"""Realistic staff-workspace data for the benchmarks, bulk COPY'd into PostgreSQL.

A county's three years of forms: each submission carries the example answers of its journey
(forms/examples), the routing decision the portal makes for them, the journey definition it was
sent with, who reported it, the keyed hashes of who it is about (a pool of people, so some have
several forms), its events, and its form's progress; plus the staff who work them and an audit
log with a valid hash chain. The pages render these rows exactly as they would a real form's.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import psycopg
from sqlalchemy import URL, make_url

from portal.data import migrate
from portal.data.audit import GENESIS, row_hash
from portal.journeys import routing_rules
from portal.routing import decide
from portal.work_items.definitions import definition_hash
from portal.work_items.facts import facts
from portal.work_items.people import digest, person
from tests.journey_walker import example

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
    "ascc-duty": "care-technology-request",
    "central-safeguarding-triage": "safeguarding-alert",
    "organisational-safeguarding": "safeguarding-alert",
}
PREFIX = {"carers-assessment": "CAR", "care-technology-request": "TEC", "safeguarding-alert": "SAF"}
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)  # fixed: the figures never depend on the day
FIRST = NOW - timedelta(days=3 * 365)  # three years of forms
STAFF = 120  # accounts 1..120 work the queues; the benchmark's own signs in after them
PEOPLE = 700_000  # distinct people the forms are about: some have several forms
AUDIT_ACTIONS = {
    "submission-viewed": 0.55,
    "list-viewed": 0.25,
    "searched": 0.04,
    "signed-in": 0.05,
    "submission-assigned": 0.04,
    "note-added": 0.04,
    "outcome-recorded": 0.02,
    "submission-closed": 0.01,
}


@contextmanager
def scratch_database(name: str) -> Iterator[URL]:
    """A database of its own on TEST_POSTGRES_URL's server, migrated to the newest revision;
    dropped at the end, whoever is still connected to it."""
    base = os.environ.get("TEST_POSTGRES_URL")
    if not base:
        sys.exit("Set TEST_POSTGRES_URL, or run `make bench` or under scripts/with-postgres.sh.")
    url = make_url(base)
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        migrate.upgrade(url.set(database=name).render_as_string(hide_password=False))
        yield url.set(database=name)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pick(rng: random.Random, shares: dict):
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def reference(number: int, prefix: str) -> str:
    chars = []
    for _ in range(8):
        number, digit = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[digit])
    code = "".join(chars)
    return f"{prefix}-{code[:4]}-{code[4:]}"


@dataclass
class Template:
    """One journey's answers, decision and facts, shared by every row of that journey."""

    answers: str
    routing: dict
    definition_hash: str
    reported_by: str | None
    wishes_recorded: bool | None
    carer_identified: bool
    interpreter: str | None
    pages: list[str]
    person: dict[str, str]


def templates(app) -> dict[str, Template]:
    """Each journey's example answers routed as the portal routes them (needs an app context)."""
    found = {}
    for journey_id, journey in app.extensions["frontdoor.journeys"].items():
        answers = example(journey_id)
        decision = decide(journey_id, answers, NOW, places=journey.places, rules=routing_rules())
        known = facts(journey, answers)
        found[journey_id] = Template(
            answers=json.dumps(answers),
            routing=decision.as_json(),
            definition_hash=definition_hash(journey.definition),
            reported_by=known.reported_by,
            wishes_recorded=known.wishes_recorded,
            carer_identified=known.carer_identified,
            interpreter=known.interpreter,
            pages=[page.id for page in journey.pages],
            person=person(journey, answers),
        )
    return found


def load_definitions(cursor, app) -> None:
    for journey in app.extensions["frontdoor.journeys"].values():
        cursor.execute(
            "INSERT INTO journey_definition (hash, journey_id, version, definition, "
            "first_used_at) VALUES (%s, %s, %s, %s, %s)",
            (
                definition_hash(journey.definition),
                journey.id,
                journey.version,
                json.dumps(journey.definition, default=str),
                NOW - timedelta(days=1200),
            ),
        )


def load_staff(cursor) -> None:
    with cursor.copy(
        "COPY staff_user (id, email, display_name, failed_attempts, session_token, created_at) "
        "FROM STDIN"
    ) as copy:
        for number in range(1, STAFF + 1):
            copy.write_row(
                (number, f"worker{number}@bench.example", f"Worker {number}", 0, f"t{number}", NOW)
            )
    cursor.execute("SELECT setval('staff_user_id_seq', %s)", (STAFF,))


def load_submissions(
    cursor, app, rows: int, rng: random.Random, *, open_newest: bool = False
) -> list[str]:
    """COPY the submissions, their events, person hashes and progress; returns some open
    references to look up. The forms are in the order they came in; the open ones are spread
    at random through the table (each on a page of its own: the worst case for what reads open
    work), or with ``open_newest`` are the newest intake, at the table's end, as in a live table
    where work is closed in about the order it came."""
    shapes = templates(app)
    first_open = rows - round(rows * (1 - STATUSES["closed"]))
    open_shares = {status: STATUSES[status] for status in OPEN}
    samples: list[str] = []
    localities = list(LOCALITIES)
    started = time.perf_counter()
    matches: list[tuple[int, str, str]] = []
    with cursor.copy(
        "COPY submission (id, reference, journey_id, journey_version, locale, channel, "
        "submitted_at, answers, definition_hash, routing, queue, priority, priority_rank, "
        "due_at, district, locality, locality_check, flags, status, assignee, version, "
        "second_queue, outcome, closed_at, screened_at, reported_by, wishes_recorded, "
        "carer_identified, interpreter) FROM STDIN"
    ) as copy:
        for number in range(1, rows + 1):
            queue = pick(rng, QUEUES)
            journey = JOURNEY_OF[queue]
            shape = shapes[journey]
            priority = pick(rng, {k: v[1] for k, v in PRIORITIES.items()})
            locality = rng.choice(localities)
            district = rng.choice(LOCALITIES[locality])
            if not open_newest:
                status = pick(rng, STATUSES)
            else:
                status = "closed" if number <= first_open else pick(rng, open_shares)
            # Forms arrive in time order, as a table that is only appended to is laid out.
            submitted = (
                FIRST + (NOW - FIRST) * (number / rows) - timedelta(minutes=rng.randrange(0, 30))
            )
            due = submitted + timedelta(hours=rng.choice([24, 48, 72, 240]))
            if status != "closed":
                due = NOW + timedelta(hours=rng.randrange(-48, 24 * 14))
            assignee = str(rng.randrange(1, STAFF + 1)) if status != "new" else None
            screened = (
                None if status == "new" else submitted + timedelta(hours=rng.randrange(1, 60))
            )
            ref = reference(number * 7919, PREFIX[journey])
            if status != "closed" and len(samples) < 2000:
                samples.append(ref)
            routing = {**shape.routing, "queue": queue, "priority": priority}
            routing.update({"locality": locality, "district": district, "due_at": due.isoformat()})
            second = (
                "central-safeguarding-triage" if queue == "carers" and number % 40 == 0 else None
            )
            copy.write_row(
                (
                    number,
                    ref,
                    journey,
                    1,
                    rng.choice(["en", "en", "en", "en", "pl", "ur"]),
                    rng.choice(["self-service", "self-service", "self-service", "call-handler"]),
                    submitted,
                    shape.answers,
                    shape.definition_hash,
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
                    second,
                    "signposted" if status == "closed" else None,
                    submitted + timedelta(days=5) if status == "closed" else None,
                    screened,
                    shape.reported_by,
                    None if shape.wishes_recorded is None else rng.random() < 0.85,
                    shape.carer_identified if rng.random() < 0.5 else False,
                    shape.interpreter if rng.random() < 0.1 else None,
                )
            )
            who = rng.randrange(PEOPLE)  # person number: the same number, the same person
            matches.extend(
                (number, kind, digest(kind, f"{text} {who}")) for kind, text in shape.person.items()
            )
    cursor.execute("SELECT setval('submission_id_seq', %s)", (rows,))
    print(f"  {rows:,} submissions copied in {time.perf_counter() - started:.1f} s")
    _copy_matches(cursor, matches)
    _copy_events(cursor, rows, rng)
    _copy_progress(cursor, rows, shapes, rng)
    return samples


def _copy_matches(cursor, matches: list[tuple[int, str, str]]) -> None:
    started = time.perf_counter()
    with cursor.copy("COPY submission_match (submission_id, kind, digest) FROM STDIN") as copy:
        for row in matches:
            copy.write_row(row)
    print(f"  {len(matches):,} person hashes copied in {time.perf_counter() - started:.1f} s")


def _copy_events(cursor, rows: int, rng: random.Random) -> None:
    started = time.perf_counter()
    events = 0
    with cursor.copy(
        "COPY submission_event (submission_id, at, actor, kind, from_value, to_value, detail) "
        "FROM STDIN"
    ) as copy:
        for number in range(1, rows + 1):
            at = NOW - timedelta(days=rng.randrange(1, 900))
            copy.write_row((number, at, "self-service", "submitted", None, "carers", None))
            actor = str(rng.randrange(1, STAFF + 1))
            copy.write_row((number, at + timedelta(hours=2), actor, "assigned", None, actor, None))
            events += 2
            if rng.random() < 0.5:
                note = "Called and left no message, as asked."
                copy.write_row((number, at + timedelta(hours=3), actor, "note", None, None, note))
                events += 1
    print(f"  {events:,} events copied in {time.perf_counter() - started:.1f} s")


def _copy_progress(cursor, rows: int, shapes: dict[str, Template], rng: random.Random) -> None:
    """Each sent form's progress, and a quarter as many started and left part way."""
    started = time.perf_counter()
    cursor.execute(
        "INSERT INTO form_progress (reference, journey_id, channel, locale, started_at, "
        "furthest_page, furthest_position, submitted_at) SELECT reference, journey_id, channel, "
        "locale, submitted_at - interval '40 minutes', NULL, 40, submitted_at FROM submission"
    )
    with cursor.copy(
        "COPY form_progress (reference, journey_id, channel, locale, started_at, furthest_page, "
        "furthest_position) FROM STDIN"
    ) as copy:
        for number in range(rows // 4):
            journey = rng.choice(list(shapes))
            pages = shapes[journey].pages
            position = rng.randrange(1, len(pages) + 1)
            moment = FIRST + (NOW - FIRST) * (number / (rows // 4))
            ref = reference(10_000_000 + number, "DRF")
            row = (ref, journey, "self-service", "en", moment, pages[position - 1], position)
            copy.write_row(row)
    print(f"  {rows + rows // 4:,} form starts copied in {time.perf_counter() - started:.1f} s")


def load_audit(cursor, rows: int, submissions: int, rng: random.Random) -> None:
    """COPY an audit log with a valid hash chain (each row hashes the one before)."""
    started = time.perf_counter()
    previous = GENESIS
    step = timedelta(seconds=(3 * 365 * 24 * 3600) / rows)
    at = NOW - timedelta(days=3 * 365)
    with cursor.copy(
        "COPY audit_event (id, at, actor_id, actor, action, submission_id, request_id, "
        "client_address, detail, prev_hash, hash) FROM STDIN"
    ) as copy:
        for number in range(1, rows + 1):
            at += step
            action = pick(rng, AUDIT_ACTIONS)
            staff = rng.randrange(1, STAFF + 1)
            about = rng.randrange(1, submissions + 1) if "submission" in action else None
            detail = {"view": "available-work", "page": 1} if action == "list-viewed" else None
            row = SimpleNamespace(
                at=at,
                actor_id=staff,
                actor=f"worker{staff}@bench.example",
                action=action,
                submission_id=about,
                request_id=f"{number:032x}",
                client_address="10.0.0.7",
                detail=detail,
                prev_hash=previous,
            )
            row.hash = row_hash(row)
            copy.write_row(
                (
                    number,
                    at,
                    staff,
                    row.actor,
                    action,
                    about,
                    row.request_id,
                    row.client_address,
                    json.dumps(detail) if detail else None,
                    previous,
                    row.hash,
                )
            )
            previous = row.hash
    cursor.execute("SELECT setval('audit_event_id_seq', %s)", (rows,))
    print(f"  {rows:,} audit rows (hash-chained) copied in {time.perf_counter() - started:.1f} s")
