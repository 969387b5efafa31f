"""Questions that recur become FAQ suggestions.

Questions from the public are grouped by near-duplicate wording: the text is normalised
(Malay short forms written out, "x" = tak, "sy" = saya, "mcm mana" = macam mana,
reduplication "hari2" = hari, stretched letters "tolonggg" = tolong), reduced to a set of
content words (character pairs for Chinese, where words are not spaced), and sets are
compared by Jaccard similarity. To stay fast on 100,000 messages no pair of sets is compared
blindly: identical sets collapse first, then MinHash signatures with locality-sensitive
hashing (bands of rows) propose candidates, each checked against the exact Jaccard of its
bucket's first member before joining its group.

`group_questions` is pure (lists in, groups out); `suggestions_for` reads an organisation's
recent questions from the database.
"""

import datetime as dt
import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

# --- normalising ---------------------------------------------------------------------------

# Malay short forms and spellings that mean the same word; multi-word forms are written
# out before the text is split.
SHORT_FORMS = {
    "x": "tak", "tk": "tak", "tak": "tak", "tdk": "tak", "tidak": "tak", "xde": "tiada",
    "xda": "tiada", "takde": "tiada", "tade": "tiada", "tiada": "tiada", "xleh": "tak boleh",
    "xboleh": "tak boleh", "sy": "saya", "sye": "saya", "aku": "saya", "i": "saya",
    "dgn": "dengan", "dg": "dengan", "utk": "untuk", "ntk": "untuk", "yg": "yang",
    "dr": "dari", "drp": "daripada", "dh": "dah", "sudah": "dah", "blh": "boleh",
    "bleh": "boleh", "leh": "boleh", "mcm": "macam", "camne": "macam mana",
    "camana": "macam mana", "cmne": "macam mana", "cmna": "macam mana",
    "macamana": "macam mana", "mcmana": "macam mana", "mcmne": "macam mana",
    "bgmn": "bagaimana", "knp": "kenapa", "napa": "kenapa", "naper": "kenapa",
    "nape": "kenapa", "nk": "nak", "hendak": "nak", "kt": "kat", "dkt": "dekat",
    "brp": "berapa", "bape": "berapa", "brape": "berapa", "org": "orang", "ni": "ini",
    "tu": "itu", "dpt": "dapat", "jgn": "jangan", "kpd": "kepada", "sbb": "sebab",
    "tlg": "tolong", "mmg": "memang", "lg": "lagi", "skrg": "sekarang",
    "skrng": "sekarang", "thn": "tahun", "bln": "bulan", "hr": "hari", "bkn": "bukan",
    "pastu": "lepas itu", "lps": "lepas", "blm": "belum", "bila2": "bila", "pls": "tolong",
    "plz": "tolong", "please": "tolong", "tq": "terima kasih", "tqvm": "terima kasih",
    "u": "you", "ur": "your", "r": "are", "ic": "mykad", "kp": "mykad",
}
# Words that carry no subject: greetings, particles, pronouns, politeness, fillers.
STOPWORDS = frozenset("""
saya ini itu yang dan atau di ke dari pada kepada untuk dengan ada adalah ialah pun lah kah
tah je jer ja kan ke nya ye yer la kot weh bro sis dia kami kita awak anda
you your we they he she it is are was were
be been the a an of to in on for and or at by with as that this these those my me our
tolong terima kasih tuan puan encik cik admin hi hello helo salam assalamualaikum
selamat pagi petang good morning thanks thank please pls ok okay oh eh ya yes no boleh ke
nak mahu want would could can do does did have has had will just also dah sangat very
""".split())
_URL = re.compile(r"https?://\S+|www\.\S+")
_MENTION = re.compile(r"[@#][\w.]+")
_STRETCH = re.compile(r"([a-z])\1{2,}")
_REDUPLICATION = re.compile(r"\b([a-z]{2,})2\b")
_WORD = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]+|[\u0b80-\u0bff]+")


def _words(text: str) -> list[str]:
    text = _MENTION.sub(" ", _URL.sub(" ", (text or "").lower()))
    text = _REDUPLICATION.sub(r"\1", _STRETCH.sub(r"\1", text))
    words: list[str] = []
    for word in _WORD.findall(text):
        written_out = SHORT_FORMS.get(word, word)
        if " " in written_out:
            words.extend(written_out.split())
        else:
            words.append(written_out)
    return words


def normalise(text: str) -> str:
    return " ".join(_words(text))


def tokens(text: str) -> frozenset[str]:
    """The content words of a question (character pairs for runs of Chinese)."""
    found = set()
    for word in _words(text):
        if word in STOPWORDS or word.isdigit():
            continue
        if "\u4e00" <= word[0] <= "\u9fff":
            found.update(word[i:i + 2] for i in range(max(1, len(word) - 1)))
        else:
            found.add(word)
    return frozenset(found)


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


# --- grouping ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Question:
    id: int
    text: str
    topics: tuple[str, ...] = ()
    sent_at: dt.datetime | None = None


@dataclass
class Group:
    count: int
    members: list[Question] = field(default_factory=list)  # newest first
    wording: frozenset[str] = frozenset()  # the most common token set of the group

    @property
    def topic(self) -> str:
        counted = Counter(t for q in self.members for t in q.topics)
        return counted.most_common(1)[0][0] if counted else ""

    @property
    def representative(self) -> Question:
        """The newest question worded the group's most common way."""
        for question in self.members:
            if tokens(question.text) == self.wording:
                return question
        return self.members[0]


