#!/usr/bin/env python3
"""Held-out evaluation streams for the social-media burst detector (issue 11 format).

Written blind (without looking at the detector or the development generator).
Run:  python generate_heldout.py [outdir]     (default: the directory of this file)

Design in short (details in README.md):
* per-minute intensity per topic = base rate x daily profile read from hourly tables
  (weekday / weekend / public holiday; piecewise linear, not a sinusoid) x topic-specific
  hour modifiers x Friday-prayer dip x Ramadan reshaping x one-off day multipliers;
* multiplicative latent factors with mean 1: a per-day "news day" factor shared by all
  topics, an hourly rain process shared by weather / flood / road / outage / water /
  transport (topics co-move), an hourly AR(1) drift per topic, and a gamma factor per
  10-minute block per topic -> counts are negative-binomial-like (over-dispersed);
* events add intensity on top (step, fast ramp, double wave, slow rise, spike, rumour);
* every original mention may be shared (RT / exact copy / quote) a few minutes later;
* time jitter (uniform seconds, some timestamps truncated to the minute, some late by up to
  two minutes) and collector gaps of 10-30 minutes where nothing at all is recorded.
"""
import datetime as dt
import gzip
import json
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import heldout_texts as T  # noqa: E402

GENERATOR = "heldout-monho-v1"
TZ = dt.timezone(dt.timedelta(hours=8))

# ------------------------------------------------------------------ daily profile tables
# value for hour h applies at h:30; linear in between (so not a sine, not a step)
PROFILE = {
    "weekday": [0.55, 0.35, 0.22, 0.15, 0.14, 0.25, 0.60, 0.95, 1.15, 1.10, 1.05, 1.05,
                1.20, 1.15, 0.95, 0.95, 1.00, 1.10, 1.05, 1.00, 1.25, 1.40, 1.30, 0.95],
    "weekend": [0.80, 0.55, 0.35, 0.22, 0.15, 0.15, 0.25, 0.45, 0.70, 0.95, 1.15, 1.20,
                1.15, 1.10, 1.05, 1.05, 1.10, 1.10, 1.00, 1.05, 1.25, 1.35, 1.30, 1.10],
    "holiday": [0.85, 0.60, 0.40, 0.25, 0.18, 0.20, 0.30, 0.45, 0.65, 0.90, 1.10, 1.15,
                1.05, 1.00, 1.00, 1.05, 1.15, 1.20, 1.10, 1.00, 1.15, 1.25, 1.20, 1.05],
}
# Ramadan reshaping (sahur bump before dawn, dip at iftar, late nights), applied in
# proportion to the Muslim share of the stream's audience
RAMADAN = [1.35, 1.25, 0.90, 1.30, 2.60, 1.80, 0.80, 0.90, 1.00, 1.00, 0.95, 0.90,
           0.85, 0.85, 0.85, 0.90, 1.00, 1.10, 0.95, 0.55, 0.90, 0.85, 1.15, 1.25]


def hours(default, *ranges):
    v = [default] * 24
    for h0, h1, m in ranges:
        for h in range(h0, h1):
            v[h] = m
    return v


# topic hour modifiers: (weekday, weekend/holiday)
TOPIC_MOD = {
    "road": (hours(1, (6, 9, 1.9), (17, 20, 1.7), (0, 5, 0.6)), hours(1, (10, 13, 1.2), (0, 6, 0.7))),
    "transport": (hours(1, (6, 9, 2.2), (17, 20, 2.0), (22, 24, 0.5), (0, 6, 0.3)), hours(0.8, (0, 8, 0.35))),
    "school": (hours(1, (6, 8, 1.7), (13, 15, 1.4), (20, 22, 1.2), (0, 6, 0.3)), hours(0.45)),
    "tax": (hours(1, (9, 17, 1.45), (19, 24, 0.8), (0, 7, 0.5)), hours(0.55)),
    "fees": (hours(1, (9, 17, 1.35), (19, 24, 0.85), (0, 7, 0.5)), hours(0.6)),
    "appointment": (hours(1, (8, 17, 1.5), (19, 24, 0.7), (0, 7, 0.4)), hours(0.5)),
    "weather": (hours(1, (14, 18, 1.6), (0, 6, 0.7)), hours(1, (14, 18, 1.5), (0, 6, 0.7))),
    "scam": (hours(1, (19, 23, 1.3), (0, 6, 0.7)), hours(1, (19, 23, 1.3))),
    "general": (hours(1, (20, 24, 1.25), (12, 14, 1.2)), hours(1.1, (20, 24, 1.2))),
    "outage": (hours(1, (9, 17, 1.2)), hours(0.9)),
    "crime": (hours(1, (21, 24, 1.2)), hours(1, (21, 24, 1.25))),
}
MONSOON_WEATHER = (hours(1, (5, 9, 1.3), (14, 18, 1.2), (0, 5, 0.9)), hours(1, (5, 9, 1.25), (0, 5, 0.9)))
RAIN_EXP = {"weather": 1.0, "flood": 0.8, "road": 0.3, "outage": 0.25, "water": 0.15, "transport": 0.2}
SHARE_BG = 0.07
SHARE_EV = {"crisis": 0.30, "viral": 0.9, "minister": 0.05, "giveaway": 0.03, "rumour": 0.3}


