"""Answering "is this account official?" from an in-memory index of the register.

Each worker process holds the whole public register as one dict from canonical key to a
ready answer, so a lookup is a parse plus a dict hit. The index is rebuilt when the
register version in the database moves; a worker checks that version at most once every
VERIFY_INDEX_TTL seconds, and its own writes invalidate it at once.
"""

import threading
import time
from dataclasses import dataclass

from django.conf import settings

from rasmi.core import links
from rasmi.core.platforms import PLATFORM_CODES, PLATFORMS
from rasmi.registry import messages
from rasmi.registry.models import AccountAlias, AccountStatus, RegisterVersion, SocialAccount

STATES = ("official", "archived", "moved", "unofficial", "impersonation", "parody",
          "not_registered", "unknown_platform", "invalid")
# When a bare handle matches on several platforms, the most useful answer first.
_STATE_PRIORITY = {state: rank for rank, state in enumerate(
    ("impersonation", "official", "moved", "archived", "unofficial", "parody"))}


@dataclass(frozen=True, slots=True)
class Entry:
    state: str
    platform: str
    handle: str
    canonical_url: str
    organisation: dict
    official_since: str | None
    last_reviewed: str | None
    current_url: str | None
    reason: str | None


class VerifyIndex:
    def __init__(self, entries: dict[str, Entry], version: int, has_demo: bool = False):
        self.entries = entries
        self.version = version
        self.has_demo = has_demo

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, text: str, platform: str | None = None) -> dict:
        """The public answer for whatever a person pasted."""
        text = text if isinstance(text, str) else ""
        parsed = links.parse_account(text, platform)
        if isinstance(parsed, links.LinkError):
            if parsed.code == "handle_needs_platform":
                return self._lookup_bare_handle(text, parsed)
            return _error_answer(text, parsed)
        entry = self.entries.get(parsed.key)
        if entry is None:
            return _not_registered(text, parsed)
        return _entry_answer(text, parsed, entry)

    def _lookup_bare_handle(self, text: str, error: links.LinkError) -> dict:
        found = []
        for code in PLATFORM_CODES:
            ref = links.parse_handle(text, code)
            if isinstance(ref, links.AccountRef) and ref.key in self.entries:
                found.append((ref, self.entries[ref.key]))
        if not found:
            return _error_answer(text, error)
        ref, entry = min(found, key=lambda pair: _STATE_PRIORITY.get(pair[1].state, 99))
        return _entry_answer(text, ref, entry)


def _date(value) -> str | None:
    return value.isoformat() if value else None


def current_version() -> int:
    return RegisterVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0


def build_index() -> VerifyIndex:
    version = current_version()
    entries: dict[str, Entry] = {}
    orgs: dict[int, dict] = {}
    has_demo = False
    by_id: dict[int, Entry] = {}
    rows = (SocialAccount.objects.exclude(status=AccountStatus.PENDING)
            .select_related("organisation")
            .only("id", "status", "platform", "handle", "canonical_url", "account_key",
                  "platform_id", "official_since", "last_reviewed", "is_demo",
                  "organisation__code", "organisation__name_ms", "organisation__name_en"))
    for account in rows.iterator(chunk_size=5000):
        org = orgs.get(account.organisation_id)
        if org is None:
            org = orgs[account.organisation_id] = account.organisation.public_dict()
        has_demo = has_demo or account.is_demo
        entry = Entry(
            state=account.status, platform=account.platform, handle=account.handle,
            canonical_url=account.canonical_url, organisation=org,
            official_since=_date(account.official_since) if account.status in (
                AccountStatus.OFFICIAL, AccountStatus.ARCHIVED) else None,
            last_reviewed=_date(account.last_reviewed) if account.status in (
                AccountStatus.OFFICIAL, AccountStatus.ARCHIVED) else None,
            current_url=None, reason=messages.STATE_REASONS.get(account.status))
        by_id[account.pk] = entry
        entries[account.account_key] = entry
        if account.platform_id:
            entries.setdefault(links.account_key_for_id(account.platform, account.platform_id),
                               entry)
    for alias in AccountAlias.objects.only("account_key", "url", "handle", "account_id").iterator(
            chunk_size=5000):
        current = by_id.get(alias.account_id)
        if current is None or alias.account_key in entries:
            continue  # pending account, or the old address is itself registered now
        state = "moved" if current.state == AccountStatus.OFFICIAL else current.state
        entries[alias.account_key] = Entry(
            state=state, platform=current.platform, handle=alias.handle,
            canonical_url=alias.url, organisation=current.organisation,
            official_since=None, last_reviewed=None, current_url=current.canonical_url,
            reason=messages.STATE_REASONS["moved"] if state == "moved" else current.reason)
    return VerifyIndex(entries, version, has_demo)


_lock = threading.Lock()
_cache: dict[str, object] = {"index": None, "checked_at": 0.0}


def invalidate_local_index() -> None:
    _cache["index"] = None


def get_index() -> VerifyIndex:
    index = _cache["index"]
    now = time.monotonic()
    if index is not None and now - _cache["checked_at"] < settings.VERIFY_INDEX_TTL:
        return index
    with _lock:
        index = _cache["index"]
        version = current_version()
        if index is None or index.version != version:
            index = build_index()
            _cache["index"] = index
        _cache["checked_at"] = time.monotonic()
        return index


def verify(text: str, platform: str | None = None) -> dict:
    return get_index().lookup(text, platform)


# --- answers ---------------------------------------------------------------------------

def _answer(url, state, *, platform=None, handle=None, canonical_url=None, organisation=None,
            official_since=None, last_reviewed=None, current_url=None, reason=None) -> dict:
    message_ms, message_en = messages.state_messages(
        state, organisation=organisation, current_url=current_url, reason=reason,
        platform=platform)
    return {
        "url": url, "state": state, "platform": platform, "handle": handle,
        "canonical_url": canonical_url, "organisation": organisation,
        "official_since": official_since, "last_reviewed": last_reviewed,
        "current_url": current_url, "reason": reason,
        "message_ms": message_ms, "message_en": message_en,
    }


def _entry_answer(url: str, ref: links.AccountRef, entry: Entry) -> dict:
    return _answer(url, entry.state, platform=entry.platform, handle=entry.handle,
                   canonical_url=entry.canonical_url, organisation=entry.organisation,
                   official_since=entry.official_since, last_reviewed=entry.last_reviewed,
                   current_url=entry.current_url, reason=entry.reason)


def _not_registered(url: str, ref: links.AccountRef) -> dict:
    return _answer(url, "not_registered", platform=ref.platform, handle=ref.handle,
                   canonical_url=ref.canonical_url)


def _error_answer(url: str, error: links.LinkError) -> dict:
    if error.code in ("unknown_platform", "lookalike_host"):
        return _answer(url, "unknown_platform", reason=error.reason)
    return _answer(url, "invalid", platform=error.platform, reason=error.reason)


def platform_name(code: str | None) -> str:
    return PLATFORMS[code].name if code in PLATFORMS else ""
