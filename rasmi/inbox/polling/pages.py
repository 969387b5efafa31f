"""What every polled stream shares: the delivery body a page is stored in, and the cursor
kept between pages. Pure Python (no Django), like meta_events.

A polled page does not say which account it was read for (X's mentions do not name the
mentioned user), so the stored body wraps the answer, unchanged, with the account's platform
id: {"stream", "account_id", "page": <the JSON the platform answered>}.
"""

import dataclasses
import datetime as dt
import json
import logging
from typing import Any

from rasmi.inbox.meta_events import BadDelivery

log = logging.getLogger(__name__)
CURSOR_LIMIT = 500  # PollCursor.cursor's length



def wrap(stream: str, account_id: str, page: dict) -> str:
    return json.dumps({"stream": stream, "account_id": account_id, "page": page},
                      ensure_ascii=False, separators=(",", ":"))


def unwrap(body: bytes | str, stream: str) -> tuple[str, dict]:
    """(account's platform id, the page) of a stored body, or BadDelivery."""
    try:
        envelope = json.loads(body)
    except ValueError as error:
        raise BadDelivery("not JSON") from error
    if not isinstance(envelope, dict) or envelope.get("stream") != stream:
        raise BadDelivery(f"not a {stream} page")
    account, page = envelope.get("account_id"), envelope.get("page")
    if not isinstance(account, str) or not account or not isinstance(page, dict):
        raise BadDelivery("no account_id or page")
    return account, page


def timestamp(value: Any) -> dt.datetime | None:
    """RFC 3339 as both platforms write it ("2026-11-25T08:15:02Z", "...:02.000Z")."""
    if not isinstance(value, str) or not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def load[S](cls: type[S], text: str) -> S:
    """A stream's cursor from PollCursor.cursor; an empty or unreadable one starts over."""
    if not text:
        return cls()
    try:
        fields = json.loads(text)
        return cls(**{f.name: str(fields.get(f.name) or "") for f in dataclasses.fields(cls)})
    except (ValueError, TypeError, AttributeError):
        log.warning("unreadable poll cursor %r: starting over", text[:80])
        return cls()


def dump(state) -> str:
    """The cursor as stored: compact JSON without empty fields. A page token too long for
    the column is dropped (the sweep then starts again from the newest page)."""
    fields = {k: v for k, v in dataclasses.asdict(state).items() if v}
    text = json.dumps(fields, separators=(",", ":"))
    if len(text) > CURSOR_LIMIT and fields.pop("page", None):
        log.warning("poll cursor page token too long (%d characters): dropped", len(text))
        fields.pop("top", None)
        text = json.dumps(fields, separators=(",", ":"))
    return text


def restarted[S](state: S) -> S:
    """The same cursor without the sweep under way (an expired or refused page token)."""
    return dataclasses.replace(state, page="", top="")
