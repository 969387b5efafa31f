"""X mentions (GET /2/users/:id/mentions) -> inbox events.

Conversations: a post that replies directly to one of the account's own posts starts its
own conversation, as a top-level comment does on Facebook (post_id: the account's post); a
mention that replies to nothing starts its own too; any other reply joins its X
conversation (conversation_id, the post that started the thread). Retweets are shares, not
messages, and are skipped.

Paging (newest first): with since_id, a sweep reads every page newer than the newest post
of the last finished sweep; the first sweep stops after FIRST_SWEEP_PAGES pages (X serves
only the 800 newest mentions anyway). Edited posts arrive under a new id (X keeps the edit
history in edit_history_tweet_ids) and so become a new message; deletions are not shown.
"""

import dataclasses

from rasmi.connectors.x.client import XConnector
from rasmi.inbox.meta_events import BadDelivery, Event
from rasmi.inbox.polling.pages import timestamp, unwrap

STREAM = "x_mentions"
SOURCE = "x"  # Delivery.source
PLATFORM = "x"
CONNECTOR = XConnector
FIRST_SWEEP_PAGES = 8


@dataclasses.dataclass(frozen=True)
class Cursor:
    since: str = ""  # newest post id of the last finished sweep (since_id)
    page: str = ""  # next_token of the sweep under way
    top: str = ""  # newest post id of the sweep under way
    pages: str = ""  # pages read in the sweep under way


def fetch(connector: XConnector, user_id: str, cursor: Cursor) -> dict:
    return connector.mentions(user_id, since_id=cursor.since, pagination_token=cursor.page)


def has_messages(page: dict) -> bool:
    return bool(page.get("data"))


def newer(a: str, b: str) -> str:
    """The later of two post ids (decimal snowflakes; "" is older than any)."""
    return max(a, b, key=lambda value: (len(value), value))


def advance(cursor: Cursor, page: dict) -> tuple[Cursor, bool]:
    """The cursor after this page, and whether the sweep goes on to another page."""
    meta = page.get("meta") if isinstance(page.get("meta"), dict) else {}
    top = newer(cursor.top, str(meta.get("newest_id") or ""))
    token = str(meta.get("next_token") or "")
    pages = int(cursor.pages or 0) + 1
    if token and (cursor.since or pages < FIRST_SWEEP_PAGES):
        return Cursor(since=cursor.since, page=token, top=top, pages=str(pages)), True
    return Cursor(since=newer(cursor.since, top)), False


def parse(body: bytes | str) -> list[Event]:
    account, page = unwrap(body, STREAM)
    posts = page.get("data", [])
    if not isinstance(posts, list):
        raise BadDelivery("data is not a list")
    includes = page.get("includes") if isinstance(page.get("includes"), dict) else {}
    users = {str(u.get("id")): u for u in includes.get("users") or [] if isinstance(u, dict)}
    events = (_post(account, post, users) for post in posts if isinstance(post, dict))
    return [event for event in events if event is not None]


def _post(account: str, post: dict, users: dict[str, dict]) -> Event | None:
    post_id = str(post.get("id") or "")
    references = {str(r.get("type")): str(r.get("id") or "")
                  for r in post.get("referenced_tweets") or [] if isinstance(r, dict)}
    if not post_id or "retweeted" in references:
        return None
    author_id = str(post.get("author_id") or "")
    author = users.get(author_id, {})
    conversation = str(post.get("conversation_id") or post_id)
    replied_to = references.get("replied_to", "")
    if not replied_to:
        thread, parent, on_post = post_id, "", ""
    elif replied_to == conversation and str(post.get("in_reply_to_user_id") or "") == account:
        thread, parent, on_post = post_id, "", conversation  # a comment on our own post
    else:
        thread, parent, on_post = conversation, replied_to, ""
    return Event(platform=PLATFORM, account_id=account, kind="comments", verb="add",
                 message_id=post_id, thread_key=thread, author_id=author_id,
                 author_name=str(author.get("name") or author.get("username") or ""),
                 text=str(post.get("text") or ""), post_id=on_post, parent_id=parent,
                 at=timestamp(post.get("created_at")), outgoing=author_id == account)
