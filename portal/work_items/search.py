"""Finding submissions: by reference, and by who they are about (earlier forms about the same
person), only ever among those the person searching may see (ADR 0027).

By reference: an exact reference answers with that submission if the person may see it, and
with nothing otherwise, in one query, so the answer never says whether it exists.

By person: any of a name, a date of birth, a postcode and an NHS number, each normalised and
hashed as the sent forms' were (portal/work_items/people.py), and matched against
submission_match; every part given must match. What is typed is never stored or logged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select

from portal.data import db
from portal.data.accounts import StaffUser
from portal.data.journeys import Submission
from portal.data.work import SubmissionMatch
from portal.journeys import references
from portal.journeys.answer_types.nhs_number import nhs_number_is_valid
from portal.places import postcodes
from portal.work_items import access, people
from portal.work_items.queues import ROW_COLUMNS, QueueRow, present

RESULTS_SHOWN = 50
NAME_LONGEST = 200


def read_reference(typed: str) -> tuple[str | None, str | None]:
    """(the reference in its standard form, None) or (None, what is wrong with it)."""
    reference = references.normalise(typed)
    if not reference:
        return None, "Enter a reference"
    if not references.is_valid(reference):
        return None, "Enter a reference as it was given, like CAR-7K3M-9QXK"
    return reference, None


def find_reference(user: StaffUser, reference: str) -> str | None:
    """The reference if a submission has it and this person may see it; None either way else."""
    return db.session.scalar(
        select(Submission.reference).where(Submission.reference == reference, access.visible(user))
    )


@dataclass
class PersonSearch:
    """What was typed (kept to show again, never stored), and what to look for."""

    typed: dict[str, str] = field(default_factory=dict)
    # kind (people.NAME ...) -> normalised text to hash
    parts: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def fields_used(self) -> list[str]:
        return list(self.parts)


PERSON_FIELDS = ("name", "dob-day", "dob-month", "dob-year", "postcode", "nhs-number")


def read_person(form, today: date) -> PersonSearch:
    """The person parts in a submitted search form, with a message for each that is wrong."""
    typed = {name: (form.get(name) or "").strip() for name in PERSON_FIELDS}
    search = PersonSearch(typed=typed)
    if typed["name"]:
        if len(typed["name"]) > NAME_LONGEST:
            search.errors["name"] = f"Name must be {NAME_LONGEST} characters or fewer"
        else:
            search.parts[people.NAME] = typed["name"]
    born, problem = _date_of_birth(typed, today)
    if problem:
        search.errors["date-of-birth"] = problem
    elif born:
        search.parts[people.DATE_OF_BIRTH] = born.isoformat()
    if typed["postcode"]:
        if postcodes.is_valid(typed["postcode"]):
            search.parts[people.POSTCODE] = postcodes.normalise(typed["postcode"])
        else:
            search.errors["postcode"] = "Enter a full UK postcode, like CM1 1QH"
    if typed["nhs-number"]:
        digits = "".join(typed["nhs-number"].replace("-", " ").split())
        if not digits.isdigit() or len(digits) != 10:
            search.errors["nhs-number"] = "NHS number must be 10 digits, like 943 476 5919"
        elif not nhs_number_is_valid(digits):
            search.errors["nhs-number"] = "Enter a real NHS number: check it for a mistyped digit"
        else:
            search.parts[people.NHS_NUMBER] = digits
    if not search.parts and not search.errors:
        search.errors["name"] = (
            "Enter at least one of the person's name, date of birth, postcode or NHS number"
        )
    return search


def _date_of_birth(typed: dict[str, str], today: date) -> tuple[date | None, str | None]:
    parts = {"day": typed["dob-day"], "month": typed["dob-month"], "year": typed["dob-year"]}
    if not any(parts.values()):
        return None, None
    missing = [name for name, value in parts.items() if not value]
    if missing:
        return None, f"Date of birth must include a {' and a '.join(missing)}"
    if not all(value.isdigit() for value in parts.values()) or len(parts["year"]) != 4:
        return None, "Date of birth must be a real date, like 27 3 1950"
    try:
        born = date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError:
        return None, "Date of birth must be a real date, like 27 3 1950"
    if born > today:
        return None, "Date of birth must be in the past"
    return born, None


def find_person(
    user: StaffUser, parts: dict[str, str], now: datetime
) -> tuple[list[QueueRow], int]:
    """The newest RESULTS_SHOWN submissions this person may see whose every given part matches,
    as queue rows, and how many there are in all."""
    where = [access.visible(user)]
    for kind, text in parts.items():
        digest = people.digest(kind, text)
        where.append(
            Submission.id.in_(
                select(SubmissionMatch.submission_id).where(
                    SubmissionMatch.kind == kind, SubmissionMatch.digest == digest
                )
            )
        )
    total = db.session.scalar(select(func.count()).select_from(Submission).where(*where)) or 0
    found = db.session.execute(
        select(*ROW_COLUMNS)
        .where(*where)
        .order_by(Submission.submitted_at.desc(), Submission.id.desc())
        .limit(RESULTS_SHOWN)
    ).all()
    return present(found, now), total
