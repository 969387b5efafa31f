"""Check the heldout_b streams and truth files against their format (stdlib only).

    python eval/monitoring/heldout_b/verify.py          # format, coverage, lifts
    python eval/monitoring/heldout_b/verify.py --same   # also: regenerate, compare bytes

Exits 1 with one line per problem. The lift column is a sanity check that each event is
really in its stream: mentions of the event's target inside its window against the median
of the same clock window on the other days (+1 on both sides for thin topics).
"""

import datetime as dt
import filecmp
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OFFSET = dt.timedelta(hours=8)
LINE_KEYS, REQUIRED = {"id", "time", "text", "topic"}, {"id", "time", "text"}
TRUTH_KEYS = {"start", "end", "generator", "seed", "events"}
EVENT_KEYS = {"id", "kind", "topic", "start", "end", "ratio", "crisis", "note"}
HOURS = dt.timedelta(hours=1)
DURATION = {  # kind -> (shortest, longest) window
    "burst": (1 * HOURS, 5 * HOURS), "slow_rise": (12 * HOURS, 40 * HOURS),
    "rumour": (2 * HOURS, 24 * HOURS),
    "spike": (dt.timedelta(minutes=1), dt.timedelta(minutes=4)),
}
MAX_LINES, GZIP_ABOVE = 600_000, 2 * 1024 * 1024
MIN_LIFT = {"burst": 1.3, "slow_rise": 1.3, "rumour": 1.3, "spike": 2.0}

problems = []


def problem(where, text):
    problems.append(f"{where}: {text}")


def when(value, where):
    """A time string with the +08:00 offset, or None (and a problem)."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        problem(where, f"not ISO 8601: {value!r}")
        return None
    if moment.utcoffset() != OFFSET or not value.endswith("+08:00"):
        problem(where, f"offset is not +08:00: {value}")
        return None
    return moment


def read_lines(path):
    if path.suffix == ".gz":
        raw = gzip.decompress(path.read_bytes())
        if len(raw) <= GZIP_ABOVE:
            problem(path.name, "gzipped but not over 2 MB")
    else:
        raw = path.read_bytes()
        if len(raw) > GZIP_ABOVE:
            problem(path.name, "over 2 MB and not gzipped")
    return raw.decode("utf-8").splitlines()


def check_stream(name, path, start, end):
    rows, seen, last = [], set(), None
    for n, line in enumerate(read_lines(path), 1):
        where = f"{path.name}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            problem(where, "not JSON")
            continue
        if not isinstance(row, dict) or not REQUIRED <= row.keys() <= LINE_KEYS:
            problem(where, f"keys {sorted(row) if isinstance(row, dict) else type(row)}")
            continue
        if not isinstance(row["id"], str) or row["id"] in seen:
            problem(where, f"id not a unique string: {row['id']!r}")
        seen.add(row["id"])
        if not isinstance(row["text"], str) or not row["text"].strip():
            problem(where, "empty text")
        if "topic" in row and (not isinstance(row["topic"], str) or not row["topic"]):
            problem(where, f"bad topic {row['topic']!r}")
        moment = when(row["time"], where)
        if moment is None:
            continue
        if not start <= moment < end:
            problem(where, f"time {row['time']} outside the truth file's range")
        if last is not None and moment < last:
            problem(where, "not sorted by time")
        last = moment
        rows.append((moment, row.get("topic")))
    return rows


def check_truth(name, truth):
    if set(truth) != TRUTH_KEYS:
        problem(name, f"truth keys {sorted(truth)}")
    start, end = when(truth["start"], name), when(truth["end"], name)
    if not isinstance(truth.get("seed"), int) or not isinstance(truth.get("generator"), str):
        problem(name, "seed must be an int, generator a string")
    ids = [e.get("id") for e in truth["events"]]
    if len(set(ids)) != len(ids):
        problem(name, "event ids repeat")
    for e in truth["events"]:
        where = f"{name} {e.get('id')}"
        if set(e) != EVENT_KEYS:
            problem(where, f"keys {sorted(e)}")
            continue
        if e["kind"] not in DURATION:
            problem(where, f"kind {e['kind']!r}")
            continue
        if e["crisis"] is not (e["kind"] != "spike"):
            problem(where, "crisis must be false for spikes only")
        if not isinstance(e["ratio"], float) or e["ratio"] <= 1:
            problem(where, f"ratio {e['ratio']!r}")
        if e["kind"] == "spike" and not 8 <= e["ratio"] <= 30:
            problem(where, f"spike ratio {e['ratio']} outside 8-30")
        if e["kind"] == "slow_rise" and not 2.5 <= e["ratio"] <= 3.5:
            problem(where, f"slow rise ratio {e['ratio']} outside 2.5-3.5")
        if not (e["topic"] is None or isinstance(e["topic"], str)):
            problem(where, f"topic {e['topic']!r}")
        s, t = when(e["start"], where), when(e["end"], where)
        if None in (s, t, start, end):
            continue
        low, high = DURATION[e["kind"]]
        if not low <= t - s <= high:
            problem(where, f"{e['kind']} lasts {t - s}")
        if s < start + 24 * HOURS or t > end:
            problem(where, "event in the first 24 hours or past the end")
    return start, end


def lift(rows, event, start, days):
    """Target mentions in the event's window over the median of the same clock window."""
    s, t = dt.datetime.fromisoformat(event["start"]), dt.datetime.fromisoformat(event["end"])
    target = event["topic"]
    counts = {}
    for moment, topic in rows:
        if target is None or topic == target:
            offset = (moment - s) % dt.timedelta(days=1)
            if offset < t - s:
                day = (moment - offset - start).days
                counts[day] = counts.get(day, 0) + 1
    event_day = (s - start).days
    others = [counts.get(d, 0) for d in range(days) if d != event_day]
    return (counts.get(event_day, 0) + 1) / (statistics.median(others) + 1)


