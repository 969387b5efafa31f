"""The officers' queue at scale: 100,000 conversations (one message from the public each)
in one organisation, read the way /inbox/ reads them (count + one page of rows, ordered
urgent, overdue, by deadline), for an officer, with a filter, with text search, and the
overdue list. Prints milliseconds per read; nothing here passes or fails.

    python -m benchmarks.bench_inbox_queue --conversations 100000
"""

import argparse
import datetime as dt
import os
import random
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasmi.settings")


def timed(label: str, read, repeat: int = 5) -> None:
    read()  # warm the caches once
    start = time.perf_counter()
    for _ in range(repeat):
        read()
    print(f"  {label:<44} {1000 * (time.perf_counter() - start) / repeat:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=100_000)
    args = parser.parse_args()
    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from rasmi.conftest import make_user
    from rasmi.inbox import selectors
    from rasmi.inbox.models import Contact, Conversation, Message
    from rasmi.registry.models import Organisation, SocialAccount

    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(code="bench-q", name_ms="Agensi Ujian",
                                      name_en="Test Agency", kind="agency")
    account = SocialAccount.objects.create(
        organisation=org, platform="facebook", account_key="facebook:bench.queue",
        canonical_url="https://www.facebook.com/bench.queue", handle="bench.queue",
        platform_id="700701", status="official", official_since="2020-01-01")
    officer = make_user("bench-officer", "org_editor", org)
    rng, now = random.Random(10), timezone.now()
    contacts = Contact.objects.bulk_create(
        [Contact(platform="facebook", platform_user_id=f"u{i}", name=f"Warga {i}")
         for i in range(5000)], batch_size=2000)
    started = time.perf_counter()
    rows = []
    for i in range(args.conversations):
        at = now - dt.timedelta(minutes=rng.randint(1, 60 * 24 * 30))
        answered = rng.random() < 0.6
        rows.append(Conversation(
            account=account, organisation=org, kind="comments", thread_key=f"t{i}",
            contact=contacts[i % len(contacts)], last_message_at=at,
            status=rng.choice(["open", "open", "pending", "resolved", "resolved", "snoozed"]),
            intent=rng.choice(["question", "complaint", "praise", "other"]),
            language=rng.choice(["ms", "en", "mixed"]), sentiment="neutral",
            topics=[rng.choice(["flood", "licence", "tax", "health"])],
            urgent=rng.random() < 0.02, awaiting_since=None if answered else at,
            first_response_due=None if answered else at + dt.timedelta(hours=24),
            first_response_at=at if answered else None,
            resolution_due=at + dt.timedelta(days=21),
            snoozed_until=now + dt.timedelta(days=1)))
    conversations = Conversation.objects.bulk_create(rows, batch_size=5000)
    Message.objects.bulk_create(
        [Message(conversation=c, account=account, platform_message_id=f"m{c.pk}",
                 direction="in", author=c.contact, text=f"Bila kaunter dibuka? Soalan {c.pk}",
                 sent_at=c.last_message_at, event_at=c.last_message_at)
         for c in conversations], batch_size=5000)
    print(f"{args.conversations:,} conversations loaded in "
          f"{time.perf_counter() - started:.1f} s")

    scope = selectors.scope_for(officer)

    def page(query):
        found = selectors.page_of(selectors.queue(officer, scope, query, now), 1)
        return found.paginator.count, selectors.queue_rows(found.object_list, scope, now)

    def overdue():
        found = selectors.page_of(selectors.overdue(scope, now), 1)
        return found.paginator.count, list(found.object_list)

    timed("queue, open and pending (count + page 1)", lambda: page(selectors.QueueQuery()))
    timed("queue, complaints about floods", lambda: page(
        selectors.QueueQuery(intent="complaint", topic="flood")))
    timed("queue, urgent only", lambda: page(selectors.QueueQuery(urgent=True)))
    timed("queue, assigned to me", lambda: page(selectors.QueueQuery(assigned="me")))
    timed("queue, text search", lambda: page(selectors.QueueQuery(text="Soalan 4242")),
          repeat=2)
    timed("overdue list (count + page 1)", overdue)


if __name__ == "__main__":
    main()
