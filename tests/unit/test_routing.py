"""Routing, table by table: every rule, every locality, out of area, weekends, bank holidays."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from portal.districts import districts
from portal.journeys.schema import journey_ids, load_journeys
from portal.places.postcodes import area_for, is_valid, normalise
from portal.routing import config
from portal.routing import decide as routing_decide

LONDON = ZoneInfo("Europe/London")
# A Wednesday in term time, with no bank holiday near it.
WEDNESDAY = datetime(2026, 11, 18, 10, 30, tzinfo=LONDON)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


# Each journey file's places: which answers say where the person is, and what out of area means.
PLACES = {journey.id: journey.places for journey in load_journeys().values()}


def decide(journey: str, answers: dict, received: datetime):
    """Routing as the portal calls it: with the journey file's own places."""
    return routing_decide(journey, answers, received, places=PLACES[journey])


# ---- postcodes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalised", "valid"),
    [
        ("cm11qh", "CM1 1QH", True),
        ("  CM1   1QH ", "CM1 1QH", True),
        ("w1a1hq", "W1A 1HQ", True),  # the widely copied regex rejects this valid postcode
        ("EC1A 1BB", "EC1A 1BB", True),
        ("SS14 1DL", "SS14 1DL", True),
        ("CM1", "CM1", False),
        ("12345", "12 345", False),
        ("CM1 1Q", "CM 11Q", False),
    ],
)
def test_postcodes_are_normalised_before_they_are_checked(raw, normalised, valid):
    assert normalise(raw) == normalised
    assert is_valid(raw) is valid


# One postcode in every one of the 12 districts, and the locality (alliance) it belongs to.
EVERY_LOCALITY = [
    ("CO4 3SQ", "colchester", "north-east-essex"),
    ("CO15 1AA", "tendring", "north-east-essex"),
    ("CM1 1QH", "chelmsford", "mid-essex"),
    ("CM7 3DB", "braintree", "mid-essex"),
    ("CM9 5DL", "maldon", "mid-essex"),
    ("CM20 1HH", "harlow", "west-essex"),
    ("IG10 1HP", "epping-forest", "west-essex"),
    ("CB11 4ER", "uttlesford", "west-essex"),
    ("SS14 1DL", "basildon", "basildon-and-brentwood"),
    ("CM14 4HE", "brentwood", "basildon-and-brentwood"),
    ("SS8 7AA", "castle-point", "castle-point-and-rochford"),
    ("SS4 1BW", "rochford", "castle-point-and-rochford"),
]


def test_the_table_covers_all_12_districts_and_5_localities():
    assert {district for _, district, _ in EVERY_LOCALITY} == {d.id for d in districts()}
    assert len({locality for _, _, locality in EVERY_LOCALITY}) == 5


@pytest.mark.parametrize("journey", journey_ids())
@pytest.mark.parametrize(("postcode", "district", "locality"), EVERY_LOCALITY)
def test_every_district_routes_to_its_locality(journey, postcode, district, locality):
    decision = decide(journey, {"postcode": postcode}, WEDNESDAY)
    assert (decision.district, decision.locality) == (district, locality)
    assert decision.out_of_area is None and decision.locality_check is False


@pytest.mark.parametrize(
    ("postcode", "council", "phone"),
    [
        ("SS1 1AA", "southend", "01702 215008"),
        ("SS2 6ER", "southend", "01702 215008"),
        ("RM17 6SL", "thurrock", "01375 511000"),
        ("SS17 0AA", "thurrock", "01375 511000"),
        ("W1A 1HQ", "outside", None),
        ("IP1 1AA", "outside", None),
        ("SG1 1AA", "outside", None),  # Stevenage: the SG area is Hertfordshire
        ("SG8 7AA", "outside", None),  # Royston: only SG8 8 reaches into Essex
    ],
)
def test_carers_and_care_technology_outside_essex_are_redirected(postcode, council, phone):
    # These services belong to the council where the person lives.
    for journey in ("carers-assessment", "care-technology-request"):
        decision = decide(journey, {"postcode": postcode}, WEDNESDAY)
        assert decision.queue is None and decision.due_at is None
        assert decision.out_of_area["council"] == council
        assert decision.out_of_area.get("phone") == phone
        if council == "outside":
            assert decision.out_of_area["url"] == "https://www.gov.uk/find-local-council"


