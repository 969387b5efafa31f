"""TikTok Content Posting API, direct post of a video the platform pulls from a URL.

1. POST /v2/post/publish/creator_info/query/ -> privacy_level_options, creator_username and
   whether the creator has comments / duets / stitches turned off.
2. POST /v2/post/publish/video/init/ {post_info, source_info: PULL_FROM_URL} -> publish_id.
3. POST /v2/post/publish/status/fetch/ {publish_id} until PUBLISH_COMPLETE or FAILED.

Every answer is {"data": {...}, "error": {"code", "message", "log_id"}}, code "ok" on
success (developers.tiktok.com, API v2 error handling). The URL's domain must be verified
for the app, and posts of unaudited apps are private (SELF_ONLY).
"""

import time
from collections.abc import Callable

import httpx

from rasmi.connectors.base import (
    Connector,
    ConnectorError,
    ErrorKind,
    Publication,
    Published,
    status_kind,
)

TITLE_LIMIT = 2200  # UTF-16 code units
POLL_SECONDS = 5.0
MAX_POLLS = 36  # three minutes: processing plus TikTok's usual moderation time
# TikTok sends no header saying when a limit resets; its limits are per minute.
THROTTLE_WAIT = 60.0

KINDS = {
    "access_token_invalid": ErrorKind.TOKEN_EXPIRED,
    "rate_limit_exceeded": ErrorKind.THROTTLED,
    "scope_not_authorized": ErrorKind.PERMISSION,
    "scope_permission_missed": ErrorKind.PERMISSION,
    "spam_risk_too_many_posts": ErrorKind.POLICY,
    "spam_risk_user_banned_from_posting": ErrorKind.POLICY,
    "internal_error": ErrorKind.TRANSIENT,
}
# fail_reason of a FAILED publish.
FAILED_KINDS = {
    "auth_removed": ErrorKind.TOKEN_EXPIRED,
    "internal": ErrorKind.TRANSIENT,
}


def truncate_utf16(text: str, limit: int) -> str:
    """Cut to `limit` UTF-16 code units (how TikTok counts) without splitting a character."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            return text[:index]
    return text


class TikTokConnector(Connector):
    platform = "tiktok"
    base_url = "https://open.tiktokapis.com/v2"

    def __init__(self, token: str, *, client: httpx.Client | None = None,
                 timeout: float = 20.0, sleep: Callable[[float], None] = time.sleep):
        super().__init__(token, client=client, timeout=timeout)
        self.sleep = sleep

    def _post(self, path: str, payload: dict | None) -> dict:
        headers = self.bearer() | {"Content-Type": "application/json; charset=UTF-8"}
        if payload is None:  # creator_info/query takes no body
            answer = self.request("POST", path, content=b"", headers=headers)
        else:
            answer = self.request("POST", path, json=payload, headers=headers)
        data = answer.get("data")
        return data if isinstance(data, dict) else {}

    def publish(self, pub: Publication) -> Published:
        video = next((m for m in pub.media if m.type == "video"), None)
        if video is None:
            raise self.fail(ErrorKind.INVALID, "TikTok posts need a video", code="media_required")
        creator = self._post("/post/publish/creator_info/query/", None)
        options = [str(o) for o in creator.get("privacy_level_options") or []]
        if not options:
            raise self.fail(ErrorKind.PERMISSION, "TikTok offered no privacy level for this "
                            "creator", code="no_privacy_options")
        privacy = "PUBLIC_TO_EVERYONE" if "PUBLIC_TO_EVERYONE" in options else options[0]
        init = self._post("/post/publish/video/init/", {
            "post_info": {
                "title": truncate_utf16(pub.text, TITLE_LIMIT),
                "privacy_level": privacy,
                # The creator's own settings win (TikTok's direct post guidelines).
                "disable_comment": bool(creator.get("comment_disabled")),
                "disable_duet": bool(creator.get("duet_disabled")),
                "disable_stitch": bool(creator.get("stitch_disabled")),
            },
            "source_info": {"source": "PULL_FROM_URL", "video_url": video.url},
        })
        publish_id = self.required(init, "publish_id")
        return self._wait(publish_id, str(creator.get("creator_username") or ""))

    def _wait(self, publish_id: str, username: str) -> Published:
        """From here TikTok has the video. Nothing after this may be retryable: a resend
        would post it twice. Passing trouble while polling is waited out instead."""
        for attempt in range(MAX_POLLS):
            if attempt:
                self.sleep(POLL_SECONDS)
            try:
                status = self._post("/post/publish/status/fetch/", {"publish_id": publish_id})
            except ConnectorError as error:
                if not error.retryable:
                    raise
                if error.retry_after:
                    self.sleep(min(error.retry_after, THROTTLE_WAIT))
                continue
            state = status.get("status")
            if state == "PUBLISH_COMPLETE":
                return self._published(publish_id, username, status)
            if state == "FAILED":
                reason = str(status.get("fail_reason") or "unknown")
                kind = FAILED_KINDS.get(reason) or (
                    ErrorKind.POLICY if reason.startswith("spam_risk") else ErrorKind.INVALID)
                raise self.fail(kind, f"TikTok did not publish the video: {reason}",
                                code=reason)
        raise self.fail(ErrorKind.INVALID, f"TikTok had not finished publishing "
                        f"{publish_id} after {MAX_POLLS} checks; check the account before "
                        "sending again", code="publish_pending")

    @staticmethod
    def _published(publish_id: str, username: str, status: dict) -> Published:
        # Spelled "publicaly" in TikTok's API. Private (SELF_ONLY) posts get no public id.
        ids = status.get("publicaly_available_post_id") or \
            status.get("publicly_available_post_id") or []
        if not ids:
            return Published(publish_id, "")
        post_id = str(ids[0])
        link = f"https://www.tiktok.com/@{username}/video/{post_id}" if username else ""
        return Published(post_id, link)

    def find_published(self, pub: Publication) -> Published | None:
        """Always None: TikTok cannot tell us. The Display API (video/list) needs another
        scope, lists public videos only (unaudited apps post privately) and cuts
        descriptions to 150 characters, so a match on our text would be a guess. An
        interrupted TikTok send is left to a person."""
        return None

    def body_is_error(self, body: dict) -> bool:
        error = body.get("error")
        return isinstance(error, dict) and error.get("code") not in (None, "", "ok")

    def error_from(self, response: httpx.Response, body: dict) -> ConnectorError:
        error = body.get("error") if isinstance(body.get("error"), dict) else {}
        code = str(error.get("code") or response.status_code)
        kind = KINDS.get(code) or status_kind(response.status_code)
        message = str(error.get("message") or response.reason_phrase or "TikTok API error")
        if error.get("log_id"):
            message = f"{message} (log_id {error['log_id']})"  # TikTok support asks for it
        wait = THROTTLE_WAIT if kind == ErrorKind.THROTTLED else None
        return self.fail(kind, message, code=code, retry_after=wait)
