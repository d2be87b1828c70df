"""Drafts, submissions and the outbox of messages about them.

A draft holds the answers while someone fills in a form (deleted 30 days after it was last
saved). A submission is written, with its routing decision and any acknowledgement message, in
one transaction before the confirmation page is shown; its reference is unique, so sending the
same draft twice can never make two submissions, and the outbox holds at most one
acknowledgement per reference. A saved form's link may be emailed again (each email carries a new
code, so only the newest link works).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.database import Base, JSONDocument, UTCDateTime, utcnow


class Draft(Base):
    __tablename__ = "draft"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    journey_id: Mapped[str] = mapped_column(String(60))
    journey_version: Mapped[int] = mapped_column(Integer)
    # HMAC of the resume code: the code itself is only ever shown to the person, once.
    secret_hash: Mapped[str] = mapped_column(String(64))
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    locale: Mapped[str] = mapped_column(String(10))
    # The door it was started at, and who started it: a member of staff's account id, or nobody
    # for a resident (anonymous; the draft is theirs through its secret code).
    channel: Mapped[str] = mapped_column(String(20), default="self-service")
    created_by: Mapped[str | None] = mapped_column(String(100), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    failed_resumes: Mapped[int] = mapped_column(Integer, default=0)


class Submission(Base):
    """A sent form, and the work item staff pick up: see portal/work_items for the changes to it."""

    __tablename__ = "submission"
    # What the queue views filter and order by (EXPLAIN in benchmarks/queues.py shows them used).
    __table_args__ = (
        Index("ix_submission_queue_status_rank_due", "queue", "status", "priority_rank", "due_at"),
        Index("ix_submission_locality_status", "locality", "status"),
        Index("ix_submission_assignee_status", "assignee", "status"),
        # The counts of open work per queue: read from this index alone, never the table.
        Index("ix_submission_status_queue", "status", "queue"),
        # The second team's lists.
        Index("ix_submission_second_queue_status", "second_queue", "status"),
        # The dashboard: a form's submissions in a period.
        Index("ix_submission_journey_submitted", "journey_id", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    journey_id: Mapped[str] = mapped_column(String(60), index=True)
    journey_version: Mapped[int] = mapped_column(Integer)
    locale: Mapped[str] = mapped_column(String(10))
    channel: Mapped[str] = mapped_column(String(20))
    # Who sent it: a member of staff's account id, or nobody for a resident.
    submitted_by: Mapped[str | None] = mapped_column(String(100))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Answers keyed by question id, with codes for choices, so staff read them in English.
    answers: Mapped[dict] = mapped_column(JSONDocument)
    # The journey file exactly as it was when this was sent (journey_definition), so it is always
    # shown with the questions it was asked, whatever the YAML says now.
    definition_hash: Mapped[str | None] = mapped_column(
        String(64), ForeignKey("journey_definition.hash")
    )
    # The current routing decision; every decision, the first and each re-route, is kept in
    # routing_decision.
    routing: Mapped[dict] = mapped_column(JSONDocument)
    queue: Mapped[str | None] = mapped_column(String(60), index=True)
    priority: Mapped[str] = mapped_column(String(20))
    # 1 is the most urgent: queues order by it, then by due time.
    priority_rank: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    district: Mapped[str | None] = mapped_column(String(40))
    locality: Mapped[str | None] = mapped_column(String(40))
    locality_check: Mapped[bool] = mapped_column(Boolean, default=False)
    flags: Mapped[list] = mapped_column(JSON, default=list)
    # An id from config/work-statuses.yaml.
    status: Mapped[str] = mapped_column(String(30))
    # The member of staff who has it (their account id), or nobody.
    assignee: Mapped[str | None] = mapped_column(String(100))
    # Optimistic locking: an update made from a stale copy changes no row and fails.
    version: Mapped[int] = mapped_column(Integer)
    # Another team's queue that must see it too (a carer who does not feel safe); it shows in
    # that team's lists as well, and the routing decision says why.
    second_queue: Mapped[str | None] = mapped_column(String(60))
    # An outcome id from config/work-outcomes.yaml, once one is recorded.
    outcome: Mapped[str | None] = mapped_column(String(60))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The first time a member of staff acted on it (assigned, noted, moved on): screened.
    screened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # What the council counts (BRIEF §8), read from the answers when it is sent, as each
    # journey's `work` block declares: who reported it (an option code), whether the adult's
    # wishes were recorded (None where the form does not ask), whether a carer was identified.
    reported_by: Mapped[str | None] = mapped_column(String(40))
    wishes_recorded: Mapped[bool | None] = mapped_column(Boolean)
    carer_identified: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The language code of an interpreter the person needs ("other" for one typed in), or none.
    interpreter: Mapped[str | None] = mapped_column(String(20))

    __mapper_args__ = {"version_id_col": version}


ONE_ACKNOWLEDGEMENT = "purpose = 'acknowledgement'"


class OutboxMessage(Base):
    """A message to send, written in the same transaction as what it is about.

    It keeps what it is about (reference, purpose, channel, the submission) and not its words:
    the text and the provider's payload are built when it is sent (portal/notify/payloads.py).
    """

    __tablename__ = "outbox_message"
    __table_args__ = (
        # One acknowledgement per submission, enforced by the database on both engines (a partial
        # unique index), while a person may ask for their saved form's link more than once.
        Index(
            "uq_outbox_message_one_acknowledgement",
            "reference",
            unique=True,
            sqlite_where=text(ONE_ACKNOWLEDGEMENT),
            postgresql_where=text(ONE_ACKNOWLEDGEMENT),
        ),
        # What every worker asks for every few seconds: messages of a status that are due.
        Index("ix_outbox_message_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), index=True)
    purpose: Mapped[str] = mapped_column(String(40))  # acknowledgement, resume-link, ...
    # Picks the sender (portal/notify/channels.py): email today; case-system, webhook later.
    channel: Mapped[str] = mapped_column(String(20))
    # The submission it is about; none for a saved form's link (a draft has no submission yet).
    submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("submission.id", ondelete="SET NULL"), index=True
    )
    submission: Mapped[Submission | None] = relationship()
    # Deleted once the message is sent: the outbox keeps no contact details it no longer needs.
    recipient: Mapped[str | None] = mapped_column(String(320))
    locale: Mapped[str] = mapped_column(String(10))
    # Only what cannot be worked out again when it is sent (a saved form's link holds a code of
    # which only a hash is kept), beside the reference; never a name or a detail of a concern.
    personalisation: Mapped[dict] = mapped_column(JSON, default=dict)
    # pending, sending (claimed by a worker), sent, failed, or replaced (a newer resume link was
    # asked for before this went).
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # When a worker may next take it: for a pending message, once its wait after a failure is
    # over; for one being sent, when the sending worker's lease runs out (it may have died).
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Which worker took it last, and when (so the time of the last try of a failed message).
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The kind of error and its text with addresses and links taken out (portal/notify/worker.py).
    last_error: Mapped[str | None] = mapped_column(Text)
    provider_id: Mapped[str | None] = mapped_column(String(100))


class EqualityResponse(Base):
    """Optional equality monitoring answers, kept apart from the submission they follow.

    Never copied into Submission.answers, so no view of a form shows them with the concern; the
    reference is only for counting (by form, queue or outcome) and for asking once.
    """

    __tablename__ = "equality_response"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    journey_id: Mapped[str] = mapped_column(String(60))
    locale: Mapped[str] = mapped_column(String(10))
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answers: Mapped[dict] = mapped_column(JSON)


class FormProgress(Base):
    """How far a started form got, for the council's count of starts, completions and where
    people stop (BRIEF §8). Never an answer: the journey, the door, the language, when it was
    started, the furthest page reached and when it was sent. Kept when the draft is deleted."""

    __tablename__ = "form_progress"
    __table_args__ = (Index("ix_form_progress_journey_started", "journey_id", "started_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The draft's reference (the submission's, once sent).
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    journey_id: Mapped[str] = mapped_column(String(60))
    channel: Mapped[str] = mapped_column(String(20))
    locale: Mapped[str] = mapped_column(String(10))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The page furthest into the journey that was saved, and its position in the journey's
    # order of pages (1 for the first), so "furthest" survives going back.
    furthest_page: Mapped[str | None] = mapped_column(String(60))
    furthest_position: Mapped[int] = mapped_column(Integer, default=0)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
