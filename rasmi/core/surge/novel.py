"""Does a burst talk of something new? The words of a few mentions, against the words
its series usually uses.

A crisis arrives with its own words: "pecah", "terputus", "autogate", a place's name with
"runtuh". When a handful of mentions in ten minutes share a word the series has almost
never used, that is strong evidence even where the counts alone are not (a thin topic's
five mentions instead of one): the chance that background talk repeats a word it uses
once in a thousand texts in half of a burst is tiny. The test is a Poisson tail per word
(its usual share of texts x the burst's size), taken over every distinct word of the
burst (Bonferroni), so a burst of many different words earns no credit by chance.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from rasmi.core.surge import poisson
from rasmi.core.surge.settings import SurgeSettings
from rasmi.core.surge.words import words


def word_sets(texts: Sequence[str]) -> list[frozenset[str]]:
    """Each text's content words, read once for both tests below."""
    return [frozenset(words(text)) for text in texts]


def mostly_copies(sets: Sequence[frozenset[str]], settings: SurgeSettings) -> bool:
    """Whether most texts (their word sets) are near-copies of one of them (most of the
    same words, in any order, with a "Fwd:" or an emoji more or less): a claim being
    forwarded, which the rumour tracker judges and names as such."""
    bags = [bag for bag in sets if bag]
    if not bags:
        return False
    least = settings.novel_copies_share * len(bags)
    for reference in set(bags):
        close = sum(1 for bag in bags
                    if len(bag & reference) >= settings.novel_copy_overlap * len(bag | reference))
        if close >= least:
            return True
    return False


def talks_of_something_new(sets: Sequence[frozenset[str]], own: tuple[Counter, int],
                           stream: tuple[Counter, int], settings: SurgeSettings) -> bool:
    return newest_word(sets, own, stream, settings) is not None


def newest_word(sets: Sequence[frozenset[str]], own: tuple[Counter, int],
                stream: tuple[Counter, int],
                settings: SurgeSettings) -> tuple[str, float] | None:
    """The word whose share of the texts (their word sets) is least likely for the
    series' usual talk, with its log10 tail (Bonferroni over the burst's words), when it
    passes the settings' bar; else None. `own` and `stream`: (document counts of words,
    documents) of the series and of the whole stream. A word's usual share is the
    series' own, pulled towards the whole stream's by `novel_prior_docs` pseudo-documents:
    a thin topic's few texts alone cannot say a word is rare, the whole stream's many can."""
    own_words, own_docs = own
    stream_words, stream_docs = stream
    if stream_docs < settings.novel_min_background or len(sets) < settings.novel_min_docs:
        return None
    seen = Counter(w for bag in sets for w in bag)
    if not seen:
        return None
    least = max(settings.novel_min_docs, math.ceil(settings.novel_min_share * len(sets)))
    correction = math.log10(len(seen))
    prior = settings.novel_prior_docs
    best: tuple[str, float] | None = None
    for word, count in seen.items():
        if count < least:
            continue
        stream_share = (stream_words.get(word, 0) + 0.5) / (stream_docs + 1)
        usual = (own_words.get(word, 0) + prior * stream_share) / (own_docs + prior)
        score = poisson.log10_tail(count, usual * len(sets)) + correction
        if score <= settings.novel_log10_alpha_words and (best is None or score < best[1]):
            best = (word, score)
    return best
