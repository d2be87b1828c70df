"""Rebuilding the postcode table from an ONS Postcode Directory extract."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from portal.places import onspd

HEADER = "pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward\n"


def _row(postcode: str, district: str, terminated: str = "") -> str:
    compact = postcode.replace(" ", "")
    return f"{compact},{postcode},{postcode},199801,{terminated},E10000012,,{district},\n"


@pytest.fixture
def extract(tmp_path):
    rows = [
        _row("CM1 1QH", "E07000070"),  # Chelmsford
        _row("CM3 5AB", "E07000070"),
        _row("CM3 5AC", "E07000070"),
        _row("CM3 6XY", "E07000074"),  # Maldon: CM3 crosses a boundary
        _row("SS9 1AA", "E06000033"),  # Southend
        _row("SS1 9ZZ", "E07000075", terminated="201001"),  # gone: ignored
        _row("SS10 1AA", "E07000075"),  # Rochford
        _row("SS2 1AA", "E06000033"),
        _row("CM23 2AA", "E07000242"),  # East Hertfordshire
        _row("E1 6AN", "E09000030"),  # London only: no area in scope
        _row("W1A 1HQ", "E09000033"),
    ]
    path = tmp_path / "ONSPD_NOV_2026_UK.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_every_live_postcode_lands_in_its_councils_most_first(extract, tmp_path):
    output = tmp_path / "postcodes.yaml"
    onspd.import_file(extract, output, today=date(2026, 11, 23))
    table = yaml.safe_load(output.read_text(encoding="utf-8"))
    assert table["areas_in_scope"] == ["CM", "SS"]
    assert table["postcodes"] == {
        "CM1": ["chelmsford"],
        "CM3": ["chelmsford", "maldon"],
        "CM3 5": ["chelmsford"],  # the split district's sectors each sit in one council
        "CM3 6": ["maldon"],
        "CM23": ["outside"],
        "SS2": ["southend"],
        "SS9": ["southend"],
        "SS10": ["rochford"],
    }
    assert "ONSPD_NOV_2026_UK.csv on 2026-11-23" in output.read_text(encoding="utf-8")


def test_newer_releases_name_the_district_column_by_year(tmp_path):
    path = tmp_path / "onspd.csv"
    path.write_text("pcd7,pcds,doterm,lad25cd\nCO1 1AA,CO1 1AA,,E07000071\n", encoding="utf-8")
    table = onspd.import_file(path, tmp_path / "out.yaml")
    assert table["postcodes"] == {"CO1": ["colchester"]}


def test_a_file_that_is_not_onspd_is_refused_with_the_columns_it_has(app, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("name,town\nAda,Harlow\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(
        args=["postcodes", "import-onspd", str(path), "--output", str(tmp_path / "o.yaml")]
    )
    assert result.exit_code != 0
    assert "found: name, town" in result.output
    assert not (tmp_path / "o.yaml").exists()


def test_the_command_reports_what_it_wrote(app, extract, tmp_path):
    output = tmp_path / "postcodes.yaml"
    result = app.test_cli_runner().invoke(
        args=["postcodes", "import-onspd", str(extract), "--output", str(output)]
    )
    assert result.exit_code == 0, result.output
    assert "Wrote 6 postcode districts and 2 sectors in CM, SS" in result.output
    assert "1 districts cross a council boundary and 0 sectors still do" in result.output


def test_the_portal_looks_postcodes_up_in_an_imported_table(extract, tmp_path, monkeypatch):
    from portal.places import postcodes

    output = tmp_path / "postcodes.yaml"
    onspd.import_file(extract, output)
    monkeypatch.setattr(postcodes, "POSTCODES_FILE", output)
    postcodes._table.cache_clear()
    try:
        assert postcodes.area_for("cm1 1qh").known == "chelmsford"
        assert postcodes.area_for("CM3 9ZZ").councils == ("chelmsford", "maldon")  # new sector
        assert postcodes.area_for("CM3 6AA").known == "maldon"
        assert postcodes.area_for("W1A 1HQ").known == "outside"
        assert postcodes.area_for("SS99 9ZZ").unknown  # an unknown Essex district: ask
    finally:
        postcodes._table.cache_clear()


def test_sectors_resolve_the_edges_as_finely_as_the_directory_allows(tmp_path):
    rows = [
        _row("CM1 1QH", "E07000070"),  # Chelmsford
        _row("CM1 4AA", "E07000070"),  # Roxwell, Chelmsford ...
        _row("CM1 4QR", "E07000077"),  # ... and High Easter, Uttlesford, in one sector
        _row("SG8 7AA", "E07000099"),  # Royston, North Hertfordshire
        _row("SG8 8QR", "E07000077"),  # Chrishall, Uttlesford
        _row("SG1 1AA", "E07000243"),  # Stevenage
    ]
    path = tmp_path / "onspd.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    table = onspd.import_file(path, tmp_path / "out.yaml", today=date(2026, 11, 23))
    assert table["areas_in_scope"] == ["CM", "SG"]
    assert table["postcodes"] == {
        "CM1": ["chelmsford", "uttlesford"],
        "CM1 1": ["chelmsford"],
        # CM1 4 is as split as CM1 itself, so the district entry speaks for it: ask.
        "SG1": ["outside"],
        "SG8": ["outside", "uttlesford"],
        "SG8 7": ["outside"],
        "SG8 8": ["uttlesford"],
    }
    written = yaml.safe_load((tmp_path / "out.yaml").read_text(encoding="utf-8"))
    assert list(written["postcodes"]) == list(table["postcodes"])  # districts, then sectors
