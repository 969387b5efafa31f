"""Working a conversation: assigning it, setting its status, snoozing it, and waking the
snoozed ones whose time has come. Every write checks who may (policy.can_reply: the
organisation's working roles, the same people who may answer), runs in one transaction on
the locked row, and writes its audit entry. Answering and hiding are in replies.py.

Snoozed conversations are woken on read: the queue and the conversation page call
`wake_snoozed` before they read, so a snooze ends on time whether or not a worker runs,
with no scheduler to keep.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rasmi.audit.services import record
from rasmi.errors import UserError
from rasmi.inbox import policy
from rasmi.inbox.models import Conversation, ConversationStatus, Team
from rasmi.people import permissions

# How far ahead a conversation may be snoozed: longer is forgetting it, not snoozing.
MAX_SNOOZE = dt.timedelta(days=30)
DEFAULT_SNOOZE = dt.timedelta(hours=4)  # what the snooze form offers first
# Conversations woken per read; the next read takes the rest.
WAKE_BATCH = 200
SETTABLE = (ConversationStatus.OPEN, ConversationStatus.PENDING, ConversationStatus.RESOLVED)


class InboxError(UserError):
    """A conversation could not be changed as asked (no such officer, a past time...)."""


def _locked(conversation: Conversation) -> Conversation:
    return (Conversation.objects.select_for_update(of=("self",))
            .select_related("organisation").get(pk=conversation.pk))


def _require_worker(user, conversation: Conversation) -> None:
    permissions.require(policy.can_reply(user, conversation.organisation),
                        _("Your role may not work this organisation's inbox."))


def can_work(officer, organisation) -> bool:
    """Whether `officer` may be given the organisation's conversations: an active user
    with a working role in it or above it."""
    return bool(officer.is_active and policy.can_reply(officer, organisation))


@transaction.atomic
def assign(user, conversation: Conversation, *, officer=None, team: Team | None = None,
           ) -> Conversation:
    """Give the conversation to an officer, a team, both, or (neither) back to the pool."""
    conversation = _locked(conversation)
    _require_worker(user, conversation)
    if officer is not None:
        officer = get_user_model().objects.get(pk=officer.pk)  # fresh memberships
        if not can_work(officer, conversation.organisation):
            raise InboxError("not_an_officer", _("%(name)s does not work this "
                                                 "organisation's inbox.")
                             % {"name": officer.get_username()})
    if team is not None and team.organisation_id != conversation.organisation_id:
        raise InboxError("team_elsewhere", _("That team belongs to another organisation."))
    before = {"assignee": conversation.assignee_id, "team": conversation.team_id}
    conversation.assignee, conversation.team = officer, team
    conversation.save(update_fields=["assignee", "team", "updated_at"])
    record(user, "inbox.assign", conversation, before=before, after={
        "assignee": officer.pk if officer else None,
        "assignee_name": officer.get_username() if officer else "",
        "team": team.pk if team else None, "team_name": team.name if team else ""})
    return conversation


@transaction.atomic
def set_status(user, conversation: Conversation, status: str) -> Conversation:
    """Open, pending or resolved (snoozing has its own service). Resolving stamps
    resolved_at; any other status clears it and any snooze."""
    if status not in SETTABLE:
        raise InboxError("bad_status", _("Choose open, pending or resolved."))
    conversation = _locked(conversation)
    _require_worker(user, conversation)
    before = {"status": conversation.status, "resolved_at": conversation.resolved_at,
              "snoozed_until": conversation.snoozed_until}
    if conversation.status == status:
        raise InboxError("already_done", _("The conversation already has this status."))
    conversation.status = status
    conversation.resolved_at = timezone.now() if status == ConversationStatus.RESOLVED else None
    conversation.snoozed_until = None
    conversation.save(update_fields=["status", "resolved_at", "snoozed_until", "updated_at"])
    record(user, "inbox.status", conversation, before=before, after={
        "status": status, "resolved_at": conversation.resolved_at})
    return conversation


@transaction.atomic
def snooze(user, conversation: Conversation, until: dt.datetime) -> Conversation:
    """Out of the queue until `until`; then open again (wake_snoozed)."""
    now = timezone.now()
    if until is None or until <= now:
        raise InboxError("snooze_past", _("Choose a time in the future."))
    if until > now + MAX_SNOOZE:
        raise InboxError("snooze_too_long", _("Snooze for at most %(days)d days.")
                         % {"days": MAX_SNOOZE.days})
    conversation = _locked(conversation)
    _require_worker(user, conversation)
    if conversation.status == ConversationStatus.RESOLVED:
        raise InboxError("resolved", _("A resolved conversation cannot be snoozed. Open it "
                                       "again first."))
    before = {"status": conversation.status, "snoozed_until": conversation.snoozed_until}
    conversation.status, conversation.snoozed_until = ConversationStatus.SNOOZED, until
    conversation.save(update_fields=["status", "snoozed_until", "updated_at"])
    record(user, "inbox.snooze", conversation, before=before,
           after={"status": conversation.status, "snoozed_until": until})
    return conversation


def wake_snoozed(organisation_ids=None, *, now: dt.datetime | None = None) -> int:
    """Open again the snoozed conversations whose time is past (of these organisations,
    or all); one audit entry each, by the system. Returns how many woke. Cheap when none
    is due: one indexed read on status."""
    now = now or timezone.now()
    due = Conversation.objects.filter(status=ConversationStatus.SNOOZED, snoozed_until__lte=now)
    if organisation_ids is not None:
        due = due.filter(organisation_id__in=organisation_ids)
    if not due.exists():
        return 0
    woken = 0
    with transaction.atomic():
        for conversation in (due.select_for_update(of=("self",)).order_by("snoozed_until")
                             [:WAKE_BATCH]):
            until = conversation.snoozed_until
            conversation.status, conversation.snoozed_until = ConversationStatus.OPEN, None
            conversation.save(update_fields=["status", "snoozed_until", "updated_at"])
            record(None, "inbox.snooze_ended", conversation,
                   before={"status": ConversationStatus.SNOOZED, "snoozed_until": until},
                   after={"status": ConversationStatus.OPEN})
            woken += 1
    return woken
