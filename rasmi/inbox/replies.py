"""Answering the public and moderating comments: what the inbox pages (and API) call.

send_reply     checks who may answer, runs the compliance checker first (a blocking finding
               refuses, a warning needs a written justification), then in one transaction
               stores the outgoing message (queued), stops the SLA clock, writes the audit
               entry and queues the send (rasmi.inbox.replier does it on the worker).
retry_reply    a failed reply, queued again by a person who checked the platform.
hide_message   hides a citizen's comment on the platform (reason required), then records
unhide_message it; the platform is asked first, so Rasmi never shows a comment as hidden
               that the public can still see. Hiding twice is harmless on every platform,
               so there is no outcome to guess: a failure is simply reported.
Canned replies: render_canned, effective_language and validate_canned (rasmi.inbox.canned).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rasmi.audit.services import record
from rasmi.connectors.base import ConnectorError, ErrorKind, window_open
from rasmi.errors import UserError
from rasmi.inbox import feedback, policy, triage
from rasmi.inbox.canned import effective_language, render_canned, validate_canned
from rasmi.inbox.models import Conversation, ConversationKind, Direction, Message
from rasmi.inbox.platform_errors import explain
from rasmi.inbox.replier import SendState, last_inbound_at, new_key
from rasmi.people import permissions
from rasmi.publishing import compliance
from rasmi.publishing.models import Credential
from rasmi.publishing.policy import sop_for
from rasmi.publishing.publisher import connector_for_account
from rasmi.registry.models import AccountStatus

__all__ = ["ReplyError", "check_reply", "effective_language", "hide_message", "render_canned",
           "retry_reply", "send_reply", "unhide_message", "validate_canned"]

LANGUAGES = ("ms", "en")
# What each platform's connector can do from the inbox.
CAN_REPLY = {
    "facebook": {ConversationKind.COMMENTS, ConversationKind.DIRECT},
    "instagram": {ConversationKind.COMMENTS, ConversationKind.DIRECT},
    "youtube": {ConversationKind.COMMENTS},
    "x": {ConversationKind.COMMENTS},
}
CAN_HIDE = frozenset({"facebook", "instagram", "youtube", "x"})
# Direct message text: Messenger 2,000 characters (Send API reference); Instagram under
# 1,000 bytes.
DIRECT_CHARACTERS = {"facebook": 2000}
DIRECT_BYTES = {"instagram": 1000}
REASON_LENGTH = 200  # Message.hidden_reason


class ReplyError(UserError):
    """The inbox said no (nothing to answer, a blocking finding, a closed window...)."""


# --- checks -------------------------------------------------------------------------------

def check_reply(conversation: Conversation, text: str, language: str) -> tuple[str, list]:
    """The compliance checker on a reply: the organisation's SOP, the account's platform.
    The BM rule applies to replies given in BM only: answering an English question in
    English is the point of a two-way channel."""
    sop = sop_for(conversation.organisation)
    result = compliance.check_for(
        sop, {"text": text, "platforms": [conversation.account.platform]},
        require_malay=language == "ms" and sop.language_policy != "any")
    return result["verdict"], result["findings"]


def _require_account(conversation: Conversation) -> None:
    account = conversation.account
    if conversation.kind not in CAN_REPLY.get(account.platform, ()):
        raise ReplyError("cannot_reply_here",
                         _("%(platform)s does not let Rasmi answer this kind of conversation.")
                         % {"platform": account.get_platform_display()})
    if account.status != AccountStatus.OFFICIAL:
        raise ReplyError("account_not_official",
                         _("Replies go out only through accounts that are official in the "
                           "register."))
    _require_credential(account)


def _require_credential(account) -> None:
    if not Credential.objects.filter(account=account).exists():
        raise ReplyError("no_credential",
                         _("Rasmi is not connected to this account yet. An administrator "
                           "must add its credential first."))


def _require_window(conversation: Conversation) -> None:
    if not window_open(last_inbound_at(conversation), timezone.now()):
        raise ReplyError("window_closed", explain(ErrorKind.WINDOW_CLOSED))


def _require_length(conversation: Conversation, text: str) -> None:
    platform = conversation.account.platform
    limit = DIRECT_CHARACTERS.get(platform)
    byte_limit = DIRECT_BYTES.get(platform)
    if (limit and len(text) > limit) or (byte_limit and len(text.encode()) > byte_limit):
        raise ReplyError("reply_too_long",
                         _("This reply is too long for a direct message on %(platform)s. "
                           "Shorten it.") % {"platform": conversation.account
                                             .get_platform_display()})


def _reply_target(conversation: Conversation) -> str:
    """The comment the reply goes under ("" for direct messages, which go to the person).

    Facebook, Instagram and YouTube answer the thread's top-level comment (Instagram and
    YouTube accept no other; Facebook folds deeper replies into it anyway). On X a reply
    goes to the person's newest post in the conversation."""
    if conversation.kind == ConversationKind.DIRECT:
        return ""
    platform = conversation.account.platform
    if platform == "x":
        newest = (conversation.messages.filter(direction=Direction.IN, deleted=False)
                  .order_by("-sent_at", "-pk").first())
        return newest.platform_message_id if newest else conversation.thread_key
    top = conversation.messages.filter(platform_message_id=conversation.thread_key).first()
    if top is not None and top.deleted:
        raise ReplyError("comment_deleted", _("The comment was deleted: there is nothing to "
                                              "reply under."))
    if top is not None and top.hidden and platform == "instagram":
        raise ReplyError("comment_hidden", _("Instagram does not allow replies to hidden "
                                             "comments. Show the comment again first."))
    return conversation.thread_key


