"""The checker's shortcuts give what the general code gives: ASCII byte tables, prefilters
before slow searches, the abuse model's table lookup. Each is compared with the slow way."""

import json
import math
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from rasmi.core.rules import detectors, engine, gates
from rasmi.core.rules.abuse import default_model
from rasmi.core.text import identifiers, language
from rasmi.core.textmodel import features

EVAL = Path(__file__).resolve().parents[3] / "eval" / "compliance"
ASCII = "".join(map(chr, range(128)))
# Pieces the shortcuts look for, so random texts reach the slow paths too.
PIECES = ["www.", "http://", "https://x.", "bit.ly/a", ".com", ".my", ".gov.my ", "1.2.3.4",
          "@gmail.com", "a@b", "880101-14-5566", "A12345678", "012-345 6789", "01", "+60",
          "akaun", "maybank", "1234567890", "dilaporkan", "tolonggg", "it's", "x leh",
          "İ", "ı", "ß", "中文", "தமிழ்", "😀", "’", "\n", "SULIT", "  ", "0", "9",
          "b.o.d.o.h", "s u l i t", "p-u-k-i", " a b", "019-7723 410"]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(alphabet=ASCII, max_size=6),
                           st.text(max_size=3)), max_size=12).map("".join)


def test_a_mobile_written_with_the_country_code_apart_passes_the_prefilter():
    # "+60 17-..." holds no "01": the prefilter must let it through to the search.
    assert [span.text for span in identifiers.mobile_numbers("Hubungi +60 17-552 9012")] \
        == ["+60 17-552 9012"]


def test_ascii_tables_normalise_space_and_fold_as_the_general_code():
    for char in ASCII:
        assert engine._normalise(char) == char.lower().translate(engine._LEET)
        assert engine._spaced(char) == " " + engine._NON_WORD.sub(" ", char) + " "
        assert gates.fold(char) == char.casefold().translate(gates._FOLD_MORE)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_shortcuts_change_nothing(text):
    lowered = text.lower()
    # Features: the ASCII word path and the skipped URL search.
    assert features.words_of(text) == features._WORD.findall(features.normalise_word(
        features._CJK_RUN.sub(" ", features._URL.sub(" ", lowered))))
    assert features._may_hold_url(lowered) or not features._URL.search(lowered)
    # Identifier and link prefilters: only ever skip texts the full search finds nothing in.
    if identifiers._MYKAD.search(text) or identifiers._PASSPORT.search(text):
        assert identifiers._SIX_DIGITS.search(text)
    if identifiers._MOBILE.search(text):
        assert "01" in text or "+60" in text
    if identifiers._EMAIL.search(text):
        assert "@" in text
    if identifiers._ACCOUNT_NUMBER.search(text):
        assert identifiers._TEN_DIGITS.search(text)
    if detectors._URL.search(text):
        assert "://" in text or detectors._URL_ENDING.search(text)
    assert detectors._weighted(text) == sum(
        1 if ord(c) <= 0x10FF or 0x2000 <= ord(c) <= 0x200D or 0x2010 <= ord(c) <= 0x201F
        or 0x2032 <= ord(c) <= 0x2037 else 2 for c in text)
    assert language.is_malay_word(lowered) == (
        lowered in language.MALAY or language._MALAY_AFFIXED.fullmatch(lowered) is not None)


def test_is_ip_agrees_with_ipaddress():
    import ipaddress

    for host in ("1.2.3.4", "256.1.1.1", "1.2.3", "example.com", "::1", "fe80::1%eth0",
                 "１.２.３.４", "12", "", "1.2.3.4."):
        try:
            ipaddress.ip_address(host)
            expected = True
        except ValueError:
            expected = False
        assert detectors._is_ip(host) is expected, host


def test_the_abuse_score_is_the_plain_sum_over_the_model_weights():
    """The table lookup scores every development post exactly as a dict of weights and
    fsum over the sorted features do."""
    model = default_model()
    weight = {int(h): float(w) for h, w in
              zip(model.vocabulary.hashed_ids, model.abusive.weights[:, 0], strict=True)}
    posts = [json.loads(line) for name in ("posts.jsonl", "hard_cases.jsonl")
             for line in (EVAL / name).open(encoding="utf-8")]
    for post in posts:
        kept = [weight[h] for h in features.features(post["text"], hints=False) if h in weight]
        scale = 1.0 / math.sqrt(len(kept)) if kept else 0.0
        logit = float(model.abusive.bias[0]) + math.fsum(kept) * scale
        expected = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))
        assert model.score(post["text"]).score == expected, post["id"]


def test_features_are_the_sorted_feature_set():
    for text in ("Tolonggg x leh masuk www.jpj.gov.my 中文 😀", "", "SAYA BODOH 123"):
        assert features.features(text) == sorted(features.feature_set(text))


SHIPPED = engine.RuleSet.shipped()


def _closed_up_slowly(normal: str) -> str:
    """Spelt-out words closed up the plain way: drop the mark after each letter of a run,
    one space between two runs."""
    out, last = [], 0
    for run in engine._SPELT_OUT.finditer(normal):
        gap = normal[last:run.start()]
        out.append(" " if last and gap.isspace() else gap)
        out.append(run.group()[::2])
        last = run.end()
    return "".join(out) + normal[last:]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_spelt_out_words_map_back_to_the_letters_they_came_from(text):
    """The closed-up text is what the plain way gives; each of its characters comes from
    the post at the offset recorded (so findings point at the spelt-out letters), and a
    post that spells nothing out gets no extra scan."""
    normal = engine._normalise(text)
    squeezed = engine._squeezed(normal)
    if not engine._SPELT_OUT.search(normal):
        assert squeezed is None
        return
    assert engine._SPELT_HINT.search(normal)  # the prefilter never hides a run
    closed, where = squeezed
    assert closed == _closed_up_slowly(normal)
    assert len(where) == len(closed) and where == sorted(set(where))
    assert all(normal[i] == c or c == " " for i, c in zip(where, closed, strict=True))
    for _, start, end in SHIPPED._spelt_out_terms(normal):
        assert 0 <= start < end <= len(text)
