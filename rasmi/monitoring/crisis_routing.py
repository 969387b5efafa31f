"""Inbox routing in crisis mode: while an organisation has an active crisis with a team,
every conversation whose topics meet the crisis's topics, or whose new message contains
one of its terms, goes to the crisis team, before any ordinary routing rule.

Ingest is hot, so the active crises are read once into a snapshot (one query) and kept
for CRISIS_ROUTING_TTL seconds: at most one query per delivery batch, none per message.
The services that start, change or end a crisis drop the snapshot at once in their own
process (and again on commit); other processes see the change within the TTL.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from rasmi.monitoring.watch import TermMatcher

DEFAULT_TTL = 5.0


@dataclass(frozen=True)
class ActiveCrisis:
    crisis_id: int
    team_id: int
    topics: frozenset[str]
    terms: TermMatcher

    def covers(self, topics: Iterable[str], text: str) -> bool:
        return bool(self.topics.intersection(topics or ())) or self.terms.found(text)


_lock = threading.Lock()
_snapshot: tuple[float, dict[int, list[ActiveCrisis]]] | None = None


def invalidate() -> None:
    global _snapshot
    with _lock:
        _snapshot = None


def _load() -> dict[int, list[ActiveCrisis]]:
    """organisation id -> its active crises with a team, newest first. A team serves the
    crisis's organisations it may see: its own, and those up to two levels beneath it
    (a ministry's team sees its departments' messages; another ministry's does not)."""
    from rasmi.monitoring.models import Crisis

    rows = Crisis.organisations.through.objects.filter(
        crisis__ended_at__isnull=True, crisis__team__isnull=False,
    ).order_by("-crisis__started_at").values_list(
        "organisation_id", "organisation__parent_id", "organisation__parent__parent_id",
        "crisis_id", "crisis__team_id", "crisis__team__organisation_id", "crisis__topics",
        "crisis__terms")
    found: dict[int, list[ActiveCrisis]] = {}
    matchers: dict[int, TermMatcher] = {}
    for org, parent, grandparent, crisis, team, team_org, topics, terms in rows:
        if team_org not in (org, parent, grandparent):
            continue
        if crisis not in matchers:
            matchers[crisis] = TermMatcher.of(terms or [])
        found.setdefault(org, []).append(
            ActiveCrisis(crisis, team, frozenset(topics or []), matchers[crisis]))
    return found


def active_crises() -> dict[int, list[ActiveCrisis]]:
    global _snapshot
    ttl = getattr(settings, "CRISIS_ROUTING_TTL", DEFAULT_TTL)
    now = time.monotonic()
    with _lock:
        if _snapshot is not None and now - _snapshot[0] < ttl:
            return _snapshot[1]
    loaded = _load()
    with _lock:
        _snapshot = (now, loaded)
    return loaded


def crisis_team_for(organisation, topics: Iterable[str], text: str) -> int | None:
    """The id of the crisis team a conversation goes to, or None. `organisation` is an
    Organisation or its id; `topics` the conversation's; `text` its new message(s)."""
    crises = active_crises()
    if not crises:
        return None
    for crisis in crises.get(getattr(organisation, "pk", organisation), ()):
        if crisis.covers(topics, text):
            return crisis.team_id
    return None


def new_texts(messages) -> dict[int, str]:
    """The new messages from the public of a delivery, joined per conversation id."""
    texts: dict[int, list[str]] = {}
    for message in messages:
        if message.direction == "in" and message.text and message.conversation.pk:
            texts.setdefault(message.conversation.pk, []).append(message.text)
    return {pk: "\n".join(parts) for pk, parts in texts.items()}