def D(s):
    return dt.datetime.fromisoformat(s)


# ------------------------------------------------------------------ stream definitions
# event fields: kind, topic, scenario, start, shape, ratio (bursts/slow/rumour) or
# peak_per_min (spikes, originals per minute at the top), spill {topic: f},
# lead {topic: (f, lead_min)}, pinned slot values, note.
STREAMS = [
    dict(name="ho_kelantan_monsoon", seed=24121, start="2024-12-09", days=21, region="kelantan",
         weekend=(4, 5), muslim=0.95, monsoon=True, emit_topic=True, rain_sd=0.5,
         langs={"ms": 0.72, "en": 0.1, "mg": 0.13, "zh": 0.03, "ta": 0.02},
         topics={"flood": 9, "weather": 10, "road": 7, "water": 4, "outage": 4, "scam": 4, "fees": 3,
                 "school": 3, "appointment": 3, "outbreak": 2, "general": 8},
         holidays={"2024-12-25": "Christmas"},
         day_mult=[("2024-12-20", "2024-12-29", {"school": 0.4})],
         n_gaps=3, fixed_gaps=[],
         events=[
             dict(kind="burst", topic="flood", scenario="flood_crisis", start="2024-12-11T08:12",
                  shape=("step", 4, 300, 90), ratio=8, spill={"road": 0.6}, lead={"weather": (0.8, 180)},
                  note="step: Sg Kelantan overflows, villages inundated, PPS opened"),
             dict(kind="rumour", topic="flood", scenario="rumour_dam", start="2024-12-13T21:05",
                  shape=("rumour", 40, 100, 60), ratio=5,
                  note="TULAR forwards claiming Pergau dam cracked; official denial in the tail"),
             dict(kind="spike", topic="flood", scenario="viral_flood_dance", start="2024-12-15T16:20",
                  shape=("step", 1, 4, 5), peak_per_min=4.0,
                  note="viral video of an uncle dancing on a raft; many shares; not a crisis"),
             dict(kind="slow_rise", topic="flood", scenario="flood_crisis", start="2024-12-17T03:00",
                  shape=("slow", 40 * 60, 5 * 60, 10 * 60), ratio=6, spill={"road": 0.4}, lead={"weather": (0.6, 360)},
                  note="second monsoon wave, Sg Golok rises over ~40 h"),
             dict(kind="burst", topic="outage", scenario="power_outage", start="2024-12-20T19:40",
                  shape=("double", 6, 50, 0.75, 90, 0.15, 8, 120, 60), ratio=6,
                  note="double wave: substation flooded, power restored then lost again"),
             dict(kind="burst", topic="water", scenario="water_cut", start="2024-12-26T07:05",
                  shape=("ramp", 25, 240, 60), ratio=5, pinned={"water_co": "Air Kelantan"},
                  note="fast ramp (peak after 25 min): treatment plant flooded, no tap water"),
         ]),
    dict(name="ho_klang_ramadan_raya", seed=25031, start="2025-03-17", days=21, region="klang",
         weekend=(5, 6), muslim=0.6, monsoon=False, emit_topic=True, rain_sd=0.4,
         langs={"ms": 0.4, "en": 0.25, "mg": 0.2, "zh": 0.1, "ta": 0.05},
         topics={"road": 38, "transport": 20, "general": 30, "weather": 14, "scam": 18, "fees": 14,
                 "tax": 10, "outage": 12, "appointment": 10, "school": 10, "outbreak": 5, "flood": 4,
                 "water": 5},
         holidays={"2025-03-18": "Nuzul Al-Quran", "2025-03-31": "Hari Raya Aidilfitri",
                   "2025-04-01": "Hari Raya Aidilfitri (2nd day)"},
         ramadan=("2025-03-17", "2025-03-30"),
         day_mult=[("2025-03-28", "2025-03-30", {"road": 1.7, "general": 1.1}),
                   ("2025-03-31", "2025-04-04", {"*": 0.8, "road": 0.7, "transport": 0.6}),
                   ("2025-04-05", "2025-04-06", {"road": 1.6})],
         n_gaps=3, fixed_gaps=[("2025-03-24T10:20", 14)],
         events=[
             dict(kind="burst", topic="transport", scenario="lrt_disruption", start="2025-03-20T07:18",
                  shape=("double", 5, 75, 1.0, 540, 0.12, 10, 90, 40), ratio=6, spill={"road": 0.2},
                  note="double wave: LRT line fails in the morning rush, again in the evening rush"),
             dict(kind="burst", topic="scam", scenario="scam_apk", start="2025-03-21T21:15",
                  shape=("step", 3, 360, 120), ratio=5,
                  note="step: scam wave of 'digital raya invitation' APK files hijacking WhatsApp"),
             dict(kind="burst", topic="outage", scenario="portal_down", start="2025-03-24T09:06",
                  shape=("step", 3, 150, 40), ratio=20, pinned={"portal": "MyTax"}, spill={"tax": 0.8, "appointment": 0.3},
                  note="step: government tax portal down; a 14-min collector gap falls inside the plateau"),
             dict(kind="spike", topic="transport", scenario="minister_live_transport", start="2025-03-26T21:32",
                  shape=("step", 1, 8, 6), peak_per_min=6.0,
                  note="minister's live stream, viewers' comments; not a crisis"),
             dict(kind="burst", topic="flood", scenario="flash_flood", start="2025-03-27T16:35",
                  shape=("ramp", 15, 100, 60), ratio=10, spill={"road": 0.5}, lead={"weather": (0.9, 60)},
                  note="fast ramp (peak after 15 min): flash flood after a thunderstorm"),
             dict(kind="spike", topic="outage", scenario="giveaway_telco", start="2025-04-02T12:30",
                  shape=("step", 1, 6, 8), peak_per_min=9.0,
                  note="telco 'sorry for the outage' contest: near-identical 'done!' comments; not a crisis"),
         ]),
    dict(name="ho_penang_notopic", seed=25020, start="2025-02-03", days=14, region="penang",
         weekend=(5, 6), muslim=0.45, monsoon=False, emit_topic=False, rain_sd=0.35,
         langs={"ms": 0.35, "en": 0.25, "mg": 0.15, "zh": 0.18, "ta": 0.07},
         topics={"road": 12, "general": 14, "weather": 6, "water": 5, "scam": 7, "fees": 5, "outbreak": 3,
                 "appointment": 4, "school": 5, "transport": 5, "outage": 4},
         holidays={"2025-02-11": "Thaipusam"},
         day_mult=[("2025-02-10", "2025-02-11", {"road": 1.4, "general": 1.2}),
                   ("2025-02-12", "2025-02-12", {"general": 1.3})],
         n_gaps=3, fixed_gaps=[],
         events=[
             dict(kind="slow_rise", topic="outbreak", scenario="outbreak_hfmd", start="2025-02-06T06:00",
                  shape=("slow", 60 * 60, 8 * 60, 12 * 60), ratio=5,
                  note="HFMD cluster in kindergartens grows over ~2.5 days"),
             dict(kind="burst", topic="water", scenario="water_pipe", start="2025-02-10T05:50",
                  shape=("double", 10, 150, 1.0, 240, 0.2, 5, 180, 60), ratio=8,
                  note="double wave: main pipe bursts, repaired, bursts again in the afternoon"),
             dict(kind="spike", topic="general", scenario="viral_penang", start="2025-02-11T20:10",
                  shape=("step", 1, 5, 5), peak_per_min=5.0, note="viral hawker video; not a crisis"),
             dict(kind="spike", topic="general", scenario="giveaway_cgm", start="2025-02-12T21:00",
                  shape=("step", 1, 5, 6), peak_per_min=8.0,
                  note="Chap Goh Mei contest, near-identical 'done' comments; not a crisis"),
             dict(kind="rumour", topic="road", scenario="rumour_bridge", start="2025-02-13T22:15",
                  shape=("rumour", 50, 120, 90), ratio=6,
                  note="TULAR forwards claiming Penang Bridge cracked and closing"),
             dict(kind="burst", topic="scam", scenario="scam_sms_bill", start="2025-02-14T10:20",
                  shape=("ramp", 30, 200, 60), ratio=7, pinned={"water_co": "PBA"},
                  note="fast ramp (peak after 30 min): phishing SMS about overdue water bills"),
         ]),
    dict(name="ho_sabah_quiet", seed=25052, start="2025-05-19", days=21, region="sabah",
         weekend=(5, 6), muslim=0.65, monsoon=False, emit_topic=True, rain_sd=0.35,
         langs={"ms": 0.65, "en": 0.2, "mg": 0.1, "zh": 0.05},
         topics={"general": 1.6, "road": 0.8, "weather": 0.7, "fees": 0.5, "scam": 0.5, "appointment": 0.4,
                 "school": 0.4, "outage": 0.3},
         holidays={"2025-05-30": "Pesta Kaamatan", "2025-05-31": "Pesta Kaamatan (2nd day)",
                   "2025-06-02": "Birthday of the Agong"},
         day_mult=[("2025-05-29", "2025-06-01", {"general": 1.5, "road": 1.3})],
         n_gaps=3, fixed_gaps=[],
         events=[
             dict(kind="spike", topic="general", scenario="giveaway_kaamatan", start="2025-05-29T20:30",
                  shape=("step", 1, 5, 6), peak_per_min=3.0,
                  note="Kaamatan contest, near-identical 'done' comments; not a crisis"),
             dict(kind="spike", topic="general", scenario="minister_live_sabah", start="2025-05-31T10:00",
                  shape=("step", 2, 10, 6), peak_per_min=1.5, note="Chief Minister's Kaamatan live stream; not a crisis"),
             dict(kind="spike", topic="road", scenario="viral_sabah_road", start="2025-06-04T13:10",
                  shape=("step", 1, 4, 5), peak_per_min=1.2, note="viral video of a car in a drain; not a crisis"),
         ]),
    dict(name="ho_exam_national", seed=25041, start="2025-04-14", days=14, region="national",
         weekend=(5, 6), muslim=0.63, monsoon=False, emit_topic=True, rain_sd=0.35,
         langs={"ms": 0.55, "en": 0.2, "mg": 0.13, "zh": 0.08, "ta": 0.04},
         topics={"school": 3.5, "general": 4, "scam": 2.5, "fees": 2, "road": 2, "weather": 1.5,
                 "appointment": 1.5, "outage": 1.2, "tax": 1, "outbreak": 0.8},
         holidays={}, day_mult=[], n_gaps=2, fixed_gaps=[],
         events=[
             dict(kind="spike", topic="school", scenario="minister_live_school", start="2025-04-16T20:30",
                  shape=("step", 2, 10, 8), peak_per_min=3.0, note="Education Minister's live Q&A; not a crisis"),
             dict(kind="slow_rise", topic="outbreak", scenario="outbreak_flu", start="2025-04-18T08:00",
                  shape=("slow", 30 * 60, 6 * 60, 12 * 60), ratio=4, note="influenza A in schools grows over ~30 h"),
             dict(kind="spike", topic="fees", scenario="giveaway_ewallet", start="2025-04-21T13:00",
                  shape=("step", 1, 5, 6), peak_per_min=4.0, note="e-wallet contest, 'done' comments; not a crisis"),
             dict(kind="burst", topic="school", scenario="exam_results", start="2025-04-24T10:04",
                  shape=("step", 3, 300, 120), ratio=3,
                  note="step: exam-results day, results-check portal and SMS overwhelmed, complaints"),
             dict(kind="burst", topic="scam", scenario="scam_exam", start="2025-04-25T19:50",
                  shape=("ramp", 20, 180, 90), ratio=6,
                  note="fast ramp (peak after 20 min): fake scholarship links aimed at school leavers"),
         ]),
    dict(name="ho_johor_mixed", seed=25010, start="2025-01-06", days=22, region="johor",
         weekend=(5, 6), muslim=0.6, monsoon=True, emit_topic=True, rain_sd=0.45,
         langs={"ms": 0.5, "en": 0.2, "mg": 0.15, "zh": 0.12, "ta": 0.03},
         topics={"road": 22, "general": 16, "weather": 8, "flood": 5, "scam": 10, "fees": 7, "outbreak": 4,
                 "water": 5, "outage": 5, "appointment": 5, "school": 6, "crime": 4, "tax": 3},
         holidays={"2025-01-27": "Israk dan Mikraj (Johor)"}, day_mult=[], n_gaps=4, fixed_gaps=[],
         events=[
             dict(kind="burst", topic="outbreak", scenario="food_poison", start="2025-01-08T14:05",
                  shape=("ramp", 20, 240, 120), ratio=8,
                  note="fast ramp (peak after 20 min): food poisoning at a boarding school"),
             dict(kind="spike", topic="road", scenario="viral_causeway", start="2025-01-10T18:40",
                  shape=("step", 1, 5, 5), peak_per_min=8.0, note="viral Causeway road-rage video; not a crisis"),
             dict(kind="rumour", topic="crime", scenario="rumour_van", start="2025-01-14T07:30",
                  shape=("rumour", 60, 180, 120), ratio=6, note="TULAR 'white van kidnapping children' forwards"),
             dict(kind="slow_rise", topic="fees", scenario="water_tariff", start="2025-01-15T12:00",
                  shape=("slow", 36 * 60, 6 * 60, 12 * 60), ratio=5, pinned={"water_co": "Ranhill SAJ"},
                  note="anger about water bills grows over ~1.5 days"),
             dict(kind="burst", topic="flood", scenario="flood_crisis", start="2025-01-19T06:40",
                  shape=("double", 8, 120, 0.6, 300, 0.15, 10, 240, 90), ratio=6, spill={"road": 0.5},
                  lead={"weather": (0.7, 240)}, note="double wave: Segamat floods, second surge in the afternoon"),
             dict(kind="spike", topic="fees", scenario="giveaway_ewallet", start="2025-01-22T12:15",
                  shape=("step", 1, 6, 6), peak_per_min=12.0, note="e-wallet contest, 'done' comments; not a crisis"),
             dict(kind="burst", topic="outage", scenario="immigration_down", start="2025-01-24T07:25",
                  shape=("step", 3, 150, 45), ratio=8, spill={"road": 0.4},
                  note="step: immigration autogate system down at the Causeway checkpoint"),
         ]),
]


