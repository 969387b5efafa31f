"""TikTok direct post: creator_info/query -> video/init (PULL_FROM_URL) -> poll
status/fetch until PUBLISH_COMPLETE. Every answer carries {"data", "error": {"code"}} with
code "ok" on success."""

import time
from collections.abc import Callable

import httpx

from rasmi.connectors.base import (
    Connector,
    ConnectorError,
    ErrorKind,
    Publication,
    Published,
    kind_from_status,
)

POLLS = 30
KINDS = {
    "access_token_invalid": ErrorKind.TOKEN_EXPIRED,
    "rate_limit_exceeded": ErrorKind.THROTTLED,
    "scope_not_authorized": ErrorKind.PERMISSION,
    "scope_permission_missed": ErrorKind.PERMISSION,
    "spam_risk_too_many_posts": ErrorKind.POLICY,
    "spam_risk_user_banned_from_posting": ErrorKind.POLICY,
    "internal_error": ErrorKind.TRANSIENT,
}
TITLE_LIMIT = 2200


class TikTokConnector(Connector):
    platform = "tiktok"
    base_url = "https://open.tiktokapis.com/v2"

    def __init__(self, token: str, *, client: httpx.Client | None = None,
                 timeout: float = 20.0, sleep: Callable[[float], None] = time.sleep):
        super().__init__(token, client=client, timeout=timeout)
        self._sleep = sleep

    def _post(self, path: str, payload: dict) -> dict:
        return self.request("POST", path, json=payload, headers={
            "Authorization": f"Bearer {self._token}",
            "Content-Type": "application/json; charset=UTF-8"}).get("data") or {}

    def publish(self, pub: Publication) -> Published:
        video = next((m for m in pub.media if m.type == "video"), None)
        if video is None:
            raise self.fail(ErrorKind.INVALID, "TikTok needs a video")
        creator = self._post("/post/publish/creator_info/query/", {})
        options = creator.get("privacy_level_options") or ["SELF_ONLY"]
        privacy = "PUBLIC_TO_EVERYONE" if "PUBLIC_TO_EVERYONE" in options else options[0]
        init = self._post("/post/publish/video/init/", {
            "post_info": {"title": pub.text[:TITLE_LIMIT], "privacy_level": privacy,
                          "disable_comment": False, "disable_duet": False,
                          "disable_stitch": False, "video_cover_timestamp_ms": 1000},
            "source_info": {"source": "PULL_FROM_URL", "video_url": video.url}})
        publish_id = init["publish_id"]
        for _ in range(POLLS):
            status = self._post("/post/publish/status/fetch/", {"publish_id": publish_id})
            state = status.get("status")
            if state == "PUBLISH_COMPLETE":
                ids = status.get("publicaly_available_post_id") or status.get(
                    "publicly_available_post_id") or []
                post_id = str(ids[0]) if ids else publish_id
                handle = creator.get("creator_username", "")
                link = f"https://www.tiktok.com/@{handle}/video/{post_id}" if ids and handle \
                    else ""
                return Published(post_id, link)
            if state == "FAILED":
                raise self.fail(ErrorKind.INVALID, str(status.get("fail_reason") or "failed"))
            self._sleep(3.0)
        raise self.fail(ErrorKind.TRANSIENT, "TikTok was still processing the video")

    def find_published(self, pub: Publication) -> Published | None:
        # The status of an earlier publish_id is not kept by us before the answer came
        # back, and video/list does not carry our key: a person checks.
        return None

    def body_is_error(self, body: dict) -> bool:
        error = body.get("error")
        return isinstance(error, dict) and error.get("code") not in (None, "ok")

    def error_from(self, response: httpx.Response, body: dict) -> ConnectorError:
        error = body.get("error") if isinstance(body.get("error"), dict) else {}
        code = str(error.get("code") or response.status_code)
        kind = KINDS.get(code) or kind_from_status(response.status_code)
        return self.fail(kind, str(error.get("message") or response.reason_phrase), code=code)
