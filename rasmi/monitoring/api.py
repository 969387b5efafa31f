"""Monitoring endpoints (staff only, session and CSRF like the other staff endpoints):
alerts, watch lists, a batch import of mentions into the live detector, crises with their
timelines, and claims (a claim marked false with its clarification).

Everyone sees only the organisations policy.py lets them see: another organisation's
alert, crisis or claim answers 404, so its existence is not revealed; a write the role
may not make answers 403 (the services enforce it).
"""

import datetime as dt
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.security import django_auth

from rasmi.apikit import ApiError, error_responses, paginate
from rasmi.monitoring import live, policy, selectors, services, watch
from rasmi.monitoring.mention_rows import read_row
from rasmi.monitoring.models import AlertKind, ClaimStatus, Crisis
from rasmi.people import permissions
from rasmi.registry.models import Organisation

router = Router(tags=["monitoring (staff)"])
STAFF = {"auth": django_auth}
ERRORS = error_responses(400, 401, 403, 404, 409)
MAX_MENTIONS = 1000  # per import request: larger files go through `rasmi monitor_replay`
CRISIS_STATES = ("active", "ended", "all")


# --- schemas ---------------------------------------------------------------------------

class AlertOut(Schema):
    id: int
    alert_id: str
    kind: str
    organisation: str
    topic: str
    terms: list[str]
    started_at: str
    detected_at: str
    count: int
    baseline: float
    score: float
    examples: list[str]
    acknowledged_at: str | None
    acknowledged_by: str | None
    crisis: int | None
    claims: list[int]


class MentionOut(Schema):
    id: str
    at: str
    text: str
    topic: str


class AlertDetailOut(AlertOut):
    example_mentions: list[MentionOut]


class WatchListIn(Schema):
    organisation: str
    terms_ms: list[str] = []
    terms_en: list[str] = []
    topics: list[str] = []


class WatchListPatch(Schema):
    terms_ms: list[str] | None = None
    terms_en: list[str] | None = None
    topics: list[str] | None = None


class WatchListOut(Schema):
    organisation: str
    terms_ms: list[str]
    terms_en: list[str]
    topics: list[str]
    name_forms: list[str]
    updated_at: str


class MentionsIn(Schema):
    organisation: str
    # Any, not a schema: each item is checked on its own, so one bad item is reported by
    # its index and the good ones are still imported.
    mentions: list[Any]


class RejectedOut(Schema):
    index: int
    message: str


class ImportOut(Schema):
    organisation: str
    accepted: int
    rejected: list[RejectedOut]


class ClaimOut(Schema):
    id: int
    text: str
    status: str
    organisation: str | None
    crisis: int | None
    mention_ids: list[str]
    terms: list[str]
    count: int
    alerts: list[int]
    clarification_ms: str
    clarification_en: str
    marked_by: str | None
    marked_at: str | None
    post: int | None
    canned_reply: int | None
    created_at: str


class FalseIn(Schema):
    clarification_ms: str
    clarification_en: str = ""
    account_ids: list[int] | None = None


class CrisisOut(Schema):
    id: int
    name: str
    kind: str
    lead: str
    organisations: list[str]
    topics: list[str]
    terms: list[str]
    started_at: str
    ended_at: str | None
    active: bool


class LinkOut(Schema):
    label: str
    url: str


class EventOut(Schema):
    at: str
    kind: str
    label: str
    text: str
    user: str
    links: list[LinkOut]


class PinnedOut(Schema):
    id: int
    question_ms: str
    question_en: str
    answer_ms: str
    answer_en: str


class CrisisDetailOut(CrisisOut):
    timeline: list[EventOut]
    claims: list[ClaimOut]
    pinned: list[PinnedOut]
    alerts: list[int]


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _alert_out(alert) -> dict:
    return {"id": alert.pk, "alert_id": alert.alert_id, "kind": alert.kind,
            "organisation": alert.organisation.code, "topic": alert.topic,
            "terms": alert.terms, "started_at": alert.started_at.isoformat(),
            "detected_at": alert.detected_at.isoformat(), "count": alert.count,
            "baseline": alert.baseline, "score": alert.score, "examples": alert.examples,
            "acknowledged_at": _iso(alert.acknowledged_at),
            "acknowledged_by": alert.acknowledged_by.get_username()
            if alert.acknowledged_by else None,
            "crisis": alert.crisis_id, "claims": [c.pk for c in alert.claims.all()]}


