"""A complaint as a formal public complaint record, in the shape of the Public Complaints
Bureau's SISPAA form (Biro Pengaduan Awam): complaint type, subject, details, agency,
action requested, attachments, and the complainant only when they agreed. Tracked against
the client charter: normal complaints resolved within 15 working days (the organisation's
SOP may set another number). See LEGAL.md, "Public complaints and fact-checking".

This module prefills a record from a conversation and turns a record into its JSON, CSV
and printable HTML forms; the writes are in complaint_services.py.
"""

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from rasmi.inbox import privacy, working_days
from rasmi.inbox.models import ComplaintRecord, Conversation, Direction
from rasmi.publishing import policy

FORMAT = "rasmi.sispaa/1"

# SISPAA's complaint types (pcb.gov.my), in its order.
COMPLAINT_TYPES = [
    ("delay", _("Delay or no action")),
    ("unfair_action", _("Unfair action")),
    ("lack_of_amenities", _("Lack of public amenities")),
    ("weak_enforcement", _("Weak enforcement of policy or law")),
    ("abuse_of_power", _("Abuse of power or misconduct")),
    ("procedure_not_followed", _("Procedures not followed")),
    ("poor_service", _("Poor service")),
    ("other", _("Other")),
]
TYPE_CODES = [code for code, _label in COMPLAINT_TYPES]
DEFAULT_ACTION = _("Investigate the complaint, take the necessary action and tell the "
                   "complainant the outcome.")
SUBJECT_LENGTH = 120
MAX_MESSAGES = 50  # the newest messages from the public go into the details

# What each kind of complaint says, in Malay (with its short forms) and English.
_TYPE_WORDS = [
    ("abuse_of_power", r"rasuah|duit kopi|suap|bribe|corrupt\w*|salah guna kuasa|"
                       r"abuse of power|misconduct|salah laku|ugut\w*"),
    ("unfair_action", r"(?:tak|x|tidak|tdk) adil|unfair|berat sebelah|diskriminasi|"
                      r"discriminat\w*|pilih kasih"),
    ("procedure_not_followed", r"prosedur|procedure|(?:tak|x|tidak) ikut sop|langgar sop"),
    ("weak_enforcement", r"penguatkuasa\w*|enforcement|dibiarkan|biar je|haram|illegal|"
                         r"(?:tak|x|tidak|tiada) (?:ambil )?tindakan terhadap"),
    ("lack_of_amenities", r"jalan berlubang|lubang|pothole|lampu jalan|street ?light|"
                          r"longkang|drain|tandas|toilet|bekalan air|air (?:tak|x|tiada) ada|"
                          r"air putus|paip|blackout|bekalan elektrik|sampah|rubbish|"
                          r"taman permainan|playground|jejantas|perhentian bas"),
    ("poor_service", r"kasar|biadap|biadab|rude|sombong|layanan|(?:tak|x) layan|"
                     r"(?:tak|x) angkat|(?:tak|x) jawab|no answer|no reply|down|rosak|error|"
                     r"gagal|failed|teruk"),
    ("delay", r"lambat|lewat|delay\w*|tunggu|waiting|belum|masih|still|bila nak|"
              r"berbulan|berminggu|dah \d+ (?:hari|minggu|bulan)|no action|"
              r"(?:tiada|tak ada|takde|xde) tindakan"),
]
_TYPE_PATTERNS = [(code, re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE))
                  for code, words in _TYPE_WORDS]
# When the words say nothing: what complaints on a topic usually are.
_TOPIC_TYPES = {
    "road": "lack_of_amenities", "water": "lack_of_amenities",
    "electricity": "lack_of_amenities", "housing": "lack_of_amenities",
    "transport": "lack_of_amenities", "environment": "lack_of_amenities",
    "online_system": "poor_service", "counter": "poor_service", "appointment": "poor_service",
    "licence": "delay", "renewal": "delay", "passport": "delay", "aid": "delay",
    "welfare": "delay",
    "scam": "weak_enforcement", "fake_news": "weak_enforcement", "police": "weak_enforcement",
}


