"""Tables for advice pages: "was this page useful?" answers and the state of the search index."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text, case, func, select
from sqlalchemy.orm import Mapped, mapped_column

from portal.data.database import Base, UTCDateTime, db, utcnow

COMMENT_MAX = 1200


class PageFeedback(Base):
    """One answer to "Is this page useful?", with an optional comment when the answer is no."""

    __tablename__ = "page_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    page_id: Mapped[str] = mapped_column(String(200), index=True)
    locale: Mapped[str] = mapped_column(String(10))
    useful: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str | None] = mapped_column(Text)


class SearchIndexState(Base):
    """Which version of the content the search index was last built from."""

    __tablename__ = "search_index_state"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    built_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def record_page_feedback(*, page_id: str, locale: str, useful: bool) -> PageFeedback:
    row = PageFeedback(page_id=page_id, locale=locale, useful=useful)
    db.session.add(row)
    db.session.flush()
    return row


def add_page_comment(feedback_id: int, comment: str) -> None:
    """Attach a comment to a "no" answer (nothing happens when there is no such answer)."""
    row = db.session.get(PageFeedback, feedback_id)
    if row is None or row.useful:
        return
    row.comment = comment.strip()[:COMMENT_MAX] or None
    db.session.flush()


def least_useful_pages(limit: int = 10) -> list[tuple[str, int, int]]:
    """(page id, "no" answers, all answers) for the pages with the most "no" answers."""
    noes = func.sum(case((PageFeedback.useful.is_(False), 1), else_=0))
    rows = db.session.execute(
        select(PageFeedback.page_id, noes, func.count())
        .group_by(PageFeedback.page_id)
        .having(noes > 0)
        .order_by(noes.desc(), PageFeedback.page_id)
        .limit(limit)
    )
    return [(page_id, int(no), int(total)) for page_id, no, total in rows]


def recent_comments(page_id: str, limit: int = 5) -> list[str]:
    rows = db.session.scalars(
        select(PageFeedback.comment)
        .where(PageFeedback.page_id == page_id, PageFeedback.comment.is_not(None))
        .order_by(PageFeedback.created_at.desc())
        .limit(limit)
    )
    return list(rows)
