"""Citizens' personal data is kept for the organisation's retention period
(SopSettings.message_retention_days) and then anonymised; PDPA's retention principle, which
Rasmi applies to government agencies too (LEGAL.md).

A conversation is due when it was resolved, or has been silent, for longer than the
period, and no complaint record on it is still open. Then:
- each message from the public keeps its classification (language, intent, sentiment,
  topics, urgency: the feedback counts stay true) but its text becomes a stub;
- the organisation's own replies keep their text with identifiers and names masked;
- the people in it lose their name and platform id to a pseudonym (a person who still has
  a conversation inside the period keeps theirs there, and is only unlinked from the old
  one), and a direct-message thread, keyed on the sender's id, is re-keyed the same way;
- closed complaint records on it lose the complainant's name and contact.
Raw webhook deliveries already processed lose their body after the shortest period any
organisation keeps. Running it again changes nothing (idempotent). Each organisation is
done in its own transaction with one audit entry of counts, never of content.

`rasmi inbox_retention [--dry-run]`, and the `apply_retention` task for a daily schedule.
"""

import datetime as dt
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from rasmi.audit.services import record as audit
from rasmi.inbox import privacy
from rasmi.inbox.models import (
    ComplaintRecord,
    Contact,
    Conversation,
    ConversationKind,
    ConversationStatus,
    Delivery,
    Direction,
    Message,
)
from rasmi.publishing.models import SopSettings
from rasmi.registry.models import Organisation

# Bilingual on purpose: it is data shown in either language.
STUB = "[dianonimkan · anonymised]"
BATCH = 500


@dataclass
class Counts:
    conversations: int = 0
    messages_stubbed: int = 0
    replies_redacted: int = 0
    contacts_pseudonymised: int = 0
    contacts_unlinked: int = 0
    complaint_records: int = 0

    def add(self, other: "Counts") -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)

    @property
    def changed(self) -> bool:
        return any(asdict(self).values())


@dataclass
class Report:
    organisations: dict[str, Counts]
    deliveries_cleared: int
    dry_run: bool

    @property
    def total(self) -> Counts:
        total = Counts()
        for counts in self.organisations.values():
            total.add(counts)
        return total


def retention_days(organisation) -> int:
    sop = SopSettings.objects.filter(organisation=organisation).first()
    return sop.message_retention_days if sop else _default_days()


def _default_days() -> int:
    return SopSettings._meta.get_field("message_retention_days").default


def due_conversations(organisation, now: dt.datetime):
    """Conversations past the period: resolved before the cutoff, or silent since it."""
    cutoff = now - dt.timedelta(days=retention_days(organisation))
    open_record = ComplaintRecord.objects.filter(conversation=OuterRef("pk"),
                                                 closed_at__isnull=True)
    return (Conversation.objects.filter(organisation=organisation)
            .filter(Q(status=ConversationStatus.RESOLVED, resolved_at__lt=cutoff)
                    | Q(last_message_at__lt=cutoff))
            .exclude(Exists(open_record)))


def _pending(conversation_ids: list[int]) -> set[int]:
    """Those of these conversations with something left to do (a second run finds none)."""
    prefix = privacy.PSEUDONYM_PREFIX
    pending = set(Message.objects.filter(conversation_id__in=conversation_ids,
                                         direction=Direction.IN)
                  .exclude(text=STUB).values_list("conversation_id", flat=True))
    pending |= set(Conversation.objects.filter(pk__in=conversation_ids, contact__isnull=False)
                   .exclude(contact__platform_user_id__startswith=prefix)
                   .values_list("pk", flat=True))
    pending |= set(Message.objects.filter(conversation_id__in=conversation_ids,
                                          author__isnull=False)
                   .exclude(author__platform_user_id__startswith=prefix)
                   .values_list("conversation_id", flat=True))
    pending |= set(Conversation.objects.filter(pk__in=conversation_ids,
                                               kind=ConversationKind.DIRECT)
                   .exclude(thread_key__startswith=prefix).values_list("pk", flat=True))
    pending |= set(ComplaintRecord.objects.filter(conversation_id__in=conversation_ids,
                                                  closed_at__isnull=False)
                   .exclude(complainant_name="", complainant_contact="")
                   .values_list("conversation_id", flat=True))
    return pending


