"""The handles an impersonator would try for an organisation: a watch list to feed sherlock,
maigret and manual platform searches.

Families, most likely first: the acronym dressed up ("jpj.rasmi", "jpj_official"), digits
for letters ("jpj0fficial"), name forms ("pengangkutanjalan"), doubled or dropped letters.
Each platform gets only handles it allows (X: letters, digits, underscore, 15 characters).
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rasmi.core.names import fold, tokens

SUFFIXES = ("official", "rasmi", "my", "malaysia", "gov", "govmy", "hq", "info", "bantuan",
            "page", "team", "admin", "care", "helpdesk", "online", "2025", "2026")
PREFIXES = ("official", "rasmi", "real", "the")
SEPARATORS = ("", ".", "_")
LEET = {"o": "0", "i": "1", "l": "1", "e": "3", "a": "4", "s": "5", "t": "7"}

RULES = {  # platform -> (allowed characters, shortest, longest)
    "facebook": (re.compile(r"^[a-z0-9.]+$"), 5, 50),
    "instagram": (re.compile(r"^[a-z0-9._]+$"), 1, 30),
    "tiktok": (re.compile(r"^[a-z0-9._]+$"), 2, 24),
    "x": (re.compile(r"^[a-z0-9_]+$"), 4, 15),
    "youtube": (re.compile(r"^[a-z0-9._-]+$"), 3, 30),
    "threads": (re.compile(r"^[a-z0-9._]+$"), 1, 30),
    "telegram": (re.compile(r"^[a-z][a-z0-9_]+$"), 5, 32),
}


@dataclass(frozen=True, slots=True)
class Variant:
    handle: str
    kind: str


def _acronym_forms(acronym: str) -> Iterator[Variant]:
    yield Variant(acronym, "acronym")
    for suffix in SUFFIXES:
        for sep in SEPARATORS:
            yield Variant(f"{acronym}{sep}{suffix}", "acronym+suffix")
    for prefix in PREFIXES:
        for sep in SEPARATORS:
            yield Variant(f"{prefix}{sep}{acronym}", "prefix+acronym")
    for first, second in (("official", "my"), ("rasmi", "my"), ("malaysia", "official")):
        for sep in SEPARATORS:
            yield Variant(f"{acronym}{sep}{first}{sep}{second}", "acronym+suffix")


def _leet_forms(handle: str) -> Iterator[Variant]:
    for position, char in enumerate(handle):
        if char in LEET:
            yield Variant(handle[:position] + LEET[char] + handle[position + 1:], "leet")


def _spelling_forms(handle: str) -> Iterator[Variant]:
    for position in range(len(handle)):
        if handle[position].isalpha():
            yield Variant(handle[:position] + handle[position] + handle[position:], "doubled")
    for position in range(1, len(handle) - 1):
        yield Variant(handle[:position] + handle[position + 1:], "dropped")


def _name_forms(name: str) -> Iterator[Variant]:
    words = [w for w in tokens(name) if w != "malaysia"]
    if len(words) >= 2:
        yield Variant("".join(words), "name_form")
        yield Variant("".join(words[1:]), "name_form")
        yield Variant(".".join(words), "name_form")
        yield Variant("".join(words) + "malaysia", "name_form")


def handle_variants(acronyms: Iterable[str], names: Iterable[str] = (), *,
                    limit: int = 400) -> list[Variant]:
    """Deterministic, most likely first, without duplicates."""
    seen: dict[str, Variant] = {}
    families: list[Iterable[Variant]] = []
    folded = [fold(a).replace(" ", "") for a in acronyms if fold(a)]
    for acronym in folded:
        families.append(_acronym_forms(acronym))
    for acronym in folded:
        families.append(v for base in (acronym, f"{acronym}official", f"{acronym}rasmi")
                        for v in _leet_forms(base))
    for name in names:
        families.append(_name_forms(name))
    for acronym in folded:
        families.append(_spelling_forms(f"{acronym}official"))
    for family in families:
        for variant in family:
            if variant.handle not in seen:
                seen[variant.handle] = variant
                if len(seen) >= limit:
                    return list(seen.values())
    return list(seen.values())


def fits(handle: str, platform: str) -> bool:
    rule = RULES.get(platform)
    if rule is None:
        return False
    pattern, shortest, longest = rule
    return shortest <= len(handle) <= longest and bool(pattern.match(handle)) \
        and not handle.startswith((".", "_")) and not handle.endswith((".", "_"))


def platform_variants(acronyms: Iterable[str], names: Iterable[str], platform: str,
                      limit: int = 200) -> list[Variant]:
    """The variants this platform would accept as a handle."""
    result = []
    for variant in handle_variants(acronyms, names, limit=limit * 4):
        handle = variant.handle.replace("-", "_") if platform == "x" else variant.handle
        if platform in ("x", "telegram"):
            handle = handle.replace(".", "_")
        if platform == "facebook":
            handle = handle.replace("_", ".")
        if fits(handle, platform) and all(v.handle != handle for v in result):
            result.append(Variant(handle, variant.kind))
            if len(result) == limit:
                break
    return result
