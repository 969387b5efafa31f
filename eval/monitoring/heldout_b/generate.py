"""Generate the heldout_b monitoring streams and their truth files (stdlib only).

    python eval/monitoring/heldout_b/generate.py [OUT_DIR]

Writes <name>.jsonl (or .jsonl.gz above 2 MB) and <name>.truth.json beside this file,
byte for byte the same on every run. The model, minute by minute per topic:

    usual(t)  = plateau rate x daily profile (weekend/holiday-shifted) x day factors
    mood(t)   = exp(sigma * AR(1) hourly latent), shared in part by co-moving topics
    count     = Poisson(usual * mood / 60 * Gamma(k, 1/k))       (over-dispersed)
    events    add Poisson((ratio - 1) * shape(t) * usual(t) / 60 * Gamma) mentions,
              or, for rumours, copies at an absolute rate.
"""

import datetime as dt
import gzip
import json
import math
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import phrases  # noqa: E402
from streams import LANG_MIX, STREAMS  # noqa: E402

GENERATOR = "heldout_b/musim-1"
OUT = Path(__file__).resolve().parent
TZ = dt.timezone(dt.timedelta(hours=8))
GZIP_ABOVE = 2 * 1024 * 1024
DAY = 1440

# Relative rate at the start of each local hour; linear in between.
PROFILES = {
    "commute": [0.15, 0.08, 0.05, 0.05, 0.08, 0.3, 0.9, 1.5, 1.4, 0.9, 0.7, 0.7,
                0.8, 0.75, 0.7, 0.8, 1.1, 1.5, 1.6, 1.1, 0.8, 0.6, 0.4, 0.25],
    "office": [0.1, 0.05, 0.03, 0.03, 0.04, 0.08, 0.25, 0.6, 1.1, 1.3, 1.3, 1.2,
               0.9, 1.1, 1.2, 1.1, 0.9, 0.6, 0.45, 0.45, 0.4, 0.35, 0.25, 0.15],
    "evening": [0.5, 0.3, 0.18, 0.1, 0.08, 0.1, 0.2, 0.4, 0.6, 0.75, 0.85, 0.9,
                1.0, 0.95, 0.9, 0.9, 0.95, 1.0, 1.1, 1.3, 1.45, 1.45, 1.2, 0.8],
    "general": [0.35, 0.22, 0.14, 0.1, 0.09, 0.13, 0.3, 0.6, 0.85, 0.95, 1.0, 1.0,
                1.05, 1.0, 0.95, 0.95, 0.95, 0.95, 1.0, 1.1, 1.2, 1.15, 0.9, 0.6],
    "weather": [0.3, 0.2, 0.15, 0.12, 0.12, 0.2, 0.5, 0.8, 0.9, 0.9, 0.95, 1.0,
                1.05, 1.1, 1.25, 1.35, 1.3, 1.1, 0.95, 0.85, 0.75, 0.6, 0.5, 0.4],
}
WEEKEND = {"commute": 0.6, "office": 0.4, "evening": 1.15, "general": 0.9, "weather": 1.0}
HOLIDAY = {"commute": 0.5, "office": 0.3, "evening": 1.1, "general": 0.85, "weather": 1.0}
# Friday prayers thin weekday traffic and office talk where Friday is a working day.
FRIDAY_NOON = {"commute": 0.85, "office": 0.6, "general": 0.9}
HOLIDAY_EVE = 1.25  # commute talk the afternoon before a holiday (balik kampung)

MOOD_SIGMA, GROUP_SIGMA, GROUP_SHARE, MOOD_PHI = 0.18, 0.24, 0.7, 0.92
EVENT_K = 3.0  # gamma shape of event mentions per minute
REPLY_P, REPLY_MIN_RATE = 0.04, 15
PARTIAL_MISSING = 0.20
ALARM = ["⚠️", "‼️", "😱", "🙏", "📢", "🚨"]
SCHOOL_KINDS = ["SK", "SMK", "SJK(C)", "SJK(T)"]
SLOT = re.compile(r"\{(\w+)\}")


def sub_rng(seed, label):
    """An independent generator per purpose, so one part's draws never shift another's."""
    return random.Random(f"{seed}:{label}")


