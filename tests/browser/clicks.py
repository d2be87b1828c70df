"""Clicks that start a navigation.

Playwright's click returns once the click is done, not once the page it asked for has arrived:
reading ``page.url`` or the new page's text straight after it may still see the old page (CI
failed on this at stops 12 and 13). ``follow`` waits for the navigation the click starts to load.
"""

from __future__ import annotations


def follow(locator) -> None:
    """Click a link or a submit button and wait until the page it leads to has loaded."""
    with locator.page.expect_navigation():
        locator.click()
