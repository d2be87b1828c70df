"""Full-text search over advice pages: SQLite FTS5 or PostgreSQL text search, same behaviour.

Each locale's index holds its translated pages and, where a page is not translated, the English
page (marked so the results page can say so). Titles weigh most, then the page's search terms
(the words readers use that the page may not), then summaries, then body text; words are
stemmed; the snippet shows where the words were found.

The index lives in the ``advice_search`` table, made by migration 0002 in the engine's own form.
It is rebuilt whenever the content's fingerprint differs from the one it was built from, so
publishing new content needs no extra step.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.content import markdown
from portal.content.pages import Library
from portal.data.advice import SearchIndexState
from portal.data.database import utcnow
from portal.i18n import DEFAULT_LOCALE, LOCALE_CODES

TABLE = "advice_search"
INDEX_NAME = "advice"
MAX_TERMS = 12
_START, _STOP = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)
# Words that match nearly every page. PostgreSQL's English configuration drops these itself.
ENGLISH_STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "am",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "do",
        "for",
        "from",
        "get",
        "had",
        "has",
        "have",
        "how",
        "i",
        "if",
        "im",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "us",
        "was",
        "we",
        "what",
        "when",
        "where",
        "which",
        "who",
        "will",
        "with",
        "you",
        "your",
    ]
)
# PostgreSQL has no Polish or Urdu stemmer built in; those pages use the plain configuration.
PG_CONFIGS = {"en": "english"}


@dataclass(frozen=True)
class Result:
    page_id: str
    locale: str  # the language of the page found (English when not translated)
    title: str
    summary: str
    snippet: Markup | None


def terms(query: str, locale: str) -> list[str]:
    # Single letters ("dad's" -> "dad", "s") and short numbers only add noise.
    words = [
        word
        for word in _WORD.findall(query.lower())
        if len(word) > 1 and (not word.isdigit() or len(word) > 2)
    ]
    if locale == DEFAULT_LOCALE:
        words = [word for word in words if word not in ENGLISH_STOP_WORDS]
    seen: dict[str, None] = {}
    for word in words:
        seen.setdefault(word)
    return list(seen)[:MAX_TERMS]


def _highlight(raw: str | None) -> Markup | None:
    if not raw or _START not in raw:
        return None
    marked = str(escape(raw)).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return Markup(marked)  # noqa: S704 (escaped above; only our own <mark> tags added)


def _rows(library: Library):
    for locale in LOCALE_CODES:
        for english in library.english():
            page = library.page(locale, english.id)
            yield {
                "page_id": page.id,
                "locale": locale,
                "page_locale": page.locale,
                "title": page.title,
                "keywords": " ".join(page.search_terms),
                "summary": page.summary,
                "body": markdown.plain_text(markdown.parse(page.body)),
                "config": PG_CONFIGS.get(page.locale, "simple"),
            }


def rebuild(session: Session, library: Library) -> int:
    """Replace the whole index with the library's pages, in one transaction."""
    postgres = session.get_bind().dialect.name == "postgresql"
    session.execute(text(f"DELETE FROM {TABLE}"))  # noqa: S608 (constant table name)
    rows = list(_rows(library))
    columns = ["page_id", "locale", "page_locale", "title", "keywords", "summary", "body"]
    if postgres:
        columns.append("config")
    placeholders = ", ".join(f":{name}" for name in columns)
    names = ", ".join(columns)
    if postgres:
        # The weighted vector is computed in one statement afterwards, from the stored columns.
        insert = text(
            f"INSERT INTO {TABLE} ({names}, document) "  # noqa: S608 (constant names)
            f"VALUES ({placeholders}, ''::tsvector)"
        )
    else:
        insert = text(f"INSERT INTO {TABLE} ({names}) VALUES ({placeholders})")  # noqa: S608
    if rows:
        session.execute(insert, [{name: row[name] for name in columns} for row in rows])
    if postgres:
        session.execute(
            text(
                f"UPDATE {TABLE} SET document = "  # noqa: S608
                "setweight(to_tsvector(config::regconfig, title), 'A') || "
                "setweight(to_tsvector(config::regconfig, keywords), 'B') || "
                "setweight(to_tsvector(config::regconfig, summary), 'C') || "
                "setweight(to_tsvector(config::regconfig, body), 'D')"
            )
        )
    state = session.get(SearchIndexState, INDEX_NAME)
    if state is None:
        state = SearchIndexState(name=INDEX_NAME)
        session.add(state)
    state.fingerprint = library.fingerprint
    state.built_at = utcnow()
    session.commit()
    return len(rows)