def _mention_out(mention) -> dict:
    return {"id": mention.external_id, "at": mention.at.isoformat(), "text": mention.text,
            "topic": mention.topic}


def _watch_list_out(watch_list) -> dict:
    return {"organisation": watch_list.organisation.code, "terms_ms": watch_list.terms_ms,
            "terms_en": watch_list.terms_en, "topics": watch_list.topics,
            "name_forms": watch.name_forms(watch_list.organisation),
            "updated_at": watch_list.updated_at.isoformat()}


def _claim_out(claim) -> dict:
    return {"id": claim.pk, "text": claim.text, "status": claim.status,
            "organisation": claim.organisation.code if claim.organisation else None,
            "crisis": claim.crisis_id, "mention_ids": claim.mention_ids,
            "terms": claim.terms, "count": claim.count,
            "alerts": [a.pk for a in claim.alerts.all()],
            "clarification_ms": claim.clarification_ms,
            "clarification_en": claim.clarification_en,
            "marked_by": claim.marked_by.get_username() if claim.marked_by else None,
            "marked_at": _iso(claim.marked_at), "post": claim.post_id,
            "canned_reply": claim.canned_reply_id, "created_at": claim.created_at.isoformat()}


def _crisis_out(crisis) -> dict:
    return {"id": crisis.pk, "name": crisis.name, "kind": crisis.kind,
            "lead": crisis.lead_organisation.code,
            "organisations": sorted(o.code for o in crisis.organisations.all()),
            "topics": crisis.topics, "terms": crisis.terms,
            "started_at": crisis.started_at.isoformat(), "ended_at": _iso(crisis.ended_at),
            "active": crisis.active}


# --- shared checks ---------------------------------------------------------------------

def _staff(request) -> None:
    permissions.require(permissions.is_staff_member(request.user))


def _organisation(request, code: str) -> Organisation:
    """The organisation named, if the user may see it; 404 otherwise (unknown and
    invisible alike, so another organisation's existence is not revealed)."""
    _staff(request)
    organisation = Organisation.objects.filter(code=(code or "")[:60]).first()
    if organisation is None or not policy.can_view(request.user, organisation):
        raise ApiError(404, "unknown_organisation", _("No organisation with this code that "
                                                      "you may see."), {"organisation": code})
    return organisation


def _since(value: str) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ApiError(400, "invalid_since", _("'since' must be an ISO 8601 date-time."),
                       {"since": value}) from None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


# --- alerts ----------------------------------------------------------------------------

class AlertFilters(Schema):
    organisation: str | None = None
    topic: str | None = None
    kind: str | None = None
    since: str | None = None
    page: int = 1
    page_size: int = 50


@router.get("/alerts", response={200: dict} | ERRORS, **STAFF,
            summary="Alerts of the organisations you see, newest first")
def list_alerts(request, filters: Query[AlertFilters]):
    _staff(request)
    alerts = selectors.visible_alerts(request.user).prefetch_related("claims")
    if filters.organisation:
        alerts = alerts.filter(organisation=_organisation(request, filters.organisation))
    if filters.kind:
        if filters.kind not in AlertKind.values:
            raise ApiError(400, "unknown_kind", _("Unknown kind of alert."),
                           {"allowed": AlertKind.values})
        alerts = alerts.filter(kind=filters.kind)
    if filters.topic:
        alerts = alerts.filter(topic=filters.topic)
    if filters.since:
        alerts = alerts.filter(detected_at__gte=_since(filters.since))
    return paginate(alerts, filters.page, filters.page_size, _alert_out)


@router.get("/alerts/{alert_id}", response={200: AlertDetailOut} | ERRORS, **STAFF,
            summary="One alert and its example mentions")
def get_alert(request, alert_id: int):
    _staff(request)
    alert = selectors.visible_alerts(request.user).filter(pk=alert_id).first()
    if alert is None:
        raise Http404
    return _alert_out(alert) | {"example_mentions": [
        _mention_out(m) for m in selectors.examples(alert)]}


