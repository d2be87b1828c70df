"""UK postcodes: normalise, check, and find the council area from the outward code.

Normalising first matters: a widely copied "official" regular expression rejects valid
postcodes such as W1A 1HQ (research/domain_anchors.md §4.5), so the check here is deliberately
permissive and the council lookup does the real work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import yaml

from portal.config import PROJECT_ROOT
from portal.districts import district_ids

POSTCODES_FILE = PROJECT_ROOT / "forms" / "postcodes.yaml"
OTHER_COUNCILS = ("southend", "thurrock", "outside")
_FORMAT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$")


def normalise(raw: str) -> str:
    """'cm11qh ' -> 'CM1 1QH' (spaces removed, upper case, a space before the last 3)."""
    compact = re.sub(r"\s+", "", raw or "").upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def is_valid(postcode: str) -> bool:
    return bool(_FORMAT.match(normalise(postcode)))


@dataclass(frozen=True)
class Area:
    """The councils a postcode could be in. One means we know; several means we must ask."""

    postcode: str
    councils: tuple[str, ...]

    @property
    def unknown(self) -> bool:
        return not self.councils

    @property
    def known(self) -> str | None:
        return self.councils[0] if len(self.councils) == 1 else None


@cache
def _table() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    raw = yaml.safe_load(POSTCODES_FILE.read_text(encoding="utf-8"))
    allowed = set(district_ids()) | set(OTHER_COUNCILS)
    table = {}
    for outward, councils in raw["outward_codes"].items():
        unknown = set(councils) - allowed
        if unknown or not councils:
            raise ValueError(f"{POSTCODES_FILE.name}: {outward} has unknown councils {unknown}")
        table[str(outward)] = tuple(councils)
    return frozenset(raw["areas_in_scope"]), table


def area_for(postcode: str) -> Area:
    """The council area(s) for a valid postcode."""
    postcode = normalise(postcode)
    outward = postcode.split(" ")[0]
    in_scope, table = _table()
    if outward in table:
        return Area(postcode, table[outward])
    letters = re.match(r"^[A-Z]+", outward).group(0)
    if letters not in in_scope:
        return Area(postcode, ("outside",))
    # A district of an Essex postcode area that the table does not know: ask, never guess.
    return Area(postcode, ())
