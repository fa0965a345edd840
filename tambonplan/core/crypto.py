"""Encryption at rest of small secrets kept in the database (the two-factor secrets).

Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`) with the keys of FIELD_ENCRYPTION_KEYS: the
first key encrypts, every key decrypts, so a key is rotated by putting the new one first, re-encrypting
(`manage.py rotate_encryption_keys`) and then removing the old one. Without FIELD_ENCRYPTION_KEYS one key
is derived from SECRET_KEY (HKDF), which is enough for development; production sets its own key, kept
apart from the database and its backups (docs/OPERATIONS.md, Security).
"""

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

NO_KEY = "the value was encrypted with a key that is not in FIELD_ENCRYPTION_KEYS"


class DecryptionError(Exception):
    """A stored value cannot be decrypted with any of the configured keys."""


def derived_key(secret_key: str) -> bytes:
    """A Fernet key derived from Django's SECRET_KEY, for installations that set no key of their own."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"tambonplan field encryption")
    return base64.urlsafe_b64encode(hkdf.derive(secret_key.encode("utf-8")))


def _fernet() -> MultiFernet:
    keys = list(settings.FIELD_ENCRYPTION_KEYS) or [derived_key(settings.SECRET_KEY)]
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError) as exc:
        raise DecryptionError(NO_KEY) from exc


def reencrypt(token: str) -> str:
    """The value encrypted again with the first key (after a new key was put first)."""
    try:
        return _fernet().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeError) as exc:
        raise DecryptionError(NO_KEY) from exc
