"""core.matching on small registers: each label, and the reasons that explain it."""

from datetime import date

import pytest

from rasmi.core import links
from rasmi.core.matching import OrganisationInfo, Register, RegisteredAccount, score_candidate

AS_OF = date(2026, 11, 1)


@pytest.fixture(scope="module")
def register():
    orgs = [OrganisationInfo("jpj", "Jabatan Pengangkutan Jalan Malaysia",
                             "Road Transport Department Malaysia", ("JPJ", "RTD"), "jpj.gov.my"),
            OrganisationInfo("kpt", "Kementerian Pendidikan Tinggi",
                             "Ministry of Higher Education", ("KPT", "MOHE"), "mohe.gov.my"),
            OrganisationInfo("mot", "Kementerian Pengangkutan", "Ministry of Transport",
                             ("MOT",), "mot.gov.my")]
    ref = links.parse_account("https://www.facebook.com/jpjmalaysia")
    official = RegisteredAccount(ref.key, "jpj", "official", ref.handle, ref.canonical_url)
    return Register(orgs, [official])


def _score(register, **candidate):
    return score_candidate({"id": "x", **candidate}, register, as_of=AS_OF)


def _codes(result):
    return {reason["code"] for reason in result["reasons"]}


def test_the_registered_account_in_any_form_is_official(register):
    result = _score(register, url="m.facebook.com/JPJMalaysia/posts/1?ref=share")
    assert (result["label"], result["organisation"], result["score"]) == ("official", "jpj", 1.0)


def test_a_copy_that_asks_for_money_is_impersonation_with_reasons(register):
    result = _score(register, url="https://www.facebook.com/jpj.bantuan.saman2024",
                    display_name="JPJ Malaysia Rasmi", bio="Bayar saman diskaun 70%. "
                    "WhatsApp 011-0000 0000", links=["https://bit.ly/x"], created_at="2026-10-01")
    assert (result["label"], result["organisation"]) == ("impersonation", "jpj")
    assert {"money_request", "private_contact", "shortener_link", "claims_official",
            "new_account"} <= _codes(result)
    assert result["score"] >= 0.9


def test_a_near_copy_of_the_official_handle_is_impersonation(register):
    result = _score(register, url="https://www.facebook.com/jpjmalaysia1", display_name="JPJ")
    assert result["label"] == "impersonation"
    assert "handle_variant" in _codes(result)


def test_a_state_branch_linking_home_is_unofficial(register):
    result = _score(register, url="https://www.instagram.com/contoh_jpj_johor/",
                    display_name="JPJ Negeri Johor",
                    bio="Info kaunter JPJ Johor. Laman rasmi: jpj.gov.my", created_at="2015-01-01")
    assert (result["label"], result["organisation"]) == ("unofficial", "jpj")
    assert {"branch_name", "gov_link"} <= _codes(result)


def test_declared_parody(register):
    result = _score(register, url="https://x.com/NotTheMOT",
                    display_name="Kementerian Pengangkutan (Parodi)",
                    bio="Akaun parodi. Bukan akaun rasmi.")
    assert (result["label"], result["organisation"]) == ("parody", "mot")


def test_a_bakery_that_shares_an_acronym_is_unrelated(register):
    result = _score(register, url="https://www.tiktok.com/@kptbakery",
                    display_name="KPT Bakery & Cafe", bio="Kek lapis Sarawak, tempahan dibuka")
    assert (result["label"], result["organisation"]) == ("unrelated", None)


def test_nothing_in_common_is_unrelated(register):
    result = _score(register, url="https://www.instagram.com/siti_masak/",
                    display_name="Siti Masak", bio="Resepi harian")
    assert result["label"] == "unrelated" and result["reasons"]


def test_an_address_that_is_not_an_account_is_refused(register):
    with pytest.raises(ValueError):
        _score(register, url="https://facebook.com.evil.example/jpj")
