"""Sending an officer's reply to the platform, as the worker runs it.

The same care as publishing (rasmi.publishing.publisher): the message is marked `sending`
and committed before the platform is called. A send whose outcome is unknown (the worker
died, a timeout, a broken connection, a 5xx) stays `sending`, and the next attempt asks the
platform (find_reply) before sending again; where the platform cannot tell (Messenger,
Instagram direct, X) it fails at once and asks a person to look, rather than risk saying
the same thing twice to a citizen. Only throttling and a connection never made are resent
without asking.

States (Message.send_state): queued -> sending -> sent | failed.
"""

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from rasmi.audit.services import record
from rasmi.connectors.base import ConnectorError, ErrorKind, Reply, Sent
from rasmi.inbox.models import ConversationKind, Direction, Message
from rasmi.inbox.platform_errors import stored
from rasmi.publishing.publisher import connector_for_account, outcome_unknown

log = logging.getLogger(__name__)

KEY_PREFIX = "rasmi-reply-"


class SendState:
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


def new_key() -> str:
    """Stands in for the platform's id until the reply is sent (Message keeps one id per
    account), and is the reply's idempotency key meanwhile."""
    return KEY_PREFIX + secrets.token_hex(8)


def last_inbound_at(conversation) -> dt.datetime | None:
    """When the member of the public last wrote (the start of the messaging window)."""
    return Message.objects.filter(conversation=conversation, direction=Direction.IN,
                                  deleted=False).aggregate(last=Max("sent_at"))["last"]


def reply_for(message: Message) -> Reply:
    conversation, account = message.conversation, message.account
    direct = conversation.kind == ConversationKind.DIRECT
    return Reply(account_id=account.platform_id or account.handle, text=message.text,
                 in_reply_to=conversation.thread_key if direct else message.parent_id,
                 idempotency_key=message.platform_message_id, direct=direct,
                 last_inbound_at=last_inbound_at(conversation) if direct else None)


def _fail(kind: ErrorKind, message: str) -> ConnectorError:
    return ConnectorError(kind=kind, code=str(kind), message=message, platform="rasmi")


def _claim(message_id: int) -> tuple[Message | None, bool]:
    with transaction.atomic():
        message = (Message.objects.select_for_update()
                   .select_related("conversation", "account")
                   .filter(pk=message_id, direction=Direction.OUT).first())
        if message is None or message.send_state not in (SendState.QUEUED, SendState.SENDING):
            return None, False
        interrupted = message.send_state == SendState.SENDING
        message.send_state = SendState.SENDING
        message.save(update_fields=["send_state"])
    return message, interrupted


def _sent(message: Message, sent: Sent) -> None:
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        # The platform's webhook may have brought our own reply in before we got here: it
        # is this message, so the copy goes and this one takes the platform's id.
        Message.objects.filter(account_id=message.account_id, direction=Direction.OUT,
                               platform_message_id=sent.platform_message_id) \
            .exclude(pk=message.pk).delete()
        now = timezone.now()
        message.platform_message_id = sent.platform_message_id
        message.send_state, message.send_error = SendState.SENT, ""
        message.sent_at = message.event_at = now
        message.save(update_fields=["platform_message_id", "send_state", "send_error",
                                    "sent_at", "event_at"])
        record(None, "inbox.reply.sent", message, after={
            "conversation": message.conversation_id,
            "platform_message_id": sent.platform_message_id})


def _failed(message: Message, error: ConnectorError, attempt: int) -> float | None:
    """Record the failure; returns the wait before the retry it queued, or None."""
    retry = error.retryable and attempt < settings.PUBLISH_MAX_ATTEMPTS
    wait = None
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        message.send_error = stored(error)
        if retry:
            # `sending` makes the next attempt ask the platform before sending again.
            message.send_state = SendState.SENDING if outcome_unknown(error) \
                else SendState.QUEUED
            wait = max(settings.PUBLISH_BACKOFF_SECONDS * 2 ** (attempt - 1),
                       error.retry_after or 0.0)
            from rasmi.inbox.tasks import deliver_reply

            deliver_reply.using(run_after=timezone.now() + dt.timedelta(seconds=wait)) \
                .enqueue(message.pk, attempt + 1)
        else:
            message.send_state = SendState.FAILED
            record(None, "inbox.reply.failed", message, after={
                "conversation": message.conversation_id, "kind": str(error.kind),
                "error": message.send_error})
        message.save(update_fields=["send_state", "send_error"])
    return wait


def _unconfirmable(error: ConnectorError) -> ConnectorError:
    return _fail(ErrorKind.INVALID, f"{error.message} The platform cannot tell whether the "
                 "reply went out: check the conversation on the platform before sending it "
                 "again.")


def _send(message: Message, interrupted: bool) -> Sent:
    reply = reply_for(message)
    connector = connector_for_account(message.account)
    try:
        if interrupted:
            found = connector.find_reply(reply)
            if found is not None:
                return found
            if not connector.confirms_reply_absence(reply):
                raise _fail(ErrorKind.INVALID, "An earlier attempt was interrupted mid-send "
                            "and the platform cannot tell whether the reply went out: check "
                            "the conversation on the platform before sending it again.")
        try:
            return connector.reply(reply)
        except ConnectorError as error:
            if outcome_unknown(error) and not connector.confirms_reply_absence(reply):
                raise _unconfirmable(error) from None
            raise
    finally:
        connector.close()


def deliver(message_id: int, attempt: int = 1) -> str:
    message, interrupted = _claim(message_id)
    if message is None:
        return "settled"
    try:
        sent = _send(message, interrupted)
    except ConnectorError as error:
        if _failed(message, error, attempt) is not None:
            return "retrying"
        log.info("reply %s failed: %s", message_id, error.kind)
        return "failed"
    try:
        _sent(message, sent)
    except IntegrityError:
        # The webhook's copy was being stored at that very moment (uncommitted, so not
        # yet visible to remove): it is committed now, and goes on the second try.
        _sent(message, sent)
    return "sent"