def type_label(code: str, language: str | None = None) -> str:
    label = dict(COMPLAINT_TYPES).get(code, code)
    if language is None:
        return str(label)
    with translation.override(language):
        return str(label)


# Named on any mention: a bribe in a complaint about a delay makes it misconduct.
_DECISIVE = ("abuse_of_power", "unfair_action", "procedure_not_followed")


def guess_type(text: str, topics: list[str]) -> str:
    """The decisive kinds on any mention; otherwise the kind the text speaks of most
    (ties in SISPAA's order); otherwise what complaints on the topic usually are."""
    counts = {code: len(pattern.findall(text)) for code, pattern in _TYPE_PATTERNS}
    for code in _DECISIVE:
        if counts[code]:
            return code
    best = max(counts, key=lambda code: (counts[code], -TYPE_CODES.index(code)))
    if counts[best]:
        return best
    for topic in topics:
        if topic in _TOPIC_TYPES:
            return _TOPIC_TYPES[topic]
    return "other"


def calendar_for_organisation(organisation) -> working_days.Calendar:
    """The organisation's state calendar when the register records a state; the federal
    one otherwise (the register has no state field yet)."""
    return working_days.calendar_for(getattr(organisation, "state", "") or "")


def due_on(organisation, created: dt.date) -> dt.date:
    days = policy.sop_for(organisation).resolution_working_days
    return working_days.add_working_days(created, days, calendar_for_organisation(organisation))


# --- prefill -----------------------------------------------------------------------------

@dataclass
class Draft:
    complaint_type: str
    subject: str
    details: str
    action_requested: str
    suggested_name: str  # the platform's display name: used only with consent


def people_names(conversation: Conversation) -> list[str]:
    """Display names of everyone from the public in the conversation (to mask them)."""
    names = {conversation.contact.name} if conversation.contact else set()
    names.update(conversation.messages.filter(author__isnull=False)
                 .values_list("author__name", flat=True))
    return sorted(n for n in names if n)


def _public_messages(conversation: Conversation) -> list:
    newest = (conversation.messages.filter(direction=Direction.IN, deleted=False)
              .exclude(text="").order_by("-sent_at", "-pk")[:MAX_MESSAGES])
    return list(reversed(newest))


def _subject(text: str) -> str:
    first = re.split(r"(?<=[.!?])\s|\n", text.strip(), maxsplit=1)[0]
    first = " ".join(first.split())
    if len(first) > SUBJECT_LENGTH:
        first = first[:SUBJECT_LENGTH - 1].rstrip() + "…"
    return first


def draft_from_conversation(conversation: Conversation) -> Draft:
    """What the officer starts from: the citizen's own words with personal data masked."""
    names = people_names(conversation)
    messages = _public_messages(conversation)
    lines = [f"[{timezone.localtime(m.sent_at):%Y-%m-%d %H:%M}] {privacy.redact(m.text, names)}"
             for m in messages]
    first_text = privacy.redact(messages[0].text, names) if messages else ""
    all_text = " ".join(m.text for m in messages)
    topics = list(conversation.topics or []) + [t for m in messages for t in (m.topics or [])]
    return Draft(
        complaint_type=guess_type(all_text, topics),
        subject=_subject(first_text),
        details="\n".join(lines),
        action_requested=str(DEFAULT_ACTION),
        suggested_name=conversation.contact.name if conversation.contact else "",
    )


# --- the charter clock -------------------------------------------------------------------

CHARTER_LABELS = {"open": _("Open"), "due_soon": _("Due soon"), "overdue": _("Overdue"),
                  "closed": _("Closed")}


@dataclass(frozen=True)
class CharterStatus:
    state: str  # open, due_soon, overdue, closed
    working_days_left: int  # negative once overdue (or, closed, closed that late)

    @property
    def label(self) -> str:
        return str(CHARTER_LABELS[self.state])

    @property
    def working_days_late(self) -> int:
        return max(0, -self.working_days_left)


DUE_SOON = 3  # working days


