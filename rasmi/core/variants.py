"""The handles an impersonator would try for an organisation: a watch list to feed sherlock,
maigret and manual platform searches.

Impersonators pick handles people will not look twice at, so the families come most likely
first: the acronym dressed up ("jpj.rasmi", "jpj_official", "myjpj"), name forms
("pengangkutanjalan", "roadtransport"), digits for letters ("jpj0fficial"), common
misspellings ("jpjoffical"), doubled or dropped letters, and, only on request, Cyrillic
look-alike letters, which platforms refuse in handles but accept in display names.

Each platform gets only the handles it allows (X: letters, digits and underscore, at most 15
characters), so a watch list never asks a tool to look up an impossible name.
Pure Python, no Django.
"""

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from rasmi.core import links
from rasmi.core.names import STOP_WORDS, expand_abbreviations, fold

SUFFIXES = ("official", "rasmi", "my", "malaysia", "gov", "govmy", "hq", "info", "bantuan",
            "2026", "2025", "2024", "page", "team", "admin", "care", "helpdesk", "online")
PREFIXES = ("official", "rasmi", "my", "the", "real", "info", "bantuan", "admin", "team")
SEPARATORS = ("", ".", "_", "-")
COMBINATIONS = (("official", "my"), ("rasmi", "my"), ("official", "malaysia"),
                ("my", "official"), ("gov", "my"), ("bantuan", "rasmi"))
LEET = {"o": "0", "i": "1", "l": "1", "e": "3", "a": "4", "s": "5", "t": "7"}
# Cyrillic letters that look like Latin ones.
HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і"}
MISSPELLINGS = {
    "official": ("offical", "oficial", "officail"), "rasmi": ("rasmy", "resmi"),
    "malaysia": ("malasia", "malaysya", "msia"), "kementerian": ("kementrian", "kementarian"),
    "kerajaan": ("kerajan",), "jabatan": ("jabatn",), "helpdesk": ("helpdest",),
}
# Words that say what kind of body it is, not which one: "roadtransport", not
# "roadtransportdepartment", is what an impersonator shortens a name to.
GENERIC_WORDS = frozenset(
    "jabatan kementerian lembaga suruhanjaya majlis perbadanan agensi pejabat bahagian "
    "institut unit pusat ministry department board commission council agency office "
    "authority corporation division institute centre center".split())
SOFT_WORDS = frozenset("malaysia kerajaan government persekutuan federal".split())

RULES = {  # platform -> (allowed characters, shortest, longest)
    "facebook": (re.compile(r"^[a-z0-9.]+$"), 5, 50),
    "instagram": (re.compile(r"^[a-z0-9._]+$"), 1, 30),
    "threads": (re.compile(r"^[a-z0-9._]+$"), 1, 30),
    "tiktok": (re.compile(r"^[a-z0-9._]+$"), 2, 24),
    # New X accounts need 4 characters or more; older ones may have fewer, and those are
    # worth looking up too.
    "x": (re.compile(r"^[a-z0-9_]+$"), 1, 15),
    "youtube": (re.compile(r"^[a-z0-9._-]+$"), 3, 30),
    "telegram": (re.compile(r"^[a-z][a-z0-9_]+$"), 5, 32),
    "linkedin": (re.compile(r"^[a-z0-9-]+$"), 3, 100),
}
# platform -> (separators it allows, the one used in place of the others)
_SEPARATORS = {"facebook": (".", "."), "instagram": ("._", "_"), "threads": ("._", "_"),
               "tiktok": ("._", "_"), "x": ("_", "_"), "youtube": ("._-", "-"),
               "telegram": ("_", "_"), "linkedin": ("-", "-")}
_REPEATED_SEPARATOR = re.compile(r"[._-]{2,}")


@dataclass(frozen=True, slots=True)
class Variant:
    handle: str
    kind: str


