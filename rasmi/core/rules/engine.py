"""The compliance checker: a RuleSet compiled once from the packs (with an organisation's
switches and own terms), then `check` per post.

Speed: every term of every rule goes into one Aho-Corasick automaton (pyahocorasick), so a
post is scanned once whatever the number of terms; regular expressions are kept for the
few rules that need them, and the programmatic detectors share the post's links, found
once. Every finding names its rule, the span it found and why.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick

from rasmi.core.rules import detectors, gates
from rasmi.core.rules.model import Finding, Rule, verdict_of
from rasmi.core.rules.packs import shipped_rules

# Letters people swap in to slip past filters ("b0d0h", "$ial"): read as letters. One
# character for one, so offsets stay those of the original text.
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s"})
_SENTENCE_END = re.compile(r"[.!?\n]")
_NON_WORD = re.compile(r"\W")
_QUOTES = frozenset("\"'\u2018\u2019\u201c\u201d")
EXCERPT_MAX = 120
# Most posts are ASCII: for them both steps below are one byte table each, built from the
# same rules (lower case, _LEET; non-word characters to spaces), without str.translate's
# lookup per character (bytes.translate wants 256 entries; only the first 128 are read).
_ASCII_NORMAL = bytes(ord(chr(c).lower().translate(_LEET)) for c in range(128)) + bytes(128)
_ASCII_SPACED = bytes(ord(" ") if _NON_WORD.match(chr(c)) else c for c in range(128)) + bytes(128)


def _normalise(text: str) -> str:
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_NORMAL).decode("ascii")
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters lower-case to two characters
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return lowered.translate(_LEET)


def _spaced(normal: str) -> str:
    """Non-word characters as spaces, one space before and after: the automaton's terms are
    spaced the same way, so it only ever finds whole words and phrases, and a character's
    offset is its offset in the post plus one."""
    if normal.isascii():
        return " " + normal.encode("ascii").translate(_ASCII_SPACED).decode("ascii") + " "
    return " " + _NON_WORD.sub(" ", normal) + " "


# A word spelt out to slip past filters ("M.e.l.a.y.u  b.o.d.o.h", "s u l i t"): four or
# more single letters, each after one dot, dash, underscore or space.
_SPELT_OUT = re.compile(r"(?<![^\W\d_])[^\W\d_](?:[.\-_ ][^\W\d_](?![^\W\d_])){3,}")
# What every such run holds (mark, letter, mark, letter, mark): a third of the cost to rule
# out, and almost every post is ruled out.
_SPELT_HINT = re.compile(r"[.\-_ ][^\W\d_][.\-_ ][^\W\d_][.\-_ ]")


def _squeezed(normal: str) -> tuple[str, list[int]] | None:
    """`normal` with every spelt-out word closed up, and each character's offset in
    `normal`; None when the post spells nothing out (most posts)."""
    runs = list(_SPELT_OUT.finditer(normal)) if _SPELT_HINT.search(normal) else None
    if not runs:
        return None
    pieces: list[str] = []
    where: list[int] = []
    last = 0
    for run in runs:
        gap = normal[last:run.start()]
        if last and gap.isspace():  # two spelt-out words: one space, as the terms have
            gap = " "
        pieces.append(gap)
        where.extend(range(last, last + len(gap)))
        letters = range(run.start(), run.end(), 2)  # a letter, a mark, a letter...
        pieces.append("".join(normal[i] for i in letters))
        where.extend(letters)
        last = run.end()
    pieces.append(normal[last:])
    where.extend(range(last, len(normal)))
    return "".join(pieces), where


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return left, right.start() if right else len(text)


def _inside_quotes(text: str, start: int) -> bool:
    """An odd number of quotation marks since the start of the paragraph."""
    paragraph = text.rfind("\n", 0, start) + 1
    marks = 0
    for index in range(paragraph, start):
        char = text[index]
        # An apostrophe inside a word ("it's") is not a quotation mark.
        if char in _QUOTES and not (char in "'\u2019" and 0 < index < len(text) - 1
                                    and text[index - 1].isalpha() and text[index + 1].isalpha()):
            marks += 1
    return marks % 2 == 1


@dataclass
class _Compiled:
    index: int
    rule: Rule
    patterns: list[re.Pattern] = field(default_factory=list)
    exceptions: re.Pattern | None = None
    context: re.Pattern | None = None


def _phrase_regex(phrases: Iterable[str]) -> re.Pattern | None:
    words = sorted(set(phrases), key=len, reverse=True)  # already normalised
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


class RuleSet:
    """Rules ready to check posts. Build one per organisation setting and reuse it."""

    def __init__(self, rules: Iterable[Rule]):
        self.rules = tuple(rules)
        self._compiled = [_Compiled(index, rule) for index, rule in enumerate(self.rules)]
        self._automaton = ahocorasick.Automaton()
        by_term: dict[str, list[int]] = {}
        for index, item in enumerate(self._compiled):
            rule = item.rule
            for term in rule.terms:
                by_term.setdefault(_spaced(_normalise(term)), []).append(index)
            item.patterns = [re.compile(p, re.IGNORECASE) for p in rule.patterns] + [
                re.compile(p) for p in rule.case_sensitive_patterns]
            item.exceptions = _phrase_regex(_normalise(e) for e in rule.exceptions)
            item.context = _phrase_regex(_normalise(c) for c in rule.context_exceptions)
        for term, indexes in by_term.items():
            self._automaton.add_word(term, (len(term), tuple(indexes)))
        self._has_terms = bool(by_term)
        if self._has_terms:
            self._automaton.make_automaton()
        self._detected = [item for item in self._compiled if item.rule.detector]
        self._patterned = [item for item in self._compiled if item.patterns]
        self._patterns = [(item.index, p) for item in self._patterned for p in item.patterns]
        self._gate = gates.Gate([p for _, p in self._patterns])
        unknown = {i.rule.detector for i in self._detected} - set(detectors.DETECTORS)
        if unknown:
            raise ValueError(f"unknown detector(s): {', '.join(sorted(unknown))}")
        # Each detector's function and options looked up once, not per post.
        self._detections = [(item.index, detectors.DETECTORS[item.rule.detector],
                             item.rule.options) for item in self._detected]

    @classmethod
    def shipped(cls, *, packs: Iterable[str] | None = None, disabled: Iterable[str] = (),
                own_terms: Iterable[Rule] = ()) -> "RuleSet":
        """The shipped packs, with an organisation's choices: only `packs` (default all),
        without the `disabled` rule ids, plus its own term rules."""
        wanted = set(packs) if packs is not None else None
        off = set(disabled)
        rules = [r for r in shipped_rules()
                 if (wanted is None or r.pack in wanted) and r.id not in off]
        return cls([*rules, *own_terms])

    # --- checking ---------------------------------------------------------------------------

    def check(self, post: detectors.Post) -> list[Finding]:
        text = post.text
        normal = _normalise(text)
        spans: list[tuple[int, int | None, int | None]] = []  # (compiled index, start, end)
        if self._has_terms:
            for last, (length, indexes) in self._automaton.iter(_spaced(normal)):
                # The match is " term " in the spaced text: the term is [first+1, last-1]
                # there, so [first, last - 1) in the post.
                first = last - length + 1
                spans += [(i, first, last - 1) for i in indexes]
            spans += self._spelt_out_terms(normal)
        for number in self._gate.open_for(text):
            index, pattern = self._patterns[number]
            spans += [(index, m.start(), m.end()) for m in pattern.finditer(text)]
        for index, detect, options in self._detections:
            for start, end in detect(post, options):
                spans.append((index, start, end))
        return _model_only_where_lists_are_silent(self._findings(text, normal, spans))

    def _spelt_out_terms(self, normal: str) -> list[tuple[int, int, int]]:
        """Terms found once spelt-out words are closed up, as spans of the post. Only the
        matches that take in a closed-up word are new: the others were found above."""
        squeezed = _squeezed(normal)
        if squeezed is None:
            return []
        closed, where = squeezed
        spans = []
        for last, (length, indexes) in self._automaton.iter(_spaced(closed)):
            first = last - length + 1  # the term is closed[first:last - 1]
            start, end = where[first], where[last - 2] + 1
            if end - start > last - 1 - first:
                spans += [(i, start, end) for i in indexes]
        return spans

    def _findings(self, text: str, normal: str, spans) -> list[Finding]:
        """Innocent matches dropped; overlapping matches of one rule merged into one span."""
        kept: dict[int, list[list]] = {}  # rule index -> [[start, end]] in text order
        whole: set[int] = set()  # rules with a finding about the post as a whole
        for index, start, end in sorted(spans, key=lambda s: (s[1] or -1, -(s[2] or 0))):
            item = self._compiled[index]
            if start is None:
                whole.add(index)
                continue
            if self._innocent(item, normal, start, end):
                continue
            runs = kept.setdefault(index, [])
            if runs and start < runs[-1][1]:
                runs[-1][1] = max(runs[-1][1], end)
            else:
                runs.append([start, end])
        findings = [Finding(self._compiled[i].rule, None, None, None) for i in sorted(whole)]
        for index, runs in kept.items():
            findings += [Finding(self._compiled[index].rule, start, end,
                                 text[start:end][:EXCERPT_MAX]) for start, end in runs]
        return sorted(findings, key=lambda f: (f.start is None, f.start or 0, f.rule.id))

    @staticmethod
    def _innocent(item: _Compiled, normal: str, start: int, end: int) -> bool:
        if item.exceptions is not None:
            window = normal[max(0, start - 40):end + 40]
            offset = max(0, start - 40)
            for match in item.exceptions.finditer(window):
                if match.start() + offset <= start and match.end() + offset >= end:
                    return True
        if item.context is not None:
            left, right = _sentence(normal, start, end)
            if item.context.search(normal, left, right):
                return True
            # Words quoted in a warning or a report ("...berkata 'bodoh, bayar sekarang'")
            # are someone else's; the warning may be in the sentence before.
            if _inside_quotes(normal, start) and item.context.search(normal):
                return True
        return False


def _model_only_where_lists_are_silent(findings: list[Finding]) -> list[Finding]:
    """The abuse model speaks only for categories no word-list rule already found: the
    officer sees one explanation per problem, the most specific one."""
    listed = {f.rule.category for f in findings if f.rule.detector != "abuse_model"}
    return [f for f in findings
            if f.rule.detector != "abuse_model" or f.rule.category not in listed]


def check_post(post: dict, rules: RuleSet, *, official_keys: frozenset[str] = frozenset(),
               official_domains: frozenset[str] = frozenset(),
               require_malay: bool = True) -> dict:
    """One post in the batch contract's shape -> {"id", "verdict", "findings"}."""
    subject = detectors.Post(
        text=post.get("text") or "", platforms=tuple(post.get("platforms") or ()),
        media=tuple(m for m in post.get("media") or () if isinstance(m, dict)),
        official_keys=official_keys, official_domains=official_domains,
        require_malay=require_malay)
    findings = rules.check(subject)
    return {"id": post.get("id"), "verdict": verdict_of(findings),
            "findings": [finding.as_dict() for finding in findings]}


def own_term_rule(rule_id: str, terms: Iterable[str], *, category: str, severity: str,
                  message_ms: str, message_en: str,
                  basis: str = "SOP organisasi / Organisation SOP") -> Rule:
    """A rule from an organisation's own list of terms, in the `sop` layer."""
    return Rule(id=rule_id, pack="own", category=category, severity=severity, layer="sop",
                basis=basis, message_ms=message_ms, message_en=message_en,
                terms=tuple(terms))
