"""The checks of a journey that its JSON Schema cannot make: what its parts mean together.

Ids used once; every condition reads questions the journey has, compares a choice only with
codes it offers and uses only tests offered in its place; every stop exists; its places name
questions of the right type, and only a journey that stops for another council's area uses the
engine's out-of-area page; every page and conditional question is reached by some answers
(portal/journeys/reach.py). The schema has already checked the shape of every part, so this reads
them without guarding.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from portal.conditions import ConditionError, codes_named, questions_named, tests_named
from portal.conditions import check as check_tests
from portal.contacts import CALL_SENTENCES
from portal.journeys.languages import languages
from portal.journeys.reach import TooTangled, reach
from portal.journeys.schema import OUT_OF_AREA, Journey, Page
from portal.routing import REDIRECT

# Tests the engine adds to the condition language (see portal/journeys/path.py).
ENGINE_TESTS = ("area_is", "age_under")
CHOICE_TYPES = ("radios", "checkboxes", "yesno")
# Tests that mean something for some answer types only (the others compare codes or presence).
_TEST_TYPES = {
    "area_is": ("postcode",),
    "age_under": ("date",),
    "within_working_days": ("date",),
    "includes": ("checkboxes",),
    "fewer_than": ("list",),
}


def problems(journey: Journey) -> list[str]:
    """Every problem of meaning in a journey, each as "place: what is wrong"."""
    found = _repeated_ids(journey)
    for page in journey.pages:
        place = f"page {page.id}"
        found += condition_problems(page.when, journey, f"{place} / when", ENGINE_TESTS)
        for question in page.questions:
            found += condition_problems(
                question.when, journey, f"{place} / question {question.id} / when", ENGINE_TESTS
            )
        for number, (condition, stop) in enumerate(page.stops):
            where = f"{place} / stops[{number}]"
            found += condition_problems(condition, journey, where, ENGINE_TESTS)
            if stop not in journey.stops and stop != OUT_OF_AREA:
                found.append(f"{where}: unknown stop {stop!r}")
    for step in journey.next_steps:
        # Shown on the confirmation page from the sent answers alone: no engine tests.
        found += condition_problems(step.when, journey, "next_steps")
    for number, offer in enumerate(journey.confirmation_offers):
        where = f"confirmation_offers[{number}]"
        found += condition_problems(offer.when, journey, f"{where} / when")
        if offer.journey == journey.id:
            found.append(f"{where}: a form cannot offer itself on its own confirmation page")
    found += _named_parts(journey)
    found += _place_problems(journey)
    found += _work_problems(journey)
    if not found:  # exploring the path assumes every condition names what exists
        found += _unreachable(journey)
    return found


def condition_problems(
    condition: dict | None,
    journey: Journey,
    place: str,
    extra_tests: Collection[str] = (),
) -> list[str]:
    """What a (schema-checked) condition names that the journey does not have: a test this
    place does not offer, a question id, an answer code a choice question does not offer, or a
    test that means nothing for the question's type. Each as "place: what is wrong"."""
    if not condition:
        return []
    try:
        check_tests(condition, extra_tests)
    except ConditionError as error:
        return [f"{place}: {error}"]
    questions = journey.questions()
    found = [
        f"{place}: condition on unknown question {name!r}"
        for name in sorted(questions_named(condition) - set(questions))
    ]
    for name, code in sorted(codes_named(condition)):
        question = questions.get(name)
        if question is None or question.type not in CHOICE_TYPES:
            continue  # council areas come from the postcode data, free text has no codes
        if question.option(code) is None:
            offered = ", ".join(option.value for option in question.options)
            found.append(
                f"{place}: condition on {name!r} names the code {code!r}, which it does not "
                f"offer (it offers {offered})"
            )
    for name, test in sorted(tests_named(condition)):
        question = questions.get(name)
        types = _TEST_TYPES.get(test)
        if question is not None and types and question.type not in types:
            found.append(
                f"{place}: {test} is for {' or '.join(types)} questions, and {name!r} is "
                f"a {question.type} question"
            )
    return found


def _repeated(kind: str, ids: Iterable[str]) -> list[str]:
    seen: list[str] = []
    found = []
    for value in ids:
        if value in seen:
            found.append(f"{kind} id {value!r} is used twice")
        seen.append(value)
    return found


def _repeated_ids(journey: Journey) -> list[str]:
    found = _repeated("section", (section.id for section in journey.sections))
    found += _repeated("page", (page.id for page in journey.pages))
    found += _repeated("question", (q.id for page in journey.pages for q in page.questions))
    for question in journey.questions().values():
        found += [
            f"question {question.id}: {problem}"
            for problem in _repeated("field", (item.id for item in question.fields))
        ]
    # Read into a mapping by id, so a second stop with an id would silently replace the first.
    return found


