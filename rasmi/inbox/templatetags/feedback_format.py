"""How the feedback pages write numbers: counts with thousands, shares, changes against
the period before, and durations, the same in Bahasa Melayu and English apart from the
words."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rasmi.registry.charts import format_value

register = template.Library()
DASH = "—"


@register.filter
def number(value) -> str:
    return DASH if value is None else format_value(value)


@register.filter
def share(value) -> str:
    """A percentage, whole: "42%"."""
    return DASH if value is None else f"{value:.0f}%"


@register.filter
def change(value) -> str:
    """A change in percent against the period before: "+25%", "−10%", "±0%"."""
    if value is None:
        return DASH
    if round(value) == 0:
        return "±0%"
    return f"+{value:,.0f}%" if value > 0 else f"−{-value:,.0f}%"


@register.filter
def points(value) -> str:
    """A change in percentage points: "+12.5", "−8"."""
    if value is None:
        return DASH
    text = format_value(round(abs(value), 1))
    return f"+{text}" if value >= 0 else f"−{text}"


@register.filter
def duration(seconds) -> str:
    """A response time a person reads at a glance: "under a minute", "42 min",
    "3 h 5 min", "2.5 days"."""
    if seconds is None:
        return DASH
    seconds = max(float(seconds), 0)
    if seconds < 60:
        return _("under a minute")
    minutes = round(seconds / 60)
    if minutes < 60:
        return _("%(minutes)d min") % {"minutes": minutes}
    if seconds < 48 * 3600:
        hours, rest = divmod(minutes, 60)
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}
    days = seconds / 86400
    return ngettext("%(days)s day", "%(days)s days", round(days)) % {
        "days": format_value(round(days, 1))}
