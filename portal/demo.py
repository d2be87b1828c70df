"""Content for a local copy of the portal (`make run`): sample feedback, the directory and one
demo staff account per role (never in production).

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


# One account per role, for signing in to a local copy (README, "Signing in as staff"). The
# secrets are fixed so the README can give them: anyone can read them, which is why the loader
# refuses to make these accounts in production.
DEMO_PASSWORD = "demo staff password"  # noqa: S105 - public, for local copies only
DEMO_STAFF = (
    # email, name, role, teams, TOTP secret (base32)
    (
        "caseworker@demo.example",
        "Casey Worker",
        "caseworker",
        ["carers"],
        "DEMOCASEWORKERDEMOCASEWORKERAAAA",
    ),
    (
        "manager@demo.example",
        "Morgan Manager",
        "team-manager",
        ["countywide-duty"],
        "DEMOTEAMMANAGERDEMOTEAMMANAGERAA",
    ),
    (
        "safeguarding@demo.example",
        "Sam Safeguarding",
        "safeguarding-practitioner",
        # Both safeguarding teams, so an alert transferred between them stays in sight.
        ["central-safeguarding-triage", "organisational-safeguarding"],
        "DEMOSAFEGUARDINGDEMOSAFEGUARDING",
    ),
    (
        "admin@demo.example",
        "Alex Admin",
        "account-administrator",
        [],
        "DEMOACCOUNTADMINDEMOACCOUNTADMIN",
    ),
    ("auditor@demo.example", "Avery Auditor", "auditor", [], "DEMOAUDITORDEMOAUDITORDEMOAUDITO"),
)


def _staff_accounts() -> str:
    from flask import current_app

    from portal.accounts.users import create_user
    from portal.data.accounts import by_email

    if current_app.extensions["frontdoor.settings"].environment == "production":
        return "Demo staff accounts: none in production."
    made = 0
    for email, name, role, teams, secret in DEMO_STAFF:
        if by_email(email) is not None:
            continue
        user = create_user(email, name, DEMO_PASSWORD, [role], teams, actor="demo data")
        # Already set up, so a local sign-in goes straight to the code.
        user.totp_secret = secret
        user.totp_confirmed_at = utcnow()
        made += 1
    db.session.commit()
    if not made:
        return "Demo staff accounts: already there (README, 'Signing in as staff')."
    return f"Demo staff accounts: made {made}, one per role (README, 'Signing in as staff')."


LOADERS = (_sample_feedback, _directory, _staff_accounts)


def load_demo_data() -> Iterator[str]:
    for loader in LOADERS:
        yield loader()
