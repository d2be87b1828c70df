"""Pages of a long list: which page was asked for, and the GOV.UK pagination component's
parameters (previous, next, the first and last pages, and those either side of this one)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    number: int
    size: int
    # The rows in the list; when ``more``, only those that can be paged to (there are more).
    total: int
    more: bool = False

    @property
    def last(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def first_shown(self) -> int:
        return min(self.offset + 1, self.total)

    @property
    def last_shown(self) -> int:
        return min(self.offset + self.size, self.total)


def page_asked_for(
    arguments: Mapping[str, str], size: int, total: int, *, at_most: int | None = None
) -> Page:
    """The page in ``?page=``: a missing or broken number is the first page, one past the end
    the last page (a list that shrank while someone read it). With ``at_most``, a ``total``
    above it (counting stopped there) pages through the first ``at_most`` rows only."""
    more = at_most is not None and total > at_most
    total = at_most if more else total
    raw = arguments.get("page", "1")
    number = int(raw) if raw.isascii() and raw.isdigit() else 1
    page = Page(max(1, number), size, total, more)
    return Page(min(page.number, page.last), size, total, more)


def page_items(numbers: Iterable[int], current: int, link: Callable[[int], str]) -> list[dict]:
    """govukPagination's items: these page numbers in order (the first page among them), with
    an ellipsis wherever numbers are skipped."""
    items: list[dict] = []
    previous = 0
    for number in sorted(numbers):
        if number - previous > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": link(number), "current": number == current})
        previous = number
    return items


def pagination(page: Page, link: Callable[[int], str], label: str) -> dict | None:
    """govukPagination's parameters, or None when everything fits on one page."""
    if page.last == 1:
        return None
    shown = {1, page.last, page.number - 1, page.number, page.number + 1}
    items = page_items(shown & set(range(1, page.last + 1)), page.number, link)
    parameters: dict = {"items": items, "landmarkLabel": label}
    if page.number > 1:
        parameters["previous"] = {"href": link(page.number - 1)}
    if page.number < page.last:
        parameters["next"] = {"href": link(page.number + 1)}
    return parameters
