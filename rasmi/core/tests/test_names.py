"""core.names: one organisation, however people write its name."""

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasmi.core.names import (
    NameIndex,
    NameRecord,
    derive_acronyms,
    expand_abbreviations,
    fold,
    fold_handle,
    handle_words,
    tokens,
)

MINISTRIES = Path(__file__).resolve().parents[2] / "registry" / "data" / "ministries.csv"
AGENCIES = [
    NameRecord("jpj", "Jabatan Pengangkutan Jalan Malaysia", "Road Transport Department Malaysia",
               ("JPJ", "RTD")),
    NameRecord("jkm", "Jabatan Kebajikan Masyarakat", "Department of Social Welfare", ("JKM",)),
    NameRecord("pdrm", "Polis Diraja Malaysia", "Royal Malaysia Police", ("PDRM",)),
    NameRecord("lhdn", "Lembaga Hasil Dalam Negeri Malaysia", "Inland Revenue Board of Malaysia",
               ("LHDN", "LHDNM", "IRB")),
    NameRecord("spr", "Suruhanjaya Pilihan Raya", "Election Commission", ("SPR", "EC")),
]


def _ministries() -> list[NameRecord]:
    with MINISTRIES.open(encoding="utf-8") as fh:
        return [NameRecord(row["code"], row["name_ms"], row["name_en"],
                           tuple(filter(None, row["acronyms"].split(";"))))
                for row in csv.DictReader(fh)]


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex(_ministries() + AGENCIES)


@pytest.mark.parametrize("query", [
    "KKM", "kkm", "MOH", "Kementerian Kesihatan", "kementerian kesihatan malaysia",
    "Kem. Kesihatan", "ministry of health", "Health Ministry", "Ministry of Heath",
    "Kementrian Kesihatan", "MINISTRY  OF HEALTH!!", "Kementérian Kesihatan",
])
def test_the_ministry_of_health_however_it_is_written(index, query):
    assert index.search(query)[0][0] == "kkm"
    assert index.best_match(query) is not None


@pytest.mark.parametrize("query", [
    "JPJ", "Jabatan Pengangkutan Jalan", "Jab. Pengangkutan Jalan Malaysia",
    "Road Transport Department", "RTD", "road transport dept",
])
def test_the_road_transport_department(index, query):
    assert index.search(query)[0][0] == "jpj"


def test_an_abbreviation_alone_lists_every_organisation_of_that_kind(index):
    ministries = {r.key for r in _ministries() if r.name_ms.startswith("Kementerian")}
    found = {key for key, _ in index.search("Kem.", limit=100)}
    assert ministries <= found
    departments = {key for key, _ in index.search("Jab.", limit=100)}
    assert {"jpj", "jkm", "jpm"} <= departments
    assert "kkm" not in departments


def test_partial_words_find_every_organisation_that_has_them(index):
    for query in ("pengangkutan", "penga"):
        assert {"mot", "jpj"} <= {key for key, _ in index.search(query)}


def test_unrelated_text_matches_nothing(index):
    assert index.best_match("kedai makan ali") is None
    assert index.search("") == []
    assert index.search("   ...   ") == []


def test_folding_and_tokens():
    assert fold("Kementérian  KESIHATAN, Malaysia!") == "kementerian kesihatan malaysia"
    assert fold("Kebudayaan & Pelancongan") == "kebudayaan and pelancongan"
    assert expand_abbreviations("Kem. Kesihatan M'sia") == "kementerian kesihatan malaysia"
    assert tokens("Ministry of Health") == ["ministry", "health"]
    assert tokens("Jab. Kebajikan dan Masyarakat") == ["jabatan", "kebajikan", "masyarakat"]


def test_derived_acronyms():
    assert {"jpj", "jpjm"} <= derive_acronyms("Jabatan Pengangkutan Jalan Malaysia")
    assert "moh" in derive_acronyms("Ministry of Health")
    assert "lhdn" in derive_acronyms("Lembaga Hasil Dalam Negeri Malaysia")
    assert derive_acronyms("Bernama") == set()


@pytest.mark.parametrize(("handle", "folded"), [
    ("JPJ_Rasmi", "jpjrasmi"), ("jpj.r4smi", "jpjrasmi"), ("@jpj-rasmi", "jpjrasmi"),
    ("јрј.rasmi", "jpjrasmi"),  # Cyrillic ј and р
    ("kkm0fficial", "kkmofficial"), ("KKM.1nfo", "kkminfo"),
])
def test_fold_handle_reads_like_the_eye(handle, folded):
    assert fold_handle(handle) == folded


def test_handle_words():
    assert handle_words("kkm.bantuan.rasmi") == ["kkm", "bantuan", "rasmi"]
    assert handle_words("JPJMalaysia2024") == ["jpj", "malaysia", "2024"]
    assert handle_words("@jabatan_kebajikan") == ["jabatan", "kebajikan"]


@given(st.text(max_size=120))
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.text(max_size=120))
def test_search_never_raises(text):
    index = NameIndex(AGENCIES)
    for key, score in index.search(text):
        assert 0.0 <= score <= 1.0 and key


def test_every_record_finds_itself_first_by_either_name(index):
    for record in _ministries() + AGENCIES:
        for name in (record.name_ms, record.name_en):
            assert index.search(name)[0] == (record.key, 1.0), name
