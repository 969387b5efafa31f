"""core.rules: the packs load, every category fires on what it is for and stays quiet on
the innocent senses, findings carry exact spans, and the engine's own mechanics hold."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasmi.core.rules import PackError, RuleSet, check_post, own_term_rule, shipped_rules
from rasmi.core.rules.detectors import imitated_domain, x_length
from rasmi.core.rules.packs import parse_pack
from rasmi.core.text import identifiers, language

RULES = RuleSet.shipped()
OFFICIAL = frozenset({"facebook:bombamalaysia"})


def check(text, **post):
    return check_post({"id": "t", "text": text, **post}, RULES, official_keys=OFFICIAL,
                      official_domains=frozenset({"bernama.com"}))


def rules_of(result):
    return {f["rule"] for f in result["findings"]}


def test_every_shipped_rule_is_complete_and_unique():
    rules = shipped_rules()
    assert len({r.id for r in rules}) == len(rules) >= 20
    assert {r.layer for r in rules} == {"law", "platform", "sop"}
    for rule in rules:
        assert rule.basis and rule.message_ms and rule.message_en
        assert rule.message_ms != rule.message_en


@pytest.mark.parametrize("text, rule", [
    ("Pemenang: Ali (900101-14-5678)", "pdp.mykad"),
    ("No KP 900101145678 sila tuntut", "pdp.mykad"),
    ("Penerima: pasport A12345678", "pdp.passport"),
    ("Derma terus ke Ahmad bin Ali, akaun Maybank 123456789012", "pdp.bank_account"),
    ("Hubungi Encik Faiz di 012-345 6789", "pdp.phone"),
    ("E-mel ke ali.pegawai@gmail.com", "pdp.email"),
    ("Cina babi balik tongsan", "3r.race"),
    ("Sultan bodoh tak tahu urus negeri", "3r.royalty"),
    ("Agama karut semua tu", "3r.religion"),
    ("Pukimak betul", "words.profanity"),
    ("Pengadu ni bangang", "words.harassment"),
    ("Aku bunuh kau", "words.violence"),
    ("Tonton video lucah percuma", "words.sexual"),
    ("SULIT\nMinit mesyuarat", "secret.marking"),
    ("Untuk kegunaan dalaman sahaja", "secret.internal"),
    ("Semak di https://jpj.gov.my.semak-saman.com", "link.lookalike"),
    ("Tuntut di http://10.1.2.3/x", "link.raw_ip"),
    ("Semak di bit.ly/abc", "link.shortener"),
    ("Maklumat di http://www.jpj.gov.my", "link.not_https"),
    ("Baca di https://www.thestar.com.my/news", "link.outside"),
    ("Counters are open as usual today. Thank you.", "lang.malay_version"),
    # Learnt from dev C and D (2026-12-04): short forms, romanised Tamil, Tamil script,
    # mockery in an emoji, sarcasm, adult bait, numbered minutes, a spaced country code.
    ("Cb punya scammer, jangan layan panggilan itu.", "words.profanity"),
    ("Malay-kaaranga ellarum sombeari, betul tak geng?", "3r.race"),
    ("Admin sokong: முஸ்லிம்கள் எல்லாரும் பயங்கரவாதிகள்.", "3r.religion"),
    ("Sultan beli kereta mewah lagi. Terima kasih Tuanku 🙏🤡", "3r.royalty"),
    ("Congrats to the genius yang isi borang guna pen merah.", "words.harassment"),
    ("Video panas pegawai viral 🔞 DM untuk link.", "words.sexual"),
    ("Minit Mesyuarat Jawatankuasa Pengurusan Bil. 3/2026 (DRAF)", "secret.internal"),
    ("WhatsApp urusetia di +60 17-552 9012 untuk pendaftaran.", "pdp.phone"),
    # Learnt from dev E (2026-12-04): peoples of Sabah and Sarawak called primitive, a
    # community called ungrateful newcomers, a faith called a cult, the rulers' daulat
    # mocked, masked and romanised curses and threats, faces likened to animals, Chinese
    # threats, a bomb said to be planted, innuendo in double quotes, internal material
    # without a marking, an English marking, a draft, a password, a 4+3 mobile.
    ("Budak Kadazan tu memang primitif, tak bertamadun.", "3r.race"),
    ("Raya ni ingat la kaum pendatang yang tak tahu bersyukur tu.", "3r.race"),
    ("Hinduism is a cult, nothing more.", "3r.religion"),
    ("Daulat konon, semua duit rakyat.", "3r.royalty"),
    ("Bangs*t punya sistem, asyik tergantung.", "words.profanity"),
    ("Diu lei lo mo, queue so long.", "words.profanity"),
    ("Kerani tu muka macam monyet, lambat pula.", "words.harassment"),
    ("Antha officer oru loosu da.", "words.harassment"),
    ("那个司机开车像猪一样。", "words.harassment"),
    ("Lu tunggu, wa phah si lu.", "words.violence"),
    ("你再来，我就砸了你的店。", "words.violence"),
    ("Ada bom dalam pejabat daerah tengah hari ni.", "words.violence"),
    ("Cikgu baru tu boleh \"layan\" lebih kalau nak, hehe.", "words.sexual"),
    ("Sekadar kongsi pekeliling dalaman jabatan, jangan sebar ke luar.", "secret.internal"),
    ("CONFIDENTIAL - INTERNAL USE. Staff list attached.", "secret.marking"),
    ("TERHAD. Senarai penerima anugerah sebelum diumumkan.", "secret.marking"),
    ("Draf pekeliling yang belum diluluskan KSU dilampirkan.", "secret.internal"),
    ("Kata laluan portal pentadbir ialah Admin#2026 untuk semua.", "secret.internal"),
    ("Sila hubungi Cik Aina di 013-4412 908 selepas jam 5.", "pdp.phone"),
])
def test_each_rule_fires_on_what_it_is_for(text, rule):
    assert rule in rules_of(check(text))


@pytest.mark.parametrize("text", [
    "Demam babi Afrika dikesan di sebuah ladang babi. Laporkan kematian ternakan.",
    "Kami akan bunuh kuman dengan semburan disinfeksi.",
    "Jangan kongsi nombor MyKad anda. Format: XXXXXX-XX-XXXX.",
    "Nombor invois 202413991234 telah dijelaskan.",
    "Talian kecemasan 999, Scam 997, Talian Kasih 15999, 1-800-88-1234.",
    "Tempat terhad! Daftar di https://www.jpj.gov.my",
    "Rahsia kejayaan pesawah: benih yang baik.",
    "Awas! Scammer berkata 'bodoh, bayar sekarang'. Jangan layan.",
    "Polis menahan lelaki yang mengugut 'aku bunuh kau'. Siasatan dijalankan.",
    "Berkongsi video lucah adalah satu kesalahan. Laporkan kepada MCMC.",
    "JAKIM mengingatkan orang ramai tentang ajaran sesat di media sosial.",
    "Sumbangan ke Tabung Bencana Kerajaan Negeri, akaun Maybank 5621 0000 1234.",
    "Ikuti kami di https://www.facebook.com/bombamalaysia",
    "Berita penuh di https://www.bernama.com/bm/news.php",
    "Selamat Hari Raya! Happy holidays to all Malaysians.",
    "Selamat Tahun Baru Cina. 新年快乐！",
    "Cuti umum sempena Hari Keputeraan Yang di-Pertuan Agong. Daulat Tuanku!",
    "Pergerakan babi hidup dan produk babi keluar dari daerah itu disekat serta-merta.",
    "Jalan Tanjung Keling ditutup sementara untuk kerja menurap semula.",
    "Amalkan hubungan seks yang selamat dan dapatkan saringan di klinik kesihatan.",
    "Pendapatannya cukup-cukup makan sebelum menyertai program ini.",
    "Resipi sotong goreng tepung: bersihkan sotong dan goreng hingga garing.",
    "Minggu antibuli: kata-kata seperti “丑八怪” menyakitkan hati. Hormati rakan.",
    # dev E's innocent senses: a court fine for lewd words, a viral message quoted to be
    # debunked, a wartime bomb found, a staff parking notice, a password rule with no password.
    "Mahkamah mendenda seorang lelaki RM2,000 kerana menghantar kata-kata lucah kepada jirannya.",
    'Mesej tular yang berbunyi "pegawai kerajaan bodoh semua" adalah palsu.',
    "Polis memaklumkan ada bom peninggalan perang ditemui di tapak binaan Jalan Sultan.",
    "Kata laluan anda mesti sekurang-kurangnya 8 aksara dan mengandungi nombor.",
    "Kaunter dibuka: Blok A B C D, tingkat 1 hingga 4.",
])
def test_innocent_senses_pass(text):
    result = check(text)
    assert result["verdict"] == "pass", result["findings"]


def test_spans_and_excerpts_point_into_the_text():
    text = "Tahniah kepada penerima biasiswa! Senarai penuh: Ahmad bin Ali (900101-14-5678), Siti"
    finding = check(text)["findings"][0]
    assert (finding["start"], finding["end"]) == (64, 78)
    assert text[finding["start"]:finding["end"]] == finding["excerpt"] == "900101-14-5678"


def test_overlapping_matches_of_a_rule_are_one_finding():
    findings = check("Untuk kegunaan dalaman sahaja")["findings"]
    assert [(f["rule"], f["excerpt"]) for f in findings] == [
        ("secret.internal", "Untuk kegunaan dalaman sahaja")]


def test_verdicts_and_findings_about_media_and_platforms():
    result = check("Poster program.", media=[{"type": "image", "alt_text": ""}])
    assert result["verdict"] == "warn"
    assert result["findings"][0]["start"] is None and result["findings"][0]["excerpt"] is None
    long_post = "Kaunter dibuka seperti biasa hari ini. " * 10
    assert check(long_post, platforms=["x"])["verdict"] == "block"
    assert check(long_post, platforms=["facebook"])["verdict"] == "pass"
    tags = "Kaunter dibuka. " + " ".join(f"#tag{i}" for i in range(31))
    assert "platform.hashtags" in rules_of(check(tags, platforms=["instagram"]))
    assert check("Video.", media=[{"type": "video", "captions": True}])["verdict"] == "pass"
    # A description is for people who cannot see; people who cannot hear need captions.
    described = [{"type": "video", "alt_text": "Bomba memadam kebakaran"}]
    assert "a11y.alt_text" in rules_of(check("Video.", media=described))


def test_leetspeak_is_read_as_letters():
    assert "words.harassment" in rules_of(check("Pengadu ni b0d0h betul"))


def test_spelt_out_words_are_read_as_words_and_point_at_the_letters():
    text = "Semua I.n.d.i.a  b.o.d.o.h, kata dia."
    findings = {f["rule"]: f["excerpt"] for f in check(text)["findings"]}
    assert findings["3r.race"] == "I.n.d.i.a  b.o.d.o.h"
    assert findings["words.harassment"] == "b.o.d.o.h"
    assert "words.profanity" in rules_of(check("P u k i m a k betul"))
    # Single letters that spell no listed word stay innocent.
    assert check("Sila ke Blok A B C D di tingkat 2.")["verdict"] == "pass"


def test_malay_policy_can_be_switched_off():
    english = "Counters are open as usual today. Thank you."
    assert check_post({"id": 1, "text": english}, RULES, require_malay=False)["verdict"] == \
        "pass"


def test_an_organisations_own_terms_and_switches():
    own = own_term_rule("own.kkm.1", ["vaksin palsu"], category="harassment",
                        severity="warn", message_ms="Elak istilah ini.",
                        message_en="Avoid this term.")
    rules = RuleSet.shipped(disabled=["lang.malay_version"], own_terms=[own])
    result = check_post({"id": 1, "text": "Vaksin palsu dijual online. Beware."}, rules)
    assert rules_of(result) == {"own.kkm.1"} and result["verdict"] == "warn"
    only_sop = RuleSet.shipped(packs=["sop"])
    assert check_post({"id": 1, "text": "Pukimak"}, only_sop)["verdict"] == "pass"


def test_bad_packs_are_refused_with_their_place():
    base = {"id": "x.1", "category": "profanity", "severity": "block", "basis": "b",
            "message_ms": "m", "message_en": "e", "terms": ["x"]}
    with pytest.raises(PackError, match="unknown category"):
        parse_pack({"pack": "p", "rules": [{**base, "category": "nope"}]}, "p.yaml")
    with pytest.raises(PackError, match="missing basis"):
        parse_pack({"pack": "p", "rules": [{**base, "basis": ""}]}, "p.yaml")
    with pytest.raises(PackError, match="bad pattern"):
        parse_pack({"pack": "p", "rules": [{**base, "patterns": ["("]}]}, "p.yaml")
    with pytest.raises(PackError, match="needs terms"):
        parse_pack({"pack": "p", "rules": [{**base, "terms": []}]}, "p.yaml")


@pytest.mark.parametrize("number, valid", [
    ("900101-14-5678", True), ("900101145678", True), ("000229-10-1234", True),
    ("010229-10-1234", False),  # 2001 and 1901 were not leap years
    ("901301-14-5678", False), ("900132-14-5678", False), ("900101-17-5678", False),
    ("900101-00-5678", False), ("XXXXXX-XX-XXXX", False),
])
def test_mykad_needs_a_real_birth_date_and_place_code(number, valid):
    assert bool(list(identifiers.mykad_numbers(f"No {number}."))) is valid


@given(st.text(max_size=300))
def test_checking_never_fails_and_spans_stay_inside(text):
    result = check(text, platforms=["x", "instagram"])
    assert result["verdict"] in ("pass", "warn", "block")
    for finding in result["findings"]:
        if finding["start"] is not None:
            assert 0 <= finding["start"] < finding["end"] <= len(text)
            assert text[finding["start"]:finding["end"]].startswith(finding["excerpt"][:1])


@given(st.text(max_size=200))
def test_redaction_leaves_no_identifier(text):
    assert identifiers.find_all(identifiers.redact(text)) == []


def test_x_counts_links_as_23_and_wide_characters_twice():
    assert x_length("a" * 10) == 10
    assert x_length("semak https://www.jpj.gov.my/very/long/path/indeed/yes") == 6 + 23
    assert x_length("新年快乐") == 8


@pytest.mark.parametrize("host, imitates", [
    ("jpj.gov.my.semak-saman.com", "gov.my"), ("semak-gov-my.com", "gov.my"),
    ("faceb00k-security.com", "facebook.com"), ("www.jpj.gov.my", None),
    ("www.facebook.com", None), ("www.thestar.com.my", None),
])
def test_lookalike_hosts(host, imitates):
    assert imitated_domain(host) == imitates


@pytest.mark.parametrize("text, languages", [
    ("Kaunter dibuka seperti biasa pada hari ini.", {"ms"}),
    ("Counters are open as usual today.", {"en"}),
    ("Kaunter dibuka hari ini. Counters are open today.", {"ms", "en"}),
    ("新年快乐", {"zh"}), ("இனிய தீபாவளி", {"ta"}), ("#CutiUmum 2026", set()),
    # Romanised Cantonese and Tamil carry a language too (no Malay version); a short BM
    # line beside Tamil script still carries Malay.
    ("Nei zoi gong yat gui, ngo mou siu.", {"zh"}),
    ("Iniya Pongal nalvazhthukkal, ellorukkum santhosham.", {"ta"}),
    ("Vaksin percuma untuk warga emas. இலவச தடுப்பூசி.", {"ms", "ta"}),
])
def test_languages_present(text, languages):
    assert language.languages_present(text) == languages


def test_the_abuse_model_leaves_a_word_or_two_to_the_word_lists():
    for text in ("Hai", "Lagi", "Hai semua"):
        assert check(text)["verdict"] == "pass", text
    assert check("bodoh")["verdict"] == "block"  # the word list still speaks
