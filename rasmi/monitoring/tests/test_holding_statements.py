"""The holding statements shipped in data/holding_statements.yaml: every one, filled in,
passes the compliance checker in both languages (and its short version on X), uses only
known placeholders, and refuses missing or unsafe values."""

import pytest
from django.utils import translation

from rasmi.monitoring import holding
from rasmi.monitoring.models import CrisisKind
from rasmi.publishing import compliance

KINDS = ("flood", "outbreak", "outage", "data_breach", "scam", "false_news")
# What an officer would type: an official gov.my page, a landline hotline, a time.
SAMPLE = {"agency": "Jabatan Pengangkutan Jalan Malaysia", "place": "Kota Bharu, Kelantan",
          "hotline": "03-8000 8000", "website": "https://www.jpj.gov.my",
          "time": "5.00 petang", "since": "9.00 pagi", "service": "portal MyJPJ",
          "disease": "demam denggi", "subject": "penutupan semua kaunter JPJ"}


def test_there_is_one_for_each_common_crisis():
    assert {t.kind for t in holding.templates().values()} == set(KINDS)
    assert set(KINDS) <= set(CrisisKind.values)


@pytest.mark.parametrize("key", sorted(holding.templates()))
def test_only_known_placeholders(key):
    template = holding.template(key)
    assert template.unknown_placeholders() == []
    assert "agency" in template.placeholders
    for text in (template.text_ms, template.text_en, template.short_ms, template.short_en):
        assert text and "\n" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ms", "en", "both"])
@pytest.mark.parametrize("key", sorted(holding.templates()))
def test_every_statement_passes_the_compliance_checker(orgs, key, language):
    template = holding.template(key)
    text, short = holding.compose(template, SAMPLE, language)
    assert "{" not in text and "}" not in text
    # An English-only statement is for organisations whose SOP allows any language.
    malay = language != "en"
    for body, platforms in ((text, ["facebook"]), (short, ["x", "threads"])):
        result = compliance.check({"text": body, "platforms": platforms},
                                  require_malay=malay)
        assert result["verdict"] == "pass", (key, language, platforms, result["findings"])


def test_values_are_checked_before_filling():
    template = holding.template("flood")
    with translation.override("en"), pytest.raises(holding.HoldingStatementError) as missing:
        holding.compose(template, {"agency": "JPJ"}, "ms")
    assert missing.value.details["missing"] == ["Place affected", "Hotline",
                                                "Official web page", "Time of the next update"]
    with pytest.raises(holding.HoldingStatementError) as bad:
        holding.compose(template, SAMPLE | {"place": "{agency}"}, "ms")
    assert bad.value.code == "bad_values"
    with pytest.raises(holding.HoldingStatementError):
        holding.compose(template, SAMPLE, "fr")


def test_filling_is_one_pass():
    assert holding.fill("{agency} di {place}", {"agency": "{place}", "place": "Kuantan"}) == (
        "{place} di Kuantan")


def test_both_languages_put_bahasa_melayu_first_and_x_gets_the_short_malay():
    text, short = holding.compose(holding.template("scam"), SAMPLE, "both")
    assert text.index("Awas penipuan") < text.index("Beware of scams")
    assert short.startswith("Awas penipuan") and "Beware" not in short


def test_a_template_is_suggested_for_each_kind():
    assert holding.for_kind("flood") == "flood"
    assert holding.for_kind("other") is None