@pytest.mark.parametrize(
    ("postcode", "council", "phone"),
    [
        ("SS1 1AA", "southend", "01702 215008"),
        ("RM17 6SL", "thurrock", "01375 511000"),
        ("IP1 1AA", "outside", None),  # Suffolk
        ("W1A 1HQ", "outside", None),
    ],
)
def test_a_safeguarding_report_about_an_adult_living_elsewhere_is_taken_and_forwarded(
    postcode, council, phone
):
    # Received 10:30 on a Wednesday: passed on by the close of the same working day.
    decision = decide("safeguarding-alert", {"postcode": postcode}, WEDNESDAY)
    assert decision.out_of_area is None
    assert decision.queue == "central-safeguarding-triage"
    assert decision.forward_to["council"] == council
    assert decision.forward_to.get("phone") == phone
    assert decision.due_at == at("2026-11-18 17:00")
    assert "forward-to-other-council" in [reason["id"] for reason in decision.reasons]
    assert decision.as_json()["forward_to"] == decision.forward_to


SOUTHEND_HOME = {"postcode": "SS1 1AA"}
BROOMFIELD = "CM1 7ET"


@pytest.mark.parametrize(
    ("answers", "queue", "district", "located_by", "locality_check"),
    [
        # A Southend resident harmed in Broomfield Hospital, Chelmsford, now back at home.
        (
            {
                **SOUTHEND_HOME,
                "adult_location": "home",
                "where_happened": "hospital",
                "where_happened_postcode": BROOMFIELD,
            },
            "central-safeguarding-triage",
            "chelmsford",
            "where_happened_postcode",
            False,
        ),
        # ... and still in Broomfield Hospital.
        (
            {**SOUTHEND_HOME, "adult_location": "hospital", "adult_location_postcode": BROOMFIELD},
            "central-safeguarding-triage",
            "chelmsford",
            "adult_location_postcode",
            False,
        ),
        # A Thurrock resident now in an Essex care home (Basildon).
        (
            {
                "postcode": "RM17 6SL",
                "adult_location": "care-home",
                "adult_location_postcode": "SS14 1DL",
            },
            "central-safeguarding-triage",
            "basildon",
            "adult_location_postcode",
            False,
        ),
        # Where the adult is now comes before where they live.
        (
            {
                "postcode": "CM1 1QH",
                "adult_location": "care-home",
                "adult_location_postcode": "CO4 3SQ",
            },
            "central-safeguarding-triage",
            "colchester",
            "adult_location_postcode",
            False,
        ),
        # At home: where they live is where they are now, before where it happened.
        (
            {
                "postcode": "CM1 1QH",
                "adult_location": "home",
                "where_happened": "other-home",
                "where_happened_postcode": "CO4 3SQ",
            },
            "central-safeguarding-triage",
            "chelmsford",
            "postcode",
            False,
        ),
        # A provider's service in Essex, about a Southend resident.
        (
            {**SOUTHEND_HOME, "service_address": {"line_1": "1 Road", "postcode": "CO4 3SQ"}},
            "central-safeguarding-triage",
            "colchester",
            "service_address",
            False,
        ),
        # Nothing known: Essex takes it and checks the locality.
        ({"adult_location": "not-known"}, "central-safeguarding-triage", None, None, True),
        # One place may be in Essex (a boundary district nobody resolved): Essex checks.
        (
            {**SOUTHEND_HOME, "adult_location": "elsewhere", "adult_location_postcode": "CM3 5AB"},
            "central-safeguarding-triage",
            None,
            None,
            True,
        ),
    ],
)
def test_a_safeguarding_report_is_routed_on_where_the_adult_is_then_the_harm_then_home(
    answers, queue, district, located_by, locality_check
):
    decision = decide("safeguarding-alert", answers, WEDNESDAY)
    assert decision.out_of_area is None and decision.forward_to is None
    assert (decision.queue, decision.district, decision.located_by) == (queue, district, located_by)
    assert decision.locality_check is locality_check


def test_a_report_where_every_place_is_outside_essex_names_the_first_council():
    answers = {
        "postcode": "IP1 1AA",
        "adult_location": "hospital",
        "adult_location_postcode": "SS1 1AA",
        "where_happened": "other-home",
        "where_happened_postcode": "RM17 6SL",
    }
    decision = decide("safeguarding-alert", answers, at("2026-11-20 17:30"))  # Friday, closed
    assert decision.queue == "central-safeguarding-triage"
    assert decision.forward_to["name"] == "Southend-on-Sea City Council"
    assert decision.located_by == "adult_location_postcode"
    assert decision.due_at == at("2026-11-23 17:00")  # the close of the next working day


