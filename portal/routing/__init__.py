"""Routing: which ASC Connects queue a submission goes to, at what priority, due when.

One function, ``decide``, used both by a real submission and by `flask routing-preview`, so what
the preview prints is what the portal does. The rules, queues and service standards are data in
forms/routing.yaml; postcode areas in forms/postcodes.yaml; districts in config/districts.yaml.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from functools import cache
from typing import Any

import yaml

from portal.config import PROJECT_ROOT, ConfigError
from portal.contacts import load_contacts
from portal.districts import alliances, districts
from portal.journeys.conditions import check as check_condition
from portal.journeys.conditions import holds
from portal.journeys.schema import Journey, condition_problems
from portal.routing.clock import WorkingDayClock
from portal.routing.postcodes import area_for, is_valid
from portal.routing.postcodes import check as check_postcodes

ROUTING_FILE = PROJECT_ROOT / "forms" / "routing.yaml"
PRIORITIES = ("urgent", "high", "standard")  # most urgent first
NOT_SURE = "not-sure"

# Who to contact when the person lives outside Essex County Council's area ("contact" names
# the council's phone number in config/contacts.yaml).
OUT_OF_AREA = {
    "southend": {"name": "Southend-on-Sea City Council", "contact": "southend_adult_social_care"},
    "thurrock": {"name": "Thurrock Council", "contact": "thurrock_adult_social_care"},
    "outside": {
        "name": "The council for the area where the person lives",
        "url": "https://www.gov.uk/find-local-council",
    },
}


class RoutingError(ConfigError, ValueError):
    pass


@dataclass
class Decision:
    journey: str
    queue: str | None
    queue_name: str | None
    priority: str
    due_at: datetime | None
    district: str | None = None
    district_name: str | None = None
    locality: str | None = None
    locality_name: str | None = None
    locality_check: bool = False
    out_of_area: dict | None = None
    reasons: list[dict] = field(default_factory=list)
    flags: list[dict] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["due_at"] = self.due_at.isoformat() if self.due_at else None
        return data


@dataclass(frozen=True)
class RoutingConfig:
    queues: dict[str, str]
    standards: dict[str, dict[str, dict[str, int]]]
    journeys: dict[str, dict]
    clock: WorkingDayClock
    out_of_area: dict[str, dict[str, str]]


@cache
def config() -> RoutingConfig:
    raw = yaml.safe_load(ROUTING_FILE.read_text(encoding="utf-8"))
    queues = raw["queues"]
    clock = WorkingDayClock(
        time.fromisoformat(raw["working_day_ends"]),
        [date.fromisoformat(str(day)) for day in raw.get("closures", [])],
    )
    contacts = load_contacts()
    out_of_area = {
        place: {**council, "phone": contacts[council["contact"]].phone}
        if "contact" in council
        else council
        for place, council in OUT_OF_AREA.items()
    }
    loaded = RoutingConfig(queues, raw["service_standards"], raw["journeys"], clock, out_of_area)
    _validate(loaded)
    check_postcodes()  # forms/postcodes.yaml and custodian codes: a mistake stops start-up
    return loaded


def _extra_tests(received: datetime, clock: WorkingDayClock) -> dict:
    def within_working_days(value: Any, days: int) -> bool:
        # A date answer is {"date": "2026-11-25"} (or {"unknown": true}); a bare ISO date works too.
        if isinstance(value, dict):
            value = value.get("date")
        try:
            when = date.fromisoformat(str(value))
        except ValueError:
            return False
        # At most ``days`` working days away: before the (days + 1)-th working day. Counting up
        # from the answer instead would let a date in the year 9999 cost seconds of work.
        return when < clock.add_working_days(received, days + 1).date()

    return {"within_working_days": within_working_days}


def _validate(loaded: RoutingConfig) -> None:
    problems = []
    for queue, standards in loaded.standards.items():
        if queue not in loaded.queues:
            problems.append(f"service standard for unknown queue {queue}")
        for priority in PRIORITIES:
            standard = standards.get(priority, {})
            if len(standard) != 1 or next(iter(standard), None) not in ("hours", "working_days"):
                problems.append(f"{queue}/{priority}: give hours or working_days")
    for journey, spec in loaded.journeys.items():
        if spec["default_queue"] not in loaded.queues:
            problems.append(f"{journey}: unknown default queue")
        for rule in spec.get("rules", []) + spec.get("flags", []):
            try:
                check_condition(rule["when"], ("within_working_days",))
            except ValueError as error:
                problems.append(f"{journey}/{rule['id']}: {error}")
            if rule.get("queue") and rule["queue"] not in loaded.queues:
                problems.append(f"{journey}/{rule['id']}: unknown queue {rule['queue']}")
            if rule.get("priority") and rule["priority"] not in PRIORITIES:
                problems.append(f"{journey}/{rule['id']}: unknown priority {rule['priority']}")
    if problems:
        raise RoutingError(f"{ROUTING_FILE.name}: " + "; ".join(problems))


def check_journeys(journeys: Mapping[str, Journey]) -> None:
    """Every journey has routing, and every rule and flag names questions and answer codes its
    journey has: a misspelt id (``still_hapening``) would otherwise make a safeguarding rule
    silently stop firing. All problems are reported at once."""
    loaded = config()
    problems = []
    for journey_id in sorted(set(journeys) - set(loaded.journeys)):
        problems.append(f"journey {journey_id!r} has no routing")
    for journey_id, spec in loaded.journeys.items():
        journey = journeys.get(journey_id)
        if journey is None:
            problems.append(f"routing for unknown journey {journey_id!r}")
            continue
        questions = journey.questions()
        for key in ("postcode_answer", "council_answer"):
            if spec.get(key) and spec[key] not in questions:
                problems.append(f"{journey_id}: {key} names unknown question {spec[key]!r}")
        for kind in ("rules", "flags"):
            for rule in spec.get(kind, []):
                problems.extend(
                    f"{journey_id}/{kind}/{rule['id']}: {problem}"
                    for problem in condition_problems(rule["when"], journey)
                )
    if problems:
        raise RoutingError(f"{ROUTING_FILE.name} has problems:\n  - " + "\n  - ".join(problems))


def _postcode(answers: dict, question: str) -> str | None:
    value = answers.get(question)
    if isinstance(value, dict):
        value = value.get("postcode")
    return value if isinstance(value, str) and is_valid(value) else None


def where(answers: dict, postcode_question: str, council_question: str) -> tuple[str | None, bool]:
    """(council or district id, needs a locality check) from the postcode and, if asked, the
    resident's answer about which council area they live in."""
    postcode = _postcode(answers, postcode_question)
    if postcode is None:
        return None, True
    area = area_for(postcode)
    if area.known:
        return area.known, False
    chosen = answers.get(council_question)
    if chosen and chosen != NOT_SURE and (area.unknown or chosen in area.councils):
        return chosen, False
    return None, True


