"""Every write to the directory and the register: one transaction, one audit entry.

Maker-checker lives here, not in the views: whoever calls, a submitter can never approve
their own submission and only coordinators approve.
"""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rasmi.audit.services import record
from rasmi.core import links
from rasmi.people import permissions
from rasmi.registry.errors import RegisterError
from rasmi.registry.models import (
    AccountAlias,
    AccountReview,
    AccountStatus,
    Evidence,
    EvidenceKind,
    Organisation,
    PlatformVerified,
    RegisterChange,
    RegisterVersion,
    ReviewDecision,
    SocialAccount,
)

PUBLIC_STATUSES = frozenset(AccountStatus.values) - {AccountStatus.PENDING}


def account_snapshot(account: SocialAccount) -> dict:
    return {
        "organisation": account.organisation.code,
        "platform": account.platform,
        "account_key": account.account_key,
        "canonical_url": account.canonical_url,
        "handle": account.handle,
        "platform_id": account.platform_id,
        "status": account.status,
        "platform_verified": account.platform_verified,
        "official_since": account.official_since,
        "last_reviewed": account.last_reviewed,
        "next_review_due": account.next_review_due,
    }


def organisation_snapshot(org: Organisation) -> dict:
    return {
        "code": org.code, "name_ms": org.name_ms, "name_en": org.name_en,
        "acronyms": org.acronyms, "kind": org.kind,
        "parent": org.parent.code if org.parent_id else None, "website": org.website,
    }


def bump_register_version() -> None:
    updated = RegisterVersion.objects.filter(pk=1).update(version=F("version") + 1)
    if not updated:
        RegisterVersion.objects.get_or_create(pk=1, defaults={"version": 1})
    # Let this process see its own write at once; others notice within VERIFY_INDEX_TTL.
    transaction.on_commit(_forget_local_index)


def _forget_local_index() -> None:
    from rasmi.registry import verify

    verify.invalidate_local_index()


def _public_change(kind, account, *, old_status="", previous_url="") -> None:
    if account.status == AccountStatus.PENDING and old_status in ("", AccountStatus.PENDING):
        return
    RegisterChange.objects.create(
        kind=kind, organisation=account.organisation, platform=account.platform,
        account_key=account.account_key, url=account.canonical_url, previous_url=previous_url,
        old_status=old_status, new_status=account.status)


def parse_account_url(url: str, platform: str | None = None) -> links.AccountRef:
    parsed = links.parse_account(url or "", platform)
    if isinstance(parsed, links.LinkError):
        raise RegisterError("invalid_url", _("This address cannot be registered: %(reason)s")
                            % {"reason": parsed.reason}, {"url": url, "reason": parsed.reason})
    return parsed


def _ensure_free(ref: links.AccountRef, *, allow_alias_for: str | None = None,
                 exclude_pk: int | None = None) -> None:
    clash = SocialAccount.objects.filter(account_key=ref.key).exclude(pk=exclude_pk).first()
    if clash is not None:
        raise RegisterError(
            "duplicate_account",
            _("This account is already in the register under %(org)s (%(status)s).")
            % {"org": clash.organisation.code, "status": clash.status},
            {"account_key": ref.key, "organisation": clash.organisation.code})
    alias = AccountAlias.objects.filter(account_key=ref.key).select_related("account").first()
    if alias is not None and allow_alias_for is None:
        raise RegisterError(
            "former_address",
            _("This is a former address of a registered account; it can never be official "
              "again because it may now belong to someone else."),
            {"account_key": ref.key, "current_url": alias.account.canonical_url})


def _check_platform_id(platform: str, platform_id: str, exclude_pk: int | None = None) -> str:
    platform_id = (platform_id or "").strip()
    if not platform_id:
        return ""
    if len(platform_id) > 100 or not platform_id.replace("-", "").replace("_", "").isalnum():
        raise RegisterError("invalid_platform_id", _("The platform id is not valid."),
                            {"platform_id": platform_id})
    clash = (SocialAccount.objects.filter(platform=platform, platform_id=platform_id)
             .exclude(pk=exclude_pk).first())
    if clash is not None:
        raise RegisterError(
            "duplicate_platform_id",
            _("Another registered account already has this platform id."),
            {"platform_id": platform_id, "account_key": clash.account_key})
    return platform_id


@dataclass
class EvidenceInput:
    kind: str
    url: str = ""
    note: str = ""
    file: object = None


