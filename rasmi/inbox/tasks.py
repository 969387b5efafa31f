"""Background work for the inbox, on the worker `make run` starts (django-tasks-db)."""

from django.tasks import task

from rasmi.inbox import ingest


@task()
def process_delivery(delivery_id: int) -> str:
    """Store the messages of one webhook delivery; a repeat does nothing."""
    return ingest.process(delivery_id)
