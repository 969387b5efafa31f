"""Counting what the public says as it is classified, so the feedback dashboard reads a
few thousand pre-aggregated rows (FeedbackCount) whatever the number of messages.

Each classified message from the public adds one to a handful of cells: the total, its
intent, sentiment and language, each of its topics, each topic of a negative message
("flood:negative", what a sentiment shift on the topic is measured by), each topic of a
question or a complaint ("question:flood", for the top questions and complaints), and
urgent. A message deleted or hidden later stays counted: the public said it. Cells are
kept twice: per hour (`dimension` as named, for the last-day view) and per Malaysian
calendar day (`dimension` "day:intent" and so on, `hour` the local midnight), so that a
week, or a coordinator's view across every organisation, adds up hundreds of rows rather
than tens of thousands.

First replies are counted the same way, in the hour and day they were sent: their
response time in buckets ("response", for the median) and whether it met the SOP's target
("response_sla": within or late). Counting them as they happen is what keeps the SLA
figures of a week, or of every organisation, to a few hundred rows; read from the
conversations, a national week is a hundred thousand rows on every request.

`count_classified` is called by classification in the same transaction that stores the
labels, and `count_first_responses` by whatever sets a conversation's first_response_at,
in its transaction: each is one bulk upsert (INSERT ... ON CONFLICT DO UPDATE SET count =
count + excluded.count), the same statement on SQLite and PostgreSQL. `recount`
rebuilds an organisation's cells from its messages and conversations (after a fix to the
classifier, or to repair); counts stay when old messages are deleted under the retention
period, since they hold no personal data, so recount only as far back as messages are
kept.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from django.db import connection, transaction
from django.utils import timezone

from rasmi.audit import services as audit
from rasmi.inbox.feedback_stats import response_bucket
from rasmi.inbox.models import Conversation, Direction, FeedbackCount, Message
from rasmi.publishing.models import SopSettings

TOTAL, INTENT, SENTIMENT, LANGUAGE = "total", "intent", "sentiment", "language"
TOPIC, TOPIC_SENTIMENT, INTENT_TOPIC, URGENT = "topic", "topic_sentiment", "intent_topic", "urgent"
DIMENSIONS = (TOTAL, INTENT, SENTIMENT, LANGUAGE, TOPIC, TOPIC_SENTIMENT, INTENT_TOPIC, URGENT)
RESPONSE, RESPONSE_SLA = "response", "response_sla"   # first replies, not messages
WITHIN, LATE = "within", "late"
DAY = "day:"  # prefix of the per-day cells' dimensions
ALL, YES = "all", "yes"  # the value of the total's and urgent's single cell
# Topics are counted per intent for these only, and per sentiment for this one only: what
# the dashboard reads. Every other pair would multiply the cells for nothing read.
TOPIC_INTENTS = ("question", "complaint")
TOPIC_SENTIMENTS = ("negative",)
VALUE_LENGTH = FeedbackCount._meta.get_field("value").max_length
UPSERT_BATCH = 2000


class Labels(NamedTuple):
    """What classification said about one message."""

    language: str
    intent: str
    sentiment: str
    topics: tuple[str, ...]
    urgent: bool


def labels_of(message: Message) -> Labels:
    return Labels(message.language, message.intent, message.sentiment,
                  tuple(message.topics or ()), bool(message.urgent))


def cells(labels: Labels) -> list[tuple[str, str]]:
    """The (dimension, value) cells one message adds one to. The live view of the last
    hour counts messages with this same function, so both views always agree."""
    out = [(TOTAL, ALL)]
    if labels.intent:
        out.append((INTENT, labels.intent[:VALUE_LENGTH]))
    if labels.sentiment:
        out.append((SENTIMENT, labels.sentiment[:VALUE_LENGTH]))
    if labels.language:
        out.append((LANGUAGE, labels.language[:VALUE_LENGTH]))
    topics = dict.fromkeys(t.strip() for t in labels.topics if isinstance(t, str) and t.strip())
    for topic in topics:
        out.append((TOPIC, topic[:VALUE_LENGTH]))
        if labels.sentiment in TOPIC_SENTIMENTS:
            out.append((TOPIC_SENTIMENT, _pair(topic, labels.sentiment)))
        if labels.intent in TOPIC_INTENTS:
            out.append((INTENT_TOPIC, _pair(labels.intent, topic)))
    if labels.urgent:
        out.append((URGENT, YES))
    return out


def _pair(first: str, second: str) -> str:
    """"flood:negative", cut so the whole fits the column."""
    return f"{first}:{second}"[:VALUE_LENGTH]


def split_pair(value: str) -> tuple[str, str]:
    """"flood:negative" -> ("flood", "negative"); for intent_topic ("question", "flood")."""
    first, _sep, second = value.partition(":")
    return first, second


def hour_of(when: dt.datetime) -> dt.datetime:
    return when.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)


def day_of(when: dt.datetime) -> dt.datetime:
    """The Malaysian midnight that starts `when`'s day, as an aware datetime."""
    local = timezone.localtime(when)
    return dt.datetime.combine(local.date(), dt.time(0), tzinfo=local.tzinfo)


