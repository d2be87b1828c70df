"""`flask --app wsgi ...` commands: database migrations, demo data and reports."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from portal.data import db, migrate
from portal.data.feedback import satisfaction_counts

db_cli = AppGroup("db", help="Create, migrate and check the database.")


def _url() -> str:
    return current_app.extensions["frontdoor.settings"].database_url


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: the newest), then bring the advice search index
    up to date, so that a deployment has built it before the first search."""
    from portal.content import library
    from portal.content.search import ensure_current

    migrate.upgrade(_url(), revision)
    click.echo(f"Database is at revision {migrate.current_revision(db.engine)}.")
    if revision == "head" and ensure_current(db.session, library()):
        click.echo("Advice search index: rebuilt for the current content.")


@db_cli.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Step the schema back to REVISION."""
    migrate.downgrade(_url(), revision)


@db_cli.command("revision")
@click.option("-m", "--message", required=True, help="What the migration does.")
def db_revision(message: str) -> None:
    """Write a new migration from the difference between the models and the database."""
    migrate.revision(_url(), message)


@db_cli.command("check")
def db_check() -> None:
    """Fail if the database is not at the newest migration or differs from the models."""
    current = migrate.current_revision(db.engine)
    head = migrate.head_revision()
    if current != head:
        click.echo(f"Database is at {current}, the newest migration is {head}.", err=True)
        sys.exit(1)
    differences = migrate.schema_differences(db.engine)
    if differences:
        click.echo("The models and the migrations differ:", err=True)
        for difference in differences:
            click.echo(f"  {difference}", err=True)
        sys.exit(1)
    click.echo(f"Database is at {head} and matches the models.")


@click.command("demo-data")
def demo_data() -> None:
    """Load the demonstration content (safe to run again: nothing is loaded twice)."""
    from portal.demo import load_demo_data

    for line in load_demo_data():
        click.echo(line)


@click.command("feedback-report")
def feedback_report() -> None:
    """Print how people rated the service, for the council's user-satisfaction measure."""
    counts = satisfaction_counts()
    total = sum(counts.values())
    for code, count in counts.items():
        share = f"{count / total:.0%}" if total else "-"
        click.echo(f"{code:<18} {count:>6} {share:>5}")
    click.echo(f"{'total':<18} {total:>6}")


directory_cli = AppGroup("directory", help="The local services directory.")


@directory_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def directory_import(path: Path) -> None:
    """Replace the directory with the services in an Open Referral UK 3.0 JSON file."""
    from portal.content import library
    from portal.oruk import OrukError, import_file

    topic_ids = {topic.id for topic in library().topics}
    try:
        count = import_file(path, topic_ids)
    except OrukError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Imported {count} services from {path.name}.")


@click.command("content-report")
@click.option(
    "--days", default=30, show_default=True, help="Also list pages due within this many days."
)
def content_report(days: int) -> None:
    """Advice pages past (or near) their review date, and pages readers found least useful."""
    from portal.content.report import report_lines

    for line in report_lines(days):
        click.echo(line)


@click.command("search-index")
def search_index() -> None:
    """Rebuild the advice search index now (it also rebuilds itself when content changes)."""
    from portal.content import library
    from portal.content.search import rebuild

    click.echo(f"Indexed {rebuild(db.session, library())} pages.")


@click.command("routing-preview")
@with_appcontext  # the app's journeys and routing, read from its FORMS_DIR
@click.argument("journey")
@click.argument("answers_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--received", help="When it was received (ISO 8601); default: now.")
def routing_preview(journey: str, answers_file: Path, received: str | None) -> None:
    """Print the routing decision for a journey's answers (question id -> answer code) as JSON.

    This is the function a real submission uses, so the preview is what the portal does.
    """
    from portal.journeys import all_journeys, routing_rules
    from portal.journeys.answer_files import AnswersFileError, load_answers
    from portal.routing import RoutingError, decide
    from portal.routing.clock import LONDON

    journeys = all_journeys()
    if journey not in journeys:
        raise click.ClickException(f"Unknown journey {journey!r}: one of {', '.join(journeys)}")
    try:
        when = datetime.fromisoformat(received) if received else datetime.now(UTC)
    except ValueError:
        raise click.ClickException("--received must be an ISO 8601 date and time") from None
    if when.tzinfo is None:
        raise click.ClickException("--received needs a time zone offset, like +00:00")
    try:
        # Relative dates in the file ("days_from_today") count from the day it was received.
        answers = load_answers(answers_file, when.astimezone(LONDON).date())
    except AnswersFileError as error:
        raise click.ClickException(str(error)) from None
    try:
        places = journeys[journey].places
        decision = decide(journey, answers, when, places=places, rules=routing_rules()).as_json()
    except RoutingError as error:
        raise click.ClickException(str(error)) from None
    click.echo(json.dumps(decision, indent=2, ensure_ascii=False))


postcodes_cli = AppGroup("postcodes", help="The postcode to council area table.")


