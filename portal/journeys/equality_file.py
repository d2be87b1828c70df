"""config/equality-monitoring.yaml read into one page of questions, written like a journey's.

Kept apart from portal/journeys_web/equality.py (its pages) so the Babel extractor can read the file
with the same code as the app without importing the web layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portal import filecheck
from portal.config import PROJECT_ROOT
from portal.journeys.schema import JourneyError, Page, read_questions

MONITORING_FILE = PROJECT_ROOT / "config" / "equality-monitoring.yaml"


@dataclass(frozen=True)
class Monitoring:
    offered_after: frozenset[str]
    page: Page


def read_monitoring(path: Path = MONITORING_FILE) -> Monitoring:
    raw, problems = filecheck.read(path)
    problems = problems or filecheck.problems(raw, "equality-monitoring")
    if problems:
        found = filecheck.in_file(path.name, problems)
        raise JourneyError("Equality monitoring has problems:\n  - " + "\n  - ".join(found))
    [section] = raw["sections"]
    [raw_page] = section["pages"]
    questions = read_questions(raw_page["questions"])
    page = Page(
        id=raw_page["id"],
        section=section["id"],
        questions=questions,
        title=raw_page["title"],
        intro=tuple(raw_page.get("intro") or ()),
    )
    return Monitoring(frozenset(raw.get("offered_after") or ()), page)
