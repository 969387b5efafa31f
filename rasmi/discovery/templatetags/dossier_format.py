"""Formatting for dossiers, whose data is the JSON export (ISO 8601 strings)."""

import datetime as dt

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def iso_local(value: str | None) -> str:
    """"2026-11-25T07:25:15.183822+00:00" -> "2026-11-25 15:25 UTC+08:00" (the site's zone);
    anything that is not an ISO date-time comes back as it was."""
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return str(value)
    if timezone.is_naive(moment):
        return moment.strftime("%Y-%m-%d %H:%M")
    local = timezone.localtime(moment)
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M} UTC{offset[:3]}:{offset[3:]}"
