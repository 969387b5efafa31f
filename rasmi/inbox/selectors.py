"""Reading the shared inbox: the queue, the overdue list and one conversation, for the
pages in conversation_views. Every read is scoped to the user first (Scope) and bounded:
a page of rows with their account, organisation, contact, officer and team joined in,
the newest message from the public as a subquery on the page's rows only.

Who sees what (rasmi.inbox.access): an organisation's staff (a role in it or above it)
see its conversations in full. National coordinators see every organisation's queue, its
labels and timers, but not the citizens: no names, no message text, and text search
reads nothing for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Case, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils.translation import gettext_lazy as _

from rasmi.audit.models import AuditEntry
from rasmi.inbox import access, policy, sla
from rasmi.inbox.models import (
    CannedReply,
    ComplaintRecord,
    Contact,
    Conversation,
    ConversationStatus,
    Direction,
    Message,
    Team,
)
from rasmi.people import permissions
from rasmi.people.models import Membership
from rasmi.registry.models import AccountStatus, Organisation, SocialAccount

PAGE_SIZE = 25
THREAD_LIMIT = 200   # newest messages shown on a conversation page
HISTORY_LIMIT = 100  # newest audit entries shown on a conversation page
SEARCH_LENGTH = 100

ACTIVE = "active"  # open and pending: the default queue (snoozed ones are out of it)
ALL = "all"
STATUS_FILTERS = (ACTIVE, *ConversationStatus.values, ALL)
ME, TEAMS, UNASSIGNED = "me", "teams", "unassigned"
ASSIGNED_FILTERS = (ME, TEAMS, UNASSIGNED)
WORKING = [ConversationStatus.OPEN, ConversationStatus.PENDING]
UNRESOLVED = [*WORKING, ConversationStatus.SNOOZED]

HISTORY_LABELS = {
    "inbox.assign": _("Assigned"), "inbox.status": _("Status changed"),
    "inbox.snooze": _("Snoozed"), "inbox.snooze_ended": _("Snooze ended: open again"),
    "inbox.reply": _("Reply written"), "inbox.reply.retry": _("Reply queued again"),
    "inbox.reply.sent": _("Reply sent on the platform"),
    "inbox.reply.failed": _("Reply failed to send"), "inbox.hide": _("Comment hidden"),
    "inbox.unhide": _("Comment shown again"),
    "inbox.complaint_record_created": _("Complaint record created"),
    "inbox.complaint_record_closed": _("Complaint record closed"),
}


# --- who sees what ---------------------------------------------------------------------

@dataclass(frozen=True)
class Scope:
    """The organisations a user's queue covers, and those whose citizens they may see."""

    every_organisation: bool               # a national coordinator
    citizen_ids: frozenset[int] = frozenset()  # staff of these (and those beneath them)

    @property
    def empty(self) -> bool:
        return not self.every_organisation and not self.citizen_ids

    def covers(self, organisation_id: int) -> bool:
        return self.every_organisation or organisation_id in self.citizen_ids

    def sees_citizens(self, organisation_id: int) -> bool:
        return organisation_id in self.citizen_ids


def scope_for(user) -> Scope:
    citizen_ids: frozenset[int] = frozenset()
    if access.staff_organisation_ids(user):
        citizen_ids = frozenset(Organisation.objects.filter(access.organisations_q(user, ""))
                                .values_list("pk", flat=True))
    return Scope(permissions.is_coordinator(user), citizen_ids)


def organisations(scope: Scope) -> list[Organisation]:
    """The organisation filter's choices: the user's, or (coordinators) every organisation
    that has conversations."""
    if scope.every_organisation:
        rows = Organisation.objects.filter(
            pk__in=Conversation.objects.order_by().values("organisation_id").distinct())
    else:
        rows = Organisation.objects.filter(pk__in=scope.citizen_ids)
    return list(rows.order_by("name_ms"))


def accounts(scope: Scope, organisation: Organisation | None) -> list[SocialAccount]:
    """The account filter's choices: the chosen organisation's official accounts, or all
    of the user's when they are few organisations' staff (coordinators choose an
    organisation first: the national list is too long to read)."""
    rows = SocialAccount.objects.filter(status=AccountStatus.OFFICIAL)
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    elif scope.every_organisation:
        return []
    else:
        rows = rows.filter(organisation_id__in=scope.citizen_ids)
    return list(rows.order_by("platform", "handle"))


# --- the queue -------------------------------------------------------------------------

@dataclass(frozen=True)
class QueueQuery:
    organisation_id: int | None = None
    account_id: int | None = None
    status: str = ACTIVE
    intent: str = ""
    topic: str = ""
    language: str = ""
    urgent: bool = False
    assigned: str = ""
    text: str = ""