@pytest.mark.parametrize(
    ("answers", "district", "check"),
    [
        ({"postcode": "CM3 5AB"}, None, True),  # crosses a boundary and nobody said which
        ({"postcode": "CM3 5AB", "council_area": "not-sure"}, None, True),
        ({"postcode": "CM3 5AB", "council_area": "maldon"}, "maldon", False),
        ({"postcode": "CM3 5AB", "council_area": "harlow"}, None, True),  # not one of CM3's
        ({"postcode": "CM99 1AA", "council_area": "chelmsford"}, "chelmsford", False),
        ({}, None, True),  # the reporter did not know the address
    ],
)
def test_a_shared_postcode_district_is_resolved_by_asking_never_guessed(answers, district, check):
    decision = decide("safeguarding-alert", answers, WEDNESDAY)
    assert decision.district == district
    assert decision.locality_check is check
    assert decision.queue == "central-safeguarding-triage"
    assert ("locality-check" in [r["id"] for r in decision.reasons]) is check


# Known errors in the hand-compiled table (issue 7 section 8): each edge postcode, the council
# its resident names, and where the form then goes. Before the fix, each was decided wrongly
# without asking (CM1 4 as Chelmsford, SG8 8 as outside Essex ...) or refused the right answer.
EDGES = [
    ("CM1 4QR", "uttlesford", "uttlesford"),  # High Easter
    ("CM8 3TB", "maldon", "maldon"),  # Wickham Bishops
    ("CM20 2DX", "outside", "outside"),  # Gilston, Eastwick: East Hertfordshire
    ("CB10 1RX", "outside", "outside"),  # Hinxton, Ickleton: South Cambridgeshire
    ("CM21 9JX", "epping-forest", "epping-forest"),  # Lower Sheering
    ("CM22 7NA", "epping-forest", "epping-forest"),  # Sheering
    ("RM4 1ED", "brentwood", "brentwood"),  # Navestock
    ("SS11 8UL", "rochford", "rochford"),  # Rawreth, Battlesbridge
    ("SG8 8QR", "uttlesford", "uttlesford"),  # Chrishall
]


@pytest.mark.parametrize(("postcode", "answer", "place"), EDGES)
def test_an_edge_postcode_is_asked_about_and_the_residents_answer_is_accepted(
    postcode, answer, place
):
    asked = decide("care-technology-request", {"postcode": postcode}, WEDNESDAY)
    assert asked.locality_check is True and asked.district is None  # asked, never guessed
    answered = decide(
        "care-technology-request", {"postcode": postcode, "council_area": answer}, WEDNESDAY
    )
    if place == "outside":
        assert answered.out_of_area["council"] == "outside" and answered.queue is None
    else:
        assert answered.district == place and answered.locality_check is False


@pytest.mark.parametrize(
    ("postcode", "district"),
    [
        ("CM1 1QH", "chelmsford"),  # the rest of CM1 is still Chelmsford
        ("CM8 1AA", "braintree"),  # Witham
        ("CM20 1HH", "harlow"),
        ("CB10 2AA", "uttlesford"),  # Saffron Walden
    ],
)
def test_the_rest_of_a_district_with_a_split_sector_is_still_known(postcode, district):
    assert area_for(postcode).known == district


def test_a_shared_district_says_southend_when_the_resident_does():
    answers = {"postcode": "SS9 1AA", "council_area": "southend"}
    assert decide("carers-assessment", answers, WEDNESDAY).out_of_area["council"] == "southend"
    assert decide("safeguarding-alert", answers, WEDNESDAY).forward_to["council"] == "southend"
    assert area_for("SS9 1AA").councils == ("southend", "castle-point")


# ---- rules: queue and priority ----------------------------------------------------------

ESSEX = {"postcode": "CM1 1QH"}

