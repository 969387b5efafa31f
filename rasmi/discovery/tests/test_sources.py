"""Candidate sources on files shaped like the tools' own reports (no database needed)."""

from pathlib import Path

import pytest

from rasmi.discovery.sources import SOURCES, SourceItem, detect_source, get_source
from rasmi.discovery.sources.base import register_source

HERE = Path(__file__).parent / "fixtures" / "sources"


def _read(path: Path, source: str | None = None):
    items = list(get_source(source or detect_source(path)).read(path))
    assert all(isinstance(i, SourceItem) and (i.candidate is None) != (i.error is None)
               for i in items)
    return [i.candidate for i in items if i.candidate], [i.error for i in items if i.error]


@pytest.mark.parametrize(("name", "source"), [
    ("contoh.jpj.rasmi.txt", "sherlock"), ("contoh_jpj_rasmi.csv", "sherlock"),
    ("report_contoh.kkm.rasmi_simple.json", "maigret"),
    ("report_contoh.kkm.rasmi_ndjson.json", "maigret"),
    ("report_contoh.kkm.rasmi.csv", "maigret"),
    ("candidates.jsonl", "file"), ("candidates.csv", "file"),
])
def test_formats_are_recognised(name, source):
    assert detect_source(HERE / name) == source


def test_sherlock_text_report_keeps_platforms_we_know():
    found, errors = _read(HERE / "contoh.jpj.rasmi.txt")
    assert not errors
    assert [c["platform"] for c in found] == ["instagram", "tiktok", "youtube", "threads"]
    assert found[0] == {"id": "sherlock:contoh.jpj.rasmi:instagram", "platform": "instagram",
                        "url": "https://www.instagram.com/contoh.jpj.rasmi/",
                        "source": "sherlock"}
    assert "display_name" not in found[0]


def test_sherlock_csv_keeps_only_claimed_profiles_on_our_platforms():
    items = list(get_source("sherlock").read(HERE / "contoh_jpj_rasmi.csv"))
    assert [(i.line, i.candidate["platform"]) for i in items] == [
        (3, "instagram"), (6, "telegram"), (10, "threads")]
    assert items[1].candidate["id"] == "sherlock:contoh_jpj_rasmi:telegram"


def test_maigret_simple_report_carries_profile_details():
    found, errors = _read(HERE / "report_contoh.kkm.rasmi_simple.json")
    assert not errors
    assert [c["platform"] for c in found] == ["facebook", "tiktok", "youtube"]  # not Reddit
    facebook, tiktok, youtube = found
    assert facebook == {
        "id": "maigret:contoh.kkm.rasmi:facebook", "platform": "facebook",
        "url": "https://www.facebook.com/contoh.kkm.rasmi", "source": "maigret",
        "display_name": "KKM Bantuan Rasmi", "bio": "Bantuan tunai RM300. PM no IC untuk semakan",
        "followers": 1204, "created_at": "2026-10-01T03:14:07",
        "links": ["https://bit.ly/kkm-bantuan"],
        "profile_image_url": "https://scontent.example/v/kkm.jpg", "verified": False}
    assert tiktok["followers"] == 12500 and tiktok["verified"] is True
    assert youtube["url"] == "https://www.youtube.com/@contoh.kkm.rasmi"  # without /about


def test_maigret_ndjson_reports_bad_lines_by_number():
    items = list(get_source("maigret").read(HERE / "report_contoh.kkm.rasmi_ndjson.json"))
    assert [(i.line, i.candidate["platform"] if i.candidate else i.error) for i in items] == [
        (1, "tiktok"), (3, "line 3: not valid JSON"), (4, "telegram")]
    assert items[0].candidate["display_name"] == "KKM Rasmi"


def test_maigret_csv_keeps_claimed_rows():
    found, errors = _read(HERE / "report_contoh.kkm.rasmi.csv")
    assert [c["platform"] for c in found] == ["facebook", "tiktok"] and not errors


def test_maigret_text_report_is_read_like_sherlocks(tmp_path):
    path = tmp_path / "report_contoh.kkm.rasmi.txt"
    path.write_text("https://www.facebook.com/contoh.kkm.rasmi\n"
                    "https://www.reddit.com/user/contoh.kkm.rasmi\n"
                    "Total Websites Username Detected On : 2")  # maigret: no final newline
    assert detect_source(path) == "maigret"
    found, errors = _read(path)
    assert [c["id"] for c in found] == ["maigret:contoh.kkm.rasmi:facebook"] and not errors


def test_a_platform_url_that_names_no_account_is_an_error(tmp_path):
    path = tmp_path / "contoh.txt"
    path.write_text("https://www.facebook.com/sharer/sharer.php?u=x\nnot a url\n"
                    "https://x.com/contoh\nTotal Websites Username Detected On : 2\n")
    items = list(get_source("sherlock").read(path))
    assert [(i.line, bool(i.error)) for i in items] == [(1, True), (2, True), (3, False)]
    assert items[1].error == "line 2: not a profile URL"


def test_candidate_jsonl_checks_each_line():
    items = list(get_source("file").read(HERE / "candidates.jsonl"))
    good = [i.candidate for i in items if i.candidate]
    assert [c["id"] for c in good] == ["c1", "c2", "13"]
    assert "scraped_by" not in good[0]  # unknown keys are dropped
    assert good[0]["links"] == ["https://bit.ly/contoh-saman"] and good[0]["followers"] == 120
    assert [i.error for i in items if i.error] == [
        "line 3: not a JSON object",
        "line 4: missing required field 'url'",
        "line 6: followers must be a whole number >= 0",
        "line 7: verified must be true or false",
        "line 8: created_at must be an ISO date (YYYY-MM-DD) or date-time",
        "line 9: links must be a list of text",
        "line 10: unknown platform 'myspace'",
        "line 11: missing required field 'id'",
        "line 12: not valid JSON",
    ]


def test_candidate_csv_checks_each_row():
    items = list(get_source("file").read(HERE / "candidates.csv"))
    good = {i.candidate["id"]: i.candidate for i in items if i.candidate}
    assert list(good) == ["c1", "c5"]
    assert good["c1"]["links"] == ["https://bit.ly/x", "https://contoh.example"]
    assert good["c1"]["recent_posts"] == ["Bayar sekarang", "Tawaran tamat esok"]
    assert good["c1"]["verified"] is False and good["c1"]["followers"] == 120
    assert "notes" not in good["c1"]
    assert good["c5"]["links"] == ["https://t.me/a", "https://t.me/b"]
    assert good["c5"]["followers"] == 1500 and good["c5"]["verified"] is True
    assert [i.error.split(":")[0] for i in items if i.error] == [
        "line 3", "line 4", "line 5", "line 7", "line 8"]


def test_a_csv_without_id_and_url_columns_says_so(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("name,link\nJPJ,https://x.com/jpj\n")
    assert detect_source(path) == "file"
    assert _read(path) == ([], ["line 1: the header needs columns 'id' and 'url'"])


def test_sources_are_plug_ins():
    assert {"file", "sherlock", "maigret"} <= set(SOURCES)
    with pytest.raises(ValueError, match="unknown source"):
        get_source("nope")

    @register_source
    class Fake:
        name = "fake-test-source"

        def read(self, path):
            yield SourceItem(1, {"id": "f1", "url": "https://x.com/contoh"})

    try:
        assert [i.candidate["id"] for i in get_source("fake-test-source").read(Path())] == ["f1"]
    finally:
        SOURCES.pop("fake-test-source")
