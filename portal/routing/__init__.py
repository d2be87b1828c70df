"""Routing: which ASC Connects queue a submission goes to, at what priority, due when.

One function, ``decide``, used both by a real submission and by `flask routing-preview`, so what
the preview prints is what the portal does. The rules, queues and service standards are data in
routing.yaml in the forms folder (FORMS_DIR); postcode areas in forms/postcodes.yaml; districts in
config/districts.yaml. Which answers say where the person is, and what a place outside Essex
means, each journey file declares (its ``places``): routing is given them as plain data, since it
knows nothing of journey files (ADR 0017, ADR 0019).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal

from portal import filecheck
from portal.conditions import answer_date, holds
from portal.config import FORMS_DIR, ConfigError
from portal.contacts import load_contacts
from portal.districts import alliances, districts
from portal.places.postcodes import area_for, is_valid
from portal.places.postcodes import check as check_postcodes
from portal.routing.clock import WorkingDayClock, hours_by_weekday

ROUTING_NAME = "routing.yaml"  # in the forms folder (FORMS_DIR)
ROUTING_FILE = FORMS_DIR / ROUTING_NAME
PRIORITIES = ("urgent", "high", "standard")  # most urgent first
NOT_SURE = "not-sure"
WORKING_DAY_TESTS = ("within_working_days",)  # the test routing adds to rules and flags

FIND_COUNCIL = "https://www.gov.uk/find-local-council"
# Who to contact for a place outside Essex County Council's area ("contact" names the council's
# phone number in config/contacts.yaml). Neighbours are named when the postcode table names them;
# "outside" is any other council, found with GOV.UK's council finder.
OUT_OF_AREA = {
    "southend": {"name": "Southend-on-Sea City Council", "contact": "southend_adult_social_care"},
    "thurrock": {"name": "Thurrock Council", "contact": "thurrock_adult_social_care"},
    "suffolk": {"name": "Suffolk County Council", "url": FIND_COUNCIL},
    "hertfordshire": {"name": "Hertfordshire County Council", "url": FIND_COUNCIL},
    "cambridgeshire": {"name": "Cambridgeshire County Council", "url": FIND_COUNCIL},
    "outside": {"name": "The council for the area where the person lives", "url": FIND_COUNCIL},
}


class RoutingError(ConfigError, ValueError):
    pass


REDIRECT, FORWARD = "redirect", "forward"


@dataclass(frozen=True)
class Places:
    """Where a journey's answers say the person is: its ``places`` block, as plain data.

    ``postcode`` and ``council_area`` are the ids of the journey's postcode question and of the
    question that asks which side of a council boundary the person lives when the postcode
    crosses one. ``out_of_area`` says what a place outside Essex County Council's area means:
    "redirect" (the form stops with the page naming the other council; nothing is sent) or
    "forward" (the form is taken and passed on: routing's place_answers and forward_queue).
    """

    postcode: str | None = None
    council_area: str | None = None
    out_of_area: Literal["redirect", "forward"] = REDIRECT

    @classmethod
    def from_file(cls, raw: dict | None) -> Places:
        """From a (schema-checked) ``places`` block; none: no place is asked."""
        raw = raw or {}
        return cls(raw.get("postcode"), raw.get("council_area"), raw.get("out_of_area", REDIRECT))


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
    # A safeguarding report about places all outside Essex: taken, and passed on to this council.
    forward_to: dict | None = None
    # Which place answer put the report in Essex (or named the other council).
    located_by: str | None = None
    # Another team that must also see it (a carer who is not safe): {queue, queue_name, due_at,
    # reason}.
    second_queue: dict | None = None
    # Every clock staff must meet: [{id, due_at}], the first the queue's own standard.
    clocks: list[dict] = field(default_factory=list)
    reasons: list[dict] = field(default_factory=list)
    flags: list[dict] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["due_at"] = self.due_at.isoformat() if self.due_at else None
        data["clocks"] = [{**c, "due_at": c["due_at"].isoformat()} for c in self.clocks]
        if self.second_queue:
            data["second_queue"] = {
                **self.second_queue,
                "due_at": self.second_queue["due_at"].isoformat(),
            }
        return data

    @classmethod
    def from_json(cls, data: dict) -> Decision:
        """The reverse of ``as_json``: its times read back as datetimes. Keys that are not fields
        are dropped, so a decision stored by an older portal still reads."""
        names = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in names}
        values["due_at"] = _moment(values.get("due_at"))
        values["clocks"] = [
            {**clock, "due_at": _moment(clock["due_at"])} for clock in values.get("clocks") or []
        ]
        if values.get("second_queue"):
            second = values["second_queue"]
            values["second_queue"] = {**second, "due_at": _moment(second.get("due_at"))}
        values["reasons"] = list(values.get("reasons") or [])
        values["flags"] = list(values.get("flags") or [])
        return cls(**values)


def _moment(value):
    return datetime.fromisoformat(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class RoutingConfig:
    queues: dict[str, str]
    standards: dict[str, dict[str, dict[str, int]]]
    journeys: dict[str, dict]
    clock: WorkingDayClock
    out_of_area: dict[str, dict[str, str]]


def raise_problems(problems: list[str]) -> None:
    if problems:
        raise RoutingError(f"{ROUTING_NAME} has problems:\n  - " + "\n  - ".join(problems))


def config(forms_dir: Path | None = None) -> RoutingConfig:
    """The routing rules in ``forms_dir`` (default: the repository's forms/), read and checked
    once per folder; raises RoutingError naming every problem."""
    path = ROUTING_FILE if forms_dir is None else Path(forms_dir) / ROUTING_NAME
    return _config(path.resolve())


@cache
def _config(path: Path) -> RoutingConfig:
    raw, problems = filecheck.read(path)
    raise_problems(problems or filecheck.problems(raw, "routing"))
    queues = raw["queues"]
    contacts = load_contacts()
    # One source of opening hours: Adult Social Care's, as the help block shows them.
    clock = WorkingDayClock(
        hours_by_weekday(contacts["adult_social_care"].hours),
        [date.fromisoformat(str(day)) for day in raw.get("closures", [])],
    )
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


config.cache_clear = _config.cache_clear  # type: ignore[attr-defined]  # tests change the file


def _extra_tests(received: datetime, clock: WorkingDayClock) -> dict:
    def within_working_days(value: Any, days: int) -> bool:
        when = answer_date(value)
        if when is None:
            return False
        # At most ``days`` working days away: before the (days + 1)-th working day. Counting up
        # from the answer instead would let a date in the year 9999 cost seconds of work.
        return when < clock.add_working_days(received, days + 1).date()

    return {"within_working_days": within_working_days}


def _validate(loaded: RoutingConfig) -> None:
    """The queues each part names exist (the schema has checked the shape of every part)."""
    problems = [
        f"service standard for unknown queue {queue!r}"
        for queue in loaded.standards
        if queue not in loaded.queues
    ]
    problems += [
        f"queue {queue!r} has no service standard"
        for queue in loaded.queues
        if queue not in loaded.standards
    ]
    for journey, spec in loaded.journeys.items():
        for key in ("default_queue", "forward_queue"):
            if key in spec and spec[key] not in loaded.queues:
                problems.append(f"journey {journey}: {key} names unknown queue {spec[key]!r}")
        for rule in spec.get("rules", []):
            for key in ("queue", "also_queue"):
                if rule.get(key) and rule[key] not in loaded.queues:
                    problems.append(
                        f"journey {journey} / rule {rule['id']}: unknown {key} {rule[key]!r}"
                    )
    raise_problems(problems)


def place_entries(spec: dict) -> list[dict]:
    """place_answers as [{answer, when}] (a bare question id is an entry without a condition)."""
    return [
        entry if isinstance(entry, dict) else {"answer": entry}
        for entry in spec.get("place_answers", [])
    ]


def _postcode(answers: dict, question: str) -> str | None:
    value = answers.get(question)
    if isinstance(value, dict):
        value = value.get("postcode")
    return value if isinstance(value, str) and is_valid(value) else None


def where(answers: dict, places: Places) -> tuple[str | None, bool]:
    """(council or district id, needs a locality check) from the journey's postcode answer and,
    if asked, the resident's answer about which council area they live in."""
    postcode = _postcode(answers, places.postcode) if places.postcode else None
    if postcode is None:
        return None, True
    area = area_for(postcode)
    if area.known:
        return area.known, False
    chosen = answers.get(places.council_area) if places.council_area else None
    if chosen and chosen != NOT_SURE and (area.unknown or chosen in area.councils):
        return chosen, False
    return None, True


ESSEX, MAYBE_ESSEX, ELSEWHERE = "essex", "maybe-essex", "elsewhere"


def _located(spec: dict, answers: dict, places: Places) -> tuple[str, str | None, str | None]:
    """Where a report with several places belongs (Care Act 2014 s.42(1): "an adult in its
    area (whether or not ordinarily resident there)"): (ESSEX, district, answer) for the first
    place in Essex; (MAYBE_ESSEX, None, None) when no place is known to be in Essex but one may
    be, or none is known at all, so Essex takes it and checks the locality; (ELSEWHERE, council,
    answer) when every place given is outside Essex, naming the first."""
    essex_ids = {d.id for d in districts()}
    elsewhere: tuple[str, str] | None = None
    uncertain = False
    for entry in place_entries(spec):
        if entry.get("when") and not holds(entry["when"], answers):
            continue
        name = entry["answer"]
        postcode = _postcode(answers, name)
        if postcode is None:
            continue
        place = None
        if name == places.postcode:  # the resident may have said which side of a boundary
            place, _check = where(answers, places)
        councils = (place,) if place else area_for(postcode).councils
        if len(councils) == 1 and councils[0] in essex_ids:
            return ESSEX, councils[0], name
        if len(councils) == 1:
            elsewhere = elsewhere or (councils[0], name)
        elif not councils or set(councils) & essex_ids:
            uncertain = True
        else:
            elsewhere = elsewhere or ("outside", name)
    if uncertain or elsewhere is None:
        return MAYBE_ESSEX, None, None
    return ELSEWHERE, elsewhere[0], elsewhere[1]


def standard_due(
    settings: RoutingConfig, queue: str, priority: str, received: datetime
) -> datetime:
    """When the queue's service standard for the priority falls, counted from ``received``."""
    standard = settings.standards[queue][priority]
    if "hours" in standard:
        return settings.clock.add_hours(received, standard["hours"])
    if "same_working_day" in standard:
        return settings.clock.same_working_day(received)
    return settings.clock.add_working_days(received, standard["working_days"])


def _clocks(
    settings: RoutingConfig,
    spec: dict,
    queue: str,
    priority: str,
    start: datetime,
    *,
    forwarded: bool,
    own_queue: bool,
) -> tuple[datetime, list[dict]]:
    """(due time, clocks) for ``queue`` at ``priority``, counted from ``start``: one place for
    the rule, used by ``decide`` and by a person's move (moves.clocks_for).

    ``forwarded``: the report is to be passed to another council from the journey's
    forward_queue. ``own_queue``: ``queue`` is one the journey's rules route to. The two differ
    on purpose only for a move: ``decide`` always routes to the journey's own queue, while a
    person may transfer a report to any queue, and there (ASCC Duty, say) the queue's standard
    is the one clock; the journey's clock name and extra clocks belong to its own process.
    """
    due = standard_due(settings, queue, priority, start)
    if forwarded:
        # Passed on the same working day, or sooner if the queue's standard says so.
        due = min(settings.clock.same_working_day(start), due)
    clock_id = spec.get("standard_clock", "first-response") if own_queue else "first-response"
    clocks = [{"id": clock_id, "due_at": due}]
    if own_queue and not forwarded:
        clocks += [
            {"id": extra["id"], "due_at": settings.clock.add_hours(start, extra["hours"])}
            for extra in spec.get("clocks", [])
            if extra["priority"] == priority
        ]
    return due, clocks


def _other_council(settings: RoutingConfig, council: str) -> dict:
    return {
        "council": council,
        **settings.out_of_area.get(council, settings.out_of_area["outside"]),
    }


def decide(
    journey: str,
    answers: dict,
    received: datetime,
    *,
    places: Places,
    rules: RoutingConfig | None = None,
) -> Decision:
    """The routing decision for a journey's answers (question id -> answer code).

    ``places`` is the journey's own declaration of where its answers say the person is;
    ``rules`` the routing read with the journeys (default: the repository's forms/)."""
    settings = rules or config()
    if journey not in settings.journeys:
        raise RoutingError(f"No routing for journey {journey!r}")
    spec = settings.journeys[journey]
    forward_to, located_by = None, None
    if places.out_of_area == FORWARD:
        # Never turned away: a report about places outside Essex is taken and passed on.
        found, place, located_by = _located(spec, answers, places)
        locality_check = found == MAYBE_ESSEX
        if found == ELSEWHERE:
            forward_to, place = _other_council(settings, place), None
    else:
        place, locality_check = where(answers, places)
        if place in settings.out_of_area:
            # A journey whose places say "redirect" belongs to the council where the person
            # lives: the form stops, and this names that council.
            other = settings.out_of_area[place]
            return Decision(
                journey=journey,
                queue=None,
                queue_name=None,
                priority="standard",
                due_at=None,
                out_of_area={"council": place, **other},
                reasons=[
                    {
                        "id": "out-of-area",
                        "text": f"The person lives in the area of: {other['name']}",
                    }
                ],
            )
    extra = _extra_tests(received, settings.clock)
    queue, priority, reasons, also = spec["default_queue"], "standard", [], None
    for rule in spec.get("rules", []):
        if not holds(rule["when"], answers, extra):
            continue
        reasons.append({"id": rule["id"], "text": rule["reason"]})
        queue = rule.get("queue", queue)
        if rule.get("also_queue") and also is None:
            also = (rule["also_queue"], rule["reason"])
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
    if forward_to:
        queue = spec["forward_queue"]
        reasons.append(
            {
                "id": "forward-to-other-council",
                "text": "No place given is in Essex County Council's area: pass the report on "
                f"the same working day to: {forward_to['name']}",
            }
        )
    second = None
    if also:
        second = {
            "queue": also[0],
            "queue_name": settings.queues[also[0]],
            "due_at": settings.clock.same_working_day(received),
            "reason": also[1],
        }
    due, clocks = _clocks(
        settings, spec, queue, priority, received, forwarded=bool(forward_to), own_queue=True
    )
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
        forward_to=forward_to,
        located_by=located_by,
        second_queue=second,
        clocks=clocks,
        reasons=reasons,
        flags=flags,
    )
