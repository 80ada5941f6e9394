"""TOTP codes (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps) and recovery codes.

Only this module imports pyotp. A code is accepted for the step before, the current
step and the step after (clock drift of a phone), and only for a step later than the
last one accepted: each code is good once.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime

import pyotp

ISSUER = "Cairn"
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i


def new_secret() -> str:
    """160 random bits, base32 (RFC 4226 recommends at least 128)."""
    return pyotp.random_base32(length=32)


def provisioning_uri(secret: str, account_name: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account_name, issuer_name=ISSUER)


def matching_step(secret: str, code: str, now: datetime, *, after: int | None) -> int | None:
    """The time step whose code `code` is, among now-1..now+1 and later than `after`;
    None when it matches none of them (wrong, stale, or already used)."""
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    found: int | None = None
    for step in (current - 1, current, current + 1):
        # Compare all three in constant time; do not stop at the first match.
        if hmac.compare_digest(totp.generate_otp(step), code) and (after is None or step > after):
            found = step
    return found


def new_recovery_codes() -> list[str]:
    """Ten codes of 10 characters (about 49 bits each), shown as `xxxxx-xxxxx`."""
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


def normalize_recovery_code(code: str) -> str:
    """What is hashed: lower case, without spaces or dashes, so `ABCDE FGHJK` works too."""
    return "".join(ch for ch in code.lower() if ch.isalnum())
