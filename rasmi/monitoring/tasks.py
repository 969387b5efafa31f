"""Background work for monitoring, on the worker `make run` starts (django-tasks-db)."""

from django.tasks import task

from rasmi.monitoring import live
from rasmi.registry.models import Organisation


@task()
def observe_mentions(organisation_id: int, rows: list[dict], source: str = "inbox") -> int:
    """New mentions of one organisation through its live detector; returns the alerts."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return 0
    return len(live.observe(organisation, rows, source=source))