def _add_evidence(actor, account: SocialAccount, item: EvidenceInput) -> Evidence:
    if item.kind not in EvidenceKind.values:
        raise RegisterError("invalid_evidence", _("Unknown kind of evidence."), {"kind": item.kind})
    if item.kind == EvidenceKind.GOV_LINK:
        host = (urlsplit(item.url).hostname or "") if item.url.startswith("https://") else ""
        if not host or not (host == "gov.my" or host.endswith(".gov.my")):
            raise RegisterError(
                "invalid_evidence",
                _("Evidence links must point to a gov.my website."), {"url": item.url})
    if item.kind == EvidenceKind.FILE and not item.file:
        raise RegisterError("invalid_evidence", _("Attach the evidence file."))
    if item.kind == EvidenceKind.ATTESTATION and not item.note.strip():
        raise RegisterError("invalid_evidence", _("Write the attestation."))
    evidence = Evidence.objects.create(account=account, kind=item.kind, url=item.url,
                                       note=item.note, file=item.file or "", added_by=actor)
    record(actor, "registry.evidence.add", evidence,
           after={"account": account.account_key, "kind": item.kind, "url": item.url,
                  "file": evidence.file.name if evidence.file else ""})
    return evidence


@transaction.atomic
def submit_account(actor, organisation: Organisation, url: str, *, platform: str | None = None,
                   platform_id: str = "", platform_verified: str = PlatformVerified.UNKNOWN,
                   evidence: list[EvidenceInput] | None = None, notes: str = "") -> SocialAccount:
    """Maker step: an organisation's admin or editor proposes an official account."""
    permissions.require(permissions.can_submit_account(actor, organisation))
    ref = parse_account_url(url, platform)
    _ensure_free(ref)
    if platform_verified not in PlatformVerified.values:
        raise RegisterError("invalid_value", _("Unknown verified-badge value."))
    if not evidence:
        raise RegisterError("evidence_required",
                            _("Add at least one piece of evidence that the account is yours."))
    platform_id = _check_platform_id(ref.platform, platform_id)
    account = SocialAccount.objects.create(
        organisation=organisation, platform=ref.platform, account_key=ref.key,
        canonical_url=ref.canonical_url, handle=ref.handle,
        platform_id=platform_id or (ref.handle if ref.is_platform_id else ""),
        status=AccountStatus.PENDING, platform_verified=platform_verified, notes=notes,
        submitted_by=actor)
    record(actor, "registry.account.submit", account, after=account_snapshot(account))
    for item in evidence:
        _add_evidence(actor, account, item)
    return account


def _require_checker(actor, account: SocialAccount) -> None:
    permissions.require(permissions.can_review_accounts(actor),
                        _("Only a national coordinator can approve or reject accounts."))
    if account.submitted_by_id is not None and account.submitted_by_id == actor.pk:
        raise RegisterError("maker_checker",
                            _("You submitted this account, so someone else must review it."),
                            status=403)
    if account.status != AccountStatus.PENDING:
        raise RegisterError("not_pending", _("This account is not waiting for approval."),
                            {"status": account.status}, status=409)


def _review_due(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=settings.REVIEW_INTERVAL_DAYS)


@transaction.atomic
def approve_account(actor, account: SocialAccount, reason: str = "") -> SocialAccount:
    """Checker step: a coordinator other than the submitter approves."""
    account = SocialAccount.objects.select_for_update().get(pk=account.pk)
    _require_checker(actor, account)
    before = account_snapshot(account)
    today = timezone.localdate()
    account.status = AccountStatus.OFFICIAL
    account.official_since = account.official_since or today
    account.last_reviewed = today
    account.next_review_due = _review_due(today)
    account.reviewed_by = actor
    account.save()
    AccountReview.objects.create(
        account=account, organisation=account.organisation, account_key=account.account_key,
        url=account.canonical_url, decision=ReviewDecision.APPROVED, reason=reason,
        submitted_by=account.submitted_by, reviewer=actor)
    record(actor, "registry.account.approve", account, before=before,
           after=account_snapshot(account) | {"reason": reason})
    _public_change(RegisterChange.Kind.ADDED, account, old_status=AccountStatus.PENDING)
    bump_register_version()
    return account


@transaction.atomic
def reject_account(actor, account: SocialAccount, reason: str) -> AccountReview:
    """Checker step: the submission is removed; the decision and its reason are kept."""
    account = SocialAccount.objects.select_for_update().get(pk=account.pk)
    _require_checker(actor, account)
    if not reason.strip():
        raise RegisterError("reason_required", _("Give a reason for the rejection."))
    review = AccountReview.objects.create(
        account=None, organisation=account.organisation, account_key=account.account_key,
        url=account.canonical_url, decision=ReviewDecision.REJECTED, reason=reason,
        submitted_by=account.submitted_by, reviewer=actor)
    record(actor, "registry.account.reject", account, before=account_snapshot(account),
           after={"reason": reason})
    account.delete()
    return review


SETTABLE_STATUSES = frozenset({AccountStatus.ARCHIVED, AccountStatus.UNOFFICIAL,
                               AccountStatus.IMPERSONATION, AccountStatus.PARODY})


