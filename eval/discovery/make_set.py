"""Writes the labelled development set for discovery scoring (eval/discovery/*.jsonl).

The set is written by hand as phrase banks below, then combined deterministically across
organisations, platforms and both languages; `hard_cases.jsonl` beside it holds cases typed
one by one to catch what templates cannot (ambiguous acronyms, polite scams, real branch
pages that say "rasmi"). Re-run after editing the banks:

    .venv/bin/python -m eval.discovery.make_set

All handles are invented (`contoh`-style or obviously fake) and every person is fictional.
"""

import json
import random
from pathlib import Path

HERE = Path(__file__).parent
SEED = 20261125

# Organisations the set is about, with the official handles registered in register.csv.
ORGS = {
    "jpj": ("JPJ", "Jabatan Pengangkutan Jalan Malaysia", "Road Transport Department",
            "jpj.gov.my"),
    "kkm": ("KKM", "Kementerian Kesihatan Malaysia", "Ministry of Health", "moh.gov.my"),
    "pdrm": ("PDRM", "Polis Diraja Malaysia", "Royal Malaysia Police", "rmp.gov.my"),
    "lhdn": ("LHDN", "Lembaga Hasil Dalam Negeri", "Inland Revenue Board", "hasil.gov.my"),
    "kwsp": ("KWSP", "Kumpulan Wang Simpanan Pekerja", "Employees Provident Fund", "kwsp.gov.my"),
    "jkm": ("JKM", "Jabatan Kebajikan Masyarakat", "Department of Social Welfare", "jkm.gov.my"),
    "jim": ("JIM", "Jabatan Imigresen Malaysia", "Immigration Department", "imi.gov.my"),
    "spr": ("SPR", "Suruhanjaya Pilihan Raya", "Election Commission", "spr.gov.my"),
    "bomba": ("BOMBA", "Jabatan Bomba dan Penyelamat Malaysia", "Fire and Rescue Department",
              "bomba.gov.my"),
    "perkeso": ("PERKESO", "Pertubuhan Keselamatan Sosial", "Social Security Organisation",
                "perkeso.gov.my"),
    "mot": ("MOT", "Kementerian Pengangkutan", "Ministry of Transport", "mot.gov.my"),
    "kpt": ("KPT", "Kementerian Pendidikan Tinggi", "Ministry of Higher Education", "mohe.gov.my"),
    "kpm": ("KPM", "Kementerian Pendidikan", "Ministry of Education", "moe.gov.my"),
    "mcmc": ("MCMC", "Suruhanjaya Komunikasi dan Multimedia Malaysia",
             "Malaysian Communications and Multimedia Commission", "mcmc.gov.my"),
    "jpn": ("JPN", "Jabatan Pendaftaran Negara", "National Registration Department", "jpn.gov.my"),
    "kastam": ("JKDM", "Jabatan Kastam Diraja Malaysia", "Royal Malaysian Customs Department",
               "customs.gov.my"),
    "sprm": ("SPRM", "Suruhanjaya Pencegahan Rasuah Malaysia",
             "Malaysian Anti-Corruption Commission", "sprm.gov.my"),
    "mara": ("MARA", "Majlis Amanah Rakyat", "Council of Trust for the People", "mara.gov.my"),
}
PLATFORMS = ["facebook", "instagram", "tiktok", "x", "youtube", "threads", "telegram"]
URL = {"facebook": "https://www.facebook.com/{}", "instagram": "https://www.instagram.com/{}/",
       "tiktok": "https://www.tiktok.com/@{}", "x": "https://x.com/{}",
       "youtube": "https://www.youtube.com/@{}", "threads": "https://www.threads.net/@{}",
       "telegram": "https://t.me/{}"}
LIMIT = {"x": 15, "tiktok": 24, "telegram": 32}


def official_handle(code: str, platform: str) -> str:
    return f"{code}malaysia" if platform != "x" else f"{code}_my"[:15]


