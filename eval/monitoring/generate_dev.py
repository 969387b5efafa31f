"""Write the development streams in eval/monitoring/dev/ (fixed seeds; run again to get
the same files): `python -m eval.monitoring.generate_dev`.

Each stream is a sum of per-topic Poisson processes, minute by minute:
    rate(topic, t) = base x daily(hour) x weekly(day) x hourly noise x events
- daily: quiet at night, a morning peak (~9:00) and an evening one (~21:00); each
  topic's peaks a little shifted; weekly: weekends lower for office topics
  (appointment, fees, tax, school), higher for road and weather;
- noise: each hour's rate times a log-normal factor (sd 0.15), so counts are a little
  over-dispersed, as real ones are;
- events (the truth file): bursts (ratio 2, 3, 5, 10; shapes step, fast ramp over 3-8
  minutes, double wave, decaying), slow rises (to 2.5-4x over 10-30 hours), one-off
  spikes (8-25x for 1-4 minutes: a viral clip, a live stream; not crises) and rumours
  (one claim copied with small changes, rising to a few dozen copies an hour).
Event texts come from eval/monitoring/texts.py; the extra mentions of a burst talk about
the crisis, the usual ones go on as before.
"""

from __future__ import annotations

import gzip
import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

from eval.monitoring import texts

MYT = timezone(timedelta(hours=8))
HERE = Path(__file__).parent / "dev"
OFFICE = {"appointment", "fees", "tax", "school"}
OUTDOOR = {"road", "weather"}


@dataclass
class Event:
    kind: str
    topic: str | None
    start: float  # minutes from the stream's start
    minutes: float
    ratio: float
    shape: str = "step"
    note: str = ""
    claim: str = ""
    crisis: bool = True
    extra: dict = field(default_factory=dict)

    def multiplier(self, t: np.ndarray) -> np.ndarray:
        """Rate multiplier at minutes t (1 outside the event)."""
        u = (t - self.start) / self.minutes
        inside = (u >= 0) & (u < 1)
        r = self.ratio
        if self.kind == "slow_rise":
            rise = self.extra["rise"] / self.minutes
            m = np.where(u < rise, 1 + (r - 1) * u / rise, r)
        elif self.shape == "ramp":
            ramp = self.extra["ramp"]
            m = 1 + (r - 1) * np.clip((t - self.start) / ramp, 0, 1)
        elif self.shape == "double":
            m = np.where((u > 0.35) & (u < 0.6), 1 + 0.25 * (r - 1), r)
        elif self.shape == "decay":
            m = 1 + (r - 1) * np.exp(-3 * u)
        else:
            m = np.full_like(t, r)
        return np.where(inside, m, 1.0)


@dataclass
class Stream:
    name: str
    seed: int
    days: int
    rates: dict[str, float]  # mean mentions per hour per topic
    events: list[Event]
    topic_field: str = "all"  # "all", "none" or a share of lines that keep it ("0.7")
    general: float = 0.0  # mentions/hour with no topic at all (topic None)
    start: datetime = datetime(2025, 3, 3, 0, 0, tzinfo=MYT)  # a Monday


def daily(hours: np.ndarray, shift: float) -> np.ndarray:
    h = (hours - shift) % 24
    shape = (0.12 + 1.25 * np.exp(-((h - 9.5) ** 2) / 6) + 1.0 * np.exp(-((h - 21) ** 2) / 8)
             + 0.45 * np.exp(-((h - 14) ** 2) / 10))
    return shape / shape.mean()


def weekly(days: np.ndarray, topic: str | None) -> np.ndarray:
    weekend = days % 7 >= 5
    if topic in OFFICE:
        return np.where(weekend, 0.55, 1.1)
    if topic in OUTDOOR:
        return np.where(weekend, 1.3, 0.9)
    return np.where(weekend, 0.85, 1.05)