# --- replies ------------------------------------------------------------------------------

def _queue(message: Message) -> None:
    from rasmi.inbox.tasks import deliver_reply

    # Queued in the same transaction (the task table is in this database): the reply and
    # its send commit together or not at all.
    deliver_reply.enqueue(message.pk, 1)


@transaction.atomic
def send_reply(conversation: Conversation, user, text: str, language: str,
               justification: str = "") -> Message:
    conversation = (Conversation.objects.select_for_update(of=("self",))
                    .select_related("account", "organisation").get(pk=conversation.pk))
    permissions.require(policy.can_reply(user, conversation.organisation),
                        _("Your role may not answer the public for this organisation."))
    text, justification = (text or "").strip(), (justification or "").strip()
    if not text:
        raise ReplyError("empty_reply", _("Write the reply first."))
    if language not in LANGUAGES:
        raise ReplyError("reply_language", _("Choose Bahasa Melayu or English."))
    _require_account(conversation)
    if conversation.kind == ConversationKind.DIRECT:
        _require_window(conversation)
        _require_length(conversation, text)
    target = _reply_target(conversation)
    verdict, findings = check_reply(conversation, text, language)
    if verdict == "block":
        raise ReplyError("blocked", _("The checker found something that must be fixed before "
                                      "this reply can be sent."), details={"findings": findings})
    if verdict == "warn" and not justification:
        raise ReplyError("justification_needed",
                         _("The checker has warnings: write why the reply should go out as "
                           "it is."), details={"findings": findings})
    now = timezone.now()
    message = Message.objects.create(
        conversation=conversation, account=conversation.account,
        platform_message_id=new_key(), direction=Direction.OUT, parent_id=target, text=text,
        sent_at=now, event_at=now, language=language, sent_by=user,
        send_state=SendState.QUEUED)
    clock = {"first_response_at": conversation.first_response_at,
             "awaiting_since": conversation.awaiting_since,
             "first_response_due": conversation.first_response_due}
    # The reply answers the public: the first-response clock stops now, in this
    # transaction, whatever the platform later says about the send.
    first = conversation.first_response_at is None
    triage.answered(conversation, now)
    conversation.last_message_at = max(conversation.last_message_at, now)
    conversation.save(update_fields=["first_response_at", "awaiting_since",
                                     "first_response_due", "last_message_at", "updated_at"])
    if first:
        feedback.count_first_responses([conversation])
    record(user, "inbox.reply", message, before=clock, after={
        "conversation": conversation.pk, "language": language, "text": text,
        "verdict": verdict, "rules": sorted({f["rule"] for f in findings}),
        "justification": justification, "first_response_at": conversation.first_response_at})
    _queue(message)
    return message


