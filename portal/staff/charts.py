"""Horizontal bar charts drawn on the server as SVG: the geometry here, the markup in
templates/staff/_chart.html, the colours in static/scss/_dashboard.scss (the CSP allows no style
attribute or element, so nothing is styled inline).

Each bar has its label on the lines above it, wrapped, so a long answer ("A call handler or
adviser, filling this in during a call...") needs no room beside the bar, and the chart's
viewBox is narrow enough to stay readable when it is scaled down to a 320 px screen. The value
is written after the bar in the page's text colour. The table beside it has the same figures.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from portal.work_items.measure_tables import SHARE, Table

WIDTH = 300  # viewBox units; the page scales the chart to its column
FONT = 16  # the label and value size in viewBox units (the stylesheet sets the same)
LINE = 20  # one line of label text
BAR = 20  # the bar's thickness
GAP = 14  # after each bar
VALUE_ROOM = 70  # kept free after the longest bar for its value ("100.0%", "123,456")
WRAP = 31  # characters a label line may have at this width and size


@dataclass(frozen=True)
class Bar:
    lines: tuple[tuple[float, str], ...]  # (baseline y, text) of each label line
    y: float
    length: float
    value: str
    value_x: float
    value_y: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: float
    bars: tuple[Bar, ...]


def count_text(value: int) -> str:
    return f"{value:,}"


def share_text(value: float | None) -> str:
    return "Not applicable" if value is None else f"{value * 100:.1f}%"


def bar_chart(table: Table) -> Chart:
    """The bars of the table's ``chart`` column: shares on a scale of 0 to 100%, counts on a
    scale of 0 to the largest count."""
    is_share = table.columns[table.chart].kind == SHARE
    values = [row[table.chart] for row in table.rows]
    top = 1.0 if is_share else max((v for v in values if v is not None), default=0)
    room = WIDTH - VALUE_ROOM
    bars, y = [], 0.0
    for row, value in zip(table.rows, values, strict=True):
        lines = []
        for text in textwrap.wrap(str(row[0]), WRAP) or [""]:
            y += LINE
            lines.append((y - 5, text))
        y += 4
        length = room * value / top if value and top else 0.0
        shown = share_text(value) if is_share else count_text(value)
        bars.append(
            Bar(tuple(lines), y, round(length, 1), shown, round(length + 6, 1), y + BAR - 5)
        )
        y += BAR + GAP
    return Chart(WIDTH, y, tuple(bars))
