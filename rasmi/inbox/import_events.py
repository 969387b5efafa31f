"""Imported comments (rasmi/inbox/imports.py) -> inbox events. Pure Python, like
meta_events: the import has already checked every row and worked out its thread, so this
only reads the batch back.

Body: {"platform", "account": the register's account key, "rows": [{"id", "author_id",
"author_name", "text", "created_at" (ISO 8601 with offset), "parent_id", "thread",
"outgoing"}]}.
"""

import datetime as dt
import json

from rasmi.inbox.meta_events import BadDelivery, Event


def body(platform: str, account_key: str, rows: list[dict]) -> str:
    return json.dumps({"platform": platform, "account": account_key, "rows": rows},
                      ensure_ascii=False, separators=(",", ":"))


def parse(text: bytes | str) -> list[Event]:
    try:
        batch = json.loads(text)
    except ValueError as error:
        raise BadDelivery("not JSON") from error
    if not isinstance(batch, dict) or not isinstance(batch.get("rows"), list):
        raise BadDelivery("no rows list")
    platform, account = str(batch.get("platform") or ""), str(batch.get("account") or "")
    if not platform or not account:
        raise BadDelivery("no platform or account")
    return [_event(platform, account, row) for row in batch["rows"]
            if isinstance(row, dict) and row.get("id")]


def _event(platform: str, account: str, row: dict) -> Event:
    try:
        at = dt.datetime.fromisoformat(str(row.get("created_at")))
    except ValueError:
        at = None
    message_id = str(row["id"])
    return Event(platform=platform, account_id=account, kind="comments", verb="add",
                 message_id=message_id, thread_key=str(row.get("thread") or message_id),
                 author_id=str(row.get("author_id") or ""),
                 author_name=str(row.get("author_name") or ""),
                 text=str(row.get("text") or ""), parent_id=str(row.get("parent_id") or ""),
                 at=at if at and at.tzinfo else None, outgoing=bool(row.get("outgoing")))
