"""Short Malaysian social media mentions for the development streams: background talk per
topic, crisis talk for bursts and slow rises, one-off spike talk (a viral clip, a live
stream, a contest), and rumours (one false claim copied with small changes).

BM, English and mixed, with some Chinese and Tamil; places and agencies as slots, endings
(emoji, tags, "pls") added at random, so background texts repeat in shape but rarely word
for word.
"""

from __future__ import annotations

import random

PLACES = [
    "Kuala Krai",
    "Pasir Mas",
    "Kota Bharu",
    "Temerloh",
    "Kuantan",
    "Segamat",
    "Shah Alam",
    "Klang",
    "Johor Bahru",
    "Ipoh",
    "Seremban",
    "Alor Setar",
    "Kuching",
    "Kota Kinabalu",
    "Melaka",
    "Bangi",
    "Kajang",
    "Cheras",
    "Puchong",
    "Batu Pahat",
    "Muar",
    "Kemaman",
    "Dungun",
    "Sibu",
    "Miri",
    "Taiping",
    "Rawang",
    "Setapak",
    "Gombak",
    "Sungai Petani",
]
AGENCIES = [
    "JPJ",
    "LHDN",
    "KKM",
    "JPN",
    "Imigresen",
    "PDRM",
    "JKR",
    "MetMalaysia",
    "KPM",
    "TNB",
    "Air Selangor",
    "NADMA",
    "JBPM",
    "SPAN",
    "MCMC",
]
ENDINGS = [
    "",
    "",
    "",
    "",
    " 🙏",
    " 😡",
    " 😭",
    " 👍",
    "??",
    "!!",
    " pls",
    " tq",
    " #fyp",
    " 😅",
    " huhu",
    " adoi",
    " haih",
    ".",
    " ...",
    " 🤔",
]

BACKGROUND = {
    "flood": [
        "Hujan lebat sejak pagi kat {place}, harap tak banjir",
        "Paras sungai di {place} masih normal ke?",
        "Any update on flood warning {place}?",
        "Longkang tersumbat depan rumah kat {place}, air bertakung",
        "Bila {agency} nak baiki tebatan banjir {place}?",
        "Musim tengkujuh dah dekat, siap sedia",
        "Tahun lepas rumah kami kat {place} kena banjir, harap tahun ni ok",
        "Where to check river level in {place}?",
        "Ada pusat pemindahan dekat {place} tak?",
        "Drain at {place} always clogged when it rains",
    ],
    "scam": [
        "Dapat call kononnya dari {agency}, scam ke?",
        "Got SMS saying my parcel stuck at customs, legit?",
        "Hati2 link palsu guna nama {agency}",
        "Macam mana nak report akaun scammer?",
        "My mum almost transferred money to fake {agency} officer",
        "Ada orang WhatsApp minta nombor TAC, jangan bagi",
        "Is this {agency} page official or fake?",
        "Kena tipu beli barang online, duit dah transfer",
        "Semak nombor akaun di semakmule dulu sebelum bayar",
        "诈骗电话冒充{agency}，大家小心",
    ],
    "fees": [
        "Kenapa yuran {agency} naik tahun ni?",
        "How much is the renewal fee now at {agency}?",
        "Bayaran online {agency} tak lepas, duit dah tolak",
        "Caj perkhidmatan mahal sangat",
        "Boleh bayar ansuran tak untuk yuran ni?",
        "Receipt for payment not received yet",
        "Fee structure for {agency} services unclear",
        "Dah bayar tapi status masih belum bayar",
    ],
    "appointment": [
        "Susah nak dapat slot temujanji {agency} {place}",
        "Appointment system {agency} down again?",
        "Boleh walk-in tak kat {agency} {place}?",
        "Queue at {agency} {place} so long today",
        "Temujanji saya dibatalkan tanpa notis",
        "How to reschedule appointment with {agency}?",
        "Nombor giliran habis pukul 10 pagi kat {place}",
        "Slot online penuh sampai bulan depan",
        "Kaunter {agency} {place} buka hari Sabtu?",
    ],
    "outbreak": [
        "Ada kes denggi kat taman kami {place}",
        "Klinik kesihatan {place} penuh hari ni",
        "Is the vaccine available at {place} clinic?",
        "Fogging bila nak buat kat {place}?",
        "Anak demam panas, klinik mana buka malam?",
        "Any new cases of HFMD in {place} schools?",
        "Jaga kebersihan, banyak nyamuk sekarang",
        "KKM ada kenyataan terbaru pasal influenza?",
    ],
    "outage": [
        "Bekalan air terputus lagi kat {place}",
        "Power trip kat {place} since morning",
        "Internet slow gila area {place}",
        "Bila {agency} nak pulih bekalan?",
        "Website {agency} tak boleh buka",
        "Air keruh keluar paip kat {place}",
        "Blackout for 2 hours in {place}, any info?",
        "Gangguan bekalan elektrik {place} lagi",
    ],
    "road": [
        "Jalan ke {place} sesak teruk pagi ni",
        "Lubang besar kat jalan utama {place}",
        "Accident near {place} toll, avoid",
        "Lampu isyarat rosak di simpang {place}",
        "Road works at {place} causing jam",
        "Bila JKR nak tampal jalan {place}?",
        "Jalan ke {place} ok tak pagi ni?",
        "Traffic light at {place} junction not working",
        "Jalan licin lepas hujan kat {place}, hati2",
        "{place} 路段塞车很严重",
    ],
    "weather": [
        "Panas terik hari ni kat {place}",
        "Hujan petang setiap hari kat {place}",
        "MetMalaysia ada amaran ribut petir?",
        "Jerebu makin teruk di {place}",
        "Cuaca {place} mendung je pagi ni",
        "Any heavy rain warning for {place} this week?",
        "Angin kuat kat {place} tadi",
        "Suhu panas melampau, jaga kesihatan",
        "{place} இல் இன்று கனமழை",
    ],
    "school": [
        "Sekolah {place} cuti ke esok?",
        "Buku teks anak belum dapat lagi",
        "When does the school term start?",
        "Yuran PIBG sekolah {place} berapa?",
        "Bas sekolah lambat setiap pagi kat {place}",
        "Keputusan SPM bila keluar?",
        "Pendaftaran tahun 1 online dah buka?",
        "Anak kena buli kat sekolah {place}",
    ],
    "tax": [
        "Macam mana nak isi e-Filing LHDN?",
        "Tax refund still not received",
        "Tarikh akhir hantar borang BE bila?",
        "Pelepasan cukai untuk yuran anak boleh claim?",
        "LHDN website down masa nak file",
        "How to get PCB statement from employer?",
        "Cukai taksiran {place} naik lagi",
        "Dapat surat LHDN, tak faham apa maksud",
    ],
}

