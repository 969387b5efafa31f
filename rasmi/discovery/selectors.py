"""Reads for discovery: the register as the pure scoring core sees it."""

import statistics
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from rasmi.core.matching import OrganisationInfo, Register, RegisteredAccount, logo_hash_of
from rasmi.discovery.models import Case, CaseEvent, CaseState
from rasmi.people import permissions
from rasmi.registry.models import AccountAlias, Organisation, SocialAccount

_logo_cache: dict[str, tuple[int, ...]] = {}


def _logo_hashes(name: str) -> tuple[int, ...]:
    """Perceptual hash of an organisation's logo file, computed once per process."""
    if not name:
        return ()
    if name not in _logo_cache:
        value = logo_hash_of(Path(settings.MEDIA_ROOT) / name)
        _logo_cache[name] = (value,) if value is not None else ()
    return _logo_cache[name]


def register_snapshot() -> Register:
    """Every organisation and every registered account (pending ones excluded: they are
    not yet anyone's answer), in the indexes core.matching scores against."""
    organisations = [
        OrganisationInfo(code, name_ms, name_en, tuple(acronyms or ()), website or "",
                         _logo_hashes(logo))
        for code, name_ms, name_en, acronyms, website, logo in Organisation.objects.values_list(
            "code", "name_ms", "name_en", "acronyms", "website", "logo")
        .iterator(chunk_size=5000)]
    accounts = [
        RegisteredAccount(key, org, status, handle, url)
        for key, org, status, handle, url in SocialAccount.objects.exclude(status="pending")
        .values_list("account_key", "organisation__code", "status", "handle", "canonical_url")
        .iterator(chunk_size=5000)]
    by_platform_id = [
        RegisteredAccount(f"{platform}:id:{pid}", org, status, handle, url)
        for platform, pid, org, status, handle, url in SocialAccount.objects
        .exclude(status="pending").exclude(platform_id="")
        .values_list("platform", "platform_id", "organisation__code", "status", "handle",
                     "canonical_url").iterator(chunk_size=5000)]
    aliases = dict(AccountAlias.objects.values_list("account_key", "account__canonical_url")
                   .iterator(chunk_size=5000))
    return Register(organisations, accounts + by_platform_id, aliases)


# --- triage -----------------------------------------------------------------------------------

SORTS = {"score": "-candidate__score", "-score": "candidate__score", "due": "due_on",
         "opened": "-opened_at", "platform": "candidate__platform",
         "organisation": "organisation__name_ms"}


def visible_cases(user) -> QuerySet[Case]:
    """Cases of the organisations the user works for (and those under them); all for
    coordinators."""
    cases = Case.objects.select_related("candidate", "organisation", "owner")
    if permissions.is_coordinator(user):
        return cases
    own = permissions.member_organisation_ids(user) or set()
    return cases.filter(Q(organisation_id__in=own) | Q(organisation__parent_id__in=own)
                        | Q(organisation__parent__parent_id__in=own))


def queue_organisations(user) -> list[tuple[str, str]]:
    """(code, name in the page's language) of every organisation with a case the user can
    see, for the queue's organisation filter."""
    rows = (Organisation.objects.filter(cases__in=visible_cases(user)).distinct()
            .only("code", "name_ms", "name_en"))
    return sorted(((o.code, o.name) for o in rows), key=lambda row: row[1].casefold())


def case_queue(user, *, state: str = "", platform: str = "", organisation: str = "",
               label: str = "", sort: str = "score") -> QuerySet[Case]:
    cases = visible_cases(user)
    if state == "open":
        cases = cases.exclude(state__in=[CaseState.DISMISSED, CaseState.TAKEN_DOWN])
    elif state:
        cases = cases.filter(state=state)
    if platform:
        cases = cases.filter(candidate__platform=platform)
    if organisation:
        cases = cases.filter(organisation__code=organisation)
    if label:
        cases = cases.filter(candidate__label=label)
    return cases.order_by(SORTS.get(sort, "-candidate__score"), "id")


def discovery_census() -> dict:
    """Impersonation counts and the found / confirmed / taken-down series per platform and
    month, with the median days from opening to takedown."""
    found = Counter()
    confirmed = Counter()
    taken_down = Counter()
    for case in Case.objects.select_related("candidate").only(
            "opened_at", "confirmed_at", "taken_down_at", "state", "candidate__platform",
            "candidate__label"):
        platform = case.candidate.platform
        found[(platform, case.opened_at.strftime("%Y-%m"))] += 1
        if case.confirmed_at:
            confirmed[(platform, case.confirmed_at.strftime("%Y-%m"))] += 1
        if case.taken_down_at:
            taken_down[(platform, case.taken_down_at.strftime("%Y-%m"))] += 1
    months = sorted({month for _, month in found | confirmed | taken_down})
    platforms = sorted({platform for platform, _ in found | confirmed | taken_down})
    series = [{"platform": p, "month": m, "found": found[(p, m)],
               "confirmed": confirmed[(p, m)], "taken_down": taken_down[(p, m)]}
              for p in platforms for m in months if found[(p, m)] or confirmed[(p, m)]
              or taken_down[(p, m)]]
    days = [(c.taken_down_at - c.opened_at).total_seconds() / 86400
            for c in Case.objects.exclude(taken_down_at=None).only("opened_at", "taken_down_at")]
    by_org = list(Case.objects.exclude(organisation=None).values("organisation__code")
                  .annotate(found=Count("id"),
                            confirmed=Count("id", filter=Q(confirmed_at__isnull=False)),
                            taken_down=Count("id", filter=Q(taken_down_at__isnull=False)))
                  .order_by("-found")[:50])
    return {"series": series, "by_organisation": by_org,
            "median_days_to_takedown": round(statistics.median(days), 1) if days else None,
            "events": CaseEvent.objects.count()}
