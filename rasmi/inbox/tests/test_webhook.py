"""The Meta webhook endpoint: handshake, signature on the raw body, store then queue."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from rasmi.inbox.models import Delivery, Message
from rasmi.inbox.signatures import sign, signature_ok
from rasmi.inbox.tests.conftest import SECRET, payload

URL = "/webhooks/meta/"


def test_the_url_is_where_meta_is_told_to_call():
    assert reverse("inbox:meta_webhook") == URL


def test_signature_is_checked_on_the_raw_bytes():
    body = payload("page_comments")
    good = sign(body, SECRET)
    assert signature_ok(body, good, SECRET)
    assert signature_ok(body, good.upper().replace("SHA256=", "sha256="), SECRET)
    assert not signature_ok(body + b" ", good, SECRET)
    assert not signature_ok(body, sign(body, "other-secret"), SECRET)
    assert not signature_ok(body, None, SECRET)
    assert not signature_ok(body, good.removeprefix("sha256="), SECRET)
    assert not signature_ok(body, good, "")  # no secret configured: nothing passes


def test_subscription_handshake(client, meta_app):
    ok = client.get(URL, {"hub.mode": "subscribe", "hub.challenge": "1158201444",
                          "hub.verify_token": "rasmi-verify-123"})
    assert ok.status_code == 200 and ok.content == b"1158201444"
    wrong = client.get(URL, {"hub.mode": "subscribe", "hub.challenge": "1",
                             "hub.verify_token": "guess"})
    assert wrong.status_code == 403
    script = client.get(URL, {"hub.mode": "subscribe", "hub.verify_token": "rasmi-verify-123",
                              "hub.challenge": "<script>alert(1)</script>"})
    assert script.status_code == 403  # never reflects anything but digits


@pytest.mark.django_db
def test_an_unsigned_or_forged_delivery_is_refused_and_not_stored(client, meta_app):
    body = payload("page_comments")
    assert client.post(URL, body, content_type="application/json").status_code == 403
    forged = client.post(URL, body, content_type="application/json",
                         HTTP_X_HUB_SIGNATURE_256=sign(body, "not-the-secret"))
    assert forged.status_code == 403
    assert not Delivery.objects.exists()


@pytest.mark.django_db
def test_a_signed_delivery_is_stored_as_received_and_queued(client, meta_app, pages):
    from django_tasks_db.models import DBTaskResult

    body = payload("page_comments")
    answer = client.post(URL, body, content_type="application/json",
                         HTTP_X_HUB_SIGNATURE_256=sign(body, SECRET))
    assert answer.status_code == 200
    delivery = Delivery.objects.get()
    assert delivery.body.encode() == body and delivery.processed_at is None
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert not Message.objects.exists()  # the worker does the work


def test_the_worker_turns_a_delivery_into_messages(client, meta_app, pages, transactional_db):
    body = payload("page_comments")
    client.post(URL, body, content_type="application/json",
                HTTP_X_HUB_SIGNATURE_256=sign(body, SECRET))
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload",
                 "--queue-name", "*", stdout=StringIO(), stderr=StringIO())
    assert Message.objects.count() == 2
    assert Delivery.objects.get().processed_at is not None


@pytest.mark.django_db
def test_a_body_that_is_not_utf8_is_a_clear_400(client, meta_app):
    body = b"\xff\xfe{}"
    answer = client.post(URL, body, content_type="application/json",
                         HTTP_X_HUB_SIGNATURE_256=sign(body, SECRET))
    assert answer.status_code == 400 and not Delivery.objects.exists()
