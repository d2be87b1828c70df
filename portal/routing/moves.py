"""New routing decisions made by a person: a submission transferred to another queue, or given
another priority, in the staff workspace.

The service standards are the same as for a new submission (forms/routing.yaml), counted from
when the submission arrived in the queue it is in: when it was sent, or when it was last
transferred. So raising a carer's assessment to urgent makes it due by the close of the next
working day after it was sent, and a report transferred to ASCC Duty is due by ASCC Duty's
standard from the moment of the transfer. Everything else the first decision found (the place,
the locality, the flags, who it is to be passed on to) stays as it was; its reasons are kept
and the move is added to them, so the reasons read as the submission's history.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from portal.routing import PRIORITIES, Decision, RoutingConfig, RoutingError, config, standard_due


def decision_from_json(data: dict) -> Decision:
    """A Decision read back from its JSON (Decision.as_json), with its times as datetimes."""
    fields = {field.name for field in dataclasses.fields(Decision)}
    values = {key: value for key, value in data.items() if key in fields}
    values["due_at"] = _moment(values.get("due_at"))
    values["clocks"] = [
        {**clock, "due_at": _moment(clock["due_at"])} for clock in values.get("clocks") or []
    ]
    if values.get("second_queue"):
        second = values["second_queue"]
        values["second_queue"] = {**second, "due_at": _moment(second.get("due_at"))}
    values["reasons"] = list(values.get("reasons") or [])
    values["flags"] = list(values.get("flags") or [])
    return Decision(**values)


def _moment(value):
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def journey_queues(spec: dict) -> set[str]:
    """The queues a journey's own rules send it to: the clocks it declares are for these."""
    queues = {spec["default_queue"]}
    queues.update(spec[key] for key in ("forward_queue",) if key in spec)
    queues.update(rule["queue"] for rule in spec.get("rules", []) if rule.get("queue"))
    return queues


def clocks_for(
    current: Decision, queue: str, priority: str, start: datetime, settings: RoutingConfig
) -> tuple[datetime, list[dict]]:
    """(due time, clocks) for ``queue`` at ``priority``, counted from ``start``.

    In a queue the journey's rules route to, its own clocks apply (safeguarding's screening,
    and allocation and the s.42 decision for priority 1), as routing would set them; a report
    that is to be passed to another council is due the same working day there. In any other
    queue (a safeguarding report transferred to ASCC Duty), that queue's standard is the one
    clock: the journey's extra clocks belong to the safeguarding process, not to that team.
    """
    spec = settings.journeys.get(current.journey, {})
    own = bool(spec) and queue in journey_queues(spec)
    due = standard_due(settings, queue, priority, start)
    forwarded = own and current.forward_to and queue == spec.get("forward_queue")
    if forwarded:
        due = min(settings.clock.same_working_day(start), due)
    clock_id = spec.get("standard_clock", "first-response") if own else "first-response"
    clocks = [{"id": clock_id, "due_at": due}]
    if own and not forwarded:
        clocks += [
            {"id": extra["id"], "due_at": settings.clock.add_hours(start, extra["hours"])}
            for extra in spec.get("clocks", [])
            if extra["priority"] == priority
        ]
    return due, clocks


def moved(
    current: Decision,
    *,
    queue: str | None = None,
    priority: str | None = None,
    start: datetime,
    reason: dict,
    rules: RoutingConfig | None = None,
) -> Decision:
    """``current`` moved to another ``queue`` and/or ``priority``, its due time and clocks
    counted again from ``start``, and ``reason`` ({id, text}) added to its reasons."""
    settings = rules or config()
    queue = queue or current.queue
    priority = priority or current.priority
    if queue not in settings.queues:
        raise RoutingError(f"Unknown queue {queue!r}")
    if priority not in PRIORITIES:
        raise RoutingError(f"Unknown priority {priority!r}")
    due, clocks = clocks_for(current, queue, priority, start, settings)
    second = current.second_queue
    if second and second.get("queue") == queue:
        second = None  # the second team's queue is now the submission's own
    return dataclasses.replace(
        current,
        queue=queue,
        queue_name=settings.queues[queue],
        priority=priority,
        due_at=due,
        clocks=clocks,
        second_queue=second,
        reasons=[*current.reasons, reason],
    )
