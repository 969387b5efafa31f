"""What a rumour alert claims, in words: the example text most like the others (copies of
a rumour differ by a "Fwd:", an emoji, two words swapped), and whether two claims are the
same one (a rumour that comes back after a quiet spell). Pure; services.py writes."""

from __future__ import annotations

from collections.abc import Sequence

from rasmi.core.surge.words import words

# Share of content words two texts must have in common to be one claim. Copies of one
# rumour share nearly all of theirs; two claims on one topic (a dam breaking, roads
# closed) share a few place and topic words.
SAME_CLAIM = 0.6


def _bag(text: str) -> frozenset[str]:
    return frozenset(words(text))


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def claim_text(texts: Sequence[str]) -> str:
    """The text closest to all the others (ties: the shortest, then the first), so the
    claim reads as most of its copies do."""
    texts = [" ".join(t.split()) for t in texts if t and t.strip()]
    if not texts:
        return ""
    bags = [_bag(t) for t in texts]
    best = max(range(len(texts)), key=lambda i: (
        sum(overlap(bags[i], other) for other in bags), -len(texts[i]), -i))
    return texts[best]


def same_claim(a: str, b: str) -> bool:
    return overlap(_bag(a), _bag(b)) >= SAME_CLAIM
