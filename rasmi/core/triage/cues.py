"""Word groups that pool what a few hundred examples cannot teach one word at a time.

"bila nak", "how do i", "macam mana" and "请问" are all a question; "banjir", "flood",
"air naik", "水灾" and "வெள்ளம்" are all the flood topic. The model sees a group feature
(`g:question`) beside the words themselves, so a synonym it never saw in training still
counts. Topic groups also find topics directly (`topics_in`), which is what an officer
expects when the word is right there. Single words match whole normalised words; phrases
(and Chinese or Tamil terms) match inside the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rasmi.core.textmodel.features import SHORT_FORMS, words_of

GROUPS: dict[str, str] = {
    # intents
    "question": """bila macam_mana camne cmne bagaimana berapa brp bape di_mana kat_mana
        mana_nak boleh_ke bolehkah adakah ada_tak ke? nak_tanya nk_tanya tanya nak_tahu
        how what when where which who why whether can_i may_i is_it do_i does any_update
        anyone_know 请问 怎么 什么时候 哪里 可以吗 吗 多少 எப்போது எப்படி எங்கே என்ன ஏன் எவ்வளவு""",
    "complaint": """lambat lmbt lembab teruk kecewa hampa tak_jawab x_jawab tiada_jawapan
        tak_angkat x_angkat dah_lama dh_lama berbulan berminggu masih_belum still_not
        still_no tak_siap x_siap tak_guna x_guna menyusahkan susah_betul rosak down
        error gagal tergendala tak_boleh_login slow useless worst disappointed
        frustrated terrible no_reply nobody_answer waited ridiculous unacceptable
        kurang_ajar biadap sombong makan_gaji_buta buang_masa waste 失望 太慢 没有回复
        投诉 很慢 மோசம் தாமதம் பதில்_இல்லை""",
    "praise": """terima_kasih tq tqvm tahniah syabas terbaik bagus hebat cekap pantas
        mantap power thank thanks appreciate great excellent efficient helpful kudos
        well_done good_job keep_it_up awesome 谢谢 感谢 辛苦 赞 நன்றி வாழ்த்துக்கள் அருமை""",
    "suggestion": """cadang cadangan mencadangkan sepatutnya patut apa_kata lebih_baik
        alangkah kalau_boleh harap_dapat perlu_ada should suggest suggestion recommend
        would_be_better why_not please_consider hope_you_can maybe_can 建议 应该 希望
        பரிந்துரை வேண்டும்""",
    "report": """ada_orang nampak ternampak saya_nampak terjumpa berlaku kejadian tadi
        baru_tadi just_now right_now sekarang skrg tumbang runtuh pecah bocor tersumbat
        lubang accident kemalangan spotted saw witnessed happening fake_page page_palsu
        palsu scam penipuan tipu menyamar impersonat viral berita_palsu fake_news
        hoax 骗 假 诈骗 倒 发生 மோசடி போலி விபத்து""",
    "spam": """pinjaman loan crypto bitcoin forex pelaburan invest investment profit
        untung_cepat pendapatan income modal dm pm_me pm_sy whatsapp wasap ws wa.me
        klik click link_in_bio follow_me jual promo diskaun discount free_gift
        percuma_hadiah agent ejen slot casino judi betting jackpot 贷款 投资 赚钱
        கடன் முதலீடு""",
    "abuse": """bodoh bodo bangang bengap sial celaka babi anjing keparat haram_jadah
        pukimak puki lancau pantat bahlul goblok bebal tolol stupid idiot moron dumb
        fuck fck fk shit bullshit bastard asshole damn stfu diam_la 傻 笨蛋 白痴
        他妈的 நாய் முட்டாள்""",
    "other": """first amin aamiin salam assalamualaikum hai hi hello hye selamat_pagi
        good_morning tag @ 早安 வணக்கம்""",
    # tone
    "negative": """marah geram bengang sedih risau takut bimbang susah teruk malang
        kecewa angry sad worried scared afraid upset annoyed 生气 担心 难过 கோபம் பயம்""",
    "positive": """gembira seronok suka puas_hati lega happy glad love satisfied relieved
        👍 ❤ 😊 🙏 👏 开心 满意 மகிழ்ச்சி""",
    "danger": """tolong help sos kecemasan emergency bahaya danger ambulans ambulance
        bomba 999 cedera injured berdarah bleeding terperangkap trapped lemas drown
        pengsan collapsed jatuh fell hilang missing ugut threat pisau parang knife
        api fire asap smoke terjun jump 救命 紧急 危险 அவசரம் உதவி ஆபத்து""",
    # topics
    "topic:flood": """banjir flood flooded air_naik air_masuk paras_air limpah melimpah
        bah 水灾 淹水 水患 வெள்ளம்""",
    "topic:fees": """yuran fee fees caj charge bayaran_perkhidmatan harga kos 费用 收费 கட்டணம்""",
    "topic:appointment": """temujanji appointment janji_temu slot booking tempahan
        預約 预约 சந்திப்பு""",
    "topic:scam": """scam scammer penipuan penipu tipu macau_scam phishing fraud
        menyamar 诈骗 骗子 骗局 மோசடி""",
    "topic:licence": """lesen license licence driving_licence lesen_memandu ldl cdl
        psv gdl 执照 驾照 உரிமம்""",
    "topic:renewal": """renew renewal pembaharuan perbaharui memperbaharui sambung
        update_roadtax roadtax cukai_jalan 更新 续期 புதுப்பித்தல்""",
    "topic:summons": """saman summons compound kompaun awas ticket 罚单 சம்மன் அபராதம்""",
    "topic:payment": """bayar bayaran pembayaran payment paid pay refund bayaran_balik
        fpx transaction transaksi 付款 付钱 退款 கட்டணம்_செலுத்து பணம்""",
    "topic:passport": """pasport passport imigresen immigration visa 护照 移民局 கடவுச்சீட்டு""",
    "topic:tax": """cukai tax lhdn e-filing efiling borang_be income_tax sst 税 所得税 வரி""",
    "topic:health": """hospital klinik clinic kesihatan health doktor doctor ubat
        medicine sakit wad ward 医院 诊所 医生 மருத்துவமனை மருத்துவர் உடல்நலம்""",
    "topic:vaccination": """vaksin vaccine vaccination suntikan imunisasi booster 疫苗
        தடுப்பூசி""",
    "topic:dengue": """denggi dengue aedes nyamuk fogging semburan 骨痛热症 蚊子 டெங்கு""",
    "topic:aid": """bantuan aid str bkm sumbangan zakat bantuan_tunai 援助 补助 உதவித்தொகை""",
    "topic:education": """sekolah school cikgu guru teacher pelajar student spm upsr
        universiti university ptptn biasiswa scholarship 学校 老师 学生 பள்ளி மாணவர்""",
    "topic:road": """jalan road lubang pothole lebuhraya highway jambatan bridge
        lampu_isyarat traffic_light 路 道路 马路 சாலை""",
    "topic:transport": """bas bus lrt mrt ktm komuter train tren teksi grab
        pengangkutan transport 巴士 地铁 பேருந்து ரயில்""",
    "topic:water": """air_paip paip gangguan_bekalan_air bekalan_air water_supply
        water_disruption tangki 停水 水供 தண்ணீர்""",
    "topic:electricity": """elektrik electricity blackout power_outage bekalan_elektrik
        tnb bil_elektrik 停电 电费 மின்சாரம்""",
    "topic:housing": """rumah_mampu ppr rumah_awam perumahan housing sewa rent
        rumah_transit 房屋 组屋 வீடு""",
    "topic:jobs": """kerja jawatan kosong job jobs vacancy kerjaya career spa8
        temuduga interview 工作 职位 வேலை""",
    "topic:online_system": """sistem system portal online website laman_web app
        aplikasi mysejahtera login log_masuk server down error 系统 网站 登录 இணையதளம்""",
    "topic:counter": """kaunter counter barisan queue beratur nombor_giliran 柜台 排队
        வரிசை""",
    "topic:weather": """cuaca weather hujan rain ribut storm angin_kencang amaran_cuaca
        panas_terik heatwave jerebu haze 天气 下雨 வானிலை மழை""",
    "topic:fake_news": """berita_palsu fake_news palsu hoax tak_benar tidak_benar viral
        khabar_angin rumour rumor 假新闻 谣言 போலி_செய்தி வதந்தி""",
    "topic:police": """polis police pdrm balai_polis police_station ipd laporan_polis
        police_report 警察 警局 காவல் போலீஸ்""",
    "topic:fire": """kebakaran terbakar api fire bomba firefighter 火灾 起火 消防 தீ""",
    "topic:welfare": """jkm kebajikan welfare warga_emas oku elderly disabled
        gelandangan homeless anak_yatim orphan 福利 老人 நலன்""",
    "topic:environment": """sampah rubbish garbage pencemaran pollution sungai_tercemar
        pembakaran_terbuka open_burning alam_sekitar environment 垃圾 污染 சுற்றுச்சூழல்
        குப்பை""",
}


def _parse() -> tuple[dict[str, set[str]], re.Pattern, dict[str, set[str]]]:
    by_word: dict[str, set[str]] = {}
    by_phrase: dict[str, set[str]] = {}
    for group, terms in GROUPS.items():
        for term in terms.split():
            term = term.replace("_", " ").lower()
            if " " in term or not term.isascii() or not term.isalnum():
                by_phrase.setdefault(term, set()).add(group)
            else:
                by_word.setdefault(term, set()).add(group)
    phrases = sorted(by_phrase, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(p) for p in phrases))
    return by_word, pattern, by_phrase


_BY_WORD, _PHRASES, _BY_PHRASE = _parse()


@lru_cache(maxsize=100_000)
def _word_groups(word: str) -> frozenset[str]:
    groups = set(_BY_WORD.get(word, ()))
    full = SHORT_FORMS.get(word)
    if full:
        for part in full.split():
            groups |= _BY_WORD.get(part, set())
    return frozenset(groups)


def groups_in(text: str) -> set[str]:
    """Every group whose word or phrase appears in `text`."""
    found: set[str] = set()
    for word in words_of(text):
        found |= _word_groups(word)
    for match in _PHRASES.finditer(text.lower()):
        found |= _BY_PHRASE[match.group(0)]
    return found


def group_features(text: str) -> list[str]:
    return [f"g:{g}" for g in groups_in(text)]


def topics_in(text: str) -> list[str]:
    return sorted(g[6:] for g in groups_in(text) if g.startswith("topic:"))
