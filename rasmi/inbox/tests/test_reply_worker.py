"""Replies sent by the real django-tasks-db worker: to the dry-run outbox, and through the
platform connectors replaying recorded exchanges (rasmi/connectors/*/fixtures; shapes and
doc pages in rasmi/connectors/tests/test_replies.py). Never said twice to a citizen."""

import datetime as dt

import httpx
import pytest
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from rasmi.audit.models import AuditEntry
from rasmi.inbox import replier, replies
from rasmi.inbox.models import Direction, Message
from rasmi.inbox.platform_errors import explain, stored_kind
from rasmi.inbox.replier import SendState
from rasmi.inbox.tests.replying import (
    TEXT,
    comment_thread,
    fixture,
    go_live,
    make_desk,
    messenger_chat,
    recording,
)
from rasmi.publishing.models import OutboxEntry
from rasmi.publishing.tests.test_publisher import run_worker

MESSENGER_MID = "m_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa"
FB_REPLY_ID = "987654321098765_1122334455667800"


@pytest.fixture
def desk(orgs, pages):
    return make_desk(orgs, pages)


def reload(message: Message) -> Message:
    return Message.objects.get(pk=message.pk)


def test_the_worker_sends_a_reply_to_the_outbox(transactional_db, desk):
    message = replies.send_reply(comment_thread(), desk["officer"], TEXT, "ms")
    run_worker()
    message = reload(message)
    assert message.send_state == SendState.SENT and message.send_error == ""
    entry = OutboxEntry.objects.get()
    assert message.platform_message_id == f"outbox-{entry.pk}" and entry.text == TEXT
    assert AuditEntry.objects.filter(action="inbox.reply.sent",
                                     object_id=str(message.pk)).exists()
    assert replier.deliver(message.pk) == "settled"  # a repeated task does nothing
    assert OutboxEntry.objects.count() == 1


def test_a_facebook_comment_reply_through_recorded_payloads(transactional_db, desk,
                                                            monkeypatch):
    transport = go_live(desk, desk["facebook"], monkeypatch,
                        fixture=fixture("facebook", "reply_comment"))
    message = replies.send_reply(comment_thread(), desk["officer"], TEXT, "ms")
    run_worker()
    message = reload(message)
    assert message.send_state == SendState.SENT, message.send_error
    assert message.platform_message_id == FB_REPLY_ID
    transport.assert_all_used()


def test_a_messenger_reply_through_recorded_payloads(transactional_db, desk, monkeypatch):
    transport = go_live(desk, desk["facebook"], monkeypatch,
                        fixture=fixture("facebook", "reply_messenger"))
    message = replies.send_reply(messenger_chat(hours_ago=2), desk["officer"], TEXT, "ms")
    run_worker()
    assert reload(message).platform_message_id == MESSENGER_MID
    transport.assert_all_used()


def test_our_own_reply_brought_in_by_the_webhook_first_is_not_kept_twice(transactional_db,
                                                                        desk, monkeypatch):
    go_live(desk, desk["facebook"], monkeypatch, fixture=fixture("facebook", "reply_messenger"))
    conversation = messenger_chat(hours_ago=2)
    message = replies.send_reply(conversation, desk["officer"], TEXT, "ms")
    now = timezone.now()
    # Meta's echo of the Page's message, stored by ingest before the worker recorded it.
    Message.objects.create(conversation=conversation, account=desk["facebook"],
                           platform_message_id=MESSENGER_MID, direction=Direction.OUT,
                           text=TEXT, sent_at=now, event_at=now)
    run_worker()
    ours = Message.objects.get(platform_message_id=MESSENGER_MID)
    assert ours.pk == message.pk and ours.sent_by == desk["officer"]
    assert ours.send_state == SendState.SENT


def test_an_expired_token_fails_the_reply_for_a_person(transactional_db, desk, monkeypatch):
    go_live(desk, desk["facebook"], monkeypatch,
            fixture=fixture("facebook", "reply_token_expired"))
    message = replies.send_reply(comment_thread(), desk["officer"], TEXT, "ms")
    run_worker()
    message = reload(message)
    assert message.send_state == SendState.FAILED
    assert stored_kind(message.send_error) == "token_expired"
    with translation.override("en"):
        assert "expired" in explain(stored_kind(message.send_error))
    assert not DBTaskResult.objects.filter(status="READY").exists()  # not retried
    entry = AuditEntry.objects.get(action="inbox.reply.failed")
    assert entry.after["kind"] == "token_expired"


def test_metas_window_error_fails_the_reply_as_window_closed(transactional_db, desk,
                                                            monkeypatch):
    go_live(desk, desk["facebook"], monkeypatch,
            fixture=fixture("facebook", "messenger_window_closed"))
    message = replies.send_reply(messenger_chat(hours_ago=23.9), desk["officer"], TEXT, "ms")
    run_worker()
    message = reload(message)
    assert message.send_state == SendState.FAILED
    assert stored_kind(message.send_error) == "window_closed"