def make(stream: Stream) -> tuple[list[dict], dict]:
    rng = random.Random(stream.seed)
    nrng = np.random.default_rng(stream.seed)
    minutes = stream.days * 24 * 60
    t = np.arange(minutes, dtype=float)
    hours_of_day = (t / 60) % 24
    day_index = (t // 1440) + stream.start.weekday()
    rows: list[tuple[float, str, str | None, str | None]] = []  # (minute, text, topic, kind)
    topics = list(stream.rates)
    if stream.general:
        topics.append(None)
    for topic in topics:
        base = stream.rates[topic] if topic else stream.general
        shift = nrng.uniform(-1.0, 1.0)
        noise = np.repeat(np.exp(nrng.normal(0, 0.15, size=minutes // 60 + 1)), 60)[:minutes]
        usual = base / 60 * daily(hours_of_day, shift) * weekly(day_index, topic) * noise
        boost = np.ones(minutes)
        for event in stream.events:
            if event.kind in ("burst", "slow_rise", "spike") and event.topic == topic:
                boost *= event.multiplier(t)
        counts = nrng.poisson(usual * boost)
        extra_share = 1 - 1 / boost
        for minute in np.nonzero(counts)[0]:
            for _ in range(counts[minute]):
                at = minute + rng.random()
                event = None
                if extra_share[minute] > 0 and rng.random() < extra_share[minute]:
                    event = next(e for e in stream.events if e.topic == topic
                                 and e.kind in ("burst", "slow_rise", "spike")
                                 and e.start <= minute < e.start + e.minutes)
                if event is None:
                    # General traffic (no topic) talks about any topic.
                    text = texts.background(rng, topic or rng.choice(list(texts.BACKGROUND)))
                elif event.kind == "spike":
                    text = texts.spike(rng)
                else:
                    text = texts.crisis(rng, topic)
                rows.append((at, text, topic, None))
    for event in stream.events:
        if event.kind != "rumour":
            continue
        # Copies per minute: rising over the first third to the peak, then fading.
        peak = event.extra["per_hour"] / 60
        u = (t - event.start) / event.minutes
        shape = np.where(u < 0.33, u / 0.33, np.where(u < 1, 1 - 0.7 * (u - 0.33) / 0.67, 0))
        counts = nrng.poisson(peak * np.clip(shape, 0, None) * ((u >= 0) & (u < 1)))
        for minute in np.nonzero(counts)[0]:
            for _ in range(counts[minute]):
                rows.append((minute + rng.random(), texts.rumour_copy(rng, event.claim),
                             event.topic, "rumour"))
    rows.sort(key=lambda row: row[0])
    keep_share = {"all": 1.0, "none": 0.0}.get(stream.topic_field)
    keep_share = float(stream.topic_field) if keep_share is None else keep_share
    lines = []
    for number, (at, text, topic, _) in enumerate(rows, 1):
        when = stream.start + timedelta(minutes=at)
        line = {"id": f"{stream.name}-{number}", "time": when.isoformat(timespec="seconds"),
                "text": text}
        if topic and rng.random() < keep_share:
            line["topic"] = topic
        lines.append(line)
    return lines, truth(stream)


def truth(stream: Stream) -> dict:
    """The truth file. Ratios are against the usual rate of what is scored: the event's
    topic, or the whole stream where the lines carry no topic (a 5x burst of one hidden
    topic is then a much smaller rise of the stream, and the file says so)."""
    end = stream.start + timedelta(days=stream.days)
    total = sum(stream.rates.values()) + stream.general
    scored_alone = stream.topic_field != "none"
    events = []
    for number, e in enumerate(stream.events, 1):
        usual = (stream.rates.get(e.topic) or stream.general) if scored_alone and (
            e.topic in stream.rates or e.topic is None and stream.general) else total
        own = stream.rates.get(e.topic) or stream.general or total
        if e.kind == "rumour":
            hour = ((e.start + e.minutes / 3) / 60) % 24
            ratio = 1 + e.extra["per_hour"] / (usual * float(daily(np.array([hour]), 0)[0]))
        else:
            ratio = 1 + (e.ratio - 1) * own / usual
        topic = e.topic if scored_alone else None
        events.append({"id": f"e{number}", "kind": e.kind, "topic": topic,
                       "start": (stream.start + timedelta(minutes=e.start)).isoformat(),
                       "end": (stream.start + timedelta(minutes=e.start + e.minutes)).isoformat(),
                       "ratio": round(ratio, 1), "crisis": e.crisis, "note": e.note})
    return {"start": stream.start.isoformat(), "end": end.isoformat(),
            "generator": "dev-poisson-templates", "seed": stream.seed, "events": events}


def at(day: int, hour: float) -> float:
    return day * 1440 + hour * 60


def burst(topic, day, hour, ratio, shape, minutes, note=""):
    extra = {"ramp": 5.0} if shape == "ramp" else {}
    return Event("burst", topic, at(day, hour), minutes, ratio, shape, note, extra=extra)


def spike(topic, day, hour, ratio, minutes, note):
    return Event("spike", topic, at(day, hour), minutes, ratio, "step", note, crisis=False)


def slow(topic, day, hour, ratio, rise_hours, hold_hours, note):
    return Event("slow_rise", topic, at(day, hour), (rise_hours + hold_hours) * 60, ratio,
                 note=note, extra={"rise": rise_hours * 60})


def rumour(topic, day, hour, per_hour, hours, claim, note):
    return Event("rumour", topic, at(day, hour), hours * 60, 0, note=note, claim=claim,
                 extra={"per_hour": per_hour})


def streams() -> list[Stream]:
    claims = dict(enumerate(texts.RUMOURS))
    a = Stream("a_topics", 101, 21, {
        "flood": 14, "scam": 30, "fees": 10, "appointment": 24, "outbreak": 8,
        "outage": 16, "road": 40, "weather": 22, "school": 12, "tax": 9}, [
        burst("flood", 2, 8.2, 5, "step", 180, "flash flood, 5x step"),
        spike("road", 3, 19.5, 15, 3, "viral dashcam clip"),
        burst("outage", 4, 10.1, 10, "ramp", 120, "water supply cut, 10x ramp"),
        burst("scam", 5, 21.3, 3, "double", 150, "SMS scam wave, 3x double wave"),
        spike("appointment", 6, 11.2, 20, 2, "minister live stream"),
        rumour(claims[0][0], 7, 9.0, 40, 5, claims[0][1], "bank freeze claim"),
        burst("road", 8, 7.6, 5, "ramp", 90, "landslide closes road, 5x ramp"),
        burst("weather", 9, 16.4, 2, "step", 240, "storm, 2x step"),
        spike("scam", 10, 20.7, 12, 4, "contest post shared"),
        slow("outbreak", 11, 6.0, 3.5, 24, 10, "dengue rising over a day"),
        burst("school", 13, 9.4, 10, "step", 60, "school fire, 10x step"),
        burst("tax", 14, 22.5, 5, "decay", 120, "e-Filing down on deadline, 5x decaying"),
        spike("weather", 15, 15.1, 25, 1, "viral storm photo"),
        rumour(claims[2][0], 16, 20.0, 30, 4, claims[2][1], "dam burst claim"),
        burst("appointment", 17, 10.3, 3, "ramp", 180, "booking system down, 3x"),
        burst("fees", 18, 13.2, 5, "double", 120, "double charging, 5x double wave"),
        spike("outage", 19, 21.4, 10, 3, "influencer live"),
        burst("flood", 20, 3.1, 10, "step", 120, "night flash flood, 10x"),
    ])
    b = Stream("b_notopic", 202, 14, {
        "flood": 20, "scam": 30, "road": 40, "outage": 20, "weather": 25, "fees": 15,
        "appointment": 30}, [
        burst("road", 2, 17.5, 3, "step", 120, "road 3x, no topics"),
        spike("scam", 3, 12.2, 12, 3, "viral clip"),
        burst("outage", 4, 8.7, 5, "ramp", 150, "outage 5x ramp, no topics"),
        rumour(claims[5][0] or "outage", 6, 10.0, 60, 5, claims[5][1], "tap water claim"),
        burst("flood", 8, 21.2, 2, "double", 240, "flood 2x, no topics"),
        spike("weather", 9, 9.3, 15, 2, "live stream"),
        burst("appointment", 10, 11.1, 10, "decay", 120, "appointment 10x decaying, no topics"),
        slow("scam", 11, 8.0, 2.5, 20, 8, "scam reports growing"),
        spike("fees", 12, 20.2, 20, 1, "giveaway"),
    ], topic_field="none")
    c = Stream("c_mixed", 303, 28, {
        "flood": 6, "scam": 10, "outage": 5, "road": 18, "school": 4, "outbreak": 3},
        [
        burst("road", 3, 18.2, 5, "step", 120, "5x on a mid-rate topic"),
        spike("scam", 4, 10.4, 20, 2, "viral post"),
        burst("flood", 5, 6.5, 10, "ramp", 180, "10x on a low-rate topic"),
        burst(None, 7, 12.0, 3, "step", 120, "untopiced chatter 3x"),
        rumour(claims[1][0], 9, 8.5, 25, 6, claims[1][1], "school closure claim"),
        burst("scam", 11, 20.5, 5, "double", 120, "5x double wave, low rate"),
        spike("road", 12, 8.2, 15, 3, "live stream"),
        burst("outage", 14, 9.3, 5, "step", 90, "5x on a thin topic"),
        slow("road", 16, 4.0, 3.0, 14, 6, "road works complaints growing"),
        spike("flood", 18, 17.2, 25, 2, "viral flood video from abroad"),
        burst("school", 20, 7.5, 10, "step", 60, "10x on a very thin topic"),
        rumour(None, 22, 19.0, 30, 4, claims[3][1], "electricity cut claim, no topic"),
        burst("outbreak", 24, 11.4, 5, "ramp", 180, "5x on a very thin topic"),
        spike("school", 25, 13.3, 20, 2, "contest"),
        burst("road", 26, 17.8, 2, "step", 180, "2x on a mid-rate topic"),
    ], topic_field="0.8", general=20)
    d = Stream("d_busy", 404, 14, {
        "flood": 120, "scam": 200, "fees": 60, "appointment": 150, "outbreak": 50,
        "outage": 90, "road": 250, "weather": 140, "school": 60, "tax": 45}, [
        burst("flood", 2, 9.3, 5, "step", 120, "5x step, busy topic"),
        spike("road", 2, 20.1, 12, 3, "viral clip"),
        burst("outbreak", 3, 14.6, 5, "ramp", 90, "5x fast ramp, thinner topic"),
        spike("scam", 4, 11.5, 8, 4, "live stream, 4 minutes"),
        burst("scam", 5, 8.2, 2, "step", 180, "2x step"),
        rumour(claims[4][0], 6, 12.0, 120, 4, claims[4][1], "transfer tax claim"),
        burst("tax", 7, 21.4, 10, "step", 60, "10x step, night"),
        spike("weather", 8, 17.3, 20, 2, "viral photo"),
        burst("appointment", 9, 10.5, 3, "double", 150, "3x double wave"),
        burst("outage", 10, 19.2, 5, "decay", 120, "5x decaying"),
        spike("fees", 11, 9.4, 10, 3, "contest"),
        slow("weather", 11, 12.0, 2.5, 16, 6, "haze complaints growing"),
        burst("school", 12, 7.4, 5, "double", 120, "5x double wave"),
        burst("road", 13, 17.7, 3, "ramp", 120, "3x ramp, busiest topic"),
    ])
    return [a, b, c, d]


def main() -> None:
    HERE.mkdir(parents=True, exist_ok=True)
    for stream in streams():
        lines, meta = make(stream)
        body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
        with gzip.GzipFile(HERE / f"{stream.name}.jsonl.gz", "wb", mtime=0) as out:
            out.write(body.encode("utf-8"))  # mtime 0: the same bytes on every run
        (HERE / f"{stream.name}.truth.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{stream.name}: {len(lines):,} mentions, {len(meta['events'])} events")


if __name__ == "__main__":
    main()
