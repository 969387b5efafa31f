"""Background work for discovery, on Django's tasks framework.

`recheck` is what the daily schedule runs (cron calling `rasmi discover_recheck
--enqueue`, or any scheduler that enqueues it). With the default immediate backend it runs
in the caller; with a worker backend (settings TASKS) it runs in the worker.
"""

from django.tasks import task

from rasmi.discovery import services
from rasmi.people.cli import system_actor


@task()
def recheck(seen_keys: list[str] | None = None) -> dict:
    report = services.recheck(system_actor(),
                              seen_keys=set(seen_keys) if seen_keys is not None else None)
    return {"rescored": report.rescored, "label_changed": report.label_changed,
            "came_back": report.came_back, "still_gone": report.still_gone}
