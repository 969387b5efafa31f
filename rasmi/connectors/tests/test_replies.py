"""Replies and comment moderation through every connector, on recorded exchanges shaped as
the platforms document them:

- Facebook: Graph API Comment reference, /{object-id}/comments (create) and Comment
  "Updating" (is_hidden, answers {"success": true}); Graph API v2.2 changelog (hide/unhide).
- Messenger: Send API reference (developers.facebook.com/docs/messenger-platform/reference/
  send-api: recipient, messaging_type RESPONSE, message.text -> {"recipient_id",
  "message_id"}); Common Error Codes (10/2018278 outside the allowed window, 551/1545041
  person unavailable, 613 rate limit).
- Instagram: IG Comment Replies (POST /{ig-comment-id}/replies?message= -> {"id"}), Comment
  Moderation guide (POST /{ig-comment-id} hide), Instagram Messaging "Send a Message"
  (Page Send API with an IGSID; 10/2534022 outside the window).
- YouTube: Data API comments.insert (snippet.parentId + snippet.textOriginal, returns the
  comment resource; errors parentCommentNotFound...), comments.list (parentId),
  comments.setModerationStatus (204; heldForReview / published; commentNotFound).
- X: POST /2/tweets with reply.in_reply_to_tweet_id; Hide replies quickstart (PUT
  /2/tweets/:id/hidden {"hidden": true} -> {"data": {"hidden": true}}).
"""

import datetime as dt

import httpx
import pytest

from rasmi.connectors.base import ConnectorError, ErrorKind, Reply, window_open
from rasmi.connectors.registry import connector_for
from rasmi.connectors.testing import ReplayTransport, assert_token_kept_out, fixture_path

TOKEN = "reply-token-xyz"
TEXT = ("Terima kasih atas pertanyaan. Permohonan lesen memandu dalam talian dibuka semula "
        "minggu depan. Kami mohon maaf atas kelewatan.")
NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)

ACCOUNTS = {"facebook": "100064", "instagram": "17841400000000077",
            "youtube": "UCjpjMalaysia000000000", "x": "200077", "tiktok": "7000001"}
COMMENTS = {"facebook": "987654321098765_1122334455667788", "instagram": "17865799348012345",
            "youtube": "UgzJpjKomen0001AaABAg", "x": "1861234567890199999"}
PEOPLE = {"facebook": "7123456789012345", "instagram": "6543210987654321"}


def comment_reply(platform: str) -> Reply:
    return Reply(account_id=ACCOUNTS[platform], text=TEXT, in_reply_to=COMMENTS[platform],
                 idempotency_key="rasmi-reply-ab12")


def direct_reply(platform: str, hours_ago: float = 2) -> Reply:
    return Reply(account_id=ACCOUNTS[platform], text=TEXT, in_reply_to=PEOPLE[platform],
                 idempotency_key="rasmi-reply-cd34", direct=True,
                 last_inbound_at=NOW - dt.timedelta(hours=hours_ago))


