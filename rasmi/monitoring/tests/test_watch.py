"""Name forms and term matching (pure helpers of watch.py)."""

from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from rasmi.monitoring.watch import TermMatcher, clean_terms, name_forms

JPJ = SimpleNamespace(name_ms="Jabatan Pengangkutan Jalan Malaysia",
                      name_en="Road Transport Department Malaysia", acronyms=["JPJ", "RTD"])


def test_name_forms_hold_both_names_acronyms_and_initials():
    forms = name_forms(JPJ)
    assert forms[:4] == ["Jabatan Pengangkutan Jalan Malaysia",
                         "Road Transport Department Malaysia", "JPJ", "RTD"]
    assert "JPJM" in forms and "RTDM" in forms
    assert len(forms) == len({f.lower() for f in forms})  # no repeats


def test_terms_are_cleaned_and_deduplicated():
    assert clean_terms(["banjir\n Air  Naik ", "BANJIR, flood;", ""]) == [
        "banjir", "Air Naik", "flood"]


def test_terms_match_whole_words_of_folded_text():
    matcher = TermMatcher.of(["banjir", "air naik", "KKM"])
    assert matcher.found("BANJIR kilat di Kuantan!")
    assert matcher.found("air  NAIK dengan cepat")
    assert matcher.found("kkm, tolong")
    assert not matcher.found("banjiran")
    assert not matcher.found("kairnaik")
    assert matcher.which("Banjir dan air naik") == ["air naik", "banjir"]
    assert not TermMatcher.of([]).found("banjir")


@given(st.text(max_size=200), st.lists(st.text(max_size=20), max_size=5))
def test_matching_any_text_never_fails(text, terms):
    matcher = TermMatcher.of(terms)
    assert matcher.found(text) in (True, False)
