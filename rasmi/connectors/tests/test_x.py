"""X connector on recorded API v2 exchanges."""

import pytest

from rasmi.connectors.base import ConnectorError, ErrorKind, MediaItem, Publication
from rasmi.connectors.testing import ReplayTransport, assert_token_kept_out, fixture_path
from rasmi.connectors.x.client import XConnector

TOKEN = "user-token-456"
TEXT = ("Kaunter JPJ Wangsa Maju dibuka pada hari Sabtu ini dari 8 pagi hingga 1 petang untuk "
        "pembaharuan lesen memandu. Terima kasih.")
NOW = 1795600000.0  # the recordings' clock


def post(**extra) -> Publication:
    return Publication(account_id="200077", text=TEXT, idempotency_key="rasmi-2-3-ef", **extra)


def replay(name: str) -> tuple[XConnector, ReplayTransport]:
    transport = ReplayTransport(fixture_path("x", name))
    connector = XConnector(TOKEN, client=transport.client())
    connector.clock = lambda: NOW
    return connector, transport


def test_a_post_is_json_text_with_a_bearer_token():
    connector, transport = replay("publish")
    with transport:
        published = connector.publish(post())
    assert published.platform_post_id == "1861234567890123456"
    assert published.permalink == "https://x.com/i/web/status/1861234567890123456"
    assert transport.requests[0].headers["authorization"] == f"Bearer {TOKEN}"
    assert_token_kept_out(transport, TOKEN)


def test_a_link_is_added_to_the_text():
    connector, transport = replay("publish_link")
    with transport:
        connector.publish(post(link="https://www.jpj.gov.my/kaunter-sabtu"))


def test_media_are_refused_before_any_request():
    connector, transport = replay("publish")
    with pytest.raises(ConnectorError) as raised:
        connector.publish(post(media=(MediaItem("image", "https://www.jpj.gov.my/a.jpg"),)))
    assert raised.value.kind == ErrorKind.INVALID and transport.requests == []


@pytest.mark.parametrize(("fixture", "kind", "code"), [
    ("throttled", ErrorKind.THROTTLED, "429"),
    ("daily_cap", ErrorKind.THROTTLED, "429"),
    ("unauthorized", ErrorKind.TOKEN_EXPIRED, "401"),
    ("duplicate", ErrorKind.DUPLICATE, "403"),
    ("forbidden", ErrorKind.PERMISSION, "403"),
    ("invalid", ErrorKind.INVALID, "invalid-request"),
    ("server_error", ErrorKind.TRANSIENT, "503"),
])
def test_problem_bodies_become_kinds_without_leaking_the_token(fixture, kind, code):
    connector, transport = replay(fixture)
    with transport, pytest.raises(ConnectorError) as raised:
        connector.publish(post())
    assert (raised.value.kind, raised.value.code, raised.value.platform) == (kind, code, "x")
    assert_token_kept_out(transport, TOKEN, raised.value)


def test_throttling_waits_until_the_window_resets():
    connector, transport = replay("throttled")
    with transport, pytest.raises(ConnectorError) as raised:
        connector.publish(post())
    assert raised.value.retry_after == 900  # x-rate-limit-reset - now


def test_the_24_hour_user_cap_outlasts_the_15_minute_window():
    connector, transport = replay("daily_cap")
    with transport, pytest.raises(ConnectorError) as raised:
        connector.publish(post())
    assert raised.value.retry_after == 80000  # x-user-limit-24hour-reset - now


def test_the_messages_of_errors_lists_are_kept():
    connector, transport = replay("invalid")
    with transport, pytest.raises(ConnectorError) as raised:
        connector.publish(post())
    assert raised.value.message == "One or more parameters to your request was invalid."
    connector, transport = replay("duplicate")
    with transport, pytest.raises(ConnectorError) as raised:
        connector.publish(post())
    assert "duplicate content" in raised.value.message


def test_x_cannot_tell_whether_an_interrupted_post_went_out():
    connector, transport = replay("publish")
    assert connector.find_published(post()) is None
    assert transport.requests == []  # it does not even ask