RULES = [
    # journey, extra answers, expected queue, expected priority, rules that fire
    ("safeguarding-alert", {}, "central-safeguarding-triage", "standard", []),
    (
        "safeguarding-alert",
        {"concern_about": "organisation"},
        "organisational-safeguarding",
        "standard",
        ["organisational-concern"],
    ),
    (
        "safeguarding-alert",
        {"abuse_types": ["organisational"]},
        "organisational-safeguarding",
        "standard",
        ["organisational-concern"],
    ),
    (
        "safeguarding-alert",
        {"people_affected": "several"},
        "organisational-safeguarding",
        "standard",
        ["organisational-concern"],
    ),
    (
        "safeguarding-alert",
        {"still_happening": "yes", "alleged_still_in_contact": "yes"},
        "central-safeguarding-triage",
        "urgent",
        ["ongoing-risk-with-alleged-person-in-contact", "ongoing-risk"],
    ),
    (
        "safeguarding-alert",
        {"still_happening": "yes", "alleged_still_in_contact": "no"},
        "central-safeguarding-triage",
        "high",
        ["ongoing-risk"],
    ),
    (
        "safeguarding-alert",
        {"others_at_risk": "children"},
        "central-safeguarding-triage",
        "high",
        ["others-at-risk"],
    ),
    (
        "safeguarding-alert",
        {"abuse_types": ["physical", "financial"]},
        "central-safeguarding-triage",
        "high",
        ["sexual-or-physical-harm"],
    ),
    (
        "safeguarding-alert",
        {"abuse_types": ["sexual"]},
        "central-safeguarding-triage",
        "high",
        ["sexual-or-physical-harm"],
    ),
    (
        "safeguarding-alert",
        {"adult_safe_now": "no"},
        "central-safeguarding-triage",
        "urgent",
        ["adult-not-safe-now"],
    ),
    ("carers-assessment", {}, "carers", "standard", []),
    # A carer's assessment stays with the Carers team, known to ASC or not (003 L419).
    ("carers-assessment", {"known_to_asc": "yes-no-worker"}, "carers", "standard", []),
    ("carers-assessment", {"known_to_asc": "yes-with-worker"}, "carers", "standard", []),
    ("carers-assessment", {"carry_on": "no-cannot"}, "carers", "urgent", ["cannot-carry-on"]),
    ("carers-assessment", {"carry_on": "no-not-willing"}, "carers", "urgent", ["cannot-carry-on"]),
    ("carers-assessment", {"feel_safe": "no"}, "carers", "urgent", ["carer-unsafe"]),
    ("carers-assessment", {"carry_on": "not-sure"}, "carers", "high", ["risk-of-breakdown"]),
    (
        "carers-assessment",
        {"health_impact": "much-worse"},
        "carers",
        "high",
        ["health-getting-worse"],
    ),
    (
        "carers-assessment",
        {"outcome_home": "cannot", "outcome_food": "distress", "outcome_leisure": "risk"},
        "carers",
        "high",
        ["several-outcomes-not-achieved"],
    ),
    (
        "carers-assessment",
        {"outcome_home": "cannot", "outcome_food": "distress"},
        "carers",
        "standard",
        [],
    ),
    ("care-technology-request", {}, "care-technology", "standard", []),
    # The Countywide Duty Team is for people known to ASC without an allocated worker (L421).
    (
        "care-technology-request",
        {"known_to_asc": "yes-no-worker"},
        "ascc-duty",
        "standard",
        ["known-to-asc-no-worker"],
    ),
    (
        "care-technology-request",
        {"known_to_asc": "yes-with-worker"},
        "care-technology",
        "standard",
        [],
    ),
    (
        "care-technology-request",
        {"in_hospital": "yes", "discharge_date": "2026-11-19"},
        "care-technology",
        "urgent",
        ["hospital-discharge-soon", "hospital-discharge"],
    ),
    (
        "care-technology-request",
        {"in_hospital": "yes", "discharge_date": "2026-12-10"},
        "care-technology",
        "high",
        ["hospital-discharge"],
    ),
    (
        "care-technology-request",
        {"in_hospital": "yes", "discharge_date": {"date": "2026-11-20"}},
        "care-technology",
        "urgent",
        ["hospital-discharge-soon", "hospital-discharge"],
    ),
    (
        "care-technology-request",
        {"in_hospital": "yes", "discharge_date": {"unknown": True}},
        "care-technology",
        "high",
        ["hospital-discharge"],
    ),
    (
        "care-technology-request",
        {"fallen_recently": "yes", "fall_could_not_get_up": "yes"},
        "care-technology",
        "urgent",
        ["fall-could-not-get-up", "recent-falls"],
    ),
    (
        "care-technology-request",
        {"fallen_recently": "yes"},
        "care-technology",
        "high",
        ["recent-falls"],
    ),
    (
        "care-technology-request",
        {"lives_alone": "yes", "needs": ["memory", "falls"]},
        "care-technology",
        "high",
        ["lives-alone-with-memory-problems"],
    ),
    (
        "care-technology-request",
        {"lives_alone": "no", "needs": ["memory"]},
        "care-technology",
        "standard",
        [],
    ),
]