def poisson(rng, lam):
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def gamma_noise(rng, k):
    return rng.gammavariate(k, 1.0 / k)


# --- usual rates -------------------------------------------------------------------------

def profile_at(kind, minute_of_day):
    hour, frac = divmod(minute_of_day % DAY, 60)
    values = PROFILES[kind]
    return values[hour] + (values[(hour + 1) % 24] - values[hour]) * frac / 60


def usual_rates(stream, spec):
    """Expected mentions per hour for every minute, without noise or events."""
    start = dt.date.fromisoformat(stream["start"])
    holidays = {dt.date.fromisoformat(d) for d in stream["holidays"]}
    kind, rate = spec["profile"], spec["rate"]
    rates = []
    for day in range(stream["days"]):
        date = start + dt.timedelta(days=day)
        off = date in holidays or date.weekday() in stream["weekend"]
        eve = (date + dt.timedelta(days=1)) in holidays
        friday_work = date.weekday() == 4 and not off
        factor = (HOLIDAY[kind] if date in holidays else WEEKEND[kind]) if off else 1.0
        # Days off start later: shift the non-commute profiles by an hour.
        shift = 60 if off and kind != "commute" else 0
        for mod in range(DAY):
            value = rate * factor * profile_at(kind, mod - shift)
            if eve and kind == "commute" and mod >= 14 * 60:
                value *= HOLIDAY_EVE
            if friday_work and 12 * 60 + 15 <= mod < 14 * 60 + 15:
                value *= FRIDAY_NOON.get(kind, 1.0)
            rates.append(value)
    return rates


def moods(stream):
    """Per topic, a multiplicative hourly mood (AR(1)), interpolated to minutes."""
    hours = stream["days"] * 24 + 1
    shared = {}
    for spec in stream["topics"]:
        group = spec["group"]
        if group and group not in shared:
            rng = sub_rng(stream["seed"], f"group:{group}")
            shared[group] = [rng.gauss(0, 1) for _ in range(hours)]
    result = {}
    for spec in stream["topics"]:
        rng = sub_rng(stream["seed"], f"mood:{spec['name']}")
        group = spec["group"]
        sigma = GROUP_SIGMA if group else MOOD_SIGMA
        x, latent = rng.gauss(0, 1), []
        for h in range(hours):
            own = rng.gauss(0, 1)
            eps = (GROUP_SHARE * shared[group][h] + math.sqrt(1 - GROUP_SHARE ** 2) * own
                   if group else own)
            x = MOOD_PHI * x + math.sqrt(1 - MOOD_PHI ** 2) * eps
            latent.append(math.exp(sigma * x - sigma ** 2 / 2))
        per_minute = []
        for m in range(stream["days"] * DAY):
            h, frac = divmod(m, 60)
            per_minute.append(latent[h] + (latent[h + 1] - latent[h]) * frac / 60)
        result[spec["name"]] = per_minute
    return result


# --- event shapes ------------------------------------------------------------------------

def burst_shape(shape, x, length):
    """Fraction of the full lift at minute x of a burst lasting `length` minutes."""
    tail = max(0.0, min(1.0, (length - x) / 15))
    if shape == "step":
        return 1.0
    if shape == "fast_ramp":
        return min((x + 1) / 4, 1.0, tail)
    if shape == "slow_ramp":
        return min((x + 1) / 15, 1.0, max(0.0, min(1.0, (length - x) / 20)))
    if shape == "double":
        first_end, second_start = 0.4 * length, 0.55 * length
        if x < first_end:
            return min((x + 1) / 5, 1.0, 0.2 + 0.8 * (first_end - x) / 10)
        if x < second_start:
            return 0.2
        return min(0.2 + 0.8 * (x - second_start + 1) / 8, 1.0, tail)
    if shape == "decay":
        return min((x + 1) / 2, math.exp(-max(0, x - 1) / (length / 3)))
    raise ValueError(shape)


def rise_hold_fall(x, climb, hold, fall):
    """Smooth climb to 1 over `climb` minutes, hold, then a linear fall."""
    if x < climb:
        u = x / climb
        return u * u * (3 - 2 * u)
    if x < climb + hold:
        return 1.0
    return max(0.0, 1 - (x - climb - hold) / fall)


