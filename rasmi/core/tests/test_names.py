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


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """core is pure Python: these tests need none of the project's Django set-up, so they
    also run with `-p no:django`."""


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex(_ministries() + AGENCIES)


@pytest.mark.parametrize("query", [
    "KKM", "kkm", "MOH", "Kementerian Kesihatan", "kementerian kesihatan malaysia",
    "Kem. Kesihatan", "ministry of health", "Health Ministry", "Ministry of Heath",
    "Kementrian Kesihatan", "MINISTRY  OF HEALTH!!", "Kementérian Kesihatan",
    "KementerianKesihatan", "#ministryofhealth", "kkm malaysia", "Kem Kesihatan M'sia",
])
def test_the_ministry_of_health_however_it_is_written(index, query):
    assert index.search(query)[0][0] == "kkm"
    assert index.best_match(query) is not None


@pytest.mark.parametrize("query", [
    "JPJ", "Jabatan Pengangkutan Jalan", "Jab. Pengangkutan Jalan Malaysia",
    "Road Transport Department", "RTD", "road transport dept", "JPJM", "jpj malaysia",
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


def test_an_acronym_with_more_words_still_names_the_organisation(index):
    assert index.search("KKM Putrajaya")[0][0] == "kkm"
    assert index.best_match("LHDN Malaysia") == ("lhdn", 1.0)
    assert index.best_match("Inland Revenue") is not None


def test_initials_nobody_published_are_weak_when_shared(index):
    # "KK" are the initials of several "Kementerian K..." names: no single one is meant.
    assert index.best_match("KK") is None
    assert index.best_match("MOH") == ("kkm", 1.0)  # published
    assert index.best_match("IRBM") == ("lhdn", 0.9)  # derived, and only theirs


@pytest.mark.parametrize("query", ["kedai makan ali", "kedaimakanali", "KK", "Jabatan Ali"])
def test_unrelated_text_matches_nothing(index, query):
    assert index.best_match(query) is None


def test_empty_queries_find_nothing(index):
    assert index.search("") == []
    assert index.search("   ...   ") == []


@pytest.mark.parametrize(("text", "folded"), [
    ("Kementérian  KESIHATAN, Malaysia!", "kementerian kesihatan malaysia"),
    ("Kebudayaan & Pelancongan", "kebudayaan and pelancongan"),
    ("Prime Minister's Department", "prime minister department"),
    ("M\u2019sia", "msia"),
    ("ΜΙΝΙSTRY", "ministry"),  # Greek capitals
    ("", ""),
])
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(("text", "expanded"), [
    ("Kem. Kesihatan M'sia", "kementerian kesihatan malaysia"),
    ("Jab. Pengangkutan Jalan Msia", "jabatan pengangkutan jalan malaysia"),
    ("Lem. Hasil", "lembaga hasil"),
    ("Perb. / Suruh. / Maj. / Pej. / Bhg.", "perbadanan suruhanjaya majlis pejabat bahagian"),
    ("IPD Dang Wangi", "ibu pejabat polis daerah dang wangi"),
    ("Min. of Health", "ministry of health"),
    ("Natl Dev Auth", "national development authority"),
    ("Govt Dept & Comm.", "government department and commission"),
])
def test_expand_abbreviations(text, expanded):
    assert expand_abbreviations(text) == expanded


def test_tokens_drop_stop_words_in_both_languages():
    assert tokens("Ministry of Health") == ["ministry", "health"]
    assert tokens("Jab. Kebajikan dan Masyarakat") == ["jabatan", "kebajikan", "masyarakat"]
    assert tokens("Majlis bagi & untuk the Belia") == ["majlis", "belia"]


@pytest.mark.parametrize(("name", "acronyms"), [
    ("Jabatan Pengangkutan Jalan Malaysia", {"jpjm", "jpj"}),
    ("Ministry of Health", {"moh", "mh"}),
    ("Lembaga Hasil Dalam Negeri Malaysia", {"lhdnm", "lhdn"}),
    ("Inland Revenue Board of Malaysia", {"irbom", "irbm", "irb"}),
    ("Kem. Kesihatan", {"kk"}),
    ("Bernama", set()),
])
def test_derived_acronyms(name, acronyms):
    assert derive_acronyms(name) == acronyms


@pytest.mark.parametrize(("handle", "folded"), [
    ("JPJ_Rasmi", "jpjrasmi"), ("jpj.r4smi", "jpjrasmi"), ("@jpj-rasmi", "jpjrasmi"),
    ("јрј.rasmi", "jpjrasmi"),  # Cyrillic ј and р
    ("kkm0fficial", "kkmofficial"), ("KKM.1nfo", "kkminfo"),
    ("ЈРЈ_Rasmi", "jpjrasmi"),  # Cyrillic capitals
    ("ｊｐｊ", "jpj"), ("𝐣𝐩𝐣.rasmi", "jpjrasmi"),  # full-width and mathematical letters
    ("kkm $ejahtera", "kkmsejahtera"), ("jpj2024", "jpj2024"),  # a year stays a number
])
def test_fold_handle_reads_like_the_eye(handle, folded):
    assert fold_handle(handle) == folded


def test_handle_words():
    assert handle_words("kkm.bantuan.rasmi") == ["kkm", "bantuan", "rasmi"]
    assert handle_words("JPJMalaysia2024") == ["jpj", "malaysia", "2024"]
    assert handle_words("@jabatan_kebajikan") == ["jabatan", "kebajikan"]
    assert handle_words("ЈРЈMalaysia") == ["jpj", "malaysia"]  # Cyrillic, camelCase kept
    assert handle_words("KKM-Rasmi 2") == ["kkm", "rasmi", "2"]
    assert handle_words("jpj.r4smi") == ["jpj", "r", "4", "smi"]  # no leetspeak here
    assert handle_words("") == []


@given(st.text(max_size=120))
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.text(max_size=60))
def test_fold_handle_is_idempotent(text):
    assert fold_handle(fold_handle(text)) == fold_handle(text)


_SEARCH_ALPHABET = st.sampled_from(
    list("abcdeijkmnoprstu &.'-_#@0123456789\u00e9\u0430\u0420")
    + ["Kem. ", "Jab. ", " dan ", "kesihatan", "Malaysia", "pengangkutan"])


@given(st.one_of(st.text(max_size=120), st.lists(_SEARCH_ALPHABET, max_size=12).map("".join)),
       st.integers(min_value=1, max_value=30))
def test_search_never_raises_and_answers_in_shape(text, limit):
    index = NameIndex(_ministries() + AGENCIES)
    found = index.search(text, limit=limit)
    assert len(found) <= limit
    assert len({key for key, _ in found}) == len(found)
    assert all(0.0 <= score <= 1.0 for _, score in found)
    assert [score for _, score in found] == sorted((score for _, score in found), reverse=True)


_WORDS = ["kesihatan", "pendidikan", "belia", "sukan", "air", "tenaga", "hasil", "jalan",
          "health", "education", "youth", "sports", "water", "energy", "revenue", "road",
          "Kem.", "Jabatan", "Ministry of", "Lembaga", "dan", "Malaysia", "Negeri"]


@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=5),
                min_size=1, max_size=12))
def test_own_names_find_their_record_first_when_names_are_unique(names):
    seen: set[frozenset[str]] = set()
    records = []
    for number, words in enumerate(names):
        name = " ".join(words)
        key = frozenset(tokens(name))
        if key and key not in seen:  # unique up to word order, stop words, abbreviations
            seen.add(key)
            records.append(NameRecord(f"org{number}", name, name))
    index = NameIndex(records)
    for record in records:
        assert index.search(record.name_ms)[0] == (record.key, 1.0)


def test_every_record_finds_itself_first_by_either_name(index):
    for record in _ministries() + AGENCIES:
        for name in (record.name_ms, record.name_en):
            assert index.search(name)[0] == (record.key, 1.0), name