@pytest.mark.parametrize(("journey", "answers", "queue", "priority", "fired"), RULES)
def test_every_rule(journey, answers, queue, priority, fired):
    decision = decide(journey, {**ESSEX, **answers}, WEDNESDAY)
    assert (decision.queue, decision.priority) == (queue, priority)
    assert [reason["id"] for reason in decision.reasons] == fired


def test_every_rule_in_the_file_has_a_row_in_the_table():
    tested = {rule for *_, fired in RULES for rule in fired}
    for journey, spec in config().journeys.items():
        for rule in spec["rules"]:
            assert rule["id"] in tested, f"{journey}/{rule['id']} is not tested"


def test_carer_triage_flags_are_recorded_for_staff():
    decision = decide(
        "carers-assessment",
        {
            **ESSEX,
            "outcome_work": "distress",
            "outcome_leisure": "manage",
            "carry_on": "not-sure",
            "emergency_plan": "no",
            "health_impact": "worse",
        },
        WEDNESDAY,
    )
    assert [flag["id"] for flag in decision.flags] == [
        "possible-eligible-need-f",
        "health-at-risk",
        "at-risk-of-carer-breakdown",
        "needs-emergency-plan",
    ]


@pytest.mark.parametrize(
    ("journey", "known", "flag"),
    [
        ("carers-assessment", "yes-with-worker", "has-allocated-worker"),
        ("carers-assessment", "yes-no-worker", "known-to-asc-no-worker"),
        ("care-technology-request", "yes-with-worker", "has-allocated-worker"),
    ],
)
def test_a_person_known_to_asc_is_flagged_so_staff_tell_their_worker(journey, known, flag):
    decision = decide(journey, {**ESSEX, "known_to_asc": known}, WEDNESDAY)
    assert flag in [item["id"] for item in decision.flags]
    assert decide(journey, {**ESSEX, "known_to_asc": "no"}, WEDNESDAY).flags == []


@pytest.mark.parametrize(
    ("answers", "flags"),
    [
        ({"consent_referral": "yes"}, []),
        ({"consent_referral": "may-lack-capacity"}, ["may-lack-capacity"]),
        ({"consent_referral": "yes", "capacity": "no"}, ["may-lack-capacity"]),
        ({"consent_referral": "decided-for-them"}, ["agreed-by-attorney-or-deputy"]),
    ],
)
def test_care_technology_consent_staff_must_check_is_flagged(answers, flags):
    decision = decide("care-technology-request", {**ESSEX, **answers}, WEDNESDAY)
    assert [flag["id"] for flag in decision.flags] == flags
    assert decision.queue == "care-technology"


def test_a_carers_safe_contact_answers_come_first_in_the_staff_flags():
    decision = decide(
        "carers-assessment",
        {
            **ESSEX,
            "emergency_plan": "no",
            "call_times": "certain-times",
            "leave_message": "no",
            "say_who_is_calling": "no",
        },
        WEDNESDAY,
    )
    assert [flag["id"] for flag in decision.flags][:3] == [
        "call-at-safe-times-only",
        "do-not-leave-a-message",
        "do-not-say-who-is-calling",
    ]
    safe = {"call_times": "any-time", "leave_message": "yes", "say_who_is_calling": "yes"}
    assert decide("carers-assessment", {**ESSEX, **safe}, WEDNESDAY).flags == []


# ---- the working-day clock --------------------------------------------------------------

DUE_TIMES = [
    # received, journey, answers, due
    ("2026-11-18 10:30", "safeguarding-alert", {}, "2026-11-19 17:00"),  # next working day
    ("2026-11-19 10:30", "safeguarding-alert", {}, "2026-11-20 16:30"),  # Friday closes 16:30
    ("2026-11-20 16:00", "safeguarding-alert", {}, "2026-11-23 17:00"),  # Friday -> Monday
    ("2026-11-21 09:00", "safeguarding-alert", {}, "2026-11-23 17:00"),  # Saturday -> Monday
    ("2026-11-22 23:59", "safeguarding-alert", {}, "2026-11-23 17:00"),  # Sunday -> Monday
    (
        "2026-12-24 12:00",
        "safeguarding-alert",
        {},
        "2026-12-29 17:00",
    ),  # Christmas, Boxing Day
    (
        "2026-04-02 11:00",
        "safeguarding-alert",
        {},
        "2026-04-07 17:00",
    ),  # Easter
    ("2026-08-28 11:00", "safeguarding-alert", {}, "2026-09-01 17:00"),  # late summer bank holiday
    ("2027-12-24 11:00", "safeguarding-alert", {}, "2027-12-29 17:00"),  # 2027: both observed days
    (
        "2026-11-21 09:00",
        "safeguarding-alert",
        {"still_happening": "yes", "alleged_still_in_contact": "yes"},
        "2026-11-22 09:00",
    ),  # clock hours
    ("2026-11-18 10:30", "carers-assessment", {}, "2026-12-02 17:00"),  # 10 working days
    (
        "2026-12-17 10:30",
        "carers-assessment",
        {},
        "2027-01-05 17:00",
    ),  # over Christmas
    ("2026-11-18 10:30", "carers-assessment", {"carry_on": "not-sure"}, "2026-11-23 17:00"),
    (
        "2026-11-20 10:30",
        "care-technology-request",
        {"fallen_recently": "yes", "fall_could_not_get_up": "yes"},
        "2026-11-23 17:00",
    ),
]


