"""Turning stored deliveries into conversations and messages, exactly once.

A delivery is a Meta webhook call, a page a polling connector read (rasmi/inbox/polling)
or a batch of imported rows (rasmi/inbox/imports.py); its `source` picks the parser, and
every parser gives the same events. The worker runs `process` for each webhook delivery
(queued in the transaction that stored it); the polling runner and the import run it
themselves; `process_pending` picks up anything left behind (`rasmi process_deliveries`).
A delivery is locked, applied and marked processed in one transaction, so running it
twice, or two workers at once, applies it once. Events are keyed on the platform's ids: a
delivery repeated (by Meta, by a re-poll, by importing a file again), or one that arrives
after a later edit, changes nothing twice and nothing back.
"""

import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from rasmi.bulksql import update_objects
from rasmi.inbox import feedback, import_events, meta_events, triage
from rasmi.inbox.meta_events import BadDelivery, Event
from rasmi.inbox.models import (
    Contact,
    Conversation,
    ConversationStatus,
    Delivery,
    Direction,
    Message,
)
from rasmi.inbox.polling import x_mentions, youtube_comments
from rasmi.monitoring import live
from rasmi.registry.models import AccountStatus, SocialAccount

log = logging.getLogger(__name__)

# A delivery's source picks its parser; each gives the same Event objects.
PARSERS = {"meta": meta_events.parse, "youtube": youtube_comments.parse,
           "x": x_mentions.parse, "import": import_events.parse}


# Deliveries waiting when a worker takes one are applied with it, up to this many, so a
# busy queue costs a few queries per batch rather than per delivery; the tasks of those
# swept along then find theirs done.
SWEEP = 50


def process(delivery_id: int, sweep: int = SWEEP) -> str:
    with transaction.atomic():
        delivery = (Delivery.objects.select_for_update()
                    .filter(pk=delivery_id, processed_at__isnull=True).first())
        if delivery is None:
            return "already processed"
        # skip_locked: another worker's sweep keeps what it holds (PostgreSQL; SQLite has
        # one writer at a time anyway).
        waiting = list(Delivery.objects.select_for_update(skip_locked=True)
                       .filter(processed_at__isnull=True).exclude(pk=delivery.pk)
                       .order_by("received_at")[:max(sweep - 1, 0)])
        batch = [delivery, *waiting]
        parsed = [(each, _parse(each)) for each in batch]
        accounts = _official_accounts([e for _, events in parsed for e in events])
        accepted = []
        for each, events in parsed:
            for event in events:
                account = accounts.get((event.platform, event.account_id))
                if account is None:
                    each.refused.append({"platform": event.platform,
                                         "account_id": event.account_id,
                                         "message_id": event.message_id})
                else:
                    accepted.append((event, account))
            each.events, each.processed_at = len(events), timezone.now()
            if each.refused:
                log.warning("delivery %s: %d event(s) for accounts not official in the "
                            "register", each.pk, len(each.refused))
        labelled = apply_all(accepted)
        update_objects(Delivery, batch, ["events", "refused", "error", "processed_at"])
        live.queue_from_inbox(labelled)  # the surge detector, once this commits
    return "bad delivery" if delivery.error else f"{delivery.events} events"


def _parse(delivery: Delivery) -> list[Event]:
    try:
        return PARSERS[delivery.source](delivery.body)
    except (BadDelivery, KeyError) as error:
        delivery.error = f"{type(error).__name__}: {error}"[:2000]
        return []


def process_pending(limit: int = 1000) -> int:
    pending = list(Delivery.objects.filter(processed_at__isnull=True)
                   .order_by("received_at").values_list("pk", flat=True)[:limit])
    for delivery_id in pending:
        process(delivery_id)
    return len(pending)


def _official_accounts(events: list[Event]) -> dict[tuple[str, str], SocialAccount]:
    """Events name their account by the platform's id; imports, chosen by a person from
    the register, by its account key (which always holds a ":", never a platform id)."""
    wanted = {(e.platform, e.account_id) for e in events}
    names = {a for _, a in wanted if a}
    found = SocialAccount.objects.filter(
        Q(platform_id__in=names) | Q(account_key__in=names),
        status=AccountStatus.OFFICIAL, platform__in={p for p, _ in wanted})
    accounts = {}
    for account in found:
        accounts[(account.platform, account.account_key)] = account
        if account.platform_id:
            accounts[(account.platform, account.platform_id)] = account
    return accounts


# --- applying events, a delivery at a time: a few queries per delivery, not per event ----

LABELS = ("language", "intent", "sentiment", "topics", "urgent", "classified_at")


