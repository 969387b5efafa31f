"""What all connectors share: errors, the request helper, rate-limit signals, the registry,
the replay transport, and the recorded payloads' shapes."""

import datetime as dt
import json
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest

from rasmi.connectors.base import (
    Connector,
    ConnectorError,
    ErrorKind,
    Publication,
    Published,
    retry_after_from,
    status_kind,
)
from rasmi.connectors.registry import (
    CONNECTORS,
    PLATFORMS_WITH_CONNECTOR,
    UnknownPlatform,
    connector_for,
)
from rasmi.connectors.testing import FIXTURES, ReplayMismatch, ReplayTransport, fixture_path
from rasmi.core.platforms import PLATFORM_CODES

TOKEN = "secret-token-xyz"
NOW = 1795600000.0


class EchoConnector(Connector):
    """A minimal platform whose error bodies are {"error": "<message>"}."""

    platform = "echo"
    base_url = "https://api.echo.example"

    def publish(self, pub: Publication) -> Published:
        answer = self.request("POST", "/posts", json={"text": pub.text}, headers=self.bearer())
        return Published(self.required(answer, "id"), "")

    def find_published(self, pub: Publication) -> Published | None:
        return None

    def error_from(self, response: httpx.Response, body: dict) -> ConnectorError:
        return self.fail(status_kind(response.status_code), str(body.get("error", "")))


def echo(handler) -> EchoConnector:
    connector = EchoConnector(TOKEN, client=httpx.Client(transport=httpx.MockTransport(handler)))
    connector.clock = lambda: NOW
    return connector


def send(connector: Connector) -> ConnectorError:
    with pytest.raises(ConnectorError) as raised:
        connector.publish(Publication(account_id="1", text="Salam", idempotency_key="k"))
    return raised.value


# --- errors -------------------------------------------------------------------------

@pytest.mark.parametrize("kind", list(ErrorKind))
def test_only_throttled_and_transient_errors_are_retryable(kind):
    error = ConnectorError(kind=kind, code="c", message="m", platform="facebook")
    assert error.retryable is (kind in (ErrorKind.THROTTLED, ErrorKind.TRANSIENT))


def test_an_error_reads_well_and_keeps_its_fields():
    error = ConnectorError(ErrorKind.POLICY, "368", "blocked for a while", 30.0, "facebook")
    assert str(error) == "facebook policy [368]: blocked for a while"
    assert (error.kind, error.code, error.retry_after) == ("policy", "368", 30.0)
    assert ConnectorError(kind="invalid").code == "invalid"  # kind doubles as code


# --- the request helper -------------------------------------------------------------

@pytest.mark.parametrize("failure", [httpx.ConnectTimeout, httpx.ReadTimeout,
                                     httpx.ConnectError, httpx.RemoteProtocolError])
def test_network_trouble_is_transient(failure):
    def refuse(request):
        raise failure("no route", request=request)

    error = send(echo(refuse))
    assert error.kind == ErrorKind.TRANSIENT and error.retryable
    assert "api.echo.example" in error.message and "no route" not in error.message
    # Only a request that never left is known not to have been acted on.
    never_sent = failure in (httpx.ConnectTimeout, httpx.ConnectError)
    assert (error.code == "unreachable") is never_sent


def test_a_success_without_the_expected_field_is_not_retried():
    error = send(echo(lambda r: httpx.Response(200, json={"ok": True})))
    assert (error.kind, error.code) == (ErrorKind.INVALID, "unexpected_answer")


def test_a_5xx_page_that_is_not_json_is_transient():
    error = send(echo(lambda r: httpx.Response(502, text="<html>Bad Gateway</html>")))
    assert error.kind == ErrorKind.TRANSIENT


def test_a_429_is_throttled_and_reads_retry_after():
    error = send(echo(lambda r: httpx.Response(429, headers={"Retry-After": "120"},
                                               json={"error": "slow down"})))
    assert (error.kind, error.retry_after, error.message) == (ErrorKind.THROTTLED, 120,
                                                              "slow down")


def test_the_token_is_redacted_even_when_a_platform_echoes_it():
    error = send(echo(lambda r: httpx.Response(
        400, json={"error": f"Malformed access token {TOKEN}"})))
    assert TOKEN not in str(error) and TOKEN not in repr(error) and TOKEN not in error.message
    assert "[token]" in error.message


def test_a_connector_never_shows_its_token():
    assert TOKEN not in repr(echo(lambda r: httpx.Response(200, json={"id": "1"})))


def test_a_connector_closes_only_a_client_it_made():
    given = httpx.Client()
    with EchoConnector(TOKEN, client=given):
        pass
    assert not given.is_closed
    with EchoConnector(TOKEN) as own:
        pass
    assert own._client.is_closed


# --- rate-limit signals -------------------------------------------------------------

def wait(status: int = 429, **headers: str) -> float | None:
    return retry_after_from(httpx.Response(status, headers=headers), now=NOW)


def test_retry_after_in_seconds_or_as_a_date():
    assert wait(**{"Retry-After": "30"}) == 30
    later = format_datetime(dt.datetime.fromtimestamp(NOW + 90, dt.UTC), usegmt=True)
    assert wait(**{"Retry-After": later}) == 90
    assert wait(**{"Retry-After": "soon"}) is None