def rumour_shape(x, rise, hold, fall, floor):
    """Copies grow exponentially from `floor` of the peak, hold, then fade."""
    if x < rise:
        return floor * math.exp(math.log(1 / floor) * x / rise)
    if x < rise + hold:
        return 1.0
    return max(0.0, 1 - (x - rise - hold) / fall)


def event_minutes(stream, event):
    day0 = event["day"] * DAY
    hh, mm = map(int, event["at"].split(":"))
    start = day0 + hh * 60 + mm
    kind = event["kind"]
    if kind == "burst":
        length = round(event["hours"] * 60)
        shape = [burst_shape(event["shape"], x, length) for x in range(length)]
    elif kind == "slow_rise":
        climb, hold, fall = (round(event[k] * 60) for k in ("climb", "hold", "fall"))
        length = climb + hold + fall
        shape = [rise_hold_fall(x, climb, hold, fall) for x in range(length)]
    elif kind == "rumour":
        rise, hold, fall = (round(event[k] * 60) for k in ("rise", "hold", "fall"))
        length = rise + hold + fall
        floor = 2 / event["peak"]
        shape = [rumour_shape(x, rise, hold, fall, floor) for x in range(length)]
    else:
        length = event["minutes"]
        shape = [1.0] * length
    if start < DAY or start + length > stream["days"] * DAY:
        raise ValueError(f"{stream['name']}: event at day {event['day']} outside its range")
    return start, shape


# --- texts -------------------------------------------------------------------------------

def fill(template, region, rng):
    def pick(match):
        key = match.group(1)
        if key == "subject":  # filled once per event by the caller
            return match.group(0)
        if key == "school":
            return f"{rng.choice(SCHOOL_KINDS)} {rng.choice(region['place'])}"
        return rng.choice(region.get(key) or phrases.COMMON_SLOTS[key])
    return SLOT.sub(pick, template)


def roughen(text, lang, rng):
    """The small untidiness of real posts: short forms, emoji, shouting, lower case."""
    if lang in ("ms", "mix") and rng.random() < 0.25:
        for full, short in phrases.SHORTFORMS:
            if rng.random() < 0.5:
                text = text.replace(full, short)
    r = rng.random()
    if r < 0.12:
        text += " " + rng.choice(phrases.EMOJI)
    elif r < 0.2:
        text += "!!"
    if lang in ("ms", "en", "mix") and rng.random() < 0.08:
        text = text.lower()
    return text


def pick_lang(weights, rng):
    r, acc = rng.random(), 0.0
    for lang, w in weights.items():
        acc += w
        if r < acc:
            return lang
    return "ms"


def say(bank, weights, region, rng):
    lang = pick_lang(weights, rng)
    lines = bank.get(lang) or bank["ms"]
    return roughen(fill(rng.choice(lines), region, rng), lang, rng)


def typo(text, rng):
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not candidates:
        return text
    i = rng.choice(candidates)
    w, j = words[i], rng.randrange(1, len(words[i]) - 1)
    op = rng.randrange(3)
    if op == 0:
        w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    elif op == 1:
        w = w[:j] + w[j + 1:]
    else:
        w = w[:j] + w[j] + w[j:]
    words[i] = w
    return " ".join(words)


def rumour_copy(claim, rng):
    """The claim as forwarded once more: swapped words, a typo, a prefix, emoji."""
    text = claim
    for a, b in rng.sample(phrases.RUMOUR_SWAPS, k=rng.randint(0, 3)):
        if rng.random() < 0.5:
            a, b = b, a
        text = text.replace(a, b, 1)
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        text = typo(text, rng)
    if rng.random() < 0.1:
        text = text.rsplit(",", 1)[0]
    if rng.random() < 0.08:
        text = text.upper()
    text = rng.choice(phrases.FORWARD_PREFIXES) + text
    if rng.random() < 0.5:
        text += " " + "".join(rng.choice(ALARM) for _ in range(rng.randint(1, 3)))
    return text


# --- one stream --------------------------------------------------------------------------