@pytest.mark.parametrize(("received", "journey", "answers", "due"), DUE_TIMES)
def test_due_times_skip_weekends_and_bank_holidays(received, journey, answers, due):
    decision = decide(journey, {**ESSEX, **answers}, at(received))
    assert decision.due_at == at(due)


def test_due_times_carry_the_uk_offset_in_summer_and_winter():
    summer = decide("safeguarding-alert", ESSEX, at("2026-07-01 10:00"))
    winter = decide("safeguarding-alert", ESSEX, at("2026-12-01 10:00"))
    assert summer.as_json()["due_at"] == "2026-07-02T17:00:00+01:00"
    assert winter.as_json()["due_at"] == "2026-12-02T17:00:00+00:00"


@pytest.fixture
def routing_file(tmp_path):
    """routing.yaml in a copy of forms/ that a test may spoil; an app given the folder as its
    FORMS_DIR reads it instead."""
    import shutil

    import portal.routing as routing

    folder = tmp_path / "forms"
    shutil.copytree(routing.ROUTING_FILE.parent, folder)
    yield folder / "routing.yaml"
    routing.config.cache_clear()


def _spoil(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_misspelt_answer_id_in_a_routing_rule_stops_start_up(routing_file, sqlite_url):
    from portal.routing import RoutingError
    from tests.conftest import build_app

    _spoil(
        routing_file,
        '{answer: still_happening, equals: "yes"}',
        '{answer: still_hapening, equals: "yes"}',
    )
    with pytest.raises(RoutingError) as raised:
        build_app(sqlite_url, migrated=False, forms_dir=routing_file.parent)
    message = str(raised.value)
    assert "routing.yaml" in message
    assert (
        "journey safeguarding-alert / rule ongoing-risk-with-alleged-person-in-contact" in message
    )
    assert "unknown question 'still_hapening'" in message


def test_an_unknown_answer_code_in_a_routing_rule_stops_start_up(routing_file):
    from portal.journeys.routing_checks import check_journeys
    from portal.journeys.schema import load_journeys
    from portal.routing import RoutingError

    _spoil(
        routing_file, "{answer: carry_on, equals: not-sure}", "{answer: carry_on, equals: not_sure}"
    )
    with pytest.raises(RoutingError) as raised:
        check_journeys(load_journeys(routing_file.parent), config(routing_file.parent))
    message = str(raised.value)
    assert "journey carers-assessment / rule risk-of-breakdown" in message
    assert "'carry_on' names the code 'not_sure', which it does not offer" in message


def test_an_unknown_answer_code_in_a_journey_condition_is_reported(tmp_path):
    import shutil

    from portal.journeys.schema import FORMS_DIR, JourneyError, load_journey

    copy = tmp_path / "safeguarding-alert.yaml"
    shutil.copy(FORMS_DIR / "safeguarding-alert.yaml", copy)
    _spoil(
        copy,
        '{answer: police_informed, equals: "yes"}',
        '{answer: police_informed, equals: "yes-please"}',
    )
    with pytest.raises(JourneyError, match="names the code 'yes-please'"):
        load_journey(copy)


def test_a_next_step_on_an_unknown_answer_code_is_reported(tmp_path):
    import shutil

    from portal.journeys.schema import FORMS_DIR, JourneyError, load_journey

    copy = tmp_path / "care-technology-request.yaml"
    shutil.copy(FORMS_DIR / "care-technology-request.yaml", copy)
    _spoil(
        copy,
        "when: {answer: known_to_asc, equals: yes-with-worker}",
        "when: {answer: known_to_asc, equals: yes-with-a-worker}",
    )
    with pytest.raises(JourneyError, match=r"next_steps: .*names the code 'yes-with-a-worker'"):
        load_journey(copy)


def test_a_next_step_is_shown_only_when_its_condition_holds():
    from portal.journeys.schema import load_journeys

    tech = load_journeys()["care-technology-request"]
    plain = tech.next_steps_for({"known_to_asc": "no"})
    known = tech.next_steps_for({"known_to_asc": "yes-with-worker"})
    assert len(known) == len(plain) + 1
    assert set(plain) < set(known)


# ---- opening hours, further clocks and a second queue -----------------------------------


def test_opening_hours_come_from_contacts_yaml_only():
    from portal.contacts import load_contacts
    from portal.routing.clock import hours_by_weekday

    hours = hours_by_weekday(load_contacts()["adult_social_care"].hours)
    assert config().clock.hours == hours
    assert str(hours[4][1]) == "16:30:00" and 5 not in hours  # Friday closes 16:30; no Saturday
    from portal.routing import ROUTING_FILE

    assert "working_day_ends" not in ROUTING_FILE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("moment", "is_open", "same_day", "promised"),
    [
        ("2026-11-18 10:30", True, "2026-11-18 17:00", "2026-11-18 10:30"),
        ("2026-11-18 08:00", False, "2026-11-18 17:00", "2026-11-18 17:00"),  # before opening
        ("2026-11-20 16:15", True, "2026-11-20 16:30", "2026-11-20 16:15"),
        ("2026-11-20 16:30", False, "2026-11-23 17:00", "2026-11-20 16:30"),  # the close counts
        ("2026-11-21 16:00", False, "2026-11-23 17:00", "2026-11-23 17:00"),  # Saturday
        ("2026-12-25 10:00", False, "2026-12-29 17:00", "2026-12-29 17:00"),  # Christmas
    ],
)
def test_the_clock_knows_when_the_team_is_at_work(moment, is_open, same_day, promised):
    clock = config().clock
    assert clock.is_open(at(moment)) is is_open
    assert clock.same_working_day(at(moment)) == at(same_day)
    assert clock.within_hours(at(moment)) == at(promised)