def _acronym_forms(acronyms: list[str]) -> Iterator[Variant]:
    """Every acronym at each step, so a second acronym (MOH after KKM) is not crowded out."""
    for acronym in acronyms:
        yield Variant(acronym, "acronym")
    for suffix in SUFFIXES:
        for acronym in acronyms:
            for sep in SEPARATORS:
                yield Variant(f"{acronym}{sep}{suffix}", "acronym+suffix")
    for prefix in PREFIXES:
        for acronym in acronyms:
            for sep in SEPARATORS:
                yield Variant(f"{prefix}{sep}{acronym}", "prefix+acronym")


def _combined_forms(acronym: str) -> Iterator[Variant]:
    for first, second in COMBINATIONS:
        for sep in SEPARATORS:
            yield Variant(f"{acronym}{sep}{first}{sep}{second}", "acronym+suffix")


def _leet_forms(handle: str) -> Iterator[Variant]:
    """One letter swapped at a time (the usual trick), then every swappable letter."""
    for position, char in enumerate(handle):
        if char in LEET:
            yield Variant(handle[:position] + LEET[char] + handle[position + 1:], "leet")
    yield Variant("".join(LEET.get(char, char) for char in handle), "leet")


def _misspelt_forms(handle: str) -> Iterator[Variant]:
    for word, wrong_forms in MISSPELLINGS.items():
        if word in handle:
            for wrong in wrong_forms:
                yield Variant(handle.replace(word, wrong, 1), "misspelling")


def _typo_forms(handle: str) -> Iterator[Variant]:
    for position, char in enumerate(handle):
        if char.isalpha():
            yield Variant(handle[:position + 1] + handle[position:], "doubled")
    if len(handle) >= 5:
        for position in range(1, len(handle)):
            if handle[position].isalpha():
                yield Variant(handle[:position] + handle[position + 1:], "dropped")


def _homoglyph_forms(handle: str) -> Iterator[Variant]:
    for position, char in enumerate(handle):
        if char in HOMOGLYPHS:
            yield Variant(handle[:position] + HOMOGLYPHS[char] + handle[position + 1:],
                          "homoglyph")
    yield Variant("".join(HOMOGLYPHS.get(char, char) for char in handle), "homoglyph")


def _name_forms(name: str) -> Iterator[Variant]:
    """BM and EN names written as handles: all words, the distinctive words, initials."""
    with_stops = expand_abbreviations(name).split()
    words = [w for w in with_stops if w not in STOP_WORDS]
    had_malaysia = bool(words) and words[-1] in SOFT_WORDS
    while words and words[-1] in SOFT_WORDS:
        words.pop()
    core = [w for w in words if w not in GENERIC_WORDS and w not in SOFT_WORDS]
    if len(words) < 2 and len(core) < 1:
        return
    forms = ["".join(words), "".join(core)]
    if had_malaysia:
        forms += ["".join(words) + "malaysia"]
    forms += ["".join(core) + suffix for suffix in ("malaysia", "my", "official", "rasmi")]
    forms += [sep.join(part) for part in (core, words) for sep in (".", "_")]
    stops_kept = [w for w in with_stops if w not in SOFT_WORDS]
    forms.append("".join(stops_kept))  # "ministryofhealth"
    for form in forms:
        if len(form) >= 3:
            yield Variant(form, "name_form")
    if len(words) >= 2:
        initials = "".join(w[0] for w in words)
        yield Variant(initials, "initials")
        if had_malaysia:
            yield Variant(initials + "m", "initials")


def _clean_acronyms(acronyms: Iterable[str]) -> list[str]:
    result: list[str] = []
    for acronym in acronyms:
        folded = fold(acronym or "").replace(" ", "")
        if folded and folded not in result:
            result.append(folded)
    return result


