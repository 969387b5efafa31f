"""Every write in discovery: candidates found, citizens' reports, case triage. Each in a
transaction with its audit entry; case officers act only on their own organisations."""

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rasmi.audit.services import record
from rasmi.core import links
from rasmi.core.matching import Register, score_candidate
from rasmi.core.signals import parse_day
from rasmi.discovery.models import (
    OPEN_STATES,
    Candidate,
    Case,
    CaseEvent,
    CaseState,
    CitizenReport,
    FollowUp,
    Label,
    Source,
)
from rasmi.discovery.selectors import register_snapshot
from rasmi.people import permissions
from rasmi.registry import services as registry_services
from rasmi.registry.errors import RegisterError
from rasmi.registry.models import AccountStatus, Organisation

# Which moves a case may make. Confirming writes the register; the takedown states follow.
TRANSITIONS = {
    CaseState.NEW: {CaseState.CONFIRMED_IMPERSONATION, CaseState.CONFIRMED_UNOFFICIAL,
                    CaseState.DISMISSED},
    CaseState.CONFIRMED_IMPERSONATION: {CaseState.TAKEDOWN_REQUESTED, CaseState.DISMISSED},
    CaseState.CONFIRMED_UNOFFICIAL: {CaseState.TAKEDOWN_REQUESTED, CaseState.DISMISSED},
    CaseState.DISMISSED: {CaseState.NEW},
    CaseState.TAKEDOWN_REQUESTED: {CaseState.TAKEN_DOWN, CaseState.STILL_LIVE},
    CaseState.STILL_LIVE: {CaseState.TAKEDOWN_REQUESTED, CaseState.TAKEN_DOWN},
    CaseState.TAKEN_DOWN: {CaseState.STILL_LIVE},
}
NEEDS_ACTION = (Label.IMPERSONATION, Label.UNOFFICIAL)
TRIAGE_DAYS = {Label.IMPERSONATION: 2, Label.UNOFFICIAL: 14}
MAX_TEXT = 2000


class DiscoveryError(RegisterError):
    """Same shape as register errors: code, message in the user's language, details."""


@dataclass
class IngestReport:
    read: int = 0
    created: int = 0
    updated: int = 0
    cases_opened: int = 0
    problems: list[str] = field(default_factory=list)
    labels: dict[str, int] = field(default_factory=dict)


def _case_officer(actor, organisation: Organisation | None) -> None:
    if organisation is None:
        permissions.require(permissions.is_coordinator(actor),
                            _("Only a national coordinator handles cases with no organisation."))
    else:
        permissions.require(permissions.can_handle_cases(actor, organisation),
                            _("You do not handle cases for this organisation."))


def _candidate_fields(data: dict, ref: links.AccountRef) -> dict:
    followers = data.get("followers")
    return {
        "platform": ref.platform, "url": ref.canonical_url, "handle": ref.handle,
        "display_name": str(data.get("display_name") or "")[:300],
        "bio": str(data.get("bio") or "")[:MAX_TEXT],
        "followers": followers if isinstance(followers, int) and followers >= 0 else None,
        "verified": data.get("verified") if isinstance(data.get("verified"), bool) else None,
        "created_on": parse_day(data.get("created_at")),
        "links": [str(x)[:500] for x in (data.get("links") or [])
                  if isinstance(x, str)][:20],
        "recent_posts": [str(x)[:MAX_TEXT] for x in (data.get("recent_posts") or [])
                         if isinstance(x, str)][:20],
    }


def _apply_score(candidate: Candidate, judged: dict, organisations: dict[str, Organisation]):
    candidate.label = judged["label"]
    candidate.score = judged["score"]
    candidate.reasons = judged["reasons"]
    candidate.organisation = organisations.get(judged["organisation"] or "")
    candidate.scored_at = timezone.now()


