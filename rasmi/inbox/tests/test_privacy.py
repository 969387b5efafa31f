"""Redaction of citizens' identifiers and names, and pseudonyms."""

from hypothesis import given
from hypothesis import strategies as st

from rasmi.inbox import privacy


def test_identifiers_and_names_are_masked():
    text = ("Saya Nurul Aina, IC 900101-14-5677, call me 012-345 6789 or nurul.aina@gmail.com. "
            "Aina nak tahu status.")
    masked = privacy.redact(text, ["Nurul Aina"])
    assert masked == ("Saya [name], IC [mykad], call me [mobile] or [personal_email]. "
                      "[name] nak tahu status.")


def test_short_or_lower_case_name_parts_are_not_masked_alone():
    # "Tan" is too short to mask alone; the whole name still goes.
    assert privacy.redact("Tan Wei Ming here; tan sri said so", ["Tan Wei Ming"]) \
        == "[name] here; tan sri said so"


def test_a_name_inside_a_longer_word_is_left_alone():
    assert privacy.redact("Kainan dan Ainalah", ["Aina Rahman"]) == "Kainan dan Ainalah"


def test_official_numbers_and_gov_mail_stay():
    text = "Hubungi talian 1-800-88-7723 atau aduan@jpj.gov.my"
    assert privacy.redact(text) == text


def test_pseudonyms_are_stable_keyed_and_recognisable():
    first = privacy.pseudonym("k1", "facebook", "123")
    assert first == privacy.pseudonym("k1", "facebook", "123")
    assert first != privacy.pseudonym("k2", "facebook", "123")
    assert first != privacy.pseudonym("k1", "instagram", "123")
    assert privacy.is_pseudonym(first) and "123" not in first
    # A pseudonym is never masked as a name (it is already anonymous).
    assert privacy.redact(first, [first]) == first


def test_markers_are_not_masked_again():
    assert privacy.redact("Name 0123456789", ["Name", "Mobile"]) == "[name] [mobile]"
    assert privacy.redact("[name] [mobile]", ["Name", "Mobile"]) == "[name] [mobile]"


@given(st.text(max_size=200), st.lists(st.text(max_size=20), max_size=3))
def test_redaction_is_idempotent(text, names):
    once = privacy.redact(text, names)
    assert privacy.redact(once, names) == once
