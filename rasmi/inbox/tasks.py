"""Background work for the inbox, on the worker `make run` starts (django-tasks-db)."""

import datetime as dt
from dataclasses import asdict

from django.tasks import task
from django.utils import timezone

from rasmi.inbox import ingest, replier, retention
from rasmi.inbox.polling import runner
from rasmi.people.cli import system_actor


@task()
def process_delivery(delivery_id: int) -> str:
    """Store the messages of one webhook delivery; a repeat does nothing."""
    return ingest.process(delivery_id)


@task()
def deliver_reply(message_id: int, attempt: int = 1) -> str:
    """Send one officer's reply through the account's connector; a reply already sent or
    failed is left alone."""
    return replier.deliver(message_id, attempt)


@task()
def poll_inbox(every: int = 0) -> dict:
    """One polling pass over the due streams (YouTube comment threads, X mentions). With
    `every`, the next pass is queued that many seconds later, so one enqueue keeps the
    worker polling (`rasmi poll_inbox --enqueue --every 60`)."""
    try:
        return runner.poll_due().as_dict()
    finally:
        if every > 0:
            poll_inbox.using(run_after=timezone.now() + dt.timedelta(seconds=every)) \
                .enqueue(every)


@task()
def apply_retention() -> dict:
    """Anonymise what is past each organisation's retention period (a daily schedule:
    cron calling `rasmi inbox_retention --enqueue`, or any scheduler that enqueues it)."""
    report = retention.apply(actor=system_actor())
    return {"total": asdict(report.total), "deliveries_cleared": report.deliveries_cleared}
