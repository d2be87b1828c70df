"""Drafts: answers saved on the server on every page, and coming back to them later.

A draft is found from the browser's session while someone is filling in the form, or, on any
device, from its reference and the secret code shown when they choose "Save and come back
later". Drafts are deleted 30 days after they were last saved.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select

from portal.data import db
from portal.data.database import utcnow
from portal.data.journeys import Draft
from portal.journeys import references
from portal.journeys.schema import Journey

DRAFT_DAYS = 30
MAX_FAILED_RESUMES = 10


def _hash(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def start(journey: Journey, locale: str, channel: str = "self-service") -> tuple[Draft, str]:
    """A new, empty draft and its secret code (the code is not stored, only its hash)."""
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
        created_at=now,
        updated_at=now,
        expires_at=now + timedelta(days=DRAFT_DAYS),
    )
    db.session.add(draft)
    db.session.flush()
    return draft, code


def get(draft_id: str | None) -> Draft | None:
    if not draft_id:
        return None
    draft = db.session.get(Draft, draft_id)
    if draft is None or draft.expires_at <= utcnow():
        return None
    return draft


def save(draft: Draft, answers: dict) -> None:
    """Store the answers (a new dict, so the JSON column sees the change)."""
    now = utcnow()
    draft.answers = dict(answers)
    draft.updated_at = now
    draft.expires_at = now + timedelta(days=DRAFT_DAYS)
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


def purge_expired() -> int:
    """Delete drafts past their expiry; returns how many."""
    result = db.session.execute(delete(Draft).where(Draft.expires_at <= utcnow()))
    db.session.commit()
    return result.rowcount or 0