def build(stream):
    seed, region = stream["seed"], phrases.REGIONS[stream["region"]]
    weights = LANG_MIX[stream["lang"]]
    names = [t["name"] for t in stream["topics"]]
    usual = {t["name"]: usual_rates(stream, t) for t in stream["topics"]}
    total = [sum(v) for v in zip(*usual.values(), strict=True)]
    mood = moods(stream)
    mentions = []  # (minute, second, topic, text)

    for spec in stream["topics"]:
        name, k = spec["name"], spec["k"]
        rng = sub_rng(seed, f"counts:{name}")
        trng = sub_rng(seed, f"texts:{name}")
        bank = phrases.TOPICS[name]
        for m, rate in enumerate(usual[name]):
            for _ in range(poisson(rng, rate * mood[name][m] / 60 * gamma_noise(rng, k))):
                mentions.append((m, rng.randrange(60), name, say(bank, weights, region, trng)))

    truth = []
    for index, event in enumerate(stream["events"]):
        truth.extend(add_event(stream, index, event, usual, total, mentions, weights, region))

    add_replies(stream, usual, mentions, weights, region)
    truth.sort(key=lambda e: (e["start"], e["topic"] or ""))
    for n, e in enumerate(truth, 1):
        e["id"] = f"e{n}"
    by_index = {e.pop("_index_topic"): e["id"] for e in truth}
    for e in truth:  # name the partners of a co-moving event in its note
        partners = [by_index[key] for key in e.pop("_partners")]
        if partners:
            e["note"] += f"; co-moves with {', '.join(partners)}"
    return names, mentions, truth


def add_event(stream, index, event, usual, total, mentions, weights, region):
    seed, kind = stream["seed"], event["kind"]
    rng = sub_rng(seed, f"event:{index}:counts")
    trng = sub_rng(seed, f"event:{index}:texts")
    start, shape = event_minutes(stream, event)
    hidden = stream["topic_field"] == "none"
    if kind == "burst":
        lifts = event["lifts"]
    elif kind == "slow_rise":
        lifts = {event["topic"]: (event["ratio"], event["flavour"])}
    elif kind == "spike":
        lifts = {event["topic"]: (event["ratio"], None)}
    else:
        lifts = {event["topic"]: (None, event["claim"])}

    subject = fill(event.get("subject", ""), region, trng)
    extras = {}  # topic -> extra mentions per hour, minute by minute
    for name, (ratio, flavour) in lifts.items():
        base = total if name is None else usual[name]
        if kind == "rumour":
            rates = [event["peak"] * f for f in shape]
        else:
            rates = [(ratio - 1) * f * base[start + x] for x, f in enumerate(shape)]
        extras[name] = rates
        peak_at = shape.index(max(shape))
        for x, rate in enumerate(rates):
            for _ in range(poisson(rng, rate / 60 * gamma_noise(rng, EVENT_K))):
                text = event_text(kind, name, flavour, subject, x >= peak_at, weights, region,
                                  trng)
                mentions.append((start + x, rng.randrange(60), name or "", text))

    # The written ratio: what the scorer's target (the topic, or the whole stream when
    # topics are hidden) reaches at the top of the event, against its usual rate.
    top = [x for x, f in enumerate(shape) if f >= 0.95]
    targets = [None] if hidden else list(lifts)
    records = []
    for name in targets:
        base = total if name is None else usual[name]
        lifted = list(extras) if name is None else [name]
        ratios = [(base[start + x] + sum(extras[t][x] for t in lifted)) / base[start + x]
                  for x in top]
        records.append({
            "id": None, "kind": kind, "topic": name,
            "start": iso(stream, start), "end": iso(stream, start + len(shape)),
            "ratio": round(sum(ratios) / len(ratios), 2), "crisis": kind != "spike",
            "note": event_note(event, subject, lifts, hidden),
            "_index_topic": (index, name),
            "_partners": [(index, t) for t in targets if t != name],
        })
    return records


def event_text(kind, name, flavour, subject, after_peak, weights, region, rng):
    if kind == "spike":
        text = say(phrases.SPIKE_TEXTS, weights, region, rng).replace("{subject}", subject)
        return text[:1].upper() + text[1:]
    if kind == "rumour":
        if after_peak and rng.random() < 0.08:
            return rng.choice(phrases.DEBUNKS)
        return rumour_copy(phrases.RUMOURS[flavour], rng)
    bank = phrases.EVENT_TEXTS[flavour] if rng.random() < 0.8 else phrases.TOPICS[name]
    return say(bank, weights, region, rng)


