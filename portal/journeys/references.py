"""References people can read out on the phone: short, unambiguous, self-checking.

``TEC-7K3M-9QXK``: the journey's three letters, then 7 random characters and a check character,
from an alphabet without 0/O or 1/I. The check character (Luhn mod 32) catches a mistyped or
swapped character, so a wrong reference is refused before anything is looked up.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 characters: no 0, O, 1 or I
_BODY = 7


def _check_character(body: str) -> str:
    total, factor = 0, 2
    for character in reversed(body):
        addend = factor * ALPHABET.index(character)
        factor = 1 if factor == 2 else 2
        total += addend // len(ALPHABET) + addend % len(ALPHABET)
    return ALPHABET[(len(ALPHABET) - total % len(ALPHABET)) % len(ALPHABET)]


def new_reference(prefix: str) -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(_BODY))
    full = body + _check_character(body)
    return f"{prefix}-{full[:4]}-{full[4:]}"


def normalise(raw: str) -> str:
    """What someone typed or read out ('tec 7k3m 9qxp') in the standard form."""
    compact = re.sub(r"[^A-Za-z0-9]", "", raw or "").upper()
    if len(compact) != 3 + _BODY + 1:
        return compact
    return f"{compact[:3]}-{compact[3:7]}-{compact[7:]}"


def is_valid(reference: str) -> bool:
    match = re.fullmatch(r"([A-Z]{3})-([A-Z0-9]{4})-([A-Z0-9]{4})", reference or "")
    if not match:
        return False
    full = match.group(2) + match.group(3)
    if any(character not in ALPHABET for character in full):
        return False
    return _check_character(full[:-1]) == full[-1]


def new_code() -> str:
    """The secret someone needs with the reference to come back to a draft (about 40 bits)."""
    code = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


def normalise_code(raw: str) -> str:
    compact = re.sub(r"[^A-Za-z0-9]", "", raw or "").upper()
    return f"{compact[:4]}-{compact[4:]}" if len(compact) == 8 else compact
