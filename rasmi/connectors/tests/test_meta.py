"""Facebook Pages and Instagram on recorded Graph API exchanges."""

import pytest

from rasmi.connectors.base import ConnectorError, ErrorKind, MediaItem, Publication
from rasmi.connectors.tests.helpers import TEXT, assert_token_kept_out, replay

PAGE, IG = "100064", "17841400000000001"
IMAGE = MediaItem("image", "https://www.jpj.gov.my/images/kaunter.jpg",
                  "Kaunter JPJ dengan papan tanda waktu operasi")


def page_post(**extra):
    return Publication(account_id=PAGE, text=TEXT, idempotency_key="rasmi-1-1-ab", **extra)


def test_a_page_post_goes_to_the_feed():
    connector, transport = replay("facebook", "publish_feed")
    published = connector.publish(page_post())
    assert published.platform_post_id == f"{PAGE}_987654321098765"
    assert published.permalink == f"https://www.facebook.com/{PAGE}_987654321098765"
    transport.assert_all_used()
    assert_token_kept_out(transport)  # the token travels in the form body only


def test_a_post_with_an_image_goes_to_photos():
    connector, transport = replay("facebook", "publish_photo")
    published = connector.publish(page_post(media=(IMAGE,)))
    assert published.platform_post_id == f"{PAGE}_555000111222999"
    transport.assert_all_used()


@pytest.mark.parametrize(("fixture", "kind", "retryable"), [
    ("token_expired", ErrorKind.TOKEN_EXPIRED, False),
    ("throttled", ErrorKind.THROTTLED, True),
    ("permission", ErrorKind.PERMISSION, False),
    ("policy_block", ErrorKind.POLICY, False),
    ("duplicate", ErrorKind.DUPLICATE, False),
    ("server_error", ErrorKind.TRANSIENT, True),
])
def test_graph_errors_are_told_apart(fixture, kind, retryable):
    connector, transport = replay("facebook", fixture)
    with pytest.raises(ConnectorError) as raised:
        connector.publish(page_post())
    assert raised.value.kind == kind and raised.value.retryable is retryable
    assert raised.value.platform == "facebook" and raised.value.message
    assert_token_kept_out(transport, raised.value)


def test_throttling_reads_the_business_use_case_header():
    connector, _ = replay("facebook", "throttled")
    with pytest.raises(ConnectorError) as raised:
        connector.publish(page_post())
    assert raised.value.retry_after == 5 * 60  # estimated_time_to_regain_access, minutes


def test_the_users_message_from_meta_is_kept():
    connector, _ = replay("facebook", "policy_block")
    with pytest.raises(ConnectorError) as raised:
        connector.publish(page_post())
    assert "disekat sementara" in raised.value.message


def test_find_published_matches_the_text_among_recent_posts():
    connector, _ = replay("facebook", "find_published")
    found = connector.find_published(page_post())
    assert found.platform_post_id == f"{PAGE}_987654321098765"
    connector, _ = replay("facebook", "find_none")
    assert connector.find_published(page_post()) is None


def ig_post(**extra):
    return Publication(account_id=IG, text=TEXT, idempotency_key="rasmi-1-2-cd", **extra)


def test_instagram_container_then_publish_then_permalink():
    connector, transport = replay("instagram", "publish_image")
    published = connector.publish(ig_post(media=(IMAGE,)))
    assert published.platform_post_id == "17920238422030506"
    assert published.permalink == "https://www.instagram.com/p/DCx1AbCdEfG/"
    transport.assert_all_used()
    assert_token_kept_out(transport)


def test_instagram_reels_wait_for_the_container():
    naps = []
    connector, transport = replay("instagram", "publish_reel", _sleep=naps.append)
    video = MediaItem("video", "https://www.jpj.gov.my/video/tips.mp4")
    published = connector.publish(ig_post(media=(video,)))
    assert published.permalink.startswith("https://www.instagram.com/reel/")
    assert naps == [2.0]  # one poll said IN_PROGRESS
    transport.assert_all_used()


def test_instagram_needs_media():
    connector, transport = replay("instagram", "token_expired")
    with pytest.raises(ConnectorError) as raised:
        connector.publish(ig_post())
    assert raised.value.kind == ErrorKind.INVALID and transport.used == 0


def test_instagram_expired_token_and_publishing_limit():
    connector, _ = replay("instagram", "token_expired")
    with pytest.raises(ConnectorError) as raised:
        connector.publish(ig_post(media=(IMAGE,)))
    assert raised.value.kind == ErrorKind.TOKEN_EXPIRED
    connector, _ = replay("instagram", "publish_limit")
    with pytest.raises(ConnectorError) as raised:
        connector.publish(ig_post(media=(MediaItem("image", IMAGE.url),)))
    assert raised.value.kind == ErrorKind.THROTTLED and raised.value.retry_after == 3600


def test_instagram_find_published():
    connector, _ = replay("instagram", "find_published")
    assert connector.find_published(ig_post()).platform_post_id == "17920238422030506"
