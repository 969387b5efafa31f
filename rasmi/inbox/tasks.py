"""Background work for the inbox, on the worker `make run` starts (django-tasks-db)."""

from django.tasks import task

from rasmi.inbox import ingest, replier


@task()
def process_delivery(delivery_id: int) -> str:
    """Store the messages of one webhook delivery; a repeat does nothing."""
    return ingest.process(delivery_id)


@task()
def deliver_reply(message_id: int, attempt: int = 1) -> str:
    """Send one officer's reply through the account's connector; a reply already sent or
    failed is left alone."""
    return replier.deliver(message_id, attempt)
