"""Instagram: a media container (POST /{ig-user-id}/media), then media_publish with its
id; videos are published as Reels once the container reports FINISHED."""

import time
from collections.abc import Callable

import httpx

from rasmi.connectors.base import ErrorKind, Publication, Published
from rasmi.connectors.meta import GraphConnector, matches

POLLS = 30


class InstagramConnector(GraphConnector):
    platform = "instagram"

    def __init__(self, token: str, *, client: httpx.Client | None = None,
                 timeout: float = 20.0, sleep: Callable[[float], None] = time.sleep):
        super().__init__(token, client=client, timeout=timeout)
        self._sleep = sleep

    def publish(self, pub: Publication) -> Published:
        if not pub.media:
            raise self.fail(ErrorKind.INVALID, "Instagram needs an image or a video")
        item = pub.media[0]
        data = {"caption": pub.text}
        if item.type == "video":
            data |= {"media_type": "REELS", "video_url": item.url}
        else:
            data |= {"image_url": item.url} | ({"alt_text": item.alt_text}
                                               if item.alt_text else {})
        container = self.post(f"/{pub.account_id}/media", data)["id"]
        if item.type == "video":
            self._wait_until_finished(container)
        media_id = self.post(f"/{pub.account_id}/media_publish",
                             {"creation_id": container})["id"]
        permalink = self.get(f"/{media_id}", {"fields": "permalink"}).get("permalink", "")
        return Published(media_id, permalink)

    def _wait_until_finished(self, container: str) -> None:
        for _ in range(POLLS):
            status = self.get(f"/{container}", {"fields": "status_code"}).get("status_code")
            if status in ("FINISHED", "PUBLISHED"):
                return
            if status in ("ERROR", "EXPIRED"):
                raise self.fail(ErrorKind.INVALID, f"the video container ended {status}")
            self._sleep(2.0)
        raise self.fail(ErrorKind.TRANSIENT, "the video was still processing")

    def find_published(self, pub: Publication) -> Published | None:
        recent = self.get(f"/{pub.account_id}/media",
                          {"fields": "id,caption,permalink", "limit": "25"})
        for item in recent.get("data", []):
            if matches(pub.text, item.get("caption")):
                return Published(item["id"], item.get("permalink", ""))
        return None