CRISIS = {
    "flood": [
        "Air sungai naik cepat, Kg {village} dah banjir",
        "Banjir kilat kat {place}, air naik paras lutut",
        "Tolong! Air masuk rumah, kami kat {place} perlu pindah",
        "Flood at {place}, water rising fast",
        "PPS {place} dah buka ke? Kami nak pindah",
        "Jalan ke {place} ditenggelami air, tak boleh lalu",
        "Air naik lagi kat {place}, orang tua terperangkap",
        "Bot penyelamat mana? Banjir {place} teruk",
    ],
    "scam": [
        "Ramai kena tipu SMS palsu {agency} hari ni",
        "Akaun bank kosong lepas klik link {agency}",
        "Scam call pretending {agency} everywhere today",
        "Duit hilang lepas bagi TAC, tolong!",
        "Beware fake {agency} SMS, my account drained",
        "Link phishing {agency} tersebar dalam group",
    ],
    "fees": [
        "Caj {agency} tiba2 naik dua kali ganda!",
        "Double charged by {agency} system today",
        "Duit ditolak dua kali bayaran {agency}",
        "Sistem bayaran {agency} caj salah hari ni",
    ],
    "appointment": [
        "Sistem temujanji {agency} rosak, semua slot hilang",
        "All {agency} appointments cancelled today?!",
        "Kaunter {agency} {place} tutup tiba2, orang ramai menunggu",
        "Appointment app crashed, queue chaos at {place}",
    ],
    "outbreak": [
        "Ramai kanak2 demam dan muntah kat {place}",
        "Keracunan makanan di sekolah {place}",
        "Outbreak of food poisoning at {place} school",
        "Wad hospital {place} penuh pesakit denggi",
        "Kes denggi meningkat mendadak di {place}",
    ],
    "outage": [
        "Bekalan air putus seluruh {place} sejak pagi",
        "Total blackout across {place} now",
        "Gangguan elektrik besar kat {place}, lif tersangkut",
        "No water supply in {place} whole day",
        "Paip utama pecah, {place} tiada air",
    ],
    "road": [
        "Tanah runtuh di jalan ke {place}, jalan ditutup",
        "Major crash on highway near {place}",
        "Jambatan {place} retak, bahaya!",
        "Landslide blocks road to {place}",
        "Kemalangan teruk di {place}, sesak berkilometer",
    ],
    "weather": [
        "Ribut kuat kat {place}, pokok tumbang atas kereta",
        "Storm hits {place}, roofs blown off",
        "Angin kencang bumbung rumah terbang di {place}",
        "Puting beliung di {place} tadi",
    ],
    "school": [
        "Bangunan sekolah {place} runtuh sebahagian",
        "Pelajar sekolah {place} pengsan beramai",
        "School in {place} evacuated, gas leak",
        "Kebakaran di sekolah {place}",
    ],
    "tax": [
        "Sistem e-Filing LHDN down hari terakhir!",
        "LHDN portal crash on deadline day",
        "Tak boleh hantar borang, sistem LHDN gagal",
        "e-Filing error semua orang hari ni",
    ],
    None: [
        "Apa yang berlaku kat {place} sekarang?",
        "Situasi {place} makin teruk",
        "Kecemasan di {place}, tolong sebarkan",
        "Something big happening in {place}",
    ],
}

