"""One polling pass over every due stream: what `rasmi poll_inbox` and the worker's
`poll_inbox` task run.

Every official account with a live publishing credential and a platform id, on a platform
that has a stream, gets a PollCursor. A pass:
1. claims each due cursor with a conditional UPDATE that moves next_poll_at a lease ahead:
   two runners never read the same stream at once, and a runner that dies frees it when the
   lease ends;
2. reads a page and stores it as a Delivery (committed; an empty page is not stored), only
   then moves the cursor past it, then processes the delivery through ingest. A crash in
   between reads the page again next time and, messages being keyed on the platforms' ids,
   stores nothing twice; a delivery whose processing failed waits for
   `rasmi process_deliveries`;
3. on an error, waits longer each time (exponential with jitter, capped), never less than
   the platform asked (Retry-After, x-rate-limit-reset, YouTube's quota day). After
   INBOX_POLL_MAX_FAILURES failures in a row, or at once for an error that will not go away
   by itself (a refused token, a missing permission, an unknown channel or user), the stream
   stops, with an audit entry, until its credential is replaced or someone runs
   `rasmi poll_inbox --resume`.
"""

import datetime as dt
import logging
import random
from dataclasses import asdict, dataclass

import httpx
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from rasmi.audit.services import record
from rasmi.connectors.base import RETRYABLE, ConnectorError, ErrorKind
from rasmi.inbox import ingest
from rasmi.inbox.meta_events import BadDelivery
from rasmi.inbox.models import Delivery, PollCursor
from rasmi.inbox.polling import pages, x_mentions, youtube_comments
from rasmi.people import permissions
from rasmi.publishing.models import Credential, CredentialMode
from rasmi.publishing.policy import can_manage_sop
from rasmi.registry.models import AccountStatus, SocialAccount
from rasmi.secrets_box import SecretUnreadable, open_sealed

log = logging.getLogger(__name__)

STREAMS = {module.STREAM: module for module in (youtube_comments, x_mentions)}
STREAM_OF_PLATFORM = {module.PLATFORM: module.STREAM for module in STREAMS.values()}
LEASE = dt.timedelta(minutes=10)


@dataclass
class PassReport:
    streams: int = 0  # streams polled
    pages: int = 0
    events: int = 0
    failed: int = 0
    stopped: int = 0
    without_platform_id: int = 0  # accounts that cannot be polled until the register has it

    def as_dict(self) -> dict:
        return asdict(self)


def backoff_seconds(failures: int, rng: random.Random) -> float:
    """Exponential backoff with "equal jitter": between half and all of base x 2^(n-1),
    capped, so streams that failed together do not all come back at the same moment."""
    ceiling = min(settings.INBOX_POLL_BACKOFF_CAP_SECONDS,
                  settings.INBOX_POLL_BACKOFF_SECONDS * 2 ** max(0, failures - 1))
    return ceiling / 2 + rng.uniform(0, ceiling / 2)


def _pollable_accounts():
    return SocialAccount.objects.filter(
        status=AccountStatus.OFFICIAL, platform__in=list(STREAM_OF_PLATFORM),
        credential__mode=CredentialMode.LIVE)


def ensure_cursors() -> int:
    """A cursor for every account that can be polled; returns how many accounts cannot be
    for want of a platform id (the channel or user id the platforms' reads need)."""
    accounts = _pollable_accounts()
    PollCursor.objects.bulk_create(
        [PollCursor(account_id=pk, stream=STREAM_OF_PLATFORM[platform])
         for pk, platform in accounts.exclude(platform_id="").values_list("pk", "platform")],
        ignore_conflicts=True)
    return accounts.filter(platform_id="").count()