@postcodes_cli.command("import-onspd")
@click.argument("onspd_csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the table (default: forms/postcodes.yaml).",
)
def postcodes_import_onspd(onspd_csv: Path, output: Path | None) -> None:
    """Rebuild the postcode table from an ONS Postcode Directory CSV (the full UK file)."""
    from portal.places.onspd import OnspdError, import_file
    from portal.places.postcodes import POSTCODES_FILE

    destination = output or POSTCODES_FILE
    try:
        table = import_file(onspd_csv, destination)
    except OnspdError as error:
        raise click.ClickException(str(error)) from None
    entries = table["postcodes"]
    sectors = [key for key in entries if " " in key]
    split = [key for key, councils in entries.items() if " " not in key and len(councils) > 1]
    still = [key for key in sectors if len(entries[key]) > 1]
    click.echo(
        f"Wrote {len(entries) - len(sectors)} postcode districts and {len(sectors)} sectors in "
        f"{', '.join(table['areas_in_scope'])} to {destination}; {len(split)} districts cross a "
        f"council boundary and {len(still)} sectors still do (their residents are asked)."
    )


outbox_cli = AppGroup("outbox", help="Messages waiting to be sent, and those that failed.")


@outbox_cli.command("send")
@click.option("--once", is_flag=True, help="Send what is due now, then stop.")
@click.option("--interval", default=15, show_default=True, help="Seconds between checks.")
def outbox_send(once: bool, interval: int) -> None:
    """Send due messages, retrying failures; runs until stopped unless --once.

    Any number of these may run at once against one PostgreSQL database (on SQLite, run one).
    While it runs it also deletes expired drafts once an hour, so a deployment that runs the
    worker needs no separate job for that.
    """
    import signal
    import time

    from portal.journeys.drafts import purge_expired
    from portal.notify import send_due
    from portal.notify.channels import senders_from_config

    senders = senders_from_config(current_app.config)
    if not once:
        # Stopped by a deployment: hand unsent claims back at once (portal/notify/worker.py).
        signal.signal(signal.SIGTERM, _stop)
    last_purge = None
    while True:
        counts = send_due(senders=senders)
        if any(counts.values()):
            click.echo(", ".join(f"{name}: {count}" for name, count in counts.items()))
        if last_purge is None or time.monotonic() - last_purge > 3600:
            deleted = purge_expired()
            last_purge = time.monotonic()
            if deleted:
                click.echo(f"Deleted {deleted} expired drafts.")
        if once:
            return
        time.sleep(interval)


def _stop(_signum, _frame) -> None:
    raise SystemExit(0)


@outbox_cli.command("failed")
def outbox_failed() -> None:
    """List the messages that failed for good: no address and no message text is shown."""
    from portal.notify.failed import failed_messages

    messages = failed_messages()
    if not messages:
        click.echo("No failed messages.")
        return
    rows = [
        (
            str(message.id),
            message.reference,
            message.purpose,
            message.channel,
            str(message.attempts),
            f"{message.claimed_at:%Y-%m-%d %H:%M} UTC" if message.claimed_at else "-",
            (message.last_error or "-").splitlines()[0][:100],
        )
        for message in messages
    ]
    heading = ("id", "reference", "purpose", "channel", "tries", "last tried", "last error")
    widths = [max(len(row[column]) for row in [heading, *rows]) for column in range(6)]
    for row in [heading, *rows]:
        padded = [cell.ljust(width) for cell, width in zip(row[:6], widths, strict=True)]
        click.echo("  ".join([*padded, row[6]]))
    click.echo(
        f"{_count(len(rows), 'failed message')}. Send again with "
        "`flask --app wsgi outbox retry ID...` or `--all`."
    )


@outbox_cli.command("retry")
@click.argument("ids", nargs=-1, type=int)
@click.option("--all", "every", is_flag=True, help="Every failed message.")
def outbox_retry(ids: tuple[int, ...], every: bool) -> None:
    """Send failed messages again (by id, from `outbox failed`), with a full set of tries."""
    from portal.notify.failed import retry

    if bool(ids) == every:
        raise click.UsageError("Give the ids of failed messages, or --all.")
    queued, refused = retry(None if every else ids)
    db.session.commit()
    for id_, why in refused.items():
        click.echo(f"Message {id_} {why}: left as it is.", err=True)
    listed = f": {', '.join(map(str, queued))}" if queued else ""
    click.echo(f"{_count(len(queued), 'message')} will be sent again{listed}.")
    if refused:
        sys.exit(1)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


@click.command("purge")
def purge() -> None:
    """Delete drafts that have expired (30 days after they were last saved)."""
    from portal.journeys.drafts import purge_expired

    click.echo(f"Deleted {purge_expired()} expired drafts.")


def register_cli(app: Flask) -> None:
    from portal.accounts.commands import audit_cli, users_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(audit_cli)
    app.cli.add_command(db_cli)
    app.cli.add_command(directory_cli)
    app.cli.add_command(content_report)
    app.cli.add_command(search_index)
    app.cli.add_command(routing_preview)
    app.cli.add_command(outbox_cli)
    app.cli.add_command(postcodes_cli)
    app.cli.add_command(purge)
    app.cli.add_command(demo_data)
    app.cli.add_command(feedback_report)
