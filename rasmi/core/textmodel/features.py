"""Text -> hashed sparse features for the small linear models Rasmi trains and ships.

Malaysians write to government pages in Malay social-media shorthand, Manglish, Chinese
and Tamil, with emoji and stretched letters. Features are what survives that:
- words after normalisation (lower case, "tolonggg" -> "tolongg", digits -> 0), each
  Malay short form also as its full word ("x" -> "tak", "sy" -> "saya", "mcm" -> "macam");
- word pairs, for "tak boleh", "bila nak", "terima kasih";
- character 3- and 4-grams inside words, for misspellings, affixes and masked words;
- single and paired characters of Chinese runs (no spaces to split on);
- emoji one by one;
- a few shape hints (scripts present, counts of Malay and English function words, all
  caps, question and exclamation marks, a link) that a linear model cannot build itself.

Each feature is a string hashed with CRC-32 (stable across processes, unlike `hash`)
into `2**bits` buckets. The per-word part is cached: most words repeat.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from functools import lru_cache

from rasmi.core.text.language import ENGLISH, TAMIL, is_malay_word

BITS = 20
MASK = (1 << BITS) - 1

# Short forms in Malay social-media writing, with the word a reader hears.
SHORT_FORMS = {
    "x": "tak", "tk": "tak", "tak": "tidak", "tdk": "tidak", "xde": "tiada",
    "xda": "tiada", "takde": "tiada", "tiade": "tiada", "xleh": "tak boleh",
    "xboleh": "tak boleh", "xbole": "tak boleh", "sy": "saya", "sya": "saya",
    "aku": "saya", "ak": "saya", "dgn": "dengan", "dg": "dengan", "ngan": "dengan",
    "mcm": "macam", "cam": "macam", "camne": "macam mana", "cmne": "macam mana",
    "mne": "mana", "mn": "mana", "bile": "bila", "nk": "nak", "nak": "hendak",
    "dh": "dah", "da": "dah", "dah": "sudah", "sdh": "sudah", "blh": "boleh",
    "bleh": "boleh", "leh": "boleh", "kt": "kat", "kat": "di", "dkt": "dekat",
    "utk": "untuk", "tuk": "untuk", "yg": "yang", "ni": "ini", "tu": "itu",
    "knp": "kenapa", "napa": "kenapa", "naper": "kenapa", "apsal": "kenapa",
    "pls": "please", "plz": "please", "tq": "terima kasih", "tqvm": "terima kasih",
    "tolong2": "tolong", "trm": "terima", "ksh": "kasih", "org": "orang",
    "krn": "kerana", "sbb": "sebab", "sb": "sebab", "lg": "lagi", "lgi": "lagi",
    "jgn": "jangan", "jgk": "juga", "jg": "juga", "byk": "banyak",
    "bnyk": "banyak", "brp": "berapa", "bape": "berapa", "sape": "siapa",
    "spa": "siapa", "ape": "apa", "pe": "apa", "mmg": "memang", "sgt": "sangat",
    "tlg": "tolong", "bg": "bagi", "bgi": "bagi", "skrg": "sekarang",
    "skrang": "sekarang", "smpai": "sampai", "smpi": "sampai", "sampai2": "sampai",
    "tggu": "tunggu", "tgu": "tunggu", "lmbt": "lambat", "lmbat": "lambat",
    "umah": "rumah", "rmh": "rumah", "hr": "hari", "mgu": "minggu", "bln": "bulan",
    "thn": "tahun", "govt": "kerajaan", "gov": "kerajaan",
    "u": "you", "ur": "your", "r": "are", "thx": "thanks", "ty": "thanks",
    "wtf": "what the fuck", "idk": "i do not know", "asap": "urgent",
}
# The word of each short form that meets the next word in a pair ("x leh" -> "tak boleh").
_LAST_WORD = {short: full.split()[-1] for short, full in SHORT_FORMS.items()}

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|my|net|org|ly|co)(?:/\S*)?",
                  re.IGNORECASE)
# Every link _URL finds holds one of these: a cheap test that skips its slow search.
_URL_TLD = re.compile(r"\.(?:com|my|net|org|ly|co)", re.IGNORECASE)
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Tamil vowel signs are combining marks, which \w leaves out: without them a Tamil word
# falls apart into letters.
_WORD = re.compile(r"(?:[^\W_]|[\u0b80-\u0bff])+(?:['’][^\W_]+)?")
_STRETCH = re.compile(r"(.)\1{2,}")
# _WORD and normalise_word's digits on ASCII text, where they mean just this: no Tamil
# marks, no curly apostrophe, \d is 0-9. A byte table and a plain class are much faster.
_ASCII_WORD = re.compile(r"[a-zA-Z0-9]+(?:'[a-zA-Z0-9]+)?")
_ASCII_ZERO = bytes.maketrans(b"123456789", b"000000000")
_DIGITS = re.compile(r"\d")
# Pictographs, symbols and flags: each emoji is a feature of its own.
_EMOJI = re.compile(
    "[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF\u3297\u3299]")


@lru_cache(maxsize=200_000)
def _word_features(word: str) -> tuple[int, ...]:
    """Hashed features of one normalised word: itself, its full form, its n-grams."""
    grams = [f"w:{word}"]
    full = SHORT_FORMS.get(word)
    if full:
        grams.extend(f"w:{part}" for part in full.split())
    padded = f" {word} "
    if len(word) > 2 and not _CJK_RUN.fullmatch(word):
        for n in (3, 4):
            grams.extend(f"c{n}:{padded[i:i + n]}" for i in range(len(padded) - n + 1))
    return tuple(zlib.crc32(g.encode()) & MASK for g in grams)


@lru_cache(maxsize=200_000)
def _pair_hash(first: str, second: str) -> int:
    return _hash(f"p:{first} {second}")


def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode()) & MASK


_ANY, _HAS_URL = _hash("h:any"), _hash("h:url")


def _bucket(count: int) -> str:
    return "0" if count == 0 else "1" if count == 1 else "2" if count <= 3 else "4"


def malay_like(word: str) -> bool:
    """A Malay word, counting social-media short forms ("sy", "x", "dgn") as Malay."""
    return word in SHORT_FORMS or is_malay_word(word)


def word_spans(text: str):
    """(start, end, lower-cased word) of each word, for pointing at words in `text`."""
    for match in _WORD.finditer(text):
        yield match.start(), match.end(), match.group(0).lower()


def normalise_word(word: str) -> str:
    return _DIGITS.sub("0", _STRETCH.sub(r"\1\1", word))


def words_of(text: str) -> list[str]:
    """The normalised Latin, Tamil and other words of a text (Chinese runs left out).
    normalise_word on the whole text at once: a run of one repeated character never
    crosses a word's edge, so it is the same as word by word, in two regex calls."""
    lowered = text.lower()
    return _words_of_lowered(lowered, _may_hold_url(lowered))


