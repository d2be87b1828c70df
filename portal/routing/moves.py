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

from portal.routing import PRIORITIES, Decision, RoutingConfig, RoutingError, _clocks, config


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
    forwarded = own and bool(current.forward_to) and queue == spec.get("forward_queue")
    return _clocks(settings, spec, queue, priority, start, forwarded=forwarded, own_queue=own)


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
