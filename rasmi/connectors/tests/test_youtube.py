"""YouTube connector on recorded Data API v3 exchanges (videos.list, videos.update)."""

import datetime as dt
import json

import pytest

from rasmi.connectors.base import ConnectorError, ErrorKind, Publication
from rasmi.connectors.testing import ReplayTransport, assert_token_kept_out, fixture_path
from rasmi.connectors.youtube.client import PACIFIC, YouTubeConnector, until_pacific_midnight

TOKEN = "ya29.youtube-token-000"
TEXT = ("Kaunter JPJ Wangsa Maju dibuka pada hari Sabtu ini dari 8 pagi hingga 1 petang untuk "
        "pembaharuan lesen memandu. Terima kasih.")
VIDEO_ID = "dQw4jpjTips"
# 2026-11-25 22:00 Pacific (06:00 UTC on the 26th): two hours before the quota resets.
NOW = dt.datetime(2026, 11, 25, 22, 0, tzinfo=PACIFIC).timestamp()


def post(**extra) -> Publication:
    fields = {"account_id": "UCjpjMalaysia000000000", "text": TEXT,
              "idempotency_key": "rasmi-4-5-ij", "title": "Kaunter Sabtu",
              "video_id": VIDEO_ID} | extra
    return Publication(**fields)


def replay(name: str) -> tuple[YouTubeConnector, ReplayTransport]:
    transport = ReplayTransport(fixture_path("youtube", name))
    connector = YouTubeConnector(TOKEN, client=transport.client())
    connector.clock = lambda: NOW
    return connector, transport


def test_an_update_sets_title_and_description_and_keeps_category_tags_and_language():
    connector, transport = replay("update")
    with transport:
        published = connector.publish(post())
    assert published.platform_post_id == VIDEO_ID
    assert published.permalink == f"https://www.youtube.com/watch?v={VIDEO_ID}"
    sent = json.loads(transport.requests[1].content)["snippet"]
    assert set(sent) == {"title", "description", "categoryId", "tags", "defaultLanguage"}
    assert all(r.headers["authorization"] == f"Bearer {TOKEN}" for r in transport.requests)
    assert_token_kept_out(transport, TOKEN)


def test_nothing_is_sent_when_the_video_already_says_it():
    connector, transport = replay("unchanged")
    with transport:  # one videos.list (1 unit), no videos.update (50 units)
        assert connector.publish(post()).platform_post_id == VIDEO_ID


def test_without_a_video_id_nothing_is_asked():
    connector, transport = replay("update")
    with pytest.raises(ConnectorError) as raised:
        connector.publish(post(video_id=""))
    assert raised.value.kind == ErrorKind.INVALID and transport.requests == []


@pytest.mark.parametrize(("fixture", "kind", "code"), [
    ("quota_exceeded", ErrorKind.THROTTLED, "quotaExceeded"),
    ("rate_limited", ErrorKind.THROTTLED, "rateLimitExceeded"),
    ("unauthorized", ErrorKind.TOKEN_EXPIRED, "authError"),
    ("forbidden", ErrorKind.PERMISSION, "forbidden"),
    ("not_found", ErrorKind.INVALID, "videoNotFound"),
    ("not_found_on_update", ErrorKind.INVALID, "videoNotFound"),
    ("server_error", ErrorKind.TRANSIENT, "backendError"),
])
def test_google_errors_become_kinds_without_leaking_the_token(fixture, kind, code):
    connector, transport = replay(fixture)
    with transport, pytest.raises(ConnectorError) as raised:
        connector.publish(post())
    assert (raised.value.kind, raised.value.code, raised.value.platform) == \
        (kind, code, "youtube")
    assert_token_kept_out(transport, TOKEN, raised.value)


def test_an_exhausted_daily_quota_waits_until_midnight_pacific():
    connector, transport = replay("quota_exceeded")
    with transport, pytest.raises(ConnectorError) as raised:
        connector.publish(post())
    assert raised.value.retry_after == 2 * 3600


def test_midnight_pacific_follows_daylight_saving():
    summer = dt.datetime(2026, 7, 1, 23, 30, tzinfo=PACIFIC).timestamp()
    assert until_pacific_midnight(summer) == 30 * 60
    # 1 Nov 2026 has 25 hours: clocks go back at 02:00.
    day_of_change = dt.datetime(2026, 11, 1, 0, 30, tzinfo=PACIFIC).timestamp()
    assert until_pacific_midnight(day_of_change) == 24.5 * 3600


def test_find_published_confirms_the_description_is_already_ours():
    connector, transport = replay("find_published")
    with transport:
        found = connector.find_published(post())
    assert found.permalink == f"https://www.youtube.com/watch?v={VIDEO_ID}"


def test_find_published_says_none_when_the_video_still_has_the_old_text():
    connector, transport = replay("find_none")
    with transport:
        assert connector.find_published(post()) is None