def _words_of_lowered(lowered: str, has_url: bool = True) -> list[str]:
    # Each substitution is skipped where it cannot change anything: no link found, no
    # non-ASCII character for a Chinese run. Same words, fewer passes over the text.
    if has_url:
        lowered = _URL.sub(" ", lowered)
    if lowered.isascii():
        stretched = _STRETCH.sub(r"\1\1", lowered)  # as normalise_word: stretch, then digits
        return _ASCII_WORD.findall(
            stretched.encode("ascii").translate(_ASCII_ZERO).decode("ascii"))
    return _WORD.findall(normalise_word(_CJK_RUN.sub(" ", lowered)))


def _may_hold_url(lowered: str) -> bool:
    """False only where _URL cannot match: it needs "://", "www." or a dotted ending."""
    return "://" in lowered or "www." in lowered or _URL_TLD.search(lowered) is not None


def features(text: str, extra: Callable[[str], list[str]] | None = None,
             hints: bool = True) -> list[int]:
    """Sorted distinct hashed feature ids of `text` (at least one: the bias hint).

    `extra` adds a model's own named features (word groups, cues) to the hashed ones;
    `hints=False` leaves out the shape hints, for a model that must be faster still.
    """
    return sorted(feature_set(text, extra, hints))


def feature_set(text: str, extra: Callable[[str], list[str]] | None = None,
                hints: bool = True) -> set[int]:
    """The ids of features(), unsorted: for a caller that only looks them up."""
    ids: set[int] = {_ANY}
    lowered = text.lower()
    has_url = _may_hold_url(lowered) and _URL.search(lowered) is not None
    if has_url:
        ids.add(_HAS_URL)
    words = _words_of_lowered(lowered, has_url)
    ids.update(*map(_word_features, words))
    # Pairs of words, with short forms expanded so "x leh" and "tak boleh" meet.
    expanded = list(map(_LAST_WORD.get, words, words))
    ids.update(map(_pair_hash, expanded, expanded[1:]))
    if not text.isascii():  # Chinese runs and emoji are never ASCII
        for run in _CJK_RUN.findall(text):
            for i, char in enumerate(run):
                ids.add(_hash(f"z1:{char}"))
                if i + 1 < len(run):
                    ids.add(_hash(f"z2:{run[i:i + 2]}"))
        for emoji in _EMOJI.findall(text):
            ids.add(_hash(f"e:{emoji}"))
    if hints:
        ids.update(_hash(h) for h in _hints(text, words))
    if extra is not None:
        ids.update(_hash(name) for name in extra(text))
    return ids


def _hints(text: str, words: list[str]) -> list[str]:
    latin = [w for w in words if w.isascii()]
    malay = sum(1 for w in latin if malay_like(w))
    english = sum(1 for w in latin if w in ENGLISH)
    hints = [f"h:ms{_bucket(malay)}", f"h:en{_bucket(english)}",
             f"h:msen{_bucket(malay)}{_bucket(english)}",
             f"h:len{_bucket(len(words) // 3)}"]
    if malay + english:
        # How the two languages share the text: "mixed" lives in the middle.
        share = english / (malay + english)
        hints.append(f"h:enshare{min(4, int(share * 5))}")
    cjk = bool(_CJK_RUN.search(text))
    tamil = bool(TAMIL.search(text))
    hints.append(f"h:script{int(cjk)}{int(tamil)}{int(bool(latin))}")
    if not words and not cjk:
        hints.append("h:nowords")
    if "?" in text or "？" in text:
        hints.append("h:question")
    if "!" in text or "！" in text:
        hints.append("h:exclaim")
    letters = [c for c in text if c.isalpha() and c.isascii()]
    if len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.7 * len(letters):
        hints.append("h:caps")
    return hints
