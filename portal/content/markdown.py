"""Markdown for advice pages, rendered into GOV.UK Frontend markup.

CommonMark with tables and three boxes (``::: warning``, ``::: inset``, ``::: details Title``).
Raw HTML is switched off, so a page can only ever produce the markup written here: nothing in a
content file can add a script, a style attribute or an event handler.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.container import container_plugin

BOXES = ("warning", "inset", "details")

_CLASSES = {
    "paragraph_open": "govuk-body",
    "bullet_list_open": "govuk-list govuk-list--bullet",
    "ordered_list_open": "govuk-list govuk-list--number",
    "table_open": "govuk-table",
    "thead_open": "govuk-table__head",
    "tbody_open": "govuk-table__body",
    "tr_open": "govuk-table__row",
    "th_open": "govuk-table__header",
    "td_open": "govuk-table__cell",
    "blockquote_open": "govuk-inset-text",
}
_HEADING_CLASSES = {"h2": "govuk-heading-l", "h3": "govuk-heading-m", "h4": "govuk-heading-s"}


@dataclass
class Rendered:
    html: Markup
    headings: list[tuple[str, str]] = field(default_factory=list)  # (id, text) of each h2
    # A warning that opens the page is shown above the title, so that "call 999" is on the
    # first screen of a small phone rather than below the fold.
    opening_warning: Markup = field(default_factory=Markup)


def _slug(text: str) -> str:
    slug = re.sub(r"[^\w\- ]", "", text.strip().lower()).strip().replace(" ", "-")
    return slug or "section"


def _box_render(name: str) -> Callable:
    def render(self, tokens: Sequence[Token], idx: int, _options, env) -> str:
        token = tokens[idx]
        labels = env.get("labels", {})
        if name == "warning":
            if token.nesting == 1:
                hidden = escape(labels.get("warning", "Warning"))
                return (
                    '<div class="govuk-warning-text">'
                    '<span class="govuk-warning-text__icon" aria-hidden="true">!</span>'
                    '<strong class="govuk-warning-text__text">'
                    f'<span class="govuk-visually-hidden">{hidden}</span> '
                )
            return "</strong></div>\n"
        if name == "inset":
            return '<div class="govuk-inset-text">\n' if token.nesting == 1 else "</div>\n"
        if token.nesting == 1:
            summary = escape(token.info.strip().removeprefix("details").strip())
            return (
                '<details class="govuk-details"><summary class="govuk-details__summary">'
                f'<span class="govuk-details__summary-text">{summary}</span></summary>'
                '<div class="govuk-details__text">\n'
            )
        return "</div></details>\n"

    return render


def _govuk_classes(state) -> None:
    """Give every element its GOV.UK class, localise links, keep style attributes out."""
    env = state.env
    link_for: Callable[[str], str] = env.get("link_for", lambda href: href)
    in_warning = 0
    for token in state.tokens:
        if token.type == "container_warning_open":
            in_warning += 1
        elif token.type == "container_warning_close":
            in_warning -= 1
        if token.type in ("paragraph_open", "paragraph_close") and in_warning:
            # The warning's text sits inside <strong>, which cannot hold a paragraph.
            token.hidden = True
        if token.type == "heading_open" and token.tag in _HEADING_CLASSES:
            token.attrSet("class", _HEADING_CLASSES[token.tag])
        elif token.type in _CLASSES:
            token.attrSet("class", _CLASSES[token.type])
        if token.type in ("th_open", "td_open"):
            # Markdown alignment becomes an inline style, which the CSP forbids.
            style = token.attrs.pop("style", "") or ""
            if "right" in str(style):
                token.attrJoin("class", "govuk-table__cell--numeric")
            if token.type == "th_open":
                token.attrSet("scope", "col")
        for child in token.children or []:
            if child.type == "link_open":
                href = str(child.attrGet("href") or "")
                child.attrSet("class", "govuk-link")
                if href.startswith("/"):
                    child.attrSet("href", link_for(href))
                elif href.startswith("tel:"):
                    child.attrSet("class", "govuk-link app-phone")
                    child.attrSet("dir", "ltr")


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    for name in BOXES:
        container_plugin(md, name, render=_box_render(name))
    anchors_plugin(md, min_level=2, max_level=2, slug_func=_slug)
    md.core.ruler.push("govuk_classes", _govuk_classes)
    return md


MARKDOWN = _parser()


def parse(text: str) -> list[Token]:
    return MARKDOWN.parse(text, {})


def render(text: str, *, link_for: Callable[[str], str], labels: dict[str, str]) -> Rendered:
    """HTML for a page body, with links made local to the reader's language."""
    env = {"link_for": link_for, "labels": labels}
    tokens = MARKDOWN.parse(text, env)
    headings = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            headings.append((str(token.attrGet("id")), tokens[index + 1].content))
    split = _opening_warning_end(tokens)
    # Safe: raw HTML is disabled in the parser, so everything from the page text is escaped.
    html = Markup(MARKDOWN.renderer.render(tokens[split:], MARKDOWN.options, env))  # noqa: S704
    warning = Markup(MARKDOWN.renderer.render(tokens[:split], MARKDOWN.options, env))  # noqa: S704
    return Rendered(html=html, headings=headings, opening_warning=warning)


def _opening_warning_end(tokens: list[Token]) -> int:
    """How many tokens the page's opening warning takes (0 when it does not open with one)."""
    if not tokens or tokens[0].type != "container_warning_open":
        return 0
    depth = 0
    for index, token in enumerate(tokens):
        depth += token.nesting if token.type.startswith("container_warning") else 0
        if depth == 0:
            return index + 1
    return 0


def links(tokens: list[Token]) -> list[str]:
    """Every link target in a parsed page."""
    found = []
    for token in tokens:
        for child in token.children or []:
            if child.type == "link_open":
                found.append(str(child.attrGet("href") or ""))
    return found


def plain_text(tokens: list[Token]) -> str:
    """The words a reader reads, for search and for the readability test."""
    parts = []
    for token in tokens:
        if token.type == "inline":
            parts.append(
                "".join(
                    child.content
                    for child in token.children or []
                    if child.type in ("text", "code_inline")
                )
            )
        elif token.type.startswith("container_details_open"):
            parts.append(token.info.strip().removeprefix("details").strip())
    return "\n".join(part for part in parts if part)
