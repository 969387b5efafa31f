"""Writes posts.jsonl, the compliance development set: ordinary government posts (most of
it) and posts that break one rule each, built from hand-written phrase banks across real
organisations of the shipped directory. Hand-typed hard cases live in hard_cases.jsonl.

Run: .venv/bin/python -m eval.compliance.make_set   (deterministic: fixed seed)
"""

import csv
import json
import random
from pathlib import Path

HERE = Path(__file__).parent
DIRECTORY = HERE.parents[1] / "rasmi" / "registry" / "data"
RNG = random.Random(2026)

DAYS = ["Isnin", "Selasa", "Rabu", "Khamis", "Jumaat", "Sabtu"]
DATES = ["3 Disember 2026", "12 Januari 2027", "20 Februari 2027", "1 Mac 2027",
         "15 April 2027", "28 November 2026"]
STATES = ["Selangor", "Johor", "Kedah", "Kelantan", "Sabah", "Sarawak", "Pahang", "Perak",
          "Terengganu", "Melaka", "Negeri Sembilan", "Pulau Pinang", "Perlis"]
ROADS = ["Jalan Tun Razak", "Jalan Sultan Ismail", "Jalan Ampang", "Persiaran Perdana",
         "Jalan Kuching", "Lebuhraya Pantai Timur"]
NAMES = ["Ahmad bin Ali", "Siti Nurhaliza binti Osman", "Tan Mei Ling", "Rajesh a/l Kumar",
         "Nur Aisyah binti Hamid", "Lim Wei Jie", "Kavitha a/p Muthu", "Mohd Faiz bin Razak"]

# Good posts: what agencies publish every day. {acr} {name} {site} filled per organisation.
GOOD_BM = [
    "Kaunter {acr} di seluruh negara dibuka seperti biasa pada hari {day} ini. Maklumat lanjut: https://www.{site}",
    "Makluman: Sistem dalam talian {acr} akan diselenggara pada {date} dari jam 12.00 tengah malam hingga 6.00 pagi. Harap maklum.",
    "Selamat Hari Raya Aidilfitri daripada warga {name}. Maaf zahir dan batin.",
    "Cuti umum sempena Hari Keputeraan Seri Paduka Baginda Yang di-Pertuan Agong pada {date}. Semua kaunter {acr} ditutup.",
    "Jalan ditutup sementara di {road} untuk perarakan Thaipusam pada {date}. Sila gunakan laluan alternatif.",
    "Amaran cuaca: hujan lebat dijangka di negeri {state} petang ini. Semak amaran terkini di https://www.met.gov.my",
    "Awas penipuan! {acr} tidak pernah meminta nombor akaun bank, kata laluan atau kod TAC melalui telefon. Laporkan kepada Pusat Respons Scam Kebangsaan di talian 997.",
    "Permohonan jawatan kosong {acr} kini dibuka melalui portal rasmi https://www.spa.gov.my sehingga {date}.",
    "Terima kasih kepada semua yang hadir ke Hari Bertemu Pelanggan {acr} di {state} semalam.",
    "Kenyataan media {name} berhubung isu semasa boleh dibaca di https://www.{site}/kenyataan-media",
    "Waktu operasi kaunter {acr} sepanjang bulan Ramadan: 8.00 pagi hingga 4.00 petang. Selamat berpuasa.",
    "Orang ramai dinasihatkan supaya tidak berkongsi maklumat peribadi seperti nombor MyKad dengan pihak yang tidak dikenali.",
    "Program Jom Jumpa Rakyat {acr} akan diadakan di dewan orang ramai {state} pada {date}. Semua dijemput hadir.",
    "Selamat Menyambut Hari Kebangsaan ke-69! Malaysia MADANI.",
    "Talian Kasih 15999 sedia membantu 24 jam. Jangan berdiam diri, dapatkan bantuan.",
    "Untuk sebarang pertanyaan, hubungi {acr} di talian 1-800-88-{num4} atau e-mel aduan@{site}",
    "Pendaftaran program latihan kemahiran belia dibuka. Tempat terhad! Daftar di https://www.{site}/latihan",
    "Rahsia kejayaan program ini ialah kerjasama erat antara agensi dan komuniti setempat.",
    "Tahniah kepada pasukan {acr} negeri {state} yang memenangi anugerah perkhidmatan awam tahun ini.",
    "Makluman kemas kini: keputusan permohonan boleh disemak melalui portal rasmi https://www.{site} mulai {date}.",
]
GOOD_BILINGUAL = [
    "Kaunter {acr} dibuka seperti biasa hari ini.\nOur counters are open as usual today.",
    "Selamat Tahun Baru Cina! Gong Xi Fa Cai. Happy Chinese New Year from all of us at {acr}.",
    "Selamat Hari Deepavali kepada semua yang meraikan. Happy Deepavali!",
    "Selamat Hari Krismas kepada rakyat Malaysia yang meraikan. Merry Christmas!",
    "Selamat Hari Wesak. Semoga damai dan sejahtera. Happy Wesak Day.",
    "Notis: Portal {acr} akan diselenggara pada {date}.\nNotice: The {acr} portal will be under maintenance on {date}.",
    "Sila ambil maklum waktu operasi baharu kaunter kami.\nPlease take note of our new counter hours.",
]
GOOD_OTHER_SCRIPTS = [
    "Selamat Tahun Baru Cina daripada warga {acr}. 新年快乐，万事如意！",
    "Selamat Hari Deepavali daripada {acr}. இனிய தீபாவளி நல்வாழ்த்துக்கள்!",
    "Kaunter dibuka semula pada hari {day}. 柜台将于{day}重新开放。",
]
ALT_TEXTS = ["Infografik waktu operasi kaunter", "Gambar pegawai menyampaikan sumbangan",
             "Poster program Jom Jumpa Rakyat", "Carta kes denggi mingguan"]

