"""Discovery endpoints: citizens' reports (public, rate limited) and case triage (staff)."""

from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.security import django_auth

from rasmi import ratelimit
from rasmi.apikit import ApiError, enforce_rate_limit, error_responses, paginate
from rasmi.discovery import selectors, services
from rasmi.discovery.models import CaseState
from rasmi.registry.models import Organisation

router = Router(tags=["discovery"])
STAFF = {"auth": django_auth, "tags": ["discovery (staff)"]}
ERRORS = error_responses(400, 401, 403, 404, 429)


class ReportIn(Schema):
    url: str
    note: str = ""


class ReportOut(Schema):
    received: bool
    label: str
    organisation: str | None


class CaseOut(Schema):
    id: int
    state: str
    platform: str
    url: str
    handle: str
    display_name: str
    organisation: str | None
    label: str
    score: float
    reasons: list[dict]
    owner: str | None
    due_on: str | None
    opened_at: str


class TransitionIn(Schema):
    to_state: str
    note: str = ""
    organisation: str | None = None
    follow_up: str | None = None


def _case_out(case) -> dict:
    candidate = case.candidate
    return {"id": case.pk, "state": case.state, "platform": candidate.platform,
            "url": candidate.url, "handle": candidate.handle,
            "display_name": candidate.display_name,
            "organisation": case.organisation.code if case.organisation else None,
            "label": candidate.label, "score": candidate.score, "reasons": candidate.reasons,
            "owner": case.owner.username if case.owner else None,
            "due_on": case.due_on.isoformat() if case.due_on else None,
            "opened_at": case.opened_at.isoformat()}


@router.post("/reports", response={201: ReportOut} | ERRORS, auth=None,
             summary="Report a suspicious account (citizens; anonymous)")
def report(request: HttpRequest, payload: ReportIn):
    enforce_rate_limit(request, "report", 5)
    if len(payload.url) > 2048 or len(payload.note) > 500:
        raise ApiError(400, "too_long", _("The address or the note is too long."))
    candidate = services.report_account(payload.url, payload.note,
                                        client_id=ratelimit.client_id(request),
                                        language=get_language() or "")
    organisation = candidate.organisation.code if candidate.organisation else None
    return Status(201, {"received": True, "label": candidate.label,
                        "organisation": organisation})


@router.get("/cases", response={200: dict} | ERRORS, **STAFF, summary="Case queue")
def cases(request, state: str = "open", platform: str = "", organisation: str = "",
          label: str = "", sort: str = "score", page: int = 1, page_size: int = 50):
    if state not in ("open", "", *CaseState.values):
        raise ApiError(400, "invalid_state", _("Unknown case state."), {"state": state})
    queue = selectors.case_queue(request.user, state=state, platform=platform,
                                 organisation=organisation, label=label, sort=sort)
    return paginate(queue, page, page_size, _case_out)


@router.post("/cases/{case_id}/transition", response={200: CaseOut} | ERRORS, **STAFF,
             summary="Move a case (confirm, dismiss, request takedown, ...)")
def transition(request, case_id: int, payload: TransitionIn):
    case = selectors.visible_cases(request.user).filter(pk=case_id).first()
    if case is None:
        raise Http404
    organisation = None
    if payload.organisation:
        organisation = Organisation.objects.filter(code=payload.organisation).first()
        if organisation is None:
            raise ApiError(400, "unknown_organisation", _("Unknown organisation."))
    if payload.to_state not in CaseState.values:
        raise ApiError(400, "invalid_state", _("Unknown case state."))
    case = services.transition(request.user, case, payload.to_state, payload.note,
                               organisation=organisation, follow_up=payload.follow_up)
    return _case_out(case)


@router.get("/census", response={200: dict}, auth=None,
            summary="Found / confirmed / taken down per platform and month")
def census(request):
    enforce_rate_limit(request, "census")
    return selectors.discovery_census()
