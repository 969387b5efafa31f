"""Citizens' personal data in what leaves the inbox: redaction and pseudonyms.

Identifiers (MyKad, passport, bank account, mobile, personal e-mail) are found by
rasmi.core.text.identifiers; the names the platform showed for the people in a
conversation are masked too, since no pattern can find a name. Pure Python.
"""

import hashlib
import hmac
import re
from collections.abc import Iterable

from rasmi.core.text import identifiers

NAME_MASK = "[name]"
PSEUDONYM_PREFIX = "anon-"
# Parts of a display name shorter than this ("Tan", "Ali", "Mak") are also everyday words
# or too ambiguous to mask on their own; the whole name is always masked.
_MIN_NAME_PART = 4


def _name_patterns(names: Iterable[str]) -> list[re.Pattern]:
    patterns, seen = [], set()
    for name in names:
        name = " ".join((name or "").split())
        if not name or name.startswith(PSEUDONYM_PREFIX):
            continue
        candidates = [(name, re.IGNORECASE)] + [
            (part, 0) for part in name.split()
            if len(part) >= _MIN_NAME_PART and part[:1].isupper()]
        for text, flags in candidates:
            if (text.lower(), flags) in seen:
                continue
            seen.add((text.lower(), flags))
            # As a whole word: "Aina" is masked, "Ainalah" and "Kainan" are not, and
            # neither is a marker already in the text ("[name]" for someone called Name).
            patterns.append(re.compile(rf"(?<![\w\[]){re.escape(text)}(?![\w\]])", flags))
    # Longest first, so "Nurul Aina" goes as one piece before "Nurul" alone.
    return sorted(patterns, key=lambda p: -len(p.pattern))


def redact(text: str, names: Iterable[str] = ()) -> str:
    """The text with identifiers and the given people's names replaced by markers."""
    redacted = identifiers.redact(text or "")
    for pattern in _name_patterns(names):
        redacted = pattern.sub(NAME_MASK, redacted)
    return redacted


def pseudonym(key: str, platform: str, platform_user_id: str) -> str:
    """A stable stand-in for a platform user id: the same person gets the same pseudonym
    (counts of repeat contacts stay true), and without the key nobody can tell who it was."""
    digest = hmac.new(key.encode(), f"{platform}:{platform_user_id}".encode(),
                      hashlib.sha256).hexdigest()
    return f"{PSEUDONYM_PREFIX}{digest[:16]}"


def is_pseudonym(value: str) -> bool:
    return value.startswith(PSEUDONYM_PREFIX)
