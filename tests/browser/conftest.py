"""Browser tests: the portal served on a local port, driven through the system Chromium.

Never a downloaded browser: Playwright launches Debian's /usr/bin/chromium. axe-core comes from
the project's npm packages. The test server serves it at AXE_PATH and the page loads it as a script
file from its own origin, which the Content-Security-Policy allows (an inline script it would
rightly block); a page without JavaScript has it evaluated instead.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from portal.config import PROJECT_ROOT
from portal.demo import load_demo_data
from tests.conftest import build_app
from tests.run_figures import AXE_RESULTS

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_SOURCE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_PATH = "/__test-only/axe.min.js"  # no portal address starts with /__
WIDTHS = (320, 1280)
# Every WCAG 2.0, 2.1 and 2.2 rule at levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Every test comes from one address; the limits are tested elsewhere, not here.
NO_LIMITS = {
    "SUBMISSION_RATE_LIMIT": "100000 per minute",
    "PAGE_SAVE_RATE_LIMIT": "100000 per minute",
}


def app_with_content(database: Path):
    """An app on a fresh database holding what `make run` loads (the directory, the index)."""
    app = build_app(f"sqlite:///{database}", environ=NO_LIMITS)
    with app.app_context():
        for _line in load_demo_data():
            pass
    return app


def sitemap_paths() -> list[str]:
    """Every page in sitemap.xml, read at collection time so new pages are tested automatically."""
    with tempfile.TemporaryDirectory() as folder:
        app = app_with_content(Path(folder) / "sitemap.db")
        response = app.test_client().get("/sitemap.xml")
        app.extensions["frontdoor.db"][0].dispose()
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [
        urlsplit(loc.text).path
        for loc in ET.fromstring(response.data).findall("s:url/s:loc", namespace)
    ]


class LiveServer:
    """The app on a local port, and axe-core at AXE_PATH for the pages under test."""

    def __init__(self, app) -> None:
        self.app = app
        self.axe = AXE_SOURCE.read_bytes()
        self.server = make_server("127.0.0.1", 0, self.serve, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *_exc):
        self.server.shutdown()

    def serve(self, environ, start_response):
        if environ.get("PATH_INFO") != AXE_PATH:
            return self.app(environ, start_response)
        # A script file the browser caches, so Chromium compiles it once and reuses the code
        # on every later page (evaluating its text compiled 550 KB again on each page load).
        headers = [
            ("Content-Type", "text/javascript; charset=utf-8"),
            ("Content-Length", str(len(self.axe))),
            ("Cache-Control", "max-age=3600"),
        ]
        start_response("200 OK", headers)
        return [self.axe]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    app = app_with_content(tmp_path_factory.mktemp("browser") / "frontdoor.db")
    with LiveServer(app) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make system-deps`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


@pytest.fixture
def make_page(browser):
    """Open a page in a browser context of its own; every context is closed after the test.

    The page's ``width`` is the viewport width, and ``csp_violations`` collects what the
    Content-Security-Policy blocked.
    """
    contexts = []

    def make(width: int, height: int = 900, javascript: bool = True):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
            locale="en-GB",
        )
        contexts.append(context)
        page = context.new_page()
        page.width = width
        page.javascript = javascript
        page.csp_violations = []
        page.on(
            "console",
            lambda message: (
                page.csp_violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def page(request, make_page):
    return make_page(request.param)


@pytest.fixture(scope="session")
def _tab_for_loading(browser):
    """The one browser tab per test process behind ``loading_page``."""
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900}, locale="en-GB")
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()


@pytest.fixture
def loading_page(_tab_for_loading, live_server):
    """A page at the narrowest width for tests that only load addresses and check them: no
    clicks, no typing, nothing sent.

    A new browser context costs a new renderer process and a cold cache (about a third of a
    sitemap test's time), so these tests share one tab. Each starts from a blank tab with no
    cookies or storage left by the one before; the cached assets are all it keeps, and those
    are the same files every page loads. Tests that interact use ``page`` or ``make_page``.
    """
    page = _tab_for_loading
    page.context.clear_cookies()
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    page.width = WIDTHS[0]
    page.csp_violations = []
    yield page
    if page.url.startswith(live_server.url):
        page.evaluate("localStorage.clear(); sessionStorage.clear()")
    page.goto("about:blank")


def load_axe(page, axe_source: str) -> None:
    """Put axe-core in the page once per page load: as a script file from the page's own origin
    (a LiveServer serves it), or by evaluating its text where the page runs no scripts."""
    # A page still being parsed has no <head> to add a script to.
    page.wait_for_load_state("load")
    if page.evaluate("typeof window.axe !== 'undefined'"):
        return
    if getattr(page, "javascript", True):
        origin = urlsplit(page.url)
        page.add_script_tag(url=f"{origin.scheme}://{origin.netloc}{AXE_PATH}")
    else:
        page.evaluate(axe_source)


def run_axe(page, axe_source: str) -> list[dict]:
    """Run axe-core on the page and return its violations (an empty list is a pass)."""
    load_axe(page, axe_source)
    results = page.evaluate(
        "tags => axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return results["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


def record_axe_pass(path: str, width: int) -> None:
    AXE_RESULTS[path].add(width)


def check_loaded_page(page, axe_source: str, path: str, label: str | None = None) -> None:
    """Zero axe violations, no sideways scrolling, nothing blocked by the CSP."""
    violations = run_axe(page, axe_source)
    assert not violations, f"{path} at {page.width}px:\n{describe(violations)}"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {page.width}px"
    assert not page.csp_violations, page.csp_violations
    record_axe_pass(label or path, page.width)


@pytest.fixture
def narrow_page(make_page):
    """A page at the narrowest width, for tests that check each width in turn on one load."""
    return make_page(WIDTHS[0])


def check_at_every_width(page, axe_source: str, path: str, label: str | None = None) -> None:
    """The checks of check_loaded_page at each width in WIDTHS, on the page as it is loaded.

    Resizing the viewport lays the page out again exactly as a narrower or wider screen would
    (the styles change only by media query), so one load serves every width. The width the page
    is at comes first, so a walk from page to page resizes once per page, not twice.
    """
    current = getattr(page, "width", WIDTHS[0])
    for width in sorted(WIDTHS, key=lambda width: width != current):
        page.set_viewport_size({"width": width, "height": 900})
        page.width = width
        check_loaded_page(page, axe_source, path, label)
