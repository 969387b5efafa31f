"""Per-client fixed-window rate limits for public endpoints, kept in the Django cache.

With the default in-process cache each worker counts on its own; set CACHE_URL to Redis
in production so all workers share one count.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import gettext as _

_clock = time.time  # tests pin it, so a window never turns over mid-test


def client_id(request) -> str:
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def allow(request, scope: str, per_minute: int | None = None) -> tuple[bool, int]:
    """Count this request; return (allowed, seconds until the window resets)."""
    limit = per_minute or settings.RATE_LIMIT_PER_MINUTE
    now = _clock()
    window = int(now // 60)
    key = f"rl:{scope}:{client_id(request)}:{window}"
    if cache.add(key, 1, timeout=65):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=65)
            count = 1
    return count <= limit, 60 - int(now) % 60


def rate_limited(request, scope: str, per_minute: int | None = None) -> HttpResponse | None:
    """For HTML views: None when allowed, else a 429 response in the visitor's language."""
    allowed, retry_after = allow(request, scope, per_minute)
    if allowed:
        return None
    response = HttpResponse(
        _("Too many requests. Please wait a minute and try again."),
        status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(retry_after)
    return response
