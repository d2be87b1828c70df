"""Forms sent, started and answered at fixed moments across two quarters of 2025 and two
localities, for the dashboard's tests (integration and browser).

Every submission goes through ``portal.journeys.submit.submit`` with the example answers as on
the day it was received; what staff did afterwards (screened_at) is set directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from portal.data import db
from portal.data.advice import PageFeedback
from portal.data.journeys import FormProgress
from portal.journeys.answer_files import load_answers
from portal.journeys.submit import submit
from portal.routing.clock import LONDON
from tests.journey_walker import EXAMPLES

ALERT, CARER, TECH = "safeguarding-alert", "carers-assessment", "care-technology-request"
# The moment the dashboard is looked at: after both quarters, so due times have passed.
NOW = datetime(2025, 7, 15, 9, 0, tzinfo=UTC)
IN_MID_ESSEX = {"postcode": "CM2 9AA"}  # Chelmsford, in Mid Essex (the example is Basildon)
FROM_A_PROFESSIONAL = {
    "reporter_type": "professional",
    "organisation_name": "Sample Health Trust",
    "reporter_role": "District nurse",
    "reporter_email": "nurse@example.com",
}
USEFUL_PAGE = "carers/carers-assessment"
# The second quarter of 2025 (1 April to 30 June) as the dashboard's form sends it.
Q2 = {
    "from-day": "1",
    "from-month": "4",
    "from-year": "2025",
    "to-day": "30",
    "to-month": "6",
    "to-year": "2025",
}


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@dataclass(frozen=True)
class Sent:
    journey: str
    received: datetime
    changes: dict
    locale: str = "en"
    screened_after: timedelta | None = None  # screened this long after it was received
    late: bool = False  # screened 3 hours after its due time


# What was sent, in the order sent. Quarter 2 of 2025 is 1 April to 30 June (BST all through:
# London is UTC+1), so a form received at 23:30 UTC on 31 March is in quarter 2.
SENT = (
    # Quarter 2, Basildon and Brentwood: screened in time; the adult's wishes recorded.
    Sent(ALERT, utc(2025, 4, 10, 9, 0), {}, screened_after=timedelta(hours=1)),
    # Quarter 2, Mid Essex: from a professional, no wishes given, screened after its due time.
    Sent(
        ALERT,
        utc(2025, 5, 2, 9, 0),
        {**IN_MID_ESSEX, **FROM_A_PROFESSIONAL, "adult_wishes": ""},
        late=True,
    ),
    # 30 June, 23:30 in London: the last half hour of quarter 2. Never screened: overdue.
    Sent(ALERT, utc(2025, 6, 30, 22, 30), {"are_you_a_carer": "yes"}),
    # 1 April, 00:30 in London (still 31 March in UTC): quarter 2, in Polish.
    Sent(CARER, utc(2025, 3, 31, 23, 30), {}, locale="pl", screened_after=timedelta(hours=2)),
    # 31 March, 23:30 in London (BST began on 30 March): quarter 1.
    Sent(CARER, utc(2025, 3, 31, 22, 30), {}, screened_after=timedelta(hours=2)),
    # Quarter 2, Mid Essex (Maldon): a carer asking for care technology, not screened yet.
    Sent(TECH, utc(2025, 6, 27, 10, 0), {"who_is_asking": "carer"}),
)


def send(app, item: Sent) -> int:
    with app.app_context():
        journey = app.extensions["frontdoor.journeys"][item.journey]
        day = item.received.astimezone(LONDON).date()
        answers = {**load_answers(EXAMPLES / f"{item.journey}.json", day), **item.changes}
        submission = submit(
            journey,
            answers,
            channel="self-service",
            actor=None,
            locale=item.locale,
            received=item.received,
        )
        if item.late:
            submission.screened_at = submission.due_at + timedelta(hours=3)
        elif item.screened_after is not None:
            submission.screened_at = item.received + item.screened_after
        db.session.commit()
        return submission.id


def started(app, journey: str, at: datetime, page: str | None, reference: str) -> None:
    """A form started and not sent, that got as far as ``page``."""
    with app.app_context():
        pages = app.extensions["frontdoor.journeys"][journey].pages
        position = next((n for n, p in enumerate(pages, 1) if p.id == page), 0)
        db.session.add(
            FormProgress(
                reference=reference,
                journey_id=journey,
                channel="self-service",
                locale="en",
                started_at=at,
                furthest_page=page,
                furthest_position=position,
            )
        )
        db.session.commit()


def answered(app, page_id: str, useful: bool, at: datetime) -> None:
    with app.app_context():
        db.session.add(PageFeedback(page_id=page_id, locale="en", useful=useful, created_at=at))
        db.session.commit()


def seed(app) -> None:
    """The whole set: the submissions above, unsent forms and page answers."""
    for item in SENT:
        send(app, item)
    journeys = app.extensions["frontdoor.journeys"]
    alert_pages = [page.id for page in journeys[ALERT].pages]
    # Quarter 2: two alerts stopped on the second page, one on the fifth, one before any page;
    # one carer's form stopped on its first page. Quarter 1: one alert stopped on the first.
    started(app, ALERT, utc(2025, 4, 2, 10, 0), alert_pages[1], "SAF-AAAA-0001")
    started(app, ALERT, utc(2025, 5, 2, 10, 0), alert_pages[1], "SAF-AAAA-0002")
    started(app, ALERT, utc(2025, 6, 2, 10, 0), alert_pages[4], "SAF-AAAA-0003")
    started(app, ALERT, utc(2025, 6, 3, 10, 0), None, "SAF-AAAA-0004")
    started(app, CARER, utc(2025, 5, 5, 10, 0), journeys[CARER].pages[0].id, "CAR-AAAA-0001")
    started(app, ALERT, utc(2025, 2, 2, 10, 0), alert_pages[0], "SAF-AAAA-0005")
    # "Is this page useful?": quarter 2, 3 yes and 1 no on a real page, 1 no on a page that is
    # no longer there; quarter 1, 1 yes.
    for useful in (True, True, True, False):
        answered(app, USEFUL_PAGE, useful, utc(2025, 5, 1, 12, 0))
    answered(app, "old-topic/removed-page", False, utc(2025, 5, 1, 12, 0))
    answered(app, USEFUL_PAGE, True, utc(2025, 2, 1, 12, 0))
