"""YouTube: set an existing video's title and description (Data API v3 videos.update,
part=snippet, 50 quota units; videos.list costs 1), and read the comment threads on a
channel and its videos for the inbox (commentThreads.list, 1 unit a page).

videos.update replaces every mutable property of the parts it names, so the current
snippet is read first and its categoryId (required), tags and defaultLanguage are sent
back; otherwise the update would wipe them.

Replies: comments.insert (POST /comments?part=snippet, {"snippet": {"parentId",
"textOriginal"}}, 50 units) answers a top-level comment; comments.setModerationStatus hides
one (heldForReview, reversible; `rejected` cannot be undone through the API, so Rasmi never
uses it) or shows it again (published).

Errors: {"error": {"code", "message", "errors": [{"message", "domain", "reason"}],
"status"}}. Daily quota resets at midnight Pacific Time.
"""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import httpx

from rasmi.connectors.base import (
    Connector,
    ConnectorError,
    ErrorKind,
    Publication,
    Published,
    Reply,
    Sent,
    same_text,
    status_kind,
)

TITLE_LIMIT = 100
KEPT = ("categoryId", "tags", "defaultLanguage")  # mutable snippet fields we do not own
THROTTLED = frozenset({"quotaExceeded", "dailyLimitExceeded", "rateLimitExceeded",
                       "userRateLimitExceeded"})
DAILY = frozenset({"quotaExceeded", "dailyLimitExceeded"})
PACIFIC = ZoneInfo("America/Los_Angeles")
# The comment answered or moderated is gone (deleted by its author, or never existed).
GONE = frozenset({"commentNotFound", "parentCommentNotFound"})
PAGE_SIZE = 100  # commentThreads.list accepts 1-100


VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
VIDEO_ADDRESS = re.compile(
    r"^(?:https?://)?(?:(?:www\.|m\.)?youtube\.com/(?:watch\?(?:.*&)?v=|shorts/|live/|embed/)"
    r"|youtu\.be/)([A-Za-z0-9_-]{11})(?:[?&#/].*)?$")


def video_id_from(text: str) -> str | None:
    """A video's id from the id itself or any of the addresses YouTube shows for it."""
    text = text.strip()
    if VIDEO_ID.fullmatch(text):
        return text
    match = VIDEO_ADDRESS.match(text)
    return match.group(1) if match else None


def permalink(video_id: str) -> str:
    return f"https://www.youtube.com/watch?v={video_id}"


def until_pacific_midnight(now: float) -> float:
    local = dt.datetime.fromtimestamp(now, PACIFIC)
    midnight = (local + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0,
                                                      microsecond=0)
    return max(0.0, midnight.timestamp() - now)


