"""X: POST https://api.x.com/2/tweets {"text"} with an OAuth 2.0 user-context bearer token
-> 201 {"data": {"id", "text"}}. A reply adds {"reply": {"in_reply_to_tweet_id"}}; hiding a
reply is PUT /2/tweets/:id/hidden {"hidden": true} -> {"data": {"hidden": true}}, only for
replies in conversations the account started. For the inbox, the account's mentions
timeline (GET /2/users/:id/mentions, newest first, paged with next_token, at most the 800
newest).

Errors come as problem bodies {"title", "detail", "type", "status"} or as
{"errors": [{"message", ...}], "title", "detail"}; the rate-limit window is in the
x-rate-limit-* (and x-user-limit-24hour-*) headers, read by the base request helper.
"""

import re

import httpx

from rasmi.connectors.base import (
    Connector,
    ConnectorError,
    ErrorKind,
    Publication,
    Published,
    Reply,
    Sent,
    status_kind,
)

# The 403 X gives when the post answered is gone (v1.1 code 385, same text in v2).
GONE = "deleted or not visible"
USER_ID = re.compile(r"\d{1,25}")
PAGE_SIZE = 100  # the mentions timeline accepts 5-100
MENTION_FIELDS = {
    "tweet.fields": "created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets",
    "expansions": "author_id",
    "user.fields": "name,username",
}


def permalink(post_id: str) -> str:
    return f"https://x.com/i/web/status/{post_id}"


class XConnector(Connector):
    platform = "x"
    base_url = "https://api.x.com/2"

    def publish(self, pub: Publication) -> Published:
        if pub.media:
            # Media go through X's separate media upload first; refusing beats posting the
            # text without the picture it refers to.
            raise self.fail(ErrorKind.INVALID, "X: this connector posts text and links only; "
                            "images and videos are not supported", code="unsupported_media")
        text = f"{pub.text}\n{pub.link}" if pub.link and pub.link not in pub.text else pub.text
        answer = self.request("POST", "/tweets", json={"text": text}, headers=self.bearer())
        post_id = self.required(answer, "data", "id")
        return Published(post_id, permalink(post_id))

    def find_published(self, pub: Publication) -> Published | None:
        """Always None: X cannot tell us reliably. Reading an account's own posts
        (GET /2/users/:id/tweets) needs a paid read tier our write-only access may lack,
        X rewrites links to t.co so the text we sent is not the text we would read back,
        and a duplicate check on resend (403 "duplicate content") only covers identical
        text. The publisher therefore leaves an interrupted X send to a person."""
        return None

    # --- the inbox ----------------------------------------------------------------------

    def reply(self, reply: Reply) -> Sent:
        """No find_reply: as for posts, X cannot tell us whether an interrupted reply went
        out (see find_published), so the inbox leaves that to a person."""
        if reply.direct:
            raise self.unsupported("direct messages")
        answer = self.request("POST", "/tweets", headers=self.bearer(), json={
            "text": reply.text, "reply": {"in_reply_to_tweet_id": reply.in_reply_to}})
        return Sent(self.required(answer, "data", "id"))

    def hide_comment(self, comment_id: str, hidden: bool = True) -> None:
        answer = self.request("PUT", f"/tweets/{comment_id}/hidden", headers=self.bearer(),
                              json={"hidden": hidden})
        data = answer.get("data") if isinstance(answer.get("data"), dict) else {}
        if data.get("hidden") is not hidden:
            raise self.fail(ErrorKind.INVALID, "unexpected answer: the reply's hidden state "
                            "did not change; check it on X", code="unexpected_answer")
    def mentions(self, user_id: str, *, since_id: str = "", pagination_token: str = "",
                 max_results: int = PAGE_SIZE) -> dict:
        """One page of posts mentioning the user, newer than since_id when given. The
        answer is returned as received: {"data", "includes": {"users"}, "meta":
        {"result_count", "newest_id", "oldest_id", "next_token"}}."""
        if not USER_ID.fullmatch(user_id):
            raise self.fail(ErrorKind.INVALID, f"X: {user_id!r} is not a numeric user id",
                            code="bad_user_id")
        params = {"max_results": str(max_results), **MENTION_FIELDS}
        if since_id:
            params["since_id"] = since_id
        if pagination_token:
            params["pagination_token"] = pagination_token
        return self.request("GET", f"/users/{user_id}/mentions", params=params,
                            headers=self.bearer())

    def body_is_error(self, body: dict) -> bool:
        """A read X could not serve at all answers 200 with only an errors list (an
        unknown or suspended user); partial errors beside data or meta are not failures."""
        return bool(body.get("errors")) and "data" not in body and "meta" not in body

    def error_from(self, response: httpx.Response, body: dict) -> ConnectorError:
        status = response.status_code
        errors = [e for e in body.get("errors") or [] if isinstance(e, dict)]
        first = errors[0] if errors else {}
        detail = str(body.get("detail") or first.get("message") or first.get("detail")
                     or body.get("title") or response.reason_phrase or "X API error")
        if status == 403 and "duplicate" in detail.lower():
            kind = ErrorKind.DUPLICATE
        elif status in (400, 403) and GONE in detail.lower():
            kind = ErrorKind.NOT_FOUND
        else:
            kind = status_kind(status)
        problem = str(body.get("type") or first.get("type") or "")
        code = problem.rsplit("/", 1)[-1] if problem.startswith("http") else str(status)
        return self.fail(kind, detail, code=code)
