"""Content for a local copy of the portal (`make run`): sample feedback and the directory.

The sample feedback is for demonstration only; the directory is the real Essex seed data, which
a council deployment imports with `flask directory import`.

Each loader is idempotent: it checks what is already there and only adds what is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from sqlalchemy import func, select

from portal.data import db
from portal.data.database import utcnow
from portal.data.feedback import ServiceFeedback

# Marks demo rows so they can be told apart from (and never mistaken for) real feedback.
DEMO_PATH = "/demo"

_SAMPLE_FEEDBACK = (
    ("very-satisfied", "en", "Easy to find the right number to call."),
    ("satisfied", "en", None),
    ("satisfied", "pl", "Dobrze, że strona jest po polsku."),
    ("neither", "en", "I wanted to fill in a form rather than phone."),
    ("dissatisfied", "ur", None),
    ("very-satisfied", "en", None),
)


def _sample_feedback() -> str:
    existing = db.session.scalar(select(func.count()).where(ServiceFeedback.from_path == DEMO_PATH))
    if existing:
        return f"Service feedback: {existing} demo answers already loaded."
    now = utcnow()
    for days_ago, (satisfaction, locale, comment) in enumerate(_SAMPLE_FEEDBACK):
        db.session.add(
            ServiceFeedback(
                created_at=now - timedelta(days=days_ago),
                locale=locale,
                satisfaction=satisfaction,
                improvement=comment,
                from_path=DEMO_PATH,
            )
        )
    db.session.commit()
    return f"Service feedback: loaded {len(_SAMPLE_FEEDBACK)} demo answers."


def _directory() -> str:
    from portal.content import library
    from portal.data.directory import service_count
    from portal.oruk import SEED_FILE, import_file

    existing = service_count()
    if existing:
        return f"Local services directory: {existing} services already loaded."
    count = import_file(SEED_FILE, {topic.id for topic in library().topics})
    return f"Local services directory: imported {count} services from {SEED_FILE.name}."


LOADERS = (_sample_feedback, _directory)


def load_demo_data() -> Iterator[str]:
    for loader in LOADERS:
        yield loader()
