"""Background work for the inbox, on the worker `make run` starts (django-tasks-db)."""

from dataclasses import asdict

from django.tasks import task

from rasmi.inbox import ingest, retention
from rasmi.people.cli import system_actor


@task()
def process_delivery(delivery_id: int) -> str:
    """Store the messages of one webhook delivery; a repeat does nothing."""
    return ingest.process(delivery_id)


@task()
def apply_retention() -> dict:
    """Anonymise what is past each organisation's retention period (a daily schedule:
    cron calling `rasmi inbox_retention --enqueue`, or any scheduler that enqueues it)."""
    report = retention.apply(actor=system_actor())
    return {"total": asdict(report.total), "deliveries_cleared": report.deliveries_cleared}
