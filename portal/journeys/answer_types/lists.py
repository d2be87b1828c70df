"""Add another: a list of items, each answering the list's own questions (its ``fields``).

A page with a list adds one item at a time; ``parse`` reads the item being added, each of its
questions under its name in the form (``<list id>-<field id>``). The list is stored as a JSON
array of objects by field id; a field left empty is not in its item.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from portal.journeys.answer_types.base import (
    AnswerType,
    Context,
    Label,
    Parsed,
    Problem,
    unanswered,
)
from portal.journeys.schema import Question


def field_name(question: Question, field: Question) -> str:
    """A list field's name in the form, and the context of its words."""
    return f"{question.id}-{field.id}"


class List(AnswerType):
    def __init__(self, name: str, types: Callable[[str], AnswerType]) -> None:
        super().__init__(name)
        self._types = types  # the registry, to read and check each field by its own type

    def parse(self, question: Question, form: Mapping, context: Context) -> Parsed:
        """The item being added; each field's own reading is in ``parts``, by field id."""
        items = context.answers.get(question.id) or []
        too_many = len(items) >= question.max_items
        item, parts = {}, {}
        for field in question.fields:
            named = replace(field, id=field_name(question, field))
            parsed = self._types(field.type).parse(named, form, context)
            if parsed.problem is not None:
                parsed.problem = replace(parsed.problem, field=field.id, item=len(items))
            parts[field.id] = parsed
            if parsed.value is not None:
                item[field.id] = parsed.value
        raw = {field_name(question, field): parts[field.id].raw for field in question.fields}
        problem = Problem("too_many_items", {"max": question.max_items}) if too_many else None
        if problem or any(part.problem for part in parts.values()):
            return Parsed(None, problem, raw, parts)
        return Parsed(item, None, raw, parts)

    def if_unanswered(self, question: Question) -> Problem | None:
        if question.min_items > 0:
            return Problem("too_few", {"min": question.min_items})
        return None

    def check(self, question: Question, value: Any, context: Context) -> Problem | None:
        if not isinstance(value, list):
            return replace(self.check_item(question, None, context), item=0)
        if len(value) < question.min_items:
            return Problem("too_few", {"min": question.min_items})
        if len(value) > question.max_items:
            return Problem("too_many_items", {"max": question.max_items})
        for number, item in enumerate(value):
            problem = self.check_item(question, item, context)
            if problem is not None:
                return replace(problem, item=number)
        return None

    def check_item(self, question: Question, item: Any, context: Context) -> Problem | None:
        """What is wrong with one item (its ``field`` set, its ``item`` not yet). An item
        that is not an object of the list's fields is reported as its first required field
        unanswered."""
        if not isinstance(item, dict) or set(item) - {field.id for field in question.fields}:
            first = next((field for field in question.fields if field.required), None)
            return Problem("required", field=(first or question.fields[0]).id)
        for field in question.fields:
            kind = self._types(field.type)
            value = item.get(field.id)
            if unanswered(value):
                problem = kind.if_unanswered(field)
            else:
                problem = kind.check(field, value, context)
            if problem is not None:
                return replace(problem, field=field.id)
        return None

    def display(self, question: Question, value: Any, translate: Callable, label: Label) -> str:
        """One line per item, its answers in the order of its questions. (Check answers shows
        each item as a card of rows instead: portal/journeys_web/shared.py.)"""
        lines = []
        for item in value:
            words = [
                self._types(field.type).display(
                    field, item[field.id], translate, lambda option: translate(option.label)
                )
                for field in question.fields
                if not unanswered(item.get(field.id))
            ]
            lines.append(", ".join(word.replace("\n", ", ") for word in words))
        return "\n".join(lines)
