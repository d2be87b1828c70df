"""Babel extractor: topic titles and descriptions from content/topics.yaml into messages.pot.

Named in babel.cfg, so `make translations` puts them in the same catalogue translators already
work in.
"""

from __future__ import annotations

from collections.abc import Iterator

from portal import filecheck


def extract_topics(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    for number, topic in enumerate(filecheck.safe_load(fileobj) or [], start=1):
        for field in ("title", "description"):
            if topic.get(field):
                yield (
                    number,
                    "gettext",
                    topic[field],
                    [f"Translators: advice topic {field} ({topic['id']})"],
                )
