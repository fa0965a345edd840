"""Time-based one-time passwords (RFC 6238, the 6-digit codes of authenticator apps), with the standard
library only: HMAC-SHA1 over 30-second steps, the parameters every authenticator app uses by default."""

import base64
import hashlib
import hmac
import secrets
import struct
import time
from urllib.parse import quote, urlencode

from django.core.cache import cache
from django.utils.safestring import SafeString

from tambonplan.core import qr as core_qr

DIGITS = 6
STEP_SECONDS = 30
ISSUER = "TambonPlan"


def new_secret() -> str:
    """A random 160-bit secret in base32 (what authenticator apps expect), without padding."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii").rstrip("=")


def _key(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def counter_at(moment: float | None = None) -> int:
    return int((time.time() if moment is None else moment) // STEP_SECONDS)


def code_for(secret: str, counter: int) -> str:
    """The code of one 30-second step (RFC 4226 HOTP with dynamic truncation)."""
    digest = hmac.new(_key(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**DIGITS).zfill(DIGITS)


def code_at(secret: str, moment: float | None = None) -> str:
    return code_for(secret, counter_at(moment))


def matching_counter(secret: str, code: str, *, moment: float | None = None, drift: int = 1) -> int | None:
    """The step whose code this is, allowing `drift` steps of clock difference either way; None if none."""
    code = (code or "").strip().replace(" ", "")
    if len(code) != DIGITS or not code.isdigit():
        return None
    now = counter_at(moment)
    for counter in range(now - drift, now + drift + 1):
        if hmac.compare_digest(code_for(secret, counter), code):
            return counter
    return None


def provisioning_uri(secret: str, account: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    label = quote(f"{ISSUER}:{account}")
    query = urlencode({"secret": secret, "issuer": ISSUER, "digits": DIGITS, "period": STEP_SECONDS})
    return f"otpauth://totp/{label}?{query}"


def qr_svg(secret: str, account: str) -> SafeString:
    """The provisioning address as an inline SVG QR code (no inline script or style: CSP-safe)."""
    return core_qr.qr_svg(provisioning_uri(secret, account))


def accept_code(user_pk: int, secret: str, code: str) -> bool:
    """True for a right code not used before: each step's code is accepted once per user (replay)."""
    counter = matching_counter(secret, code)
    if counter is None:
        return False
    key = f"totp-last-step:{user_pk}"
    last = cache.get(key)
    if last is not None and counter <= last:
        return False
    cache.set(key, counter, timeout=STEP_SECONDS * 4)
    return True
