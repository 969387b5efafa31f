"""The six heldout_b streams: who talks, how much, and what happens when.

Rates are the topic's plateau in mentions per hour (the level at profile 1.0 on an
ordinary weekday); the daily mean is about two thirds of it. Events are placed by day
offset and local clock time; the first day never has one.
"""

LANG_MIX = {
    "city": {"ms": 0.42, "en": 0.22, "mix": 0.22, "zh": 0.09, "ta": 0.05},
    "east": {"ms": 0.72, "en": 0.08, "mix": 0.14, "zh": 0.04, "ta": 0.02},
    "south": {"ms": 0.45, "en": 0.20, "mix": 0.20, "zh": 0.11, "ta": 0.04},
}

SAT_SUN = (5, 6)
FRI_SAT = (4, 5)  # Kelantan and Terengganu


def topic(name, rate, profile, k=4.0, group=None):
    """One topic: plateau rate per hour, daily profile, gamma shape (lower = burstier)."""
    return {"name": name, "rate": rate, "profile": profile, "k": k, "group": group}


def burst(day, at, hours, shape, lifts, note):
    """lifts: {topic: (ratio, flavour)}; more than one topic = a co-moving event."""
    return {"kind": "burst", "day": day, "at": at, "hours": hours, "shape": shape,
            "lifts": lifts, "note": note}


def slow_rise(day, at, topic_name, ratio, climb, hold, fall, flavour, note):
    return {"kind": "slow_rise", "day": day, "at": at, "topic": topic_name, "ratio": ratio,
            "climb": climb, "hold": hold, "fall": fall, "flavour": flavour, "note": note}


def rumour(day, at, topic_name, claim, peak, rise, hold, fall, note):
    """peak: copies per hour at the top; rise/hold/fall in hours."""
    return {"kind": "rumour", "day": day, "at": at, "topic": topic_name, "claim": claim,
            "peak": peak, "rise": rise, "hold": hold, "fall": fall, "note": note}


def spike(day, at, topic_name, minutes, ratio, subject):
    """topic_name None: the whole stream jumps (the stream without topics)."""
    return {"kind": "spike", "day": day, "at": at, "topic": topic_name, "minutes": minutes,
            "ratio": ratio, "subject": subject}