def _scoped(scope: Scope) -> QuerySet:
    rows = Conversation.objects.all()
    if scope.empty:
        return rows.none()
    # Named ids, so the indexes that begin with the organisation serve the query.
    return rows if scope.every_organisation else rows.filter(
        organisation_id__in=sorted(scope.citizen_ids))


def _status(rows: QuerySet, status: str) -> QuerySet:
    if status == ALL:
        return rows
    if status in ConversationStatus.values:
        return rows.filter(status=status)
    return rows.filter(status__in=WORKING)


def _assigned(rows: QuerySet, user, assigned: str) -> QuerySet:
    if assigned == ME:
        return rows.filter(assignee=user)
    if assigned == TEAMS:
        return rows.filter(team_id__in=Team.objects.filter(members=user).values("pk"))
    if assigned == UNASSIGNED:
        return rows.filter(assignee__isnull=True, team__isnull=True)
    return rows


def _search(rows: QuerySet, scope: Scope, text: str) -> QuerySet:
    """Contact names and message text, in the conversations whose citizens the user may
    see; nothing else (a coordinator's search must not probe what they cannot read)."""
    text = " ".join(text.split())[:SEARCH_LENGTH]
    if not text:
        return rows
    if not scope.citizen_ids:
        return rows.none()
    # Each table read once for the words (not once per conversation): the matching
    # messages' conversations and the matching contacts, as subqueries.
    said = Message.objects.filter(text__icontains=text).values("conversation_id")
    named = Contact.objects.filter(name__icontains=text).values("pk")
    return rows.filter(organisation_id__in=sorted(scope.citizen_ids)).filter(
        Q(pk__in=said) | Q(contact_id__in=named))


def overdue_q(now: dt.datetime) -> Q:
    """Past a deadline: a reply owed past first_response_due (open or pending), or an
    unresolved conversation past resolution_due."""
    return (Q(first_response_due__lt=now, status__in=WORKING)
            | Q(resolution_due__lt=now, status__in=UNRESOLVED))


def _newest_from_public() -> Subquery:
    return Subquery(Message.objects.filter(conversation=OuterRef("pk"), direction=Direction.IN)
                    .order_by("-sent_at", "-pk").values("text")[:1])


def _joined(rows: QuerySet) -> QuerySet:
    return (rows.select_related("account", "organisation", "contact", "assignee", "team")
            .annotate(snippet=_newest_from_public()))


def queue(user, scope: Scope, query: QueueQuery, now: dt.datetime) -> QuerySet:
    """The queue, ordered as officers work it: urgent first, then overdue, then by the
    nearest reply deadline, the longest wait, the resolution deadline, the newest. Read
    it a page at a time with page_of."""
    rows = _status(_scoped(scope), query.status)
    if query.organisation_id:
        rows = rows.filter(organisation_id=query.organisation_id)
    if query.account_id:
        rows = rows.filter(account_id=query.account_id)
    if query.intent:
        rows = rows.filter(intent=query.intent)
    if query.language:
        rows = rows.filter(language=query.language)
    if query.topic:
        # The topics list as JSON text, matched with its quotes: the same on SQLite and
        # PostgreSQL (`contains` on a JSON list is PostgreSQL only); a slug never holds one.
        rows = rows.filter(topics__icontains=f'"{query.topic}"')
    if query.urgent:
        rows = rows.filter(urgent=True)
    rows = _search(_assigned(rows, user, query.assigned), scope, query.text)
    late = Case(When(overdue_q(now), then=Value(0)), default=Value(1))
    return rows.order_by(
        F("urgent").desc(), late, F("first_response_due").asc(nulls_last=True),
        F("awaiting_since").asc(nulls_last=True), F("resolution_due").asc(nulls_last=True),
        F("last_message_at").desc(), F("pk").desc())


def overdue(scope: Scope, now: dt.datetime, organisation_id: int | None = None) -> QuerySet:
    """Conversations past a deadline, the latest first (by the deadline missed first)."""
    rows = _scoped(scope).filter(overdue_q(now))
    if organisation_id:
        rows = rows.filter(organisation_id=organisation_id)
    reply_late = Q(first_response_due__lt=now, status__in=WORKING)
    missed = Case(
        When(reply_late & (Q(resolution_due__isnull=True)
                           | Q(first_response_due__lte=F("resolution_due"))),
             then=F("first_response_due")),
        default=F("resolution_due"))
    return rows.order_by(missed.asc(), F("pk"))


