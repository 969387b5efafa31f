"""Background work for publishing, on Django's tasks framework (django-tasks-db worker)."""

from django.tasks import task

from rasmi.publishing import publisher


@task()
def publish_post(post_id: int, version: int, scheduled_at: str) -> str:
    """Publish one scheduled post to its accounts. Stale tasks (the post was edited or
    moved since) do nothing; the task queued with the change does the work."""
    return publisher.publish(post_id, version, scheduled_at)