def _fit(handle: str, platform: str) -> str:
    if platform in ("x", "telegram"):
        handle = handle.replace(".", "_").replace("-", "_")
    if platform in ("facebook",):
        handle = handle.replace("_", ".").replace("-", ".")
    if platform == "telegram" and len(handle) < 5:
        handle += "_my"
    return handle[:LIMIT.get(platform, 30)].strip("._")


IMPERSONATION_HANDLES = ["{a}.rasmi", "{a}_official", "{a}.official.my", "{a}rasmi2026",
                         "{a}.bantuan", "{a}_malaysia_official", "{a}0fficial", "{a}.gov.my",
                         "{a}_helpdesk", "{a}.info.rasmi", "{o}1", "{o}.my", "{a}_hq",
                         "{a}.update.terkini", "{a}malaysiaofficial"]
IMPERSONATION_NAMES = ["{A} Malaysia Rasmi", "{A} Official", "{ms}", "{en} (Official)",
                       "{ms} - Rasmi", "{A} Malaysia", "Official {en}", "{A} Bantuan Rasmi",
                       "{ms} Official Page", "{A} HQ"]
SCAM_BIOS = [
    "Semak & bayar saman dengan diskaun 70%. WhatsApp 011-2345 6789",
    "Bantuan tunai RM500 untuk semua rakyat. Daftar di sini: bit.ly/bantuan-{a}",
    "Tuntut bayaran balik anda sekarang. Hantar no IC dan nombor akaun bank melalui PM.",
    "Pemenang cabutan bertuah akan dihubungi. Sila bayar yuran pemprosesan RM50.",
    "Claim your cash aid now! Fill in the form: tinyurl.com/{a}-aid",
    "Refund available for all taxpayers. Send your IC number and OTP to our agent.",
    "Jawatan kosong {A} 2026. Gaji RM4,500. Hubungi ejen di WhatsApp +60 12-345 6789",
    "Official page. Update your details to avoid account suspension: {a}-semakan.com",
    "Kemaskini data anda sebelum 30 haribulan. Isi borang: s.id/{a}kemaskini",
    "Pinjaman segera tanpa penjamin, lulus dalam 24 jam. Telegram t.me/pinjaman{a}",
    "Laman rasmi {A}. Semakan status bayaran & tebus baucar di cutt.ly/{a}baucar",
    "Get your rebate today. Transfer a small deposit first, PM for details.",
]
QUIET_COPY_BIOS = ["Halaman rasmi {ms}.", "The official page of the {en}.", "",
                   "Akaun rasmi {A}.", "Official account. Follow for updates."]

BRANCH_NAMES = ["{A} Negeri Sembilan", "{A} Cawangan Kuantan", "{A} Daerah Klang",
                "Unit Komunikasi Korporat {A}", "{A} Zon Utara", "Kelab Sukan {A}",
                "Alumni Program Latihan {A}", "{A} Sarawak", "{ms} Negeri Johor",
                "{en} Penang Branch", "Karnival Kerjaya {A} 2023", "{A} Pejabat Daerah Ipoh",
                "Persatuan Kakitangan {A}", "{A} Selangor", "{A} Malaysia (akaun lama)",
                "Program Kesedaran {A} Sabah"]
BRANCH_HANDLES = ["{a}.negerisembilan", "{a}_kuantan", "{a}.klang", "{a}.korporat",
                  "{a}_zonutara", "kelabsukan{a}", "alumni{a}", "{a}.sarawak", "{a}johor",
                  "{a}penang", "karnival{a}2023", "{a}.ipoh", "persatuan{a}", "{a}.selangor",
                  "{a}.lama", "{a}sabah"]
BRANCH_BIOS = [
    "Info kaunter & operasi {A} di negeri ini. Laman rasmi: {w}",
    "Berita dan aktiviti cawangan. Untuk urusan rasmi sila layari {w}",
    "Updates from our state office. Official website: https://www.{w}",
    "Aktiviti kelab dan sukan warga {A}.",
    "Akaun lama kami. Ikuti halaman baharu kami.",
    "Program kesedaran awam anjuran {A} bersama komuniti setempat.",
    "Kaunter dibuka 8 pagi hingga 5 petang. Maklumat lanjut di {w}",
    "",
]