ENGLISH_ONLY = [
    "Our counters nationwide are open as usual this {day}. More at https://www.{site}",
    "Thank you to everyone who joined our open day in {state} yesterday.",
    "Heavy rain is expected this evening. Please stay safe and avoid flooded roads.",
    "Applications for the youth skills programme are now open until {date}.",
]
PERSONAL = [  # (template, category severity); {ic} is a valid, made-up MyKad
    ("Tahniah kepada penerima biasiswa! Senarai penuh: {n1} ({ic}), {n2} ({ic2}).", "block"),
    ("Pemenang cabutan bertuah: {n1}, No. KP {ic_plain}. Sila tuntut hadiah di kaunter.", "block"),
    ("Penerima bantuan: {n1}, pasport A{d8}, akan dihubungi oleh pegawai kami.", "block"),
    ("Sumbangan boleh disalurkan terus kepada {n1}, akaun Maybank {acct}.", "block"),
    ("Untuk pertanyaan, hubungi pegawai kami Encik Faiz di 012-{d3} {d4}.", "warn"),
    ("Borang boleh dihantar ke e-mel pegawai: {user}@gmail.com sebelum {date}.", "warn"),
]
LINKS = [
    ("Semak status permohonan anda di sini: https://bit.ly/{slug}", ["unsafe_link"], "warn"),
    ("Maklumat lanjut di http://www.{site}/notis", ["unsafe_link"], "warn"),
    ("Baca laporan penuh di https://www.thestar.com.my/news/{slug}", ["unsafe_link"], "warn"),
    ("Isi borang pendaftaran di https://forms.gle/{slug}", ["unsafe_link"], "warn"),
    ("Semak saman anda di https://{acrl}.gov.my.semak-saman.com/login", ["unsafe_link"], "block"),
    ("Kemas kini maklumat di http://103.21.{d2}.{d2b}/{acrl}", ["unsafe_link"], "block"),
    ("Log masuk untuk tuntutan di https://facebook-login-verify.help/{acrl}", ["unsafe_link"], "block"),
]


def _organisations() -> list[dict]:
    rows = []
    for name in ("ministries.csv", "agencies.csv"):
        with (DIRECTORY / name).open(encoding="utf-8") as fh:
            rows += [r for r in csv.DictReader(fh) if r["website"]]
    return rows


