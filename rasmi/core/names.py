"""Government organisation names in Bahasa Melayu and English, as people really write them.

The same ministry is "Kementerian Kesihatan Malaysia", "Kem. Kesihatan", "KKM", "MOH",
"Ministry of Health" and "health ministry". `NameIndex` finds it from any of those:
names are folded (case, diacritics, punctuation), Malay and English abbreviations are
expanded, stop words dropped and word order ignored; candidates come from a token index
(exact, prefix, near spelling, then words written together), so a search never scores
every record. Published acronyms score 1.0; initials derived from a name count only when
they are long enough and nobody else's.

`fold_handle` and `handle_words` do the same for social media handles, where
impersonators swap digits for letters (`jpj.r4smi`) and Cyrillic for Latin letters.

Pure Python (plus rapidfuzz for near spellings): runs in the web app, batch jobs and Spark.
"""

import bisect
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

# Abbreviations and common misspellings, folded -> full folded words (possibly several).
ABBREVIATIONS = {
    # Malay
    "kem": "kementerian", "kemen": "kementerian", "kementrian": "kementerian",
    "kementarian": "kementerian", "jab": "jabatan", "jbt": "jabatan", "jbtn": "jabatan",
    "lem": "lembaga", "lbg": "lembaga", "pej": "pejabat", "bhg": "bahagian",
    "perb": "perbadanan", "suruh": "suruhanjaya", "maj": "majlis", "kerj": "kerajaan",
    "tkt": "tingkat", "jln": "jalan", "kg": "kampung", "sg": "sungai", "bkt": "bukit",
    "ipd": "ibu pejabat polis daerah", "ipk": "ibu pejabat polis kontinjen",
    "msia": "malaysia", "mys": "malaysia", "malaysian": "malaysia",
    "sdn": "sendirian", "bhd": "berhad",
    # English
    "dept": "department", "dep": "department", "min": "ministry", "minstry": "ministry",
    "ministy": "ministry", "govt": "government", "gov": "government", "auth": "authority",
    "comm": "commission", "natl": "national", "nat": "national", "dev": "development",
    "intl": "international",
}
STOP_WORDS = frozenset("of and the dan bagi untuk for di ke in on a an".split())
# Words nearly every name carries: they may be present or absent without changing who it is.
SOFT_WORDS = frozenset("malaysia kerajaan government persekutuan federal".split())
SOFT_WEIGHT = 0.15
DERIVED_ACRONYM = 0.9  # initials of one name only, three letters or more
AMBIGUOUS_ACRONYM = 0.5  # initials shared with other names, or just two letters

# Letters from other scripts that read as Latin ones, both cases: impersonators write
# "ЈРЈ" and "јрј". Case is kept so handle_words can still split camelCase.
_HOMOGLYPHS = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i",
    "ј": "j", "к": "k", "м": "m", "т": "t", "н": "h", "ѕ": "s", "ԁ": "d", "һ": "h", "ӏ": "l",
    "ԛ": "q", "ԝ": "w", "ү": "y",
    "А": "A", "В": "B", "Е": "E", "О": "O", "Р": "P", "С": "C", "Х": "X", "У": "Y", "І": "I",
    "Ј": "J", "К": "K", "М": "M", "Т": "T", "Н": "H", "Ѕ": "S", "Ԁ": "D", "Һ": "H", "Ӏ": "I",
    "Ԛ": "Q", "Ԝ": "W", "Ү": "Y",
    # Greek
    "α": "a", "ο": "o", "ν": "v", "τ": "t", "κ": "k", "ι": "i", "ε": "e", "ρ": "p", "υ": "u",
    "χ": "x", "ω": "w", "η": "n",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Armenian and Latin look-alikes
    "ս": "u", "օ": "o", "ı": "i", "ɡ": "g", "ɩ": "l",
})
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
                       "@": "a", "$": "s", "!": "i", "|": "l"})
