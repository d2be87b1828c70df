"""Drafts: answers saved on the server on every page, coming back to them later, sending them.

A draft is addressed by its reference. Who may open it is the door's business (the web pages:
the browser that started it, or came back to it on any device with its reference and the secret
code shown when they chose "Save and come back later"). Drafts are deleted 30 days after they
were last saved.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from collections.abc import Collection
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select

from portal.data import db
from portal.data.database import utcnow
from portal.data.journeys import Draft, Submission
from portal.journeys import references, starts
from portal.journeys.schema import Journey, Page
from portal.journeys.submit import NotReady, submission_for, submit

DRAFT_DAYS = 30
MAX_FAILED_RESUMES = 10


def _hash(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def start(
    journey: Journey,
    locale: str,
    channel: str = "self-service",
    created_by: str | None = None,
) -> tuple[Draft, str]:
    """A new, empty draft and its secret code (the code is not stored, only its hash).

    ``created_by`` is the member of staff starting it, or None for a resident."""
    code = references.new_code()
    now = utcnow()
    draft = Draft(
        id=str(uuid.uuid4()),
        reference=references.new_reference(journey.reference_prefix),
        journey_id=journey.id,
        journey_version=journey.version,
        secret_hash=_hash(code),
        answers={},
        locale=locale,
        channel=channel,
        created_by=created_by,
        created_at=now,
        updated_at=now,
        expires_at=now + timedelta(days=DRAFT_DAYS),
    )
    db.session.add(draft)
    starts.started(draft)
    db.session.flush()
    return draft, code


def by_reference(reference: str) -> Draft | None:
    """The unexpired draft with this reference, whoever may open it (the caller checks)."""
    draft = db.session.scalar(select(Draft).where(Draft.reference == reference))
    if draft is None or draft.expires_at <= utcnow():
        return None
    return draft


def unfinished(journey: Journey, among: Collection[str]) -> list[Draft]:
    """The unexpired drafts of a journey among these references, last saved first."""
    if not among:
        return []
    return list(
        db.session.scalars(
            select(Draft)
            .where(
                Draft.reference.in_(list(among)),
                Draft.journey_id == journey.id,
                Draft.expires_at > utcnow(),
            )
            .order_by(Draft.updated_at.desc())
        )
    )


def save(
    draft: Draft, answers: dict, journey: Journey | None = None, page: Page | None = None
) -> None:
    """Store the answers (a new dict, so the JSON column sees the change); given the page they
    were answered on, note how far into the journey the person has got."""
    now = utcnow()
    draft.answers = dict(answers)
    draft.updated_at = now
    draft.expires_at = now + timedelta(days=DRAFT_DAYS)
    if journey is not None and page is not None:
        starts.reached(draft, journey, page)
    db.session.flush()


def new_code(draft: Draft) -> str:
    """A fresh secret code for a draft (shown once on the "come back later" page)."""
    code = references.new_code()
    draft.secret_hash = _hash(code)
    draft.failed_resumes = 0
    db.session.flush()
    return code


def resume(reference: str, code: str) -> Draft | None:
    """The draft for a reference and code, or None (a wrong code counts against the draft)."""
    reference = references.normalise(reference)
    if not references.is_valid(reference):
        return None
    draft = db.session.scalar(select(Draft).where(Draft.reference == reference))
    if draft is None or draft.expires_at <= utcnow():
        return None
    if draft.failed_resumes >= MAX_FAILED_RESUMES:
        return None
    if not hmac.compare_digest(draft.secret_hash, _hash(references.normalise_code(code))):
        draft.failed_resumes += 1
        db.session.flush()
        return None
    draft.failed_resumes = 0
    db.session.flush()
    return draft


def send(
    journey: Journey, draft: Draft, *, actor: str | None, received: datetime | None = None
) -> Submission:
    """Send a draft's answers (``submit``); returns its submission, the first one if it was
    already sent. Raises NotReady, with nothing changed, if it cannot be sent.

    The draft is locked while it is sent and deleted in the transaction that writes the
    submission, so two requests sending it at once make one submission: the one that waited
    finds the draft gone and its reference already sent.
    """
    draft_id, reference = draft.id, draft.reference
    existing = submission_for(reference)
    if existing is not None:
        return existing
    locked = db.session.get(Draft, draft_id, with_for_update=True)
    if locked is None:
        # Sent by a request that finished first, or expired: the reference says which.
        db.session.rollback()
        existing = submission_for(reference)
        if existing is None:
            raise NotReady("This form has expired or was not found")
        return existing
    submission = submit(
        journey,
        dict(locked.answers),
        channel=locked.channel,
        actor=actor,
        locale=locked.locale,
        received=received or utcnow(),
        reference=reference,
    )
    # A statement, not session.delete: if another request sent it first (on SQLite, which has
    # no row locks), the draft is already gone and there is nothing to delete.
    db.session.execute(delete(Draft).where(Draft.id == draft_id))
    return submission


def purge_expired() -> int:
    """Delete drafts past their expiry; returns how many."""
    result = db.session.execute(delete(Draft).where(Draft.expires_at <= utcnow()))
    db.session.commit()
    return result.rowcount or 0
