"""TikTok connector on recorded Content Posting API exchanges."""

import pytest

from rasmi.connectors.base import ConnectorError, ErrorKind, MediaItem, Publication
from rasmi.connectors.testing import ReplayTransport, assert_token_kept_out, fixture_path
from rasmi.connectors.tiktok import client as tiktok
from rasmi.connectors.tiktok.client import TikTokConnector, truncate_utf16

TOKEN = "act.tiktok-token-789"
TEXT = ("Kaunter JPJ Wangsa Maju dibuka pada hari Sabtu ini dari 8 pagi hingga 1 petang untuk "
        "pembaharuan lesen memandu. Terima kasih.")
VIDEO = MediaItem("video", "https://www.jpj.gov.my/video/tips.mp4")
PUBLISH_ID = "v_pub_url~v2.7412345678901234567"


def post(**extra) -> Publication:
    fields = {"account_id": "jpjmalaysia", "text": TEXT, "idempotency_key": "rasmi-3-4-gh",
              "media": (VIDEO,)} | extra
    return Publication(**fields)


def replay(name: str) -> tuple[TikTokConnector, ReplayTransport, list[float]]:
    naps: list[float] = []
    transport = ReplayTransport(fixture_path("tiktok", name))
    return TikTokConnector(TOKEN, client=transport.client(), sleep=naps.append), \
        transport, naps


def test_direct_post_queries_the_creator_pulls_the_video_and_polls_until_complete():
    connector, transport, naps = replay("publish")
    with transport:
        published = connector.publish(post())
    assert published.platform_post_id == "7412345678901234999"
    assert published.permalink == "https://www.tiktok.com/@jpjmalaysia/video/7412345678901234999"
    assert naps == [tiktok.POLL_SECONDS]
    assert transport.requests[0].content == b""  # creator_info/query has no body
    assert all(r.headers["authorization"] == f"Bearer {TOKEN}" for r in transport.requests)
    assert_token_kept_out(transport, TOKEN)


def test_a_creator_without_public_posting_gets_a_private_post_and_its_settings_kept():
    connector, transport, _ = replay("publish_private")
    with transport:
        published = connector.publish(post())
    # No public id for a SELF_ONLY post: the publish_id is all there is.
    assert published.platform_post_id == PUBLISH_ID and published.permalink == ""


def test_the_title_is_cut_at_2200_utf16_units_without_splitting_an_emoji():
    assert truncate_utf16("a" * 2199 + "🙂", 2200) == "a" * 2199
    assert truncate_utf16("a" * 2198 + "🙂", 2200) == "a" * 2198 + "🙂"
    assert truncate_utf16(TEXT, 2200) == TEXT


def test_a_failed_publish_reports_tiktoks_reason():
    connector, transport, _ = replay("publish_failed")
    with transport, pytest.raises(ConnectorError) as raised:
        connector.publish(post())
    assert raised.value.kind == ErrorKind.INVALID and raised.value.code == "video_pull_failed"
    assert "video_pull_failed" in raised.value.message


def test_a_passing_error_while_polling_is_waited_out_not_resent():
    connector, transport, _ = replay("poll_hiccup")
    with transport:
        published = connector.publish(post())
    assert published.platform_post_id == "7412345678901234999"


def test_a_post_still_processing_is_left_to_a_person_never_retried(monkeypatch):
    monkeypatch.setattr(tiktok, "MAX_POLLS", 3)
    connector, transport, naps = replay("still_processing")
    with transport, pytest.raises(ConnectorError) as raised:
        connector.publish(post())
    # TikTok already has the video: a retry would post it twice.
    assert raised.value.code == "publish_pending" and not raised.value.retryable
    assert PUBLISH_ID in raised.value.message and len(naps) == 2


@pytest.mark.parametrize(("fixture", "kind"), [
    ("token_invalid", ErrorKind.TOKEN_EXPIRED),
    ("rate_limited", ErrorKind.THROTTLED),
    ("scope_not_authorized", ErrorKind.PERMISSION),
    ("spam_risk", ErrorKind.POLICY),
    ("server_error", ErrorKind.TRANSIENT),
])
def test_error_codes_become_kinds_without_leaking_the_token(fixture, kind):
    connector, transport, _ = replay(fixture)
    with transport, pytest.raises(ConnectorError) as raised:
        connector.publish(post())
    assert raised.value.kind == kind and raised.value.platform == "tiktok"
    assert "log_id" in raised.value.message  # TikTok support asks for it
    assert_token_kept_out(transport, TOKEN, raised.value)


def test_rate_limits_wait_a_minute_as_tiktok_sends_no_reset_header():
    connector, transport, _ = replay("rate_limited")
    with transport, pytest.raises(ConnectorError) as raised:
        connector.publish(post())
    assert raised.value.retry_after == 60


def test_tiktok_needs_a_video():
    connector, transport, _ = replay("publish")
    with pytest.raises(ConnectorError) as raised:
        connector.publish(post(media=(MediaItem("image", "https://www.jpj.gov.my/a.jpg"),)))
    assert raised.value.kind == ErrorKind.INVALID and transport.requests == []


def test_tiktok_cannot_tell_whether_an_interrupted_post_went_out():
    connector, transport, _ = replay("publish")
    assert connector.find_published(post()) is None and transport.requests == []
