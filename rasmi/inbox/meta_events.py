"""Meta webhook deliveries (Facebook Page feed, Messenger, Instagram comments) -> plain
events. Pure Python: no Django, no database, so it is tested on Meta's documented shapes
alone and runs as fast as the ingest benchmark needs.

Envelope: {"object": "page"|"instagram", "entry": [{"id", "time", "changes": [...] |
"messaging": [...]}]}. Instagram sometimes puts `field`/`value` directly under the entry:
both forms are accepted. Anything else in a delivery (reactions, shares, likes, read
receipts) is not a message and is skipped.
"""

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass

COMMENT_VERBS = {"add": "add", "edit": "edit", "edited": "edit", "remove": "delete",
                 "delete": "delete", "hide": "hide", "unhide": "unhide"}


class BadDelivery(ValueError):
    """The body is not a Meta webhook envelope."""


@dataclass(frozen=True)
class Event:
    platform: str  # "facebook" | "instagram"
    account_id: str  # the Page id or Instagram professional account id (entry.id)
    kind: str  # "comments" | "direct"
    verb: str  # add | edit | delete | hide | unhide
    message_id: str
    thread_key: str  # the top-level comment's id, or the other party's id for direct
    author_id: str
    author_name: str = ""
    text: str = ""
    post_id: str = ""
    parent_id: str = ""
    at: dt.datetime | None = None
    outgoing: bool = False  # written by the account itself (our own reply, an echo)


def _when(value) -> dt.datetime | None:
    """Unix time in seconds (feed) or milliseconds (Messenger, and its entry.time)."""
    try:
        seconds = float(value)
        if seconds > 1e11:
            seconds /= 1000
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def parse(body: bytes | str) -> list[Event]:
    try:
        envelope = json.loads(body)
    except ValueError as error:
        raise BadDelivery("not JSON") from error
    if not isinstance(envelope, dict) or not isinstance(envelope.get("entry"), list):
        raise BadDelivery("no entry list")
    platform = {"page": "facebook", "instagram": "instagram"}.get(envelope.get("object"))
    if platform is None:
        raise BadDelivery(f"unknown object {envelope.get('object')!r}")
    return [event for entry in envelope["entry"] if isinstance(entry, dict)
            for event in _entry(platform, entry)]


def _entry(platform: str, entry: dict) -> Iterator[Event]:
    account = str(entry.get("id") or "")
    entry_time = _when(entry.get("time"))
    changes = entry.get("changes") if isinstance(entry.get("changes"), list) else []
    if "field" in entry and "value" in entry:
        changes = [*changes, {"field": entry["field"], "value": entry["value"]}]
    for change in changes:
        if not isinstance(change, dict) or not isinstance(change.get("value"), dict):
            continue
        field, value = change.get("field"), change["value"]
        if platform == "facebook" and field == "feed":
            event = _page_comment(account, value, entry_time)
        elif platform == "instagram" and field in ("comments", "live_comments"):
            event = _instagram_comment(account, value, entry_time)
        else:
            event = None
        if event is not None:
            yield event
    for item in entry.get("messaging") or []:
        if isinstance(item, dict) and (event := _direct(platform, account, item)):
            yield event


def _page_comment(page: str, value: dict, entry_time) -> Event | None:
    verb = COMMENT_VERBS.get(str(value.get("verb")))
    comment_id = str(value.get("comment_id") or "")
    if value.get("item") != "comment" or verb is None or not comment_id:
        return None
    post_id = str(value.get("post_id") or "")
    parent = str(value.get("parent_id") or "")
    author = value.get("from") if isinstance(value.get("from"), dict) else {}
    author_id = str(author.get("id") or "")
    # parent_id is the post for a top-level comment, the top comment for a reply.
    top = comment_id if not parent or parent == post_id else parent
    return Event(platform="facebook", account_id=page, kind="comments", verb=verb,
                 message_id=comment_id, thread_key=top, author_id=author_id,
                 author_name=str(author.get("name") or ""),
                 text=str(value.get("message") or ""), post_id=post_id,
                 parent_id="" if top == comment_id else parent,
                 at=_when(value.get("created_time")) or entry_time,
                 outgoing=author_id == page)


def _instagram_comment(account: str, value: dict, entry_time) -> Event | None:
    comment_id = str(value.get("id") or "")
    if not comment_id:
        return None
    author = value.get("from") if isinstance(value.get("from"), dict) else {}
    media = value.get("media") if isinstance(value.get("media"), dict) else {}
    parent = str(value.get("parent_id") or "")
    author_id = str(author.get("id") or "")
    return Event(platform="instagram", account_id=account, kind="comments", verb="add",
                 message_id=comment_id, thread_key=parent or comment_id,
                 author_id=author_id, author_name=str(author.get("username") or ""),
                 text=str(value.get("text") or ""), post_id=str(media.get("id") or ""),
                 parent_id=parent, at=entry_time, outgoing=author_id == account)


def _direct(platform: str, account: str, item: dict) -> Event | None:
    message = item.get("message") if isinstance(item.get("message"), dict) else None
    if message is None or not message.get("mid"):
        return None  # deliveries, reads, postbacks, reactions
    sender = str((item.get("sender") or {}).get("id") or "")
    recipient = str((item.get("recipient") or {}).get("id") or "")
    outgoing = bool(message.get("is_echo")) or sender == account
    other = recipient if outgoing else sender
    verb = "delete" if message.get("is_deleted") else "add"
    return Event(platform=platform, account_id=account, kind="direct", verb=verb,
                 message_id=str(message["mid"]), thread_key=other, author_id=sender,
                 text=str(message.get("text") or ""),
                 at=_when(item.get("timestamp")), outgoing=outgoing)
