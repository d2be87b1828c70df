"""Password hashes (Argon2id) and the rules a new password must meet (NCSC guidance).

The NCSC's guidance is length and a check against commonly used passwords, not composition
rules ("one capital, one symbol") and not expiry: those push people to predictable patterns.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
# Long enough for any passphrase; the limit only stops a huge body being hashed.
MAX_LENGTH = 256
# The most used passwords in published breach lists, and variants a council user might try.
COMMON = frozenset(
    {
        "password",
        "password1",
        "password123",
        "passw0rd",
        "123456789012",
        "qwertyuiop",
        "qwertyuiop123",
        "iloveyou",
        "letmein",
        "welcome",
        "welcome123",
        "changeme",
        "essexcouncil",
        "essexcountycouncil",
        "adultsocialcare",
    }
)

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@cache
def _dummy_hash() -> str:
    return _hasher.hash("not a password anyone has")


def verify_password(stored: str | None, password: str) -> bool:
    """True if ``password`` matches ``stored``. With no stored hash (no such account, or an
    account that signs in elsewhere) a hash is still checked, so the answer takes as long."""
    try:
        return _hasher.verify(stored or _dummy_hash(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """True when the hash was made with older parameters than the ones used now."""
    return _hasher.check_needs_rehash(stored)


def password_problems(password: str, email: str = "") -> list[str]:
    """Why ``password`` cannot be used (an empty list when it can)."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(
            f"Password must be {MIN_LENGTH} characters or more. Three random words work well."
        )
    if len(password) > MAX_LENGTH:
        problems.append(f"Password must be {MAX_LENGTH} characters or fewer.")
    folded = "".join(password.lower().split())
    local_part = email.split("@", 1)[0].lower()
    if folded in COMMON or (local_part and local_part in folded and len(local_part) > 3):
        problems.append("Password is too easy to guess. Choose one that is not in common use.")
    return problems
