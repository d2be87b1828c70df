"""The answer types typed into one box: what was typed is stripped, and a blank box is no answer."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping

from portal.journeys.answer_types.base import AnswerType, Context, Parsed, missing, typed
from portal.journeys.schema import Question


class TypedBox(AnswerType):
    def parse(self, question: Question, form: Mapping, context: Context) -> Parsed:
        raw = typed(form, question.id)
        return self.read(question, raw) if raw else missing(question, raw)

    @abstractmethod
    def read(self, question: Question, raw: str) -> Parsed:
        """The answer to store from what was typed (stripped, not blank)."""