def _named_parts(journey: Journey) -> list[str]:
    """Ids the journey's own keys name: questions, sections, contacts."""
    found = []
    questions = journey.questions()
    for question in questions.values():
        source = questions.get(question.lookup_from) if question.lookup_from else None
        if question.lookup_from and (source is None or source.type != "postcode"):
            found.append(
                f"question {question.id}: lookup_from must name a postcode question, "
                f"not {question.lookup_from!r}"
            )
    for name, kind in (("email_question", "email"), ("contact_consent_question", None)):
        value = getattr(journey, name)
        if value and (value not in questions or (kind and questions[value].type != kind)):
            found.append(f"{name} {value!r} is not {'an ' + kind if kind else 'a'} question")
    for section in journey.first_sections:
        if journey.section(section) is None:
            found.append(f"first_sections names unknown section {section!r}")
    for stop in journey.stops.values():
        for contact in stop.contacts:
            if contact not in CALL_SENTENCES:
                known = ", ".join(sorted(CALL_SENTENCES))
                found.append(f"stop {stop.id}: unknown contact {contact!r} (one of {known})")
    return found


# The answer types each part of the person may be read from.
_PERSON_TYPES = {
    "name": ("text",),
    "date_of_birth": ("date",),
    "nhs_number": ("nhs_number",),
    "postcode": ("postcode", "address"),
}


def _work_problems(journey: Journey) -> list[str]:
    """The ``work`` block names questions of this journey, of a type that can say what it is
    used for (a date of birth from a date question, a postcode from a postcode or address)."""
    work, questions = journey.work, journey.questions()
    found = []

    def check(place: str, question_id: str, types: tuple[str, ...] | None = None) -> None:
        question = questions.get(question_id)
        if question is None:
            found.append(f"{place}: unknown question {question_id!r}")
        elif types and question.type not in types:
            found.append(
                f"{place}: {question_id!r} is a {question.type} question, not {' or '.join(types)}"
            )

    for part, sources in work.person.items():
        for number, source in enumerate(sources):
            place = f"work / person / {part}[{number}]"
            for question_id in source.answers:
                check(place, question_id, _PERSON_TYPES[part])
            found += condition_problems(source.when, journey, f"{place} / when")
    for question_id in work.first:
        check("work / first", question_id)
    for number, item in enumerate(work.interpreter):
        place = f"work / interpreter[{number}]"
        if isinstance(item, str):
            check(place, item, ("language",))
            continue
        code, condition = item
        if code not in languages():
            found.append(f"{place}: unknown language code {code!r} (config/languages.yaml)")
        found += condition_problems(condition, journey, f"{place} / when")
    if work.reported_by:
        check("work / reported_by", work.reported_by, CHOICE_TYPES)
    if work.wishes:
        check("work / wishes", work.wishes)
    if isinstance(work.carer_identified, dict):
        found += condition_problems(work.carer_identified, journey, "work / carer_identified")
    return found


def _place_problems(journey: Journey) -> list[str]:
    """The places name a postcode and a council area question; the engine's out-of-area page is
    used exactly when the journey stops for a place another council serves."""
    places, questions = journey.places, journey.questions()
    found = []
    for name, kind in (("postcode", "postcode"), ("council_area", "council_area")):
        value = getattr(places, name)
        if value and (value not in questions or questions[value].type != kind):
            found.append(f"places / {name}: {value!r} is not a {kind} question of this journey")
    council = questions.get(places.council_area or "")
    if council and council.lookup_from and council.lookup_from != places.postcode:
        found.append(
            f"places / council_area: {council.id!r} follows the postcode question "
            f"{council.lookup_from!r}, not the places postcode {places.postcode!r}"
        )
    stopping = [
        f"page {page.id} / stops[{number}]"
        for page in journey.pages
        for number, (_condition, stop) in enumerate(page.stops)
        if stop == OUT_OF_AREA
    ]
    redirects = places.postcode is not None and places.out_of_area == REDIRECT
    if not redirects:
        found += [
            f"{where}: {OUT_OF_AREA} is for a journey whose places name a postcode and say "
            "out_of_area: redirect"
            for where in stopping
        ]
    elif not stopping:
        found.append(
            f"places / out_of_area: redirect needs a page that stops at {OUT_OF_AREA} for a "
            "postcode outside Essex, or the person could never send the form"
        )
    return found


def offer_problems(journeys: Iterable[Journey], file_names: Mapping[str, str]) -> list[str]:
    """Confirmation offers naming a journey that is not in the folder (``file_names``: each
    journey file's name by its id), each starting with the file's name."""
    return [
        f"{file_names.get(journey.id, journey.id)}: confirmation_offers[{number}]: offers "
        f"unknown journey {offer.journey!r}"
        for journey in journeys
        for number, offer in enumerate(journey.confirmation_offers)
        if offer.journey not in file_names
    ]


def _unreachable(journey: Journey) -> list[str]:
    try:
        reached = reach(journey)
    except TooTangled as error:
        return [f"the pages' conditions are too tangled to check which pages are reached: {error}"]
    found = []
    asked: set[str] = set()
    for page in journey.pages:
        if page.id not in reached.pages:
            found.append(f"page {page.id}: {_why_not(page, reached.considered, asked)}")
        for question in page.questions:
            if page.id in reached.pages and question.id not in reached.questions:
                found.append(
                    f"page {page.id} / question {question.id}: is never asked: no answers make "
                    "its when hold"
                )
        asked |= {question.id for question in page.questions}
    return found


def _why_not(page: Page, considered: set[str], asked_before: set[str]) -> str:
    if page.id not in considered:
        return "is never shown: every path through the form stops before it"
    later = sorted(questions_named(page.when or {}) - asked_before) if page.when else []
    because = f" (it reads {', '.join(later)}, not asked before it)" if later else ""
    return f"is never shown: no answers to the questions before it meet its when{because}"
