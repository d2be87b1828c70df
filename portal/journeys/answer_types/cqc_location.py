"""A Care Quality Commission location ID ("1-123456789"), stored without spaces."""

from __future__ import annotations

import re
from typing import Any

from portal.journeys.answer_types.base import Context, Parsed, Problem
from portal.journeys.answer_types.typed import TypedBox
from portal.journeys.schema import Question

_CQC_LOCATION = re.compile(r"1-\d{6,12}")


class CqcLocation(TypedBox):
    def read(self, question: Question, raw: str) -> Parsed:
        value = raw.replace(" ", "")
        if not _CQC_LOCATION.fullmatch(value):
            return Parsed(None, Problem("cqc_location"), raw)
        return Parsed(value, None, raw)

    def check(self, question: Question, value: Any, context: Context) -> Problem | None:
        if not isinstance(value, str) or not _CQC_LOCATION.fullmatch(value):
            return Problem("cqc_location")
        return None