# ------------------------------------------------------------------ shapes
def shape_curve(spec):
    """Return s(u) for u = 0..L-1 minutes after onset (values in [0, 1]) and the truth
    length (minutes until the final decay reaches 0.1)."""
    kind = spec[0]

    def decay_tail(level, dmin, n):
        return level * 10 ** (-np.arange(1, n + 1) / dmin)

    if kind in ("step", "ramp", "rumour"):
        _, rise, hold, dec = spec
        p = {"step": 1.0, "ramp": 1.6, "rumour": 2.0}[kind]
        up = (np.arange(1, rise + 1) / rise) ** p
        s = np.concatenate([up, np.ones(hold), decay_tail(1.0, dec, int(dec * 1.7))])
        return s, rise + hold + dec
    if kind == "slow":
        _, rise, hold, dec = spec
        u = np.arange(1, rise + 1) / rise
        up = (np.exp(3 * u) - 1) / (math.e ** 3 - 1)
        s = np.concatenate([up, np.ones(hold), decay_tail(1.0, dec, int(dec * 1.7))])
        return s, rise + hold + dec
    if kind == "double":
        _, r1, h1, a1, lull, lev, r2, h2, dec = spec
        w1 = a1 * np.arange(1, r1 + 1) / r1
        down = np.linspace(a1, lev, 25)
        low = np.full(lull, lev)
        w2 = lev + (1 - lev) * np.arange(1, r2 + 1) / r2
        s = np.concatenate([w1, np.ones(h1) * a1, down, low, w2, np.ones(h2), decay_tail(1.0, dec, int(dec * 1.7))])
        return s, r1 + h1 + 25 + lull + r2 + h2 + dec
    raise ValueError(kind)


