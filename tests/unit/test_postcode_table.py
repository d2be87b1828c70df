"""The postcode table: sectors beside districts, the finer entry winning, and its checks."""

from __future__ import annotations

import pytest

from portal import routing
from portal.places import postcodes


@pytest.fixture
def table(tmp_path, monkeypatch):
    """Write a postcode table and look postcodes up in it."""

    def use(body: str):
        path = tmp_path / "postcodes.yaml"
        path.write_text("areas_in_scope: [CM, SG]\npostcodes:\n" + body, encoding="utf-8")
        monkeypatch.setattr(postcodes, "POSTCODES_FILE", path)
        postcodes._table.cache_clear()
        return postcodes.table_area_for

    yield use
    postcodes._table.cache_clear()


def test_a_sector_entry_wins_over_its_district(table):
    area_for = table("  CM1: [chelmsford]\n  CM1 4: [uttlesford, chelmsford]\n")
    assert area_for("CM1 4QR").councils == ("uttlesford", "chelmsford")
    assert area_for("CM1 1QH").known == "chelmsford"
    assert area_for("cm14qr").councils == ("uttlesford", "chelmsford")  # normalised first
    assert area_for("CM2 0AA").unknown  # an Essex district the table does not list: ask
    assert area_for("IP1 1AA").known == "outside"  # an area not in scope


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("  CM1: [chelmsford]\n  CM1: [maldon]\n", "listed more than once: CM1"),
        ("  CM1: [chelmsfrod]\n", "CM1 has unknown councils ['chelmsfrod']"),
        ("  CM1: []\n", "CM1 needs a list of different councils"),
        ("  CM1: [maldon, maldon]\n", "CM1 needs a list of different councils"),
        ("  CM1 4A: [chelmsford]\n", "CM1 4A is not a postcode district (CM1) or sector"),
        ("  CM1 4: [uttlesford]\n", "sector CM1 4 has no entry for its district CM1"),
    ],
)
def test_a_mistake_in_the_table_stops_start_up_naming_the_entry(table, body, problem):
    table(body)
    routing.config.cache_clear()  # start-up loads the routing, which checks the table
    try:
        with pytest.raises(ValueError, match=r"postcodes\.yaml") as error:
            routing.config()
    finally:
        routing.config.cache_clear()
    assert problem in str(error.value)


def test_the_real_table_loads_and_every_sector_sits_under_a_listed_district():
    postcodes._table.cache_clear()
    in_scope, entries = postcodes._table()
    sectors = [key for key in entries if " " in key]
    assert "CM1 4" in sectors and "SG8 8" in sectors
    assert "SG" not in in_scope  # the rest of Hertfordshire's SG area is outside Essex


def test_a_misspelt_key_in_the_table_is_named(tmp_path, monkeypatch):
    from portal.places.postcodes import PostcodeTableError

    path = tmp_path / "postcodes.yaml"
    text = postcodes.POSTCODES_FILE.read_text(encoding="utf-8")
    path.write_text(text.replace("\npostcodes:\n", "\npostcode:\n"), encoding="utf-8")
    monkeypatch.setattr(postcodes, "POSTCODES_FILE", path)
    postcodes._table.cache_clear()
    try:
        with pytest.raises(PostcodeTableError) as raised:
            postcodes.check()
    finally:
        postcodes._table.cache_clear()
    assert "postcodes.yaml has problems:" in str(raised.value)
    assert "unknown key 'postcode' (did you mean 'postcodes'?)" in str(raised.value)
    assert "missing key 'postcodes'" in str(raised.value)