class NoRequests(httpx.MockTransport):
    """For calls that must be refused before any request: answering one fails the test."""

    def __init__(self):
        self.requests: list[httpx.Request] = []
        super().__init__(self._refuse)

    def _refuse(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        raise AssertionError(f"unexpected request {request.method} {request.url}")


def replay(platform: str, name: str | None):
    """The real connector class on a client replaying `name` (None: no request allowed)."""
    transport = ReplayTransport(fixture_path(platform, name)) if name else NoRequests()
    connector = connector_for(platform, TOKEN, client=httpx.Client(transport=transport))
    connector.clock = NOW.timestamp
    return connector, transport


# --- replies under comments ---------------------------------------------------------------

@pytest.mark.parametrize(("platform", "fixture", "new_id"), [
    ("facebook", "reply_comment", "987654321098765_1122334455667800"),
    ("instagram", "reply_comment", "17873440459141021"),
    ("youtube", "reply_comment", "UgzJpjKomen0001AaABAg.9xJpjBalas01"),
    ("x", "reply", "1861234567890200000"),
])
def test_a_reply_goes_under_the_comment_and_returns_the_new_id(platform, fixture, new_id):
    connector, transport = replay(platform, fixture)
    with transport:
        sent = connector.reply(comment_reply(platform))
    assert sent.platform_message_id == new_id
    assert_token_kept_out(transport, TOKEN)


def test_graph_writes_carry_the_token_in_the_form_body_and_the_message_field():
    connector, transport = replay("facebook", "reply_comment")
    with transport:
        connector.reply(comment_reply("facebook"))
    body = transport.requests[0].content
    assert b"access_token=reply-token-xyz" in body and b"message=Terima" in body


@pytest.mark.parametrize(("platform", "fixture", "kind", "code"), [
    ("facebook", "reply_token_expired", ErrorKind.TOKEN_EXPIRED, "190/463"),
    ("facebook", "reply_permission", ErrorKind.PERMISSION, "200"),
    ("facebook", "reply_throttled", ErrorKind.THROTTLED, "32"),
    ("facebook", "reply_deleted", ErrorKind.NOT_FOUND, "100/33"),
    ("facebook", "reply_server_error", ErrorKind.TRANSIENT, "2"),
    ("instagram", "reply_token_expired", ErrorKind.TOKEN_EXPIRED, "190/460"),
    ("instagram", "reply_permission", ErrorKind.PERMISSION, "10"),
    ("instagram", "reply_throttled", ErrorKind.THROTTLED, "4"),
    ("instagram", "reply_deleted", ErrorKind.NOT_FOUND, "100/33"),
    ("instagram", "reply_server_error", ErrorKind.TRANSIENT, "2"),
    ("youtube", "reply_unauthorized", ErrorKind.TOKEN_EXPIRED, "authError"),
    ("youtube", "reply_forbidden", ErrorKind.PERMISSION, "forbidden"),
    ("youtube", "reply_quota", ErrorKind.THROTTLED, "quotaExceeded"),
    ("youtube", "reply_deleted", ErrorKind.NOT_FOUND, "parentCommentNotFound"),
    ("youtube", "reply_server_error", ErrorKind.TRANSIENT, "backendError"),
    ("x", "reply_unauthorized", ErrorKind.TOKEN_EXPIRED, "401"),
    ("x", "reply_forbidden", ErrorKind.PERMISSION, "403"),
    ("x", "reply_throttled", ErrorKind.THROTTLED, "429"),
    ("x", "reply_deleted", ErrorKind.NOT_FOUND, "403"),
    ("x", "reply_server_error", ErrorKind.TRANSIENT, "503"),
])
def test_reply_errors_become_kinds_without_leaking_the_token(platform, fixture, kind, code):
    connector, transport = replay(platform, fixture)
    with transport, pytest.raises(ConnectorError) as raised:
        connector.reply(comment_reply(platform))
    error = raised.value
    assert (error.kind, error.code, error.platform) == (kind, code, platform)
    assert error.message
    assert_token_kept_out(transport, TOKEN, error)


def test_a_throttled_reply_waits_as_long_as_the_platform_says():
    connector, transport = replay("instagram", "reply_throttled")
    with transport, pytest.raises(ConnectorError) as raised:
        connector.reply(comment_reply("instagram"))
    assert raised.value.retry_after == 12 * 60


@pytest.mark.parametrize(("platform", "fixture", "found"), [
    ("facebook", "find_reply", "987654321098765_1122334455667800"),
    ("facebook", "find_reply_none", None),
    ("instagram", "find_reply", "17873440459141021"),
    ("instagram", "find_reply_none", None),
    ("youtube", "find_reply", "UgzJpjKomen0001AaABAg.9xJpjBalas01"),
    ("youtube", "find_reply_none", None),
])
def test_find_reply_matches_the_accounts_own_text_only(platform, fixture, found):
    # The "none" recordings hold the same text written by someone else: not ours.
    connector, transport = replay(platform, fixture)
    with transport:
        result = connector.find_reply(comment_reply(platform))
    assert (result.platform_message_id if result else None) == found
    assert connector.confirms_reply_absence(comment_reply(platform))
    assert_token_kept_out(transport, TOKEN)


@pytest.mark.parametrize("platform", ["x", "tiktok"])
def test_platforms_that_cannot_tell_say_so(platform):
    connector, transport = replay(platform, None)
    reply = Reply(ACCOUNTS[platform], TEXT, "1861234567890199999", "k")
    assert connector.find_reply(reply) is None
    assert not connector.confirms_reply_absence(reply)
    assert transport.requests == []


# --- direct messages ----------------------------------------------------------------------

@pytest.mark.parametrize(("platform", "fixture", "mid"), [
    ("facebook", "reply_messenger", "m_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa"),
    ("instagram", "reply_direct",
     "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMDAwMDAwMDc3OjM0MDI4MjM2Njg0"),
])
def test_a_direct_answer_is_a_response_within_the_window(platform, fixture, mid):
    connector, transport = replay(platform, fixture)
    with transport:
        sent = connector.reply(direct_reply(platform, hours_ago=23.5))
    assert sent.platform_message_id == mid
    assert transport.requests[0].headers["authorization"] == f"Bearer {TOKEN}"
    assert not connector.confirms_reply_absence(direct_reply(platform))
    assert_token_kept_out(transport, TOKEN)


@pytest.mark.parametrize("platform", ["facebook", "instagram"])
@pytest.mark.parametrize("hours_ago", [24.1, None])
def test_outside_the_window_nothing_is_sent(platform, hours_ago):
    connector, transport = replay(platform, None)
    reply = direct_reply(platform, hours_ago or 0)
    if hours_ago is None:  # the person never wrote: there is no window at all
        reply = Reply(**{**reply.__dict__, "last_inbound_at": None})
    with pytest.raises(ConnectorError) as raised:
        connector.reply(reply)
    assert (raised.value.kind, raised.value.code) == (ErrorKind.WINDOW_CLOSED, "window_closed")
    assert "24 hours" in raised.value.message and transport.requests == []


@pytest.mark.parametrize(("platform", "fixture"), [("facebook", "messenger_window_closed"),
                                                   ("instagram", "direct_window_closed")])
def test_metas_window_error_is_the_same_kind(platform, fixture):
    # Our clock says the window is open; Meta's (the one that counts) says it closed.
    connector, transport = replay(platform, fixture)
    with transport, pytest.raises(ConnectorError) as raised:
        connector.reply(direct_reply(platform, hours_ago=23.99))
    assert raised.value.kind == ErrorKind.WINDOW_CLOSED and not raised.value.retryable
    assert "outside of allowed window" in raised.value.message


@pytest.mark.parametrize(("fixture", "kind"), [("messenger_unavailable", ErrorKind.NOT_FOUND),
                                               ("messenger_throttled", ErrorKind.THROTTLED)])
def test_messenger_errors(fixture, kind):
    connector, transport = replay("facebook", fixture)
    with transport, pytest.raises(ConnectorError) as raised:
        connector.reply(direct_reply("facebook"))
    assert raised.value.kind == kind


def test_instagram_direct_text_over_its_limit_is_refused_before_sending():
    connector, transport = replay("instagram", None)
    long = Reply(**{**direct_reply("instagram").__dict__, "text": "é" * 501})
    with pytest.raises(ConnectorError) as raised:
        connector.reply(long)
    assert raised.value.code == "too_long" and transport.requests == []


@pytest.mark.parametrize("platform", ["youtube", "x", "tiktok"])
def test_platforms_without_direct_messages_say_so(platform):
    connector, transport = replay(platform, None)
    with pytest.raises(ConnectorError) as raised:
        connector.reply(Reply(ACCOUNTS[platform], TEXT, "someone", "k", direct=True,
                              last_inbound_at=NOW))
    assert raised.value.kind == ErrorKind.UNSUPPORTED and transport.requests == []


def test_tiktok_cannot_reply_to_comments():
    connector, transport = replay("tiktok", None)
    with pytest.raises(ConnectorError) as raised:
        connector.reply(Reply(ACCOUNTS["tiktok"], TEXT, "7301", "k"))
    assert raised.value.kind == ErrorKind.UNSUPPORTED
    assert "replies to comments" in raised.value.message


def test_the_window_is_24_hours_after_the_last_message():
    assert window_open(NOW - dt.timedelta(hours=24), NOW)
    assert not window_open(NOW - dt.timedelta(hours=24, seconds=1), NOW)
    assert not window_open(None, NOW)


# --- hiding -------------------------------------------------------------------------------

@pytest.mark.parametrize(("platform", "fixture", "hidden"), [
    ("facebook", "hide_comment", True), ("facebook", "unhide_comment", False),
    ("instagram", "hide_comment", True), ("instagram", "unhide_comment", False),
    ("youtube", "hide_comment", True), ("youtube", "unhide_comment", False),
    ("x", "hide_reply", True), ("x", "unhide_reply", False),
])
def test_hiding_and_showing_a_comment(platform, fixture, hidden):
    connector, transport = replay(platform, fixture)
    with transport:
        assert connector.hide_comment(COMMENTS[platform], hidden=hidden) is None
    assert_token_kept_out(transport, TOKEN)


@pytest.mark.parametrize(("platform", "fixture", "kind"), [
    ("facebook", "hide_deleted", ErrorKind.NOT_FOUND),
    ("facebook", "hide_permission", ErrorKind.PERMISSION),
    ("instagram", "hide_deleted", ErrorKind.NOT_FOUND),
    ("youtube", "hide_deleted", ErrorKind.NOT_FOUND),
    ("youtube", "hide_forbidden", ErrorKind.PERMISSION),
    ("x", "hide_forbidden", ErrorKind.PERMISSION),
])
def test_hiding_errors(platform, fixture, kind):
    connector, transport = replay(platform, fixture)
    with transport, pytest.raises(ConnectorError) as raised:
        connector.hide_comment(COMMENTS[platform])
    assert raised.value.kind == kind
    assert_token_kept_out(transport, TOKEN, raised.value)


def test_tiktok_cannot_hide_comments():
    connector, transport = replay("tiktok", None)
    with pytest.raises(ConnectorError) as raised:
        connector.hide_comment("7301")
    assert (raised.value.kind, raised.value.platform) == (ErrorKind.UNSUPPORTED, "tiktok")
    assert "hiding comments" in str(raised.value) and transport.requests == []


def test_an_answer_that_did_not_hide_is_not_taken_for_success(tmp_path):
    import json

    recording = json.loads(fixture_path("x", "hide_reply").read_text())
    recording[0]["response"]["json"]["data"]["hidden"] = False
    path = tmp_path / "hide.json"
    path.write_text(json.dumps(recording))
    transport = ReplayTransport(path)
    connector = connector_for("x", TOKEN, client=transport.client())
    with transport, pytest.raises(ConnectorError) as raised:
        connector.hide_comment(COMMENTS["x"])
    assert raised.value.code == "unexpected_answer"
