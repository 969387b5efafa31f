"""Publishing a scheduled post to its accounts, as the worker runs it.

Never twice: each target carries an idempotency key, and its row is marked `sending` and
committed before the platform is called. If a worker dies mid-call, or the call times out
or breaks after it was sent, the outcome is unknown: the target stays `sending` and the
next run asks the platform (find_published) before sending again. Where a platform cannot
tell (X, TikTok), the target fails at once with a request to check the account by hand
rather than risk a second post. Only errors that prove nothing was posted (throttling, a
connection never made) are resent blindly.
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rasmi.audit.services import record
from rasmi.connectors.base import ConnectorError, ErrorKind, MediaItem, Publication, Published
from rasmi.connectors.registry import connector_for
from rasmi.publishing.models import (
    Credential,
    CredentialMode,
    Post,
    PostState,
    PostTarget,
    TargetState,
)
from rasmi.publishing.outbox import OutboxConnector
from rasmi.secrets_box import SecretUnreadable, open_sealed

log = logging.getLogger(__name__)

# An interrupted send that cannot be confirmed is a failure a person resolves.
INTERRUPTED_KIND = ErrorKind.INVALID


def _fail(kind: str, message: str) -> ConnectorError:
    return ConnectorError(kind=ErrorKind(kind), code=kind, message=message, platform="rasmi")


def connector_for_account(account):
    """The connector that acts for an official account: the dry-run outbox or the
    platform's API with the account's sealed token. Also used by the inbox (replies)."""
    try:
        credential = account.credential
    except Credential.DoesNotExist:
        raise _fail(ErrorKind.PERMISSION, "no publishing credential for this account") from None
    if credential.mode == CredentialMode.DRY_RUN:
        return OutboxConnector(account.platform, account.account_key)
    if credential.expires_at and credential.expires_at <= timezone.now():
        raise _fail(ErrorKind.TOKEN_EXPIRED, "the stored token has expired")
    try:
        token = open_sealed(credential.token_encrypted)
    except SecretUnreadable:
        raise _fail(ErrorKind.TOKEN_EXPIRED, "the stored token cannot be decrypted") from None
    return connector_for(account.platform, token)


def connector_for_target(target: PostTarget):
    return connector_for_account(target.account)


def publication_for(target: PostTarget) -> Publication:
    post = target.post
    media = tuple(MediaItem(type=m["type"], url=m["url"], alt_text=m["alt_text"])
                  for m in post.media)
    # Post.title is for the team and never published; YouTube keeps the video's own title.
    return Publication(account_id=target.account.platform_id or target.account.handle,
                       text=target.effective_text, idempotency_key=target.idempotency_key,
                       media=media, link=post.link, video_id=post.youtube_video_id)


def _claim(target_id: int) -> tuple[PostTarget | None, bool]:
    """Mark the target `sending` (committed) before any network call; report whether an
    earlier attempt was interrupted mid-send."""
    with transaction.atomic():
        target = (PostTarget.objects.select_for_update()
                  .select_related("post", "post__organisation", "account").get(pk=target_id))
        if target.state in (TargetState.PUBLISHED, TargetState.FAILED):
            return None, False
        interrupted = target.state == TargetState.SENDING
        target.state = TargetState.SENDING
        target.attempts += 1
        target.save(update_fields=["state", "attempts", "updated_at"])
    return target, interrupted


def outcome_unknown(error: ConnectorError) -> bool:
    """The request may have reached the platform and been acted on (a timeout, a broken
    connection, a 5xx). Throttling and a connection never made prove nothing was posted."""
    return error.kind == ErrorKind.TRANSIENT and error.code != "unreachable"


def _finish(target: PostTarget, *, published: Published | None = None,
            error: ConnectorError | None = None, retry: bool = False) -> None:
    if published is not None:
        target.state, target.published_at = TargetState.PUBLISHED, timezone.now()
        target.platform_post_id, target.permalink = published.platform_post_id, \
            published.permalink
        target.error_kind = target.last_error = ""
    else:
        if not retry:
            target.state = TargetState.FAILED
        else:  # `sending` makes the next run ask the platform before sending again
            target.state = TargetState.SENDING if outcome_unknown(error) \
                else TargetState.PENDING
        target.error_kind, target.last_error = str(error.kind), error.message[:2000]
    target.save()


def _unconfirmable(error: ConnectorError) -> ConnectorError:
    return _fail(INTERRUPTED_KIND, f"{error.message} The platform cannot tell whether the "
                 "post went out: check the account before sending it again.")


def _send(target: PostTarget, interrupted: bool) -> float | None:
    """One account. Returns seconds to wait before a retry, or None when settled."""
    pub = publication_for(target)
    connector = None
    try:
        connector = connector_for_target(target)
        if interrupted:
            found = connector.find_published(pub)
            if found is not None:
                _finish(target, published=found)
                return None
            if not connector.confirms_absence:
                raise _fail(INTERRUPTED_KIND, "an earlier attempt was interrupted mid-send "
                            "and the platform cannot tell whether it went out")
        try:
            published = connector.publish(pub)
        except ConnectorError as error:
            if outcome_unknown(error) and not connector.confirms_absence:
                raise _unconfirmable(error) from None
            raise
        _finish(target, published=published)
        return None
    except ConnectorError as error:
        retry = error.retryable and target.attempts < settings.PUBLISH_MAX_ATTEMPTS
        _finish(target, error=error, retry=retry)
        if not retry:
            return None
        backoff = settings.PUBLISH_BACKOFF_SECONDS * 2 ** (target.attempts - 1)
        return max(backoff, error.retry_after or 0.0)
    finally:
        if connector is not None:
            connector.close()


def publish(post_id: int, version: int, scheduled_at: str) -> str:
    post = Post.objects.filter(pk=post_id).first()
    wanted = dt.datetime.fromisoformat(scheduled_at)
    if post is None or post.state != PostState.SCHEDULED or post.version != version \
            or post.scheduled_at != wanted:
        return "stale"
    waits = []
    for target_id in post.targets.exclude(
            state__in=[TargetState.PUBLISHED, TargetState.FAILED]).values_list("pk", flat=True):
        target, interrupted = _claim(target_id)
        if target is not None:
            wait = _send(target, interrupted)
            if wait is not None:
                waits.append(wait)
    if waits:
        # One retry task for the post (not one per account): two tasks working the same
        # post could both find a target `sending` and take it for an interrupted send.
        from rasmi.publishing.tasks import publish_post

        publish_post.using(run_after=timezone.now() + dt.timedelta(seconds=max(waits))) \
            .enqueue(post_id, version, scheduled_at)
        return "retrying"
    return _settle(post_id)


@transaction.atomic
def _settle(post_id: int) -> str:
    post = Post.objects.select_for_update().get(pk=post_id)
    targets = list(post.targets.select_related("account"))
    states = {t.state for t in targets}
    if states <= {TargetState.PUBLISHED}:
        post.state, post.published_at = PostState.PUBLISHED, timezone.now()
    elif states & {TargetState.PENDING, TargetState.SENDING}:
        return "waiting"
    else:
        post.state = PostState.FAILED
    post.save(update_fields=["state", "published_at", "updated_at"])
    record(None, f"post.{post.state}", post, after={
        "version": post.version,
        "targets": [{"account": t.account.account_key, "state": t.state,
                     "platform_post_id": t.platform_post_id, "error": t.error_kind}
                    for t in targets]})
    log.info("post %s %s", post_id, post.state)
    return str(post.state)
