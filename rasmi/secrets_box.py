"""Secrets at rest (platform tokens): Fernet (AES-128-CBC + HMAC-SHA256) from `cryptography`.

Keys come from `RASMI_ENCRYPTION_KEYS` (comma-separated Fernet keys, newest first, so a key
can be rotated: new tokens use the first, old ones still open). Without it, a key is
derived from SECRET_KEY, which is fine for the embedded default and tests only.
"""

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class SecretUnreadable(Exception):
    """The stored secret was written with a key this installation no longer has."""


@cache
def _box() -> MultiFernet:
    keys = [k.strip() for k in settings.RASMI_ENCRYPTION_KEYS if k.strip()]
    if not keys:
        derived = hashlib.sha256(b"rasmi-secrets-box:" + settings.SECRET_KEY.encode()).digest()
        keys = [base64.urlsafe_b64encode(derived).decode()]
    return MultiFernet([Fernet(k) for k in keys])


def seal(plaintext: str) -> str:
    return _box().encrypt(plaintext.encode()).decode() if plaintext else ""


def open_sealed(sealed: str) -> str:
    if not sealed:
        return ""
    try:
        return _box().decrypt(sealed.encode()).decode()
    except InvalidToken as error:
        raise SecretUnreadable("stored secret cannot be decrypted with the configured keys") \
            from error
