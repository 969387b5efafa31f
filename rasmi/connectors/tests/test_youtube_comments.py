"""YouTube commentThreads.list (the inbox's read) on recorded Data API v3 exchanges.

Shapes: https://developers.google.com/youtube/v3/docs/commentThreads/list (request,
CommentThreadListResponse), https://developers.google.com/youtube/v3/docs/commentThreads and
/docs/comments (the resources), https://developers.google.com/youtube/v3/docs/errors.
"""

import datetime as dt

import pytest

from rasmi.connectors.base import ConnectorError, ErrorKind
from rasmi.connectors.testing import ReplayTransport, assert_token_kept_out, fixture_path
from rasmi.connectors.youtube.client import PACIFIC, YouTubeConnector

TOKEN = "ya29.youtube-token-000"
CHANNEL = "UCq9KjPjMalaysiaRasmi0aB"
NOW = dt.datetime(2026, 11, 25, 22, 0, tzinfo=PACIFIC).timestamp()


def replay(name: str) -> tuple[YouTubeConnector, ReplayTransport]:
    transport = ReplayTransport(fixture_path("youtube", name))
    connector = YouTubeConnector(TOKEN, client=transport.client())
    connector.clock = lambda: NOW
    return connector, transport


def test_threads_are_read_a_page_at_a_time_with_the_token_in_a_header():
    connector, transport = replay("comment_threads")
    with transport:
        first = connector.comment_threads(CHANNEL)
        second = connector.comment_threads(CHANNEL, page_token=first["nextPageToken"])
    assert [t["id"] for t in first["items"]] == ["UgxKREWxIgDrw8w2e4N4AaABAg",
                                                 "UgzY5nT2kQ8pWcA3xHl4AaABAg"]
    assert "nextPageToken" not in second and len(second["items"]) == 1
    assert all(r.headers["authorization"] == f"Bearer {TOKEN}" for r in transport.requests)
    assert_token_kept_out(transport, TOKEN)


@pytest.mark.parametrize(("fixture", "kind", "code"), [
    ("comment_threads_quota", ErrorKind.THROTTLED, "quotaExceeded"),
    ("comment_threads_unauthorized", ErrorKind.TOKEN_EXPIRED, "authError"),
    ("comment_threads_server_error", ErrorKind.TRANSIENT, "backendError"),
    ("comment_threads_channel_not_found", ErrorKind.INVALID, "channelNotFound"),
])
def test_read_errors_become_the_publishers_kinds(fixture, kind, code):
    connector, transport = replay(fixture)
    with transport, pytest.raises(ConnectorError) as raised:
        connector.comment_threads(CHANNEL)
    assert (raised.value.kind, raised.value.code) == (kind, code)
    assert_token_kept_out(transport, TOKEN, raised.value)


def test_an_exhausted_quota_waits_until_midnight_pacific():
    connector, transport = replay("comment_threads_quota")
    with transport, pytest.raises(ConnectorError) as raised:
        connector.comment_threads(CHANNEL)
    assert raised.value.retry_after == 2 * 3600
