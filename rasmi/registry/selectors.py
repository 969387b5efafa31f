"""Reads of the directory and register. Views, API and commands call these; none of them
query models directly."""

import datetime as dt
import threading

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from rasmi.core.names import NameIndex, NameRecord
from rasmi.people import permissions
from rasmi.registry.models import (
    AccountStatus,
    Organisation,
    RegisterChange,
    RegisterVersion,
    SocialAccount,
)
from rasmi.registry.services import PUBLIC_STATUSES


def public_accounts() -> QuerySet[SocialAccount]:
    return (SocialAccount.objects.filter(status__in=PUBLIC_STATUSES)
            .select_related("organisation").order_by("organisation__code", "platform", "handle"))


def official_accounts_of(org: Organisation) -> QuerySet[SocialAccount]:
    return org.accounts.filter(status=AccountStatus.OFFICIAL).order_by("platform", "handle")


def filter_public_accounts(*, organisation: str | None = None, platform: str | None = None,
                           status: str | None = None) -> QuerySet[SocialAccount]:
    accounts = public_accounts()
    if organisation:
        accounts = accounts.filter(organisation__code=organisation)
    if platform:
        accounts = accounts.filter(platform=platform)
    if status:
        accounts = accounts.filter(status=status)
    return accounts


def organisations_with_counts() -> QuerySet[Organisation]:
    return (Organisation.objects.select_related("parent")
            .annotate(official_count=Count("accounts",
                                           filter=Q(accounts__status=AccountStatus.OFFICIAL)))
            .order_by("name_ms"))


def organisation_page(code: str) -> Organisation | None:
    official = Prefetch("accounts", queryset=SocialAccount.objects.filter(
        status__in=PUBLIC_STATUSES).order_by("platform", "handle"), to_attr="public_accounts")
    return (Organisation.objects.select_related("parent").prefetch_related(official)
            .filter(code=code).first())


# --- directory search ------------------------------------------------------------------

_search_lock = threading.Lock()
_search_cache: dict[str, object] = {"version": None, "index": None}


def _name_index() -> NameIndex:
    version = RegisterVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    with _search_lock:
        if _search_cache["index"] is None or _search_cache["version"] != version:
            records = [NameRecord(key=code, name_ms=ms, name_en=en, acronyms=tuple(acr or ()))
                       for code, ms, en, acr in Organisation.objects.values_list(
                           "code", "name_ms", "name_en", "acronyms")]
            _search_cache["index"], _search_cache["version"] = NameIndex(records), version
        return _search_cache["index"]


def search_organisations(query: str, limit: int = 50) -> list[Organisation]:
    """By BM or EN name, acronym, Malay abbreviation ("Kem.", "Jab."), in any word order."""
    query = (query or "").strip()[:200]
    if not query:
        return list(organisations_with_counts())
    ranked = _name_index().search(query, limit=limit)
    by_code = {org.code: org for org in organisations_with_counts().filter(
        code__in=[code for code, _ in ranked])}
    return [by_code[code] for code, _ in ranked if code in by_code]


# --- staff -----------------------------------------------------------------------------

def visible_accounts(user) -> QuerySet[SocialAccount]:
    accounts = SocialAccount.objects.select_related("organisation", "submitted_by")
    scope = permissions.visible_organisations_q(user)
    return accounts if scope is None else accounts.filter(scope)


def pending_accounts(user) -> QuerySet[SocialAccount]:
    return visible_accounts(user).filter(status=AccountStatus.PENDING).order_by("created_at")


def overdue_accounts(user=None, today: dt.date | None = None) -> QuerySet[SocialAccount]:
    today = today or timezone.localdate()
    accounts = visible_accounts(user) if user is not None else SocialAccount.objects.select_related(
        "organisation")
    return accounts.filter(status=AccountStatus.OFFICIAL, next_review_due__lt=today).order_by(
        "next_review_due")


def submittable_organisations(user) -> QuerySet[Organisation]:
    if permissions.is_coordinator(user):
        return Organisation.objects.order_by("name_ms")
    org_ids = {m.organisation_id for m in user.memberships.filter(
        role__in=permissions.EDITING_ROLES)}
    return Organisation.objects.filter(Q(pk__in=org_ids) | Q(parent_id__in=org_ids)).order_by(
        "name_ms")


def changes_since(since_id: int = 0, since_time: dt.datetime | None = None) -> QuerySet:
    changes = RegisterChange.objects.select_related("organisation").order_by("id")
    if since_time is not None:
        return changes.filter(at__gt=since_time)
    return changes.filter(id__gt=since_id)