@transaction.atomic
def retry_reply(message: Message, user) -> Message:
    message = (Message.objects.select_for_update(of=("self",))
               .select_related("conversation__organisation", "conversation__account")
               .get(pk=message.pk))
    conversation = message.conversation
    permissions.require(policy.can_reply(user, conversation.organisation),
                        _("Your role may not answer the public for this organisation."))
    if message.direction != Direction.OUT or message.send_state != SendState.FAILED:
        raise ReplyError("not_failed", _("Only a reply that failed can be sent again."))
    _require_account(conversation)
    if conversation.kind == ConversationKind.DIRECT:
        _require_window(conversation)
    before = {"send_state": message.send_state, "send_error": message.send_error}
    message.send_state, message.send_error = SendState.QUEUED, ""
    message.save(update_fields=["send_state", "send_error"])
    record(user, "inbox.reply.retry", message, before=before,
           after={"conversation": conversation.pk})
    _queue(message)
    return message


# --- moderation ---------------------------------------------------------------------------

def hide_message(message: Message, user, reason: str) -> Message:
    return _moderate(message, user, reason, hidden=True)


def unhide_message(message: Message, user, reason: str = "") -> Message:
    return _moderate(message, user, reason, hidden=False)


def _moderate(message: Message, user, reason: str, *, hidden: bool) -> Message:
    message = (Message.objects.select_related("conversation__organisation", "account")
               .get(pk=message.pk))
    permissions.require(policy.can_hide(user, message.conversation.organisation),
                        _("Only the organisation's approvers and administrators may hide or "
                          "show comments."))
    reason = (reason or "").strip()
    if hidden and not reason:
        raise ReplyError("reason_needed", _("Say why the comment is hidden."))
    if len(reason) > REASON_LENGTH:
        raise ReplyError("reason_too_long", _("Keep the reason under %(limit)d characters.")
                         % {"limit": REASON_LENGTH})
    if message.direction != Direction.IN or \
            message.conversation.kind != ConversationKind.COMMENTS:
        raise ReplyError("not_a_comment", _("Only comments from the public can be hidden."))
    if message.account.platform not in CAN_HIDE:
        raise ReplyError("cannot_hide_here", _("%(platform)s does not let Rasmi hide "
                                               "comments.")
                         % {"platform": message.account.get_platform_display()})
    if message.deleted:
        raise ReplyError("comment_deleted", _("The comment was deleted."))
    if message.hidden == hidden:
        raise ReplyError("already_done", _("This comment is already hidden.") if hidden
                         else _("This comment is not hidden."))
    _require_credential(message.account)
    _ask_platform(message, hidden)
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        before = {"hidden": locked.hidden, "hidden_reason": locked.hidden_reason}
        locked.hidden, locked.hidden_reason = hidden, reason if hidden else ""
        locked.save(update_fields=["hidden", "hidden_reason"])
        # The comment's text stays out of the audit log, which outlives the retention
        # period of citizens' messages.
        record(user, "inbox.hide" if hidden else "inbox.unhide", locked, before=before,
               after={"hidden": hidden, "reason": reason,
                      "conversation": locked.conversation_id,
                      "platform": message.account.platform,
                      "platform_message_id": locked.platform_message_id})
    return locked


def _ask_platform(message: Message, hidden: bool) -> None:
    """Outside any transaction: no row is held while the platform answers."""
    connector = None
    try:
        connector = connector_for_account(message.account)
        connector.hide_comment(message.platform_message_id, hidden=hidden)
    except ConnectorError as error:
        busy = error.kind in (ErrorKind.THROTTLED, ErrorKind.TRANSIENT)
        raise ReplyError(f"platform_{error.kind}", explain(error.kind),
                         details={"platform_error": error.message},
                         status=502 if busy else 400) from None
    finally:
        if connector is not None:
            connector.close()
