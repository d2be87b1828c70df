"""What happens to a submission after it is sent: its routing decisions, its events, and the
journey definitions submissions were made with.

Events are append-only: the database itself refuses to change one (a trigger on both engines,
migration 0007), so the history staff and auditors read is the history that happened.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.data.database import Base, JSONDocument, UTCDateTime, utcnow


class JourneyDefinition(Base):
    """A journey file's content, kept once per content hash (SHA-256 of its canonical JSON)."""

    __tablename__ = "journey_definition"

    hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    journey_id: Mapped[str] = mapped_column(String(60))
    version: Mapped[int] = mapped_column(Integer)
    definition: Mapped[dict] = mapped_column(JSONDocument)
    first_used_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RoutingDecision(Base):
    """One routing decision: the first when the form was sent, then one for each re-route."""

    __tablename__ = "routing_decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"), index=True)
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # "routing" for the rules in forms/routing.yaml, otherwise the member of staff's id.
    decided_by: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    queue: Mapped[str | None] = mapped_column(String(60))
    priority: Mapped[str] = mapped_column(String(20))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The whole decision (clocks, reasons, flags, places) as routing made it.
    decision: Mapped[dict] = mapped_column(JSONDocument)


class SubmissionEvent(Base):
    """Something that happened to a submission: who, when, what, and from what to what."""

    __tablename__ = "submission_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A member of staff's id, or the door it came through ("resident", "routing").
    actor: Mapped[str] = mapped_column(String(100))
    # submitted, status, assigned, rerouted, priority, note, outcome, closed, reopened.
    kind: Mapped[str] = mapped_column(String(30))
    from_value: Mapped[str | None] = mapped_column(String(200))
    to_value: Mapped[str | None] = mapped_column(String(200))
    # A reason, or a note's text: staff-only, never copied into a message.
    detail: Mapped[str | None] = mapped_column(Text)


class SubmissionMatch(Base):
    """A keyed hash of one thing that says who a submission is about (an NHS number, a name,
    a date of birth, a postcode), so staff can find earlier forms about the same person
    without a second plain copy of those details (portal/work_items/people.py)."""

    __tablename__ = "submission_match"
    __table_args__ = (Index("ix_submission_match_kind_digest", "kind", "digest"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submission.id", ondelete="CASCADE"), index=True
    )
    # nhs-number, name, date-of-birth or postcode.
    kind: Mapped[str] = mapped_column(String(20))
    digest: Mapped[str] = mapped_column(String(64))