Key = tuple[int, dt.datetime, str, str]  # organisation, bucket start, dimension, value


def keys(organisation_id: int, sent_at: dt.datetime, labels: Labels,
         days: dict[dt.datetime, dt.datetime] | None = None) -> list[Key]:
    """The hour and day cells of one message. `days` caches each hour's day across the
    messages of one batch (the local day is the slow part)."""
    hour = hour_of(sent_at)
    if days is None:
        day = day_of(hour)
    elif (day := days.get(hour)) is None:
        day = days[hour] = day_of(hour)
    found = cells(labels)
    return ([(organisation_id, hour, dimension, value) for dimension, value in found]
            + [(organisation_id, day, DAY + dimension, value) for dimension, value in found])


def count_classified(messages: Iterable[Message], *,
                     previous: Mapping[int, Labels | None] | None = None) -> int:
    """Add the messages just classified to the counts; returns the cells changed.

    Call it in the transaction that saves the labels. Messages sent by the organisation,
    and messages not classified, are skipped. When a message that was already counted is
    classified again (its text was edited), pass what it was counted as in `previous`
    ({message pk: labels_of(message) taken before the new labels were set}): those cells
    lose one, so nothing is counted twice.
    """
    counted = [m for m in messages
               if m.direction == Direction.IN and m.classified_at is not None]
    if not counted:
        return 0
    organisation_of = _organisations(counted)
    deltas: Counter[Key] = Counter()
    days: dict[dt.datetime, dt.datetime] = {}
    for message in counted:
        organisation_id = organisation_of[message.conversation_id]
        deltas.update(keys(organisation_id, message.sent_at, labels_of(message), days))
        before = (previous or {}).get(message.pk)
        if before is not None:
            deltas.subtract(keys(organisation_id, message.sent_at, before, days))
    return apply(deltas)


def _organisations(messages: Sequence[Message]) -> dict[int, int]:
    """conversation id -> organisation id, from the loaded conversations where the caller
    has them, else in one query."""
    known, missing = {}, set()
    for message in messages:
        cached = Message.conversation.is_cached(message)
        if cached:
            known[message.conversation_id] = message.conversation.organisation_id
        else:
            missing.add(message.conversation_id)
    missing -= known.keys()
    if missing:
        known.update(Conversation.objects.filter(pk__in=missing)
                     .values_list("pk", "organisation_id"))
    return known


# --- first replies ---------------------------------------------------------------------

Targets = dict[int, tuple[int, int]]  # organisation -> (seconds, seconds when urgent)


def response_targets(organisation_ids: Iterable[int]) -> Targets:
    """Each organisation's first-response targets from its SOP, or Rasmi's defaults."""
    hours = SopSettings._meta.get_field("first_response_hours").default
    minutes = SopSettings._meta.get_field("urgent_response_minutes").default
    ids = set(organisation_ids)
    targets = {pk: (hours * 3600, minutes * 60) for pk in ids}
    for pk, first, urgent in SopSettings.objects.filter(organisation_id__in=ids).values_list(
            "organisation_id", "first_response_hours", "urgent_response_minutes"):
        targets[pk] = (first * 3600, urgent * 60)
    return targets


def response_cells(conversation: Conversation, targets: Targets) -> list[tuple[str, str]]:
    """A first reply's cells: its response time's bucket, and within or late. The time
    runs from when the conversation reached Rasmi (created_at: the SLA clock cannot start
    before) to the first reply (first_response_at)."""
    seconds = (conversation.first_response_at - conversation.created_at).total_seconds()
    usual, urgent = targets[conversation.organisation_id]
    target = urgent if conversation.urgent else usual
    return [(RESPONSE, str(response_bucket(seconds))),
            (RESPONSE_SLA, WITHIN if seconds <= target else LATE)]


def count_first_responses(conversations: Iterable[Conversation]) -> int:
    """Add conversations that have just had their first reply (first_response_at set,
    from None, in this transaction); returns the cells changed. Call it once per
    conversation: a second call counts the reply twice (recount repairs it)."""
    answered = [c for c in conversations if c.first_response_at is not None]
    if not answered:
        return 0
    targets = response_targets(c.organisation_id for c in answered)
    deltas: Counter[Key] = Counter()
    days: dict[dt.datetime, dt.datetime] = {}
    for conversation in answered:
        deltas.update(_response_keys(conversation, targets, days))
    return apply(deltas)


