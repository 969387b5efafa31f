"""Registry endpoints. Public reads (verify, directory, register, changes, census) are
rate limited and cacheable; staff writes use the session and CSRF."""

import datetime as dt
import hashlib
import json

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.security import django_auth

from rasmi.apikit import ApiError, enforce_rate_limit, error_responses, paginate
from rasmi.core.platforms import PLATFORM_CODES
from rasmi.people import permissions
from rasmi.registry import census as census_module
from rasmi.registry import exports, selectors, services
from rasmi.registry.models import AccountStatus, Organisation, OrganisationKind, SocialAccount
from rasmi.registry.verify import STATES, verify

router = Router(tags=["register"])

MAX_URL_LENGTH = 2048
PUBLIC_ERRORS = error_responses(400, 429)


def cacheable_json(request: HttpRequest, payload, max_age: int = 60) -> HttpResponse:
    """JSON with a strong ETag and Cache-Control, answering 304 when the client has it."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Vary"] = "Accept-Encoding"
    return response


# --- schemas ---------------------------------------------------------------------------

class OrganisationRef(Schema):
    code: str
    name_ms: str
    name_en: str


class VerifyOut(Schema):
    url: str
    state: str = Field(description=" | ".join(STATES))
    platform: str | None
    handle: str | None
    canonical_url: str | None
    organisation: OrganisationRef | None
    official_since: str | None
    last_reviewed: str | None
    current_url: str | None
    reason: str | None
    message_ms: str
    message_en: str


class OrganisationOut(Schema):
    code: str
    name_ms: str
    name_en: str
    acronyms: list[str]
    kind: str
    parent: str | None
    website: str
    official_accounts: int


class AccountOut(Schema):
    id: int
    organisation: OrganisationRef
    platform: str
    handle: str
    canonical_url: str
    platform_id: str
    status: str
    platform_verified: str
    official_since: str | None
    last_reviewed: str | None
    next_review_due: str | None


class ChangeOut(Schema):
    id: int
    at: str
    kind: str
    organisation: OrganisationRef
    platform: str
    url: str
    previous_url: str | None
    old_status: str | None
    new_status: str | None


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def organisation_out(org: Organisation) -> dict:
    return {"code": org.code, "name_ms": org.name_ms, "name_en": org.name_en,
            "acronyms": org.acronyms, "kind": org.kind,
            "parent": org.parent.code if org.parent_id else None, "website": org.website,
            "official_accounts": getattr(org, "official_count", 0)}


def account_out(account: SocialAccount) -> dict:
    return {"id": account.pk, "organisation": account.organisation.public_dict(),
            "platform": account.platform, "handle": account.handle,
            "canonical_url": account.canonical_url, "platform_id": account.platform_id,
            "status": account.status, "platform_verified": account.platform_verified,
            "official_since": _iso(account.official_since),
            "last_reviewed": _iso(account.last_reviewed),
            "next_review_due": _iso(account.next_review_due)}


def change_out(change) -> dict:
    return {"id": change.pk, "at": change.at.isoformat(), "kind": change.kind,
            "organisation": change.organisation.public_dict(), "platform": change.platform,
            "url": change.url, "previous_url": change.previous_url or None,
            "old_status": change.old_status or None, "new_status": change.new_status or None}


# --- public ----------------------------------------------------------------------------

@router.get("/verify", response={200: VerifyOut} | PUBLIC_ERRORS, auth=None,
            summary="Is this account official? / Adakah akaun ini rasmi?")
def verify_account(request, url: str = Query(..., description="URL or handle"),
                   platform: str | None = None):
    enforce_rate_limit(request, "verify")
    if len(url) > MAX_URL_LENGTH:
        raise ApiError(400, "url_too_long", _("The address is too long."),
                       {"max_length": MAX_URL_LENGTH})
    if platform is not None and platform not in PLATFORM_CODES:
        raise ApiError(400, "unknown_platform", _("Unknown platform."),
                       {"platform": platform, "allowed": list(PLATFORM_CODES)})
    return cacheable_json(request, verify(url, platform))


class OrganisationFilters(Schema):
    q: str | None = None
    kind: str | None = None
    parent: str | None = None
    page: int = 1
    page_size: int = 100


@router.get("/organisations", auth=None, response={200: dict} | PUBLIC_ERRORS,
            summary="Directory of organisations")
def list_organisations(request, filters: Query[OrganisationFilters]):
    enforce_rate_limit(request, "directory")
    if filters.kind and filters.kind not in OrganisationKind.values:
        raise ApiError(400, "unknown_kind", _("Unknown kind of organisation."),
                       {"allowed": OrganisationKind.values})
    if filters.q:
        orgs = selectors.search_organisations(filters.q, limit=200)
        if filters.kind:
            orgs = [o for o in orgs if o.kind == filters.kind]
        if filters.parent:
            orgs = [o for o in orgs if o.parent_id and o.parent.code == filters.parent]
        page = paginate(_ListQuery(orgs), filters.page, filters.page_size, organisation_out)
    else:
        qs = selectors.organisations_with_counts()
        if filters.kind:
            qs = qs.filter(kind=filters.kind)
        if filters.parent:
            qs = qs.filter(parent__code=filters.parent)
        page = paginate(qs, filters.page, filters.page_size, organisation_out)
    return cacheable_json(request, page)


class _ListQuery(list):
    """Lets `paginate` treat an already-ranked list like a queryset."""

    def count(self) -> int:  # noqa: D102
        return len(self)


@router.get("/organisations/{code}", auth=None, response={200: dict} | error_responses(404, 429),
            summary="One organisation and its public accounts")
def get_organisation(request, code: str):
    enforce_rate_limit(request, "directory")
    org = selectors.organisation_page(code)
    if org is None:
        raise ApiError(404, "not_found", _("No organisation with this code."), {"code": code})
    data = organisation_out(org) | {"accounts": [
        account_out(a) for a in org.public_accounts]}
    data["official_accounts"] = sum(1 for a in org.public_accounts if a.status == "official")
    return cacheable_json(request, data)


class AccountFilters(Schema):
    organisation: str | None = None
    platform: str | None = None
    status: str | None = None
    page: int = 1
    page_size: int = 100


def _check_account_filters(filters) -> None:
    if filters.platform and filters.platform not in PLATFORM_CODES:
        raise ApiError(400, "unknown_platform", _("Unknown platform."),
                       {"allowed": list(PLATFORM_CODES)})
    if filters.status and filters.status not in services.PUBLIC_STATUSES:
        raise ApiError(400, "unknown_status", _("Unknown status."),
                       {"allowed": sorted(services.PUBLIC_STATUSES)})


@router.get("/accounts", auth=None, response={200: dict} | PUBLIC_ERRORS,
            summary="The public register")
def list_accounts(request, filters: Query[AccountFilters]):
    enforce_rate_limit(request, "register")
    _check_account_filters(filters)
    qs = selectors.filter_public_accounts(organisation=filters.organisation,
                                          platform=filters.platform, status=filters.status)
    return cacheable_json(request, paginate(qs, filters.page, filters.page_size, account_out))


@router.get("/accounts/export", auth=None, response={200: dict} | PUBLIC_ERRORS,
            summary="Export the public register (CSV or JSON)")
def export_accounts(request, format: str = "csv", organisation: str | None = None,
                    platform: str | None = None, status: str | None = None):
    enforce_rate_limit(request, "export")
    filters = AccountFilters(organisation=organisation, platform=platform, status=status)
    _check_account_filters(filters)
    if format not in ("csv", "json"):
        raise ApiError(400, "unknown_format", _("Format must be csv or json."))
    accounts = selectors.filter_public_accounts(organisation=organisation, platform=platform,
                                                status=status)
    return exports.register_response(accounts, format)


@router.get("/changes", auth=None, response={200: dict} | PUBLIC_ERRORS,
            summary="Change feed of the public register")
def list_changes(request, since: str = "0", page_size: int = 100):
    enforce_rate_limit(request, "changes")
    since_id, since_time = 0, None
    if since.isdigit():
        since_id = int(since)
    else:
        try:
            since_time = dt.datetime.fromisoformat(since)
        except ValueError:
            raise ApiError(400, "invalid_since",
                           _("'since' must be a change id or an ISO 8601 date-time."),
                           {"since": since}) from None
        if since_time.tzinfo is None:
            since_time = since_time.replace(tzinfo=dt.UTC)
    page = paginate(selectors.changes_since(since_id, since_time), 1, page_size, change_out)
    page["next_since"] = page["results"][-1]["id"] if page["results"] else since_id or None
    return cacheable_json(request, page, max_age=30)


@router.get("/census", auth=None, response={200: dict}, summary="Census of presence")
def get_census(request):
    enforce_rate_limit(request, "census")
    census = census_module.build_census()
    return cacheable_json(request, {"rows": census.rows(), "gap": census.gap(),
                                    "reach_source": census_module.REACH_SOURCE,
                                    "illustrative": census.has_demo}, max_age=300)


# --- staff -----------------------------------------------------------------------------

class EvidenceIn(Schema):
    kind: str
    url: str = ""
    note: str = ""


class SubmissionIn(Schema):
    organisation: str
    url: str
    platform: str | None = None
    platform_id: str = ""
    platform_verified: str = "unknown"
    notes: str = ""
    evidence: list[EvidenceIn]


class ReasonIn(Schema):
    reason: str = ""


class StatusIn(Schema):
    status: str
    reason: str


class MoveIn(Schema):
    url: str
    reason: str = ""


STAFF = {"auth": django_auth, "tags": ["register (staff)"]}
STAFF_ERRORS = error_responses(400, 401, 403, 404, 409)


def _account_for(request, account_id: int) -> SocialAccount:
    account = get_object_or_404(SocialAccount.objects.select_related("organisation"),
                                pk=account_id)
    if not permissions.can_view_organisation(request.user, account.organisation):
        raise Http404  # do not reveal accounts of organisations the user cannot see
    return account


@router.post("/accounts/submissions", response={201: AccountOut} | STAFF_ERRORS, **STAFF,
             summary="Submit an account for approval (maker)")
def submit(request, payload: SubmissionIn):
    org = Organisation.objects.filter(code=payload.organisation).first()
    if org is None:
        raise ApiError(400, "unknown_organisation", _("Unknown organisation."),
                       {"organisation": payload.organisation})
    evidence = [services.EvidenceInput(kind=e.kind, url=e.url, note=e.note)
                for e in payload.evidence]
    account = services.submit_account(
        request.user, org, payload.url, platform=payload.platform,
        platform_id=payload.platform_id, platform_verified=payload.platform_verified,
        evidence=evidence, notes=payload.notes)
    return Status(201, account_out(account))


@router.get("/accounts/pending", response={200: dict} | STAFF_ERRORS, **STAFF,
            summary="Submissions waiting for approval")
def pending(request, page: int = 1, page_size: int = 100):
    permissions.require(permissions.is_staff_member(request.user))
    return paginate(selectors.pending_accounts(request.user), page, page_size, account_out)


@router.get("/accounts/overdue", response={200: dict} | STAFF_ERRORS, **STAFF,
            summary="Official accounts past their recertification date")
def overdue(request, page: int = 1, page_size: int = 100):
    permissions.require(permissions.is_staff_member(request.user))
    return paginate(selectors.overdue_accounts(request.user), page, page_size, account_out)


@router.post("/accounts/{account_id}/approve", response={200: AccountOut} | STAFF_ERRORS,
             **STAFF, summary="Approve a submission (checker)")
def approve(request, account_id: int, payload: ReasonIn):
    account = _account_for(request, account_id)
    return account_out(services.approve_account(request.user, account, payload.reason))


@router.post("/accounts/{account_id}/reject", response={200: dict} | STAFF_ERRORS, **STAFF,
             summary="Reject a submission (checker)")
def reject(request, account_id: int, payload: ReasonIn):
    account = _account_for(request, account_id)
    review = services.reject_account(request.user, account, payload.reason)
    return {"rejected": review.account_key, "reason": review.reason}


@router.post("/accounts/{account_id}/status", response={200: AccountOut} | STAFF_ERRORS,
             **STAFF, summary="Archive or classify an account")
def change_status(request, account_id: int, payload: StatusIn):
    account = _account_for(request, account_id)
    if payload.status not in AccountStatus.values:
        raise ApiError(400, "unknown_status", _("Unknown status."))
    return account_out(services.set_status(request.user, account, payload.status,
                                           payload.reason))


@router.post("/accounts/{account_id}/move", response={200: AccountOut} | STAFF_ERRORS,
             **STAFF, summary="Record a handle or address change")
def move(request, account_id: int, payload: MoveIn):
    account = _account_for(request, account_id)
    return account_out(services.move_account(request.user, account, payload.url,
                                             payload.reason))


@router.post("/accounts/{account_id}/recertify", response={200: AccountOut} | STAFF_ERRORS,
             **STAFF, summary="Recertify an official account")
def recertify(request, account_id: int, payload: ReasonIn):
    account = _account_for(request, account_id)
    return account_out(services.recertify_account(request.user, account, payload.reason))
