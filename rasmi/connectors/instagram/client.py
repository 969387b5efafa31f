"""Instagram professional accounts (Instagram API with Facebook Login, graph.facebook.com).

1. POST /{ig-user-id}/media: a container (image_url, caption, alt_text; or media_type=REELS
   and video_url) -> {"id"}.
2. Video only: GET /{container-id}?fields=status_code until FINISHED.
3. POST /{ig-user-id}/media_publish (creation_id) -> {"id": media id}. Now it is live.
4. GET /{media-id}?fields=permalink.

Replies: POST /{ig-comment-id}/replies (message); hide: POST /{ig-comment-id} (hide).
"""

import time
from collections.abc import Callable

import httpx

from rasmi.connectors.base import (
    ConnectorError,
    ErrorKind,
    Publication,
    Published,
    Reply,
    Sent,
    same_text,
)
from rasmi.connectors.meta import GraphConnector

# Meta suggests checking a container about once a minute for up to five minutes; we look a
# little more often so short clips are not held a full minute.
POLL_SECONDS = 15.0
MAX_POLLS = 20
RECENT = "25"
# Instagram messaging text: UTF-8, under 1000 bytes (secondary sources; the Send API refuses
# longer text with code 100, after which nothing was sent).
DIRECT_TEXT_BYTES = 1000


class InstagramConnector(GraphConnector):
    platform = "instagram"

    def __init__(self, token: str, *, client: httpx.Client | None = None,
                 timeout: float = 20.0, sleep: Callable[[float], None] = time.sleep):
        super().__init__(token, client=client, timeout=timeout)
        self.sleep = sleep

    def publish(self, pub: Publication) -> Published:
        if not pub.media:
            raise self.fail(ErrorKind.INVALID, "Instagram posts need an image or a video; "
                            "this publication has only text", code="media_required")
        if len(pub.media) > 1:
            raise self.fail(ErrorKind.INVALID, "Instagram: this connector posts one image or "
                            "one video (carousels are not supported)", code="unsupported_media")
        item = pub.media[0]
        if item.type == "video":
            data = {"media_type": "REELS", "video_url": item.url, "caption": pub.text}
        else:
            data = {"image_url": item.url, "caption": pub.text}
            if item.alt_text:
                data["alt_text"] = item.alt_text
        container = self.required(self.post(f"/{pub.account_id}/media", data), "id")
        if item.type == "video":
            self._wait_until_ready(container)
        media_id = self.required(self.post(f"/{pub.account_id}/media_publish",
                                           {"creation_id": container}), "id")
        return Published(media_id, self._permalink(media_id))

    def _wait_until_ready(self, container: str) -> None:
        """Bounded: a container that never finishes fails TRANSIENT, and nothing has been
        published yet, so a retry (with a new container) cannot post twice."""
        for attempt in range(MAX_POLLS):
            if attempt:
                self.sleep(POLL_SECONDS)
            answer = self.get(f"/{container}", {"fields": "status_code"})
            status = answer.get("status_code")
            if status in ("FINISHED", "PUBLISHED"):
                return
            if status in ("ERROR", "EXPIRED"):
                raise self.fail(ErrorKind.INVALID, f"Instagram could not process the video "
                                f"(container {status}: {answer.get('status') or 'no detail'})",
                                code=f"container_{str(status).lower()}")
        raise self.fail(ErrorKind.TRANSIENT, "Instagram was still processing the video",
                        code="container_in_progress")

    def _permalink(self, media_id: str) -> str:
        # The post is already live: a failed lookup must not turn it into a failure (and
        # a resend). An empty permalink is the honest answer.
        try:
            return str(self.get(f"/{media_id}", {"fields": "permalink"}).get("permalink") or "")
        except ConnectorError:
            return ""

    def find_published(self, pub: Publication) -> Published | None:
        """The account's 25 most recent media, matched on the caption we sent."""
        recent = self.get(f"/{pub.account_id}/media",
                          {"fields": "id,caption,permalink", "limit": RECENT})
        for item in recent.get("data") or []:
            if isinstance(item, dict) and same_text(pub.text, item.get("caption")):
                return Published(str(item["id"]), str(item.get("permalink") or ""))
        return None

    # --- the inbox ----------------------------------------------------------------------

    def reply(self, reply: Reply) -> Sent:
        """POST /{ig-comment-id}/replies (message) -> {"id"}; Instagram only answers
        top-level comments, and not hidden ones. Direct: the Page's Send API (/me is the
        Page the token belongs to), within 24 hours of the person's last message."""
        if reply.direct:
            if len(reply.text.encode()) > DIRECT_TEXT_BYTES:
                raise self.fail(ErrorKind.INVALID, "Instagram direct messages take at most "
                                f"{DIRECT_TEXT_BYTES} bytes of text", code="too_long")
            return self.send_message("/me/messages", reply)
        answer = self.post(f"/{reply.in_reply_to}/replies", {"message": reply.text})
        return Sent(self.required(answer, "id"))

    def find_reply(self, reply: Reply) -> Sent | None:
        if reply.direct:
            return None
        return self.find_own(f"/{reply.in_reply_to}/replies", {"fields": "id,text,from"},
                             "text", reply)

    def confirms_reply_absence(self, reply: Reply) -> bool:
        return not reply.direct

    def hide_comment(self, comment_id: str, hidden: bool = True) -> None:
        """POST /{ig-comment-id} hide -> {"success": true}."""
        self.set_flag(f"/{comment_id}", {"hide": "true" if hidden else "false"})
