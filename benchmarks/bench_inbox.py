"""Inbox ingest speed on SQLite (WAL), with idempotency on (issue 10: >= 500 signed webhook
events a second).

Signed Meta deliveries (Page feed comments, shaped as documented) go through the real
webhook view in-process (Django's WSGI handler and middleware, signature check, delivery
stored and its task queued), then through the worker's processing (conversations,
contacts, messages keyed on platform ids). The same deliveries sent again measure the
idempotent path: nothing new is created. The network and the HTTP server are not in the
figure; `make bench` measures those for the verify endpoint.
"""

import argparse
import json
import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasmi.settings")


def delivery(page: str, first: int, count: int) -> bytes:
    changes = [{"field": "feed", "value": {
        "from": {"id": f"9{(i % 5000):015d}", "name": f"Warga {i % 5000}"},
        "message": f"Bila kaunter dibuka semula? Soalan nombor {i}.",
        "post_id": f"{page}_{1000 + i % 50}", "comment_id": f"{1000 + i % 50}_{i}",
        "created_time": 1795600000 + i, "item": "comment",
        "parent_id": f"{page}_{1000 + i % 50}", "verb": "add"}}
        for i in range(first, first + count)]
    return json.dumps({"object": "page", "entry": [
        {"id": page, "time": 1795600000 + first, "changes": changes}]}).encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--deliveries", type=int, default=2000)
    parser.add_argument("--events-per-delivery", type=int, default=5)
    args = parser.parse_args()
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from rasmi.inbox import ingest
    from rasmi.inbox.models import Delivery, Message
    from rasmi.inbox.signatures import sign
    from rasmi.registry.models import Organisation, SocialAccount

    call_command("migrate", verbosity=0)
    settings.META_APP_SECRET = "bench-secret"  # noqa: S105 (a throwaway benchmark key)
    org = Organisation.objects.create(code="bench", name_ms="Agensi Ujian",
                                      name_en="Test Agency", kind="agency")
    SocialAccount.objects.create(organisation=org, platform="facebook",
                                 account_key="facebook:bench.page",
                                 canonical_url="https://www.facebook.com/bench.page",
                                 handle="bench.page", platform_id="700700",
                                 status="official", official_since="2020-01-01")
    per = args.events_per_delivery
    bodies = [delivery("700700", i * per, per) for i in range(args.deliveries)]
    signed = [(body, sign(body, "bench-secret")) for body in bodies]
    events = len(bodies) * per
    client = Client()

    def accept() -> float:
        started = time.perf_counter()
        for body, signature in signed:
            answer = client.post("/webhooks/meta/", body, content_type="application/json",
                                 HTTP_X_HUB_SIGNATURE_256=signature)
            assert answer.status_code == 200, answer.status_code
        return time.perf_counter() - started

    def process() -> float:
        started = time.perf_counter()
        while ingest.process_pending(limit=500):
            pass
        return time.perf_counter() - started

    first_accept, first_process = accept(), process()
    messages = Message.objects.count()
    again_accept, again_process = accept(), process()
    assert Message.objects.count() == messages == events, (messages, events)
    assert not Delivery.objects.filter(processed_at__isnull=True).exists()
    for label, taken_accept, taken_process in (("new events", first_accept, first_process),
                                               ("repeated deliveries", again_accept,
                                                again_process)):
        print(f"inbox ingest, {label}: {events:,} events in {len(bodies):,} signed deliveries;"
              f" webhook {events / taken_accept:,.0f} events/s, worker "
              f"{events / taken_process:,.0f} events/s, end to end "
              f"{events / (taken_accept + taken_process):,.0f} events/s (target >= 500)")


if __name__ == "__main__":
    main()