class YouTubeConnector(Connector):
    platform = "youtube"
    base_url = "https://www.googleapis.com/youtube/v3"
    confirms_absence = True  # the video's current metadata is read back and compared

    def _snippet(self, video_id: str) -> dict | None:
        found = self.request("GET", "/videos", params={"part": "snippet", "id": video_id},
                             headers=self.bearer())
        items = [i for i in found.get("items") or [] if isinstance(i, dict)]
        return (items[0].get("snippet") or {}) if items else None

    def _wanted(self, pub: Publication, current: dict) -> dict:
        title = (pub.title or str(current.get("title") or ""))[:TITLE_LIMIT]
        kept = {k: current[k] for k in KEPT if current.get(k) not in (None, "", [])}
        return {"title": title, "description": pub.text} | kept

    def publish(self, pub: Publication) -> Published:
        if not pub.video_id:
            raise self.fail(ErrorKind.INVALID, "YouTube: which video to update is missing "
                            "(video_id)", code="video_id_required")
        current = self._snippet(pub.video_id)
        if current is None:
            raise self.fail(ErrorKind.INVALID, f"YouTube has no video {pub.video_id} this "
                            "account can see", code="videoNotFound")
        wanted = self._wanted(pub, current)
        if all(current.get(k) == wanted[k] for k in ("title", "description")):
            return Published(pub.video_id, permalink(pub.video_id))  # nothing to spend on
        self.request("PUT", "/videos", params={"part": "snippet"}, headers=self.bearer(),
                     json={"id": pub.video_id, "snippet": wanted})
        return Published(pub.video_id, permalink(pub.video_id))

    def find_published(self, pub: Publication) -> Published | None:
        """The video already carries our description (and title, when we set one)."""
        if not pub.video_id:
            return None
        current = self._snippet(pub.video_id)
        if not current or not same_text(pub.text, current.get("description")):
            return None
        if pub.title and current.get("title") != pub.title[:TITLE_LIMIT]:
            return None
        return Published(pub.video_id, permalink(pub.video_id))

    # --- the inbox ----------------------------------------------------------------------

    def reply(self, reply: Reply) -> Sent:
        if reply.direct:
            raise self.unsupported("direct messages")
        answer = self.request("POST", "/comments", params={"part": "snippet"},
                              headers=self.bearer(), json={"snippet": {
                                  "parentId": reply.in_reply_to, "textOriginal": reply.text}})
        return Sent(self.required(answer, "id"))

    def find_reply(self, reply: Reply) -> Sent | None:
        """comments.list of the replies under the comment (1 unit): ours if the channel
        wrote our text."""
        if reply.direct:
            return None
        listed = self.request("GET", "/comments", headers=self.bearer(), params={
            "part": "snippet", "parentId": reply.in_reply_to, "maxResults": "100",
            "textFormat": "plainText"})
        for item in listed.get("items") or []:
            snippet = item.get("snippet") if isinstance(item, dict) else None
            if not isinstance(snippet, dict) or not item.get("id"):
                continue
            author = snippet.get("authorChannelId")
            author_id = author.get("value") if isinstance(author, dict) else None
            if author_id == reply.account_id and same_text(reply.text,
                                                           snippet.get("textOriginal")):
                return Sent(str(item["id"]))
        return None

    def confirms_reply_absence(self, reply: Reply) -> bool:
        return not reply.direct

    def hide_comment(self, comment_id: str, hidden: bool = True) -> None:
        """204 No Content on success. Needs the owner of the channel or the video."""
        self.request("POST", "/comments/setModerationStatus", headers=self.bearer(), params={
            "id": comment_id, "moderationStatus": "heldForReview" if hidden else "published"})
    def comment_threads(self, channel_id: str, *, page_token: str = "",
                        max_results: int = PAGE_SIZE) -> dict:
        """One page of commentThreads.list for everything related to the channel (its
        videos and the channel itself), newest first, each thread with the replies YouTube
        includes (not always all of them). The answer is returned as received."""
        params = {"part": "snippet,replies", "allThreadsRelatedToChannelId": channel_id,
                  "maxResults": str(max_results), "order": "time",
                  # textDisplay as plain text: textOriginal only reaches the comment's author.
                  "textFormat": "plainText"}
        if page_token:
            params["pageToken"] = page_token
        return self.request("GET", "/commentThreads", params=params, headers=self.bearer())

    def error_from(self, response: httpx.Response, body: dict) -> ConnectorError:
        error = body.get("error") if isinstance(body.get("error"), dict) else {}
        reasons = [str(e.get("reason")) for e in error.get("errors") or []
                   if isinstance(e, dict) and e.get("reason")]
        status = response.status_code
        wait = None
        if GONE.intersection(reasons):
            kind = ErrorKind.NOT_FOUND
        elif THROTTLED.intersection(reasons):
            kind = ErrorKind.THROTTLED
            if DAILY.intersection(reasons):
                wait = until_pacific_midnight(self.clock())
        else:
            kind = status_kind(status)
        message = str(error.get("message") or response.reason_phrase or "YouTube API error")
        return self.fail(kind, message, code=reasons[0] if reasons else str(status),
                         retry_after=wait)
