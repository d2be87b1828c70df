"""The 12 districts of Essex County Council's area and their alliances (config/districts.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from portal import filecheck
from portal.config import PROJECT_ROOT

DISTRICTS_FILE = PROJECT_ROOT / "config" / "districts.yaml"


@dataclass(frozen=True)
class District:
    id: str
    name: str
    alliance: str
    gss: str


@cache
def _raw() -> dict:
    return filecheck.safe_load(DISTRICTS_FILE.read_text(encoding="utf-8"))


def alliances() -> dict[str, str]:
    """Alliance id -> name."""
    return _raw()["alliances"]


@cache
def districts() -> tuple[District, ...]:
    found = tuple(District(**item) for item in _raw()["districts"])
    unknown = [d.id for d in found if d.alliance not in alliances()]
    if unknown:
        raise ValueError(f"{DISTRICTS_FILE.name}: unknown alliance for {unknown}")
    return found


@cache
def district_names() -> dict[str, str]:
    """District id -> name."""
    return {district.id: district.name for district in districts()}


@cache
def council_for_gss_code() -> dict[str, str]:
    """ONS local authority code -> council id, for the 12 districts and the two unitaries."""
    codes = {district.gss: district.id for district in districts()}
    codes.update({gss: council for council, gss in _raw()["unitary_councils"].items()})
    return codes


@cache
def council_for_custodian_code() -> dict[int, str]:
    """AddressBase local custodian code -> council id, for the 12 districts and the two
    unitaries; every one of them must be there, so a missing council is an error, not "outside"."""
    codes = {int(code): council for code, council in _raw()["local_custodian_codes"].items()}
    missing = (set(district_ids()) | set(_raw()["unitary_councils"])) - set(codes.values())
    if missing or len(set(codes.values())) != len(codes):
        raise ValueError(
            f"{DISTRICTS_FILE.name}: local_custodian_codes must name each council once "
            f"(missing: {', '.join(sorted(missing)) or 'none'})"
        )
    return codes


def district_ids() -> tuple[str, ...]:
    return tuple(district.id for district in districts())


def district_named(name: str) -> District | None:
    """The district whose name or id matches ``name`` (case and spacing ignored)."""
    wanted = " ".join(name.lower().replace("-", " ").split())
    for district in districts():
        if wanted in (district.name.lower(), district.id.replace("-", " ")):
            return district
    return None
