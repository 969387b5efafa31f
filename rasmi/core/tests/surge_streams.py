"""Small synthetic mention streams for the surge tests: Poisson background with a daily
cycle, and bursts, spikes and rumours laid on top. Seeded, so every run is the same."""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta, timezone

from rasmi.core.surge import Mention

MYT = timezone(timedelta(hours=8))
START = datetime(2025, 3, 3, tzinfo=MYT)  # a Monday
PLACES = ["Kuala Krai", "Temerloh", "Kuantan", "Klang", "Ipoh", "Muar", "Miri", "Bangi"]
BACKGROUND = {
    "road": ["Jalan ke {p} sesak pagi ni", "Lubang besar kat jalan {p}",
             "Lampu isyarat rosak di simpang {p}", "Traffic jam near {p} toll"],
    "flood": ["Hujan lebat kat {p}, harap tak banjir", "Paras sungai {p} normal ke?",
              "Longkang tersumbat depan rumah {p}", "Where to check river level {p}?"],
}
CRISIS = ["Air sungai naik cepat, {p} dah banjir teruk", "Banjir kilat {p}, kena pindah",
          "Tolong, air masuk rumah kat {p}"]
SPIKE = ["Tengok live menteri sekarang", "Video viral pegawai tu kelakar"]
CLAIM = "Empangan di hulu sungai akan pecah malam ini semua penduduk kena pindah segera"


def daily(hour: float) -> float:
    return 0.3 + 1.4 * math.exp(-((hour - 10) ** 2) / 8) + math.exp(-((hour - 20) ** 2) / 8)


def stream(days: float = 3, rates: dict[str, float] | None = None, events=(),
           seed: int = 7, topics: bool = True) -> list[Mention]:
    """events: (kind, topic, start minute, minutes, ratio) with kind burst/spike/rumour."""
    rng = random.Random(seed)
    rates = rates or {"road": 60.0, "flood": 30.0}  # per hour, on average
    rows = []
    for minute in range(int(days * 1440)):
        hour = (minute / 60) % 24
        for topic, per_hour in rates.items():
            lam = per_hour / 60 * daily(hour) / 0.85
            boost, kind = 1.0, None
            for event in events:
                what, where, start, length, ratio = event
                if where == topic and start <= minute < start + length and what != "rumour":
                    boost, kind = ratio, what
            for _ in range(_poisson(rng, lam * boost)):
                extra = kind and rng.random() < 1 - 1 / boost
                template = rng.choice((SPIKE if kind == "spike" else CRISIS) if extra
                                      else BACKGROUND[topic])
                rows.append((minute + rng.random(), template.format(p=rng.choice(PLACES)),
                             topic))
        for what, where, start, length, ratio in events:
            if what == "rumour" and start <= minute < start + length:
                for _ in range(_poisson(rng, ratio / 60)):
                    rows.append((minute + rng.random(), copy(rng, CLAIM), where))
    rows.sort()
    return [Mention(id=f"m{i}", time=START + timedelta(minutes=at), text=text,
                    topic=topic if topics else None)
            for i, (at, text, topic) in enumerate(rows)]


def copy(rng: random.Random, claim: str) -> str:
    words = claim.split()
    i = rng.randrange(len(words) - 1)
    words[i], words[i + 1] = words[i + 1], words[i]
    prefix = rng.choice(["", "Fwd: ", "Sebarkan! ", "[VIRAL] "])
    return prefix + " ".join(words) + rng.choice(["", " 😱", " !!!", " tolong share"])


def _poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def minute(day: int, hour: float) -> int:
    return int(day * 1440 + hour * 60)
