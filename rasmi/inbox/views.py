"""Webhook endpoints. They answer fast: a signed delivery is stored as received and its
processing queued in the same transaction; the worker does the rest."""

import hmac
import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from rasmi.inbox.models import Delivery
from rasmi.inbox.signatures import signature_ok
from rasmi.inbox.tasks import process_delivery

log = logging.getLogger(__name__)


def _verify_subscription(request) -> HttpResponse:
    """Meta's handshake: echo hub.challenge only when hub.verify_token is ours."""
    token = settings.META_VERIFY_TOKEN
    given = request.GET.get("hub.verify_token", "")
    challenge = request.GET.get("hub.challenge", "")
    if (request.GET.get("hub.mode") == "subscribe" and token
            and hmac.compare_digest(given.encode(), token.encode())
            and challenge.isdigit()):
        return HttpResponse(challenge, content_type="text/plain")
    return HttpResponse("verification failed", status=403, content_type="text/plain")


@csrf_exempt  # signed by Meta instead; no browser session is involved
@require_http_methods(["GET", "POST"])
def meta_webhook(request):
    if request.method == "GET":
        return _verify_subscription(request)
    try:
        body = request.body
    except RequestDataTooBig:
        return HttpResponse("too large", status=413, content_type="text/plain")
    if not signature_ok(body, request.headers.get("X-Hub-Signature-256"),
                        settings.META_APP_SECRET):
        log.warning("meta webhook: bad or missing signature (%d bytes)", len(body))
        return HttpResponse("bad signature", status=403, content_type="text/plain")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return HttpResponse("not UTF-8", status=400, content_type="text/plain")
    with transaction.atomic():
        delivery = Delivery.objects.create(source="meta", body=text)
        process_delivery.enqueue(delivery.pk)
    return HttpResponse("ok", content_type="text/plain")
