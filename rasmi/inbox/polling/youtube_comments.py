"""YouTube comment threads (commentThreads.list with allThreadsRelatedToChannelId) ->
inbox events.

A thread is a top-level comment (whose id is the thread's id) with some of its replies;
each becomes a message of one conversation keyed on the thread id, on its video (post_id).
YouTube shows an edit only as an updatedAt later than publishedAt, so such a comment gives
an "add" at publishedAt and an "edit" at updatedAt: ingest keeps the first time and the
newest text, and changes nothing when the same page is read again.

Paging (order=time, newest threads first): a sweep reads pages until it reaches a thread no
newer than the newest top-level comment the last finished sweep saw, or the last page. The
first sweep stops after FIRST_SWEEP_PAGES pages rather than spend the day's quota on years
of old comments.

Polling cannot see deleted comments (they just disappear), replies YouTube leaves out of a
thread (it does not always include all), or new replies to threads older than the first
page.
"""

import dataclasses
from collections.abc import Iterator

from rasmi.connectors.youtube.client import YouTubeConnector
from rasmi.inbox.meta_events import BadDelivery, Event
from rasmi.inbox.polling.pages import timestamp, unwrap

STREAM = "youtube_comments"
SOURCE = "youtube"  # Delivery.source
PLATFORM = "youtube"
CONNECTOR = YouTubeConnector
FIRST_SWEEP_PAGES = 10


@dataclasses.dataclass(frozen=True)
class Cursor:
    seen: str = ""  # newest top-level comment time of the last finished sweep
    page: str = ""  # nextPageToken of the sweep under way
    top: str = ""  # newest top-level comment time of the sweep under way
    pages: str = ""  # pages read in the sweep under way


def fetch(connector: YouTubeConnector, channel_id: str, cursor: Cursor) -> dict:
    return connector.comment_threads(channel_id, page_token=cursor.page)


def _items(page: dict) -> list[dict]:
    items = page.get("items", [])
    if not isinstance(items, list):
        raise BadDelivery("items is not a list")
    return [item for item in items if isinstance(item, dict)]


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def has_messages(page: dict) -> bool:
    return bool(_items(page))


def _started(item: dict):
    top = _dict(_dict(item.get("snippet")).get("topLevelComment"))
    return timestamp(_dict(top.get("snippet")).get("publishedAt"))


def advance(cursor: Cursor, page: dict) -> tuple[Cursor, bool]:
    """The cursor after this page, and whether the sweep goes on to another page."""
    times = [t for t in map(_started, _items(page)) if t is not None]
    top = max([t for t in (timestamp(cursor.top), *times) if t is not None], default=None)
    top_text = top.isoformat() if top else ""
    seen = timestamp(cursor.seen)
    pages = int(cursor.pages or 0) + 1
    token = str(page.get("nextPageToken") or "")
    reached_known = seen is not None and bool(times) and min(times) <= seen
    first_sweep_full = seen is None and pages >= FIRST_SWEEP_PAGES
    if token and not reached_known and not first_sweep_full:
        return Cursor(seen=cursor.seen, page=token, top=top_text, pages=str(pages)), True
    return Cursor(seen=top_text or cursor.seen), False


def parse(body: bytes | str) -> list[Event]:
    channel, page = unwrap(body, STREAM)
    return [event for item in _items(page) for event in _thread(channel, item)]


def _thread(channel: str, item: dict) -> Iterator[Event]:
    thread_id = str(item.get("id") or "")
    snippet = _dict(item.get("snippet"))
    top = _dict(snippet.get("topLevelComment"))
    if not thread_id or not top:
        return
    video = str(snippet.get("videoId") or "")
    yield from _comment(channel, top, thread_id, video)
    for reply in _dict(item.get("replies")).get("comments") or []:
        if isinstance(reply, dict):
            yield from _comment(channel, reply, thread_id, video)


def _comment(channel: str, comment: dict, thread_id: str, video: str) -> Iterator[Event]:
    comment_id = str(comment.get("id") or "")
    snippet = _dict(comment.get("snippet"))
    if not comment_id:
        return
    author_id = str(_dict(snippet.get("authorChannelId")).get("value") or "")
    published, updated = timestamp(snippet.get("publishedAt")), \
        timestamp(snippet.get("updatedAt"))
    is_reply = comment_id != thread_id
    added = Event(
        platform=PLATFORM, account_id=channel, kind="comments", verb="add",
        message_id=comment_id, thread_key=thread_id, author_id=author_id,
        author_name=str(snippet.get("authorDisplayName") or ""),
        text=str(snippet.get("textOriginal") or snippet.get("textDisplay") or ""),
        post_id=str(snippet.get("videoId") or video),
        parent_id=str(snippet.get("parentId") or thread_id) if is_reply else "",
        at=published or updated, outgoing=author_id == channel)
    yield added
    if published and updated and updated > published:
        yield dataclasses.replace(added, verb="edit", at=updated)
