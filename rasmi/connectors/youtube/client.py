"""YouTube: update an existing video's title and description (videos.update, part=snippet).
The category is read first because an update must send it back."""

import httpx

from rasmi.connectors.base import (
    Connector,
    ConnectorError,
    ErrorKind,
    Publication,
    Published,
    kind_from_status,
)

TITLE_LIMIT = 100
THROTTLED = frozenset({"quotaExceeded", "rateLimitExceeded", "userRateLimitExceeded"})


class YouTubeConnector(Connector):
    platform = "youtube"
    base_url = "https://www.googleapis.com/youtube/v3"
    confirms_absence = True  # an update sent twice leaves the same metadata

    def _headers(self) -> dict:
        return {"Authorization": f"Bearer {self._token}"}

    def publish(self, pub: Publication) -> Published:
        if not pub.video_id:
            raise self.fail(ErrorKind.INVALID, "YouTube metadata needs the video's id")
        found = self.request("GET", "/videos", params={"part": "snippet", "id": pub.video_id},
                             headers=self._headers())
        items = found.get("items") or []
        if not items:
            raise self.fail(ErrorKind.INVALID, "video not found", code="videoNotFound")
        snippet = items[0].get("snippet", {})
        self.request("PUT", "/videos", params={"part": "snippet"}, headers=self._headers(),
                     json={"id": pub.video_id, "snippet": {
                         "title": (pub.title or snippet.get("title", ""))[:TITLE_LIMIT],
                         "description": pub.text,
                         "categoryId": snippet.get("categoryId", "25")}})
        return Published(pub.video_id, f"https://www.youtube.com/watch?v={pub.video_id}")

    def find_published(self, pub: Publication) -> Published | None:
        # An update is idempotent: sending the same title and description again is safe,
        # so "not found" here only means "send it".
        return None

    def error_from(self, response: httpx.Response, body: dict) -> ConnectorError:
        error = body.get("error") if isinstance(body.get("error"), dict) else {}
        reasons = {e.get("reason") for e in error.get("errors") or [] if isinstance(e, dict)}
        status = response.status_code
        kind = ErrorKind.THROTTLED if reasons & THROTTLED else kind_from_status(status)
        code = next(iter(sorted(r for r in reasons if r)), str(status))
        return self.fail(kind, str(error.get("message") or response.reason_phrase), code=code)