def _anonymise_batch(ids: list[int], dry_run: bool) -> Counts:
    counts = Counts(conversations=len(ids))
    conversations = list(Conversation.objects.filter(pk__in=ids)
                         .select_related("contact", "account"))
    contact_ids = {c.contact_id for c in conversations if c.contact_id}
    contact_ids |= set(Message.objects.filter(conversation_id__in=ids, author__isnull=False)
                       .values_list("author_id", flat=True))
    contacts = {c.pk: c for c in Contact.objects.filter(pk__in=contact_ids)
                .exclude(platform_user_id__startswith=privacy.PSEUDONYM_PREFIX)}
    names = [c.name for c in contacts.values()]

    inbound = Message.objects.filter(conversation_id__in=ids, direction=Direction.IN) \
        .exclude(text=STUB)
    counts.messages_stubbed = inbound.count()
    replies = [m for m in Message.objects.filter(conversation_id__in=ids, direction=Direction.OUT)
               .only("pk", "text") if privacy.redact(m.text, names) != m.text]
    counts.replies_redacted = len(replies)

    # A person still talking to the organisation inside the period keeps their contact
    # there; the old conversations are only unlinked from it.
    still_active = set(Conversation.objects.filter(contact_id__in=list(contacts))
                       .exclude(pk__in=ids).values_list("contact_id", flat=True))
    still_active |= set(Message.objects.filter(author_id__in=list(contacts))
                        .exclude(conversation_id__in=ids).values_list("author_id", flat=True))
    to_pseudonymise = [c for pk, c in contacts.items() if pk not in still_active]
    to_unlink = [pk for pk in contacts if pk in still_active]
    counts.contacts_pseudonymised = len(to_pseudonymise)
    counts.contacts_unlinked = len(to_unlink)

    # Direct messages are threaded on the sender's platform id: that goes too.
    direct = [c for c in conversations if c.kind == ConversationKind.DIRECT
              and not privacy.is_pseudonym(c.thread_key)]
    records = ComplaintRecord.objects.filter(conversation_id__in=ids, closed_at__isnull=False) \
        .exclude(complainant_name="", complainant_contact="")
    counts.complaint_records = records.count()
    if dry_run:
        return counts

    inbound.update(text=STUB)
    for message in replies:
        message.text = privacy.redact(message.text, names)
    Message.objects.bulk_update(replies, ["text"], batch_size=BATCH)
    key = settings.SECRET_KEY
    for contact in to_pseudonymise:
        contact.platform_user_id = privacy.pseudonym(key, contact.platform,
                                                     contact.platform_user_id)
        contact.name = contact.platform_user_id
    Contact.objects.bulk_update(to_pseudonymise, ["platform_user_id", "name"],
                                batch_size=BATCH)
    if to_unlink:
        Conversation.objects.filter(pk__in=ids, contact_id__in=to_unlink).update(contact=None)
        Message.objects.filter(conversation_id__in=ids, author_id__in=to_unlink) \
            .update(author=None)
    for thread in direct:
        thread.thread_key = privacy.pseudonym(key, thread.account.platform, thread.thread_key)
    Conversation.objects.bulk_update(direct, ["thread_key"], batch_size=BATCH)
    records.update(complainant_name="", complainant_contact="")
    return counts


def anonymise_organisation(organisation, *, now: dt.datetime | None = None,
                           dry_run: bool = False, actor=None) -> Counts:
    now = now or timezone.now()
    total = Counts()
    due = list(due_conversations(organisation, now).values_list("pk", flat=True))
    with transaction.atomic():
        for first in range(0, len(due), BATCH):
            chunk = due[first:first + BATCH]
            pending = sorted(_pending(chunk))
            if pending:
                total.add(_anonymise_batch(pending, dry_run))
        if total.changed and not dry_run:
            audit(actor, "inbox.retention_applied", organisation, after={
                "retention_days": retention_days(organisation), **asdict(total)})
    return total


def clear_delivery_bodies(*, now: dt.datetime | None = None, dry_run: bool = False,
                          actor=None) -> int:
    """Processed raw deliveries older than the shortest retention period any organisation
    keeps lose their body (they may hold anyone's messages); the row and its counts stay."""
    now = now or timezone.now()
    days = min([_default_days(), *SopSettings.objects.values_list(
        "message_retention_days", flat=True)])
    old = Delivery.objects.filter(processed_at__lt=now - dt.timedelta(days=days)) \
        .exclude(body="")
    if dry_run:
        return old.count()
    with transaction.atomic():
        cleared = old.update(body="")
        if cleared:
            audit(actor, "inbox.retention_deliveries_cleared", object_type="inbox.delivery",
                  after={"deliveries": cleared, "retention_days": days})
    return cleared


def apply(*, now: dt.datetime | None = None, dry_run: bool = False, actor=None) -> Report:
    now = now or timezone.now()
    organisations = Organisation.objects.filter(
        Exists(Conversation.objects.filter(organisation=OuterRef("pk")))).order_by("code")
    report = {org.code: anonymise_organisation(org, now=now, dry_run=dry_run, actor=actor)
              for org in organisations}
    cleared = clear_delivery_bodies(now=now, dry_run=dry_run, actor=actor)
    return Report(organisations=report, deliveries_cleared=cleared, dry_run=dry_run)
