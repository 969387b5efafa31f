"""Small formats for the monitoring pages and the after-action report."""

import datetime as dt

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def minutes(value) -> str:
    """12.4 -> "12 min", 95 -> "1 h 35 min"; empty when there is nothing to say."""
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.timedelta):
        value = value.total_seconds() / 60
    total = max(0, round(float(value)))
    hours, rest = divmod(total, 60)
    if hours >= 48:
        days, hours = divmod(hours, 24)
        return _("%(days)d d %(hours)d h") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}
    return _("%(minutes)d min") % {"minutes": rest}
