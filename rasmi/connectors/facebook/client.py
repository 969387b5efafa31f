"""Facebook Page posts: POST /{page-id}/feed (message, link) or /{page-id}/photos
(url, caption) with a page access token (pages_manage_posts)."""

from rasmi.connectors.base import Publication, Published
from rasmi.connectors.meta import GraphConnector, matches


class FacebookConnector(GraphConnector):
    platform = "facebook"

    def publish(self, pub: Publication) -> Published:
        image = next((m for m in pub.media if m.type == "image"), None)
        if image is not None:
            answer = self.post(f"/{pub.account_id}/photos",
                               {"url": image.url, "caption": pub.text, "published": "true"})
            post_id = answer.get("post_id") or answer["id"]
        else:
            data = {"message": pub.text} | ({"link": pub.link} if pub.link else {})
            post_id = self.post(f"/{pub.account_id}/feed", data)["id"]
        return Published(post_id, f"https://www.facebook.com/{post_id}")

    def find_published(self, pub: Publication) -> Published | None:
        recent = self.get(f"/{pub.account_id}/feed",
                          {"fields": "id,message,permalink_url,created_time", "limit": "25"})
        for item in recent.get("data", []):
            if matches(pub.text, item.get("message")):
                return Published(item["id"], item.get("permalink_url")
                                 or f"https://www.facebook.com/{item['id']}")
        return None