def page_of(rows: QuerySet, number) -> Page:
    """One page of an ordered queue, its rows joined and with their newest message.

    The order is found on the conversations' own columns alone, then only the page's rows
    are joined and given their message: sorting 100,000 bare rows is cheap, joining and
    subquerying each of them before the sort (which one query would do) is not."""
    page = Paginator(rows.values_list("pk", flat=True), PAGE_SIZE).get_page(number)
    ids = list(page.object_list)
    found = {c.pk: c for c in _joined(Conversation.objects.filter(pk__in=ids))}
    page.object_list = [found[pk] for pk in ids if pk in found]
    return page


@dataclass
class Row:
    """One conversation as a queue row: what the user may see of it, and its timers."""

    conversation: Conversation
    sees_citizens: bool
    snippet: str
    timer: sla.Timer
    reply: sla.Timer
    resolution: sla.Timer

    @property
    def contact_name(self) -> str:
        contact = self.conversation.contact
        return (contact.name or contact.platform_user_id) if contact else ""


def queue_rows(conversations, scope: Scope, now: dt.datetime) -> list[Row]:
    made = []
    for conversation in conversations:
        sees = scope.sees_citizens(conversation.organisation_id)
        made.append(Row(conversation, sees,
                        (getattr(conversation, "snippet", "") or "") if sees else "",
                        sla.pressing(conversation, now),
                        sla.first_response(conversation, now),
                        sla.resolution(conversation, now)))
    return made


# --- one conversation ------------------------------------------------------------------

def conversation_for(scope: Scope, pk: int) -> Conversation | None:
    """The conversation if the user's scope covers it (else None: the page is a 404)."""
    found = (Conversation.objects.select_related(
        "account", "organisation__parent__parent", "contact", "assignee", "team")
        .filter(pk=pk).first())
    return found if found is not None and scope.covers(found.organisation_id) else None


def thread(conversation: Conversation) -> tuple[list[Message], bool]:
    """The newest THREAD_LIMIT messages, oldest first, and whether older ones were left
    out."""
    newest = list(conversation.messages.select_related("author", "sent_by")
                  .order_by("-sent_at", "-pk")[:THREAD_LIMIT + 1])
    return list(reversed(newest[:THREAD_LIMIT])), len(newest) > THREAD_LIMIT


@dataclass
class HistoryEntry:
    at: dt.datetime
    actor: str
    label: str
    details: dict = field(default_factory=dict)


def history(conversation: Conversation, messages: list[Message]) -> list[HistoryEntry]:
    """Audit entries about the conversation, its messages shown and its complaint records,
    newest last."""
    records = [str(pk) for pk in ComplaintRecord.objects.filter(conversation=conversation)
               .values_list("pk", flat=True)]
    about = (Q(object_type="inbox.conversation", object_id=str(conversation.pk))
             | Q(object_type="inbox.message", object_id__in=[str(m.pk) for m in messages]))
    if records:
        about |= Q(object_type="inbox.complaintrecord", object_id__in=records)
    entries = list(AuditEntry.objects.filter(about).order_by("-id")[:HISTORY_LIMIT])
    return [HistoryEntry(e.at, e.actor_label, str(HISTORY_LABELS.get(e.action, e.action)),
                         _details(e)) for e in reversed(entries)]


def _details(entry: AuditEntry) -> dict:
    """What a history line says beyond its label: a status, a team, a time, a reason."""
    after = entry.after or {}
    keep = ("status", "assignee_name", "team_name", "snoozed_until", "reason", "language",
            "justification")
    return {key: after[key] for key in keep if after.get(key)}


def lineage_ids(organisation: Organisation) -> list[int]:
    """The organisation and those above it (joined in by `conversation`: no queries)."""
    ids, current = [], organisation
    while current is not None and current.pk not in ids:
        ids.append(current.pk)
        current = current.parent
    return ids


def officers(organisation: Organisation) -> list:
    """Who the conversation may be assigned to: active users with a working role in the
    organisation or above it."""
    return list(get_user_model().objects.filter(
        is_active=True, pk__in=Membership.objects.filter(
            organisation_id__in=lineage_ids(organisation),
            role__in=policy.REPLY_ROLES).values("user_id"))
        .order_by("username"))


def teams(organisation: Organisation) -> list[Team]:
    return list(Team.objects.filter(organisation=organisation).order_by("name"))


def canned_replies(organisation: Organisation) -> list[CannedReply]:
    """The organisation's canned replies and those of the organisations above it."""
    return list(CannedReply.objects.filter(organisation_id__in=lineage_ids(organisation))
                .order_by("title"))