def due_cursors(now: dt.datetime):
    stopped = Q(failures__gte=settings.INBOX_POLL_MAX_FAILURES)
    return (PollCursor.objects
            .filter(stream__in=list(STREAMS), account__status=AccountStatus.OFFICIAL,
                    account__credential__mode=CredentialMode.LIVE)
            .exclude(account__platform_id="")
            .filter((~stopped & (Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)))
                    # a stopped stream starts again once its credential has been replaced
                    | (stopped & Q(account__credential__updated_at__gt=F("last_polled_at"))))
            .select_related("account", "account__credential")
            .order_by(F("next_poll_at").asc(nulls_first=True), "pk"))


def poll_due(*, now: dt.datetime | None = None, client: httpx.Client | None = None,
             rng: random.Random | None = None) -> PassReport:
    """One pass. `client` and `rng` are for tests (recorded exchanges, fixed jitter)."""
    now = now or timezone.now()
    rng = rng or random.Random()
    report = PassReport(without_platform_id=ensure_cursors())
    if report.without_platform_id:
        log.warning("%d official account(s) with a live credential have no platform id and "
                    "cannot be polled", report.without_platform_id)
    for cursor in due_cursors(now):
        if _claim(cursor, now):
            report.streams += 1
            try:
                _poll(cursor, now, client, rng, report)
            except Exception:  # a bug or the database: keep the other streams going
                # The cursor stays claimed until the lease ends, then is read again.
                log.exception("polling %s for %s broke off", cursor.stream,
                              cursor.account.account_key)
                report.failed += 1
    return report


def _claim(cursor: PollCursor, now: dt.datetime) -> bool:
    same = PollCursor.objects.filter(pk=cursor.pk, failures=cursor.failures)
    same = same.filter(next_poll_at=cursor.next_poll_at) if cursor.next_poll_at \
        else same.filter(next_poll_at__isnull=True)
    changes = {"next_poll_at": now + LEASE}
    if cursor.failures >= settings.INBOX_POLL_MAX_FAILURES:  # resumed by a new credential
        changes |= {"failures": 0, "last_polled_at": now}
    if same.update(**changes) != 1:
        return False  # another runner took it
    for name, value in changes.items():
        setattr(cursor, name, value)
    return True


def _fail(kind: ErrorKind, message: str, code: str) -> ConnectorError:
    return ConnectorError(kind, code, message, platform="rasmi")


def token_for(account: SocialAccount) -> str:
    """The account's platform token, from the publishing credential (as the publisher
    reads it)."""
    try:
        credential = account.credential
    except Credential.DoesNotExist:
        raise _fail(ErrorKind.PERMISSION, "no credential for this account",
                    "no_credential") from None
    if credential.expires_at and credential.expires_at <= timezone.now():
        raise _fail(ErrorKind.TOKEN_EXPIRED, "the stored token has expired", "token_expired")
    try:
        token = open_sealed(credential.token_encrypted)
    except SecretUnreadable:
        raise _fail(ErrorKind.TOKEN_EXPIRED, "the stored token cannot be decrypted",
                    "token_unreadable") from None
    if not token:
        raise _fail(ErrorKind.PERMISSION, "the credential holds no token", "no_token")
    return token


def _poll(cursor: PollCursor, now: dt.datetime, client, rng, report: PassReport) -> None:
    stream = STREAMS[cursor.stream]
    account = cursor.account
    state = pages.load(stream.Cursor, cursor.cursor)
    try:
        connector = stream.CONNECTOR(token_for(account), client=client)
        connector.clock = now.timestamp  # rate-limit resets, YouTube's quota day
        with connector:
            for _ in range(settings.INBOX_POLL_PAGES_PER_PASS):
                page = stream.fetch(connector, account.platform_id, state)
                # An empty page (nothing new since the last read) is not worth a delivery.
                delivery = Delivery.objects.create(
                    source=stream.SOURCE, body=pages.wrap(stream.STREAM, account.platform_id,
                                                          page)) \
                    if stream.has_messages(page) else None
                state, more = stream.advance(state, page)
                _advanced(cursor, state, more, now)
                report.pages += 1
                if delivery is not None:
                    report.events += _process(delivery)
                if not more:
                    break
    except (ConnectorError, BadDelivery) as error:
        if isinstance(error, BadDelivery):  # a success answer not shaped as documented
            error = _fail(ErrorKind.INVALID, f"unexpected answer: {error}", "unexpected_answer")
        report.failed += 1
        report.stopped += _failed(cursor, state, error, now, rng)


