"""How far each started form got, for the council's count of starts, completions and where
people stop (BRIEF §8, the dashboard). Only the journey, the door, the language, the times and
the furthest page reached are kept: never an answer. Kept when the draft is deleted."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from portal.data import db
from portal.data.journeys import Draft, FormProgress
from portal.journeys.schema import Journey, Page


def started(draft: Draft) -> None:
    db.session.add(
        FormProgress(
            reference=draft.reference,
            journey_id=draft.journey_id,
            channel=draft.channel,
            locale=draft.locale,
            started_at=draft.created_at,
            furthest_position=0,
        )
    )


def _row(reference: str) -> FormProgress | None:
    return db.session.scalar(select(FormProgress).where(FormProgress.reference == reference))


def reached(draft: Draft, journey: Journey, page: Page) -> None:
    """The person saved this page: it is the furthest yet if no later page was saved before."""
    row = _row(draft.reference)
    if row is None:  # a draft started before progress was kept
        return
    position = next((n for n, p in enumerate(journey.pages, start=1) if p.id == page.id), 0)
    if position > row.furthest_position:
        row.furthest_position = position
        row.furthest_page = page.id


def sent(reference: str, journey: Journey, channel: str, locale: str, at: datetime) -> None:
    """The form was sent; one sent whole (the API) without a draft counts as started then."""
    row = _row(reference)
    if row is None:
        row = FormProgress(
            reference=reference,
            journey_id=journey.id,
            channel=channel,
            locale=locale,
            started_at=at,
            furthest_position=len(journey.pages),
        )
        db.session.add(row)
    row.submitted_at = at
