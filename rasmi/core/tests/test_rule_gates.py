"""The literal gates in front of pattern rules skip work, never a match."""

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from rasmi.core.rules import RuleSet, gates
from rasmi.core.rules.packs import shipped_rules

EVAL = Path(__file__).resolve().parents[3] / "eval" / "compliance"
SHIPPED = [re.compile(p, re.IGNORECASE) for r in shipped_rules() for p in r.patterns] + [
    re.compile(p) for r in shipped_rules() for p in r.case_sensitive_patterns]
GATE = gates.Gate(SHIPPED)


def test_heads_are_read_from_the_start_of_the_pattern():
    assert gates.literal_heads(re.compile(r"\b(?:kami|kita)\s+cari")) == ("kami", "kita")
    assert gates.literal_heads(re.compile(r"(?<!tak )\bpatut\b")) == ("patut",)
    assert gates.literal_heads(re.compile(r"\b(?:orang )?(?:melayu|cina)")) == (
        "cina", "melayu", "orang ")
    assert gates.literal_heads(re.compile(r"[\[(]SULIT")) == ("(", "[")
    assert gates.literal_heads(re.compile(r"SULIT", re.IGNORECASE)) == ("sulit",)


def test_patterns_that_can_start_anywhere_have_no_gate():
    for pattern in (r"\w+@\w+", r"(?:a|\d)x", r"[a-z]+", r"x?", r"(?:)", r"[^.]bodoh", r".kami"):
        assert gates.literal_heads(re.compile(pattern)) is None, pattern


def test_the_gate_takes_the_rarest_heads_of_any_tail():
    # Every match holds a match of each tail of the pattern: its heads gate it too.
    assert gates.gate_words(re.compile(r"\b(?:i|we)\s+(?:will\s+)?(?:kill|hurt)")) == (
        "hurt", "kill")
    assert gates.gate_words(re.compile(r"(?m)^[ \t]*[\[(]?(?:SULIT|TERHAD)[\])]?$")) == (
        "sulit", "terhad")
    assert gates.gate_words(re.compile(r"\w+@gmail")) == ("@gmail",)
    # A literal joined with what follows it keeps the optional part between them.
    assert gates.gate_words(re.compile(r"ab[ \t]*c")) == ("ab\t", "ab ", "abc")
    for pattern in (r"\w+\d", r"[a-z]+x?", r"(?:a|\d)+"):
        assert gates.gate_words(re.compile(pattern)) is None, pattern


def test_the_gate_opens_the_patterns_whose_heads_occur():
    patterns = [re.compile(r"\bkami\s+cari"), re.compile(r"\w+\d"), re.compile(r"SULIT")]
    gate = gates.Gate(patterns)
    assert gate.open_for("Kami CARI dia") == [0, 1]
    assert gate.open_for("dokumen sulit") == [1, 2]
    assert gate.open_for("tiada apa") == [1]


def test_case_folding_is_looser_than_ignorecase():
    gate = gates.Gate([re.compile(r"\bkita\b", re.IGNORECASE)])
    for text in ("KITA", "Kıta", "\u212aita"):  # dotless i, the Kelvin sign
        assert re.search(r"\bkita\b", text, re.IGNORECASE)
        assert gate.open_for(text) == [0], text


words = st.sampled_from(["kami", "KITA", "aku", "bodoh", "babi", "melayu", "cina", "SULIT",
                         "[", "(", "rahsia", "cari", "bunuh", "kau", "akan", "korang",
                         "i", "we", "will", "'", "打死", "你", "dokumen", "x", "sampai",
                         "you", "ditembak", "ajar", "TERHAD", "RAHSIA BESAR", "\t", ":",
                         "patut", "you'll", "hurt", "kill", "orang", "semua", "sangat"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(words, st.text(max_size=4)), max_size=12),
       st.sampled_from([" ", "  ", "\n", "-", ""]))
def test_a_shipped_pattern_never_matches_where_its_gate_is_shut(parts, glue):
    text = glue.join(parts)
    opened = set(GATE.open_for(text))
    for number, pattern in enumerate(SHIPPED):
        if pattern.search(text):
            assert number in opened, (pattern.pattern, text)


def test_gates_change_no_finding_on_the_development_posts():
    rules = RuleSet.shipped()
    ungated = RuleSet.shipped()
    ungated._gate.open_for = lambda text: list(range(len(ungated._patterns)))
    posts = [json.loads(line) for name in ("posts.jsonl", "hard_cases.jsonl")
             for line in (EVAL / name).open(encoding="utf-8")]
    from rasmi.core.rules import check_post
    assert len(posts) > 300
    for post in posts:
        assert check_post(post, rules) == check_post(post, ungated), post.get("id")
