"""Conditions on answers, written in the journey and routing YAML files.

    {answer: q, equals: v}         the answer to q is v
    {answer: q, not_equals: v}
    {answer: q, in: [a, b]}        the answer is one of these
    {answer: q, includes: v}       a checkbox answer includes v
    {answer: q, answered: true}    q has an answer (false: it has none)
    {answer: q, fewer_than: 2}     a list ("add another") has fewer items than this
    {count: {answers: [q1, q2], in: [a, b]}, at_least: n}
    {all: [...]}, {any: [...]}, {not: {...}}

Callers may add their own tests (routing adds ``within_working_days`` for dates; the journey
path adds ``area_is`` for postcodes and ``age_under`` for dates of birth).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from datetime import date
from typing import Any

Tests = Mapping[str, Callable[[Any, Any], bool]]

_TESTS: dict[str, Callable[[Any, Any], bool]] = {
    "equals": lambda value, expected: value == expected,
    "not_equals": lambda value, expected: value != expected,
    "in": lambda value, expected: value in expected,
    "includes": lambda value, expected: isinstance(value, list) and expected in value,
    "answered": lambda value, expected: (value not in (None, "", [], {})) == bool(expected),
    "fewer_than": lambda value, expected: isinstance(value, list) and len(value) < expected,
}


class ConditionError(ValueError):
    pass


def questions_named(condition: Mapping) -> set[str]:
    """Every question id a condition reads (to check it against the journey)."""
    if "all" in condition or "any" in condition:
        return set().union(*(questions_named(c) for c in condition.get("all") or condition["any"]))
    if "not" in condition:
        return questions_named(condition["not"])
    if "count" in condition:
        return set(condition["count"]["answers"])
    return {condition["answer"]}


_CODE_TESTS = ("equals", "not_equals", "in", "includes")


def answer_date(value: Any) -> date | None:
    """The day a date answer gives: ``{"date": "2026-11-25"}`` or a bare ISO date; None for
    ``{"unknown": true}`` or anything that is not a date."""
    if isinstance(value, dict):
        value = value.get("date")
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def codes_named(condition: Mapping) -> set[tuple[str, str]]:
    """(question id, answer code) for every code a condition compares an answer with, so a
    misspelt code ("not_sure" for "not-sure") is caught when the file is loaded rather than
    making a rule silently never fire."""
    if "all" in condition or "any" in condition:
        parts = condition.get("all") or condition["any"]
        return set().union(*(codes_named(part) for part in parts))
    if "not" in condition:
        return codes_named(condition["not"])
    if "count" in condition:
        spec = condition["count"]
        return {(question, str(code)) for question in spec["answers"] for code in spec["in"]}
    found: set[tuple[str, str]] = set()
    for name in _CODE_TESTS:
        if name in condition:
            expected = condition[name]
            values = expected if isinstance(expected, list) else [expected]
            found |= {(condition["answer"], str(value)) for value in values}
    return found


def tests_named(condition: Mapping) -> set[tuple[str, str]]:
    """(question id, test) for every test a condition makes on one answer (``count`` compares
    answers with codes, as ``in`` does)."""
    if "all" in condition or "any" in condition:
        parts = condition.get("all") or condition["any"]
        return set().union(*(tests_named(part) for part in parts))
    if "not" in condition:
        return tests_named(condition["not"])
    if "count" in condition:
        return {(question, "in") for question in condition["count"]["answers"]}
    return {(condition["answer"], name) for name in condition if name != "answer"}


def check(condition: Mapping, extra: Collection[str] = ()) -> None:
    """Raise ConditionError if a condition uses a test this place does not offer (``extra``: the
    caller's own tests). The shape of a condition is checked by its JSON Schema
    (forms/schemas/condition.schema.json) before this is called."""
    offered = set(_TESTS) | set(extra)
    unknown = sorted({test for _, test in tests_named(condition)} - offered)
    if unknown:
        raise ConditionError(
            f"the test {unknown[0]!r} cannot be used here: the tests here are "
            + ", ".join(sorted(offered))
        )


def holds(condition: Mapping | None, answers: Mapping, extra: Tests | None = None) -> bool:
    """True when the condition holds for these answers (no condition always holds)."""
    if condition is None:
        return True
    if "all" in condition:
        return all(holds(part, answers, extra) for part in condition["all"])
    if "any" in condition:
        return any(holds(part, answers, extra) for part in condition["any"])
    if "not" in condition:
        return not holds(condition["not"], answers, extra)
    if "count" in condition:
        spec = condition["count"]
        found = sum(1 for question in spec["answers"] if answers.get(question) in spec["in"])
        return found >= condition["at_least"]
    value = answers.get(condition["answer"])
    tests = {**_TESTS, **(extra or {})}
    name = next(key for key in condition if key != "answer")
    if name != "answered" and value is None:
        return False
    return tests[name](value, condition[name])
