"""Every write for complaint records, FAQ answers drafted from suggestions, and exports
that include personal data: permission checked here, one transaction, one audit entry
(never with the citizen's personal data in it)."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rasmi.audit.services import record as audit
from rasmi.errors import UserError
from rasmi.inbox import access, privacy, sispaa
from rasmi.inbox.models import CannedReply, ComplaintRecord, Conversation


class ComplaintError(UserError):
    """A complaint rule said no (no permission, a field missing, already closed...)."""


def _require_handler(user, organisation) -> None:
    if not access.can_handle_citizen_data(user, organisation):
        raise ComplaintError("forbidden", _("You do not have permission to do this."),
                             status=403)


@dataclass
class RecordInput:
    complaint_type: str
    subject: str
    details: str
    action_requested: str = ""
    consent: bool = False
    complainant_name: str = ""
    complainant_contact: str = ""


def _reference_prefix(organisation, year: int) -> str:
    code = organisation.code.upper().replace("_", "-")[:20]
    return f"{code}-ADUAN-{year}-"


def _next_reference(organisation, year: int) -> str:
    prefix = _reference_prefix(organisation, year)
    last = (ComplaintRecord.objects.filter(reference__startswith=prefix)
            .order_by("-reference").values_list("reference", flat=True).first())
    number = int(last[len(prefix):]) + 1 if last and last[len(prefix):].isdigit() else 1
    return f"{prefix}{number:05d}"


def _clean(data: RecordInput, names: list[str]) -> dict:
    if data.complaint_type not in sispaa.TYPE_CODES:
        raise ComplaintError("bad_type", _("Choose a complaint type."))
    subject, details = data.subject.strip(), data.details.strip()
    if not subject or not details:
        raise ComplaintError("missing", _("Give the subject and the details."))
    fields = {
        "complaint_type": data.complaint_type,
        # Minimised whatever the officer typed: identifiers and names become markers.
        "subject": privacy.redact(subject, names)[:200],
        "details": privacy.redact(details, names)[:20000],
        "action_requested": privacy.redact(data.action_requested.strip(), names)[:5000],
        "consent": bool(data.consent),
        "complainant_name": "", "complainant_contact": "",
    }
    if data.consent:
        name = data.complainant_name.strip()
        if not name:
            raise ComplaintError("missing_name", _(
                "Give the complainant's name, or untick the consent box to file the "
                "complaint anonymously."))
        fields["complainant_name"] = name[:200]
        fields["complainant_contact"] = data.complainant_contact.strip()[:200]
    return fields


def create_record(user, conversation: Conversation, data: RecordInput) -> ComplaintRecord:
    organisation = conversation.organisation
    _require_handler(user, organisation)
    fields = _clean(data, sispaa.people_names(conversation))
    created = timezone.localtime()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                if conversation.complaint_records.filter(closed_at__isnull=True).exists():
                    raise ComplaintError("already_open", _(
                        "This conversation already has an open complaint record."))
                record = ComplaintRecord.objects.create(
                    conversation=conversation, created_by=user,
                    reference=_next_reference(organisation, created.year),
                    due_on=sispaa.due_on(organisation, created.date()), **fields)
                audit(user, "inbox.complaint_record_created", record, after={
                    "reference": record.reference, "conversation": conversation.pk,
                    "complaint_type": record.complaint_type, "consent": record.consent,
                    "due_on": record.due_on})
                return record
        except IntegrityError:
            continue  # another officer took the same number at the same moment
    raise ComplaintError("busy", _("Could not number the record; try again."), status=409)


@transaction.atomic
def close_record(user, record: ComplaintRecord) -> ComplaintRecord:
    record = (ComplaintRecord.objects.select_for_update()
              .select_related("conversation__organisation").get(pk=record.pk))
    _require_handler(user, record.conversation.organisation)
    if record.closed_at:
        raise ComplaintError("already_closed", _("This complaint record is already closed."))
    record.closed_at = timezone.now()
    record.save(update_fields=["closed_at"])
    status = sispaa.charter_status(record)
    audit(user, "inbox.complaint_record_closed", record, after={
        "reference": record.reference, "within_charter": status.working_days_left >= 0})
    return record


@transaction.atomic
def note_export(user, organisation, *, what: str, fmt: str, count: int,
                personal: bool) -> None:
    """Every export is checked and recorded; one with personal data is an explicit choice
    that only officers who handle complaints may make."""
    allowed = (access.can_handle_citizen_data(user, organisation) if personal
               else access.can_see_citizen_data(user, organisation))
    if not allowed:
        raise ComplaintError("forbidden", _("You do not have permission to do this."),
                             status=403)
    audit(user, "inbox.complaints_exported", organisation, after={
        "what": what, "format": fmt, "records": count, "personal_data": personal})


@transaction.atomic
def draft_faq_answer(user, organisation, *, title: str, text_ms: str, text_en: str = "",
                     topic: str = "") -> CannedReply:
    """A recurring question answered once, as a canned reply officers reuse."""
    _require_handler(user, organisation)
    title, text_ms = title.strip()[:120], text_ms.strip()
    if not title or not text_ms:
        raise ComplaintError("missing", _("Give a title and the answer in Bahasa Melayu."))
    if CannedReply.objects.filter(organisation=organisation, title=title).exists():
        raise ComplaintError("duplicate_title", _(
            "A canned reply with this title already exists; choose another title."))
    reply = CannedReply.objects.create(
        organisation=organisation, title=title, text_ms=text_ms,
        text_en=text_en.strip(), intent="question", topic=topic[:40])
    audit(user, "inbox.canned_reply_drafted_from_faq", reply, after={
        "title": reply.title, "topic": reply.topic})
    return reply
