"""Words of a mention, for rumour fingerprints and alert terms.

Lower case, letters and digits only (emoji, punctuation and links dropped), Bahasa Melayu
and English stop words dropped (particles, pronouns, greetings, the words every post
has), and runs of Chinese split into characters so a Chinese post has words too.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

STOP_WORDS = frozenset("""
saya sy aku ak kami kita awak anda kau korang dia mereka ini ni itu tu yang yg dan dgn
dengan atau di kat dkt ke dari pada kepada untuk utk bagi dalam oleh ada adalah ialah
akan telah sudah dah da dh pun lah kah tah je jer ja kan nya ye yer la lagi lg kot weh
bro sis tak x tidak tk tiada takde xde bukan bkn boleh blh leh nak nk mahu mau hendak
tolong tlg terima kasih tq tuan puan encik cik admin hi hello helo salam assalamualaikum
selamat pagi petang malam ok okay oh eh ya yes no apa knp kenapa mcm macam bila mana
sini situ sana ke semua juga jugak sahaja saja sangat amat betul ada lah tapi tp sebab
sbb kalau klu kalu baru mcmana camne pls please plz
the a an of to in on for and or at by with as that this these those is are was were be
been being it its i me my we our you your they their he she his her them us do does did
have has had will would can could should just also very so not but if then than there
here what when where who why how all any some no from about into over up out get got
rt via amp https http www com
""".split())

_URL = re.compile(r"https?://\S+|www\.\S+")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff]")


def words(text: str) -> list[str]:
    """Content words in order (repeats kept)."""
    lowered = text.lower()
    if "http" in lowered or "www." in lowered:
        lowered = _URL.sub(" ", lowered)
    found = _WORD.findall(lowered)
    if not lowered.isascii() and _CJK.search(lowered):
        split = []
        for word in found:
            if _CJK.match(word):
                split.extend(ch for ch in word if _CJK.match(ch))
            else:
                split.append(word)
        return [w for w in split if w not in STOP_WORDS and (len(w) > 1 or _CJK.match(w))
                and not w.isdigit()]
    return [w for w in found if len(w) > 1 and w not in STOP_WORDS and not w.isdigit()]


def top_terms(burst: Sequence[Sequence[str]], background: Counter, background_docs: int,
              limit: int = 5) -> list[str]:
    """Words over-represented in the burst's texts (word lists) against the background's
    document frequencies: a smoothed log-odds of appearing in a burst text vs a background
    text, weighted by how many burst texts carry the word. Then adjacent pairs that most
    burst texts carrying both words write together ("air naik") replace their words."""
    if not burst:
        return []
    docs = len(burst)
    seen: Counter = Counter()
    for doc in burst:
        seen.update(set(doc))
    need = max(2, math.ceil(0.1 * docs)) if docs >= 4 else 1
    scored = []
    for word, n in seen.items():
        if n < need:
            continue
        inside = (n + 0.5) / (docs + 1)
        outside = (background.get(word, 0) + 0.5) / (background_docs + 1)
        lift = math.log(inside / outside)
        if lift > 0.5:
            scored.append((lift * math.sqrt(n), word))
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen = [word for _, word in scored[:limit]]
    return _with_pairs(chosen, burst, seen, limit)


def _with_pairs(chosen: list[str], burst: Sequence[Sequence[str]], seen: Counter,
                limit: int) -> list[str]:
    wanted = set(chosen)
    pairs: Counter = Counter()
    for doc in burst:
        pairs.update({(a, b) for a, b in zip(doc, doc[1:], strict=False)
                      if a in wanted and b in wanted and a != b})
    result = list(chosen)
    for (a, b), n in pairs.most_common():
        if a in result and b in result and n >= max(2, 0.6 * min(seen[a], seen[b])):
            result[result.index(a)] = f"{a} {b}"
            result.remove(b)
    return result[:limit]


def document_counts(docs: Iterable[Sequence[str]]) -> Counter:
    counts: Counter = Counter()
    for doc in docs:
        counts.update(set(doc))
    return counts