def test_an_urgent_alert_carries_allocation_and_s42_decision_clocks():
    received = at("2026-11-20 16:00")
    urgent = decide(
        "safeguarding-alert",
        {**ESSEX, "still_happening": "yes", "alleged_still_in_contact": "yes"},
        received,
    )
    assert [(c["id"], c["due_at"]) for c in urgent.clocks] == [
        ("screening", at("2026-11-21 16:00")),
        ("allocation", at("2026-11-22 16:00")),
        ("s42-decision", at("2026-11-23 16:00")),
    ]
    assert urgent.as_json()["clocks"][1] == {
        "id": "allocation",
        "due_at": "2026-11-22T16:00:00+00:00",
    }
    standard = decide("safeguarding-alert", ESSEX, received)
    assert [c["id"] for c in standard.clocks] == ["screening"]


def test_a_carer_who_is_not_safe_is_also_seen_by_safeguarding_triage_the_same_day():
    decision = decide("carers-assessment", {**ESSEX, "feel_safe": "no"}, WEDNESDAY)
    assert (decision.queue, decision.priority) == ("carers", "urgent")
    assert decision.second_queue == {
        "queue": "central-safeguarding-triage",
        "queue_name": "Central Safeguarding Triage",
        "due_at": at("2026-11-18 17:00"),
        "reason": "The carer says they do not feel safe",
    }
    assert decision.as_json()["second_queue"]["due_at"] == "2026-11-18T17:00:00+00:00"
    assert decide("carers-assessment", ESSEX, WEDNESDAY).second_queue is None


def test_a_misspelt_place_answer_stops_start_up(routing_file):
    from portal.journeys.routing_checks import check_journeys
    from portal.journeys.schema import load_journeys
    from portal.routing import RoutingError

    _spoil(routing_file, "      - adult_location_postcode\n", "      - adult_locaton_postcode\n")
    with pytest.raises(RoutingError, match="'adult_locaton_postcode' is not a postcode"):
        check_journeys(load_journeys(routing_file.parent), config(routing_file.parent))


def test_an_unknown_forwarding_queue_stops_start_up(routing_file):
    from portal.routing import RoutingError

    _spoil(
        routing_file,
        "forward_queue: central-safeguarding-triage",
        "forward_queue: ascc-dooty",
    )
    with pytest.raises(RoutingError, match="forward_queue names unknown queue 'ascc-dooty'"):
        config(routing_file.parent)


