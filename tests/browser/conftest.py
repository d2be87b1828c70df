"""Browser tests: the portal served on a local port, driven through the system Chromium.

Never a downloaded browser: Playwright launches Debian's /usr/bin/chromium. axe-core comes from
the project's npm packages and is evaluated in the page (not injected as an inline script, which
the portal's Content-Security-Policy would rightly block).
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
    def __init__(self, app) -> None:
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *_exc):
        self.server.shutdown()


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


def run_axe(page, axe_source: str) -> list[dict]:
    """Run axe-core on the page and return its violations (an empty list is a pass)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
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
    (the styles change only by media query), so one load serves every width.
    """
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.width = width
        check_loaded_page(page, axe_source, path, label)