# --- watch lists -----------------------------------------------------------------------

@router.get("/watch-lists", response={200: dict} | ERRORS, **STAFF,
            summary="Watch lists of the organisations you see")
def list_watch_lists(request, organisation: str | None = None, page: int = 1,
                     page_size: int = 100):
    _staff(request)
    lists = selectors.visible_watch_lists(request.user)
    if organisation:
        lists = lists.filter(organisation=_organisation(request, organisation))
    return paginate(lists, page, page_size, _watch_list_out)


def _watch_list(request, code: str):
    watch_list = selectors.watch_list(_organisation(request, code))
    if watch_list is None:
        raise ApiError(404, "no_watch_list", _("This organisation has no watch list."),
                       {"organisation": code})
    return watch_list


@router.post("/watch-lists", response={201: WatchListOut} | ERRORS, **STAFF,
             summary="Create an organisation's watch list (its managers)")
def create_watch_list(request, payload: WatchListIn):
    organisation = _organisation(request, payload.organisation)
    if selectors.watch_list(organisation) is not None:
        raise ApiError(409, "watch_list_exists", _("This organisation already has a watch "
                                                   "list: change it with PATCH."),
                       {"organisation": organisation.code})
    watch_list = services.save_watch_list(request.user, organisation,
                                          terms_ms=payload.terms_ms,
                                          terms_en=payload.terms_en, topics=payload.topics)
    return Status(201, _watch_list_out(watch_list))


@router.get("/watch-lists/{code}", response={200: WatchListOut} | ERRORS, **STAFF,
            summary="One organisation's watch list")
def get_watch_list(request, code: str):
    return _watch_list_out(_watch_list(request, code))


@router.patch("/watch-lists/{code}", response={200: WatchListOut} | ERRORS, **STAFF,
              summary="Change an organisation's watch list (its managers)")
def change_watch_list(request, code: str, payload: WatchListPatch):
    current = _watch_list(request, code)
    watch_list = services.save_watch_list(
        request.user, current.organisation,
        terms_ms=current.terms_ms if payload.terms_ms is None else payload.terms_ms,
        terms_en=current.terms_en if payload.terms_en is None else payload.terms_en,
        topics=current.topics if payload.topics is None else payload.topics)
    return _watch_list_out(watch_list)


@router.delete("/watch-lists/{code}", response={204: None} | ERRORS, **STAFF,
               summary="Delete a watch list: only the organisation's own names are watched")
def delete_watch_list(request, code: str):
    services.delete_watch_list(request.user, _watch_list(request, code).organisation)
    return Status(204, None)


# --- mentions --------------------------------------------------------------------------

def _checked_rows(items: list) -> tuple[list[dict], list[dict]]:
    """The items as mention rows (monitor_detect's line rules, plus what storing needs:
    a text that is not blank, an id of 200 characters at most, each id once), and the
    refused ones by index with the reason in the reader's language."""
    rows, rejected, seen = [], [], {}
    for index, item in enumerate(items):
        mention, reason = read_row(item, "topic")
        if mention is not None:
            if not mention.text.strip():
                reason = _("the text is empty")
            elif len(mention.id) > 200:
                reason = _("the id is longer than 200 characters")
            elif mention.id in seen:
                reason = _("the same id as item %(index)s") % {"index": seen[mention.id]}
        if reason:
            rejected.append({"index": index, "message": reason})
            continue
        seen[mention.id] = index
        rows.append({"id": mention.id, "time": mention.time.isoformat(),
                     "text": mention.text, "topic": mention.topic or ""})
    return rows, rejected


@router.post("/mentions", response={202: ImportOut} | ERRORS, **STAFF,
             summary="Import mentions into the organisation's live detector (its managers)")
