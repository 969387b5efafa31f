"""The live path's latency (issue 11: an alert within 5 seconds of the triggering mention
arriving), on SQLite (DATABASE_URL, set by scripts/bench.sh).

The demo flood stream (eight ordinary days, then a flash flood) arrives as the inbox
would hand it over: batches of mentions, each through `live.observe` (store the
mentions, load or reuse the organisation's detector, feed, record the alert, keep the
state). Printed: the time of the call that carried the triggering mention (its alert
recorded, banner and e-mail queued), the median call, and for comparison the detector's
own feed() of the same mentions in memory. Not in the figure: the worker's pick-up of the
task (`db_worker --interval 1`, so up to a second) and the banner's poll (every 10 s,
`/pemantauan/sepanduk/`).
"""

import argparse
import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasmi.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=20, help="mentions per delivery")
    args = parser.parse_args()
    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from rasmi.core.surge import SurgeDetector
    from rasmi.monitoring import live
    from rasmi.monitoring.demo_stream import mentions
    from rasmi.monitoring.models import Alert
    from rasmi.registry.models import Organisation

    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.create(code="bench-live", name_ms="Agensi Ujian",
                                               name_en="Test Agency", kind="agency")
    rows = list(mentions(timezone.now()))
    in_memory = SurgeDetector()
    started = time.perf_counter()
    for mention in live.stream_mentions(rows):
        in_memory.feed(mention)
    memory_each = (time.perf_counter() - started) / len(rows)

    calls, alert_call = [], None
    for start in range(0, len(rows), args.batch):
        before = Alert.objects.count()
        began = time.perf_counter()
        live.observe(organisation, rows[start:start + args.batch], source="inbox")
        took = time.perf_counter() - began
        calls.append(took)
        if alert_call is None and Alert.objects.count() > before:
            alert_call = took
    print(f"live path, {len(rows):,} mentions in deliveries of {args.batch} "
          f"({len(calls)} calls, SQLite): median call {1000 * statistics.median(calls):.1f} ms, "
          f"slowest {1000 * max(calls):.0f} ms")
    if alert_call is None:
        print("live path: no alert raised (the demo flood should raise one)")
    else:
        print(f"live path: the call carrying the triggering mention took "
              f"{1000 * alert_call:.0f} ms, alert stored and its e-mail sent (target: "
              f"within 5 s; plus up to 1 s for the worker to take the task); the "
              f"detector alone, in memory, {1e6 * memory_each:.1f} us a mention")


if __name__ == "__main__":
    main()
