"""The page checker itself: it must fail pages that break the rules, or it proves nothing."""

from __future__ import annotations

import pytest

from tests.pagecheck import PageCheckError, check_page

CSP = "script-src 'self' 'nonce-abc123'"


def page(body: str, title: str = "Hello – Service", head: str = "") -> str:
    return (
        '<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8">'
        f"<title>{title}</title>{head}</head><body>{body}</body></html>"
    )


def test_a_good_page_passes():
    summary = check_page(page("<main><h1>Hello</h1></main>"), CSP)
    assert summary.h1 == "Hello"


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        (page("<h1>Hello</h1><h1>Again</h1>"), "exactly one <h1>"),
        (page("<p>No heading</p>"), "exactly one <h1>"),
        (page("<h1>Hello</h1>", title="Other – Service"), "does not start with the <h1>"),
        (page('<h1>Hello</h1><p id="a"></p><p id="a"></p>'), "duplicate ids: a"),
        (page('<h1 style="color:red">Hello</h1>'), "style attribute"),
        (page('<h1 onclick="x()">Hello</h1>'), "inline event handler"),
        (page("<h1>Hello</h1>", head='<script src="/a.js"></script>'), "CSP nonce"),
        (page("<h1>Hello</h1>", head='<script nonce="abc123">x()</script>'), "inline <script>"),
        (page("<h1>Hello</h1><div></span></div>"), "HTML parse error"),
        (
            page('<div class="govuk-error-summary"></div><h1>Hello</h1>'),
            "title starting 'Error:'",
        ),
        ("<html><head><title>Hello</title></head><body><h1>Hello</h1></body></html>", "DOCTYPE"),
    ],
)
def test_a_page_breaking_a_rule_fails(html, problem):
    with pytest.raises(PageCheckError, match=problem):
        check_page(html, CSP)


def test_error_pages_pass_with_the_error_prefix():
    html = page('<div class="govuk-error-summary"></div><h1>Hello</h1>', title="Error: Hello – S")
    assert check_page(html, CSP).has_error_summary
