"""What happens to messages from the public as they are stored: labelled by the triage
model, rolled up onto their conversation, routed, and put on the SLA clock.

Runs inside ingest's transaction on unsaved Message objects (they are bulk-inserted just
after), so labelling costs no extra write. The clock follows the organisation's SOP: a
reply is due `first_response_hours` after the public writes (`urgent_response_minutes`
when urgent), and the conversation should be resolved within `resolution_working_days`
working days of its first message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from rasmi.core.triage.model import default_model
from rasmi.inbox.models import Conversation, ConversationStatus, Direction, Message, RoutingRule
from rasmi.inbox.working_days import add_working_days
from rasmi.monitoring import crisis_routing

DEFAULT_TARGETS = (24, 60, 15)  # the SOP's own defaults: hours, urgent minutes, working days


def label(messages: Iterable[Message]) -> list[Message]:
    """Label the messages from the public among `messages`; returns those labelled."""
    inbound = [m for m in messages if m.direction == Direction.IN and m.text.strip()]
    if not inbound:
        return []
    now = timezone.now()
    for message, result in zip(inbound, default_model().classify([m.text for m in inbound]),
                               strict=True):
        message.language, message.intent = result.language, result.intent
        message.sentiment, message.topics = result.sentiment, list(result.topics)
        message.urgent, message.classified_at = result.urgent, now
    return inbound


def targets_for(organisation_ids: Iterable[int]) -> dict[int, tuple[int, int, int]]:
    from rasmi.publishing.models import SopSettings

    found = {s.organisation_id: (s.first_response_hours, s.urgent_response_minutes,
                                 s.resolution_working_days)
             for s in SopSettings.objects.filter(organisation_id__in=set(organisation_ids))}
    return {pk: found.get(pk, DEFAULT_TARGETS) for pk in organisation_ids}


def roll_up(conversation: Conversation, message: Message,
            targets: tuple[int, int, int]) -> None:
    """A newly labelled message from the public: the conversation takes its labels (once
    urgent, it stays urgent) and the clock starts, or tightens when it turns urgent."""
    hours, urgent_minutes, working_days = targets
    conversation.intent, conversation.language = message.intent, message.language
    conversation.sentiment = message.sentiment
    conversation.topics = sorted(set(conversation.topics or []) | set(message.topics))
    became_urgent = message.urgent and not conversation.urgent
    conversation.urgent = conversation.urgent or message.urgent
    if conversation.status == ConversationStatus.RESOLVED:
        return  # ingest reopens it first; a resolved conversation has no clock
    wait = dt.timedelta(minutes=urgent_minutes) if conversation.urgent \
        else dt.timedelta(hours=hours)
    if conversation.awaiting_since is None:
        conversation.awaiting_since = message.sent_at
        conversation.first_response_due = message.sent_at + wait
    elif became_urgent:
        conversation.first_response_due = min(conversation.first_response_due or
                                              message.sent_at + wait, message.sent_at + wait)
    if conversation.resolution_due is None:
        local = timezone.localtime(message.sent_at)
        due = add_working_days(local.date(), working_days)
        conversation.resolution_due = local.replace(year=due.year, month=due.month,
                                                    day=due.day, hour=17, minute=0,
                                                    second=0, microsecond=0)


def keep_clock(new: list[Message], labelled: list[Message]) -> list[Conversation]:
    """Roll the labelled messages up and keep each conversation's clock, in time order:
    a reply stops the clock its question started, a question after the reply starts it
    again, and a reply older than the question waiting changes nothing. Returns the
    conversations changed."""
    targets = targets_for({m.conversation.organisation_id for m in labelled})
    changed: dict[int, Conversation] = {}
    for message in sorted(new, key=lambda m: m.sent_at):
        conversation = message.conversation
        if message.direction == Direction.OUT:
            waiting = conversation.awaiting_since
            if conversation.first_response_at is None or (
                    waiting is not None and message.sent_at >= waiting):
                answered(conversation, message.sent_at)
                changed[conversation.pk] = conversation
        elif message.classified_at is not None:
            roll_up(conversation, message, targets[conversation.organisation_id])
            changed[conversation.pk] = conversation
    return list(changed.values())


def take_edits(edited: list[Message],
               conversations: dict[int, Conversation]) -> list[Conversation]:
    """Messages from the public labelled again after an edit: their conversation gains the
    edit's topics and, when the edit tells of danger, turns urgent with its waiting reply
    due sooner (counted from the edit: nobody could have known before). What it was
    answered or resolved with stays. Returns the conversations changed."""
    targets = targets_for({c.organisation_id for c in conversations.values()}) if any(
        m.urgent for m in edited) else {}
    changed: dict[int, Conversation] = {}
    for message in edited:
        conversation = conversations.get(message.conversation_id)
        if conversation is None:
            continue
        topics = sorted(set(conversation.topics or []) | set(message.topics))
        if topics != (conversation.topics or []):
            conversation.topics, changed[conversation.pk] = topics, conversation
        if message.urgent and not conversation.urgent:
            conversation.urgent, changed[conversation.pk] = True, conversation
            if conversation.awaiting_since is not None:
                due = message.event_at + dt.timedelta(
                    minutes=targets[conversation.organisation_id][1])
                conversation.first_response_due = min(conversation.first_response_due or due,
                                                      due)
    return list(changed.values())


def answered(conversation: Conversation, at: dt.datetime) -> None:
    """The organisation replied (from Rasmi or on the platform): the clock stops."""
    if conversation.first_response_at is None:
        conversation.first_response_at = at
    conversation.awaiting_since = conversation.first_response_due = None


def route(conversations: Iterable[Conversation], messages: Iterable[Message] = ()) -> None:
    """An active crisis's team takes conversations on its topics or terms first; then
    unassigned conversations go to the team or officer of the first matching rule."""
    conversations, said = list(conversations), crisis_routing.new_texts(messages)
    for c in conversations:
        c.team_id = crisis_routing.crisis_team_for(
            c.organisation_id, c.topics, said.get(c.pk, "")) or c.team_id
    waiting = [c for c in conversations if c.team_id is None and c.assignee_id is None]
    if not waiting:
        return
    rules: dict[int, list[RoutingRule]] = {}
    for rule in RoutingRule.objects.filter(
            organisation_id__in={c.organisation_id for c in waiting}, active=True):
        rules.setdefault(rule.organisation_id, []).append(rule)
    for conversation in waiting:
        for rule in rules.get(conversation.organisation_id, []):
            if matches(rule, conversation):
                conversation.team_id, conversation.assignee_id = rule.team_id, rule.assignee_id
                break


def matches(rule: RoutingRule, conversation: Conversation) -> bool:
    return ((not rule.intent or rule.intent == conversation.intent)
            and (not rule.topic or rule.topic in (conversation.topics or []))
            and (not rule.language or rule.language == conversation.language)
            and (not rule.urgent_only or conversation.urgent)
            and (rule.account_id is None or rule.account_id == conversation.account_id))
