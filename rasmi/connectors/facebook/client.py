"""Facebook Page posts with a page access token (permission pages_manage_posts).

Text (and link): POST /{page-id}/feed (message, link) -> {"id": "<page>_<post>"}.
One image:       POST /{page-id}/photos (url, caption, published) -> {"id", "post_id"}.
Reply:           POST /{comment-id}/comments (message); Messenger: POST /{page-id}/messages.
Hide:            POST /{comment-id} (is_hidden) -> {"success": true}.
"""

from rasmi.connectors.base import ErrorKind, Publication, Published, Reply, Sent, same_text
from rasmi.connectors.meta import GraphConnector

RECENT = "25"


def permalink(post_id: str) -> str:
    return f"https://www.facebook.com/{post_id}"


class FacebookConnector(GraphConnector):
    platform = "facebook"

    def publish(self, pub: Publication) -> Published:
        images = [m for m in pub.media if m.type == "image"]
        if len(images) != len(pub.media) or len(images) > 1:
            # Videos and multi-photo posts take other flows (/videos, unpublished photos +
            # attached_media); refusing beats posting the text without them.
            raise self.fail(ErrorKind.INVALID, "Facebook: this connector posts text, a link "
                            "or one image; videos and several images are not supported",
                            code="unsupported_media")
        if images:
            answer = self.post(f"/{pub.account_id}/photos", {
                "url": images[0].url, "caption": self._caption(pub), "published": "true"})
            post_id = str(answer.get("post_id") or self.required(answer, "id"))
        else:
            data = {"message": pub.text} | ({"link": pub.link} if pub.link else {})
            post_id = self.required(self.post(f"/{pub.account_id}/feed", data), "id")
        return Published(post_id, permalink(post_id))

    @staticmethod
    def _caption(pub: Publication) -> str:
        # /photos has no link field: the link goes into the caption, once.
        if pub.link and pub.link not in pub.text:
            return f"{pub.text}\n\n{pub.link}"
        return pub.text

    def find_published(self, pub: Publication) -> Published | None:
        """The page's 25 most recent posts, matched on the text we sent. Text, not the
        idempotency key: Graph has nowhere to put a key that comes back on the post."""
        recent = self.get(f"/{pub.account_id}/feed", {
            "fields": "id,message,permalink_url,created_time", "limit": RECENT})
        sent = self._caption(pub) if any(m.type == "image" for m in pub.media) else pub.text
        for item in recent.get("data") or []:
            if isinstance(item, dict) and same_text(sent, item.get("message")):
                post_id = str(item["id"])
                return Published(post_id, item.get("permalink_url") or permalink(post_id))
        return None

    # --- the inbox ----------------------------------------------------------------------

    def reply(self, reply: Reply) -> Sent:
        """A comment under the comment (POST /{comment-id}/comments, permission
        pages_manage_engagement), or a Messenger message to the person (Send API,
        pages_messaging)."""
        if reply.direct:
            return self.send_message(f"/{reply.account_id}/messages", reply)
        answer = self.post(f"/{reply.in_reply_to}/comments", {"message": reply.text})
        return Sent(self.required(answer, "id"))

    def find_reply(self, reply: Reply) -> Sent | None:
        if reply.direct:
            return None  # the Page's sent messages are not listed by recipient
        return self.find_own(f"/{reply.in_reply_to}/comments",
                             {"fields": "id,message,from", "order": "reverse_chronological"},
                             "message", reply)

    def confirms_reply_absence(self, reply: Reply) -> bool:
        return not reply.direct

    def hide_comment(self, comment_id: str, hidden: bool = True) -> None:
        """POST /{comment-id} is_hidden: hidden from everyone but its author and their
        friends."""
        self.set_flag(f"/{comment_id}", {"is_hidden": "true" if hidden else "false"})
