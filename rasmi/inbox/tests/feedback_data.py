"""Messages from the public, classified, for the feedback tests."""

import datetime as dt
import itertools

from django.utils import timezone

from rasmi.inbox.models import Conversation, Direction, Message

_ids = itertools.count(1)


def conversation(account, *, created_at=None, urgent=False, intent="", topics=(),
                 **fields) -> Conversation:
    """A thread on `account`; `created_at` is when it reached Rasmi (set after save, since
    the field is auto_now_add)."""
    number = next(_ids)
    made = Conversation.objects.create(
        account=account, organisation_id=account.organisation_id, kind="comments",
        thread_key=f"t{number}", last_message_at=created_at or timezone.now(),
        urgent=urgent, intent=intent, topics=list(topics), **fields)
    if created_at is not None:
        Conversation.objects.filter(pk=made.pk).update(created_at=created_at)
        made.created_at = created_at
    return made


def said(account, at: dt.datetime, *, intent="question", sentiment="neutral", language="ms",
         topics=(), urgent=False, text="Bila kaunter dibuka?", thread=None,
         classified=True, direction=Direction.IN) -> Message:
    """One message from the public (classified unless told), in its own thread unless
    `thread` is given."""
    thread = thread or conversation(account, created_at=at, intent=intent, topics=topics,
                                    urgent=urgent)
    number = next(_ids)
    return Message.objects.create(
        conversation=thread, account=account, platform_message_id=f"m{number}",
        direction=direction, text=text, sent_at=at, event_at=at, language=language,
        intent=intent, sentiment=sentiment, topics=list(topics), urgent=urgent,
        classified_at=at if classified else None)