def event_note(event, subject, lifts, hidden):
    kind = event["kind"]
    if kind == "burst":
        head = f"{event['shape']}, {event['hours']:g} h; {event['note']}"
    elif kind == "slow_rise":
        head = (f"climb {event['climb']:g} h, hold {event['hold']:g} h, fall "
                f"{event['fall']:g} h; {event['note']}")
    elif kind == "rumour":
        head = (f"peak {event['peak']} copies/h after {event['rise']:g} h, hold "
                f"{event['hold']:g} h, fade {event['fall']:g} h; {event['note']}")
    else:
        head = f"{event['minutes']} min viral clip/live: {subject}"
    if hidden:
        hidden_lifts = ", ".join(
            f"{t} x{r:g}" if r else t for t, (r, _) in lifts.items() if t is not None)
        if hidden_lifts:
            head += f"; hidden sub-topic {hidden_lifts}, ratio is against the whole stream"
    return head


def add_replies(stream, usual, mentions, weights, region):
    """A few short replies trail posts on the busier topics, minutes later."""
    rng = sub_rng(stream["seed"], "replies")
    end = stream["days"] * DAY
    busy = {t["name"] for t in stream["topics"] if t["rate"] >= REPLY_MIN_RATE}
    for m, _, name, _ in list(mentions):
        if name in busy and rng.random() < REPLY_P:
            for _ in range(rng.randint(1, 3)):
                at = m + rng.randint(1, 10)
                if at < end:
                    mentions.append((at, rng.randrange(60), name,
                                     say(phrases.REPLIES, weights, region, rng)))


def iso(stream, minute, second=0):
    start = dt.datetime.fromisoformat(stream["start"]).replace(tzinfo=TZ)
    return (start + dt.timedelta(minutes=minute, seconds=second)).isoformat()


def lines(stream, mentions):
    rng = sub_rng(stream["seed"], "topic_field")
    mentions.sort()
    for n, (m, s, name, text) in enumerate(mentions, 1):
        row = {"id": f"{stream['prefix']}-{n:07d}", "time": iso(stream, m, s), "text": text}
        mode = stream["topic_field"]
        if mode == "all" or (mode == "partial" and rng.random() >= PARTIAL_MISSING):
            row["topic"] = name
        yield json.dumps(row, ensure_ascii=False) + "\n"


def write(stream, out):
    names, mentions, truth = build(stream)
    body = "".join(lines(stream, mentions)).encode("utf-8")
    plain, packed = out / f"{stream['name']}.jsonl", out / f"{stream['name']}.jsonl.gz"
    for old in (plain, packed):
        old.unlink(missing_ok=True)
    if len(body) > GZIP_ABOVE:
        with packed.open("wb") as raw, gzip.GzipFile(
                filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(body)
    else:
        plain.write_bytes(body)
    head = {"start": iso(stream, 0), "end": iso(stream, stream["days"] * DAY),
            "generator": GENERATOR, "seed": stream["seed"], "events": truth}
    (out / f"{stream['name']}.truth.json").write_text(
        json.dumps(head, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return names, len(mentions), truth


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT  # another folder: verify.py --same
    print("| stream | days | lines | topics | bursts | slow rises | rumours | spikes |")
    print("|---|---|---|---|---|---|---|---|")
    grand = 0
    for stream in STREAMS:
        names, count, truth = write(stream, out)
        grand += count
        kinds = [e["kind"] for e in truth]
        topics = {"all": "all lines", "none": "no topic field",
                  "partial": "~20% lines without"}[stream["topic_field"]]
        print(f"| {stream['name']} | {stream['days']} | {count} | {len(names)} ({topics}) | "
              f"{kinds.count('burst')} | {kinds.count('slow_rise')} | "
              f"{kinds.count('rumour')} | {kinds.count('spike')} |")
    print(f"total lines: {grand}")


if __name__ == "__main__":
    main()