def _advanced(cursor: PollCursor, state, more: bool, now: dt.datetime) -> None:
    """The page is stored: move past it, and clear any backoff."""
    wait = dt.timedelta(seconds=0 if more else settings.INBOX_POLL_INTERVAL_SECONDS)
    cursor.cursor, cursor.next_poll_at = pages.dump(state), now + wait
    cursor.last_polled_at, cursor.failures, cursor.last_error = now, 0, ""
    PollCursor.objects.filter(pk=cursor.pk).update(
        cursor=cursor.cursor, next_poll_at=cursor.next_poll_at,
        last_polled_at=now, failures=0, last_error="")


def _process(delivery: Delivery) -> int:
    try:
        ingest.process(delivery.pk)
    except Exception:  # the delivery is stored: process_deliveries will take it up
        log.exception("polled delivery %s could not be processed now", delivery.pk)
        return 0
    return Delivery.objects.filter(pk=delivery.pk).values_list("events", flat=True).get()


def _failed(cursor: PollCursor, state, error: ConnectorError, now: dt.datetime,
            rng: random.Random) -> bool:
    """Back off, or stop the stream. Returns True when it stopped."""
    failures = cursor.failures + 1
    permanent = error.kind not in RETRYABLE
    if permanent and error.kind == ErrorKind.INVALID and state.page:
        # Most likely a page token the platform no longer accepts: sweep again from the top.
        state, permanent = pages.restarted(state), False
    stopped = permanent or failures >= settings.INBOX_POLL_MAX_FAILURES
    if stopped:
        failures = max(failures, settings.INBOX_POLL_MAX_FAILURES)
        next_poll_at = None
    else:
        wait = max(backoff_seconds(failures, rng), error.retry_after or 0.0)
        next_poll_at = now + dt.timedelta(seconds=wait)
    with transaction.atomic():
        PollCursor.objects.filter(pk=cursor.pk).update(
            cursor=pages.dump(state), failures=failures, next_poll_at=next_poll_at,
            last_polled_at=now, last_error=str(error)[:2000])
        if stopped:
            record(None, "inbox.polling_stopped", cursor, after={
                "account": cursor.account.account_key, "stream": cursor.stream,
                "failures": failures, "error": str(error)[:500]})
    log.warning("polling %s for %s failed (%s): %s", cursor.stream,
                cursor.account.account_key, "stopped" if stopped else f"retry at "
                f"{next_poll_at:%Y-%m-%d %H:%M:%S}", error)
    return stopped


def stopped_cursors(actor):
    """Streams that stopped, among the accounts whose credentials the actor manages."""
    rows = (PollCursor.objects.filter(failures__gte=settings.INBOX_POLL_MAX_FAILURES)
            .select_related("account", "account__organisation"))
    if permissions.is_coordinator(actor):
        return list(rows)
    return [c for c in rows if can_manage_sop(actor, c.account.organisation)]


@transaction.atomic
def resume_streams(actor) -> int:
    """Poll stopped streams again at the next pass (after a person fixed the cause), for
    the accounts whose credentials the actor may manage. Returns how many."""
    cursors = stopped_cursors(actor)
    for cursor in cursors:
        PollCursor.objects.filter(pk=cursor.pk).update(failures=0, next_poll_at=None,
                                                       last_error="")
        record(actor, "inbox.polling_resumed", cursor, before={
            "failures": cursor.failures, "error": cursor.last_error[:500]}, after={
            "account": cursor.account.account_key, "stream": cursor.stream})
    return len(cursors)
