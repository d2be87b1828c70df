"""The journey definition each submission was made with, kept once per content hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from portal.data import db
from portal.data.journeys import Submission
from portal.data.work import JourneyDefinition
from portal.journeys.schema import Journey, journey_from_definition


def definition_hash(definition: dict) -> str:
    """SHA-256 of the definition as canonical JSON: the same content always has the same hash,
    whatever the YAML's key order, comments or layout."""
    canonical = json.dumps(definition, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def keep_definition(journey: Journey) -> str:
    """Store the journey's definition unless it is stored already; returns its hash.

    Two forms sent at the same moment may both try: the insert does nothing when the row exists,
    on both engines, so neither fails.
    """
    digest = definition_hash(journey.definition)
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(JourneyDefinition)
        .values(
            hash=digest,
            journey_id=journey.id,
            version=journey.version,
            # Through JSON, so dates in the YAML are stored as the same text on both engines.
            definition=json.loads(json.dumps(journey.definition, default=str)),
        )
        .on_conflict_do_nothing(index_elements=["hash"])
    )
    db.session.execute(statement)
    return digest


def stored_definition(digest: str) -> dict | None:
    row = db.session.get(JourneyDefinition, digest)
    return row.definition if row else None


def journey_as_sent(submission: Submission, current: Mapping[str, Journey]) -> Journey | None:
    """The journey exactly as the person who sent ``submission`` saw it: the loaded one when its
    file has not changed since, otherwise rebuilt from the definition kept with it. Submissions
    sent before definitions were kept (migration 0007) are shown with the current journey."""
    journey = current.get(submission.journey_id)
    if submission.definition_hash is None:
        return journey
    if journey is not None and definition_hash(journey.definition) == submission.definition_hash:
        return journey
    definition = stored_definition(submission.definition_hash)
    return journey_from_definition(definition) if definition is not None else journey
