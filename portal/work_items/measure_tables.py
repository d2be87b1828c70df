"""The council's measures as labelled tables, for the dashboard page and its CSV downloads.

``measures.py`` counts by stored codes; this names them in English from where each is defined
(the journeys' titles, pages and options, config/districts.yaml, config/languages.yaml,
forms/routing.yaml, the advice pages), so a council renaming something changes the dashboard
without a code change. A code nothing names any more is shown as it is stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from portal.content import library
from portal.districts import alliances, districts
from portal.i18n import LOCALE_CODES
from portal.journeys.languages import OTHER, language_name, languages
from portal.journeys.schema import Journey
from portal.routing import config as routing_config
from portal.work_items import measures
from portal.work_items.measures import LATE, NOT_YET_DUE, ON_TIME, OVERDUE, Period

LABEL, COUNT, SHARE = "label", "count", "share"
NOT_KNOWN = "Not known (to be checked, or outside Essex)"
CHANNELS = {"self-service": "Online, by the person or someone helping them"}


@dataclass(frozen=True)
class Column:
    heading: str
    kind: str = COUNT  # LABEL (the first column), COUNT, or SHARE (0 to 1; None: nothing to share)


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]  # (label, value, ...) in the columns' order
    chart: int = 1  # the column the bar chart draws
    group: str | None = None  # in a measure of several tables, what this one is about

    @property
    def wide(self) -> bool:
        return len(self.columns) > 3


@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    counts: str  # what exactly is counted, for the reader
    tables: tuple[Table, ...]
    by_locality: bool = True  # False: the locality filter cannot apply (no locality is known)
    group_heading: str | None = None  # the CSV's first column when there are several tables


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _label(code: str | None) -> str:
    return code if code else "Not recorded"


class Figures:
    """The counts for a period and locality, each read from the database only when a measure
    asks for it (a CSV of one measure runs one query)."""

    def __init__(
        self,
        period: Period,
        locality: str | None,
        *,
        now: datetime,
        journeys: Mapping[str, Journey],
        queues: Collection[str] | None = None,
    ) -> None:
        """``queues``: count only submissions in (or second in) these queues, and only the
        forms that start in one of them (need to know); None counts everything."""
        self.period, self.locality, self.now, self.queues = period, locality, now, queues
        default_queues = {
            key: rules["default_queue"] for key, rules in routing_config().journeys.items()
        }
        self.titles = {journey.id: journey.title for journey in journeys.values()}
        self.journeys = sorted(
            (j for j in journeys.values() if queues is None or default_queues.get(j.id) in queues),
            key=lambda journey: journey.order,
        )

    @cached_property
    def submissions(self) -> measures.SubmissionCounts:
        return measures.submission_counts(
            self.period, self.locality, now=self.now, queues=self.queues
        )

    @cached_property
    def progress(self) -> measures.ProgressCounts:
        return measures.progress_counts(self.period, [journey.id for journey in self.journeys])

    @cached_property
    def usefulness(self) -> dict[str, tuple[int, int]]:
        return measures.usefulness_counts(self.period)

    def title_of(self, journey_id: str) -> str:
        return self.titles.get(journey_id, journey_id)


def _ordered(counter: Counter, known: list[tuple[str | None, str]]) -> tuple[tuple, ...]:
    """Rows for the known codes in their order (zeros included), then any other code counted."""
    codes = {code for code, _ in known}
    rows = [(label, counter.get(code, 0)) for code, label in known]
    rows += [(_label(code), n) for code, n in counter.most_common() if code not in codes]
    return tuple(rows)


def _single(caption: str, heading: str, rows, value: str = "Submissions") -> tuple[Table, ...]:
    return (Table(caption, (Column(heading, LABEL), Column(value)), rows),)


def _forms(figures: Figures) -> tuple[Table, ...]:
    known = [(journey.id, journey.title) for journey in figures.journeys]
    # A form that starts in another team's queue can reach these (routed or transferred here):
    # it is named by its title too.
    shown = {code for code, _title in known}
    others = sorted(code for code in figures.submissions.by_form if code not in shown)
    known += [(code, figures.title_of(code)) for code in others]
    rows = _ordered(figures.submissions.by_form, known)
    return _single("Submissions by form", "Form", rows)


def _channels(figures: Figures) -> tuple[Table, ...]:
    counted = figures.submissions.by_channel
    rows = tuple(
        (CHANNELS.get(code, _label(code).replace("-", " ").capitalize()), n)
        for code, n in sorted(counted.items(), key=lambda item: (-item[1], item[0] or ""))
    )
    return _single("Submissions by how they were sent", "How it was sent", rows)


def _localities(figures: Figures) -> tuple[Table, ...]:
    chosen = figures.locality
    known = [(code, name) for code, name in alliances().items() if chosen in (None, code)]
    if chosen is None:
        known.append((None, NOT_KNOWN))
    rows = _ordered(figures.submissions.by_locality, known)
    return _single("Submissions by locality", "Locality", rows)


def _districts(figures: Figures) -> tuple[Table, ...]:
    chosen = figures.locality
    known = [(d.id, d.name) for d in districts() if chosen in (None, d.alliance)]
    if chosen is None:
        known.append((None, NOT_KNOWN))
    rows = _ordered(figures.submissions.by_district, known)
    return _single("Submissions by district", "District", rows)


def _languages(figures: Figures) -> tuple[Table, ...]:
    known = [(code, language_name(code) or code) for code in LOCALE_CODES]
    rows = _ordered(figures.submissions.by_language, known)
    return _single("Submissions by the language the form was filled in", "Language", rows)


def _interpreters(figures: Figures) -> tuple[Table, ...]:
    names = {code: language.name for code, language in languages().items()}
    names[OTHER] = "Another language (typed in)"
    counted = figures.submissions.by_interpreter
    rows = [("No interpreter asked for", counted.get(None, 0))]
    rows += [
        (names.get(code, code), n)
        for code, n in sorted(counted.items(), key=lambda item: (-item[1], item[0] or ""))
        if code is not None
    ]
    return _single("Submissions by the interpreter asked for", "Interpreter", tuple(rows))


def _who_reported(figures: Figures) -> tuple[Table, ...]:
    tables = []
    for journey in figures.journeys:
        question = journey.questions().get(journey.work.reported_by or "")
        if question is None:
            continue
        counted = Counter()
        for (form, code), n in figures.submissions.by_reporter.items():
            if form == journey.id:
                counted[code] += n
        unanswered = counted.pop(None, 0)
        known = [(option.value, option.label) for option in question.options]
        rows = list(_ordered(counted, known))
        if unanswered:
            rows.append(("Not answered", unanswered))
        caption = (
            "Care technology requests: who asked"
            if journey.id == "care-technology-request"
            else f"{journey.title}: who filled it in"
        )
        columns = (Column("Who filled it in", LABEL), Column("Submissions"))
        tables.append(Table(caption, columns, tuple(rows), group=journey.title))
    return tuple(tables)


def _screening(figures: Figures) -> tuple[Table, ...]:
    queues = routing_config().queues
    counted = figures.submissions.screening
    rows = []
    for queue in [*queues, *(q for q in counted if q not in queues)]:
        states = counted.get(queue, Counter())
        decided = states[ON_TIME] + states[LATE] + states[OVERDUE]
        rows.append(
            (
                queues.get(queue, _label(queue)),
                states[ON_TIME],
                states[LATE],
                states[OVERDUE],
                states[NOT_YET_DUE],
                share(states[ON_TIME], decided),
            )
        )
    columns = (
        Column("Queue", LABEL),
        Column("Screened in time"),
        Column("Screened late"),
        Column("Not screened and overdue"),
        Column("Not screened, not yet due"),
        Column("Share within the standard", SHARE),
    )
    return (Table("Screening against each queue's standard", columns, tuple(rows), chart=5),)


def _wishes(figures: Figures) -> tuple[Table, ...]:
    pairs = figures.submissions.wishes_by_form.values()
    recorded, not_recorded = sum(p[0] for p in pairs), sum(p[1] for p in pairs)
    whole = recorded + not_recorded
    rows = (
        ("The adult's wishes recorded", recorded, share(recorded, whole)),
        ("Not recorded", not_recorded, share(not_recorded, whole)),
    )
    columns = (Column("Safeguarding alerts", LABEL), Column("Alerts"), Column("Share", SHARE))
    return (Table("Safeguarding alerts that record what the adult wants", columns, rows, 2),)


def _carers(figures: Figures) -> tuple[Table, ...]:
    counts = figures.submissions
    rows = tuple(
        (
            journey.title,
            counts.carers_by_form.get(journey.id, 0),
            counts.by_form.get(journey.id, 0),
            share(counts.carers_by_form.get(journey.id, 0), counts.by_form.get(journey.id, 0)),
        )
        for journey in figures.journeys
        if journey.work.carer_identified is not None
    )
    columns = (
        Column("Form", LABEL),
        Column("Carers identified"),
        Column("Submissions"),
        Column("Share", SHARE),
    )
    return (Table("Carers identified, by form", columns, rows),)


def _starts(figures: Figures) -> tuple[Table, ...]:
    progress = figures.progress
    rows = []
    for journey in figures.journeys:
        started, sent = progress.started[journey.id], progress.sent[journey.id]
        rows.append((journey.title, started, sent, started - sent, share(sent, started)))
    columns = (
        Column("Form", LABEL),
        Column("Started"),
        Column("Sent"),
        Column("Not sent"),
        Column("Share sent", SHARE),
    )
    return (Table("Forms started in the period, and how many were sent", columns, tuple(rows), 4),)


def _stops(figures: Figures) -> tuple[Table, ...]:
    tables = []
    for journey in figures.journeys:
        stopped = figures.progress.stopped_at.get(journey.id, Counter())
        pages = [(None, "Started, no page saved")]
        pages += [(page.id, page.heading) for page in journey.pages]
        named = {code for code, _ in pages}
        rows = [(label, stopped[code]) for code, label in pages if stopped.get(code)]
        gone = [code for code in stopped if code not in named]
        rows += [(f"{code} (no longer in the form)", stopped[code]) for code in gone]
        columns = (Column("Furthest page saved", LABEL), Column("Forms not sent"))
        caption = f"{journey.title}: where people stopped"
        tables.append(Table(caption, columns, tuple(rows), group=journey.title))
    return tuple(tables)


def _useful(figures: Figures) -> tuple[Table, ...]:
    content = library()
    answers = figures.usefulness

    def title(page_id: str) -> str:
        page = content.page("en", page_id)
        return page.title if page is not None else page_id

    ordered = sorted(answers.items(), key=lambda item: (-sum(item[1]), title(item[0])))
    rows = tuple((title(page), yes, no, share(yes, yes + no)) for page, (yes, no) in ordered)
    columns = (
        Column("Advice page", LABEL),
        Column("Yes"),
        Column("No"),
        Column("Share saying yes", SHARE),
    )
    return (Table("Answers to 'Is this page useful?', by page", columns, rows, chart=3),)


@dataclass(frozen=True)
class _Kind:
    title: str
    counts: str
    build: Callable[[Figures], tuple[Table, ...]]
    by_locality: bool = True
    group_heading: str | None = None


SENT = "Submissions sent in the period (by the time they were received)"
KINDS: dict[str, _Kind] = {
    "forms": _Kind("Submissions by form", f"{SENT}, by form.", _forms),
    "channels": _Kind(
        "Submissions by how they were sent", f"{SENT}, by the door they came through.", _channels
    ),
    "localities": _Kind(
        "Submissions by locality",
        f"{SENT}, by the locality (alliance) of the place that routed them. 'Not known' is a "
        "postcode whose council could not be told (a locality check) or a place outside Essex.",
        _localities,
    ),
    "districts": _Kind("Submissions by district", f"{SENT}, by district council.", _districts),
    "languages": _Kind(
        "Submissions by language", f"{SENT}, by the language the form was filled in.", _languages
    ),
    "interpreters": _Kind(
        "Interpreters asked for",
        f"{SENT}, by the interpreter the form asked for (British Sign Language included).",
        _interpreters,
    ),
    "who-reported": _Kind(
        "Who filled in each form",
        f"{SENT}, by each form's answer to who is filling it in.",
        _who_reported,
        group_heading="Form",
    ),
    "screening": _Kind(
        "Screened within the service standard",
        f"{SENT}, by the queue each is in now: screened (first acted on by staff) by its due "
        "time, screened after it, not screened and past its due time, or not screened and not "
        "yet due. The share within the standard leaves out those not yet due.",
        _screening,
    ),
    "safeguarding-wishes": _Kind(
        "Making Safeguarding Personal",
        "Safeguarding alerts sent in the period that say what the adult wants to happen.",
        _wishes,
    ),
    "carers-identified": _Kind(
        "Carers identified",
        f"{SENT} in which the person said they look after someone (every carer's "
        "self-assessment). The same carer sending two forms is counted twice.",
        _carers,
    ),
    "starts-and-sends": _Kind(
        "Forms started and sent",
        "Forms started in the period, and how many of them have been sent since. Forms not "
        "sent include some still being filled in. Started forms have no locality.",
        _starts,
        by_locality=False,
    ),
    "where-people-stop": _Kind(
        "Where people stop",
        "Forms started in the period and not sent, by the furthest page saved. Pages where "
        "nobody stopped are left out. Started forms have no locality.",
        _stops,
        by_locality=False,
        group_heading="Form",
    ),
    "page-usefulness": _Kind(
        "Was this page useful",
        "Answers to 'Is this page useful?' on advice pages in the period, in every language. "
        "Advice pages have no locality.",
        _useful,
        by_locality=False,
    ),
}


def measure(measure_id: str, figures: Figures) -> Measure:
    kind = KINDS[measure_id]
    return Measure(
        measure_id,
        kind.title,
        kind.counts,
        kind.build(figures),
        kind.by_locality,
        kind.group_heading,
    )


def every_measure(figures: Figures) -> list[Measure]:
    return [measure(measure_id, figures) for measure_id in KINDS]
