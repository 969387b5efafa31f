"""X, TikTok and YouTube on recorded exchanges."""

import pytest

from rasmi.connectors.base import (
    ConnectorError,
    ErrorKind,
    MediaItem,
    Publication,
    retry_after_from,
)
from rasmi.connectors.tests.helpers import TEXT, assert_token_kept_out, replay

VIDEO = MediaItem("video", "https://www.jpj.gov.my/video/tips.mp4")


def pub(**extra):
    return Publication(**{"account_id": "200077", "text": TEXT,
                          "idempotency_key": "rasmi-2-3-ef"} | extra)


def test_x_posts_a_tweet():
    connector, transport = replay("x", "publish")
    published = connector.publish(pub())
    assert published.platform_post_id == "1861234567890123456"
    assert published.permalink == "https://x.com/i/web/status/1861234567890123456"
    transport.assert_all_used()
    assert transport.requests[0].headers["authorization"] == "Bearer page-token-123"
    assert_token_kept_out(transport)


@pytest.mark.parametrize(("fixture", "kind"), [
    ("throttled", ErrorKind.THROTTLED), ("unauthorized", ErrorKind.TOKEN_EXPIRED),
    ("duplicate", ErrorKind.DUPLICATE), ("forbidden", ErrorKind.PERMISSION)])
def test_x_errors(fixture, kind):
    connector, transport = replay("x", fixture)
    with pytest.raises(ConnectorError) as raised:
        connector.publish(pub())
    assert raised.value.kind == kind
    assert_token_kept_out(transport, raised.value)


def test_x_rate_limit_reset_becomes_a_wait():
    import httpx

    response = httpx.Response(429, headers={"x-rate-limit-remaining": "0",
                                            "x-rate-limit-reset": "1795600900"})
    assert retry_after_from(response, now=1795600000) == 900


def test_x_cannot_tell_whether_an_interrupted_post_went_out():
    connector, transport = replay("x", "publish")
    assert connector.find_published(pub()) is None and transport.used == 0


def test_tiktok_direct_post_polls_until_complete():
    naps = []
    connector, transport = replay("tiktok", "publish", _sleep=naps.append)
    published = connector.publish(pub(media=(VIDEO,)))
    assert published.platform_post_id == "7412345678901234999"
    assert published.permalink == "https://www.tiktok.com/@jpjmalaysia/video/7412345678901234999"
    assert naps == [3.0]
    transport.assert_all_used()
    assert_token_kept_out(transport)


@pytest.mark.parametrize(("fixture", "kind"), [
    ("token_invalid", ErrorKind.TOKEN_EXPIRED), ("spam_risk", ErrorKind.POLICY),
    ("rate_limited", ErrorKind.THROTTLED)])
def test_tiktok_errors(fixture, kind):
    connector, transport = replay("tiktok", fixture)
    with pytest.raises(ConnectorError) as raised:
        connector.publish(pub(media=(VIDEO,)))
    assert raised.value.kind == kind
    transport.assert_all_used()


def test_tiktok_needs_a_video():
    connector, transport = replay("tiktok", "publish")
    with pytest.raises(ConnectorError) as raised:
        connector.publish(pub())
    assert raised.value.kind == ErrorKind.INVALID and transport.used == 0


def test_youtube_updates_a_videos_metadata_keeping_its_category():
    connector, transport = replay("youtube", "update")
    published = connector.publish(pub(title="Kaunter Sabtu", video_id="dQw4jpjTips"))
    assert published.permalink == "https://www.youtube.com/watch?v=dQw4jpjTips"
    transport.assert_all_used()


@pytest.mark.parametrize(("fixture", "kind"), [
    ("quota_exceeded", ErrorKind.THROTTLED), ("unauthorized", ErrorKind.TOKEN_EXPIRED),
    ("not_found", ErrorKind.INVALID)])
def test_youtube_errors(fixture, kind):
    connector, transport = replay("youtube", fixture)
    with pytest.raises(ConnectorError) as raised:
        connector.publish(pub(title="Kaunter Sabtu", video_id="dQw4jpjTips"))
    assert raised.value.kind == kind
    assert_token_kept_out(transport, raised.value)


def test_network_failure_is_transient():
    import httpx

    from rasmi.connectors.x.client import XConnector

    def refuse(request):
        raise httpx.ConnectError("connection refused")

    connector = XConnector("tok", client=httpx.Client(transport=httpx.MockTransport(refuse)))
    with pytest.raises(ConnectorError) as raised:
        connector.publish(pub())
    assert raised.value.kind == ErrorKind.TRANSIENT and raised.value.retryable


def test_a_request_unlike_the_recording_fails_the_test():
    from rasmi.connectors.testing import ReplayMismatch

    connector, _ = replay("x", "publish")
    with pytest.raises(ReplayMismatch):
        connector.publish(pub(text="Teks lain"))
