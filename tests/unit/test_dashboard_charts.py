"""The dashboard's bar charts: bars in proportion, shares on a scale to 100%, labels wrapped to
the chart's width, and CSV cells a spreadsheet would run made safe."""

from __future__ import annotations

import pytest

from portal.staff.charts import WIDTH, WRAP, bar_chart
from portal.staff.dashboard import _safe
from portal.work_items.measure_tables import COUNT, LABEL, SHARE, Column, Table


def table(rows, kind=COUNT) -> Table:
    return Table("A caption", (Column("Thing", LABEL), Column("Value", kind)), tuple(rows))


def test_counts_are_drawn_in_proportion_to_the_largest_with_the_value_after_the_bar():
    chart = bar_chart(table([("One", 10), ("Two", 5), ("None", 0)]))
    longest, half, empty = chart.bars
    assert longest.length == pytest.approx(2 * half.length)
    assert longest.value_x + 60 <= WIDTH  # room for "123,456" after the longest bar
    assert empty.length == 0 and empty.value == "0"
    assert [bar.value for bar in chart.bars] == ["10", "5", "0"]
    assert chart.height > empty.y  # every bar is inside the picture


def test_shares_are_drawn_on_a_scale_of_a_hundred_and_a_missing_share_says_so():
    chart = bar_chart(table([("Half", 0.5), ("All", 1.0), ("Nothing to share", None)], SHARE))
    half, whole, missing = chart.bars
    assert half.length == pytest.approx(whole.length / 2)
    assert (half.value, whole.value, missing.value) == ("50.0%", "100.0%", "Not applicable")
    assert missing.length == 0


def test_long_labels_are_wrapped_onto_lines_above_their_bar():
    label = (
        "A call handler or adviser, filling this in during a call with the person or "
        "someone close to them"
    )
    [bar] = bar_chart(table([(label, 1234)])).bars
    assert len(bar.lines) > 2
    assert all(len(text) <= WRAP for _, text in bar.lines)
    assert " ".join(text for _, text in bar.lines) == label
    assert bar.lines[-1][0] < bar.y  # the label's last line is above the bar
    assert bar.value == "1,234"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_a_spreadsheet_would_run_gets_an_apostrophe(start):
    assert _safe(f"{start}1+1") == f"'{start}1+1"


def test_other_cells_are_left_as_they_are():
    assert _safe("Carer's self-assessment") == "Carer's self-assessment"
    assert _safe(12) == 12 and _safe("") == ""