SPIKE = [
    "Tengok live {agency} sekarang!",
    "Haha video {agency} ni viral gila",
    "Contest {agency}: share & tag 3 kawan",
    "Menang hadiah dari {agency}! Join",
    "Live streaming Menteri sekarang kat FB",
    "Video lucu pegawai {agency} tu viral",
    "Dah tengok klip tu? Kelakar",
    "Giveaway {agency} hari ni, cepat!",
]

RUMOURS = [
    (
        "scam",
        "Bank akan bekukan semua akaun yang tidak dikemaskini sebelum Jumaat ini, "
        "kemaskini di link ini",
    ),
    ("outbreak", "KKM sahkan virus baru merebak di sekolah, semua sekolah ditutup esok"),
    ("flood", "Empangan di hulu sungai akan pecah malam ini, semua penduduk kena pindah segera"),
    ("outage", "TNB akan potong elektrik seluruh negeri selama tiga hari mulai esok"),
    ("fees", "Kerajaan akan kenakan cukai baru sepuluh peratus atas semua pemindahan wang online"),
    (None, "Air paip tercemar bahan kimia, jangan minum air paip sampai diberitahu"),
]
FORWARD = [
    "",
    "",
    "Fwd: ",
    "Forwarded as received: ",
    "Sebarkan! ",
    "[VIRAL] ",
    "Betul ke? ",
    "Dapat dalam group: ",
    "URGENT!! ",
    "share2kan: ",
]
AFTER = [
    "",
    "",
    " 😱",
    " 😱😱",
    " !!!",
    " tolong share",
    " sebarkan",
    " betul ke ni?",
    " from my cousin",
    " 🙏🙏",
]


def background(rng: random.Random, topic: str) -> str:
    return _fill(rng, rng.choice(BACKGROUND[topic])) + rng.choice(ENDINGS)


def crisis(rng: random.Random, topic: str | None) -> str:
    return _fill(rng, rng.choice(CRISIS[topic])) + rng.choice(ENDINGS)


def spike(rng: random.Random) -> str:
    return _fill(rng, rng.choice(SPIKE)) + rng.choice(ENDINGS)


def rumour_copy(rng: random.Random, claim: str) -> str:
    """One copy of a claim: words swapped, a letter dropped or doubled, a prefix, emoji."""
    words = claim.split()
    for _ in range(rng.choice([0, 1, 1, 2])):
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    if rng.random() < 0.5:
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 3:
            j = rng.randrange(1, len(w) - 1)
            words[i] = w[:j] + w[j + 1 :] if rng.random() < 0.5 else w[:j] + w[j] + w[j:]
    if rng.random() < 0.3:
        words = [w.upper() if rng.random() < 0.2 else w for w in words]
    return rng.choice(FORWARD) + " ".join(words) + rng.choice(AFTER)


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        place=rng.choice(PLACES),
        agency=rng.choice(AGENCIES),
        village=rng.choice(["Tebing", "Baru", "Padang", "Seberang", "Hulu", "Tengah"]),
    )