def ensure_current(session: Session, library: Library) -> bool:
    """Rebuild the index if the content changed since it was built; True if it was rebuilt."""
    state = session.get(SearchIndexState, INDEX_NAME)
    if state is not None and state.fingerprint == library.fingerprint:
        return False
    try:
        rebuild(session, library)
    except IntegrityError:
        # Another worker rebuilt it at the same moment: theirs is as good as ours.
        session.rollback()
        return False
    return True


def search(session: Session, query: str, locale: str, limit: int = 20) -> list[Result]:
    words = terms(query, locale)
    if not words:
        return []
    if session.get_bind().dialect.name == "postgresql":
        rows = _search_postgres(session, words, locale, limit)
    else:
        rows = _search_sqlite(session, words, locale, limit)
    return [
        Result(page_id, page_locale, title, summary, _highlight(snippet))
        for page_id, page_locale, title, summary, snippet in rows
    ]


def _search_sqlite(session: Session, words: list[str], locale: str, limit: int):
    match = " OR ".join(f'"{word}"' for word in words)
    return session.execute(
        text(
            f"SELECT page_id, page_locale, title, summary, "  # noqa: S608
            f"snippet({TABLE}, 6, :start, :stop, '…', 24) "
            f"FROM {TABLE} WHERE {TABLE} MATCH :match AND locale = :locale "
            f"ORDER BY bm25({TABLE}, 0, 0, 0, 12.0, 8.0, 4.0, 1.0) LIMIT :limit"
        ),
        {"match": match, "locale": locale, "start": _START, "stop": _STOP, "limit": limit},
    ).all()


def _search_postgres(session: Session, words: list[str], locale: str, limit: int):
    """Rank like BM25: each word's match counts more the rarer the word is in this locale.

    PostgreSQL's own ranking has no notion of rarity, so "carer" (on many pages) would outweigh
    "exhausted" (on two); the word frequencies come from one counting query first.
    """
    term = "(to_tsquery('english', :w{0}) || to_tsquery('simple', :w{0}))"
    params: dict = {f"w{i}": word for i, word in enumerate(words)}
    params["locale"] = locale
    # One indexed count per word (GIN), rather than testing every row against every word.
    counts = session.execute(
        text(
            f"SELECT (SELECT count(*) FROM {TABLE} WHERE locale = :locale), "  # noqa: S608
            + ", ".join(
                f"(SELECT count(*) FROM {TABLE} WHERE locale = :locale AND document @@ "  # noqa: S608
                f"{term.format(i)})"
                for i in range(len(words))
            )
        ),
        params,
    ).one()
    total, frequencies = counts[0], counts[1:]
    idf = [max(0.01, math.log((total - found + 0.5) / (found + 0.5) + 1)) for found in frequencies]
    score = " + ".join(
        f"{weight:.4f} * ts_rank(CAST(:weights AS float4[]), document, {term.format(i)})"
        for i, weight in enumerate(idf)
    )
    matches = " || ".join(term.format(i) for i in range(len(words)))
    params.update(
        {
            "limit": limit,
            # Weights for D (body), C (summary), B (search terms), A (title).
            "weights": "{0.1, 0.3, 0.7, 1.0}",
            "options": f"StartSel={_START}, StopSel={_STOP}, MaxWords=30, MinWords=12, "
            "MaxFragments=1, FragmentDelimiter=…",
        }
    )
    return session.execute(
        text(
            f"SELECT page_id, page_locale, title, summary, "  # noqa: S608
            f"ts_headline(CAST(config AS regconfig), body, {matches}, :options) "
            f"FROM {TABLE} WHERE locale = :locale AND document @@ ({matches}) "
            f"ORDER BY ({score}) DESC, page_id LIMIT :limit"
        ),
        params,
    ).all()
