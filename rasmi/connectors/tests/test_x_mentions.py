"""X mentions timeline (GET /2/users/:id/mentions, the inbox's read) on recorded API v2
exchanges.

Shapes: https://docs.x.com/x-api/posts/user-mention-timeline-by-user-id (parameters and the
data / includes.users / meta {result_count, newest_id, oldest_id, next_token} answer),
https://docs.x.com/x-api/posts/timelines/quickstart/user-mention-quickstart, rate limits
and problem bodies: https://docs.x.com/x-api/fundamentals/rate-limits and
https://docs.x.com/x-api/fundamentals/response-codes-and-errors.
"""

import pytest

from rasmi.connectors.base import ConnectorError, ErrorKind
from rasmi.connectors.testing import ReplayTransport, assert_token_kept_out, fixture_path
from rasmi.connectors.x.client import XConnector

TOKEN = "user-token-456"
USER = "1020304050607080900"
NOW = 1795600000.0  # the recordings' clock


def replay(name: str) -> tuple[XConnector, ReplayTransport]:
    transport = ReplayTransport(fixture_path("x", name))
    connector = XConnector(TOKEN, client=transport.client())
    connector.clock = lambda: NOW
    return connector, transport


def test_mentions_are_paged_with_next_token():
    connector, transport = replay("mentions")
    with transport:
        first = connector.mentions(USER)
        second = connector.mentions(USER, pagination_token=first["meta"]["next_token"])
    assert [p["id"] for p in first["data"]] == ["1861400000000000003", "1861400000000000002"]
    assert first["includes"]["users"][0]["username"] == "ainanurul"
    assert "next_token" not in second["meta"]
    assert transport.requests[0].headers["authorization"] == f"Bearer {TOKEN}"
    assert_token_kept_out(transport, TOKEN)


def test_since_id_asks_only_for_newer_mentions():
    connector, transport = replay("mentions_since")
    with transport:
        newer = connector.mentions(USER, since_id="1861400000000000003")
        none = connector.mentions(USER, since_id="1861500000000000004")
    assert newer["meta"]["newest_id"] == "1861500000000000004"
    assert none == {"meta": {"result_count": 0}}


def test_a_user_id_that_is_not_a_number_is_refused_before_any_request():
    connector, transport = replay("mentions")
    with pytest.raises(ConnectorError) as raised:
        connector.mentions("../tweets")
    assert raised.value.kind == ErrorKind.INVALID and transport.requests == []


@pytest.mark.parametrize(("fixture", "kind", "code"), [
    ("mentions_throttled", ErrorKind.THROTTLED, "429"),
    ("mentions_unauthorized", ErrorKind.TOKEN_EXPIRED, "401"),
    ("mentions_server_error", ErrorKind.TRANSIENT, "503"),
    ("mentions_user_not_found", ErrorKind.INVALID, "resource-not-found"),
])
def test_read_errors_become_the_publishers_kinds(fixture, kind, code):
    connector, transport = replay(fixture)
    with transport, pytest.raises(ConnectorError) as raised:
        connector.mentions(USER)
    assert (raised.value.kind, raised.value.code, raised.value.platform) == (kind, code, "x")
    assert_token_kept_out(transport, TOKEN, raised.value)


def test_throttling_waits_until_x_rate_limit_reset():
    connector, transport = replay("mentions_throttled")
    with transport, pytest.raises(ConnectorError) as raised:
        connector.mentions(USER)
    assert raised.value.retry_after == 900


def test_a_user_x_cannot_find_is_reported_with_its_detail():
    connector, transport = replay("mentions_user_not_found")
    with transport, pytest.raises(ConnectorError) as raised:
        connector.mentions(USER)
    assert raised.value.message == f"Could not find user with id: [{USER}]."
