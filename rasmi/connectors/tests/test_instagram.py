"""Instagram connector on recorded Graph API exchanges: container, publish, permalink."""

import pytest

from rasmi.connectors.base import ConnectorError, ErrorKind, MediaItem, Publication
from rasmi.connectors.instagram import client as instagram
from rasmi.connectors.instagram.client import InstagramConnector
from rasmi.connectors.testing import ReplayTransport, assert_token_kept_out, fixture_path

TOKEN = "page-token-123"
IG = "17841400000000001"
TEXT = ("Kaunter JPJ Wangsa Maju dibuka pada hari Sabtu ini dari 8 pagi hingga 1 petang untuk "
        "pembaharuan lesen memandu. Terima kasih.")
IMAGE = MediaItem("image", "https://www.jpj.gov.my/images/kaunter.jpg",
                  "Kaunter JPJ dengan papan tanda waktu operasi")
VIDEO = MediaItem("video", "https://www.jpj.gov.my/video/tips.mp4")


def post(**extra) -> Publication:
    return Publication(account_id=IG, text=TEXT, idempotency_key="rasmi-1-2-cd", **extra)


def replay(name: str) -> tuple[InstagramConnector, ReplayTransport, list[float]]:
    naps: list[float] = []
    transport = ReplayTransport(fixture_path("instagram", name))
    return InstagramConnector(TOKEN, client=transport.client(), sleep=naps.append), \
        transport, naps


def test_an_image_is_a_container_then_a_publish_then_a_permalink():
    connector, transport, naps = replay("publish_image")
    with transport:
        published = connector.publish(post(media=(IMAGE,)))
    assert published.platform_post_id == "17920238422030506"
    assert published.permalink == "https://www.instagram.com/p/DCx1AbCdEfG/"
    assert naps == []  # images are not polled
    assert_token_kept_out(transport, TOKEN)


def test_a_video_is_a_reel_published_once_its_container_is_finished():
    connector, transport, naps = replay("publish_reel")
    with transport:
        published = connector.publish(post(media=(VIDEO,)))
    assert published.permalink == "https://www.instagram.com/reel/DCx9ZyXwVuT/"
    assert naps == [instagram.POLL_SECONDS]  # one IN_PROGRESS, then FINISHED


def test_a_container_that_fails_processing_is_invalid_and_nothing_is_published():
    connector, transport, _ = replay("container_error")
    with transport, pytest.raises(ConnectorError) as raised:
        connector.publish(post(media=(VIDEO,)))
    assert raised.value.kind == ErrorKind.INVALID and "2207026" in raised.value.message


def test_a_container_that_never_finishes_is_transient(monkeypatch):
    monkeypatch.setattr(instagram, "MAX_POLLS", 1)
    connector, transport, _ = replay("container_error")
    with pytest.raises(ConnectorError) as raised:
        connector.publish(post(media=(VIDEO,)))
    assert raised.value.kind == ErrorKind.TRANSIENT and transport.used == 2


def test_a_live_post_whose_permalink_cannot_be_read_still_counts_as_published():
    connector, transport, _ = replay("permalink_unavailable")
    with transport:
        published = connector.publish(post(media=(IMAGE,)))
    assert published.platform_post_id == "17920238422030506" and published.permalink == ""


@pytest.mark.parametrize("media", [(), (IMAGE, VIDEO)])
def test_text_only_or_a_carousel_is_refused_before_any_request(media):
    connector, transport, _ = replay("publish_image")
    with pytest.raises(ConnectorError) as raised:
        connector.publish(post(media=media))
    assert raised.value.kind == ErrorKind.INVALID and transport.requests == []
    if not media:
        assert "need an image or a video" in raised.value.message


@pytest.mark.parametrize(("fixture", "kind", "code"), [
    ("token_expired", ErrorKind.TOKEN_EXPIRED, "190/460"),
    ("throttled", ErrorKind.THROTTLED, "4"),
    ("publish_limit", ErrorKind.THROTTLED, "9/2207042"),
    ("spam_restricted", ErrorKind.POLICY, "4/2207051"),
    ("permission", ErrorKind.PERMISSION, "10"),
    ("server_error", ErrorKind.TRANSIENT, "-1/2207001"),
])
def test_graph_errors_become_kinds_without_leaking_the_token(fixture, kind, code):
    connector, transport, _ = replay(fixture)
    with transport, pytest.raises(ConnectorError) as raised:
        connector.publish(post(media=(IMAGE,)))
    assert (raised.value.kind, raised.value.code) == (kind, code)
    assert raised.value.platform == "instagram"
    assert_token_kept_out(transport, TOKEN, raised.value)


def test_throttling_reads_the_business_use_case_header():
    connector, transport, _ = replay("throttled")
    with transport, pytest.raises(ConnectorError) as raised:
        connector.publish(post(media=(IMAGE,)))
    assert raised.value.retry_after == 12 * 60


def test_the_daily_publishing_limit_keeps_the_users_message():
    connector, transport, _ = replay("publish_limit")
    with transport, pytest.raises(ConnectorError) as raised:
        connector.publish(post(media=(IMAGE,)))
    assert "maximum number of posts" in raised.value.message


def test_find_published_matches_the_caption():
    connector, transport, _ = replay("find_published")
    with transport:
        found = connector.find_published(post())
    assert found.platform_post_id == "17920238422030506"
    assert found.permalink == "https://www.instagram.com/p/DCx1AbCdEfG/"
    assert_token_kept_out(transport, TOKEN)


def test_find_published_says_none_when_no_recent_media_is_ours():
    connector, transport, _ = replay("find_none")
    with transport:
        assert connector.find_published(post()) is None
