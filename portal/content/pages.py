"""Advice pages: Markdown files with front matter, loaded and checked once at start-up.

Layout: ``content/<locale>/<topic>/<page>.md``; topics in ``content/topics.yaml``. A translation
carries its own title, summary and body; everything else comes from the English page. Any broken
front matter, unknown topic, broken internal link or phone number the council does not publish is
reported together, so an editor sees every problem at once.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from portal import filecheck
from portal.config import PROJECT_ROOT
from portal.content import markdown
from portal.i18n import DEFAULT_LOCALE, LOCALE_CODES
from portal.links import is_placeholder

CONTENT_DIR = PROJECT_ROOT / "content"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.S)
REQUIRED = ("title", "summary", "topics", "owner", "last_reviewed", "review_by", "next_steps")
TRANSLATION_REQUIRED = ("title", "summary", "last_reviewed", "translation_reviewed")
OPTIONAL = ("related", "easy_read", "search_terms")
NEXT_STEP_KINDS = ("contact", "page", "link", "journey")
MAX_REVIEW_INTERVAL_DAYS = 366


class ContentError(ValueError):
    """One or more content files are wrong; the message lists every problem."""


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    description: str


@dataclass(frozen=True)
class NextStep:
    kind: str  # contact, page, link or journey
    target: str  # contact key, page id, address or journey id
    text: str = ""  # for links: the words of the link, in the page's language


@dataclass(frozen=True)
class Page:
    locale: str
    topic: str
    slug: str
    title: str
    summary: str
    body: str
    topics: tuple[str, ...]
    owner: str
    last_reviewed: date
    review_by: date
    related: tuple[str, ...] = ()
    next_steps: tuple[NextStep, ...] = ()
    easy_read: str | None = None
    translation_reviewed: bool | None = None  # None for English originals
    # Words readers use that the page may not (e.g. "respite", "mum"), weighted near the title.
    search_terms: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.topic}/{self.slug}"

    @property
    def is_translation(self) -> bool:
        return self.locale != DEFAULT_LOCALE


@dataclass(frozen=True)
class Library:
    topics: list[Topic]
    pages: dict[tuple[str, str], Page]  # (locale, page id) -> page
    fingerprint: str

    def english(self) -> list[Page]:
        return [page for (locale, _), page in self.pages.items() if locale == DEFAULT_LOCALE]

    def topic(self, topic_id: str) -> Topic | None:
        return next((topic for topic in self.topics if topic.id == topic_id), None)

    def page(self, locale: str, page_id: str) -> Page | None:
        """The page in ``locale``, or the English page when it is not translated (or None)."""
        return self.pages.get((locale, page_id)) or self.pages.get((DEFAULT_LOCALE, page_id))

    def in_topic(self, topic_id: str, locale: str) -> list[Page]:
        found = [page for page in self.english() if topic_id in page.topics]
        # Pages whose main topic this is come first, then those that also belong to it.
        found.sort(key=lambda page: (page.topic != topic_id, page.title.lower()))
        return [self.page(locale, page.id) for page in found]


def _read(path: Path) -> tuple[dict, str]:
    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if not match:
        raise ContentError(f"{path}: must start with front matter between --- lines")
    meta = filecheck.safe_load(match.group(1)) or {}
    if not isinstance(meta, dict):
        raise ContentError(f"{path}: front matter must be a mapping of fields")
    return meta, match.group(2)


def _next_steps(raw, where: str, problems: list[str]) -> tuple[NextStep, ...]:
    steps = []
    for item in raw or []:
        if not isinstance(item, dict) or len(item) != 1 or next(iter(item)) not in NEXT_STEP_KINDS:
            problems.append(f"{where}: each next step is one of {', '.join(NEXT_STEP_KINDS)}")
            continue
        kind, value = next(iter(item.items()))
        if kind == "link":
            if not isinstance(value, dict) or not value.get("text") or not value.get("href"):
                problems.append(f"{where}: a link next step needs text and href")
                continue
            if not str(value["href"]).startswith("https://"):
                problems.append(f"{where}: next step links must be https addresses")
            if is_placeholder(str(value["href"])):
                problems.append(f"{where}: placeholder link {value['href']}: link the page itself")
            steps.append(NextStep("link", str(value["href"]), str(value["text"])))
        else:
            steps.append(NextStep(kind, str(value)))
    return tuple(steps)


def _load_topics(root: Path, problems: list[str]) -> list[Topic]:
    raw = filecheck.safe_load((root / "topics.yaml").read_text(encoding="utf-8")) or []
    topics = []
    for item in raw:
        if not _SLUG.match(str(item.get("id", ""))) or not item.get("title"):
            problems.append(f"topics.yaml: topic {item!r} needs an id and a title")
            continue
        topics.append(Topic(item["id"], item["title"], item.get("description", "")))
    return topics


def _page(path: Path, locale: str, english: Page | None, problems: list[str]) -> Page | None:
    where = f"content/{locale}/{path.parent.name}/{path.name}"
    try:
        meta, body = _read(path)
    except (ContentError, yaml.YAMLError) as error:
        problems.append(f"{where}: {error}")
        return None
    topic, slug = path.parent.name, path.stem
    if not _SLUG.match(slug):
        problems.append(f"{where}: file names are lower-case words joined by hyphens")
    required = REQUIRED if locale == DEFAULT_LOCALE else TRANSLATION_REQUIRED
    known = set(REQUIRED) | set(TRANSLATION_REQUIRED) | set(OPTIONAL)
    missing = [name for name in required if meta.get(name) in (None, "", [])]
    unknown = sorted(set(meta) - known)
    if missing:
        problems.append(f"{where}: missing {', '.join(missing)}")
    if unknown:
        problems.append(f"{where}: unknown fields {', '.join(unknown)}")
    if missing:
        return None
    for name in ("last_reviewed", "review_by"):
        if name in meta and not isinstance(meta[name], date):
            problems.append(f"{where}: {name} must be a date like 2026-11-23")
            return None
    if locale == DEFAULT_LOCALE:
        base = {
            "topics": tuple(meta["topics"]),
            "owner": str(meta["owner"]),
            "review_by": meta["review_by"],
            "related": tuple(meta.get("related") or ()),
            "next_steps": _next_steps(meta["next_steps"], where, problems),
            "easy_read": meta.get("easy_read"),
            "translation_reviewed": None,
        }
    else:
        if english is None:
            problems.append(f"{where}: translates a page that has no English original")
            return None
        steps = meta.get("next_steps")
        base = {
            "topics": english.topics,
            "owner": english.owner,
            "review_by": english.review_by,
            "related": english.related,
            "next_steps": _next_steps(steps, where, problems) if steps else english.next_steps,
            "easy_read": english.easy_read,
            "translation_reviewed": bool(meta["translation_reviewed"]),
        }
    terms = meta.get("search_terms") or []
    if not isinstance(terms, list) or not all(isinstance(term, str) for term in terms):
        problems.append(f"{where}: search_terms must be a list of words or phrases")
        terms = []
    return Page(
        locale=locale,
        search_terms=tuple(terms),
        topic=topic,
        slug=slug,
        title=str(meta["title"]).strip(),
        summary=" ".join(str(meta["summary"]).split()),
        body=body,
        last_reviewed=meta["last_reviewed"],
        **base,
    )


def _check(
    library: Library,
    known_paths: set[str],
    phones: set[str],
    contact_keys: set[str],
    journey_ids: set[str],
    problems: list[str],
) -> None:
    topic_ids = {topic.id for topic in library.topics}
    page_ids = {page.id for page in library.english()}
    for (locale, page_id), page in library.pages.items():
        where = f"content/{locale}/{page_id}.md"
        if page.topic not in topic_ids:
            problems.append(f"{where}: its folder {page.topic!r} is not a topic in topics.yaml")
        if locale == DEFAULT_LOCALE:
            if not page.topics or page.topics[0] != page.topic:
                problems.append(f"{where}: topics must start with its folder, {page.topic!r}")
            for topic in page.topics:
                if topic not in topic_ids:
                    problems.append(f"{where}: unknown topic {topic!r}")
            for related in page.related:
                if related not in page_ids or related == page_id:
                    problems.append(f"{where}: related page {related!r} does not exist")
            days = (page.review_by - page.last_reviewed).days
            if not 0 < days <= MAX_REVIEW_INTERVAL_DAYS:
                problems.append(f"{where}: review_by must be within a year after last_reviewed")
        if len(page.summary) > 200:
            problems.append(f"{where}: the summary is over 200 characters")
        if not page.next_steps:
            problems.append(f"{where}: needs at least one next step")
        for step in page.next_steps:
            if step.kind == "page" and step.target not in page_ids:
                problems.append(f"{where}: next step page {step.target!r} does not exist")
            if step.kind == "journey" and step.target not in journey_ids:
                problems.append(f"{where}: next step journey {step.target!r} does not exist")
            if step.kind == "contact" and step.target not in contact_keys:
                problems.append(f"{where}: next step contact {step.target!r} is not known")
        tokens = markdown.parse(page.body)
        if any(token.type == "heading_open" and token.tag == "h1" for token in tokens):
            problems.append(f"{where}: use ## headings; the title is the page's only h1")
        if "999" not in markdown.plain_text(tokens):
            problems.append(f"{where}: must say when to call 999")
        for href in markdown.links(tokens):
            path = href.split("#", 1)[0].rstrip("/") or "/"
            if href.startswith("/") and path not in known_paths:
                problems.append(f"{where}: broken link {href}")
            elif href.startswith("tel:") and href.removeprefix("tel:") not in phones:
                problems.append(f"{where}: {href} is not a number in config/contacts.yaml")
            elif not href.startswith(("/", "tel:", "https://", "mailto:", "#")):
                problems.append(f"{where}: links must be local, tel:, mailto: or https ({href})")
            elif is_placeholder(href):
                problems.append(f"{where}: placeholder link {href}: link the page itself")


def load_library(
    content_dir: Path | None = None,
    *,
    known_paths: set[str] | None = None,
    phones: set[str] | None = None,
    contact_keys: set[str] | None = None,
    journey_ids: set[str] | None = None,
) -> Library:
    """Read every page and topic; raise ContentError listing every problem found.

    ``known_paths`` are the site's other addresses that pages may link to; ``phones`` the numbers
    (digits only) pages may give as tel: links; ``contact_keys`` the contacts a next step may name;
    ``journey_ids`` the forms a next step may start.
    """
    root = content_dir or CONTENT_DIR
    key = (
        _files_fingerprint(root),
        frozenset(known_paths or ()),
        frozenset(phones or ()),
        frozenset(contact_keys or ()),
        frozenset(journey_ids or ()),
    )
    if key not in _CHECKED:
        _CHECKED[key] = _read_and_check(root, known_paths, phones, contact_keys, journey_ids)
    return _CHECKED[key]


# Libraries already read and checked, by the content of their files and what they were checked
# against: an app built again in the same process (each test builds one; a worker that
# restarts) does not parse and check every page again. A library is never changed once read.
_CHECKED: dict[tuple, Library] = {}


def _files_fingerprint(root: Path) -> str:
    digest = hashlib.sha256(str(root.resolve()).encode())
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _read_and_check(
    root: Path,
    known_paths: set[str] | None,
    phones: set[str] | None,
    contact_keys: set[str] | None,
    journey_ids: set[str] | None,
) -> Library:
    problems: list[str] = []
    topics = _load_topics(root, problems)
    digest = hashlib.sha256()
    pages: dict[tuple[str, str], Page] = {}
    for locale in LOCALE_CODES:
        for path in sorted((root / locale).glob("*/*.md")):
            digest.update(str(path.relative_to(root)).encode() + path.read_bytes())
            english = pages.get((DEFAULT_LOCALE, f"{path.parent.name}/{path.stem}"))
            page = _page(path, locale, english, problems)
            if page is not None:
                pages[(locale, page.id)] = page
    unknown_locales = sorted(
        child.name for child in root.iterdir() if child.is_dir() and child.name not in LOCALE_CODES
    )
    if unknown_locales:
        problems.append(f"content/ has folders for languages not shipped: {unknown_locales}")
    library = Library(topics=topics, pages=pages, fingerprint=digest.hexdigest())
    page_paths = {f"/advice/{page_id}" for (_, page_id) in pages}
    topic_paths = {f"/advice/{topic.id}" for topic in topics}
    paths = (known_paths or set()) | page_paths | topic_paths | {"/advice"}
    _check(library, paths, phones or set(), contact_keys or set(), journey_ids or set(), problems)
    if problems:
        raise ContentError("Advice content has problems:\n  - " + "\n  - ".join(problems))
    return library