def test_the_window_is_checked_again_when_the_worker_sends(desk, monkeypatch):
    transport = go_live(desk, desk["facebook"], monkeypatch,
                        transport=httpx.MockTransport(lambda request: pytest.fail(
                            "nothing may be sent outside the window")))
    conversation = messenger_chat(hours_ago=23)
    message = replies.send_reply(conversation, desk["officer"], TEXT, "ms")
    # The worker was down for two hours: the window closed meanwhile.
    Message.objects.filter(conversation=conversation, direction=Direction.IN).update(
        sent_at=timezone.now() - dt.timedelta(hours=25))
    assert replier.deliver(message.pk) == "failed"
    assert stored_kind(reload(message).send_error) == "window_closed"
    assert transport.handle_request is not None  # answering anything fails the test


def test_throttling_is_retried_later_with_backoff(transactional_db, desk, monkeypatch,
                                                  settings):
    go_live(desk, desk["facebook"], monkeypatch, fixture=fixture("facebook", "reply_throttled"))
    message = replies.send_reply(comment_thread(), desk["officer"], TEXT, "ms")
    before = timezone.now()
    run_worker()
    message = reload(message)
    assert message.send_state == SendState.QUEUED
    assert stored_kind(message.send_error) == "throttled"
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["args"] == [message.pk, 2]
    # Meta's estimate (5 minutes) beats the publisher's backoff.
    assert retry.run_after >= before + dt.timedelta(minutes=5)


@pytest.mark.parametrize(("then", "sends_again"), [("find_reply", False),
                                                    ("find_reply_none", True)])
def test_a_5xx_asks_the_platform_before_replying_again(desk, monkeypatch, tmp_path, then,
                                                       sends_again):
    names = ["reply_server_error", then] + (["reply_comment"] if sends_again else [])
    transport = go_live(desk, desk["facebook"], monkeypatch,
                        fixture=recording(tmp_path, "facebook", *names))
    message = replies.send_reply(comment_thread(), desk["officer"], TEXT, "ms")
    assert replier.deliver(message.pk, 1) == "retrying"
    # Outcome unknown: kept `sending`, so the next attempt looks before it sends.
    assert reload(message).send_state == SendState.SENDING
    assert replier.deliver(message.pk, 2) == "sent"
    assert reload(message).platform_message_id == FB_REPLY_ID
    transport.assert_all_used()


class Timeout(httpx.BaseTransport):
    def handle_request(self, request):
        raise httpx.ReadTimeout("no answer", request=request)


def test_a_timeout_on_messenger_which_cannot_tell_fails_for_a_person(desk, monkeypatch):
    go_live(desk, desk["facebook"], monkeypatch, transport=Timeout())
    message = replies.send_reply(messenger_chat(), desk["officer"], TEXT, "ms")
    assert replier.deliver(message.pk) == "failed"
    message = reload(message)
    assert message.send_state == SendState.FAILED
    assert "check the conversation on the platform" in message.send_error
    # Only the first send's task: no retry was queued.
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_a_worker_that_died_mid_send_does_not_reply_twice(desk):
    message = replies.send_reply(comment_thread(), desk["officer"], TEXT, "ms")
    # The first worker sent it to the outbox and died before recording the answer.
    OutboxEntry.objects.create(idempotency_key=message.platform_message_id,
                               platform="facebook", account_key="x", text=TEXT)
    Message.objects.filter(pk=message.pk).update(send_state=SendState.SENDING)
    assert replier.deliver(message.pk) == "sent"
    assert OutboxEntry.objects.count() == 1


def test_an_interrupted_messenger_send_waits_for_a_person(desk, monkeypatch):
    go_live(desk, desk["facebook"], monkeypatch,
            transport=httpx.MockTransport(lambda request: pytest.fail("must not resend")))
    message = replies.send_reply(messenger_chat(), desk["officer"], TEXT, "ms")
    Message.objects.filter(pk=message.pk).update(send_state=SendState.SENDING)
    assert replier.deliver(message.pk) == "failed"
    assert "interrupted" in reload(message).send_error


def test_a_person_retries_a_failed_reply_and_the_worker_sends_it(transactional_db, desk,
                                                                monkeypatch):
    message = replies.send_reply(comment_thread(), desk["officer"], TEXT, "ms")
    Message.objects.filter(pk=message.pk).update(send_state=SendState.FAILED,
                                                 send_error="transient: timed out")
    DBTaskResult.objects.all().delete()
    replies.retry_reply(message, desk["officer"])
    run_worker()
    assert reload(message).send_state == SendState.SENT


def test_a_clash_with_the_webhooks_copy_being_stored_is_settled_on_a_second_try(desk,
                                                                                monkeypatch):
    from django.db import IntegrityError

    message = replies.send_reply(comment_thread(), desk["officer"], TEXT, "ms")
    real, calls = replier._sent, []

    def clashing(*args):
        calls.append(args)
        if len(calls) == 1:
            raise IntegrityError("message_unique_platform_id")
        real(*args)

    monkeypatch.setattr(replier, "_sent", clashing)
    assert replier.deliver(message.pk) == "sent" and len(calls) == 2
    assert reload(message).send_state == SendState.SENT
