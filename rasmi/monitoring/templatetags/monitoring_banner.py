"""The live alert banner on every staff page: drawn with the page, then kept current by
HTMX polling monitoring:banner (no inline script: the CSP allows none)."""

from django import template

from rasmi.monitoring import selectors

register = template.Library()


@register.inclusion_tag("monitoring/_banner_slot.html", takes_context=True)
def alert_banner(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    count, newest = selectors.banner_alerts(user) if user is not None else (0, [])
    return {"banner_count": count, "banner_alerts": newest,
            "banner_seen": f"{count}-{newest[0].pk if newest else 0}"}