@transaction.atomic
def set_status(actor, account: SocialAccount, status: str, reason: str) -> SocialAccount:
    """Retire, or classify as unofficial/impersonation/parody. Becoming official only ever
    happens through approval."""
    permissions.require(permissions.can_manage_register(actor))
    if status not in SETTABLE_STATUSES:
        raise RegisterError("invalid_status",
                            _("An account becomes official only through approval."),
                            {"status": status})
    if not reason.strip():
        raise RegisterError("reason_required", _("Give a reason for the change."))
    account = SocialAccount.objects.select_for_update().get(pk=account.pk)
    before = account_snapshot(account)
    old_status = account.status
    account.status = status
    account.save()
    AccountReview.objects.create(
        account=account, organisation=account.organisation, account_key=account.account_key,
        url=account.canonical_url, decision=ReviewDecision.STATUS_CHANGED, reason=reason,
        submitted_by=account.submitted_by, reviewer=actor)
    record(actor, "registry.account.status", account, before=before,
           after=account_snapshot(account) | {"reason": reason})
    _public_change(RegisterChange.Kind.STATUS_CHANGED, account, old_status=old_status)
    bump_register_version()
    return account


@transaction.atomic
def move_account(actor, account: SocialAccount, new_url: str, reason: str = "") -> SocialAccount:
    """Record a handle change: the old address goes into history, never official again."""
    permissions.require(permissions.can_manage_register(actor))
    account = SocialAccount.objects.select_for_update().get(pk=account.pk)
    ref = parse_account_url(new_url, account.platform)
    if ref.platform != account.platform:
        raise RegisterError("platform_mismatch",
                            _("The new address is on a different platform."))
    if ref.key == account.account_key:
        raise RegisterError("unchanged", _("The new address is the same as the current one."))
    _ensure_free(ref)
    before = account_snapshot(account)
    old_url = account.canonical_url
    AccountAlias.objects.create(account=account, account_key=account.account_key, url=old_url,
                                handle=account.handle)
    account.account_key, account.canonical_url = ref.key, ref.canonical_url
    account.handle = ref.handle
    account.save()
    record(actor, "registry.account.move", account, before=before,
           after=account_snapshot(account) | {"reason": reason})
    _public_change(RegisterChange.Kind.MOVED, account, old_status=account.status,
                   previous_url=old_url)
    bump_register_version()
    return account


@transaction.atomic
def recertify_account(actor, account: SocialAccount, note: str = "") -> SocialAccount:
    permissions.require(permissions.can_manage_register(actor))
    account = SocialAccount.objects.select_for_update().get(pk=account.pk)
    if account.status != AccountStatus.OFFICIAL:
        raise RegisterError("not_official", _("Only official accounts are recertified."))
    before = account_snapshot(account)
    today = timezone.localdate()
    account.last_reviewed, account.next_review_due = today, _review_due(today)
    account.reviewed_by = actor
    account.save()
    AccountReview.objects.create(
        account=account, organisation=account.organisation, account_key=account.account_key,
        url=account.canonical_url, decision=ReviewDecision.RECERTIFIED, reason=note,
        submitted_by=account.submitted_by, reviewer=actor)
    record(actor, "registry.account.recertify", account, before=before,
           after=account_snapshot(account) | {"note": note})
    bump_register_version()
    return account


@transaction.atomic
def add_evidence(actor, account: SocialAccount, item: EvidenceInput) -> Evidence:
    permissions.require(permissions.can_submit_account(actor, account.organisation))
    return _add_evidence(actor, account, item)


FINDING_STATUSES = frozenset({AccountStatus.IMPERSONATION, AccountStatus.UNOFFICIAL,
                              AccountStatus.PARODY})


@transaction.atomic
def record_finding(actor, organisation: Organisation, ref: links.AccountRef, status: str,
                   reason: str) -> SocialAccount:
    """Put a confirmed discovery finding in the register (impersonation, unofficial or
    parody), so verify warns citizens at once. Never touches an official or pending
    account: those change only through maker-checker."""
    permissions.require(permissions.can_handle_cases(actor, organisation))
    if status not in FINDING_STATUSES:
        raise RegisterError("invalid_status", _("A finding is impersonation, unofficial or "
                                                "parody."), {"status": status})
    account = SocialAccount.objects.select_for_update().filter(account_key=ref.key).first()
    if account is not None and account.status in (AccountStatus.OFFICIAL,
                                                  AccountStatus.PENDING):
        raise RegisterError("registered_official",
                            _("This address is an official or pending account in the register."),
                            {"account_key": ref.key})
    if account is None:
        account = SocialAccount.objects.create(
            organisation=organisation, platform=ref.platform, account_key=ref.key,
            canonical_url=ref.canonical_url, handle=ref.handle,
            platform_id=ref.handle if ref.is_platform_id else "", status=status, notes=reason,
            submitted_by=actor, reviewed_by=actor)
        record(actor, "registry.account.finding", account, after=account_snapshot(account))
        _public_change(RegisterChange.Kind.ADDED, account)
    elif account.status != status:
        before, old_status = account_snapshot(account), account.status
        account.status, account.reviewed_by = status, actor
        account.save()
        record(actor, "registry.account.finding", account, before=before,
               after=account_snapshot(account) | {"reason": reason})
        _public_change(RegisterChange.Kind.STATUS_CHANGED, account, old_status=old_status)
    bump_register_version()
    return account