def main():
    truths = sorted(HERE.glob("*.truth.json"))
    if len(truths) != 6:
        problem("heldout_b", f"{len(truths)} truth files, want 6")
    total, topic_modes, kinds, big = 0, [], [], 0
    print(f"{'event':<18} {'kind':<9} {'topic':<10} {'ratio':>6} {'lift':>6}")
    for truth_path in truths:
        name = truth_path.name.removesuffix(".truth.json")
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        start, end = check_truth(name, truth)
        data = [p for p in (HERE / f"{name}.jsonl", HERE / f"{name}.jsonl.gz") if p.exists()]
        if len(data) != 1 or start is None or end is None:
            problem(name, "want exactly one .jsonl or .jsonl.gz and a valid range")
            continue
        rows = check_stream(name, data[0], start, end)
        total += len(rows)
        missing = sum(1 for _, topic in rows if topic is None) / max(1, len(rows))
        topic_modes.append(missing)
        topics = {topic for _, topic in rows if topic is not None}
        days = (end - start).days
        if not 14 <= days <= 28:
            problem(name, f"{days} days")
        for e in truth["events"]:
            kinds.append(e["kind"])
            big += e["kind"] == "burst" and e["ratio"] >= 5
            if e["topic"] is not None and e["topic"] not in topics:
                problem(f"{name} {e['id']}", f"topic {e['topic']} not in the stream")
            if e["topic"] is None and missing < 0.99:
                problem(f"{name} {e['id']}", "null topic in a stream with topics")
            value = lift(rows, e, start, days)
            print(f"{name[:12] + ' ' + e['id']:<18} {e['kind']:<9} {str(e['topic']):<10} "
                  f"{e['ratio']:>6.2f} {value:>6.2f}")
            if value < MIN_LIFT[e["kind"]]:
                problem(f"{name} {e['id']}", f"lift {value:.2f} too small to be there")
        print(f"  {name}: {days} days, {len(rows)} lines, {len(topics)} topics, "
              f"{missing:.1%} without topic, {len(truth['events'])} events")
    if total >= MAX_LINES:
        problem("heldout_b", f"{total} lines, want under {MAX_LINES}")
    modes = (sum(m > 0.99 for m in topic_modes), sum(0.15 <= m <= 0.25 for m in topic_modes),
             sum(m == 0 for m in topic_modes))
    if modes != (1, 1, len(topic_modes) - 2):
        problem("heldout_b", "want one stream without topics, one ~20% without, rest all")
    wants = {"burst": 16, "slow_rise": 4, "rumour": 4, "spike": 10}
    for kind, least in wants.items():
        if kinds.count(kind) < least:
            problem("heldout_b", f"{kinds.count(kind)} {kind} events, want {least}")
    if big < 8:
        problem("heldout_b", f"{big} bursts of 5x or more, want 8")
    print(f"total {total} lines; events {dict((k, kinds.count(k)) for k in wants)}; "
          f"bursts >= 5x: {big}")
    if "--same" in sys.argv:
        same_bytes()
    for line in problems:
        print("PROBLEM", line)
    sys.exit(1 if problems else 0)


def same_bytes():
    """Regenerate into a temporary folder and compare every file byte for byte."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(HERE / "generate.py"), tmp], check=True,
                       stdout=subprocess.DEVNULL)
        fresh = sorted(p.name for p in Path(tmp).iterdir())
        for name in fresh:
            if not filecmp.cmp(Path(tmp) / name, HERE / name, shallow=False):
                problem(name, "differs from a fresh run of generate.py")
        print(f"regenerated {len(fresh)} files: compared byte for byte")


if __name__ == "__main__":
    main()
