"""Feedback on the service as a whole, from the link in the phase banner."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Integer, String, Text, func, select
from sqlalchemy.orm import Mapped, mapped_column

from portal.data.database import Base, UTCDateTime, db, utcnow

# Stable codes for the satisfaction scale: the question text can be reworded or translated,
# the stored code never changes, so reports stay comparable.
SATISFACTION_CODES = (
    "very-satisfied",
    "satisfied",
    "neither",
    "dissatisfied",
    "very-dissatisfied",
)


class ServiceFeedback(Base):
    __tablename__ = "service_feedback"
    __table_args__ = (
        CheckConstraint(
            "satisfaction IN ('very-satisfied', 'satisfied', 'neither', 'dissatisfied', "
            "'very-dissatisfied')",
            name="satisfaction_code",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    locale: Mapped[str] = mapped_column(String(10))
    satisfaction: Mapped[str] = mapped_column(String(20))
    improvement: Mapped[str | None] = mapped_column(Text)
    # The page the person came from, as a path only: query strings can hold search words.
    from_path: Mapped[str | None] = mapped_column(String(300))


def record_feedback(
    *, locale: str, satisfaction: str, improvement: str | None, from_path: str | None
) -> ServiceFeedback:
    """Store one piece of feedback (the request commits it)."""
    if satisfaction not in SATISFACTION_CODES:
        raise ValueError(f"Unknown satisfaction code {satisfaction!r}")
    row = ServiceFeedback(
        locale=locale,
        satisfaction=satisfaction,
        improvement=(improvement or "").strip() or None,
        from_path=from_path,
    )
    db.session.add(row)
    db.session.flush()
    return row


def satisfaction_counts() -> dict[str, int]:
    """How many answers each satisfaction code has had, for the service's performance data."""
    rows = db.session.execute(
        select(ServiceFeedback.satisfaction, func.count()).group_by(ServiceFeedback.satisfaction)
    )
    counts = dict.fromkeys(SATISFACTION_CODES, 0)
    counts.update({code: total for code, total in rows})
    return counts
