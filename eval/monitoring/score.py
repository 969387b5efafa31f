"""Score alerts against a stream's truth file (the shared format, issue 11).

An alert detects event E when E is a crisis, the topics agree (E.topic null, or the
alert's topic equals it) and E.start <= detected_at <= E.end; E's delay is from its start
to its first detecting alert. An alert that detects no crisis event is a false alarm
(alerts during a one-off spike are false alarms; repeats for a detected event are not).

    python -m eval.monitoring.score ALERTS.jsonl STREAM.truth.json
"""

from __future__ import annotations

import json
import statistics
import sys
from datetime import datetime
from pathlib import Path


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value)


def score(alerts: list[dict], truth: dict) -> dict:
    events = [dict(e, _start=_time(e["start"]), _end=_time(e["end"])) for e in truth["events"]]
    first: dict[str, float] = {}
    false_alarms = 0
    for alert in alerts:
        when = _time(alert["detected_at"])
        hit = False
        for event in events:
            if not event["crisis"] or not event["_start"] <= when <= event["_end"]:
                continue
            if event["topic"] is not None and alert["topic"] != event["topic"]:
                continue
            hit = True
            delay = (when - event["_start"]).total_seconds() / 60
            first[event["id"]] = min(delay, first.get(event["id"], delay))
        false_alarms += not hit
    crises = [e for e in events if e["crisis"]]
    strong = [e for e in crises if e["kind"] == "burst" and e["ratio"] >= 5]
    delays = [first[e["id"]] for e in crises if e["id"] in first]
    days = (_time(truth["end"]) - _time(truth["start"])).total_seconds() / 86400
    return {
        "crises": len(crises), "detected": sum(e["id"] in first for e in crises),
        "strong": len(strong),
        "strong_in_10": sum(first.get(e["id"], 99) <= 10 for e in strong),
        "median_delay": statistics.median(delays) if delays else None,
        "max_delay": max(delays) if delays else None,
        "alerts": len(alerts), "false_alarms": false_alarms, "weeks": days / 7,
        "events": [{"id": e["id"], "kind": e["kind"], "topic": e["topic"],
                    "ratio": e["ratio"], "crisis": e["crisis"], "note": e.get("note", ""),
                    "delay": first.get(e["id"]),
                    "alerts_during": sum(1 for a in alerts
                                         if e["_start"] <= _time(a["detected_at"]) <= e["_end"]
                                         and (e["topic"] is None or a["topic"] == e["topic"]))}
                   for e in events],
    }


def combine(results: list[dict]) -> dict:
    """Figures over several streams: counts add, delays pooled."""
    total = {k: sum(r[k] for r in results) for k in
             ("crises", "detected", "strong", "strong_in_10", "alerts", "false_alarms",
              "weeks")}
    delays = [e["delay"] for r in results for e in r["events"]
              if e["crisis"] and e["delay"] is not None]
    total["median_delay"] = statistics.median(delays) if delays else None
    total["max_delay"] = max(delays) if delays else None
    return total


def line(name: str, r: dict) -> str:
    def minutes(value):
        return "-" if value is None else f"{value:.1f} min"
    per_week = r["false_alarms"] / r["weeks"] if r["weeks"] else 0.0
    return (f"{name}: crises detected {r['detected']}/{r['crises']}; bursts >= 5x within "
            f"10 min {r['strong_in_10']}/{r['strong']}; delay median "
            f"{minutes(r['median_delay'])}, max {minutes(r['max_delay'])}; false alarms "
            f"{r['false_alarms']} in {r['weeks']:.1f} weeks = {per_week:.2f}/week "
            f"({r['alerts']} alerts)")


def aims_met(r: dict) -> bool:
    return r["strong_in_10"] == r["strong"] and \
        (r["false_alarms"] / r["weeks"] if r["weeks"] else 0) <= 1.0


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip())
        return 2
    alerts = [json.loads(x) for x in Path(argv[0]).read_text(encoding="utf-8").splitlines()
              if x.strip()]
    truth = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    print(line(Path(argv[0]).name, score(alerts, truth)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