PARODY_NAMES = ["{A} (Parodi)", "{ms} Parody", "Not The {A}", "{A} Fan Page",
                "Kelab Peminat {A}", "{A} Tapi Lawak", "{en} Satire", "Bukan {A} Rasmi"]
PARODY_HANDLES = ["not.the.{a}", "{a}parodi", "{a}_parody", "{a}.fanpage", "peminat{a}",
                  "{a}lawak", "{a}satire", "bukan{a}"]
PARODY_BIOS = ["Akaun parodi. Bukan akaun rasmi.", "Parody account, not affiliated with {en}.",
               "Fan page. Tiada kaitan dengan {ms}.", "Satira semata-mata. Bukan laman rasmi.",
               "Commentary and memes. Not an official account of the {en}.",
               "Kelab peminat tidak rasmi. Untuk info rasmi layari {w}"]

UNRELATED = [  # (display name, handle, bio)
    ("{A} Bakery & Cafe", "{a}bakery", "Kek lapis Sarawak, tempahan dibuka"),
    ("{A} Motor Trading", "{a}.motor", "Jual beli kereta terpakai sekitar Klang"),
    ("{A} Enterprise", "{a}enterprise", "Pembekal alat tulis pejabat. Order now"),
    ("Butik {A} Collection", "butik{a}", "Tudung dan baju kurung terkini"),
    ("{A} Gaming", "{a}gaming", "Streaming every night. Esports team"),
    ("Klinik Gigi {A}", "klinik{a}", "Klinik pergigian swasta di Bangi"),
    ("{A} Travel & Tours", "{a}tours", "Pakej umrah dan percutian"),
    ("{A} Hardware Sdn Bhd", "{a}hardware", "Wholesale building materials"),
    ("Ahmad bin {A}", "ahmad{a}", "Hidup saya, diari saya"),
    ("{A} Photography", "{a}photo", "Wedding & event photography studio"),
    ("{A} Fitness Gym", "{a}gym", "Personal training and fitness classes"),
    ("Kedai Runcit {A}", "kedai{a}", "Barang runcit harian"),
]
# Handles that merely contain the letters of an acronym, with no other link to it.
LOOSE = [("Siti Nur {r}", "siti{a}{n}", "Suka memasak dan melancong"),
         ("{r} Studio", "studio{a}{n}", "Music and band covers"),
         ("The {r} Diary", "{a}{n}diary", "Personal vlog about my life")]

MONTHS_AGO = {"new": "2026-{m:02d}-1{d}", "old": "201{y}-0{m2}-1{d}"}


def _fill(template: str, code: str) -> str:
    acronym, ms, en, website = ORGS[code]
    return template.format(a=acronym.lower(), A=acronym, o=official_handle(code, "facebook"),
                           ms=ms, en=en, w=website, r=acronym.capitalize(), n="")


def _created(rng: random.Random, kind: str) -> str:
    if kind == "new":
        return f"2026-{rng.randint(6, 10):02d}-{rng.randint(10, 28)}"
    return f"20{rng.randint(12, 21)}-{rng.randint(1, 9):02d}-{rng.randint(10, 28)}"