def _mykad(dashes: bool = True) -> str:
    year, month = RNG.randint(60, 99), RNG.randint(1, 12)
    day = RNG.randint(1, 28)
    place = RNG.choice([1, 2, 5, 7, 8, 10, 11, 14, 21, 25, 31, 45])
    tail = RNG.randint(1000, 9999)
    sep = "-" if dashes else ""
    return f"{year:02d}{month:02d}{day:02d}{sep}{place:02d}{sep}{tail}"


def _fill(template: str, org: dict) -> str:
    acronym = org["acronyms"].split(";")[0]
    return template.format(
        acr=acronym, acrl=acronym.lower().replace(" ", ""), name=org["name_ms"],
        site=org["website"], day=RNG.choice(DAYS), date=RNG.choice(DATES),
        state=RNG.choice(STATES), road=RNG.choice(ROADS), num4=RNG.randint(1000, 9999),
        n1=RNG.choice(NAMES), n2=RNG.choice(NAMES), ic=_mykad(), ic2=_mykad(),
        ic_plain=_mykad(False), d8=RNG.randint(10_000_000, 99_999_999),
        acct=RNG.randint(10**11, 10**12 - 1), d3=RNG.randint(100, 999),
        d4=RNG.randint(1000, 9999), user=f"pegawai.{RNG.randint(10, 99)}",
        slug=f"s{RNG.randint(1000, 9999)}", d2=RNG.randint(10, 250), d2b=RNG.randint(10, 250))


def build() -> list[dict]:
    orgs = _organisations()
    posts: list[dict] = []

    def add(text: str, verdict: str, categories: list[str], org: dict, **extra) -> None:
        posts.append({"id": f"d{len(posts) + 1:04d}", "text": text,
                      "platforms": extra.pop("platforms", [RNG.choice(
                          ["facebook", "instagram", "x", "threads"])]),
                      "organisation": org["code"], **extra,
                      "expected_verdict": verdict, "expected_categories": categories})

    for template in GOOD_BM:
        for org in RNG.sample(orgs, 6):
            text = _fill(template, org)
            platforms = ["facebook", "instagram"] if len(text) > 260 else None
            add(text, "pass", [], org, **({"platforms": platforms} if platforms else {}))
    for template in GOOD_BILINGUAL + GOOD_OTHER_SCRIPTS:
        for org in RNG.sample(orgs, 3):
            add(_fill(template, org), "pass", [], org)
    for org in RNG.sample(orgs, 12):
        add(_fill(RNG.choice(GOOD_BM[:3]), org), "pass", [], org, platforms=["instagram"],
            media=[{"type": "image", "alt_text": RNG.choice(ALT_TEXTS)}])
    for template in ENGLISH_ONLY:
        for org in RNG.sample(orgs, 3):
            add(_fill(template, org), "warn", ["language"], org, platforms=["facebook"])
    for template, severity in PERSONAL:
        for org in RNG.sample(orgs, 4):
            add(_fill(template, org), severity, ["personal_data"], org, platforms=["facebook"])
    for template, categories, verdict in LINKS:
        for org in RNG.sample(orgs, 3):
            add(_fill(template, org), verdict, categories, org, platforms=["facebook"])
    for org in RNG.sample(orgs, 6):
        add(_fill(RNG.choice(GOOD_BM[:2]), org), "warn", ["accessibility"], org,
            platforms=["instagram"], media=[{"type": RNG.choice(["image", "video"]),
                                            "alt_text": ""}])
    for org in RNG.sample(orgs, 4):
        long_text = " ".join(_fill(t, org) for t in GOOD_BM[:4])
        add(long_text, "block", ["platform_limit"], org, platforms=["x"])
    for org in RNG.sample(orgs, 3):
        tags = " ".join(f"#{w}{i}" for i, w in enumerate(["Malaysia", "Rakyat", "Madani"] * 12))
        add(_fill(GOOD_BM[0], org) + "\n" + tags, "block", ["platform_limit"], org,
            platforms=["instagram"])
    return posts


def main() -> None:
    posts = build()
    with (HERE / "posts.jsonl").open("w", encoding="utf-8") as fh:
        for post in posts:
            fh.write(json.dumps(post, ensure_ascii=False) + "\n")
    print(f"wrote {len(posts)} posts")


if __name__ == "__main__":
    main()