def apply_all(items: list[tuple[Event, SocialAccount]]) -> list[Message]:
    """Store the events; returns the new messages from the public, labelled."""
    if not items:
        return []
    contacts = _contacts([event for event, _ in items])
    conversations = _conversations(items, contacts)
    existing = {(m.account_id, m.platform_message_id): m for m in Message.objects.filter(
        account_id__in={a.pk for _, a in items},
        platform_message_id__in={e.message_id for e, _ in items})}
    new, changed, edited, touched = [], {}, {}, {}
    unanswered = {c.pk for c in conversations.values() if c.first_response_at is None}
    for event, account in items:
        at = event.at or timezone.now()
        key = (account.pk, event.message_id)
        conversation = conversations[(account.pk, event.kind, event.thread_key)]
        message = existing.get(key)
        if message is None:
            message = existing[key] = Message(
                conversation=conversation, account=account,
                platform_message_id=event.message_id,
                direction=Direction.OUT if event.outgoing else Direction.IN,
                author=_author(event, contacts), parent_id=event.parent_id, text=event.text,
                sent_at=at, event_at=at, edited=event.verb == "edit",
                deleted=event.verb == "delete", hidden=event.verb == "hide")
            new.append(message)
            if _touch(conversation, message):
                touched[conversation.pk] = conversation
        elif at >= message.event_at and event.verb != "add":
            _change(message, event, at)
            if message.pk is not None:
                changed[key] = message
                if event.verb == "edit":
                    edited[key] = message
    labelled = triage.label(new)
    for conversation in triage.keep_clock(new, labelled):
        touched[conversation.pk] = conversation
    # An edited message is labelled again; its counts move from the old labels to the new.
    previous = {m.pk: feedback.labels_of(m) for m in edited.values() if m.classified_at}
    relabelled = triage.label(edited.values())
    by_pk = {c.pk: c for c in conversations.values()}
    for conversation in triage.take_edits(relabelled, by_pk):
        touched[conversation.pk] = conversation
    triage.route(touched.values(), new)
    # ignore_conflicts: another worker may have stored the same message a moment ago.
    Message.objects.bulk_create(new, ignore_conflicts=True)
    feedback.count_classified([*labelled, *relabelled], previous=previous)
    feedback.count_first_responses(
        [c for c in touched.values() if c.pk in unanswered and c.first_response_at])
    update_objects(Message, changed.values(),
                   ["text", "edited", "deleted", "hidden", "event_at", *LABELS])
    update_objects(
        Conversation, touched.values(),
        ["last_message_at", "first_response_at", "status", "resolved_at", "updated_at",
         "intent", "language", "sentiment", "topics", "urgent", "awaiting_since",
         "first_response_due", "resolution_due", "team", "assignee"])
    return labelled


def _contacts(events: list[Event]) -> dict[tuple[str, str], Contact]:
    names = {(e.platform, e.author_id): e.author_name[:200] for e in events
             if not e.outgoing and e.author_id}
    if not names:
        return {}

    def stored() -> dict[tuple[str, str], Contact]:
        return {(c.platform, c.platform_user_id): c for c in Contact.objects.filter(
            platform__in={p for p, _ in names}, platform_user_id__in={u for _, u in names})}

    found = stored()
    missing = [Contact(platform=p, platform_user_id=u, name=n)
               for (p, u), n in names.items() if (p, u) not in found]
    if missing:
        Contact.objects.bulk_create(missing, ignore_conflicts=True)
        found = stored()
    renamed = []
    for key, name in names.items():
        contact = found.get(key)
        if contact is not None and name and contact.name != name:
            contact.name = name
            renamed.append(contact)
    Contact.objects.bulk_update(renamed, ["name"])
    return found


def _author(event: Event, contacts: dict[tuple[str, str], Contact]) -> Contact | None:
    """The member of the public who wrote it; None for the account's own messages."""
    return None if event.outgoing else contacts.get((event.platform, event.author_id))


def _conversations(items, contacts) -> dict[tuple[int, str, str], Conversation]:
    wanted = {}
    for event, account in items:
        wanted.setdefault((account.pk, event.kind, event.thread_key), (event, account))

    def stored() -> dict[tuple[int, str, str], Conversation]:
        rows = Conversation.objects.filter(account_id__in={k[0] for k in wanted},
                                           thread_key__in={k[2] for k in wanted})
        return {(c.account_id, c.kind, c.thread_key): c for c in rows}

    found = stored()
    missing = [Conversation(
        account=account, organisation_id=account.organisation_id, kind=event.kind,
        thread_key=event.thread_key, post_id=event.post_id,
        contact=_author(event, contacts), last_message_at=event.at or timezone.now())
        for key, (event, account) in wanted.items() if key not in found]
    if missing:
        Conversation.objects.bulk_create(missing, ignore_conflicts=True)
        found = stored()
    return found


def _change(message: Message, event: Event, at) -> None:
    if event.verb == "edit":
        message.text, message.edited = event.text, True
    elif event.verb == "delete":
        message.deleted = True
    elif event.verb in ("hide", "unhide"):
        message.hidden = event.verb == "hide"
    message.event_at = at  # written by apply_all, with the other changes of the delivery


def _touch(conversation: Conversation, message: Message) -> bool:
    """A new message: the conversation's last activity, and a resolved conversation
    opened again when the public writes. True when something changed. (The reply clock
    is kept in apply_all, once the messages are labelled.)"""
    changed = False
    if message.sent_at > conversation.last_message_at:
        conversation.last_message_at, changed = message.sent_at, True
    if message.direction == Direction.IN and conversation.status == ConversationStatus.RESOLVED:
        conversation.status, conversation.resolved_at, changed = \
            ConversationStatus.OPEN, None, True
    if changed:
        conversation.updated_at = timezone.now()
    return changed
