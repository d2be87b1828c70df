"""Checks that every HTML page a test renders must pass, whatever the test is about.

Applied automatically by the test client (see conftest.py): valid HTML, exactly one h1, a title
that starts with the h1 ("Error: " first when a form has errors), no duplicate ids, every script
carrying this response's CSP nonce, and no inline styles or event handlers the CSP would block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import html5lib

_NONCE = re.compile(r"'nonce-([^']+)'")


class PageCheckError(AssertionError):
    pass


@dataclass
class PageSummary:
    h1: str
    title: str
    has_error_summary: bool


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def check_page(html: str, csp_header: str | None = None) -> PageSummary:
    """Raise PageCheckError describing every rule the page breaks."""
    problems: list[str] = []
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    document = parser.parse(html)
    for position, code, data in parser.errors:
        problems.append(f"HTML parse error {code} at line {position[0]}: {data}")
    if not html.lstrip().lower().startswith("<!doctype html>"):
        problems.append("the page does not start with <!DOCTYPE html>")

    root = document
    if not root.get("lang"):
        problems.append("<html> has no lang attribute")
    if root.get("dir") not in ("ltr", "rtl"):
        problems.append("<html> has no dir attribute")

    h1s = root.findall(".//h1")
    if len(h1s) != 1:
        problems.append(f"expected exactly one <h1>, found {len(h1s)}")
    h1 = _text(h1s[0]) if h1s else ""

    titles = root.findall(".//head/title")
    title = _text(titles[0]) if titles else ""
    if len(titles) != 1:
        problems.append(f"expected exactly one <title>, found {len(titles)}")

    has_errors = any(
        "govuk-error-summary" in (element.get("class") or "").split() for element in root.iter()
    )
    expected_start = h1
    if has_errors:
        error_words = title.split(" ", 1)[0] if title else ""
        if not error_words.endswith(":"):
            problems.append(
                f"a page with errors must have a title starting 'Error:', got {title!r}"
            )
        title_rest = title.split(" ", 1)[1] if " " in title else ""
    else:
        title_rest = title
    body = root.find(".//body")
    neutral = body is not None and body.get("data-neutral-title") == "true"
    if neutral:
        # Sensitive pages: a neutral title that does not say what the page is about.
        if not title_rest:
            problems.append("a page with a neutral title still needs a title")
    elif h1 and not title_rest.startswith(expected_start):
        problems.append(f"the <title> {title!r} does not start with the <h1> {h1!r}")

    seen: dict[str, int] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        element_id = element.get("id")
        if element_id:
            seen[element_id] = seen.get(element_id, 0) + 1
        if element.get("style") is not None:
            problems.append(f"<{element.tag}> has a style attribute (blocked by the CSP)")
        for attribute in element.attrib:
            if attribute.lower().startswith("on"):
                problems.append(f"<{element.tag}> has an inline event handler {attribute}")
        if element.tag == "style":
            problems.append("the page has an inline <style> element (blocked by the CSP)")
    duplicates = sorted(name for name, count in seen.items() if count > 1)
    if duplicates:
        problems.append(f"duplicate ids: {', '.join(duplicates)}")

    nonce = None
    if csp_header:
        match = _NONCE.search(csp_header)
        nonce = match.group(1) if match else None
    for script in root.iter("script"):
        if nonce is None or script.get("nonce") != nonce:
            problems.append("a <script> does not carry this response's CSP nonce")
        if not script.get("src"):
            problems.append("an inline <script> (all scripts must be files)")

    if problems:
        raise PageCheckError("Page check failed:\n  - " + "\n  - ".join(problems))
    return PageSummary(h1=h1, title=title, has_error_summary=has_errors)
