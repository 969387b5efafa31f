"""The live path: mentions -> the organisation's surge detector -> alerts, in seconds.

Inbox ingest hands each organisation's new messages from the public to the
`observe_mentions` task once its transaction commits (`queue_from_inbox`); the worker
runs `observe`, which stores them as mentions, feeds them to the organisation's
detector (core.surge) in time order and records what it raises (banner, e-mail).

The detector's state lives in DetectorState, so what it learnt survives restarts and is
shared by the workers. Loading and saving it costs a tenth of a second on a busy stream,
so a worker keeps the detector it last used in memory while the stored state has not
moved on, and saves at most every SAVE_EVERY seconds (and whenever it raised an alert).

Mentions far older than what the detector has seen (an import of last year's comments,
a page polled late) are stored but not fed: counted now, they would look like a surge.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rasmi.audit.services import record
from rasmi.core.surge import Mention as StreamMention
from rasmi.core.surge import SurgeDetector
from rasmi.monitoring import policy, services
from rasmi.monitoring.models import Alert, DetectorState

log = logging.getLogger(__name__)

SAVE_EVERY = dt.timedelta(seconds=60)
LATE = dt.timedelta(minutes=10)  # how far behind the detector a mention may still count

# organisation id -> (the stored state's updated_at it came from, the detector)
_detectors: dict[int, tuple[dt.datetime, SurgeDetector]] = {}


def alert_id(source: str, alert) -> str:
    """One id per episode whichever worker saw it: the source, kind, topic and the minute
    it was detected (a repeat from a worker a step behind is the same alert)."""
    return f"{source}-{alert.kind}-{alert.topic}-{alert.detected_at:%Y%m%dT%H%M}"[:100]


def stream_mention(row: dict) -> StreamMention:
    """A mention row as the detector reads it."""
    return StreamMention(id=str(row["id"]), time=dt.datetime.fromisoformat(str(row["time"])),
                         text=str(row.get("text") or ""), topic=row.get("topic") or None)


def stream_mentions(rows: Iterable[dict]) -> list[StreamMention]:
    return sorted(map(stream_mention, rows), key=lambda m: m.time)


def observe(organisation, rows: list[dict], *, source: str) -> list[Alert]:
    """Store the mentions, feed the live detector the ones it has not seen (a delivery
    repeated counts once), record its alerts; returns them."""
    new = services.store_mentions(organisation, rows, source=source)
    mentions = stream_mentions(r for r in rows if services.mention_key(r) in new)
    if not mentions:
        return []
    with transaction.atomic():
        stored = (DetectorState.objects.select_for_update()
                  .filter(organisation=organisation).first())
        detector = _detector(organisation.pk, stored)
        fed_until = stored.fed_until if stored else None
        raised = []
        for mention in mentions:
            if fed_until is not None and mention.time < fed_until - LATE:
                continue
            raised += detector.feed(mention)
            fed_until = max(fed_until or mention.time, mention.time)
        alerts = [services.record_alert(organisation, a.to_json() | {
            "alert_id": alert_id(source, a), "kind": a.kind}) for a in raised]
        if fed_until is not None:
            _keep(organisation, stored, detector, fed_until, force=bool(raised))
    return alerts


def _detector(organisation_id: int, stored: DetectorState | None) -> SurgeDetector:
    if stored is None:
        return SurgeDetector()
    cached = _detectors.get(organisation_id)
    if cached and cached[0] == stored.updated_at:
        return cached[1]  # the stored state has not moved on: ours is as new or newer
    return SurgeDetector.from_state(stored.state)


def _keep(organisation, stored, detector, fed_until, *, force: bool) -> None:
    now = timezone.now()
    if stored is not None and not force and now - stored.updated_at < SAVE_EVERY:
        _detectors[organisation.pk] = (stored.updated_at, detector)
        return
    state, _ = DetectorState.objects.update_or_create(
        organisation=organisation,
        defaults={"state": detector.to_state(), "fed_until": fed_until})
    _detectors[organisation.pk] = (state.updated_at, detector)


def forget() -> None:
    """Drop the detectors kept in memory (tests, and after a state is reset)."""
    _detectors.clear()


# --- from the inbox -----------------------------------------------------------------------

def inbox_rows(messages) -> dict[int, list[dict]]:
    """Messages from the public, as mention rows per organisation (their first topic)."""
    rows: dict[int, list[dict]] = defaultdict(list)
    for message in messages:
        if not message.text.strip():
            continue
        rows[message.conversation.organisation_id].append({
            "id": f"{message.account_id}:{message.platform_message_id}",
            "time": message.sent_at.isoformat(), "text": message.text,
            "topic": (message.topics or [""])[0]})
    return rows


def queue_from_inbox(messages) -> None:
    """Queue the live detector's work for these new messages once the ingest commits."""
    for organisation_id, rows in inbox_rows(messages).items():
        _queue(organisation_id, rows, source="inbox")


def queue_import(actor, organisation, rows: list[dict]) -> None:
    """Mentions from elsewhere (the API's batch import; rows already checked) down the
    same path as the inbox's, stored under source "import". Those who may run monitoring
    for the organisation (its managers) may feed its detector."""
    if not policy.can_manage(actor, organisation):
        raise PermissionDenied(_("Only the organisation's administrator, its approvers or a "
                                 "coordinator may import mentions for it."))
    with transaction.atomic():
        record(actor, "monitoring.mentions.import", organisation,
               after={"mentions": len(rows), "source": "import"})
        _queue(organisation.pk, rows, source="import")


def _queue(organisation_id: int, rows: list[dict], *, source: str) -> None:
    from rasmi.monitoring.tasks import observe_mentions

    transaction.on_commit(
        lambda: observe_mentions.enqueue(organisation_id, rows, source=source))


# --- replays ------------------------------------------------------------------------------

def replay(organisation, rows: Iterable[dict], *, run: str, chunk: int = 500,
           wait=None) -> list[Alert]:
    """A recorded stream through a detector of its own (the live one's baseline is left
    alone), as if it were happening: mentions stored under source "replay" with the run's
    prefix (so a stream can be replayed again), alerts recorded as they are raised, with
    the mentions up to them stored first so the alert shows its examples. `wait(time)` is
    called before each mention, to play the end of a stream at the pace of the clock."""
    detector = SurgeDetector()
    alerts: list[Alert] = []
    waiting: list[dict] = []

    def store() -> None:
        if waiting:
            services.record_mentions(organisation, waiting, source="replay")
            waiting.clear()

    for row in rows:
        row = dict(row, id=f"{run}:{row['id']}")
        mention = stream_mention(row)
        if wait is not None:
            wait(mention.time)
        waiting.append(row)
        raised = detector.feed(mention)
        if raised or len(waiting) >= chunk or wait is not None:
            store()
        for alert in raised:
            fields = alert.to_json() | {"kind": alert.kind}
            fields["alert_id"] = f"{run}-{alert_id('replay', alert)}"[:100]
            alerts.append(services.record_alert(organisation, fields))
    store()
    return alerts
