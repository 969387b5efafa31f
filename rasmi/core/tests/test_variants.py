import csv
import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rasmi.core.variants import (
    RULES,
    fits,
    handle_variants,
    platform_variants,
    variants,
    watch_list,
    write_watch_list_csv,
    write_watch_list_txt,
)

JPJ_NAMES = ["Jabatan Pengangkutan Jalan Malaysia", "Road Transport Department Malaysia"]
# Written out again here, independently of RULES, from the platforms' own help pages.
HANDLE_SHAPES = {
    "x": r"[a-z0-9_]{1,15}",
    "instagram": r"[a-z0-9._]{1,30}",
    "threads": r"[a-z0-9._]{1,30}",
    "facebook": r"[a-z0-9.]{5,50}",
    "tiktok": r"[a-z0-9._]{2,24}",
    "telegram": r"[a-z][a-z0-9_]{4,31}",
    "youtube": r"[a-z0-9._-]{3,30}",
    "linkedin": r"[a-z0-9-]{3,100}",
}


def test_the_obvious_impersonator_handles_come_first():
    handles = handle_variants(["JPJ"], JPJ_NAMES)
    for expected in ("jpj", "jpjofficial", "jpj.rasmi", "jpj_my", "jpjmalaysia", "jpj-gov",
                     "jpj2026", "myjpj", "jpj0fficial", "jpj.r4smi", "jpjoffical",
                     "jabatanpengangkutanjalan", "pengangkutanjalan", "roadtransport",
                     "jppj", "jpjofficiall"):
        assert expected in handles, expected
    assert handles[0] == "jpj"
    assert handles.index("jpjofficial") < handles.index("jpj0fficial") < handles.index("jppj")
    assert len(handles) == len(set(handles))


def test_each_variant_says_which_family_it_is():
    kinds = {v.handle: v.kind for v in variants(["JPJ"], JPJ_NAMES)}
    assert kinds["jpj_official"] == "acronym+suffix"
    assert kinds["officialjpj"] == "prefix+acronym"
    assert kinds["jpj0fficial"] == "leet"
    assert kinds["roadtransport"] == "name_form"
    assert kinds["jpjoffical"] == "misspelling"


def test_english_names_keep_their_small_words_too():
    assert "ministryofhealth" in handle_variants(["MOH"], ["Ministry of Health Malaysia"])


def test_lookalike_letters_only_on_request():
    plain = handle_variants(["JPJ"], JPJ_NAMES, limit=2000)
    assert all(h.isascii() for h in plain)
    with_unicode = handle_variants(["JPJ"], JPJ_NAMES, limit=2000, include_unicode=True)
    assert "j\u0440j" in with_unicode  # Cyrillic er for p
    assert "j\u0440j\u043eff\u0456\u0441\u0456\u0430l" in with_unicode


def test_x_variants_never_have_dots_and_fit_fifteen_characters():
    found = platform_variants(["JPJ"], JPJ_NAMES, "x", limit=500)
    assert "jpj_rasmi" in [v.handle for v in found]
    for variant in found:
        assert "." not in variant.handle and "-" not in variant.handle, variant
        assert len(variant.handle) <= 15, variant


def test_facebook_uses_dots_and_telegram_needs_five_characters():
    facebook = [v.handle for v in platform_variants(["JPJ"], JPJ_NAMES, "facebook", limit=500)]
    assert "jpj.rasmi" in facebook and not any("_" in h for h in facebook)
    telegram = [v.handle for v in platform_variants(["JPJ"], JPJ_NAMES, "telegram", limit=500)]
    assert "jpj" not in telegram and "jpj_rasmi" in telegram


def test_variants_are_deterministic_and_bounded():
    first = handle_variants(["KKM", "MOH"], ["Kementerian Kesihatan"], limit=50)
    assert first == handle_variants(["KKM", "MOH"], ["Kementerian Kesihatan"], limit=50)
    assert len(first) == 50
    # Every acronym gets its most likely forms early.
    assert first[:4] == ["kkm", "moh", "kkmofficial", "kkm.official"]
    assert "mohofficial" in first


def test_watch_list_rows_and_exports():
    records = [{"code": "jpj", "acronyms": ["JPJ"], "name_ms": JPJ_NAMES[0],
                "name_en": JPJ_NAMES[1]}]
    rows = list(watch_list(records, ["x", "instagram"], per_platform=10))
    assert len(rows) == 20
    assert rows[0] == {"organisation": "jpj", "platform": "x", "handle": "jpj",
                       "url": "https://x.com/jpj", "kind": "acronym"}
    text = io.StringIO()
    assert write_watch_list_txt(rows, text) == len({r["handle"] for r in rows})
    assert text.getvalue().splitlines()[:2] == ["jpj", "jpjofficial"]
    table = io.StringIO()
    assert write_watch_list_csv(rows, table) == 20
    parsed = list(csv.DictReader(io.StringIO(table.getvalue())))
    assert parsed[1]["handle"] == "jpjofficial" and parsed[1]["kind"] == "acronym+suffix"


def test_watch_list_falls_back_to_the_code():
    class Org:
        code, acronyms, name_ms, name_en = "lhdn", [], "", ""

    rows = list(watch_list([Org()], ["tiktok"], per_platform=3))
    assert [r["handle"] for r in rows] == ["lhdn", "lhdnofficial", "lhdn.official"]


names = st.lists(st.sampled_from(["Jabatan", "Kementerian", "Kesihatan", "of", "Road",
                                  "Transport", "Malaysia", "Majlis", "Agama", "Ĳssel",
                                  "Pertahanan", "Awam", "Department"]), max_size=6)


@settings(max_examples=60, deadline=None)
@given(acronyms=st.lists(st.from_regex(r"[A-Za-z]{2,8}", fullmatch=True), min_size=1,
                         max_size=3),
       name=names.map(" ".join), platform=st.sampled_from(sorted(RULES)))
def test_every_platform_variant_is_a_legal_handle_there(acronyms, name, platform):
    found = platform_variants(acronyms, [name], platform, limit=400)
    assert len(found) == len({v.handle for v in found})
    for variant in found:
        assert re.fullmatch(HANDLE_SHAPES[platform], variant.handle), (platform, variant)
        assert fits(variant.handle, platform)
        assert not re.search(r"^[._-]|[._-]$|[._-]{2}", variant.handle), variant
