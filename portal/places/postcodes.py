"""UK postcodes: normalise, check, and find the council area: sector, then district.

Normalising first matters: a widely copied "official" regular expression rejects valid
postcodes such as W1A 1HQ (research/domain_anchors.md §4.5), so the check here is deliberately
permissive and the council lookup does the real work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from portal import filecheck
from portal.config import PROJECT_ROOT, ConfigError
from portal.districts import council_for_custodian_code, district_ids

POSTCODES_FILE = PROJECT_ROOT / "forms" / "postcodes.yaml"
OTHER_COUNCILS = ("southend", "thurrock", "outside")
_FORMAT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$")


class PostcodeTableError(ConfigError, ValueError):
    """forms/postcodes.yaml (or the custodian codes it relies on) is wrong: start-up stops."""


def normalise(raw: str) -> str:
    """'cm11qh ' -> 'CM1 1QH' (spaces removed, upper case, a space before the last 3)."""
    compact = re.sub(r"\s+", "", raw or "").upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def is_valid(postcode: str) -> bool:
    return bool(_FORMAT.match(normalise(postcode)))


@dataclass(frozen=True)
class Area:
    """The councils a postcode could be in. One means we know; several means we must ask.

    ``source`` says where the answer came from: "places" (every address at the postcode, from
    the Ordnance Survey Places API) or "table" (forms/postcodes.yaml)."""

    postcode: str
    councils: tuple[str, ...]
    source: str = "table"

    @property
    def unknown(self) -> bool:
        return not self.councils

    @property
    def known(self) -> str | None:
        return self.councils[0] if len(self.councils) == 1 else None


def outward(postcode: str) -> str:
    return normalise(postcode).split(" ")[0]


def sector(postcode: str) -> str:
    """'CM1 4AB' -> 'CM1 4': the outward code and the first character of the inward code."""
    postcode = normalise(postcode)
    return postcode[:-2] if " " in postcode else postcode


@cache
def _table() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    raw, problems = filecheck.read(POSTCODES_FILE, loader=filecheck.UniqueKeyLoader)
    problems = problems or filecheck.problems(raw, "postcodes")
    if not problems:
        problems, table = _check_councils(raw["postcodes"])
    if problems:
        raise PostcodeTableError(
            f"{POSTCODES_FILE.name} has problems:\n  - " + "\n  - ".join(problems)
        )
    return frozenset(raw["areas_in_scope"]), table


def _check_councils(raw: dict[str, list[str]]) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    """The table, and what its (schema-checked) entries name that does not exist."""
    allowed = set(district_ids()) | set(OTHER_COUNCILS)
    problems = [
        f"{key} has unknown councils {sorted(set(councils) - allowed)}"
        for key, councils in raw.items()
        if set(councils) - allowed
    ]
    for key in raw:
        if " " in key and key.split(" ")[0] not in raw:
            # Without it, the sector's neighbours would silently become "ask" or "outside".
            problems.append(f"sector {key} has no entry for its district {key.split(' ')[0]}")
    return problems, {key: tuple(councils) for key, councils in raw.items()}


def check() -> None:
    """Read the table and the custodian codes now, so a mistake stops start-up, not a form."""
    _table()
    council_for_custodian_code()


def table_area_for(postcode: str) -> Area:
    """The council area(s) from forms/postcodes.yaml alone: sector, then district."""
    postcode = normalise(postcode)
    in_scope, table = _table()
    for key in (sector(postcode), outward(postcode)):
        if key in table:
            return Area(postcode, table[key])
    letters = re.match(r"^[A-Z]+", postcode).group(0)
    if letters not in in_scope:
        return Area(postcode, ("outside",))
    # A district of an Essex postcode area that the table does not know: ask, never guess.
    return Area(postcode, ())


def area_for(postcode: str) -> Area:
    """The council area(s) for a valid postcode: the addresses at it when the Ordnance Survey
    Places API is configured and answers in time, else the table."""
    from portal.places import os_places  # it uses this module's helpers: import it late

    postcode = normalise(postcode)
    found = os_places.lookup(postcode)
    # Only a complete answer can say a postcode is in one council; a partial one falls back.
    if found and found.complete and found.councils:
        return Area(postcode, found.councils, source="places")
    return table_area_for(postcode)
