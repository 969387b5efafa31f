"""Cheap gates for a rule's regular expressions: the literal words every match must start
with, read from the compiled pattern itself, so nobody keeps a trigger list by hand.

Most pattern rules open with a group of words (`\\b(?:kami|kita|aku)\\s+...`). A match has
to begin with one of them, so when none of them occurs anywhere in the post the pattern
cannot match and is not run. Gate holds the words of all the patterns in one Aho-Corasick
automaton: one pass over the post says which patterns to run, instead of a regex scan
per pattern. Where the start of a pattern is not a set of literals (a character class of
ranges, `^[ \\t]*`, `.`), there is no gate and the pattern always runs: the gate only ever
skips work, never a match.

The words need not be the first ones: a match holds a match of every tail of the pattern's
top-level sequence, so the heads of any tail gate it too. `gate_words` takes the tail whose
heads are rarest (longest, then fewest): `\\b(?:aku|saya|i|we)\\s+(?:akan\\s+)?(?:bunuh|...)`
is gated by its verbs, not by the "i" that nearly every post holds, and a `^[ \\t]*` in
front of a confidentiality marking no longer opens it on every post.

Texts and words are compared case-folded, which is looser than any case rule a pattern has
(a case-sensitive match is also a case-folded one), so the gate holds for both. The one
letter `re.IGNORECASE` pairs with an ASCII letter that case-folding does not (dotless
"ı" with "i") is folded by hand.
"""

import re
from re import _constants as sre
from re import _parser as sre_parse

import ahocorasick

# Zero-width items at the start of a pattern consume nothing: the match still begins with
# what follows them.
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
MAX_HEADS = 64
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)}


def literal_heads(pattern: re.Pattern) -> tuple[str, ...] | None:
    """The case-folded literal strings one of which begins every match, or None when the
    pattern can start otherwise (then it must always run)."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 (an internal parser's change must not break checking)
        return None
    heads = _heads(list(parsed), 0)
    if not heads or any(not h for h in heads):
        return None
    return tuple(sorted({h.casefold() for h in heads}))


def gate_words(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Case-folded literal strings one of which every match holds: the rarest heads of any
    tail of the pattern's top-level sequence, or None when no tail has heads."""
    try:
        items = list(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 (as in literal_heads)
        return None
    best: set[str] | None = None
    for start in range(len(items)):
        heads = _heads(items, start)
        if not heads or any(not h for h in heads):
            continue
        folded = {h.casefold() for h in heads}
        if best is None or _rarity(folded) > _rarity(best):
            best = folded
    return tuple(sorted(best)) if best else None


def _rarity(heads: set[str]) -> tuple[int, int]:
    # The shortest head decides how often the gate opens: "i" is in nearly every post.
    return min(map(len, heads)), -len(heads)


def _heads(items: list, start: int) -> set[str] | None:
    for index in range(start, len(items)):
        op, value = items[index]
        if op in _ZERO_WIDTH:
            continue
        if op == sre.LITERAL:
            end = index
            while end < len(items) and items[end][0] == sre.LITERAL:
                end += 1
            run = "".join(chr(code) for _, code in items[index:end])
            # The parser pulls a shared prefix out of a group ("kami|kita" is "k" then
            # "ami|ita"): join them again, or the gate is one letter.
            tail = _heads(items, end) if end < len(items) else None
            if tail and len(tail) <= MAX_HEADS:
                return {run + rest for rest in tail}
            return {run}
        if op == sre.SUBPATTERN:
            return _heads(list(value[-1]), 0)
        if op == sre.BRANCH:
            found: set[str] = set()
            for branch in value[1]:
                heads = _heads(list(branch), 0)
                if heads is None:
                    return None
                found |= heads
            return found
        if op == sre.IN:
            if all(kind == sre.LITERAL for kind, _ in value):
                return {chr(code) for _, code in value}
            return None
        if op in _REPEATS:
            low, _, body = value
            inner = _heads(list(body), 0)
            if low >= 1 or inner is None:
                return inner
            rest = _heads(items, index + 1)  # optional: the match may start after it
            return None if rest is None else inner | rest
        return None
    return None  # the pattern may match the empty string here


_FOLD_MORE = str.maketrans({"\u0131": "i"})


def fold(text: str) -> str:
    """A post's text as the gates compare it."""
    if text.isascii():  # ASCII case-folds as it lower-cases, and holds no dotless i
        return text.lower()
    return text.casefold().translate(_FOLD_MORE)


class Gate:
    """Which of many patterns can match a text: the heads of all of them in one
    Aho-Corasick automaton, so a post is read once, not once per head."""

    def __init__(self, patterns: list[re.Pattern]):
        self.always: list[int] = []
        by_head: dict[str, list[int]] = {}
        for number, pattern in enumerate(patterns):
            heads = gate_words(pattern)
            if heads is None:
                self.always.append(number)
            else:
                for head in heads:
                    by_head.setdefault(head, []).append(number)
        self._automaton = ahocorasick.Automaton()
        for head, numbers in by_head.items():
            self._automaton.add_word(head, tuple(numbers))
        if by_head:
            self._automaton.make_automaton()
        self._gated = bool(by_head)

    def open_for(self, text: str) -> list[int]:
        """The numbers of the patterns to run on `text`, in order."""
        if not self._gated:
            return self.always
        found = set(self.always)
        for _, numbers in self._automaton.iter(fold(text)):
            found.update(numbers)
        return sorted(found)
