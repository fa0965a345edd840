"""Time-based one-time passwords (RFC 6238, the 6-digit codes of authenticator apps), with the standard
library only: HMAC-SHA1 over 30-second steps, the parameters every authenticator app uses by default."""

import base64
import hashlib
import hmac
import re
import secrets
import struct
import time
from urllib.parse import quote, urlencode

from django.db.models import Q
from django.utils.safestring import SafeString

from tambonplan.accounts.models import User
from tambonplan.core import qr as core_qr
from tambonplan.thai.digits import to_arabic_digits

DIGITS = 6
STEP_SECONDS = 30
ISSUER = "TambonPlan"
# ASCII digits only (Thai digits are turned into them first): str.isdigit() also takes "²" and other
# scripts' digits, which the constant-time comparison cannot compare.
_CODE_RE = re.compile(rf"[0-9]{{{DIGITS}}}")


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


def clean_code(code: str | None) -> str | None:
    """The code as six ASCII digits (spaces removed, Thai digits accepted), or None if it is not one."""
    cleaned = to_arabic_digits((code or "").strip().replace(" ", ""))
    return cleaned if _CODE_RE.fullmatch(cleaned) else None


def matching_counter(secret: str, code: str, *, moment: float | None = None, drift: int = 1) -> int | None:
    """The step whose code this is, allowing `drift` steps of clock difference either way; None if none."""
    code = clean_code(code)
    if code is None:
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


ACCEPTED = "accepted"
USED = "used"  # the right code of a step already accepted (replay, or the code that turned 2FA on)
WRONG = "wrong"


def check_code(user, secret: str, code: str) -> str:
    """ACCEPTED for a right code not used before, USED for a right code of a step already accepted (or
    earlier), WRONG otherwise. Each step's code is accepted once per user; the last accepted step is kept on
    the user's row, so two requests racing with one code cannot both win (one conditional UPDATE) and a
    restart forgets nothing."""
    counter = matching_counter(secret, code)
    if counter is None:
        return WRONG
    fresh = Q(totp_last_step__isnull=True) | Q(totp_last_step__lt=counter)
    if User.objects.filter(fresh, pk=user.pk).update(totp_last_step=counter) != 1:
        return USED
    user.totp_last_step = counter
    return ACCEPTED


def accept_code(user, secret: str, code: str) -> bool:
    """True for a right code not used before (check_code's ACCEPTED)."""
    return check_code(user, secret, code) == ACCEPTED


# Backup codes: 10 characters from an alphabet without look-alikes (0/O, 1/l/I), shown as xxxxx-xxxxx.
BACKUP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
BACKUP_LENGTH = 10
BACKUP_COUNT = 10


def new_backup_code() -> str:
    code = "".join(secrets.choice(BACKUP_ALPHABET) for _ in range(BACKUP_LENGTH))
    return f"{code[:5]}-{code[5:]}"


def clean_backup_code(code: str | None) -> str | None:
    """The code as typed, without spaces and dashes, lower case; None if it cannot be a backup code."""
    cleaned = "".join((code or "").split()).replace("-", "").lower()
    if len(cleaned) != BACKUP_LENGTH or any(ch not in BACKUP_ALPHABET for ch in cleaned):
        return None
    return cleaned


def backup_digest(code: str) -> str:
    """The stored form of a backup code (its 50 random bits make a slow hash unnecessary; the lockout
    limits guessing)."""
    return hashlib.sha256(clean_backup_code(code).encode("ascii")).hexdigest()
