"""Meta's documented delivery shapes -> events, without a database."""

import datetime as dt

import pytest

from rasmi.inbox.meta_events import BadDelivery, parse
from rasmi.inbox.tests.conftest import payload


def test_page_comments_and_replies_share_a_thread_and_reactions_are_skipped():
    top, reply = parse(payload("page_comments"))
    assert (top.platform, top.account_id, top.kind, top.verb) == \
        ("facebook", "100064", "comments", "add")
    assert top.thread_key == top.message_id == "987654321098765_1122334455667788"
    assert top.author_name == "Nurul Aina" and not top.outgoing
    assert top.at == dt.datetime.fromtimestamp(1764061200, tz=dt.UTC)
    assert reply.thread_key == top.message_id and reply.parent_id == top.message_id


def test_an_edit_and_the_pages_own_reply():
    (edit,) = parse(payload("page_comment_edited"))
    assert edit.verb == "edit" and "3 minggu" in edit.text
    (own,) = parse(payload("page_reply_by_page"))
    assert own.outgoing and own.thread_key == "987654321098765_1122334455667788"


def test_messenger_messages_and_not_read_receipts():
    (message,) = parse(payload("messenger"))
    assert (message.kind, message.thread_key, message.outgoing) == \
        ("direct", "7123456789012345", False)
    assert message.at == dt.datetime.fromtimestamp(1764061499.876, tz=dt.UTC)
    assert message.message_id.startswith("m_")


def test_instagram_comments_in_both_documented_forms():
    top, reply = parse(payload("instagram_comments"))
    assert top.platform == "instagram" and top.author_name == "aina.travels"
    assert top.post_id == "17912345678901234" and top.thread_key == top.message_id
    assert reply.thread_key == top.message_id == reply.parent_id


@pytest.mark.parametrize("body", [b"", b"not json", b"[]", b'{"object": "page"}',
                                  b'{"object": "whatsapp_business_account", "entry": []}'])
def test_a_body_that_is_not_a_meta_envelope_is_refused(body):
    with pytest.raises(BadDelivery):
        parse(body)


def test_odd_entries_inside_a_good_envelope_are_skipped():
    body = (b'{"object": "page", "entry": [1, {"id": "1", "changes": [null, {"field": "feed",'
            b' "value": {"item": "comment", "verb": "add"}}], "messaging": [{"message": {}}]}]}')
    assert parse(body) == []
