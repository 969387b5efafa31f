"""The surge detector (rasmi.core.surge) on monitoring streams (issue 11), for `make eval`.

- dev/: streams from generate_dev.py, tuned on; every event's delay is printed.
- dev_b/: the first held-out set, retired into development data once it was scored.
- heldout_b/: streams from another generator, written without seeing the detector. Only
  their names are globbed here; each is run through the detector and the scorer and only
  the aggregate figures are printed - never a line of them, never an event.

Aims (issue 11): every burst of ratio >= 5 detected within 10 minutes of its start; at
most one false alarm per simulated week. The exit status follows the held-out streams
when there are any, the dev streams otherwise.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from eval.monitoring.score import aims_met, combine, line, score
from rasmi.core.surge import Mention, SurgeDetector

HERE = Path(__file__).parent
# dev_b/ was the first held-out set: scored once (17/21 crises, 5x within 10 min 3/13,
# 1.98 false alarms/week), reported, then retired into development data.
DEV_SETS = (("dev", "dev"), ("dev_b", "dev B, the retired first held-out set"))
HELD_OUT = "heldout_b"


def streams(folder: Path) -> list[tuple[str, Path, Path]]:
    found = []
    for path in sorted(folder.glob("*.jsonl*")):
        name = path.name.removesuffix(".gz").removesuffix(".jsonl")
        truth = folder / f"{name}.truth.json"
        if path.name.endswith((".jsonl", ".jsonl.gz")) and truth.exists():
            found.append((name, path, truth))
    return found


def mentions(path: Path, topic_field: str = "topic") -> Iterator[Mention]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for text in lines:
            if text.strip():
                row = json.loads(text)
                topic = row.get(topic_field)
                yield Mention(id=str(row["id"]), time=datetime.fromisoformat(row["time"]),
                              text=row.get("text") or "", topic=topic or None)


def detect(path: Path) -> list[dict]:
    detector = SurgeDetector()
    return [alert.to_json() for m in mentions(path) for alert in detector.feed(m)]


def run(folder: Path, show_events: bool) -> dict | None:
    results = []
    for name, path, truth_path in streams(folder):
        started = time.perf_counter()
        alerts = detect(path)
        result = score(alerts, json.loads(truth_path.read_text(encoding="utf-8")))
        results.append(result)
        print("  " + line(name, result) + f" [{time.perf_counter() - started:.1f} s]")
        if show_events:
            for e in result["events"]:
                delay = "missed" if e["delay"] is None else f"{e['delay']:.1f} min"
                if not e["crisis"]:
                    delay = f"{e['alerts_during']} alert(s)"
                print(f"      {e['id']:>4} {e['kind']:<9} {e['topic'] or '-':<12} "
                      f"x{e['ratio']:<5} {delay:<12} {e['note']}")
    if not results:
        return None
    total = combine(results)
    print("  " + line("all", total))
    return total


def main() -> int:
    devs = []
    for folder, title in DEV_SETS:
        print(f"{title} (eval/monitoring/{folder}, tuned on):")
        devs.append(run(HERE / folder, show_events=True))
    print(f"held-out (eval/monitoring/{HELD_OUT}, never tuned on):")
    held = run(HERE / HELD_OUT, show_events=False) if (HERE / HELD_OUT).is_dir() else None
    if held is None:
        print("  no held-out streams yet")
    judged = [held] if held else [d for d in devs if d]
    ok = bool(judged) and all(aims_met(r) for r in judged)
    print(("aims met" if ok else "aims NOT met") + " on " + ("held-out" if held else "dev") +
          " (bursts >= 5x within 10 min: all; false alarms <= 1 per week)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
