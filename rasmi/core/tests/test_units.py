"""core.units: a unit of an organisation is tied to its parent; businesses are not."""

from datetime import date

import pytest

from rasmi.core.matching import OrganisationInfo, Register, score_candidate
from rasmi.core.signals import Text
from rasmi.core.units import UNIT_KINDS, UnitIndex

INDEX = UnitIndex({kind.parent for kind in UNIT_KINDS})


@pytest.mark.parametrize("profile, handle, parent", [
    ("IPD Kajang", "", "pdrm"),
    ("Ibu Pejabat Polis Daerah Seremban", "", "pdrm"),
    ("Balai Polis Bandar Baru Bangi", "", "pdrm"),
    ("Klinik Kesihatan Bandar Baru Bangi", "", "kkm"),
    ("Hospital Sultanah Aminah Johor Bahru", "", "kkm"),
    ("Pejabat Kesihatan Daerah Hulu Langat", "", "kkm"),
    ("SMK Seri Permai", "", "kpm"),
    ("Pejabat Pendidikan Daerah Petaling Perdana", "", "kpm"),
    ("Balai Bomba dan Penyelamat Shah Alam", "", "bomba"),
    ("Politeknik Ungku Omar", "", "kpt"),
    ("Tabika KEMAS Kampung Baru", "", "kemas"),
    ("", "klinikkesihatanbangi", "kkm"),
    ("", "balaibomba.klang", "bomba"),
])
def test_units_name_their_parent(profile, handle, parent):
    found = INDEX.find(Text(profile), handle)
    assert found is not None and found.parent == parent


@pytest.mark.parametrize("profile, handle", [
    ("Hospital Pakar KPJ Ampang Puteri", ""),
    ("Klinik Pergigian Dr Tan", ""),
    ("Sekolah Antarabangsa Sri Kuala Lumpur", ""),
    ("Pusat Tuisyen Cemerlang SK", ""),
    ("KK Motorsport", ""),
    ("Kedai Herba Kesihatan Mak Cik", ""),
    ("", "hospitalpakarkpj"),
])
def test_private_businesses_and_lookalikes_are_not_units(profile, handle):
    assert INDEX.find(Text(profile), handle) is None


def test_a_unit_whose_parent_is_not_in_the_register_is_ignored():
    assert UnitIndex({"jpj"}).find(Text("IPD Kajang")) is None


@pytest.fixture(scope="module")
def register():
    return Register([
        OrganisationInfo("pdrm", "Polis Diraja Malaysia", "Royal Malaysia Police",
                         ("PDRM", "RMP"), "rmp.gov.my"),
        OrganisationInfo("kkm", "Kementerian Kesihatan", "Ministry of Health", ("KKM", "MOH"),
                         "moh.gov.my")], [])


def _score(register, **candidate):
    return score_candidate({"id": "u", **candidate}, register, as_of=date(2026, 11, 1))


def test_a_clinic_page_is_the_ministrys_unofficial_account(register):
    result = _score(register, url="https://www.facebook.com/kkbandarbarubangi",
                    display_name="Klinik Kesihatan Bandar Baru Bangi",
                    bio="Waktu operasi 8 pagi - 5 petang. Vaksinasi setiap Selasa.")
    assert (result["label"], result["organisation"]) == ("unofficial", "kkm")
    assert "unit" in {reason["code"] for reason in result["reasons"]}


def test_a_police_district_page_asking_for_money_is_impersonation(register):
    result = _score(register, url="https://www.facebook.com/ipd.kajang.saman",
                    display_name="IPD Kajang", bio="Selesaikan saman anda dengan diskaun. "
                    "WhatsApp 011-0000 0000", created_at="2026-10-01")
    assert (result["label"], result["organisation"]) == ("impersonation", "pdrm")


def test_a_private_specialist_hospital_stays_unrelated(register):
    result = _score(register, url="https://www.instagram.com/hospitalpakarampang/",
                    display_name="Hospital Pakar Ampang", bio="Pakar jantung dan ortopedik.")
    assert result["label"] == "unrelated"