def build(rng: random.Random) -> list[tuple[dict, dict]]:
    rows: list[tuple[dict, dict]] = []
    codes = sorted(ORGS)

    def add(label, code, platform, handle, name, bio, created=None, links=(), extra=None):
        handle = _fit(handle, platform)
        candidate = {"id": f"e{len(rows) + 1:04d}", "platform": platform,
                     "url": URL[platform].format(handle), "display_name": name, "bio": bio,
                     "followers": rng.randint(10, 80000), "verified": False}
        if created:
            candidate["created_at"] = created
        if links:
            candidate["links"] = list(links)
        candidate.update(extra or {})
        rows.append((candidate, {"id": candidate["id"], "label": label,
                                 "organisation": code if label != "unrelated" else None}))

    for i, code in enumerate(codes):  # official: registered accounts pasted many ways
        for platform in ("facebook", "instagram", "x")[: 2 + i % 2]:
            handle = official_handle(code, platform)
            url = URL[platform].format(handle)
            url = {"facebook": url.replace("www.", "m.") + "/posts/12345?ref=share",
                   "instagram": url + "?igshid=abc", "x": url + "/status/1"}[platform]
            rows.append(({"id": f"e{len(rows) + 1:04d}", "platform": platform, "url": url,
                          "display_name": _fill("{A} Malaysia", code), "verified": True},
                         {"id": f"e{len(rows) + 1:04d}", "label": "official",
                          "organisation": code}))
    for i in range(100):  # impersonation
        code = codes[i % len(codes)]
        platform = PLATFORMS[i % len(PLATFORMS)]
        handle = _fill(rng.choice(IMPERSONATION_HANDLES), code)
        name = _fill(rng.choice(IMPERSONATION_NAMES), code)
        scam = i % 4 != 3
        bio = _fill(rng.choice(SCAM_BIOS if scam else QUIET_COPY_BIOS), code)
        links = [f"https://bit.ly/{code}{i}"] if scam and i % 3 == 0 else []
        add("impersonation", code, platform, handle, name, bio,
            created=_created(rng, "new") if i % 2 == 0 else None, links=links)
    for i in range(80):  # unofficial
        code = codes[(i * 5) % len(codes)]
        platform = PLATFORMS[(i + 3) % len(PLATFORMS)]
        pick = i % len(BRANCH_NAMES)
        name = _fill(BRANCH_NAMES[pick], code)
        handle = _fill(BRANCH_HANDLES[pick], code)
        bio = _fill(rng.choice(BRANCH_BIOS), code)
        links = [f"https://www.{ORGS[code][3]}/"] if i % 3 == 0 else []
        add("unofficial", code, platform, handle, name, bio,
            created=_created(rng, "old") if i % 2 == 0 else None, links=links)
    for i in range(48):  # parody
        code = codes[(i * 7) % len(codes)]
        platform = PLATFORMS[(i + 1) % len(PLATFORMS)]
        pick = i % len(PARODY_NAMES)
        add("parody", code, platform, _fill(PARODY_HANDLES[pick], code),
            _fill(PARODY_NAMES[pick], code), _fill(rng.choice(PARODY_BIOS), code))
    for i in range(72):  # unrelated
        code = codes[(i * 11) % len(codes)]
        platform = PLATFORMS[(i + 2) % len(PLATFORMS)]
        if i % 6 == 5:
            name, handle, bio = rng.choice(LOOSE)
        else:
            name, handle, bio = UNRELATED[i % len(UNRELATED)]
        add("unrelated", code, platform, _fill(handle, code), _fill(name, code),
            _fill(bio, code))
    return rows


def write_register() -> None:
    """The official accounts the set's `official` candidates point at."""
    lines = ["organisation_code,platform,url,status,platform_id,previous_urls"]
    for code in sorted(ORGS):
        for platform in ("facebook", "instagram", "x"):
            url = URL[platform].format(official_handle(code, platform))
            lines.append(f"{code},{platform},{url},official,,")
    (HERE / "register.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    rows = build(random.Random(SEED))
    with (HERE / "candidates.jsonl").open("w", encoding="utf-8") as out:
        for candidate, _ in rows:
            out.write(json.dumps(candidate, ensure_ascii=False) + "\n")
    with (HERE / "labels.jsonl").open("w", encoding="utf-8") as out:
        for _, label in rows:
            out.write(json.dumps(label, ensure_ascii=False) + "\n")
    write_register()
    print(f"wrote {len(rows)} candidates")


if __name__ == "__main__":
    main()