SIMILARITY = 0.5
BANDS, ROWS = 16, 2  # 32 hashes, two per band; a pair at Jaccard 0.5 shares a band with p = 0.99
# h(x) = (a*x + b) mod p over 32-bit token hashes: with a, b < 2**32 and p the first prime
# above 2**32, a*x + b stays below 2**64, so numpy's uint64 computes it exactly.
_PRIME = np.uint64(4294967311)
_rng = np.random.default_rng(20261125)  # fixed: the same questions group the same way
_A = _rng.integers(1, 1 << 32, size=BANDS * ROWS, dtype=np.uint64)
_B = _rng.integers(0, 1 << 32, size=BANDS * ROWS, dtype=np.uint64)


def _signatures(sets: list[frozenset[str]], chunk: int = 10_000) -> np.ndarray:
    """One MinHash signature per (non-empty) token set: every token hashed once, then the
    minimum over each set's rows taken by numpy, a chunk of sets at a time (memory stays
    a few megabytes whatever the number of questions)."""
    vocabulary: dict[str, int] = {}
    ids = [[vocabulary.setdefault(t, len(vocabulary)) for t in token_set]
           for token_set in sets]
    base = np.fromiter((zlib.crc32(t.encode()) for t in vocabulary), dtype=np.uint64,
                       count=len(vocabulary))
    per_token = (np.multiply.outer(base, _A) + _B) % _PRIME
    out = np.empty((len(sets), BANDS * ROWS), dtype=np.uint64)
    for first in range(0, len(sets), chunk):
        part = ids[first:first + chunk]
        starts = np.cumsum([0] + [len(row) for row in part[:-1]], dtype=np.int64)
        flat = np.fromiter((i for row in part for i in row), dtype=np.int64)
        out[first:first + len(part)] = np.minimum.reduceat(per_token[flat], starts, axis=0)
    return out


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the more common wording stays root


def group_questions(questions: Iterable[Question], *, min_count: int = 3,
                    similarity: float = SIMILARITY) -> list[Group]:
    """Groups of near-duplicate questions asked at least `min_count` times, largest first."""
    by_set: dict[frozenset[str], list[Question]] = {}
    for question in questions:
        token_set = tokens(question.text)
        if token_set:
            by_set.setdefault(token_set, []).append(question)
    # Most common wording first: it becomes each bucket's (and so each group's) anchor.
    sets = sorted(by_set, key=lambda s: (-len(by_set[s]), sorted(s)))
    if not sets:
        return []
    union = _UnionFind(len(sets))
    signatures = _signatures(sets)
    positions = np.arange(len(sets))
    for band in range(BANDS):
        rows = signatures[:, band * ROWS:(band + 1) * ROWS]
        keys = rows[:, 0] * np.uint64(0x9E3779B97F4A7C15) ^ rows[:, 1]  # wraps, on purpose
        _unique, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        anchors = first[inverse]  # each set's bucket anchor: its most common member
        for index in np.flatnonzero(anchors != positions).tolist():
            anchor = int(anchors[index])
            if union.find(anchor) != union.find(index) \
                    and jaccard(sets[anchor], sets[index]) >= similarity:
                union.union(anchor, index)
    grouped: dict[int, list[int]] = {}
    for index in range(len(sets)):
        grouped.setdefault(union.find(index), []).append(index)
    groups = []
    for root, members in grouped.items():
        found = [q for i in members for q in by_set[sets[i]]]
        if len(found) < min_count:
            continue
        found.sort(key=lambda q: (q.sent_at or dt.datetime.min.replace(tzinfo=dt.UTC), q.id),
                   reverse=True)
        groups.append(Group(count=len(found), members=found, wording=sets[root]))
    groups.sort(key=lambda g: (-g.count, sorted(g.wording)))
    return groups


# --- from the database ------------------------------------------------------------------

@dataclass
class Suggestion:
    count: int
    question: str  # the representative wording, personal data masked
    representative_id: int
    topic: str
    examples: list[str]  # other wordings, newest first, masked


def suggestions_for(organisation, *, days: int = 30, min_count: int = 3, limit: int = 50,
                    examples: int = 3, now: dt.datetime | None = None) -> list[Suggestion]:
    from django.utils import timezone

    from rasmi.inbox import privacy
    from rasmi.inbox.models import Direction, Message
    from rasmi.inbox.retention import STUB

    since = (now or timezone.now()) - dt.timedelta(days=days)
    rows = (Message.objects.filter(conversation__organisation=organisation,
                                   direction=Direction.IN, intent="question",
                                   deleted=False, sent_at__gte=since)
            .exclude(text="").exclude(text=STUB)
            .values_list("pk", "text", "topics", "sent_at", "author__name").iterator(2000))
    names: dict[int, str] = {}
    questions = []
    for pk, text, topics, sent_at, author in rows:
        questions.append(Question(pk, text, tuple(topics or ()), sent_at))
        if author:
            names[pk] = author
    suggestions = []
    for group in group_questions(questions, min_count=min_count)[:limit]:
        rep = group.representative
        shown, seen = [], {normalise(rep.text)}
        for question in group.members:
            key = normalise(question.text)
            if key not in seen and len(shown) < examples:
                seen.add(key)
                shown.append(privacy.redact(question.text, [names.get(question.id, "")]))
        suggestions.append(Suggestion(
            count=group.count, question=privacy.redact(rep.text, [names.get(rep.id, "")]),
            representative_id=rep.id, topic=group.topic, examples=shown))
    return suggestions
