"""Polled pages -> inbox events and cursors, on the recorded answers the connector tests
replay (shapes: developers.google.com/youtube/v3/docs/commentThreads/list and
docs.x.com/x-api/posts/user-mention-timeline-by-user-id). Pure: no database."""

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasmi.connectors.testing import fixture_path
from rasmi.inbox.meta_events import BadDelivery
from rasmi.inbox.polling import pages, x_mentions, youtube_comments

CHANNEL = "UCq9KjPjMalaysiaRasmi0aB"
X_USER = "1020304050607080900"


def recorded(platform: str, name: str, index: int = 0) -> dict:
    exchanges = json.loads(fixture_path(platform, name).read_text(encoding="utf-8"))
    return exchanges[index]["response"]["json"]


def youtube_events(name="comment_threads", index=0):
    body = pages.wrap(youtube_comments.STREAM, CHANNEL, recorded("youtube", name, index))
    return youtube_comments.parse(body)


def x_events(page: dict):
    return x_mentions.parse(pages.wrap(x_mentions.STREAM, X_USER, page))


# --- YouTube -------------------------------------------------------------------------------

def test_a_thread_is_one_conversation_on_its_video_with_its_replies():
    events = youtube_events()
    top, reply = events[0], events[1]
    assert (top.platform, top.account_id, top.kind, top.verb) == \
        ("youtube", CHANNEL, "comments", "add")
    assert top.message_id == top.thread_key == "UgxKREWxIgDrw8w2e4N4AaABAg"
    assert top.post_id == "Jpj7SabtuXY" and top.parent_id == ""
    assert (top.author_id, top.author_name) == ("UCm3Zq0nurulAina12345678", "@nurulaina88")
    assert top.text.startswith("Bila kaunter JPJ") and not top.outgoing
    assert top.at == dt.datetime(2026, 11, 25, 8, 15, 2, tzinfo=dt.UTC)
    assert reply.thread_key == top.message_id and reply.parent_id == top.message_id


def test_the_channels_own_reply_is_outgoing():
    reply = youtube_events()[1]
    assert reply.outgoing and reply.author_id == CHANNEL
    assert reply.text == "Kaunter dibuka Sabtu 8 pagi hingga 1 petang. Terima kasih."


def test_an_edited_comment_gives_its_first_time_and_its_edit():
    events = [e for e in youtube_events() if e.message_id == "UgzY5nT2kQ8pWcA3xHl4AaABAg"]
    assert [e.verb for e in events] == ["add", "edit"]
    assert events[0].at < events[1].at == dt.datetime(2026, 11, 25, 7, 10, 5, tzinfo=dt.UTC)


def test_youtube_cursor_pages_on_until_the_last_page_then_remembers_the_newest():
    first = recorded("youtube", "comment_threads", 0)
    cursor, more = youtube_comments.advance(youtube_comments.Cursor(), first)
    assert more and cursor.page == first["nextPageToken"] and cursor.seen == ""
    cursor, more = youtube_comments.advance(cursor, recorded("youtube", "comment_threads", 1))
    assert not more and cursor == youtube_comments.Cursor(seen="2026-11-25T08:15:02+00:00")


def test_youtube_sweep_stops_at_threads_it_has_seen():
    cursor = youtube_comments.Cursor(seen="2026-11-25T08:15:02+00:00")
    again = recorded("youtube", "comment_threads_again")
    assert "nextPageToken" in again  # there are older pages, but nothing new on them
    cursor, more = youtube_comments.advance(cursor, again)
    assert not more and cursor.seen == "2026-11-25T08:15:02+00:00"


def test_the_first_youtube_sweep_is_bounded():
    page = recorded("youtube", "comment_threads", 0)
    cursor = youtube_comments.Cursor(page="x", pages=str(youtube_comments.FIRST_SWEEP_PAGES - 1))
    cursor, more = youtube_comments.advance(cursor, page)
    assert not more and cursor.seen == "2026-11-25T08:15:02+00:00"


# --- X -------------------------------------------------------------------------------------

