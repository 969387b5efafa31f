"""The demo flood stream `rasmi monitor_replay` plays when given no file: eight ordinary
days of mentions of a health ministry (a daily cycle, quieter weekends, a handful of
topics), then a flash flood: within minutes, people trapped, rivers over their banks,
calls for boats, many times the usual flood traffic. Made from a fixed seed, so every
replay is the same stream; its times end `ends_at`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

DAYS = 8
FLOOD_MINUTES = 45
# Mentions an hour at the busiest time of an ordinary day, per topic.
PEAK_RATE = {"appointment": 9.0, "vaccination": 5.0, "dengue": 4.0, "fees": 3.0,
             "flood": 3.0, "weather": 4.0, "": 6.0}
# Share of the peak rate at each hour of the day (Malaysian time).
DAY_SHAPE = [0.1, 0.05, 0.05, 0.05, 0.1, 0.2, 0.4, 0.7, 0.9, 1.0, 1.0, 0.9, 0.8, 0.9, 1.0,
             0.9, 0.8, 0.7, 0.6, 0.7, 0.8, 0.7, 0.5, 0.25]
FLOOD_RATE = 120.0  # flood mentions an hour at the height of the flash flood

TEXTS = {
    "appointment": ["Macam mana nak tukar tarikh temujanji klinik?",
                    "Appointment at the clinic postponed again, no reason given",
                    "Sistem temujanji online tak boleh buka pagi ni",
                    "Boleh buat temujanji untuk pemeriksaan kesihatan ibu?"],
    "vaccination": ["Bila vaksin influenza untuk warga emas boleh diambil?",
                    "Where can I get the HPV vaccine for my daughter?",
                    "Klinik mana ada vaksin untuk bayi hari Sabtu?"],
    "dengue": ["Banyak nyamuk kat taman kami, boleh buat fogging?",
               "Jiran kena denggi, kawasan kami perlu semburan",
               "Dengue cases near the school, please check the drains"],
    "fees": ["Berapa caj rawatan pergigian di klinik kesihatan?",
             "Is the fee for foreigners at the hospital the same?"],
    "flood": ["Musim tengkujuh dah dekat, pusat pemindahan dah sedia?",
              "Bekalan ubat di PPS cukup ke tahun ni?"],
    "weather": ["Hujan lebat sejak petang, jalan licin",
                "Cuaca panas sangat hari ni, jaga air minum"],
    "": ["Terima kasih atas maklumat", "Good job to the nurses at the clinic",
         "Nombor talian hotline tak dapat dihubungi"],
}
FLOOD_TEXTS = [
    "Air naik mendadak di Kampung {place}, ada orang terperangkap atas bumbung!",
    "Banjir kilat di {place}, air dah paras pinggang, tolong hantar bot",
    "Sungai melimpah di {place}, pesakit klinik tak boleh keluar",
    "Flash flood at {place}, families trapped, please send rescue",
    "Jalan ke {place} ditenggelami air, ambulans tak boleh masuk",
    "Banjir besar {place} sekarang, warga emas perlu dipindahkan",
    "Air masuk rumah di {place}, anak kecil demam, mana PPS terdekat?",
]
PLACES = ["Kuala Krai", "Tanah Merah", "Pasir Mas", "Dabong", "Manik Urai", "Gua Musang"]


def mentions(ends_at: dt.datetime, seed: int = 20261204) -> Iterator[dict]:
    """The stream's rows ({"id", "time", "text", "topic"}), sorted by time."""
    rng = random.Random(seed)
    start = (ends_at - dt.timedelta(days=DAYS)).replace(second=0, microsecond=0)
    flood_from = ends_at - dt.timedelta(minutes=FLOOD_MINUTES)
    rows = []
    minute = start
    while minute < ends_at:
        local = minute.astimezone(dt.timezone(dt.timedelta(hours=8)))
        weekend = 0.6 if local.weekday() >= 5 else 1.0
        for topic, peak in PEAK_RATE.items():
            rate = peak * DAY_SHAPE[local.hour] * weekend / 60
            if topic == "flood" and minute >= flood_from:
                rate = FLOOD_RATE / 60 * min(1.0, (minute - flood_from).seconds / 600 + 0.3)
            for _ in range(_poisson(rng, rate)):
                second = minute + dt.timedelta(seconds=rng.randrange(60))
                text = rng.choice(FLOOD_TEXTS if topic == "flood" and minute >= flood_from
                                  else TEXTS[topic]).format(place=rng.choice(PLACES))
                rows.append((second, topic, text))
        minute += dt.timedelta(minutes=1)
    rows.sort(key=lambda row: row[0])
    for number, (at, topic, text) in enumerate(rows, start=1):
        yield {"id": f"demo-{number}", "time": at.isoformat(), "text": text, "topic": topic}


def _poisson(rng: random.Random, rate: float) -> int:
    """Knuth's method: the rates here are a few a minute at most."""
    limit, count, product = pow(2.718281828459045, -rate), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count
