"""Canned replies: reviewed answers in BM and English with placeholders filled for the
conversation at hand.

Placeholders are {name}, {agency}, {account}, {reference} and {officer}. Filling is one
pass of a pattern (not str.format): a citizen's display name that itself contains
"{agency}" stays as written, and no attribute or index lookup can be smuggled in.
Anything else in braces is refused when the canned reply is saved, so a typo ({nama})
never reaches the public.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rasmi.errors import UserError
from rasmi.people import permissions

PLACEHOLDERS = ("name", "agency", "account", "reference", "officer")
_BRACED = re.compile(r"\{([^{}]*)\}")

# Reply text, in the reply's own language (not the officer's interface language).
POLITE_NAME = {"ms": "Tuan/Puan", "en": "Sir/Madam"}
DUTY_OFFICER = {"ms": "Pegawai bertugas", "en": "Duty officer"}


class CannedReplyError(UserError):
    """A canned reply that cannot be saved or used as it is."""


def unknown_placeholders(text: str) -> list[str]:
    """Braced words that are not placeholders, in order of first appearance."""
    seen: list[str] = []
    for match in _BRACED.finditer(text or ""):
        if match.group(1) not in PLACEHOLDERS and match.group(0) not in seen:
            seen.append(match.group(0))
    return seen


def _unknown_message(unknown: list[str]) -> str:
    return _("Unknown placeholders: %(unknown)s. Use only %(known)s.") % {
        "unknown": ", ".join(unknown),
        "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)}


def validate_canned(text_ms: str, text_en: str = "") -> None:
    """For the service that saves a canned reply: raises CannedReplyError naming every
    unknown placeholder."""
    unknown = unknown_placeholders(text_ms) + [
        u for u in unknown_placeholders(text_en) if u not in unknown_placeholders(text_ms)]
    if unknown:
        raise CannedReplyError("unknown_placeholder", _unknown_message(unknown),
                               details={"unknown": unknown, "known": list(PLACEHOLDERS)})


def placeholder_validator(value: str) -> None:
    """The same rule as a form field validator (CannedReply model forms)."""
    if unknown := unknown_placeholders(value):
        raise ValidationError(_unknown_message(unknown), code="unknown_placeholder")



def conversation_reference(conversation) -> str:
    """The complaint record's reference once there is one, else the conversation's own."""
    record = conversation.complaint_records.order_by("-created_at").first()
    if record is not None:
        return record.reference
    return f"{conversation.organisation.code.upper()}-{conversation.pk}"


def _display_name(user) -> str:
    return (user.get_full_name() or user.get_username()).strip()


def placeholder_values(conversation, language: str, officer=None) -> dict[str, str]:
    organisation, account = conversation.organisation, conversation.account
    contact = conversation.contact
    officer = officer or conversation.assignee
    return {
        "name": (contact.name.strip() if contact and contact.name.strip()
                 else POLITE_NAME[language]),
        "agency": (organisation.name_en if language == "en" and organisation.name_en
                   else organisation.name_ms),
        "account": f"@{account.handle.lstrip('@')}" if account.handle else account.account_key,
        "reference": conversation_reference(conversation),
        "officer": _display_name(officer) if officer else DUTY_OFFICER[language],
    }


def effective_language(canned, language: str) -> str:
    """The language render_canned answers in: English only when the reply has an English
    text. Pass it on to send_reply with the text."""
    return "en" if language == "en" and canned.text_en.strip() else "ms"


def fill(text: str, values: dict[str, str]) -> str:
    """Each known placeholder replaced by its value in one pass; unknown braces (a reply
    saved before validation existed) are left as written."""
    return _BRACED.sub(lambda m: values.get(m.group(1), m.group(0)), text).strip()


def render_canned(canned, conversation, language: str, officer=None) -> str:
    """The canned reply in `language` ("ms" or "en") for this conversation. A reply with no
    English text is given in BM, with BM fillers (see effective_language). `officer`
    defaults to the conversation's assignee."""
    if canned.organisation_id not in permissions.lineage_ids(conversation.organisation):
        raise CannedReplyError("canned_elsewhere",
                               _("This canned reply belongs to another organisation."),
                               status=403)
    if language not in POLITE_NAME:
        raise CannedReplyError("reply_language", _("Choose Bahasa Melayu or English."))
    language = effective_language(canned, language)
    text = canned.text_en if language == "en" else canned.text_ms
    return fill(text, placeholder_values(conversation, language, officer))
