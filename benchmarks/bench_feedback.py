"""Feedback dashboard speed with 1,000,000 stored messages (issue 10: dashboard pages under
300 ms, from aggregates rather than full scans per request).

Loads a throwaway SQLite database (DATABASE_URL, set by scripts/bench.sh) with
conversations and messages from the public over four weeks across 30 organisations (one
busy, most small, as in the register), classified, with their replies; the messages go in
with rasmi.bulksql and their FeedbackCount cells through `feedback.count_classified`, the
path classification takes, timed. Then each dashboard page is requested through Django's
test client (the whole view: permission checks, queries, charts, template) several times,
and the median printed, beside a baseline measured in the same run: the same week's
figures counted from the messages themselves, as a dashboard without aggregates would.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasmi.settings")

INTENTS = {"question": 30, "complaint": 25, "praise": 10, "report": 8, "suggestion": 7,
           "other": 12, "spam": 5, "abuse": 3}
SENTIMENT_BY_INTENT = {"complaint": (80, 18, 2), "praise": (2, 10, 88), "abuse": (90, 10, 0),
                       "report": (60, 38, 2)}
LANGUAGES = {"ms": 55, "mixed": 20, "en": 18, "zh": 4, "ta": 2, "other": 1}
TOPICS = ["licence", "summons", "appointment", "fees", "payment", "flood", "scam", "roads",
          "renewal", "counter", "app", "vaccine", "clinic", "school", "tax"]
TEXTS = ["Bila kaunter dibuka semula? Dah {n} hari tunggu.",
         "Sy dah bayar tapi sistem x update, tolong semak. No tel 012-345 {n:04d}",
         "Terima kasih atas bantuan pantas, {n} minit sahaja!",
         "Why is the appointment system down again? Tried {n} times.",
         "Jalan berlubang depan sekolah, dah {n} minggu tak baiki."]
ORGANISATIONS = 30
DAYS = 28
RUNS = 7


def weighted(rng: random.Random, table: dict[str, int]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def labels(rng: random.Random, when: dt.datetime, now: dt.datetime) -> tuple:
    intent = weighted(rng, INTENTS)
    topics = rng.sample(TOPICS[:8] if rng.random() < .7 else TOPICS, k=rng.choice((0, 1, 1, 2)))
    negative, neutral, positive = SENTIMENT_BY_INTENT.get(intent, (30, 60, 10))
    if "flood" in topics and now - when < dt.timedelta(days=3):
        negative, neutral, positive = 85, 15, 0   # a shift for the dashboard to find
    sentiment = rng.choices(("negative", "neutral", "positive"),
                            weights=(negative, neutral, positive))[0]
    urgent = rng.random() < (0.15 if intent == "report" else 0.01)
    return weighted(rng, LANGUAGES), intent, sentiment, topics, urgent


def load(total: int, now: dt.datetime) -> tuple[float, float, list]:
    """Conversations and messages in time order, a chunk at a time (constant memory);
    returns (seconds inserting, seconds counting, organisations)."""
    from django.db import transaction

    from rasmi import bulksql
    from rasmi.inbox import feedback
    from rasmi.inbox.models import Conversation, Message
    from rasmi.registry.models import Organisation, SocialAccount

    rng = random.Random(10)
    organisations = Organisation.objects.bulk_create([
        Organisation(code=f"b{i:02d}", name_ms=f"Agensi Ujian {i}", name_en=f"Test Agency {i}",
                     kind="agency") for i in range(ORGANISATIONS)])
    accounts = SocialAccount.objects.bulk_create([
        SocialAccount(organisation=o, platform="facebook", account_key=f"facebook:b{i}",
                      canonical_url=f"https://www.facebook.com/b{i}", handle=f"b{i}",
                      platform_id=f"70{i:04d}", status="official", official_since="2020-01-01")
        for i, o in enumerate(organisations)])
    weights = [1 / (i + 1) for i in range(ORGANISATIONS)]  # Zipf: one busy, many small
    conversation_fields = ["id", "account", "organisation", "kind", "thread_key", "status",
                           "last_message_at", "first_response_at", "intent", "language",
                           "sentiment", "topics", "urgent", "first_response_due",
                           "resolution_due", "created_at"]
    message_fields = ["id", "conversation", "account", "platform_message_id", "direction",
                      "text", "sent_at", "event_at", "language", "intent", "sentiment", "topics",
                      "urgent", "classified_at"]
    span = dt.timedelta(days=DAYS).total_seconds()
    inserting = counting = 0.0
    conversation_id = message_id = 0
    while message_id < total:
        conversations, messages, counted, answered = [], [], [], []
        while len(messages) < 20000 and message_id < total:
            conversation_id += 1
            # Spread in time by the messages made so far: the last ones come just now.
            start = now - dt.timedelta(seconds=max(span * (1 - message_id / total), 1))
            org = rng.choices(range(ORGANISATIONS), weights=weights)[0]
            account = accounts[org]
            language, intent, sentiment, topics, urgent = labels(rng, start, now)
            sent, when = [], start
            for _ in range(rng.choice((1, 1, 2, 2, 3))):
                if when > now:
                    break
                sent.append(when)
                when += dt.timedelta(minutes=rng.expovariate(1 / 20))
            delay = dt.timedelta(minutes=rng.expovariate(1 / (30 if urgent else 240)))
            replied = start + delay if rng.random() < .9 and start + delay < now else None
            for at in sent:
                message_id += 1
                row = (message_id, conversation_id, account.pk, f"m{message_id}", "in",
                       rng.choice(TEXTS).format(n=message_id % 10000), at, at, language,
                       intent, sentiment, topics, urgent, at)
                messages.append(row)
                counted.append(Message(pk=message_id, conversation_id=conversation_id,
                                       direction="in", sent_at=at, language=language,
                                       intent=intent, sentiment=sentiment, topics=topics,
                                       urgent=urgent, classified_at=at))
            if replied is not None:
                message_id += 1
                messages.append((message_id, conversation_id, account.pk, f"m{message_id}",
                                 "out", "Terima kasih, kami sedang menyemak.", replied, replied,
                                 "", "", "", [], False, None))
            last = max([*sent, replied or start])
            target = dt.timedelta(minutes=60) if urgent else dt.timedelta(hours=24)
            # Answered threads close after two days; unanswered ones are closed after a week
            # (spam, nothing to do), so the open backlog is the last week's.
            resolved = now - start > dt.timedelta(days=2 if replied else 7)
            if replied is not None:
                answered.append(Conversation(pk=conversation_id,
                                             organisation_id=account.organisation_id,
                                             created_at=start, first_response_at=replied,
                                             urgent=urgent))
            conversations.append((
                conversation_id, account.pk, account.organisation_id, "comments",
                f"t{conversation_id}", "resolved" if resolved else "open", last, replied,
                intent, language, sentiment, topics, urgent,
                None if replied or resolved else start + target,
                None if resolved else start + dt.timedelta(days=21), start))
        started = time.perf_counter()
        with transaction.atomic():
            bulksql.insert_rows(Conversation, conversation_fields, conversations)
            bulksql.insert_rows(Message, message_fields, messages)
        inserting += time.perf_counter() - started
        started = time.perf_counter()
        with transaction.atomic():
            feedback.count_classified(counted)
            feedback.count_first_responses(answered)
        counting += time.perf_counter() - started
    return inserting, counting, organisations


def timed(client, url: str) -> float:
    answer = client.get(url)  # warm: connection, templates, the first query plans
    assert answer.status_code == 200, (url, answer.status_code)
    runs = []
    for _ in range(RUNS):
        started = time.perf_counter()
        answer = client.get(url)
        body = answer.content
        runs.append(time.perf_counter() - started)
        assert answer.status_code == 200 and body, url
    return statistics.median(runs) * 1000


def baseline_week(organisation) -> tuple[float, float]:
    """The week's figures counted from the messages on each request: (ms for every
    dimension with topics, as the dashboard shows them; ms for one GROUP BY over intent,
    sentiment and language in the database, the least such a page would run)."""
    from django.db.models import Count
    from django.utils import timezone

    from rasmi.inbox import feedback_queries as queries
    from rasmi.inbox import feedback_stats as stats
    from rasmi.inbox.models import Message

    window = stats.window("week", timezone.now(), timezone.get_default_timezone())
    scope = queries.Scope(organisation)

    def python_counts() -> None:
        queries._live_counts(scope, window, {"sentiment"}, False)

    def database_group_by() -> None:
        rows = Message.objects.filter(direction="in", classified_at__isnull=False,
                                      sent_at__gte=window.previous_start)
        if organisation is not None:
            rows = rows.filter(conversation__organisation=organisation)
        list(rows.values("intent", "sentiment", "language").annotate(n=Count("id")).order_by())

    figures = []
    for run in (python_counts, database_group_by):   # once each: seconds, not milliseconds
        started = time.perf_counter()
        run()
        figures.append((time.perf_counter() - started) * 1000)
    return figures[0], figures[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1_000_000)
    args = parser.parse_args()
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from rasmi.conftest import make_user
    from rasmi.inbox.models import FeedbackCount, Message

    call_command("migrate", verbosity=0)
    now = timezone.now()
    inserting, counting, organisations = load(args.messages, now)
    stored = Message.objects.count()
    inbound = Message.objects.filter(direction="in").count()
    print(f"feedback: {stored:,} messages ({inbound:,} from the public) over {DAYS} days in "
          f"{ORGANISATIONS} organisations on {connection.vendor}; inserted in {inserting:.0f} s;"
          f" counted (count_classified and count_first_responses) at "
          f"{inbound / counting:,.0f} messages/s into {FeedbackCount.objects.count():,} cells")
    busy, small = organisations[0], organisations[-1]
    people = {"busy": make_user("bench-busy", "org_editor", busy),
              "small": make_user("bench-small", "org_editor", small),
              "coordinator": make_user("bench-coordinator", "coordinator")}
    year, week, _day = (timezone.localdate() - dt.timedelta(days=7)).isocalendar()
    pages = [
        ("busy organisation, last hour", "busy", f"?org={busy.code}&period=hour"),
        ("busy organisation, last 24 hours", "busy", f"?org={busy.code}&period=day"),
        ("busy organisation, last 7 days", "busy", f"?org={busy.code}&period=week"),
        ("small organisation, last 7 days", "small", f"?org={small.code}&period=week"),
        ("coordinators, all organisations, last hour", "coordinator", "?period=hour"),
        ("coordinators, all organisations, last 24 hours", "coordinator", "?period=day"),
        ("coordinators, all organisations, last 7 days", "coordinator", "?period=week"),
    ]
    client = Client()
    results = {}
    for name, who, query in pages:
        client.force_login(people[who])
        results[name] = timed(client, "/inbox/feedback/" + query)
        print(f"feedback dashboard, {name}: median {results[name]:.0f} ms of {RUNS} "
              f"(target < 300 ms)")
    for name, who, query in (
            ("weekly report, busy organisation", "busy", f"?org={busy.code}"),
            ("weekly report, all organisations", "coordinator", "")):
        client.force_login(people[who])
        took = timed(client, f"/inbox/feedback/report/{query}{'&' if query else '?'}"
                             f"week={year}-W{week:02d}")
        print(f"feedback {name}: median {took:.0f} ms of {RUNS}")
    for label, organisation, page in (
            ("busy organisation", busy, "busy organisation, last 7 days"),
            ("all organisations", None, "coordinators, all organisations, last 7 days")):
        python_ms, group_by_ms = baseline_week(organisation)
        print(f"baseline, {label}, last 7 days from the messages on each request: one GROUP "
              f"BY over intent, sentiment and language alone {group_by_ms:.0f} ms "
              f"({group_by_ms / results[page]:.1f}x the whole dashboard page); every figure "
              f"with topics, counted in Python {python_ms:.0f} ms "
              f"({python_ms / results[page]:.0f}x)")


if __name__ == "__main__":
    main()
