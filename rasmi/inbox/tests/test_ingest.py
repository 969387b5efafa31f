"""Deliveries -> conversations and messages: once, in any order, registered accounts only."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from rasmi.inbox import ingest
from rasmi.inbox.models import Contact, Conversation, Delivery, Direction, Message
from rasmi.inbox.tests.conftest import payload

pytestmark = pytest.mark.django_db


def deliver(*names: str, sweep: int = ingest.SWEEP) -> list[Delivery]:
    stored = [Delivery.objects.create(source="meta", body=payload(n).decode()) for n in names]
    for delivery in stored:
        ingest.process(delivery.pk, sweep=sweep)
    return stored


def test_comments_become_one_thread_on_the_right_account(pages):
    deliver("page_comments")
    conversation = Conversation.objects.get()
    assert conversation.account == pages["facebook"]
    assert conversation.organisation == pages["facebook"].organisation
    assert conversation.post_id == "100064_987654321098765"
    assert [m.author.name for m in conversation.messages.all()] == ["Nurul Aina",
                                                                    "Tan Wei Ming"]
    assert conversation.last_message_at == conversation.messages.last().sent_at


def test_a_repeated_delivery_and_a_repeated_run_change_nothing(pages):
    first, again = deliver("page_comments", "page_comments")
    assert Message.objects.count() == 2 and Contact.objects.count() == 2
    assert ingest.process(first.pk) == "already processed"
    again.refresh_from_db()
    assert again.events == 2


@pytest.mark.parametrize("sweep", [1, ingest.SWEEP])
def test_an_edit_that_arrives_before_its_comment_wins(pages, sweep):
    deliver("page_comment_edited", "page_comments", sweep=sweep)
    top = Message.objects.get(platform_message_id="987654321098765_1122334455667788")
    assert "3 minggu" in top.text and top.edited
    assert Message.objects.count() == 2


def test_a_comment_and_its_edit_in_one_delivery_store_the_edit(pages):
    added = json.loads(payload("page_comments"))
    edit = json.loads(payload("page_comment_edited"))["entry"][0]["changes"][0]
    added["entry"][0]["changes"].append(edit)
    delivery = Delivery.objects.create(source="meta", body=json.dumps(added))
    assert ingest.process(delivery.pk) == "3 events"
    top = Message.objects.get(platform_message_id="987654321098765_1122334455667788")
    assert "3 minggu" in top.text and top.edited and Message.objects.count() == 2


def test_the_pages_own_reply_is_outgoing_and_counts_as_first_response(pages):
    deliver("page_comments", "page_reply_by_page")
    reply = Message.objects.get(platform_message_id="987654321098765_1122334455667800")
    assert reply.direction == Direction.OUT and reply.author is None
    conversation = reply.conversation
    assert conversation.first_response_at == reply.sent_at


def test_a_new_comment_reopens_a_resolved_conversation(pages):
    deliver("page_comment_edited")
    Conversation.objects.update(status="resolved")
    deliver("page_comments")
    assert Conversation.objects.get().status == "open"


def test_direct_messages_and_instagram_comments(pages):
    deliver("messenger", "instagram_comments")
    direct = Conversation.objects.get(kind="direct")
    assert direct.account == pages["facebook"] and direct.thread_key == "7123456789012345"
    insta = Conversation.objects.get(account=pages["instagram"])
    assert insta.messages.count() == 2


def test_accounts_not_official_in_the_register_are_refused_and_logged(pages, caplog):
    (delivery,) = deliver("unregistered_page")  # a pending Page
    assert not Message.objects.exists()
    delivery.refresh_from_db()
    assert delivery.refused == [{"platform": "facebook", "account_id": "555000111",
                                 "message_id": "42_4242"}]
    assert "not official" in caplog.text


def test_a_broken_delivery_is_kept_with_its_error_and_not_retried(pages):
    delivery = Delivery.objects.create(source="meta", body="{oops")
    assert ingest.process(delivery.pk) == "bad delivery"
    delivery.refresh_from_db()
    assert delivery.processed_at and "BadDelivery" in delivery.error


def test_a_worker_takes_the_deliveries_waiting_with_its_own(pages):
    bodies = [payload("page_comments").decode(), "{oops", payload("unregistered_page").decode(),
              payload("messenger").decode()]
    first, broken, refused, direct = [Delivery.objects.create(source="meta", body=b)
                                      for b in bodies]
    assert ingest.process(first.pk) == "2 events"
    assert not Delivery.objects.filter(processed_at__isnull=True).exists()
    assert Message.objects.count() == 3
    broken.refresh_from_db(), refused.refresh_from_db()
    assert "BadDelivery" in broken.error and refused.refused[0]["message_id"] == "42_4242"
    assert ingest.process(direct.pk) == "already processed"


def test_deliveries_left_while_the_worker_was_down_are_picked_up(pages):
    for name in ("page_comments", "messenger"):
        Delivery.objects.create(source="meta", body=payload(name).decode())
    out = StringIO()
    call_command("process_deliveries", stdout=out)
    assert "2 deliveries processed" in out.getvalue()
    assert Message.objects.count() == 3
