"""Facebook Pages connector on recorded Graph API exchanges."""

import pytest

from rasmi.connectors.base import ConnectorError, ErrorKind, MediaItem, Publication
from rasmi.connectors.facebook.client import FacebookConnector
from rasmi.connectors.testing import ReplayTransport, assert_token_kept_out, fixture_path

TOKEN = "page-token-123"
PAGE = "100064"
TEXT = ("Kaunter JPJ Wangsa Maju dibuka pada hari Sabtu ini dari 8 pagi hingga 1 petang untuk "
        "pembaharuan lesen memandu. Terima kasih.")
LINK = "https://www.jpj.gov.my/kaunter-sabtu"
IMAGE = MediaItem("image", "https://www.jpj.gov.my/images/kaunter.jpg")


def post(**extra) -> Publication:
    return Publication(account_id=PAGE, text=TEXT, idempotency_key="rasmi-1-1-ab", **extra)


def replay(name: str) -> tuple[FacebookConnector, ReplayTransport]:
    transport = ReplayTransport(fixture_path("facebook", name))
    return FacebookConnector(TOKEN, client=transport.client()), transport


def test_a_text_post_goes_to_the_feed_with_the_token_in_the_form_body():
    connector, transport = replay("publish_feed")
    with transport:
        published = connector.publish(post())
    assert published.platform_post_id == f"{PAGE}_987654321098765"
    assert published.permalink == f"https://www.facebook.com/{PAGE}_987654321098765"
    assert b"access_token=page-token-123" in transport.requests[0].content
    assert_token_kept_out(transport, TOKEN)


def test_a_link_travels_as_the_link_field():
    connector, transport = replay("publish_link")
    with transport:
        published = connector.publish(post(link=LINK))
    assert published.platform_post_id == f"{PAGE}_987654321098766"


def test_an_image_goes_to_photos_with_the_link_in_the_caption():
    connector, transport = replay("publish_photo")
    with transport:
        published = connector.publish(post(media=(IMAGE,), link=LINK))
    # /photos answers the photo id and the post id; the post is what we link to.
    assert published.platform_post_id == f"{PAGE}_555000111222999"
    assert published.permalink == f"https://www.facebook.com/{PAGE}_555000111222999"


@pytest.mark.parametrize("media", [
    (MediaItem("video", "https://www.jpj.gov.my/video/tips.mp4"),),
    (IMAGE, MediaItem("image", "https://www.jpj.gov.my/images/dua.jpg")),
])
def test_media_it_cannot_post_are_refused_before_any_request(media):
    connector, transport = replay("publish_feed")
    with pytest.raises(ConnectorError) as raised:
        connector.publish(post(media=media))
    assert raised.value.kind == ErrorKind.INVALID and transport.requests == []


@pytest.mark.parametrize(("fixture", "kind", "code"), [
    ("token_expired", ErrorKind.TOKEN_EXPIRED, "190/463"),
    ("throttled", ErrorKind.THROTTLED, "32"),
    ("permission", ErrorKind.PERMISSION, "200"),
    ("policy_block", ErrorKind.POLICY, "368/1390008"),
    ("duplicate", ErrorKind.DUPLICATE, "506"),
    ("server_error", ErrorKind.TRANSIENT, "2"),
])
def test_graph_errors_become_kinds_without_leaking_the_token(fixture, kind, code):
    connector, transport = replay(fixture)
    with transport, pytest.raises(ConnectorError) as raised:
        connector.publish(post())
    error = raised.value
    assert (error.kind, error.code, error.platform) == (kind, code, "facebook")
    assert error.retryable is (kind in (ErrorKind.THROTTLED, ErrorKind.TRANSIENT))
    assert error.message
    assert_token_kept_out(transport, TOKEN, error)


def test_throttling_waits_for_the_business_use_case_estimate():
    connector, transport = replay("throttled")
    with transport, pytest.raises(ConnectorError) as raised:
        connector.publish(post())
    assert raised.value.retry_after == 5 * 60  # estimated_time_to_regain_access is minutes


def test_the_message_meant_for_the_user_is_kept():
    connector, transport = replay("policy_block")
    with transport, pytest.raises(ConnectorError) as raised:
        connector.publish(post())
    assert "deemed abusive" in raised.value.message
    assert "Anda disekat sementara daripada menyiarkan." in raised.value.message


def test_find_published_matches_our_text_among_recent_posts():
    connector, transport = replay("find_published")
    with transport:
        found = connector.find_published(post())
    assert found.platform_post_id == f"{PAGE}_987654321098765"  # line breaks aside
    assert found.permalink == f"https://www.facebook.com/{PAGE}/posts/987654321098765"
    assert transport.requests[0].headers["authorization"] == f"Bearer {TOKEN}"
    assert_token_kept_out(transport, TOKEN)


def test_find_published_says_none_when_no_recent_post_is_ours():
    connector, transport = replay("find_none")
    with transport:
        assert connector.find_published(post()) is None