def test_x_reset_counts_only_for_an_exhausted_window():
    exhausted = {"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(int(NOW) + 300)}
    assert wait(400, **exhausted) == 300
    healthy = {"x-rate-limit-remaining": "12", "x-rate-limit-reset": str(int(NOW) + 300)}
    assert wait(403, **healthy) is None
    assert wait(429, **healthy) == 300  # a 429 means some window is spent


def test_meta_usage_headers_give_minutes_to_regain_access():
    business = {"x-business-use-case-usage": json.dumps({"100064": [
        {"type": "pages", "call_count": 100, "estimated_time_to_regain_access": 7},
        {"type": "pages", "call_count": 20, "estimated_time_to_regain_access": 0}]})}
    assert wait(400, **business) == 7 * 60
    app = {"x-app-usage": json.dumps({"call_count": 100, "total_time": 12, "total_cputime": 9,
                                      "estimated_time_to_regain_access": 3})}
    assert wait(400, **app) == 3 * 60


@pytest.mark.parametrize("headers", [{}, {"x-app-usage": "not json"},
                                     {"x-business-use-case-usage": "[1, 2]"},
                                     {"x-app-usage": json.dumps({"call_count": 40})}])
def test_no_or_broken_signals_mean_no_wait(headers):
    assert wait(400, **headers) is None


# --- registry -----------------------------------------------------------------------

def test_every_connector_uses_a_platform_code_rasmi_knows():
    assert PLATFORMS_WITH_CONNECTOR == {"facebook", "instagram", "x", "tiktok", "youtube"}
    assert PLATFORMS_WITH_CONNECTOR <= set(PLATFORM_CODES)


@pytest.mark.parametrize("platform", sorted(CONNECTORS))
def test_connector_for_builds_the_platforms_class_on_the_given_client(platform):
    client = httpx.Client()
    connector = connector_for(platform, TOKEN, client=client)
    assert isinstance(connector, CONNECTORS[platform]) and connector.platform == platform
    assert connector._client is client
    assert connector.base_url.startswith("https://")


def test_an_unknown_platform_is_a_key_error():
    with pytest.raises(UnknownPlatform) as raised:
        connector_for("threads", TOKEN)
    assert isinstance(raised.value, KeyError) and "threads" in str(raised.value)


# --- the replay transport -----------------------------------------------------------

def test_replay_refuses_a_request_unlike_the_recording():
    transport = ReplayTransport(fixture_path("x", "publish"))
    with pytest.raises(ReplayMismatch, match="json.text"):
        transport.client().post("https://api.x.com/2/tweets", json={"text": "lain"})
    transport = ReplayTransport(fixture_path("x", "publish"))
    with pytest.raises(ReplayMismatch, match="expected POST https://api.x.com/2/tweets"):
        transport.client().post("https://api.x.com/2/posts", json={"text": "lain"})


def test_replay_refuses_a_request_beyond_the_recording():
    transport = ReplayTransport(fixture_path("youtube", "not_found"))
    client = transport.client()
    client.get("https://www.googleapis.com/youtube/v3/videos",
               params={"part": "snippet", "id": "dQw4jpjTips"})
    with pytest.raises(ReplayMismatch, match="unexpected extra request"):
        client.get("https://www.googleapis.com/youtube/v3/videos")


def test_replay_fails_when_recorded_exchanges_are_left_unused():
    with pytest.raises(ReplayMismatch, match="never requested"), \
            ReplayTransport(fixture_path("instagram", "publish_image")):
        pass


def test_a_mismatch_a_connector_swallowed_still_fails_the_test():
    transport = ReplayTransport(fixture_path("x", "publish"))
    try:
        transport.client().post("https://api.x.com/2/tweets", json={})
    except ReplayMismatch:
        pass
    with pytest.raises(ReplayMismatch, match="json.text"):
        transport.assert_all_used()


# --- recorded payloads --------------------------------------------------------------

ALL_FIXTURES = sorted(FIXTURES.glob("*/fixtures/*.json"))


def responses(path: Path) -> list[dict]:
    return [exchange["response"] for exchange in json.loads(path.read_text("utf-8"))]


def test_every_platform_has_recordings():
    assert {p.parent.parent.name for p in ALL_FIXTURES} == PLATFORMS_WITH_CONNECTOR


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_recorded_payloads_follow_the_platforms_documented_shapes(path):
    platform = path.parent.parent.name
    for exchange in json.loads(path.read_text("utf-8")):
        request, response = exchange["request"], exchange["response"]
        assert request["method"] in ("GET", "POST", "PUT")
        assert request["url"].startswith(CONNECTORS[platform].base_url)
        assert "?" not in request["url"] and "access_token" not in request.get("params", {})
        assert set(request) <= {"method", "url", "params", "form", "json"}
        assert set(response) <= {"status", "headers", "json", "text"}
        body, ok = response.get("json"), response["status"] < 400
        if platform in ("facebook", "instagram") and not ok:
            assert {"message", "type", "code", "fbtrace_id"} <= set(body["error"])
        if platform == "tiktok":  # every answer, success or not, has the error envelope
            assert set(body) == {"data", "error"}
            assert set(body["error"]) == {"code", "message", "log_id"}
            assert (body["error"]["code"] == "ok") is ok
        if platform == "x" and not ok:
            assert {"title", "detail", "type"} <= set(body) or "errors" in body
        if platform == "youtube" and not ok:
            assert body["error"]["code"] == response["status"]
            assert all("reason" in e for e in body["error"]["errors"])
