"""Candidate sources on files shaped like the tools' own reports."""

from pathlib import Path

import pytest

from rasmi.discovery.sources import detect_source, get_source

HERE = Path(__file__).parent / "fixtures" / "sources"


def _read(name, source=None):
    path = HERE / name
    items = list(get_source(source or detect_source(path)).read(path))
    return [i.candidate for i in items if i.candidate], [i.error for i in items if i.error]


@pytest.mark.parametrize(("name", "source"), [
    ("contoh.jpj.rasmi.txt", "sherlock"), ("contoh_jpj_rasmi.csv", "sherlock"),
    ("report_contoh.kkm.rasmi_simple.json", "maigret"),
    ("report_contoh.kkm.rasmi_ndjson.json", "maigret"),
    ("report_contoh.kkm.rasmi.csv", "maigret"), ("candidates.csv", "file"),
])
def test_formats_are_recognised(name, source):
    assert detect_source(HERE / name) == source


def test_sherlock_text_report_keeps_platforms_we_know():
    found, errors = _read("contoh.jpj.rasmi.txt")
    assert [c["platform"] for c in found] == ["facebook", "instagram", "tiktok", "youtube"]
    assert found[0]["url"] == "https://www.facebook.com/contoh.jpj.rasmi" and not errors


def test_sherlock_csv_keeps_only_claimed_profiles():
    found, errors = _read("contoh_jpj_rasmi.csv")
    assert [c["platform"] for c in found] == ["instagram", "x"] and not errors


def test_maigret_simple_report_carries_profile_details():
    found, _ = _read("report_contoh.kkm.rasmi_simple.json")
    assert len(found) == 1
    facebook = found[0]
    assert facebook["display_name"] == "KKM Bantuan Rasmi"
    assert facebook["followers"] == 1204 and facebook["created_at"] == "2026-10-01"


def test_maigret_ndjson_reports_bad_lines_by_number():
    found, errors = _read("report_contoh.kkm.rasmi_ndjson.json")
    assert [c["platform"] for c in found] == ["tiktok", "telegram"]
    assert errors == ["line 2: not valid JSON"]


def test_maigret_csv():
    found, _ = _read("report_contoh.kkm.rasmi.csv")
    assert [c["platform"] for c in found] == ["facebook", "x"]


def test_candidate_csv_checks_each_row():
    found, errors = _read("candidates.csv")
    assert [c["id"] for c in found] == ["c1"]
    assert found[0]["links"] == ["https://bit.ly/x", "https://contoh.example"]
    assert [e.split(":")[0] for e in errors] == ["line 3", "line 4", "line 5"]
