"""A journey's ``work`` block: what the staff workspace reads from its answers (ADR 0027).

Parsed here from the schema-checked file; portal/journeys/checks.py checks that each id names a
question of a type that can mean it; portal/work_items reads the answers through it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """Where an answer about the person may be found: these answers (joined by a space), when
    the condition holds."""

    answers: tuple[str, ...]
    when: dict | None = None


@dataclass(frozen=True)
class Work:
    """What the staff workspace reads from the answers (the journey's ``work`` block): who the
    form is about, the answers read first, the interpreter needed, what the council counts."""

    person: dict[str, tuple[Source, ...]] = field(default_factory=dict)
    first: tuple[str, ...] = ()
    # A language question's id, or (code, condition): an interpreter the answers imply (BSL).
    interpreter: tuple[str | tuple[str, dict], ...] = ()
    reported_by: str | None = None
    wishes: str | None = None
    # True (every form identifies a carer), a condition on the answers, or None (never).
    carer_identified: bool | dict | None = None

    @classmethod
    def from_file(cls, raw: dict | None) -> Work:
        raw = raw or {}

        def source(item: str | dict) -> Source:
            if isinstance(item, str):
                return Source((item,))
            return Source(tuple(item["answers"]), item.get("when"))

        return cls(
            person={
                name: tuple(source(item) for item in items)
                for name, items in (raw.get("person") or {}).items()
            },
            first=tuple(raw.get("first") or ()),
            interpreter=tuple(
                item if isinstance(item, str) else (item["code"], item["when"])
                for item in raw.get("interpreter") or ()
            ),
            reported_by=raw.get("reported_by"),
            wishes=raw.get("wishes"),
            carer_identified=raw.get("carer_identified"),
        )