def _open_case(actor, candidate: Candidate, note: str = "") -> Case | None:
    existing = Case.objects.filter(candidate=candidate).first()
    if existing is not None:
        return None
    due = timezone.localdate() + dt.timedelta(days=TRIAGE_DAYS.get(candidate.label, 7))
    case = Case.objects.create(candidate=candidate, organisation=candidate.organisation,
                               due_on=due)
    CaseEvent.objects.create(case=case, actor=actor if _is_user(actor) else None,
                             kind=CaseEvent.Kind.OPENED, to_state=CaseState.NEW, note=note)
    return case


def _is_user(actor) -> bool:
    return getattr(actor, "pk", None) is not None


@transaction.atomic
def ingest(actor, candidates: Iterable[dict], source: str, *, register: Register | None = None,
           as_of: dt.date | None = None, is_demo: bool = False) -> IngestReport:
    """Score candidates against the register, keep them, and open a case for each that
    needs action (impersonation, unofficial). Coordinators only: it sees every organisation."""
    permissions.require(permissions.is_coordinator(actor),
                        _("Only a national coordinator can import candidates."))
    if source not in Source.values:
        raise DiscoveryError("invalid_source", _("Unknown candidate source."), {"source": source})
    register = register or register_snapshot()
    as_of = as_of or timezone.localdate()
    organisations = {org.code: org for org in Organisation.objects.all()}
    report = IngestReport()
    for number, data in enumerate(candidates, 1):
        report.read += 1
        ref = links.parse_account(str(data.get("url") or ""), data.get("platform") or None)
        if isinstance(ref, links.LinkError):
            report.problems.append(f"item {number}: {ref.reason}")
            continue
        judged = score_candidate(data, register, as_of=as_of)
        report.labels[judged["label"]] = report.labels.get(judged["label"], 0) + 1
        candidate = Candidate.objects.filter(account_key=ref.key).first()
        fields = _candidate_fields(data, ref)
        if candidate is None:
            candidate = Candidate(account_key=ref.key, source=source, is_demo=is_demo, **fields)
            report.created += 1
        else:
            for name, value in fields.items():
                if value not in (None, "", []):
                    setattr(candidate, name, value)
            candidate.last_seen_at = timezone.now()
            report.updated += 1
        _apply_score(candidate, judged, organisations)
        candidate.save()
        if candidate.label in NEEDS_ACTION and _open_case(actor, candidate, f"found via {source}"):
            report.cases_opened += 1
    record(actor, "discovery.ingest", object_type="discovery.batch", object_id=source,
           after={"read": report.read, "created": report.created, "updated": report.updated,
                  "cases_opened": report.cases_opened, "labels": report.labels})
    return report


def client_fingerprint(client_id: str) -> str:
    """Salted, daily-rotating hash: enough to stop a flood, useless to identify anyone."""
    day = timezone.localdate().isoformat()
    return hashlib.sha256(f"{settings.SECRET_KEY}|{day}|{client_id}".encode()).hexdigest()


REPORTABLE_STATES = ("not_registered", "unofficial", "unknown_platform")
REPORTS_PER_CLIENT_PER_DAY = 20