def _response_keys(conversation: Conversation, targets: Targets,
                   days: dict[dt.datetime, dt.datetime]) -> list[Key]:
    hour = hour_of(conversation.first_response_at)
    if (day := days.get(hour)) is None:
        day = days[hour] = day_of(hour)
    found = response_cells(conversation, targets)
    organisation_id = conversation.organisation_id
    return ([(organisation_id, hour, dimension, value) for dimension, value in found]
            + [(organisation_id, day, DAY + dimension, value) for dimension, value in found])


def apply(deltas: Mapping[Key, int]) -> int:
    """Write count changes: increments as one bulk upsert, decrements (rare: a message
    classified again) as updates that never go below zero. Rows are written in key order
    so two workers counting at once lock cells in the same order (no deadlock on
    PostgreSQL)."""
    increments = sorted((k, n) for k, n in deltas.items() if n > 0)
    decrements = sorted((k, -n) for k, n in deltas.items() if n < 0)
    quote = connection.ops.quote_name
    table = quote(FeedbackCount._meta.db_table)
    organisation, hour, dimension, value, count = (
        quote(FeedbackCount._meta.get_field(name).column)
        for name in ("organisation", "hour", "dimension", "value", "count"))
    upsert = (f"INSERT INTO {table} ({organisation}, {hour}, {dimension}, {value}, {count}) "  # noqa: S608
              f"VALUES (%s, %s, %s, %s, %s) "
              f"ON CONFLICT ({organisation}, {hour}, {dimension}, {value}) "
              f"DO UPDATE SET {count} = {table}.{count} + excluded.{count}")
    lower = (f"UPDATE {table} SET {count} = CASE WHEN {count} > %s THEN {count} - %s ELSE 0 END "  # noqa: S608
             f"WHERE {organisation} = %s AND {hour} = %s AND {dimension} = %s AND {value} = %s")
    with connection.cursor() as cursor:
        rows = [(o, _db_time(h), d, v, n) for (o, h, d, v), n in increments]
        for start in range(0, len(rows), UPSERT_BATCH):
            cursor.executemany(upsert, rows[start:start + UPSERT_BATCH])
        if decrements:
            cursor.executemany(lower, [(n, n, o, _db_time(h), d, v)
                                       for (o, h, d, v), n in decrements])
    return len(increments) + len(decrements)


def _db_time(when: dt.datetime):
    """The column value the ORM would store, so an upsert meets the row the ORM wrote (on
    SQLite a datetime is text: the same instant must be the same string)."""
    if connection.vendor == "postgresql":
        return when
    return connection.ops.adapt_datetimefield_value(when.astimezone(dt.UTC))


RECOUNT_CHUNK = 5000


def recount(organisation, since: dt.datetime, *, actor=None) -> int:
    """Rebuild an organisation's counts from its classified messages sent, and its first
    replies made, since the start of `since`'s day (Malaysian time, so every day cell is
    whole). Returns the messages counted.

    Run it while the organisation's messages are not being classified: a message counted
    by the worker during the recount may be counted twice or missed.
    """
    start = day_of(since)
    with transaction.atomic():
        removed, _ = FeedbackCount.objects.filter(organisation=organisation,
                                                  hour__gte=start).delete()
        rows = (Message.objects
                .filter(conversation__organisation=organisation, direction=Direction.IN,
                        classified_at__isnull=False, sent_at__gte=start)
                .values_list("sent_at", "language", "intent", "sentiment", "topics", "urgent")
                .order_by())
        deltas: Counter[Key] = Counter()
        days: dict[dt.datetime, dt.datetime] = {}
        messages = 0
        for sent_at, language, intent, sentiment, topics, urgent in rows.iterator(
                chunk_size=RECOUNT_CHUNK):
            messages += 1
            deltas.update(keys(organisation.pk, sent_at,
                               Labels(language, intent, sentiment, tuple(topics or ()),
                                      bool(urgent)), days))
        answered = Conversation.objects.filter(
            organisation=organisation, first_response_at__gte=start).only(
            "organisation_id", "created_at", "first_response_at", "urgent")
        targets = response_targets([organisation.pk])
        replies = 0
        for conversation in answered.iterator(chunk_size=RECOUNT_CHUNK):
            replies += 1
            deltas.update(_response_keys(conversation, targets, days))
        written = apply(deltas)
        audit.record(actor, "inbox.feedback_recounted", organisation,
                     before={"cells": removed},
                     after={"since": start.isoformat(), "messages": messages,
                            "first_replies": replies, "cells": written})
    return messages
