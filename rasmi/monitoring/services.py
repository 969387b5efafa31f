"""Every write of monitoring and crisis mode: one transaction, one audit entry each, and
the rules of policy.py enforced here whoever calls (web, command, the detector's replay).

Alerts reach people three ways at once: the live banner (a query, nothing to write), the
crisis timeline when a crisis is active, and an e-mail to each crisis contact in their
language, sent when the alert's transaction commits (notify.py).

Crisis mode is also publishing's crisis mode: starting a crisis switches the SOP's
`crisis_active` on for each of its organisations (so the SOP's crisis officers may
fast-track), and ending the last active crisis of an organisation switches it off.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from rasmi.audit.services import record
from rasmi.core.text import identifiers
from rasmi.errors import UserError
from rasmi.inbox.canned import validate_canned
from rasmi.inbox.models import CannedReply, Team
from rasmi.monitoring import claims, crisis_routing, holding, notify, policy, watch
from rasmi.monitoring.models import (
    Alert,
    AlertKind,
    ClaimCluster,
    ClaimStatus,
    Crisis,
    CrisisContact,
    CrisisEvent,
    CrisisKind,
    CrisisPost,
    CrisisPostKind,
    EventKind,
    Mention,
    MentionSource,
    PinnedAnswer,
    WatchList,
)
from rasmi.people import permissions
from rasmi.publishing import policy as publishing_policy
from rasmi.publishing import services as publishing
from rasmi.publishing.models import SopSettings
from rasmi.publishing.services import MEDIA_NEEDED
from rasmi.registry.models import AccountStatus, Organisation, SocialAccount

TOPIC = re.compile(r"^[a-z0-9_:-]{1,60}$")
MAX_NOTE = 4000
MAX_EXAMPLES = 50
CLAIMS_JOIN_CRISIS_WITHIN = dt.timedelta(hours=48)
MASK = "[•••]"
# Platforms whose limits (X 280 characters, Threads 500) take a holding statement's short
# version rather than the full text.
SHORT_PLATFORMS = frozenset({"x", "threads"})


class MonitoringError(UserError):
    """A monitoring rule said no (bad alert fields, a crisis already ended...)."""


def _require(allowed: bool, message) -> None:
    if not allowed:
        raise PermissionDenied(message)


# --- mentions --------------------------------------------------------------------------

def _aware(value, field: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        when = value
    else:
        when = parse_datetime(value) if isinstance(value, str) else None
        if when is None:
            raise MonitoringError("bad_time", _("%(field)s is not an ISO 8601 time.")
                                  % {"field": field}, details={"field": field})
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    return when


def _masked(text: str) -> str:
    """Mentions keep what was said, not who can be reached: identifiers masked."""
    return identifiers.redact(text, mask=MASK)


def mention_key(row: dict) -> str:
    """The id a mention row is stored under (its "id", trimmed)."""
    return str(row.get("id") or "").strip()[:200]


def record_mentions(organisation: Organisation, rows: Iterable[dict], *, source: str,
                    account: SocialAccount | None = None, actor=None) -> int:
    """Store mentions ({"id", "time", "text", "topic"}, the detector's input lines) once
    each: a row already stored (same organisation, source and id) is left as it is.
    Returns how many were new. One audit entry for the batch."""
    return len(store_mentions(organisation, rows, source=source, account=account,
                              actor=actor))


@transaction.atomic
def store_mentions(organisation: Organisation, rows: Iterable[dict], *, source: str,
                   account: SocialAccount | None = None, actor=None) -> set[str]:
    """record_mentions, returning the keys (mention_key) of the rows that were new."""
    if source not in MentionSource.values:
        raise MonitoringError("bad_source", _("Unknown mention source."))
    wanted: dict[str, Mention] = {}
    for number, row in enumerate(rows, start=1):
        mention_id = mention_key(row)
        text = str(row.get("text") or "").strip()
        if not mention_id or not text:
            raise MonitoringError("bad_mention", _("Mention %(number)s needs an id and a text.")
                                  % {"number": number}, details={"row": number})
        wanted.setdefault(mention_id, Mention(
            organisation=organisation, source=source, external_id=mention_id,
            at=_aware(row.get("time"), "time"), text=_masked(text)[:10000],
            topic=str(row.get("topic") or "").strip()[:60], account=account))
    stored = set(Mention.objects.filter(
        organisation=organisation, source=source, external_id__in=list(wanted))
        .values_list("external_id", flat=True))
    new = [m for key, m in wanted.items() if key not in stored]
    Mention.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    if new:
        record(actor, "monitoring.mentions.record", organisation,
               after={"source": source, "new": len(new), "given": len(wanted)})
    return {m.external_id for m in new}


# --- alerts ----------------------------------------------------------------------------

def _number(value, field: str, *, whole: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
            or value < 0 or (whole and int(value) != value):
        raise MonitoringError("bad_number", _("%(field)s must be a number of zero or more.")
                              % {"field": field}, details={"field": field})
    return int(value) if whole else float(value)


def clean_alert(fields: dict) -> dict:
    """The contract's fields, checked: a bad value is refused with the field named."""
    if not isinstance(fields, dict):
        raise MonitoringError("bad_alert", _("An alert is a JSON object."))
    alert_id = str(fields.get("alert_id") or "").strip()
    if not alert_id or len(alert_id) > 100:
        raise MonitoringError("bad_alert_id", _("The alert needs an alert_id (100 characters "
                                                "at most)."), details={"field": "alert_id"})
    terms, examples = fields.get("terms") or [], fields.get("examples") or []
    if not isinstance(terms, list) or not isinstance(examples, list):
        raise MonitoringError("bad_list", _("terms and examples must be lists."))
    kind = fields.get("kind") or AlertKind.BURST  # not in the contract line: a burst
    if kind not in AlertKind.values:
        raise MonitoringError("bad_kind", _("kind must be burst or rumour."),
                              details={"field": "kind"})
    started = _aware(fields.get("started_at"), "started_at")
    detected = _aware(fields.get("detected_at"), "detected_at")
    return {
        "alert_id": alert_id, "kind": kind, "topic": str(fields.get("topic") or "").strip()[:60],
        "terms": [str(t).strip()[:80] for t in terms if str(t).strip()][:20],
        "started_at": min(started, detected), "detected_at": detected,
        "count": _number(fields.get("count"), "count", whole=True),
        "baseline": _number(fields.get("baseline"), "baseline"),
        "score": _number(fields.get("score"), "score"),
        "examples": [str(e).strip()[:200] for e in examples if str(e).strip()][:MAX_EXAMPLES],
    }


def active_crisis_of(organisation) -> Crisis | None:
    return (Crisis.objects.filter(organisations=organisation, ended_at__isnull=True)
            .order_by("-started_at").first())


def record_alert(organisation: Organisation, alert_fields: dict, actor=None) -> Alert:
    """Store the detector's alert once per organisation and alert_id (a repeat returns
    the stored alert and sends nothing), join it to the active crisis, make a rumour's
    claim (claim_from_rumour), and e-mail the crisis contacts when the transaction
    commits."""
    fields = clean_alert(alert_fields)
    existing = Alert.objects.filter(organisation=organisation,
                                    alert_id=fields["alert_id"]).first()
    if existing is not None:
        return existing
    try:
        return _record_new_alert(organisation, fields, actor)
    except IntegrityError:  # another process stored the same alert a moment ago
        return Alert.objects.get(organisation=organisation, alert_id=fields["alert_id"])


@transaction.atomic
def _record_new_alert(organisation, fields: dict, actor) -> Alert:
    crisis = active_crisis_of(organisation)
    alert = Alert.objects.create(organisation=organisation, crisis=crisis, **fields)
    alert.example_mentions.set(Mention.objects.filter(
        organisation=organisation, external_id__in=fields["examples"]))
    if crisis is not None:
        _event(crisis, EventKind.ALERT, actor=None, links={"alert": alert.pk})
    record(actor, "monitoring.alert.record", alert,
           after=fields | {"organisation": organisation.code,
                           "crisis": crisis.pk if crisis else None})
    if alert.kind == AlertKind.RUMOUR:
        claim_from_rumour(alert)
    transaction.on_commit(lambda: notify.send_alert(alert.pk))
    return alert


OPEN_CLAIMS_COMPARED = 200  # the newest open claims a rumour's text is compared with


@transaction.atomic
def claim_from_rumour(alert: Alert) -> ClaimCluster | None:
    """The claim a rumour alert spreads, ready to be judged in the crisis room without
    building it by hand: its text is the example most like the others. A rumour that
    comes back (an open claim of the organisation saying the same) joins that claim;
    otherwise a new one, in the active crisis if there is one. Once per alert: called
    again, it returns the claim the alert already joined."""
    done = alert.claims.first()
    if done is not None:
        return done
    texts = list(alert.example_mentions.order_by("at").values_list("text", flat=True))
    text = claims.claim_text(texts) or ", ".join(alert.terms)
    if not text:
        return None  # no stored example and no terms: nothing a person could judge
    organisation = alert.organisation
    claim = next((c for c in ClaimCluster.objects.select_for_update().filter(
        organisation=organisation, status=ClaimStatus.OPEN)[:OPEN_CLAIMS_COMPARED]
        if claims.same_claim(c.text, text)), None)
    if claim is None:
        return record_claim(None, text=text, crisis=alert.crisis, organisation=organisation,
                            mention_ids=alert.examples, terms=alert.terms,
                            count=alert.count, alert=alert)
    before = {"mentions": claim.mention_ids, "terms": claim.terms, "count": claim.count}
    claim.mention_ids = list(dict.fromkeys(claim.mention_ids + alert.examples))[:MAX_EXAMPLES]
    claim.terms = list(dict.fromkeys(claim.terms + alert.terms))[:20]
    claim.count += alert.count
    if claim.crisis_id is None and alert.crisis_id is not None:
        claim.crisis = alert.crisis
    claim.save()
    claim.alerts.add(alert)
    if claim.crisis_id:
        _event(claim.crisis, EventKind.CLAIM, actor=None, text=claim.text,
               links={"claim": claim.pk, "alert": alert.pk})
    record(None, "monitoring.claim.rumour", claim, before=before, after={
        "alert": alert.pk, "mentions": claim.mention_ids, "terms": claim.terms,
        "count": claim.count})
    return claim


@transaction.atomic
def acknowledge_alert(actor, alert: Alert) -> Alert:
    alert = (Alert.objects.select_for_update(of=("self",)).select_related("organisation")
             .get(pk=alert.pk))
    _require(policy.can_work(actor, alert.organisation),
             _("Your role may not acknowledge alerts for this organisation."))
    if alert.acknowledged_at is not None:
        return alert
    alert.acknowledged_by, alert.acknowledged_at = actor, timezone.now()
    alert.save(update_fields=["acknowledged_by", "acknowledged_at"])
    record(actor, "monitoring.alert.acknowledge", alert,
           after={"acknowledged_at": alert.acknowledged_at})
    return alert


# --- watch list and crisis contacts ----------------------------------------------------

def clean_topics(topics: Iterable[str]) -> list[str]:
    cleaned = []
    for topic in topics or []:
        topic = str(topic).strip().lower()
        if not TOPIC.match(topic):
            raise MonitoringError("bad_topic", _("A topic is a short word such as flood or "
                                                 "dengue."), details={"topic": topic[:60]})
        if topic not in cleaned:
            cleaned.append(topic)
    return cleaned


def watch_snapshot(watch_list: WatchList) -> dict:
    return {"terms_ms": watch_list.terms_ms, "terms_en": watch_list.terms_en,
            "topics": watch_list.topics}


WATCH_LIST_MANAGERS = _("Only the organisation's administrator, its approvers or a "
                        "coordinator may change what it watches.")


@transaction.atomic
def save_watch_list(actor, organisation, *, terms_ms: Iterable[str], terms_en: Iterable[str],
                    topics: Iterable[str]) -> WatchList:
    _require(policy.can_manage(actor, organisation), WATCH_LIST_MANAGERS)
    watch_list, created = WatchList.objects.select_for_update().get_or_create(
        organisation=organisation)
    before = None if created else watch_snapshot(watch_list)
    watch_list.terms_ms = watch.clean_terms(terms_ms)
    watch_list.terms_en = watch.clean_terms(terms_en)
    watch_list.topics = clean_topics(topics)
    watch_list.save()
    record(actor, "monitoring.watch_list.save", watch_list, before=before,
           after=watch_snapshot(watch_list))
    return watch_list


@transaction.atomic
def delete_watch_list(actor, organisation) -> None:
    """Back to watching the organisation's own names only."""
    _require(policy.can_manage(actor, organisation), WATCH_LIST_MANAGERS)
    watch_list = WatchList.objects.select_for_update().filter(
        organisation=organisation).first()
    if watch_list is None:
        raise MonitoringError("no_watch_list", _("This organisation has no watch list."),
                              status=404)
    record(actor, "monitoring.watch_list.delete", watch_list,
           before=watch_snapshot(watch_list) | {"organisation": organisation.code})
    watch_list.delete()


@transaction.atomic
def add_crisis_contact(actor, organisation, user, *, language: str = "ms",
                       email: str = "") -> CrisisContact:
    _require(policy.can_manage(actor, organisation),
             _("Only the organisation's administrator, its approvers or a coordinator may "
               "choose its crisis contacts."))
    if not (permissions.roles_in(user, organisation) or permissions.is_coordinator(user)):
        raise MonitoringError("not_a_member", _("A crisis contact must work for the "
                                                "organisation."))
    if language not in ("ms", "en"):
        raise MonitoringError("language", _("Choose Bahasa Melayu or English."))
    email = email.strip()
    if not (email or user.email):
        raise MonitoringError("no_email", _("Give an e-mail address: this person has none "
                                            "in Rasmi."))
    contact, created = CrisisContact.objects.update_or_create(
        organisation=organisation, user=user, defaults={"language": language, "email": email})
    record(actor, "monitoring.crisis_contact.add" if created else
           "monitoring.crisis_contact.change", contact,
           after={"organisation": organisation.code, "user": user.get_username(),
                  "language": language, "email": contact.address})
    return contact


@transaction.atomic
def remove_crisis_contact(actor, contact: CrisisContact) -> None:
    _require(policy.can_manage(actor, contact.organisation),
             _("Only the organisation's administrator, its approvers or a coordinator may "
               "choose its crisis contacts."))
    record(actor, "monitoring.crisis_contact.remove", contact,
           before={"organisation": contact.organisation.code,
                   "user": contact.user.get_username()})
    contact.delete()


# --- crisis mode -----------------------------------------------------------------------

def _event(crisis: Crisis, kind: str, *, actor, text: str = "", links: dict | None = None,
           at: dt.datetime | None = None) -> CrisisEvent:
    return CrisisEvent.objects.create(crisis=crisis, kind=kind, text=text, links=links or {},
                                      at=at or timezone.now(),
                                      user=actor if getattr(actor, "pk", None) else None)


def _routing_changed() -> None:
    """Drop the routing snapshot now (this transaction's reads) and after commit."""
    crisis_routing.invalidate()
    transaction.on_commit(crisis_routing.invalidate)


def _sync_crisis_mode(actor, organisation: Organisation) -> None:
    """Publishing's crisis mode follows the organisation's active crises."""
    # Read afresh and locked: the organisation object may carry an SOP read earlier.
    sop = (SopSettings.objects.select_for_update().filter(organisation=organisation).first()
           or SopSettings(organisation=organisation))
    active = active_crisis_of(organisation)
    before = {"crisis_active": sop.crisis_active, "crisis_name": sop.crisis_name}
    name = active.name[:200] if active else ""
    if sop.pk and before == {"crisis_active": active is not None, "crisis_name": name}:
        return
    if active and not sop.crisis_active:
        sop.crisis_started_at = active.started_at
    elif not active:
        sop.crisis_started_at = None
    sop.crisis_active, sop.crisis_name = active is not None, name
    existed = sop.pk is not None
    sop.save()
    organisation.sop = sop  # what policy.sop_for(organisation) reads from now on
    record(actor, "sop.crisis_mode", sop, before=before if existed else None,
           after={"crisis_active": sop.crisis_active, "crisis_name": sop.crisis_name,
                  "crisis": active.pk if active else None})


def crisis_snapshot(crisis: Crisis) -> dict:
    return {"name": crisis.name, "kind": crisis.kind, "topics": crisis.topics,
            "terms": crisis.terms, "team": crisis.team_id,
            "lead": crisis.lead_organisation.code,
            "organisations": sorted(o.code for o in crisis.organisations.all()),
            "started_at": crisis.started_at, "ended_at": crisis.ended_at}


@transaction.atomic
def start_crisis(actor, *, organisations: list[Organisation], lead: Organisation, name: str,
                 kind: str, topics: Iterable[str] = (), terms: Iterable[str] = (),
                 team: Team | None = None, alert: Alert | None = None) -> Crisis:
    """Crisis mode on for a named crisis, for one organisation or (a coordinator) several."""
    organisations = list({o.pk: o for o in [lead, *organisations]}.values())
    for organisation in organisations:
        _require(policy.can_manage(actor, organisation),
                 _("Only the organisation's administrator, its approvers or a coordinator "
                   "may start crisis mode."))
    name = " ".join((name or "").split())[:200]
    if not name:
        raise MonitoringError("crisis_name", _("Name the crisis."))
    if kind not in CrisisKind.values:
        raise MonitoringError("crisis_kind", _("Choose the kind of crisis."))
    if team is not None and team.organisation_id not in {o.pk for o in organisations}:
        raise MonitoringError("team_elsewhere", _("The crisis team must belong to one of the "
                                                  "crisis's organisations."))
    if alert is not None and alert.organisation_id not in {o.pk for o in organisations}:
        raise MonitoringError("alert_elsewhere", _("That alert belongs to another "
                                                   "organisation."))
    crisis = Crisis.objects.create(
        lead_organisation=lead, name=name, kind=kind, topics=clean_topics(topics),
        terms=watch.clean_terms(terms), team=team, started_at=timezone.now(),
        started_by=actor)
    crisis.organisations.set(organisations)
    _event(crisis, EventKind.STARTED, actor=actor, at=crisis.started_at,
           links={"alert": alert.pk} if alert else {})
    if alert is not None:
        alert = Alert.objects.select_for_update().get(pk=alert.pk)
        alert.crisis = crisis
        if alert.acknowledged_at is None:
            alert.acknowledged_by, alert.acknowledged_at = actor, crisis.started_at
        alert.save(update_fields=["crisis", "acknowledged_by", "acknowledged_at"])
        # A crisis started from a rumour: its claim goes into the crisis room.
        ClaimCluster.objects.filter(alerts=alert, crisis__isnull=True).update(crisis=crisis)
    # Open claims the detector made shortly before crisis mode are most likely about
    # this crisis: the crisis room is where they are judged (and marked false).
    ClaimCluster.objects.filter(
        organisation__in=organisations, crisis__isnull=True, status=ClaimStatus.OPEN,
        created_at__gte=crisis.started_at - CLAIMS_JOIN_CRISIS_WITHIN).update(crisis=crisis)
    record(actor, "monitoring.crisis.start", crisis, after=crisis_snapshot(crisis)
           | {"alert": alert.pk if alert else None})
    for organisation in organisations:
        _sync_crisis_mode(actor, organisation)
    _routing_changed()
    return crisis


def _locked(crisis: Crisis) -> Crisis:
    return Crisis.objects.select_for_update(of=("self",)).select_related("lead_organisation").get(
        pk=crisis.pk)


def _require_active(crisis: Crisis) -> None:
    if crisis.ended_at is not None:
        raise MonitoringError("crisis_ended", _("This crisis has ended."), status=409)


@transaction.atomic
def end_crisis(actor, crisis: Crisis, note: str = "") -> Crisis:
    crisis = _locked(crisis)
    _require(policy.can_end_crisis(actor, crisis),
             _("Only the lead organisation's administrator, its approvers or a coordinator "
               "may end crisis mode."))
    _require_active(crisis)
    crisis.ended_at, crisis.ended_by = timezone.now(), actor
    crisis.save(update_fields=["ended_at", "ended_by", "updated_at"])
    _event(crisis, EventKind.ENDED, actor=actor, text=note.strip()[:MAX_NOTE],
           at=crisis.ended_at)
    record(actor, "monitoring.crisis.end", crisis, after={"ended_at": crisis.ended_at,
                                                          "note": note.strip()})
    for organisation in crisis.organisations.all():
        _sync_crisis_mode(actor, organisation)
    _routing_changed()
    return crisis


@transaction.atomic
def add_note(actor, crisis: Crisis, text: str) -> CrisisEvent:
    crisis = _locked(crisis)
    _require(policy.can_work_crisis(actor, crisis),
             _("Your role may not write in this crisis room."))
    text = (text or "").strip()
    if not text:
        raise MonitoringError("empty_note", _("Write the note first."))
    if len(text) > MAX_NOTE:
        raise MonitoringError("long_note", _("A note has %(max)s characters at most.")
                              % {"max": MAX_NOTE})
    event = _event(crisis, EventKind.NOTE, actor=actor, text=text)
    record(actor, "monitoring.crisis.note", event, after={"crisis": crisis.pk, "text": text})
    return event


def _canned_for(organisation, title: str, text_ms: str, text_en: str, topic: str,
                intent: str) -> CannedReply:
    """Create or refresh the inbox's canned reply of that title."""
    canned, _created = CannedReply.objects.update_or_create(
        organisation=organisation, title=title[:120],
        defaults={"text_ms": text_ms, "text_en": text_en, "topic": topic[:40],
                  "intent": intent})
    return canned


@transaction.atomic
def pin_answer(actor, crisis: Crisis, *, question_ms: str, answer_ms: str,
               question_en: str = "", answer_en: str = "") -> PinnedAnswer:
    """Pin the answer to one of the most asked questions; each organisation of the
    crisis the actor works for gets it as an inbox canned reply."""
    crisis = _locked(crisis)
    _require(policy.can_work_crisis(actor, crisis),
             _("Your role may not write in this crisis room."))
    _require_active(crisis)
    question_ms, answer_ms = question_ms.strip(), answer_ms.strip()
    question_en, answer_en = question_en.strip(), answer_en.strip()
    if not question_ms or not answer_ms:
        raise MonitoringError("pin_missing", _("Give the question and the answer in Bahasa "
                                               "Melayu."))
    validate_canned(answer_ms, answer_en)
    pinned = PinnedAnswer.objects.create(
        crisis=crisis, question_ms=question_ms[:300], question_en=question_en[:300],
        answer_ms=answer_ms, answer_en=answer_en, pinned_by=actor)
    topic = crisis.topics[0] if crisis.topics else ""
    canned = [_canned_for(org, f"{crisis.name}: {question_ms}", answer_ms, answer_en, topic,
                          "question")
              for org in crisis.organisations.all() if policy.can_work(actor, org)]
    pinned.canned_replies.set(canned)
    _event(crisis, EventKind.PINNED_ANSWER, actor=actor, text=question_ms,
           links={"pinned": pinned.pk, "canned_replies": [c.pk for c in canned]})
    record(actor, "monitoring.crisis.pin_answer", pinned, after={
        "crisis": crisis.pk, "question_ms": question_ms, "answer_ms": answer_ms,
        "question_en": question_en, "answer_en": answer_en,
        "canned_replies": [c.pk for c in canned]})
    return pinned


@transaction.atomic
def record_claim(actor, *, text: str, crisis: Crisis | None = None,
                 organisation: Organisation | None = None, mention_ids: Iterable[str] = (),
                 terms: Iterable[str] = (), count: int = 0,
                 alert: Alert | None = None) -> ClaimCluster:
    """A claim spreading, seen by a person in the crisis room or by the detector
    (actor None, from its rumour `alert`)."""
    if crisis is None and organisation is None:
        raise MonitoringError("claim_scope", _("A claim belongs to a crisis or an "
                                               "organisation."))
    if actor is not None:
        _require(policy.can_work_crisis(actor, crisis) if crisis else
                 policy.can_work(actor, organisation),
                 _("Your role may not record claims here."))
    text = " ".join((text or "").split())
    if not text:
        raise MonitoringError("empty_claim", _("Say what the claim is."))
    claim = ClaimCluster.objects.create(
        crisis=crisis, organisation=organisation, text=_masked(text)[:2000],
        mention_ids=[str(m)[:200] for m in mention_ids][:MAX_EXAMPLES],
        terms=[str(t)[:80] for t in terms][:20], count=max(0, int(count)))
    if alert is not None:
        claim.alerts.add(alert)
    if crisis is not None:
        _event(crisis, EventKind.CLAIM, actor=actor, text=claim.text,
               links={"claim": claim.pk} | ({"alert": alert.pk} if alert else {}))
    record(actor, "monitoring.claim.record", claim, after={
        "crisis": crisis.pk if crisis else None,
        "organisation": organisation.code if organisation else None, "text": claim.text,
        "mentions": claim.mention_ids, "alert": alert.pk if alert else None})
    return claim


def text_accounts(organisation) -> list[SocialAccount]:
    """The organisation's official accounts a text-only post can go to (Instagram and
    TikTok need media, YouTube a video), within its SOP's platforms."""
    sop = publishing_policy.sop_for(organisation)
    accounts = SocialAccount.objects.filter(organisation=organisation,
                                            status=AccountStatus.OFFICIAL).exclude(
        platform__in=[*MEDIA_NEEDED, "youtube"]).order_by("platform", "handle")
    if sop.platforms:
        accounts = accounts.filter(platform__in=sop.platforms)
    return list(accounts)


def _require_drafter(actor, organisation) -> None:
    if not publishing_policy.can_draft(actor, organisation):
        raise MonitoringError("cannot_draft", _(
            "Your role may not draft posts for %(organisation)s: ask one of its editors, "
            "or a crisis officer named in its SOP.") % {"organisation": organisation.name},
            status=403)


def _accounts_for(organisation, account_ids: list[int] | None) -> list[SocialAccount]:
    allowed = {a.pk: a for a in text_accounts(organisation)}
    chosen = list(allowed) if account_ids is None else [pk for pk in account_ids
                                                         if pk in allowed]
    if not chosen:
        raise MonitoringError("no_accounts", _(
            "Choose at least one official account that takes text posts (Facebook, X, "
            "Threads...)."))
    return [allowed[pk] for pk in chosen]


def _crisis_organisation(crisis: Crisis, organisation) -> Organisation:
    organisation = organisation or crisis.lead_organisation
    if not crisis.organisations.filter(pk=organisation.pk).exists():
        raise MonitoringError("not_in_crisis", _("That organisation is not part of this "
                                                 "crisis."))
    return organisation


@transaction.atomic
def mark_claim(actor, claim: ClaimCluster, *, status: str, clarification_ms: str = "",
               clarification_en: str = "", account_ids: list[int] | None = None,
               ) -> ClaimCluster:
    """The organisation's verdict on a claim. False with a clarification: the
    clarification becomes an inbox canned reply and a draft clarification post."""
    claim = ClaimCluster.objects.select_for_update(of=("self",)).select_related(
        "crisis", "crisis__lead_organisation", "organisation").get(pk=claim.pk)
    organisation = claim.organisation or claim.crisis.lead_organisation
    _require(policy.can_work(actor, organisation),
             _("Your role may not judge claims for this organisation."))
    if status not in ClaimStatus.values or status == ClaimStatus.OPEN:
        raise MonitoringError("claim_status", _("Choose false, true or unclear."))
    clarification_ms, clarification_en = clarification_ms.strip(), clarification_en.strip()
    before = {"status": claim.status, "clarification_ms": claim.clarification_ms,
              "clarification_en": claim.clarification_en}
    claim.status, claim.marked_by, claim.marked_at = status, actor, timezone.now()
    claim.clarification_ms, claim.clarification_en = clarification_ms, clarification_en
    if status == ClaimStatus.FALSE:
        if not clarification_ms:
            raise MonitoringError("clarification_needed", _(
                "A false claim needs the official clarification in Bahasa Melayu."))
        validate_canned(clarification_ms, clarification_en)
        claim.canned_reply = _canned_for(
            organisation, f"Penjelasan: {claim.text[:100]}", clarification_ms,
            clarification_en, "fake_news", "question")
        if claim.post_id is None:
            _require_drafter(actor, organisation)
            text = clarification_ms + (f"\n\n{clarification_en}" if clarification_en else "")
            claim.post = publishing.create_post(actor, organisation, publishing.PostInput(
                title=f"Penjelasan: {claim.text[:150]}", text=text,
                account_ids=[a.pk for a in _accounts_for(organisation, account_ids)]))
            if claim.crisis_id:
                CrisisPost.objects.create(crisis=claim.crisis, post=claim.post,
                                          kind=CrisisPostKind.CLARIFICATION)
    claim.save()
    if claim.crisis_id:
        _event(claim.crisis, EventKind.CLAIM, actor=actor, text=claim.text, links={
            "claim": claim.pk, "status": status, "post": claim.post_id,
            "canned_reply": claim.canned_reply_id})
    record(actor, "monitoring.claim.mark", claim, before=before, after={
        "status": status, "clarification_ms": clarification_ms,
        "clarification_en": clarification_en, "post": claim.post_id,
        "canned_reply": claim.canned_reply_id})
    return claim


@transaction.atomic
def use_holding_statement(actor, crisis: Crisis, key: str, values: dict[str, str], *,
                          language: str = "both", organisation: Organisation | None = None,
                          account_ids: list[int] | None = None):
    """A holding statement filled in and drafted as a publishing post, ready for a
    crisis officer to fast-track. X and Threads accounts get the short version."""
    crisis = _locked(crisis)
    _require_active(crisis)
    organisation = _crisis_organisation(crisis, organisation)
    _require(policy.can_work_crisis(actor, crisis),
             _("Your role may not write in this crisis room."))
    _require_drafter(actor, organisation)
    template = holding.template(key)
    text, short = holding.compose(template, values, language)
    accounts = _accounts_for(organisation, account_ids)
    post = publishing.create_post(actor, organisation, publishing.PostInput(
        title=f"{template.title_ms}: {crisis.name}"[:200], text=text,
        account_ids=[a.pk for a in accounts],
        target_texts={a.pk: short for a in accounts if a.platform in SHORT_PLATFORMS}))
    CrisisPost.objects.create(crisis=crisis, post=post, kind=CrisisPostKind.HOLDING,
                              template=key)
    _event(crisis, EventKind.HOLDING_STATEMENT, actor=actor, text=post.title,
           links={"post": post.pk, "template": key})
    record(actor, "monitoring.crisis.holding_statement", crisis, after={
        "template": key, "language": language, "post": post.pk,
        "values": holding.check_values(template, values)})
    return post

