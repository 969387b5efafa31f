"""Turning stored deliveries into conversations and messages, exactly once.

The worker runs `process` for each delivery (queued in the transaction that stored it);
`process_pending` picks up anything left behind (`rasmi process_deliveries`). A delivery is
locked, applied and marked processed in one transaction, so running it twice, or two
workers at once, applies it once. Events are keyed on the platform's ids: a delivery Meta
repeats, or one that arrives after a later edit, changes nothing twice and nothing back.
"""

import logging

from django.db import transaction
from django.utils import timezone

from rasmi.inbox import meta_events
from rasmi.inbox.meta_events import BadDelivery, Event
from rasmi.inbox.models import (
    Contact,
    Conversation,
    ConversationStatus,
    Delivery,
    Direction,
    Message,
)
from rasmi.registry.models import AccountStatus, SocialAccount

log = logging.getLogger(__name__)

PARSERS = {"meta": meta_events.parse}


def process(delivery_id: int) -> str:
    with transaction.atomic():
        delivery = (Delivery.objects.select_for_update()
                    .filter(pk=delivery_id, processed_at__isnull=True).first())
        if delivery is None:
            return "already processed"
        try:
            events = PARSERS[delivery.source](delivery.body)
        except (BadDelivery, KeyError) as error:
            delivery.error = f"{type(error).__name__}: {error}"[:2000]
            events = []
        accounts = _official_accounts(events)
        for event in events:
            account = accounts.get((event.platform, event.account_id))
            if account is None:
                delivery.refused.append({"platform": event.platform,
                                         "account_id": event.account_id,
                                         "message_id": event.message_id})
                continue
            apply(event, account)
        if delivery.refused:
            log.warning("delivery %s: %d event(s) for accounts not official in the register",
                        delivery.pk, len(delivery.refused))
        delivery.events, delivery.processed_at = len(events), timezone.now()
        delivery.save(update_fields=["events", "refused", "error", "processed_at"])
    return "bad delivery" if delivery.error else f"{len(events)} events"


def process_pending(limit: int = 1000) -> int:
    pending = list(Delivery.objects.filter(processed_at__isnull=True)
                   .order_by("received_at").values_list("pk", flat=True)[:limit])
    for delivery_id in pending:
        process(delivery_id)
    return len(pending)


def _official_accounts(events: list[Event]) -> dict[tuple[str, str], SocialAccount]:
    wanted = {(e.platform, e.account_id) for e in events}
    found = SocialAccount.objects.filter(
        status=AccountStatus.OFFICIAL, platform__in={p for p, _ in wanted},
        platform_id__in={a for _, a in wanted if a})
    return {(a.platform, a.platform_id): a for a in found}


def _contact(event: Event) -> Contact | None:
    if event.outgoing or not event.author_id:
        return None
    contact, created = Contact.objects.get_or_create(
        platform=event.platform, platform_user_id=event.author_id,
        defaults={"name": event.author_name[:200]})
    if not created and event.author_name and contact.name != event.author_name[:200]:
        contact.name = event.author_name[:200]
        contact.save(update_fields=["name"])
    return contact


def apply(event: Event, account: SocialAccount) -> Message:
    at = event.at or timezone.now()
    contact = _contact(event)
    conversation, _ = Conversation.objects.get_or_create(
        account=account, kind=event.kind, thread_key=event.thread_key,
        defaults={"organisation_id": account.organisation_id, "post_id": event.post_id,
                  "contact": contact, "last_message_at": at})
    message = Message.objects.filter(account=account,
                                     platform_message_id=event.message_id).first()
    if message is None:
        message = Message.objects.create(
            conversation=conversation, account=account, platform_message_id=event.message_id,
            direction=Direction.OUT if event.outgoing else Direction.IN, author=contact,
            parent_id=event.parent_id, text=event.text, sent_at=at, event_at=at,
            edited=event.verb == "edit", deleted=event.verb == "delete",
            hidden=event.verb == "hide")
        _touch(conversation, message)
    elif at >= message.event_at and event.verb != "add":
        _change(message, event, at)
    return message


def _change(message: Message, event: Event, at) -> None:
    if event.verb == "edit":
        message.text, message.edited = event.text, True
    elif event.verb == "delete":
        message.deleted = True
    elif event.verb in ("hide", "unhide"):
        message.hidden = event.verb == "hide"
    message.event_at = at
    message.save(update_fields=["text", "edited", "deleted", "hidden", "event_at"])


def _touch(conversation: Conversation, message: Message) -> None:
    """A new message: the conversation's clock, a reply's first response, and a resolved
    conversation opened again when the public writes."""
    fields = []
    if message.sent_at > conversation.last_message_at:
        conversation.last_message_at = message.sent_at
        fields.append("last_message_at")
    if message.direction == Direction.OUT and conversation.first_response_at is None:
        conversation.first_response_at = message.sent_at
        fields.append("first_response_at")
    if message.direction == Direction.IN and conversation.status == ConversationStatus.RESOLVED:
        conversation.status, conversation.resolved_at = ConversationStatus.OPEN, None
        fields += ["status", "resolved_at"]
    if fields:
        conversation.save(update_fields=[*fields, "updated_at"])