@transaction.atomic
def report_account(url: str, note: str, *, client_id: str, language: str = "") -> Candidate:
    """A citizen's report: files (or reinforces) a candidate and opens a case. Anonymous."""
    ref = links.parse_account(url or "")
    if isinstance(ref, links.LinkError):
        raise DiscoveryError("invalid_url", _("This is not an account address we can report: "
                                              "%(reason)s") % {"reason": ref.reason})
    fingerprint = client_fingerprint(client_id)
    since = timezone.now() - dt.timedelta(days=1)
    if CitizenReport.objects.filter(client_hash=fingerprint,
                                    created_at__gte=since).count() >= REPORTS_PER_CLIENT_PER_DAY:
        raise DiscoveryError("too_many_reports", _("Thank you; you have sent many reports "
                                                   "today. Please try again tomorrow."),
                             status=429)
    register = register_snapshot()
    known = register.accounts.get(ref.key)
    if known is not None and known.status == AccountStatus.OFFICIAL:
        raise DiscoveryError("official_account", _("This is a registered official account."))
    candidate = Candidate.objects.select_for_update().filter(account_key=ref.key).first()
    if candidate is None:
        candidate = Candidate(account_key=ref.key, source=Source.CITIZEN,
                              **_candidate_fields({}, ref))
        judged = score_candidate({"url": ref.canonical_url}, register,
                                 as_of=timezone.localdate())
        _apply_score(candidate, judged,
                     {org.code: org for org in Organisation.objects.filter(
                         code=judged["organisation"] or "")})
        candidate.save()
    duplicate = CitizenReport.objects.filter(candidate=candidate,
                                             client_hash=fingerprint).exists()
    if not duplicate:
        CitizenReport.objects.create(candidate=candidate, note=(note or "")[:500].strip(),
                                     language=language[:5], client_hash=fingerprint)
    case = Case.objects.filter(candidate=candidate).first() or _open_case(
        None, candidate, "reported by a citizen")
    if not duplicate:
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.REPORTED,
                                 note=(note or "")[:500].strip())
    record(None, "discovery.citizen_report", candidate,
           after={"account_key": ref.key, "duplicate": duplicate})
    return candidate


@transaction.atomic
def transition(actor, case: Case, to_state: str, note: str = "", *,
               organisation: Organisation | None = None,
               follow_up: str | None = None) -> Case:
    """Move a case. Confirming puts the account in the register (so verify warns at once);
    the organisation may be set or corrected when confirming."""
    # Lock only the case row: PostgreSQL refuses FOR UPDATE across the nullable join.
    case = Case.objects.select_for_update(of=("self",)).select_related(
        "candidate", "organisation").get(pk=case.pk)
    if organisation is not None and case.state == CaseState.NEW:
        _case_officer(actor, organisation)
        case.organisation = organisation
    _case_officer(actor, case.organisation)
    if to_state not in TRANSITIONS.get(case.state, set()):
        raise DiscoveryError("invalid_transition",
                             _("A case in state %(from)s cannot move to %(to)s.")
                             % {"from": case.state, "to": to_state},
                             {"from": case.state, "to": to_state})
    now = timezone.now()
    before = {"state": case.state, "organisation": getattr(case.organisation, "code", None)}
    if to_state in (CaseState.CONFIRMED_IMPERSONATION, CaseState.CONFIRMED_UNOFFICIAL):
        if case.organisation is None:
            raise DiscoveryError("organisation_required",
                                 _("Choose the organisation this account is about."))
        status = (AccountStatus.IMPERSONATION if to_state == CaseState.CONFIRMED_IMPERSONATION
                  else AccountStatus.UNOFFICIAL)
        ref = links.parse_account(case.candidate.url)
        case.account = registry_services.record_finding(
            actor, case.organisation, ref, status, note or f"confirmed in case {case.pk}")
        case.confirmed_at = now
        if to_state == CaseState.CONFIRMED_UNOFFICIAL:
            case.follow_up = follow_up if follow_up in FollowUp.values else FollowUp.RETIRE
    elif to_state == CaseState.TAKEDOWN_REQUESTED:
        case.takedown_requested_at = now
    elif to_state == CaseState.TAKEN_DOWN:
        case.taken_down_at, case.closed_at = now, now
    elif to_state == CaseState.DISMISSED:
        case.closed_at = now
    elif to_state == CaseState.NEW:
        case.closed_at = None
    elif to_state == CaseState.STILL_LIVE and case.state == CaseState.TAKEN_DOWN:
        case.came_back += 1
        case.closed_at = None
    from_state, case.state = case.state, to_state
    case.save()
    CaseEvent.objects.create(case=case, actor=actor, kind=CaseEvent.Kind.STATE,
                             from_state=from_state, to_state=to_state, note=note)
    record(actor, "discovery.case.transition", case, before=before,
           after={"state": to_state, "organisation": getattr(case.organisation, "code", None),
                  "note": note})
    return case


