#!/usr/bin/env python3
"""Check the held-out streams against the shared format and print a short look at each
event.  Exit status 1 on any format problem.

Checks: valid JSON per line; keys id/time/text (+ optional topic, and nothing else);
ISO 8601 times with a +08:00 offset; sorted by time; unique ids; non-empty texts;
truth file keys; event ids unique; kinds valid; crisis flag consistent with kind;
events inside the stream span; topic null exactly when the stream has no topic field;
every mention inside [start, end).
"""
import datetime as dt
import glob
import gzip
import json
import os
import re
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$")
KINDS = {"burst", "slow_rise", "spike", "rumour"}


def load(path):
    op = gzip.open if path.endswith(".gz") else open
    with op(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main():
    bad = []
    for tpath in sorted(glob.glob(os.path.join(HERE, "*.truth.json"))):
        name = os.path.basename(tpath)[:-len(".truth.json")]
        spath = [p for p in (os.path.join(HERE, name + ".jsonl"), os.path.join(HERE, name + ".jsonl.gz")) if os.path.exists(p)]
        if len(spath) != 1:
            bad.append(f"{name}: expected exactly one stream file, found {spath}")
            continue
        truth = json.load(open(tpath, encoding="utf-8"))
        for k in ("start", "end", "generator", "seed", "events"):
            if k not in truth:
                bad.append(f"{name}: truth lacks {k}")
        t0, t1 = dt.datetime.fromisoformat(truth["start"]), dt.datetime.fromisoformat(truth["end"])
        rows = load(spath[0])
        ids, prev, with_topic = set(), None, 0
        for i, r in enumerate(rows):
            if set(r) - {"id", "time", "text", "topic"} or not {"id", "time", "text"} <= set(r):
                bad.append(f"{name}:{i+1}: keys {sorted(r)}")
            if not ISO.match(r["time"]):
                bad.append(f"{name}:{i+1}: time {r['time']}")
            t = dt.datetime.fromisoformat(r["time"])
            if prev and t < prev:
                bad.append(f"{name}:{i+1}: not sorted")
            if not (t0 <= t < t1):
                bad.append(f"{name}:{i+1}: outside span")
            prev = t
            if r["id"] in ids:
                bad.append(f"{name}:{i+1}: duplicate id {r['id']}")
            ids.add(r["id"])
            if not isinstance(r["text"], str) or not r["text"].strip():
                bad.append(f"{name}:{i+1}: empty text")
            if "topic" in r:
                with_topic += 1
        has_topic = with_topic > 0
        eids = set()
        for e in truth["events"]:
            for k in ("id", "kind", "topic", "start", "end", "ratio", "crisis", "note"):
                if k not in e:
                    bad.append(f"{name}:{e.get('id')}: lacks {k}")
            if e["id"] in eids:
                bad.append(f"{name}: duplicate event id {e['id']}")
            eids.add(e["id"])
            if e["kind"] not in KINDS:
                bad.append(f"{name}:{e['id']}: kind {e['kind']}")
            if e["crisis"] != (e["kind"] != "spike"):
                bad.append(f"{name}:{e['id']}: crisis flag vs kind")
            for k in ("start", "end"):
                if not ISO.match(e[k]):
                    bad.append(f"{name}:{e['id']}: {k} {e[k]}")
            es, ee = dt.datetime.fromisoformat(e["start"]), dt.datetime.fromisoformat(e["end"])
            if not (t0 <= es < ee <= t1):
                bad.append(f"{name}:{e['id']}: outside span or empty")
            if (e["topic"] is None) == has_topic:
                bad.append(f"{name}:{e['id']}: topic {e['topic']} but stream has_topic={has_topic}")
        days = (t1 - t0).total_seconds() / 86400
        n_crisis = sum(e["crisis"] for e in truth["events"])
        kinds = {k: sum(e["kind"] == k for e in truth["events"]) for k in sorted(KINDS)}
        print(f"{name}: {len(rows)} mentions over {days:.0f} days ({len(rows)/days/24:.1f}/h), "
              f"topic field: {'yes' if has_topic else 'none'}, {os.path.getsize(spath[0])/1e6:.2f} MB "
              f"{os.path.basename(spath[0])}; events {kinds}, crisis {n_crisis}")
        # empirical look: mentions (of the event topic, or all for topic-less streams) in
        # the first hour (or the whole event when shorter) vs the same clock window on
        # the other days of the stream (median)
        for e in truth["events"]:
            es, ee = dt.datetime.fromisoformat(e["start"]), dt.datetime.fromisoformat(e["end"])
            w = min(dt.timedelta(minutes=60), ee - es)
            sel = (lambda r: r.get("topic") == e["topic"]) if has_topic else (lambda r: True)
            times = [dt.datetime.fromisoformat(r["time"]) for r in rows if sel(r)]
            def cnt(a):
                return sum(a <= t < a + w for t in times)
            obs = cnt(es)
            other = []
            for d in range(-int(days), int(days) + 1):
                a = es + dt.timedelta(days=d)
                if d and t0 <= a and a + w <= t1:
                    other.append(cnt(a))
            med = statistics.median(other) if other else 0
            print(f"   {e['id']} {e['kind']:9s} {str(e['topic']):9s} ratio {e['ratio']:>6}: first {int(w.total_seconds()//60)} min "
                  f"{obs} vs median {med} same window other days")
    if bad:
        print("PROBLEMS:", *bad[:50], sep="\n  ")
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