_NON_WORD = re.compile(r"[^0-9a-z]+")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_TRAILING_NUMBER = re.compile(r"\d{2,}$")
_HANDLE_SEPARATORS = re.compile(r"[\s._\-·]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])"
                    r"|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lower case, no diacritics, `&` as "and", words separated by single spaces."""
    if not text:
        return ""
    if not text.isascii():  # most text is plain ASCII: skip the Unicode work
        text = _strip_marks(text).translate(_HOMOGLYPHS)
    text = text.lower().replace("&", " and ")
    # "Minister's" is "minister"; "M'sia" is "msia" (then "malaysia").
    text = _POSSESSIVE.sub("", text).replace("'", "").replace("\u2019", "")
    return _NON_WORD.sub(" ", text).strip()


def expand_abbreviations(text: str) -> str:
    return " ".join(ABBREVIATIONS.get(word, word) for word in fold(text).split())


def tokens(text: str) -> list[str]:
    """Folded, expanded words without stop words, in order."""
    return [word for word in expand_abbreviations(text).split() if word not in STOP_WORDS]


def derive_acronyms(name: str) -> set[str]:
    """Initials people use: with and without "of" (MOH), with and without a final
    "Malaysia" (JPJ, JPJM)."""
    words = expand_abbreviations(name).split()
    if len(words) < 2:
        return set()
    result = set()
    for keep_of in (True, False):
        chosen = [w for w in words if (keep_of and w == "of") or w not in STOP_WORDS]
        for drop_soft_end in (False, True):
            picked = list(chosen)
            if drop_soft_end and picked and picked[-1] in SOFT_WORDS:
                picked.pop()
            while picked and picked[-1] == "of":  # "Board of [Malaysia]" is IRB, not IRBO
                picked.pop()
            if len(picked) >= 2:
                result.add("".join(word[0] for word in picked))
    return result


def fold_handle(handle: str) -> str:
    """A handle as the eye reads it: `JPJ_R4smi`, `jpj.rasmi` and `јрј-rasmi` -> `jpjrasmi`."""
    if not handle:
        return ""
    text = handle.lstrip("@")
    if not text.isascii():
        text = _strip_marks(text).translate(_HOMOGLYPHS)
    text = _HANDLE_SEPARATORS.sub("", text.lower())
    # A trailing number ("2026") is a number, not letters in disguise; a lone digit is leet.
    number = _TRAILING_NUMBER.search(text)
    if number:
        return text[:number.start()].translate(_LEET) + number.group(0)
    return text.translate(_LEET)


def handle_words(handle: str) -> list[str]:
    """Words in a handle, split at separators, camelCase and letter/digit boundaries."""
    if not handle:
        return []
    text = handle.lstrip("@")
    if not text.isascii():
        text = _strip_marks(text).translate(_HOMOGLYPHS)
    parts = []
    for chunk in _HANDLE_SEPARATORS.split(text):
        parts.extend(_CAMEL.split(chunk))
    return [part.lower() for part in parts if part]


@dataclass(frozen=True, slots=True)
class NameRecord:
    key: str
    name_ms: str
    name_en: str
    acronyms: tuple[str, ...] = ()


@dataclass(slots=True)
class _Name:
    record: int
    words: tuple[str, ...]


class NameIndex:
    """Search organisations by any name, acronym or abbreviation, best first."""

    def __init__(self, records: Iterable[NameRecord], block_limit: int = 200):
        self.block_limit = block_limit
        self.records: list[NameRecord] = list(records)
        self.names: list[_Name] = []
        self.by_token: dict[str, set[int]] = defaultdict(set)  # token -> name positions
        self.acronyms: dict[str, dict[int, float]] = defaultdict(dict)  # -> record: strength
        derived: dict[str, set[int]] = defaultdict(set)
        for position, record in enumerate(self.records):
            for name in (record.name_ms, record.name_en):
                words = tuple(dict.fromkeys(tokens(name)))
                if not words:
                    continue
                self.names.append(_Name(position, words))
                for word in words:
                    self.by_token[word].add(len(self.names) - 1)
                for acronym in derive_acronyms(name):
                    derived[acronym].add(position)
            for acronym in record.acronyms:
                folded = fold(acronym).replace(" ", "")
                if folded:
                    self.acronyms[folded][position] = 1.0
        for acronym, positions in derived.items():
            # Initials nobody published are a guess: a strong one only when long enough
            # and nobody else's ("KK" is half the ministries).
            owners = positions | self.acronyms.get(acronym, {}).keys()
            strength = (DERIVED_ACRONYM if len(acronym) >= 3 and len(owners) == 1
                        else AMBIGUOUS_ACRONYM)
            for position in positions:
                self.acronyms[acronym].setdefault(position, strength)
        self.vocabulary = sorted(self.by_token)
        self.names_of: dict[int, list[int]] = defaultdict(list)
        for position, name in enumerate(self.names):
            self.names_of[name.record].append(position)
        total = max(len(self.names), 1)
        self.idf = {word: math.log(1 + total / len(hits)) for word, hits in self.by_token.items()}
        self.name_sets = [frozenset(name.words) for name in self.names]
        self._near_cache: dict[str, dict[str, float]] = {}
        self._split_cache: dict[str, tuple[str, ...]] = {}
        self.longest_word = max(map(len, self.vocabulary), default=0)
        self.by_initial: dict[str, list[str]] = defaultdict(list)
        for word in self.vocabulary:
            self.by_initial[word[0]].append(word)
        self.name_weights = [sum(self.weight(word) for word in name.words) or 1.0
                             for name in self.names]

    def __len__(self) -> int:
        return len(self.records)

    def weight(self, word: str) -> float:
        if word in SOFT_WORDS:
            return SOFT_WEIGHT
        return self.idf.get(word, math.log(1 + max(len(self.names), 1)))

    def _near_words(self, word: str) -> dict[str, float]:
        """Index words this query word may mean: itself, words it begins, near spellings."""
        if word in self.by_token:
            return {word: 1.0}
        cached = self._near_cache.get(word)
        if cached is not None:
            return cached
        found: dict[str, float] = {}
        if not word.isalpha():  # numbers and codes are exact or nothing
            return found
        if len(word) >= 3:
            start = bisect.bisect_left(self.vocabulary, word)
            for candidate in self.vocabulary[start:start + 50]:
                if not candidate.startswith(word):
                    break
                found[candidate] = 0.9
        if not found and len(word) >= 4:
            # Misspellings keep their first letter far more often than not; comparing only
            # within it keeps this a small scan.
            for candidate, score, _ in process.extract(
                    word, self.by_initial.get(word[0], ()), scorer=fuzz.ratio, score_cutoff=80,
                    limit=3):
                found[candidate] = score / 100 * 0.95
        if len(self._near_cache) < 200_000:
            self._near_cache[word] = found
        return found

    def _unjoin(self, words: list[str]) -> list[str]:
        """Words the index does not know, split into ones it does when they were written
        together: "KementerianKesihatan" or #ministryofhealth."""
        result: list[str] = []
        for word in words:
            if word in self.by_token or word in self.acronyms or self._near_words(word):
                result.append(word)
            else:
                result.extend(self._split_joined(word) or (word,))
        return result

    def _split_joined(self, word: str) -> tuple[str, ...]:
        if len(word) < 6 or len(word) > 60 or not word.isalpha():
            return ()
        cached = self._split_cache.get(word)
        if cached is not None:
            return cached
        # best[i]: fewest pieces spelling word[:i]; a piece is an index word, a stop
        # word or an abbreviation ("kemkesihatan").
        best: list[tuple[str, ...] | None] = [()] + [None] * len(word)
        for end in range(1, len(word) + 1):
            for start in range(max(0, end - self.longest_word), end):
                head = best[start]
                if head is None:
                    continue
                piece = word[start:end]
                if piece in STOP_WORDS:
                    parts = head
                elif len(piece) >= 3 and piece in self.by_token:
                    parts = (*head, piece)
                elif len(piece) >= 3 and piece in ABBREVIATIONS:
                    parts = (*head, *ABBREVIATIONS[piece].split())
                else:
                    continue
                current = best[end]
                if current is None or len(parts) < len(current):
                    best[end] = parts
        found = best[-1] if best[-1] and len(best[-1]) >= 2 else ()
        if len(self._split_cache) < 50_000:
            self._split_cache[word] = found
        return found

    def search(self, query: str, limit: int = 20,
               max_candidates: int | None = None) -> list[tuple[str, float]]:
        """Best matches first. With max_candidates, a query whose words are shared by more
        names than that is too unspecific to name anyone, and answers only by acronym."""
        if not isinstance(query, str):
            return []
        folded = fold(query)
        if not folded:
            return []
        best: dict[int, float] = {}
        for position, strength in self.acronyms.get(folded.replace(" ", ""), {}).items():
            best[position] = strength
        words = self._unjoin(tokens(query))
        if words:
            for position, score in self._score_names(words, max_candidates).items():
                if score > best.get(position, 0.0):
                    best[position] = score
        ranked = sorted(best.items(), key=lambda item: (-item[1], self.records[item[0]].key))
        return [(self.records[position].key, round(score, 4)) for position, score in ranked[:limit]]

    def _score_names(self, words: list[str],
                     max_candidates: int | None = None) -> dict[int, float]:
        """Weighted share of the query a name explains (70%) and of the name the query
        covers (30%). Candidates come from the query's rarer words when it has any, so a
        word shared by thousands of names ("jabatan") never fans out to all of them."""
        words = list(dict.fromkeys(words))
        meanings = {word: self._near_words(word) for word in words}
        fan_out = {word: sum(len(self.by_token[c]) for c in near)
                   for word, near in meanings.items()}
        limit = min(self.block_limit, max_candidates or self.block_limit)
        ordered = sorted((word for word in words if fan_out[word] and word not in SOFT_WORDS),
                         key=fan_out.get) or [word for word in words if fan_out[word]]
        rare = [word for word in ordered if fan_out[word] <= limit]
        candidates: set[int] = set()
        if rare:
            for word in rare:  # rarest first; stop before a common word floods the set
                postings = self._postings(word, meanings[word])
                if candidates and max_candidates and len(candidates | postings) > max_candidates:
                    break
                candidates |= postings
        else:
            # Only common words: the names holding all of them, else those of the rarest.
            sets = [self._postings(word, meanings[word]) for word in ordered]
            if sets:
                candidates = set.intersection(*sets) if len(sets) > 1 else sets[0]
                if not candidates:
                    candidates = sets[0]
        if max_candidates is not None and len(candidates) > max_candidates:
            candidates = set()
        for word in words:
            for record in self.acronyms.get(word, ()):
                candidates.update(self.names_of[record])
        weights = {word: self.weight(word) for word in words}
        for near in meanings.values():
            for candidate in near:
                weights.setdefault(candidate, self.weight(candidate))
        query_weight = sum(weights[word] for word in words)
        scores: dict[int, float] = {}
        for position in candidates:
            name = self.names[position]
            name_words = self.name_sets[position]
            explained = covered = 0.0
            stands_for = 0.0  # an acronym in the query covers the whole name
            for word in words:
                best = 0.0
                for candidate, strength in meanings[word].items():
                    if candidate in name_words:
                        covered += weights[candidate]
                        best = max(best, strength)
                if not best:
                    best = self.acronyms.get(word, {}).get(name.record, 0.0)  # "KKM Putrajaya"
                    stands_for = max(stands_for, best)
                explained += weights[word] * best
            cover = max(min(covered / self.name_weights[position], 1.0), stands_for)
            score = 0.7 * explained / query_weight + 0.3 * cover
            if score > scores.get(name.record, 0.0):
                scores[name.record] = score
        return scores

    def _postings(self, word: str, near: dict[str, float]) -> set[int]:
        found: set[int] = set()
        for candidate in near:
            found |= self.by_token[candidate]
        return found

    def best_match(self, text: str, min_score: float = 0.8) -> tuple[str, float] | None:
        found = self.search(text, limit=1)
        if found and found[0][1] >= min_score:
            return found[0]
        return None