def variants(acronyms: Iterable[str], names: Iterable[str] = (), *, limit: int | None = 400,
             include_unicode: bool = False) -> list[Variant]:
    """Every variant with its family, most likely first, without duplicates."""
    folded = _clean_acronyms(acronyms)
    names = [n for n in names if n]
    name_forms = [v for name in names for v in _name_forms(name)]
    dressed = [f"{a}{s}" for a in folded for s in ("official", "rasmi", ".rasmi", "malaysia")]
    families: list[Iterable[Variant]] = [
        _acronym_forms(folded),
        name_forms,
        *(_leet_forms(base) for base in [*folded, *dressed]),
        *(_leet_forms(v.handle) for v in name_forms[:2]),
        *(_combined_forms(a) for a in folded),
        *(_misspelt_forms(base) for base in [*dressed, *(v.handle for v in name_forms)]),
        *(_typo_forms(base) for base in [*folded, *(f"{a}official" for a in folded)]),
    ]
    if include_unicode:
        families += [_homoglyph_forms(base) for base in [*folded, *dressed]]
    seen: dict[str, Variant] = {}
    for family in families:
        for variant in family:
            if variant.handle not in seen:
                seen[variant.handle] = variant
                if limit is not None and len(seen) >= limit:
                    return list(seen.values())
    return list(seen.values())


def handle_variants(acronyms: Iterable[str], names: Iterable[str] = (), *, limit: int = 400,
                    include_unicode: bool = False) -> list[str]:
    """The handles alone, most likely first (see `variants` for their families)."""
    return [v.handle for v in variants(acronyms, names, limit=limit,
                                       include_unicode=include_unicode)]


def fits(handle: str, platform: str) -> bool:
    """Whether the platform would accept this handle."""
    rule = RULES.get(platform)
    if rule is None:
        return False
    pattern, shortest, longest = rule
    return (shortest <= len(handle) <= longest and bool(pattern.match(handle))
            and not handle.startswith((".", "_", "-")) and not handle.endswith((".", "_", "-"))
            and not _REPEATED_SEPARATOR.search(handle))


def adapt(handle: str, platform: str) -> str:
    """The handle in the platform's own spelling: its separator in place of refused ones."""
    allowed, replacement = _SEPARATORS.get(platform, ("._-", ""))
    for sep in (".", "_", "-"):
        if sep not in allowed:
            handle = handle.replace(sep, replacement)
    return handle


def platform_variants(acronyms: Iterable[str], names: Iterable[str], platform: str,
                      limit: int = 200) -> list[Variant]:
    """The variants this platform would accept as a handle, most likely first."""
    result: dict[str, Variant] = {}
    for variant in variants(acronyms, names, limit=None):
        handle = adapt(variant.handle, platform)
        if handle not in result and fits(handle, platform):
            result[handle] = Variant(handle, variant.kind)
            if len(result) >= limit:
                break
    return list(result.values())


def _field(record: Any, name: str) -> Any:
    return record.get(name) if isinstance(record, dict) else getattr(record, name, None)


def watch_list(records: Iterable[Any], platforms: Iterable[str] | None = None, *,
               per_platform: int = 40) -> Iterator[dict]:
    """Rows {organisation, platform, handle, url, kind} for organisations (objects or dicts
    with code, acronyms, name_ms, name_en); without acronyms the code stands in."""
    platforms = [p for p in (platforms or RULES) if p in RULES]
    for record in records:
        code = str(_field(record, "code") or "")
        acronyms = list(_field(record, "acronyms") or []) or [code]
        names = [_field(record, "name_ms") or "", _field(record, "name_en") or ""]
        for platform in platforms:
            for variant in platform_variants(acronyms, names, platform, limit=per_platform):
                ref = links.parse_handle(variant.handle, platform)
                url = ref.canonical_url if isinstance(ref, links.AccountRef) else ""
                yield {"organisation": code, "platform": platform, "handle": variant.handle,
                       "url": url, "kind": variant.kind}


WATCH_LIST_COLUMNS = ("organisation", "platform", "handle", "url", "kind")


def write_watch_list_txt(rows: Iterable[dict], fh: IO[str]) -> int:
    """One username per line, each once, in first-seen order: the input sherlock and maigret
    take. Returns how many were written."""
    written: set[str] = set()
    for row in rows:
        if row["handle"] not in written:
            written.add(row["handle"])
            fh.write(row["handle"] + "\n")
    return len(written)


def write_watch_list_csv(rows: Iterable[dict], fh: IO[str]) -> int:
    """The rows as CSV with a header, for people and spreadsheets. Returns the row count."""
    writer = csv.DictWriter(fh, fieldnames=WATCH_LIST_COLUMNS, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count