STREAMS = [
    {
        "name": "lembah_klang", "prefix": "hbA", "seed": 1101, "start": "2025-10-13",
        "days": 21, "region": "klang_valley", "lang": "city", "weekend": SAT_SUN,
        "holidays": {"2025-10-20": "Deepavali"}, "topic_field": "all",
        "topics": [
            topic("traffic", 200, "commute", 5.0),
            topic("water", 40, "general", 3.0),
            topic("scam", 30, "evening", 3.0),
            topic("health", 22, "general", 3.0),
            topic("fees", 15, "office", 3.0),
            topic("school", 6, "office", 2.0),
            topic("app", 4, "evening", 2.0),
        ],
        "events": [
            burst(2, "10:40", 3.0, "step", {"water": (6.0, "water_outage")},
                  "main pipe burst, a whole district without water"),
            burst(4, "17:20", 2.0, "fast_ramp", {"traffic": (3.0, "traffic_jam")},
                  "lorry overturned at evening peak"),
            spike(5, "18:32", "traffic", 3, 10.0, "pemandu mengamuk di {road}"),
            burst(9, "09:15", 4.0, "slow_ramp", {"school": (10.0, "food_poisoning")},
                  "food poisoning at a school, thin topic"),
            burst(11, "20:05", 3.0, "decay", {"scam": (5.5, "scam_wave")},
                  "fake aid-link SMS wave, fades over the evening"),
            rumour(14, "19:00", "water", "water_cut_hoax", 120, 3.0, 2.0, 4.0,
                   "false 5-day water cut notice forwarded in groups"),
            slow_rise(16, "06:00", "health", 3.0, 18.0, 5.0, 6.0, "dengue",
                      "dengue cluster grows over a day"),
            spike(18, "21:10", "health", 2, 25.0, "doktor influencer buat live"),
            burst(19, "11:00", 2.5, "double", {"app": (8.0, "app_outage")},
                  "app outage, back briefly then down again; thin topic"),
        ],
    },
    {
        "name": "pantai_timur", "prefix": "hbB", "seed": 2202, "start": "2025-12-01",
        "days": 28, "region": "east_coast", "lang": "east", "weekend": FRI_SAT,
        "holidays": {"2025-12-25": "Hari Krismas"}, "topic_field": "all",
        "topics": [
            topic("weather", 55, "weather", 4.0, group="rain"),
            topic("road", 45, "commute", 4.0, group="rain"),
            topic("flood", 18, "general", 3.0, group="rain"),
            topic("health", 12, "general", 3.0),
            topic("scam", 14, "evening", 3.0),
            topic("app", 8, "evening", 2.0),
            topic("school", 5, "office", 2.0),
        ],
        "events": [
            burst(3, "15:30", 5.0, "slow_ramp",
                  {"flood": (8.0, "flash_flood"), "road": (3.0, "flood_road"),
                   "weather": (2.5, "storm")},
                  "monsoon flash flood lifting flood, road and weather together"),
            spike(7, "16:20", "weather", 3, 12.0, "puting beliung di laut {place}"),
            burst(10, "07:30", 4.0, "decay",
                  {"flood": (12.0, "flash_flood"), "weather": (2.0, "storm")},
                  "overnight downpour, flooding found at dawn, then receding"),
            slow_rise(13, "09:00", "flood", 3.2, 20.0, 4.0, 5.0, "river_rising",
                      "river climbs slowly to alert level"),
            spike(15, "17:45", "road", 2, 20.0, "lembu berjalan atas {road}"),
            rumour(17, "20:00", "flood", "dam_hoax", 150, 2.5, 2.0, 3.0,
                   "false dam-collapse warning"),
            burst(20, "08:10", 2.0, "step", {"road": (6.0, "landslide")},
                  "landslide closes a main road"),
            spike(22, "21:30", "scam", 4, 8.0, "scammer kena prank secara live"),
            burst(23, "10:00", 3.0, "slow_ramp", {"health": (4.0, "food_poisoning")},
                  "food poisoning at a school, reported through the morning"),
        ],
    },
    {
        "name": "tanpa_topik", "prefix": "hbC", "seed": 3303, "start": "2026-02-09",
        "days": 14, "region": "klang_valley", "lang": "city", "weekend": SAT_SUN,
        "holidays": {"2026-02-17": "Tahun Baru Cina", "2026-02-18": "Tahun Baru Cina (2)"},
        "topic_field": "none",
        "topics": [
            topic("traffic", 90, "commute", 5.0),
            topic("water", 25, "general", 3.0),
            topic("scam", 25, "evening", 3.0),
            topic("health", 20, "general", 3.0),
            topic("fees", 15, "office", 3.0),
            topic("weather", 12, "weather", 3.0),
            topic("school", 8, "office", 2.0),
        ],
        "events": [
            burst(2, "11:00", 3.0, "step", {"water": (10.0, "water_outage")},
                  "pipe burst"),
            spike(4, "21:05", None, 2, 8.0, "kucing oren curi ikan di pasar {place}"),
            burst(5, "18:00", 2.0, "fast_ramp", {"traffic": (4.0, "traffic_jam")},
                  "highway crash"),
            spike(8, "13:40", None, 3, 15.0, "tarian singa di {place}"),
            rumour(10, "20:00", "school", "school_hoax", 200, 3.0, 2.0, 3.0,
                   "false school-closure order"),
            burst(12, "19:30", 3.0, "decay", {"scam": (8.0, "scam_wave")},
                  "fake aid-link wave"),
        ],
    },
    {
        "name": "johor_separa", "prefix": "hbD", "seed": 4404, "start": "2026-03-09",
        "days": 21, "region": "johor", "lang": "south", "weekend": SAT_SUN,
        "holidays": {"2026-03-20": "Hari Raya Aidilfitri",
                     "2026-03-21": "Hari Raya Aidilfitri (2)"},
        "topic_field": "partial",
        "topics": [
            topic("transport", 150, "commute", 5.0),
            topic("water", 45, "general", 3.0),
            topic("scam", 30, "evening", 3.0),
            topic("fees", 20, "office", 3.0),
            topic("health", 10, "general", 2.0),
            topic("school", 5, "office", 2.0),
        ],
        "events": [
            burst(2, "07:30", 3.0, "double", {"transport": (5.0, "checkpoint_jam")},
                  "checkpoint system down twice in a morning"),
            burst(4, "14:00", 4.0, "fast_ramp", {"water": (4.0, "water_outage")},
                  "unplanned water cut"),
            slow_rise(6, "10:00", "scam", 2.8, 16.0, 4.0, 4.0, "scam_wave",
                      "scam campaign spreads over a day"),
            spike(8, "08:15", "transport", 2, 10.0, "pak cik menyanyi dalam {line}"),
            rumour(9, "19:30", "health", "medicine_hoax", 90, 3.0, 1.5, 3.0,
                   "false poisoned-medicine claim"),
            burst(15, "09:30", 2.0, "step", {"fees": (7.0, "portal_charge")},
                  "payment portal charges twice"),
            burst(17, "10:00", 3.0, "slow_ramp", {"school": (6.0, "school_closure")},
                  "school roof collapse; thin topic"),
            spike(19, "20:40", "water", 3, 18.0, "budak main air hujan di {place}"),
        ],
    },
    {
        "name": "sunyi", "prefix": "hbE", "seed": 5505, "start": "2026-01-26",
        "days": 14, "region": "klang_valley", "lang": "city", "weekend": SAT_SUN,
        "holidays": {"2026-02-01": "Thaipusam"}, "topic_field": "all",
        "topics": [
            topic("council", 20, "office", 3.0),
            topic("events", 12, "evening", 2.5),
            topic("waste", 10, "general", 2.5),
            topic("parks", 8, "general", 2.0),
            topic("library", 3, "office", 2.0),
        ],
        "events": [
            spike(2, "21:00", "events", 4, 30.0, "konsert percuma di dataran {place}"),
            spike(4, "11:20", "council", 2, 12.0, "pegawai majlis menari di {place}"),
            spike(8, "17:05", "parks", 3, 15.0, "monyet curi makanan di taman {place}"),
            spike(10, "09:40", "waste", 1, 20.0, "pekerja kutip sampah menyanyi di {place}"),
            spike(12, "20:30", "events", 3, 9.0, "bunga api di {place}"),
        ],
    },
    {
        "name": "nasional", "prefix": "hbF", "seed": 6606, "start": "2026-05-18",
        "days": 28, "region": "national", "lang": "city", "weekend": SAT_SUN,
        "holidays": {"2026-05-27": "Hari Raya Haji", "2026-05-31": "Hari Wesak",
                     "2026-06-01": "Hari Keputeraan Agong"},
        "topic_field": "all",
        "topics": [
            topic("fees", 170, "office", 5.0),
            topic("app", 100, "evening", 5.0),
            topic("scam", 40, "evening", 3.0),
            topic("health", 30, "general", 3.0),
            topic("water", 20, "general", 3.0),
            topic("weather", 15, "weather", 3.0, group="storm"),
            topic("school", 8, "office", 2.0),
            topic("flood", 3, "general", 2.0, group="storm"),
        ],
        "events": [
            burst(2, "12:10", 2.0, "fast_ramp", {"app": (5.0, "app_outage")},
                  "national app outage at lunch; busy topic"),
            burst(4, "09:00", 4.0, "step", {"fees": (2.5, "portal_slow")},
                  "tax portal crawling near a deadline"),
            spike(8, "21:30", "app", 2, 20.0, "artis buat live jualan"),
            rumour(11, "20:30", "app", "app_leak_hoax", 250, 3.0, 2.0, 4.0,
                   "false data-leak claim about a government app"),
            burst(16, "16:00", 3.0, "decay",
                  {"flood": (15.0, "flash_flood"), "weather": (3.0, "storm")},
                  "afternoon storm, flash flood on a thin topic"),
            slow_rise(18, "07:00", "health", 3.2, 22.0, 4.0, 6.0, "flu_wave",
                      "influenza wave"),
            spike(20, "11:00", "fees", 3, 8.0, "video parodi bayar saman"),
            burst(22, "10:00", 5.0, "double", {"water": (5.0, "water_outage")},
                  "water disruption, restored then lost again"),
            burst(24, "19:00", 3.0, "slow_ramp", {"scam": (3.0, "scam_wave")},
                  "scam wave in the evening"),
            spike(26, "20:10", "health", 1, 30.0, "doktor menyanyi di wad"),
        ],
    },
]
