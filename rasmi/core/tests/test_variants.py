import re

from hypothesis import given
from hypothesis import strategies as st

from rasmi.core.variants import RULES, fits, handle_variants, platform_variants


def test_the_obvious_impersonator_handles_come_first():
    handles = [v.handle for v in handle_variants(["JPJ"], ["Jabatan Pengangkutan Jalan Malaysia"])]
    for expected in ("jpj", "jpjofficial", "jpj.rasmi", "jpj_my", "jpjmalaysia", "jpj0fficial",
                     "pengangkutanjalan", "jabatanpengangkutanjalan"):
        assert expected in handles, expected
    assert handles.index("jpjofficial") < handles.index("jpj0fficial")
    assert len(handles) == len(set(handles))


def test_x_variants_fit_x():
    for variant in platform_variants(["JPJ"], ["Jabatan Pengangkutan Jalan Malaysia"], "x"):
        assert re.fullmatch(r"[a-z0-9_]{4,15}", variant.handle), variant


def test_variants_are_deterministic_and_bounded():
    first = handle_variants(["KKM", "MOH"], ["Kementerian Kesihatan"], limit=50)
    assert first == handle_variants(["KKM", "MOH"], ["Kementerian Kesihatan"], limit=50)
    assert len(first) == 50


@given(acronym=st.from_regex(r"[A-Z]{2,6}", fullmatch=True),
       platform=st.sampled_from(sorted(RULES)))
def test_every_platform_variant_is_a_legal_handle_there(acronym, platform):
    for variant in platform_variants([acronym], [], platform, limit=60):
        assert fits(variant.handle, platform), (platform, variant)
