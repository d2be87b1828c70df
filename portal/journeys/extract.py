"""Babel extractor: every word of the journey files into messages.pot, each with its context.

Named in babel.cfg for each journey file (and for config/equality-monitoring.yaml). The file is
read by the loader the app uses and its words found by walking what it loaded
(portal/journeys/text.py), so the catalogue has exactly the words the engine shows, under the
context (msgctxt) the pages look them up by. Each message carries a comment saying where it is
used, so a translator knows whether they are translating a question, a hint, an option or an
error message, and safety-critical ones say so: those must be translated before a release.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from portal.catalogues import SAFETY_NOTE
from portal.journeys.text import Text, journey_texts, page_texts


def is_journey_text(path: Path) -> bool:
    """A journey file, or the equality monitoring page: the files with words people read."""
    from portal import filecheck
    from portal.journeys.equality_file import MONITORING_FILE

    if path.resolve() == MONITORING_FILE.resolve():
        return True
    raw, problems = filecheck.read(path)
    return bool(problems) or (isinstance(raw, dict) and raw.get("kind") == "journey")


def texts_in(path: Path) -> Iterator[Text]:
    """The words of one journey file (or of the equality monitoring page)."""
    from portal.journeys.equality_file import MONITORING_FILE, read_monitoring

    if path.resolve() == MONITORING_FILE.resolve():
        monitoring = read_monitoring(path)
        return page_texts(monitoring.page, f"form {path.stem}")
    from portal.journeys.schema import load_journey

    return journey_texts(load_journey(path))


def extract_journey(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    if not is_journey_text(Path(fileobj.name)):
        return  # babel.cfg names every forms/*.yaml: routing and postcodes have no words to show
    for number, text in enumerate(texts_in(Path(fileobj.name)), start=1):
        comments = [f"Translators: {text.where}"]
        if text.safety:
            comments.append(SAFETY_NOTE)
        yield number, "pgettext", (text.context, text.message), comments
