"""Outside addresses that stand in for a page nobody found.

A council's bare home page ("https://www.essex.gov.uk") sends a reader to search a whole site for
one service, so advice pages and directory services must link to the page about the thing itself.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def is_placeholder(href: str) -> bool:
    """True for the home page of a council or other gov.uk site, with no path to a real page."""
    parts = urlsplit(href)
    host = (parts.hostname or "").lower()
    on_gov_uk = host == "gov.uk" or host.endswith(".gov.uk")
    bare = parts.path in ("", "/") and not parts.query and not parts.fragment
    return parts.scheme in ("http", "https") and on_gov_uk and bare