def test_mentions_become_events_named_by_their_authors():
    events = x_events(recorded("x", "mentions", 0))
    assert [e.message_id for e in events] == ["1861400000000000003", "1861400000000000002"]
    first = events[0]
    assert (first.platform, first.account_id, first.kind) == ("x", X_USER, "comments")
    assert (first.author_id, first.author_name) == ("1400000000000000011", "Nurul Aina")
    assert first.at == dt.datetime(2026, 11, 25, 9, 30, 12, tzinfo=dt.UTC)
    assert not first.outgoing


def test_x_conversations():
    fresh, on_our_post = x_events(recorded("x", "mentions", 0))
    (in_a_thread,) = x_events(recorded("x", "mentions", 1))
    # A mention that replies to nothing starts its own conversation.
    assert (fresh.thread_key, fresh.parent_id, fresh.post_id) == (fresh.message_id, "", "")
    # A direct reply to the account's own post is a top-level comment on that post.
    assert on_our_post.thread_key == on_our_post.message_id
    assert on_our_post.post_id == "1861300000000000000" and on_our_post.parent_id == ""
    # Any other reply joins its X conversation.
    assert in_a_thread.thread_key == "1861200000000000000"
    assert in_a_thread.parent_id == "1861200000000000000"


def test_retweets_are_not_messages_and_the_accounts_own_posts_are_outgoing():
    page = {"data": [
        {"id": "1", "text": "RT @JPJmalaysia: Kaunter Sabtu", "author_id": "9",
         "conversation_id": "1", "referenced_tweets": [{"type": "retweeted", "id": "0"}]},
        {"id": "2", "text": "@JPJmalaysia makluman", "author_id": X_USER,
         "conversation_id": "2"}], "meta": {"result_count": 2}}
    (own,) = x_events(page)
    assert own.message_id == "2" and own.outgoing


def test_an_empty_mentions_page_has_no_events():
    assert x_events({"meta": {"result_count": 0}}) == []
    assert not x_mentions.has_messages({"meta": {"result_count": 0}})


def test_x_cursor_sweeps_down_to_since_id_then_moves_since_id_up():
    cursor, more = x_mentions.advance(x_mentions.Cursor(), recorded("x", "mentions", 0))
    assert more and cursor.page == "7140dibdnow9c7btw4b0gk58ivaxnb7opbf0r4zmbhiz"
    assert cursor.top == "1861400000000000003" and cursor.since == ""
    cursor, more = x_mentions.advance(cursor, recorded("x", "mentions", 1))
    assert not more and cursor == x_mentions.Cursor(since="1861400000000000003")
    cursor, more = x_mentions.advance(cursor, {"meta": {"result_count": 0}})
    assert not more and cursor.since == "1861400000000000003"


@given(st.integers(0, 10**20), st.integers(0, 10**20))
def test_post_ids_compare_as_numbers(a, b):
    assert x_mentions.newer(str(a), str(b)) == str(max(a, b))
    assert x_mentions.newer("", str(a)) == str(a)


# --- what they share -----------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "{oops", "[]", json.dumps({"stream": "x_mentions", "page": {}}),
    json.dumps({"stream": "youtube_comments", "account_id": CHANNEL, "page": {}}),
    json.dumps({"stream": "x_mentions", "account_id": X_USER, "page": {"data": "no"}}),
])
def test_a_body_that_is_not_a_polled_page_is_a_bad_delivery(body):
    with pytest.raises(BadDelivery):
        x_mentions.parse(body)


def test_cursors_round_trip_and_a_bad_one_starts_over():
    cursor = x_mentions.Cursor(since="5", page="tok", top="9", pages="2")
    assert pages.load(x_mentions.Cursor, pages.dump(cursor)) == cursor
    assert pages.load(x_mentions.Cursor, "not json") == x_mentions.Cursor()
    assert pages.load(x_mentions.Cursor, "") == x_mentions.Cursor()


def test_a_page_token_too_long_to_keep_is_dropped_with_the_sweep():
    cursor = youtube_comments.Cursor(seen="2026-11-25T08:15:02+00:00", page="t" * 600,
                                     top="2026-11-25T09:00:00+00:00", pages="1")
    stored = pages.dump(cursor)
    assert len(stored) <= pages.CURSOR_LIMIT
    assert pages.load(youtube_comments.Cursor, stored) == youtube_comments.Cursor(
        seen="2026-11-25T08:15:02+00:00", pages="1")