def import_mentions(request, payload: MentionsIn):
    organisation = _organisation(request, payload.organisation)
    if not payload.mentions:
        raise ApiError(400, "no_mentions", _("Send at least one mention."))
    if len(payload.mentions) > MAX_MENTIONS:
        raise ApiError(400, "too_many_mentions", _(
            "Send %(max)s mentions at most per request.") % {"max": MAX_MENTIONS},
            {"max": MAX_MENTIONS, "given": len(payload.mentions)})
    rows, rejected = _checked_rows(payload.mentions)
    if not rows:
        raise ApiError(400, "invalid_mentions", _("None of the mentions is valid."),
                       {"rejected": rejected})
    live.queue_import(request.user, organisation, rows)
    return Status(202, {"organisation": organisation.code, "accepted": len(rows),
                        "rejected": rejected})


# --- crises and claims -----------------------------------------------------------------

def _crisis(request, crisis_id: int) -> Crisis:
    _staff(request)
    crisis = selectors.visible_crises(request.user).filter(pk=crisis_id).first()
    if crisis is None:
        raise Http404
    return crisis


@router.get("/crises", response={200: dict} | ERRORS, **STAFF, summary="Crises, newest first")
def list_crises(request, organisation: str | None = None, state: str = "all",
                page: int = 1, page_size: int = 50):
    _staff(request)
    if state not in CRISIS_STATES:
        raise ApiError(400, "invalid_state", _("state must be active, ended or all."),
                       {"allowed": list(CRISIS_STATES)})
    crises = selectors.visible_crises(request.user)
    if organisation:
        crises = crises.filter(organisations=_organisation(request, organisation))
    if state != "all":
        crises = crises.filter(ended_at__isnull=state == "active")
    return paginate(crises, page, page_size, _crisis_out)


@router.get("/crises/{crisis_id}", response={200: CrisisDetailOut} | ERRORS, **STAFF,
            summary="One crisis: its timeline, claims, pinned answers and alerts")
def get_crisis(request, crisis_id: int):
    crisis = _crisis(request, crisis_id)
    timeline = [{"at": row.at.isoformat(), "kind": row.kind, "label": row.label,
                 "text": row.text, "user": row.user,
                 "links": [{"label": str(link.label), "url": link.url} for link in row.links]}
                for row in selectors.timeline(crisis)]
    return _crisis_out(crisis) | {
        "timeline": timeline,
        "claims": [_claim_out(c) for c in crisis.claims.select_related(
            "organisation", "marked_by").prefetch_related("alerts")],
        "pinned": [{"id": p.pk, "question_ms": p.question_ms, "question_en": p.question_en,
                    "answer_ms": p.answer_ms, "answer_en": p.answer_en}
                   for p in crisis.pinned.all()],
        "alerts": list(crisis.alerts.values_list("pk", flat=True))}


class ClaimFilters(Schema):
    organisation: str | None = None
    crisis: int | None = None
    status: str | None = None
    page: int = 1
    page_size: int = 50


@router.get("/claim-clusters", response={200: dict} | ERRORS, **STAFF,
            summary="Claims spreading (recorded by people or made from rumour alerts)")
def list_claims(request, filters: Query[ClaimFilters]):
    _staff(request)
    claims = selectors.visible_claims(request.user)
    if filters.organisation:
        claims = claims.filter(organisation=_organisation(request, filters.organisation))
    if filters.crisis is not None:
        claims = claims.filter(crisis=_crisis(request, filters.crisis))
    if filters.status:
        if filters.status not in ClaimStatus.values:
            raise ApiError(400, "unknown_status", _("Unknown status."),
                           {"allowed": ClaimStatus.values})
        claims = claims.filter(status=filters.status)
    return paginate(claims, filters.page, filters.page_size, _claim_out)


@router.post("/claim-clusters/{claim_id}/false", response={200: ClaimOut} | ERRORS, **STAFF,
             summary="Mark a claim false with the official clarification (canned reply and "
                     "draft post, as in the crisis room)")
def mark_claim_false(request, claim_id: int, payload: FalseIn):
    _staff(request)
    claim = selectors.visible_claims(request.user).filter(pk=claim_id).first()
    if claim is None:
        raise Http404
    claim = services.mark_claim(request.user, claim, status=ClaimStatus.FALSE,
                                clarification_ms=payload.clarification_ms,
                                clarification_en=payload.clarification_en,
                                account_ids=payload.account_ids)
    return _claim_out(claim)