def bulk_transition(actor, cases: Iterable[Case], to_state: str, note: str = "") -> dict:
    """Apply one move to many cases; each succeeds or fails on its own."""
    done, failed = [], {}
    for case in cases:
        try:
            transition(actor, case, to_state, note)
            done.append(case.pk)
        except (DiscoveryError, RegisterError, permissions.PermissionDenied) as exc:
            failed[case.pk] = str(getattr(exc, "message", exc))
    return {"done": done, "failed": failed}


@transaction.atomic
def assign(actor, case: Case, owner, due_on: dt.date | None = None) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    _case_officer(actor, case.organisation)
    if owner is not None and not permissions.can_handle_cases(owner, case.organisation):
        raise DiscoveryError("owner_not_officer",
                             _("The owner must handle cases for this organisation."))
    before = {"owner": case.owner_id, "due_on": case.due_on}
    case.owner = owner
    if due_on is not None:
        case.due_on = due_on
    case.save()
    CaseEvent.objects.create(case=case, actor=actor, kind=CaseEvent.Kind.ASSIGNED,
                             note=f"{getattr(owner, 'username', '-')} / {case.due_on or '-'}")
    record(actor, "discovery.case.assign", case, before=before,
           after={"owner": case.owner_id, "due_on": case.due_on})
    return case


@transaction.atomic
def comment(actor, case: Case, text: str) -> CaseEvent:
    _case_officer(actor, case.organisation)
    text = (text or "").strip()
    if not text:
        raise DiscoveryError("empty_comment", _("Write a comment first."))
    event = CaseEvent.objects.create(case=case, actor=actor, kind=CaseEvent.Kind.COMMENT,
                                     note=text[:MAX_TEXT])
    record(actor, "discovery.case.comment", case, after={"comment": text[:MAX_TEXT]})
    return event


@dataclass
class RecheckReport:
    rescored: int = 0
    label_changed: int = 0
    came_back: list[int] = field(default_factory=list)
    still_gone: int = 0


@transaction.atomic
def recheck(actor, *, seen_keys: set[str] | None = None,
            as_of: dt.date | None = None) -> RecheckReport:
    """Re-score open new cases against today's register, and, given the accounts seen live
    again (a re-imported list or a connector sweep), reopen taken-down cases that came back."""
    permissions.require(permissions.is_coordinator(actor),
                        _("Only a national coordinator can run the re-check."))
    register = register_snapshot()
    as_of = as_of or timezone.localdate()
    organisations = {org.code: org for org in Organisation.objects.all()}
    report = RecheckReport()
    for case in Case.objects.filter(state=CaseState.NEW).select_related("candidate"):
        candidate = case.candidate
        old = candidate.label
        _apply_score(candidate, score_candidate(candidate.as_input(), register, as_of=as_of),
                     organisations)
        candidate.save()
        report.rescored += 1
        if candidate.label != old:
            report.label_changed += 1
            CaseEvent.objects.create(case=case, actor=actor, kind=CaseEvent.Kind.RESCORED,
                                     note=f"{old} -> {candidate.label} ({candidate.score:.2f})")
    if seen_keys is not None:
        for case in Case.objects.filter(state=CaseState.TAKEN_DOWN).select_related("candidate"):
            if case.candidate.account_key in seen_keys:
                case.state, case.closed_at = CaseState.STILL_LIVE, None
                case.came_back += 1
                case.save()
                CaseEvent.objects.create(case=case, actor=actor, kind=CaseEvent.Kind.RECHECKED,
                                         from_state=CaseState.TAKEN_DOWN,
                                         to_state=CaseState.STILL_LIVE,
                                         note="seen live again after takedown")
                report.came_back.append(case.pk)
            else:
                report.still_gone += 1
    record(actor, "discovery.recheck", object_type="discovery.batch", object_id="recheck",
           after={"rescored": report.rescored, "label_changed": report.label_changed,
                  "came_back": report.came_back})
    return report


def open_cases():
    return Case.objects.filter(state__in=OPEN_STATES)
