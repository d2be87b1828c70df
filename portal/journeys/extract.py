"""Babel extractor: every word of the journey files (forms/*.yaml) into messages.pot.

Named in babel.cfg. Each message carries a comment saying where it is used, so a translator
knows whether they are translating a question, a hint, an option or an error message.
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml


def _question(question: dict, where: str) -> Iterator[tuple[str, str]]:
    here = f"{where}, question {question.get('id')}"
    yield question.get("label"), f"{here} - label"
    yield question.get("hint"), f"{here} - hint"
    for name, message in (question.get("errors") or {}).items():
        yield message, f"{here} - error message ({name})"
    for option in question.get("options") or []:
        yield option.get("label"), f"{here} - option {option.get('value')}"
        yield option.get("hint"), f"{here} - hint for option {option.get('value')}"
    for name, message in (question.get("list_texts") or {}).items():
        yield message, f"{here} - {name.replace('_', ' ')}"
    for field in question.get("fields") or []:
        yield from _question(field, here)


def messages(data: dict) -> Iterator[tuple[str, str]]:
    """(message, where it is used) for every word of a journey definition."""
    journey = data.get("id", "journey")
    for key in ("title", "summary", "neutral_title"):
        yield data.get(key), f"{journey} - {key.replace('_', ' ')}"
    for key in ("body", "before_you_start"):
        for text in (data.get("start") or {}).get(key) or []:
            yield text, f"{journey} - start page"
    for step in data.get("next_steps") or []:
        # A step is its text, or {text: ..., when: ...} when only some people are told it.
        text = step.get("text") if isinstance(step, dict) else step
        yield text, f"{journey} - confirmation page, what happens next"
    for key in ("text", "error"):
        yield (data.get("declaration") or {}).get(key), f"{journey} - declaration {key}"
    for stop in data.get("stops") or []:
        where = f"{journey} - stop page {stop.get('id')}"
        yield stop.get("title"), where
        yield stop.get("warning"), where
        for text in stop.get("body") or []:
            yield text, where
    for section in data.get("sections") or []:
        yield section.get("title"), f"{journey} - section {section.get('id')} title"
        yield section.get("summary"), f"{journey} - section {section.get('id')} summary"
        for page in section.get("pages") or []:
            where = f"{journey} - page {page.get('id')}"
            yield page.get("title"), f"{where} title"
            for text in page.get("intro") or []:
                yield text, f"{where} introduction"
            for question in page.get("questions") or []:
                yield from _question(question, where)


def extract_journey(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    data = yaml.safe_load(fileobj) or {}
    if data.get("kind", "journey") != "journey":
        return  # babel.cfg names every forms/*.yaml: routing and postcodes have no words to show
    for number, (message, where) in enumerate(messages(data), start=1):
        if message:
            yield number, "gettext", message, [f"Translators: form {where}"]
