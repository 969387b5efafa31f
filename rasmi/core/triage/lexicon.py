"""Which Latin-script words are Malay and which English, learnt from labelled messages.

Whether a message is "mixed" depends on how many content words of each language it
carries ("sistem still tunjuk belum bayar"), which a linear model over single words
cannot count. Words seen at least three times, nearly always in one language's
single-language messages, become a small lexicon (shipped inside the model); the
features then carry the count of each language's words as a pair, e.g. `h:lx21`.
"""

from __future__ import annotations

from collections import Counter

from rasmi.core.text.language import ENGLISH
from rasmi.core.textmodel.features import malay_like, words_of

MIN_SEEN = 3
PURITY = 0.9


def learn(rows: list[dict]) -> dict[str, str]:
    seen: dict[str, Counter] = {}
    for row in rows:
        if row["language"] not in ("ms", "en"):
            continue
        for word in set(words_of(row["text"])):
            if word.isascii() and word.isalpha() and len(word) > 1:
                seen.setdefault(word, Counter())[row["language"]] += 1
    lexicon = {}
    for word, counts in seen.items():
        language, count = counts.most_common(1)[0]
        if sum(counts.values()) >= MIN_SEEN and count >= PURITY * sum(counts.values()):
            lexicon[word] = language
    return lexicon


def _language(word: str, lexicon: dict[str, str]) -> str | None:
    if malay_like(word):
        return "ms"
    if word in ENGLISH:
        return "en"
    return lexicon.get(word)


def hints(text: str, lexicon: dict[str, str]) -> list[str]:
    counts = Counter(_language(w, lexicon) for w in words_of(text) if w.isascii())
    malay, english = counts["ms"], counts["en"]

    def bucket(n: int) -> int:
        return 0 if n == 0 else 1 if n == 1 else 2 if n <= 3 else 3

    out = [f"h:lx{bucket(malay)}{bucket(english)}"]
    if malay + english:
        out.append(f"h:lxshare{min(4, int(english / (malay + english) * 5))}")
    return out