def decide(journey: str, answers: dict, received: datetime) -> Decision:
    """The routing decision for a journey's answers (question id -> answer code)."""
    settings = config()
    if journey not in settings.journeys:
        raise RoutingError(f"No routing for journey {journey!r}")
    spec = settings.journeys[journey]
    place, locality_check = where(
        answers, spec.get("postcode_answer", "postcode"), spec.get("council_answer", "council_area")
    )
    if place in settings.out_of_area:
        other = settings.out_of_area[place]
        return Decision(
            journey=journey,
            queue=None,
            queue_name=None,
            priority="standard",
            due_at=None,
            out_of_area={"council": place, **other},
            reasons=[
                {"id": "out-of-area", "text": f"The person lives in the area of: {other['name']}"}
            ],
        )
    extra = _extra_tests(received, settings.clock)
    queue, priority, reasons = spec["default_queue"], "standard", []
    for rule in spec.get("rules", []):
        if not holds(rule["when"], answers, extra):
            continue
        reasons.append({"id": rule["id"], "text": rule["reason"]})
        queue = rule.get("queue", queue)
        if rule.get("priority") and PRIORITIES.index(rule["priority"]) < PRIORITIES.index(priority):
            priority = rule["priority"]
    flags = [
        {"id": flag["id"], "text": flag["text"]}
        for flag in spec.get("flags", [])
        if holds(flag["when"], answers, extra)
    ]
    district = next((d for d in districts() if d.id == place), None)  # None outside Essex
    if locality_check:
        reasons.append(
            {"id": "locality-check", "text": "The council area could not be told from the postcode"}
        )
    standard = settings.standards[queue][priority]
    if "hours" in standard:
        due = settings.clock.add_hours(received, standard["hours"])
    else:
        due = settings.clock.add_working_days(received, standard["working_days"])
    return Decision(
        journey=journey,
        queue=queue,
        queue_name=settings.queues[queue],
        priority=priority,
        due_at=due,
        district=district.id if district else None,
        district_name=district.name if district else None,
        locality=district.alliance if district else None,
        locality_name=alliances()[district.alliance] if district else None,
        locality_check=locality_check,
        reasons=reasons,
        flags=flags,
    )