# ------------------------------------------------------------------ helpers
def interp_profile(table, hour_float):
    x = hour_float - 0.5
    i = math.floor(x)
    f = x - i
    return table[i % 24] * (1 - f) + table[(i + 1) % 24] * f


def ar1_lognormal(rng, n, phi, sd):
    """Stationary AR(1) on the log scale, mean 1 on the natural scale."""
    x = np.empty(n)
    x[0] = rng.normal(0, sd)
    e = rng.normal(0, sd * math.sqrt(1 - phi * phi), n)
    for i in range(1, n):
        x[i] = phi * x[i - 1] + e[i]
    return np.exp(x - sd * sd / 2)


def iso(t0, seconds):
    return (t0 + dt.timedelta(seconds=float(seconds))).isoformat(timespec="seconds")


def b36(n):
    a = "0123456789abcdefghijklmnopqrstuvwxyz"
    s = ""
    while n:
        n, r = divmod(n, 36)
        s = a[r] + s
    return s or "0"


# ------------------------------------------------------------------ generation
def deterministic_rates(cfg, t0, nmin):
    """usual(t) per topic per minute (expected originals per minute, before latents)."""
    days = cfg["days"]
    hol = set(cfg.get("holidays", {}))
    ram = cfg.get("ramadan")
    wk = cfg["weekend"]
    mus = cfg["muslim"]
    daytype = []
    for d in range(days):
        date = (t0 + dt.timedelta(days=d)).date()
        daytype.append("holiday" if date.isoformat() in hol else ("weekend" if date.weekday() in wk else "weekday"))
    minute = np.arange(nmin)
    hourf = (minute % 1440) / 60.0
    dayi = minute // 1440
    overall = np.empty(nmin)
    mod_idx = np.empty(nmin, dtype=int)  # 0 weekday-type topic mods, 1 weekend/holiday
    for d in range(days):
        tab = PROFILE[daytype[d]]
        sl = slice(d * 1440, (d + 1) * 1440)
        overall[sl] = [interp_profile(tab, h) for h in hourf[sl]]
        mod_idx[sl] = 0 if daytype[d] == "weekday" else 1
        date = (t0 + dt.timedelta(days=d)).date()
        if date.weekday() == 4:  # Friday prayer dip 12:30-14:15 with 15-min edges
            h = hourf[sl]
            w = np.clip(np.minimum((h - 12.25) / 0.25, (14.5 - h) / 0.25), 0, 1)
            overall[sl] *= 1 - 0.55 * mus * w
        if ram and ram[0] <= date.isoformat() <= ram[1]:
            rm = np.array([interp_profile(RAMADAN, h) for h in hourf[sl]])
            overall[sl] *= 1 + mus * (rm - 1)
    usual = {}
    for topic, base in cfg["topics"].items():
        if topic == "weather" and cfg.get("monsoon"):
            mods = MONSOON_WEATHER
        else:
            mods = TOPIC_MOD.get(topic, (hours(1), hours(1)))
        m = np.where(mod_idx == 0,
                     np.array(mods[0])[np.floor(hourf).astype(int)],
                     np.array(mods[1])[np.floor(hourf).astype(int)])
        # normalise on a plain reference week (5 weekdays + 2 weekend days, no extras)
        ref = 0.0
        for dtype, mm, nd in (("weekday", mods[0], 5), ("weekend", mods[1], 2)):
            ref += nd * np.mean([interp_profile(PROFILE[dtype], h) * mm[int(h)] for h in np.arange(0, 24, 1 / 60)])
        ref /= 7
        r = base / 60.0 * overall * m / ref
        for a, b, mult in cfg.get("day_mult", []):
            da = (dt.date.fromisoformat(a) - t0.date()).days
            db = (dt.date.fromisoformat(b) - t0.date()).days + 1
            f = mult.get(topic, mult.get("*", 1.0))
            if topic in mult and "*" in mult:
                f = mult[topic]
            r[max(0, da) * 1440:min(days, db) * 1440] *= f
        usual[topic] = r
    return usual, daytype


