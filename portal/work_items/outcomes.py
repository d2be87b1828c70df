"""The outcomes staff can record for a submission, per queue: config/work-outcomes.yaml, checked
at start-up by its JSON Schema (forms/schemas/work-outcomes.schema.json) and then against the
queues in forms/routing.yaml, so every queue has outcomes and none is named that does not exist."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from portal import filecheck
from portal.config import PROJECT_ROOT, ConfigError

OUTCOMES_FILE = PROJECT_ROOT / "config" / "work-outcomes.yaml"


class OutcomesError(ConfigError, ValueError):
    """config/work-outcomes.yaml is wrong; the message lists every problem."""


@dataclass(frozen=True)
class Outcome:
    id: str
    name: str


@dataclass(frozen=True)
class Outcomes:
    by_queue: dict[str, tuple[Outcome, ...]]

    def for_queue(self, queue: str | None) -> tuple[Outcome, ...]:
        return self.by_queue.get(queue or "", ())

    def name(self, outcome_id: str | None, queue: str | None = None) -> str | None:
        """The outcome's name: as the queue words it, else as any queue does (a submission
        transferred after its outcome was recorded), else its id."""
        if outcome_id is None:
            return None
        for outcome in (*self.for_queue(queue), *(o for q in self.by_queue.values() for o in q)):
            if outcome.id == outcome_id:
                return outcome.name
        return outcome_id


def read_outcomes(path: Path, queue_ids: set[str]) -> Outcomes:
    """The outcomes in ``path``, each queue checked against ``queue_ids`` (forms/routing.yaml)."""
    raw, problems = filecheck.read(path)
    problems = problems or filecheck.problems(raw, "work-outcomes")
    if problems:
        _raise(path, problems)
    by_queue = {
        str(queue): tuple(Outcome(entry["id"], entry["name"].strip()) for entry in entries)
        for queue, entries in raw["queues"].items()
    }
    problems = [
        f"queue {queue!r} is not in forms/routing.yaml (one of {', '.join(sorted(queue_ids))})"
        for queue in by_queue
        if queue not in queue_ids
    ]
    problems += [
        f"queue {queue!r} has no outcomes: its submissions could never be closed"
        for queue in sorted(queue_ids - set(by_queue))
    ]
    for queue, outcomes in by_queue.items():
        ids = [outcome.id for outcome in outcomes]
        problems += [
            f"queue {queue!r}: outcome {outcome_id!r} is listed twice"
            for outcome_id in sorted({i for i in ids if ids.count(i) > 1})
        ]
    if problems:
        _raise(path, problems)
    return Outcomes(by_queue)


def _raise(path: Path, problems: list[str]) -> None:
    raise OutcomesError(f"{path.name} has problems:\n  - " + "\n  - ".join(problems))


@cache
def outcomes() -> Outcomes:
    from portal.routing import config as routing_config

    return read_outcomes(OUTCOMES_FILE, set(routing_config().queues))
