"""The rules of one mention row {"id", "time", "text", "topic"?}, the detector's input
line: shared by `rasmi monitor_detect`, `rasmi monitor_replay` and the API's batch
import, so a row one of them refuses the others refuse too, with the same reason."""

from __future__ import annotations

import json
from datetime import datetime

from django.utils.translation import gettext as _

from rasmi.core.surge import Mention


def read_mention(line: str, topic_field: str) -> tuple[Mention | None, str]:
    """A mention from one input line, or why not (in the reader's language)."""
    try:
        row = json.loads(line)
    except ValueError:
        return None, _("not valid JSON")
    return read_row(row, topic_field)


def read_row(row, topic_field: str = "topic") -> tuple[Mention | None, str]:
    """A mention from one decoded row, or why not (in the reader's language)."""
    if not isinstance(row, dict):
        return None, _("not a JSON object")
    identifier = row.get("id")
    if isinstance(identifier, bool) or not isinstance(identifier, str | int) \
            or identifier == "":
        return None, _("missing required field 'id'")
    text = row.get("text")
    if not isinstance(text, str):
        return None, _("missing required field 'text'")
    value = row.get("time")
    if not isinstance(value, str) or not value:
        return None, _("missing required field 'time'")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None, _("time %(value)s is not an ISO 8601 date and time") % {"value": value}
    if when.utcoffset() is None:
        return None, _("time %(value)s has no UTC offset (for example +08:00)") % {
            "value": value}
    topic = row.get(topic_field)
    if topic is not None and not isinstance(topic, str):
        return None, _("%(field)s must be text") % {"field": topic_field}
    return Mention(id=str(identifier), time=when, text=text, topic=topic or None), ""