def ev_class(e):
    sc = e["scenario"]
    if e["kind"] == "rumour":
        return "rumour"
    if e["kind"] == "spike":
        if sc.startswith("giveaway"):
            return "giveaway"
        if sc.startswith("minister"):
            return "minister"
        return "viral"
    return "crisis"


def generate(cfg, outdir):
    rng = np.random.default_rng(cfg["seed"])
    t0 = dt.datetime.fromisoformat(cfg["start"]).replace(tzinfo=TZ)
    nmin = cfg["days"] * 1440
    usual, daytype = deterministic_rates(cfg, t0, nmin)
    topics = list(cfg["topics"])

    # latent factors (mean 1)
    nh = nmin // 60 + 1
    news = np.repeat(np.exp(rng.normal(0, 0.1, cfg["days"] + 1) - 0.005), 1440)[:nmin]
    rain = np.repeat(ar1_lognormal(rng, nh, 0.92, cfg["rain_sd"]), 60)[:nmin]
    lat = {}
    for tp in topics:
        drift = np.repeat(ar1_lognormal(rng, nh, 0.85, 0.15), 60)[:nmin]
        block = np.repeat(rng.gamma(7.0, 1 / 7.0, nmin // 10 + 1), 10)[:nmin]
        lat[tp] = news * drift * block * rain ** RAIN_EXP.get(tp, 0.0)

    # events: extra intensity of originals per minute, spill multipliers
    mult = {tp: np.ones(nmin) for tp in topics}
    extras = []  # (event, start_minute, extra array over its span)
    truth_events = []
    for k, e in enumerate(cfg["events"], 1):
        tp = e["topic"]
        m0 = int((D(e["start"]).replace(tzinfo=TZ) - t0).total_seconds() // 60)
        s, L = shape_curve(e["shape"])
        s = s[:max(0, nmin - m0)]
        u = usual[tp][m0:m0 + len(s)]
        cls = ev_class(e)
        d_ev = SHARE_EV[cls]
        if "ratio" in e:
            extra = (e["ratio"] - 1) * u * (1 + SHARE_BG) / (1 + d_ev) * s
            ratio = float(e["ratio"])
        else:
            extra = e["peak_per_min"] * s
            tot = (u * (1 + SHARE_BG) + extra * (1 + d_ev)) / (u * (1 + SHARE_BG))
            ratio = float(np.max(tot))
        noise = np.repeat(rng.gamma(10.0, 0.1, len(s) // 5 + 1), 5)[:len(s)]
        extras.append((e, m0, extra * noise, cls))
        for tq, f in e.get("spill", {}).items():
            if tq in mult:
                mult[tq][m0:m0 + len(s)] *= 1 + f * s
        for tq, (f, lead) in e.get("lead", {}).items():
            if tq in mult:
                a = max(0, m0 - lead)
                ramp = np.clip((np.arange(a, m0 + L) - a) / max(1, lead), 0, 1)
                mult[tq][a:m0 + L] *= 1 + f * ramp[:len(mult[tq][a:m0 + L])]
        # expected mentions in the first 30 minutes (with shares) vs usual
        exp30 = float(np.sum(u[:30] * (1 + SHARE_BG) + (extra[:30]) * (1 + d_ev)))
        use30 = float(np.sum(u[:30] * (1 + SHARE_BG)))
        note = e["note"] + f" [shape {e['shape'][0]}; expected ~{exp30:.0f} mentions of this topic in the first 30 min vs ~{use30:.0f} usual]"
        if not cfg["emit_topic"]:
            note += f" [hidden topic: {tp}; this stream has no topic field]"
        if e.get("spill"):
            note += " [co-moving: " + ", ".join(f"{t} up to x{1+f:.1f}" for t, f in e["spill"].items()) + "]"
        if e.get("lead"):
            note += " [co-moving before onset: " + ", ".join(f"{t} up to x{1+f:.1f} from {l} min before" for t, (f, l) in e["lead"].items()) + "]"
        truth_events.append(dict(
            id=f"e{k}", kind=e["kind"], topic=tp if cfg["emit_topic"] else None,
            start=iso(t0, m0 * 60), end=iso(t0, min(nmin, m0 + L) * 60),
            ratio=round(ratio, 1), crisis=e["kind"] != "spike", note=note))

    # collector gaps
    gaps = []
    for a, ln in cfg.get("fixed_gaps", []):
        gaps.append((int((D(a).replace(tzinfo=TZ) - t0).total_seconds() // 60), ln))
    busy = [(int((D(ev["start"]) - t0).total_seconds() // 60) - 120, int((D(ev["end"]) - t0).total_seconds() // 60) + 60)
            for ev in truth_events]
    while len(gaps) < cfg["n_gaps"] + len(cfg.get("fixed_gaps", [])):
        g0 = int(rng.integers(600, nmin - 120))
        ln = int(rng.integers(10, 31))
        if any(g0 + ln > a and g0 < b for a, b in busy) or any(abs(g0 - x) < 1440 for x, _ in gaps):
            continue
        gaps.append((g0, ln))
    gap_mask = np.zeros(nmin, dtype=bool)
    for g0, ln in gaps:
        gap_mask[g0:g0 + ln] = True

    # draw originals
    region, langw = cfg["region"], cfg["langs"]
    posts = []  # (seconds, topic, text, share_rate)

    def stamp(m):
        sec = m * 60 + rng.uniform(0, 60)
        r = rng.random()
        if r < 0.07:
            sec = m * 60.0
        elif r < 0.10:
            sec += rng.uniform(0, 120)
        return sec

    for tp in topics:
        lam = usual[tp] * lat[tp] * mult[tp]
        cnt = rng.poisson(lam)
        for m in np.nonzero(cnt)[0]:
            for _ in range(cnt[m]):
                posts.append((stamp(m), tp, T.bg_text(tp, rng, region, langw), SHARE_BG))
    for e, m0, extra, cls in extras:
        tp = e["topic"]
        cnt = rng.poisson(extra)
        n = len(extra)
        for i in np.nonzero(cnt)[0]:
            for _ in range(cnt[i]):
                if cls == "rumour":
                    deb = i > 0.55 * n and rng.random() < 0.35
                    txt = T.rumour_text(e["scenario"], rng, region, langw, debunk=deb)
                elif cls == "crisis":
                    txt = (T.crisis_text(e["scenario"], tp, rng, region, langw, e.get("pinned"))
                           if rng.random() < 0.85 else T.bg_text(tp, rng, region, langw))
                else:
                    txt = T.spike_text(e["scenario"], tp, rng, region, langw)
                posts.append((stamp(m0 + i), tp, txt, SHARE_EV[cls]))

    # shares / retweets / forwards
    shares = []
    for sec, tp, txt, d in posts:
        k = rng.poisson(d)
        for _ in range(k):
            delay = 10 + rng.exponential(180 if d >= 0.9 else 300)
            shares.append((sec + delay, tp, T.share_text(txt, rng), 0))
    allp = posts + shares
    end_sec = nmin * 60
    allp = [p for p in allp if p[0] < end_sec and not gap_mask[int(p[0] // 60)]]
    allp.sort(key=lambda p: p[0])

    # ids: platform-like random base36, unique
    used = set()
    pref = cfg["name"].split("_")[1][:3]
    lines = []
    for sec, tp, txt, _ in allp:
        while True:
            i = pref + b36(int(rng.integers(36 ** 7, 36 ** 8)))
            if i not in used:
                used.add(i)
                break
        rec = {"id": i, "time": iso(t0, int(sec)), "text": txt}
        if cfg["emit_topic"]:
            rec["topic"] = tp
        lines.append(json.dumps(rec, ensure_ascii=False))
    body = ("\n".join(lines) + "\n").encode("utf-8")
    for old in (f"{cfg['name']}.jsonl", f"{cfg['name']}.jsonl.gz"):
        p = os.path.join(outdir, old)
        if os.path.exists(p):
            os.remove(p)
    if len(body) > 2 * 1024 * 1024:
        path = os.path.join(outdir, f"{cfg['name']}.jsonl.gz")
        with open(path, "wb") as fh:
            with gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as gz:
                gz.write(body)
    else:
        path = os.path.join(outdir, f"{cfg['name']}.jsonl")
        with open(path, "wb") as fh:
            fh.write(body)
    truth = {"start": iso(t0, 0), "end": iso(t0, end_sec), "generator": GENERATOR, "seed": cfg["seed"],
             "events": truth_events}
    with open(os.path.join(outdir, f"{cfg['name']}.truth.json"), "w", encoding="utf-8") as fh:
        json.dump(truth, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    return dict(name=cfg["name"], path=os.path.basename(path), n=len(lines), n_orig=len(posts),
                gaps=[(iso(t0, g * 60), ln) for g, ln in sorted(gaps)], events=truth_events)


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(outdir, exist_ok=True)
    for cfg in STREAMS:
        r = generate(cfg, outdir)
        print(f"{r['name']}: {r['n']} mentions ({r['n_orig']} originals) -> {r['path']}; gaps {r['gaps']}")
        for ev in r["events"]:
            print(f"   {ev['id']} {ev['kind']:9s} {str(ev['topic']):10s} {ev['start']} .. {ev['end']} x{ev['ratio']} crisis={ev['crisis']}")


if __name__ == "__main__":
    main()