def charter_status(record: ComplaintRecord, today: dt.date | None = None) -> CharterStatus:
    organisation = record.conversation.organisation
    calendar = calendar_for_organisation(organisation)
    if record.closed_at:
        end = timezone.localtime(record.closed_at).date()
        return CharterStatus("closed", working_days.working_days_between(end, record.due_on,
                                                                         calendar))
    today = today or timezone.localdate()
    left = working_days.working_days_between(today, record.due_on, calendar)
    if today > record.due_on:
        return CharterStatus("overdue", left)
    return CharterStatus("due_soon" if left <= DUE_SOON else "open", left)


# --- exports -----------------------------------------------------------------------------

def _iso(value) -> str | None:
    return value.isoformat() if value else None


def document(record: ComplaintRecord, *, personal: bool = False,
             today: dt.date | None = None) -> dict:
    """The record in SISPAA's shape. Text is redacted again on the way out (whatever an
    officer typed); the complainant's name and contact appear only when they consented
    AND the export asked for personal data (an audited choice)."""
    conversation = record.conversation
    organisation = conversation.organisation
    account = conversation.account
    status = charter_status(record, today)
    names = people_names(conversation)
    complainant = {"anonymous": not record.consent, "consent": record.consent}
    if record.consent and personal:
        complainant |= {"name": record.complainant_name,
                        "contact": record.complainant_contact}
    elif record.consent:
        complainant["withheld"] = True  # agreed, but this export leaves personal data out
    return {
        "format": FORMAT,
        "reference": record.reference,
        "complaint_type": {"code": record.complaint_type,
                           "label_ms": type_label(record.complaint_type, "ms"),
                           "label_en": type_label(record.complaint_type, "en")},
        "subject": privacy.redact(record.subject, names),
        "details": privacy.redact(record.details, names),
        "agency": {"code": organisation.code, "name_ms": organisation.name_ms,
                   "name_en": organisation.name_en},
        "action_requested": privacy.redact(record.action_requested, names),
        "attachments": [],  # the inbox keeps no files; the channel says where it was said
        "complainant": complainant,
        "channel": {"platform": account.platform, "account": account.handle,
                    "account_url": account.canonical_url, "kind": conversation.kind,
                    "post_id": conversation.post_id},
        "created_at": _iso(record.created_at),
        "due_on": _iso(record.due_on),
        "closed_at": _iso(record.closed_at),
        "client_charter": {"state": status.state,
                           "working_days_left": status.working_days_left},
        "personal_data": "included" if personal and record.consent else "redacted",
    }


CSV_COLUMNS = ["reference", "complaint_type", "complaint_type_label", "subject", "details",
               "agency", "action_requested", "attachments", "complainant_consent",
               "complainant_name", "complainant_contact", "platform", "account",
               "created_at", "due_on", "closed_at", "charter_state", "working_days_left"]


def csv_row(doc: dict, language: str = "ms") -> dict:
    complainant = doc["complainant"]
    return {
        "reference": doc["reference"],
        "complaint_type": doc["complaint_type"]["code"],
        "complaint_type_label": doc["complaint_type"][f"label_{language}"],
        "subject": doc["subject"], "details": doc["details"],
        "agency": doc["agency"][f"name_{language}"],
        "action_requested": doc["action_requested"],
        "attachments": len(doc["attachments"]),
        "complainant_consent": "yes" if complainant["consent"] else "no",
        "complainant_name": complainant.get("name", ""),
        "complainant_contact": complainant.get("contact", ""),
        "platform": doc["channel"]["platform"], "account": doc["channel"]["account"],
        "created_at": doc["created_at"], "due_on": doc["due_on"],
        "closed_at": doc["closed_at"] or "",
        "charter_state": doc["client_charter"]["state"],
        "working_days_left": doc["client_charter"]["working_days_left"],
    }


def _safe_cell(value):
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(docs: list[dict], language: str = "ms") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for doc in docs:
        writer.writerow({k: _safe_cell(v) for k, v in csv_row(doc, language).items()})
    return out.getvalue()


def render_html(doc: dict, language: str, request=None) -> str:
    """The printable page in one language (BM or EN); the PDF is this page printed."""
    with translation.override(language):
        return render_to_string("inbox/complaints/record_print.html", {
            "doc": doc, "language": language,
            "type_label": type_label(doc["complaint_type"]["code"]),
            "generated_at": timezone.localtime()}, request=request)
