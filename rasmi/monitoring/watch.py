"""What an organisation watches for: its own names, as people write them (from
core.names: both official names, published acronyms, initials derived from the names, and
the same folded), plus the terms of its watch list. Terms match whole words of folded text
(case, accents and punctuation ignored), so "KKM," and "kkm" are the same mention and
"banjir" does not match inside "banjiran"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rasmi.core import names

MAX_TERMS = 200
MAX_TERM_LENGTH = 80


def name_forms(organisation) -> list[str]:
    """Every form of the organisation's name that counts as a mention, without asking:
    BM and English names, published acronyms, and initials derived from the names
    (three letters or more: two-letter initials say nothing)."""
    forms: dict[str, str] = {}
    for text in (organisation.name_ms, organisation.name_en, *(organisation.acronyms or [])):
        if text and names.fold(text):
            forms.setdefault(names.fold(text), text.strip())
    for name in (organisation.name_ms, organisation.name_en):
        for acronym in sorted(names.derive_acronyms(name or "")):
            if len(acronym) >= 3:
                forms.setdefault(acronym, acronym.upper())
    return list(forms.values())


def clean_terms(values: Iterable[str]) -> list[str]:
    """Terms as a person typed them (one a line or comma-separated), trimmed, without
    repeats (folded), in their order."""
    seen: dict[str, str] = {}
    for value in values:
        for part in re.split(r"[\n,;]+", value or ""):
            term = " ".join(part.split())[:MAX_TERM_LENGTH]
            if term and names.fold(term) and names.fold(term) not in seen:
                seen[names.fold(term)] = term
    return list(seen.values())[:MAX_TERMS]


@dataclass(frozen=True)
class TermMatcher:
    """Whole-word matching of many terms at once over folded text."""

    pattern: re.Pattern | None

    @classmethod
    def of(cls, terms: Iterable[str]) -> TermMatcher:
        folded = sorted({names.fold(t) for t in terms if names.fold(t)}, key=len, reverse=True)
        if not folded:
            return cls(None)
        return cls(re.compile(r"(?:^| )(?:" + "|".join(re.escape(t) for t in folded)
                              + r")(?= |$)"))

    def found(self, text: str) -> bool:
        return bool(self.pattern and text and self.pattern.search(names.fold(text)))

    def which(self, text: str) -> list[str]:
        if not self.pattern or not text:
            return []
        return sorted({m.group(0).strip() for m in self.pattern.finditer(names.fold(text))})


def matcher_for(watch_list, organisation) -> TermMatcher:
    """The organisation's names and its watch list's terms, as one matcher."""
    terms = name_forms(organisation)
    if watch_list is not None:
        terms += list(watch_list.terms_ms or []) + list(watch_list.terms_en or [])
    return TermMatcher.of(terms)
