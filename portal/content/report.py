"""The content report: what editors should look at first.

Pages past their review date (or due soon), and the pages readers most often said were not
useful, with their latest comments. Used by `flask content-report`; a staff page can use the
same functions.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from portal.content import library
from portal.content.pages import Page
from portal.data.advice import least_useful_pages, recent_comments


def due_for_review(today: date, within_days: int) -> tuple[list[Page], list[Page]]:
    """(pages past their review date, pages due within ``within_days``), soonest first."""
    pages = sorted(library().english(), key=lambda page: (page.review_by, page.id))
    overdue = [page for page in pages if page.review_by < today]
    soon = [page for page in pages if today <= page.review_by <= today + timedelta(within_days)]
    return overdue, soon


def report_lines(within_days: int = 30, today: date | None = None) -> Iterator[str]:
    today = today or date.today()
    overdue, soon = due_for_review(today, within_days)
    yield f"Advice pages past their review date ({len(overdue)}):"
    for page in overdue:
        yield f"  {page.review_by}  {page.id}  (owner: {page.owner})"
    yield f"Due for review in the next {within_days} days ({len(soon)}):"
    for page in soon:
        yield f"  {page.review_by}  {page.id}  (owner: {page.owner})"
    least = least_useful_pages()
    yield f"Pages most often marked not useful ({len(least)}):"
    for page_id, noes, total in least:
        yield f"  {noes} of {total} said no  {page_id}"
        for comment in recent_comments(page_id, limit=3):
            yield f"      “{' '.join(comment.split())[:160]}”"