@pytest.mark.parametrize("who", ["adult", "my"])
def test_safe_contact_answers_are_flagged_for_staff_to_read_first(who):
    answers = {
        **ESSEX,
        f"{who}_safe_times": "some-times",
        f"{who}_message_ok": "no",
        f"{who}_say_who": "no",
    }
    decision = decide("safeguarding-alert", answers, WEDNESDAY)
    assert [flag["id"] for flag in decision.flags] == [
        "do-not-leave-a-message",
        "do-not-say-who-is-calling",
        "call-only-at-safe-times",
    ]
    relaxed = {**ESSEX, f"{who}_safe_times": "any-time", f"{who}_message_ok": "yes"}
    assert decide("safeguarding-alert", relaxed, WEDNESDAY).flags == []


def test_a_misspelt_key_in_the_routing_file_is_named_with_its_place(routing_file):
    from portal.routing import RoutingError

    _spoil(
        routing_file,
        "        reason: The concern is about a provider",
        "        reasn: The concern is about a provider",
    )
    _spoil(routing_file, "standard_clock: screening", "standard_clok: screening")
    with pytest.raises(RoutingError) as raised:
        config(routing_file.parent)
    message = str(raised.value)
    assert message.startswith("routing.yaml has problems:\n  - ")
    assert (
        "journey safeguarding-alert / rule organisational-concern: unknown key 'reasn' "
        "(did you mean 'reason'?)"
    ) in message
    assert (
        "journey safeguarding-alert / rule organisational-concern: missing key 'reason'" in message
    )
    assert "journey safeguarding-alert: unknown key 'standard_clok'" in message


# ---- places: the journey file says which answers are where the person is -------------------


def test_routing_reads_the_postcode_and_council_answers_the_journey_names():
    from portal.routing import Places

    places = Places(postcode="home_postcode", council_area="home_council")
    named = routing_decide(
        "care-technology-request", {"home_postcode": "CM1 1QH"}, WEDNESDAY, places=places
    )
    assert (named.district, named.locality_check) == ("chelmsford", False)
    # An answer called "postcode" means nothing to a journey whose places do not name it.
    other = routing_decide(
        "care-technology-request", {"postcode": "CM1 1QH"}, WEDNESDAY, places=places
    )
    assert (other.district, other.locality_check) == (None, True)
    edge = {"home_postcode": "CM20 2DX", "home_council": "outside"}
    assert (
        routing_decide("carers-assessment", edge, WEDNESDAY, places=places).out_of_area["council"]
        == "outside"
    )


def test_what_out_of_area_means_comes_from_the_journeys_places():
    from portal.routing import Places

    southend = {"postcode": "SS1 1AA"}
    redirected = routing_decide(
        "safeguarding-alert", southend, WEDNESDAY, places=Places("postcode", out_of_area="redirect")
    )
    assert redirected.out_of_area["council"] == "southend" and redirected.queue is None
    forwarded = decide("safeguarding-alert", southend, WEDNESDAY)
    assert forwarded.forward_to["council"] == "southend"
    assert forwarded.queue == "central-safeguarding-triage"


def test_each_forms_folder_has_its_own_routing(routing_file):
    _spoil(routing_file, "  carers: Carers\n", "  carers: Carers and Families\n")
    assert config(routing_file.parent).queues["carers"] == "Carers and Families"
    assert config().queues["carers"] == "Carers"  # forms/ itself is read apart


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    default_queue: carers\n",
            "    default_queue: carers\n    forward_queue: ascc-duty\n",
            "journey carers-assessment: forward_queue is only for a journey that forwards "
            "(carers-assessment.yaml places out_of_area: redirect)",
        ),
        (
            "    forward_queue: central-safeguarding-triage\n",
            "",
            "journey safeguarding-alert: safeguarding-alert.yaml places out_of_area: forward "
            "needs forward_queue",
        ),
    ],
)
def test_routing_that_does_not_fit_the_journeys_out_of_area_stops_start_up(
    routing_file, old, new, expected
):
    import re

    from portal.journeys.routing_checks import check_journeys
    from portal.routing import RoutingError

    _spoil(routing_file, old, new)
    if not new:  # without forward_queue the schema refuses place_answers: take them out too
        text = routing_file.read_text(encoding="utf-8")
        routing_file.write_text(re.sub(r"    place_answers:\n(      - .*\n)+", "", text))
    with pytest.raises(RoutingError) as raised:
        check_journeys(load_journeys(routing_file.parent), config(routing_file.parent))
    assert expected in str(raised.value)
