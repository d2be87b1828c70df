"""The second factor: TOTP codes from an authenticator app (RFC 6238), and recovery codes.

A code is accepted for the current 30-second step or the one either side (clocks drift), and
never twice: the step it was accepted for is kept, and a code for that step or an earlier one
is refused, so a code someone saw over a shoulder is no use once it has been typed.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time

import pyotp
import segno
from markupsafe import Markup

from portal.data.accounts import RecoveryCode, StaffUser
from portal.data.database import utcnow

ISSUER = "Essex Adult Social Care"
RECOVERY_CODE_COUNT = 10
# No 0/o, 1/l/i: a code read off paper should not be mistyped. 16 characters of 31 is about
# 79 bits, so an unsalted-looking SHA-256 of it is safe to keep (ADR 0024).
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_NOT_DIGITS = re.compile(r"[\s-]")


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: StaffUser) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def grouped_secret(secret: str) -> str:
    """The secret in groups of four, for typing into an app that cannot scan a QR code."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(user: StaffUser) -> Markup:
    """The enrolment QR code as inline SVG, named for assistive technology by its <title>."""
    svg = segno.make(provisioning_uri(user), error="m").svg_inline(
        scale=4,
        dark="#0b0c0c",
        light="#ffffff",
        title="QR code for setting up your authenticator app",
        desc="Scan it with the app, or type the key shown below the code into the app instead.",
        svgclass="app-qr-code",
    )
    # The title names the image only when the SVG says it is one (role="img").
    # segno writes only the path data it computed and the escaped title and description.
    return Markup(svg.replace("<svg ", '<svg role="img" focusable="false" ', 1))  # noqa: S704


def _step(moment: float) -> int:
    return int(moment // 30)


def accept_code(user: StaffUser, code: str, now: float | None = None) -> bool:
    """True and remembered if ``code`` is the user's current code, not used before."""
    if not user.totp_secret:
        return False
    code = _NOT_DIGITS.sub("", code or "")
    if not re.fullmatch(r"\d{6}", code):
        return False
    totp = pyotp.TOTP(user.totp_secret)
    moment = time.time() if now is None else now
    current = _step(moment)
    for step in (current - 1, current, current + 1):
        if user.totp_last_step is not None and step <= user.totp_last_step:
            continue
        if hmac.compare_digest(totp.generate_otp(step), code):
            user.totp_last_step = step
            return True
    return False


def _normalise(code: str) -> str:
    return _NOT_DIGITS.sub("", (code or "").lower())


def _code_hash(user_id: int, code: str) -> str:
    # The account's id in the hash: one list of hashes says nothing about another account's.
    return hashlib.sha256(f"{user_id}:{_normalise(code)}".encode()).hexdigest()


def new_recovery_codes(user: StaffUser) -> list[str]:
    """Replace the user's recovery codes with 10 new ones, returned once to be shown once."""
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(16))
        codes.append("-".join(raw[i : i + 4] for i in range(0, 16, 4)))
    user.recovery_codes = [RecoveryCode(code_hash=_code_hash(user.id, code)) for code in codes]
    return codes


def use_recovery_code(user: StaffUser, code: str) -> bool:
    """True if ``code`` is one of the user's unused recovery codes; it is then used up."""
    if len(_normalise(code)) != 16:
        return False
    wanted = _code_hash(user.id, code)
    for row in user.recovery_codes:
        if row.used_at is None and hmac.compare_digest(row.code_hash, wanted):
            row.used_at = utcnow()
            return True
    return False


def recovery_codes_left(user: StaffUser) -> int:
    return sum(1 for row in user.recovery_codes if row.used_at is None)
