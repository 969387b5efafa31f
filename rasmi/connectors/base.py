"""What every platform connector shares: the shapes of a publication, a reply and their
answers, the error kinds the publisher and the inbox act on, and one request helper that
reads rate-limit signals.

Connectors are plain Python over httpx (no Django). The publisher decides about retries;
a connector only reports what happened, as an ErrorKind the publisher understands.

A TRANSIENT error on a write (timeout, 5xx) means "outcome unknown": the platform may have
published anyway. That is why the publisher calls find_published before sending again.
"""

import datetime as dt
import email.utils
import json
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

import httpx


@dataclass(frozen=True)
class MediaItem:
    type: str  # "image" | "video"
    url: str  # a public address the platform fetches
    alt_text: str = ""


@dataclass(frozen=True)
class Publication:
    account_id: str  # the platform's id of the page / IG user / channel
    text: str
    # Stable per post x account. None of the five platforms accepts a client-chosen
    # idempotency key on these endpoints, so connectors recognise their own posts by text.
    idempotency_key: str
    media: tuple[MediaItem, ...] = ()
    link: str = ""
    title: str = ""  # TikTok / YouTube title
    video_id: str = ""  # YouTube: the existing video whose metadata is updated


@dataclass(frozen=True)
class Published:
    platform_post_id: str
    permalink: str


@dataclass(frozen=True)
class Reply:
    """An answer to a member of the public: under their comment, or in their direct
    conversation with the account."""

    account_id: str  # the platform's id of the page / IG user / channel / X user
    text: str
    # The comment (or post) answered; for a direct message, the person's id (PSID, IGSID).
    in_reply_to: str
    # Stable per reply. As for posts, no platform takes it: connectors find their own
    # replies by text and author.
    idempotency_key: str
    direct: bool = False
    # Direct messages: when the person last wrote. Meta lets a Page answer within 24 hours
    # of that (the standard messaging window) and refuses later.
    last_inbound_at: dt.datetime | None = None


@dataclass(frozen=True)
class Sent:
    platform_message_id: str


MESSAGING_WINDOW = dt.timedelta(hours=24)


def window_open(last_inbound_at: dt.datetime | None, now: dt.datetime) -> bool:
    """Meta's standard messaging window: a reply within 24 hours of the person's last
    message. No message from them at all means no window."""
    return last_inbound_at is not None and now - last_inbound_at <= MESSAGING_WINDOW


class ErrorKind(StrEnum):
    THROTTLED = "throttled"
    TRANSIENT = "transient"
    TOKEN_EXPIRED = "token_expired"  # noqa: S105  (a kind of error, not a secret)
    PERMISSION = "permission"
    POLICY = "policy"
    DUPLICATE = "duplicate"
    INVALID = "invalid"
    NOT_FOUND = "not_found"  # the comment or the person is gone (deleted, unreachable)
    WINDOW_CLOSED = "window_closed"  # a direct message outside the messaging window
    UNSUPPORTED = "unsupported"  # the platform's API cannot do this at all


RETRYABLE = frozenset({ErrorKind.THROTTLED, ErrorKind.TRANSIENT})


class ConnectorError(Exception):
    """What went wrong, in the publisher's terms. `message` is safe to store and show:
    connectors strip their token from it."""

    def __init__(self, kind: ErrorKind | str, code: str = "", message: str = "",
                 retry_after: float | None = None, platform: str = ""):
        super().__init__(message)
        self.kind = ErrorKind(kind)
        self.code = str(code or self.kind)
        self.message = message
        self.retry_after = retry_after
        self.platform = platform

    @property
    def retryable(self) -> bool:
        return self.kind in RETRYABLE

    def __str__(self) -> str:
        # Built from the attributes (not args) so a redacted message is what gets printed.
        return f"{self.platform or 'connector'} {self.kind} [{self.code}]: {self.message}"


def _seconds(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _retry_after_header(value: str | None, now: float) -> float | None:
    """RFC 9110 Retry-After: delay seconds or an HTTP date."""
    if not value:
        return None
    if (seconds := _seconds(value)) is not None:
        return max(0.0, seconds)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, when.timestamp() - now)


# X sends one window per header family; a 429 names none of them, so every exhausted
# window (remaining == 0) counts and the latest reset wins.
X_WINDOWS = ("x-rate-limit", "x-user-limit-24hour", "x-app-limit-24hour")


def _x_resets(response: httpx.Response, now: float) -> Iterator[float]:
    headers = response.headers
    for prefix in X_WINDOWS:
        reset = _seconds(headers.get(f"{prefix}-reset"))
        if reset is not None and headers.get(f"{prefix}-remaining") == "0":
            yield max(0.0, reset - now)
    reset = _seconds(headers.get("x-rate-limit-reset"))
    if response.status_code == 429 and reset is not None:
        yield max(0.0, reset - now)


def _usage_entries(raw: str) -> Iterator[dict]:
    """Meta usage headers: X-App-Usage is one object, X-Business-Use-Case-Usage maps each
    business object id to a list of objects."""
    try:
        parsed = json.loads(raw)
    except ValueError:
        return
    if not isinstance(parsed, dict):
        return
    yield parsed
    for value in parsed.values():
        for entry in value if isinstance(value, list) else [value]:
            if isinstance(entry, dict):
                yield entry


META_USAGE_HEADERS = ("x-business-use-case-usage", "x-app-usage")


def _meta_waits(response: httpx.Response) -> Iterator[float]:
    for name in META_USAGE_HEADERS:
        for entry in _usage_entries(response.headers.get(name, "")):
            minutes = _seconds(entry.get("estimated_time_to_regain_access"))
            if minutes:  # 0 means "not throttled", not "retry now"
                yield minutes * 60


def retry_after_from(response: httpx.Response, now: float | None = None) -> float | None:
    """Seconds to wait, from whichever signal the platform sent, or None."""
    now = time.time() if now is None else now
    waits = [*_x_resets(response, now), *_meta_waits(response)]
    if (header := _retry_after_header(response.headers.get("retry-after"), now)) is not None:
        waits.append(header)
    return max(waits) if waits else None


class Connector(ABC):
    """One platform account's publishing calls. The token is kept out of every URL and
    every error message."""

    platform: ClassVar[str]
    base_url: ClassVar[str]
    # True when find_published returning None means "it did not go out", so a send whose
    # outcome is unknown may be sent again; False when the platform cannot tell.
    confirms_absence: ClassVar[bool] = False

    def __init__(self, token: str, *, client: httpx.Client | None = None,
                 timeout: float = 20.0):
        self._token = token
        self._owns_client = client is None
        self._client = client if client is not None else httpx.Client(timeout=timeout)
        # Wall clock for rate-limit resets; tests pin it.
        self.clock: Callable[[], float] = time.time

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.platform}>"

    def close(self) -> None:
        if self._owns_client:
            self._client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @abstractmethod
    def publish(self, pub: Publication) -> Published: ...

    @abstractmethod
    def find_published(self, pub: Publication) -> Published | None:
        """After a worker died mid-publish: the post carrying this publication if the
        platform shows it, else None (not there, or the platform cannot tell)."""

    @abstractmethod
    def error_from(self, response: httpx.Response, body: dict) -> ConnectorError:
        """The platform's error answer -> a ConnectorError of the right kind."""

    def body_is_error(self, body: dict) -> bool:
        """For platforms that can answer 200 with an error inside (TikTok)."""
        return False

    # --- the inbox: replies and moderation. A platform without an API for one of them
    # keeps the default, which says so (UNSUPPORTED) before any request. -----------------

    def reply(self, reply: Reply) -> Sent:
        """Post the reply; the platform's id of the new comment or message."""
        raise self.unsupported("direct messages" if reply.direct else "replies to comments")

    def find_reply(self, reply: Reply) -> Sent | None:
        """After a send whose outcome is unknown: the reply if the platform shows it."""
        return None

    def confirms_reply_absence(self, reply: Reply) -> bool:
        """True when find_reply returning None means the reply did not go out."""
        return False

    def hide_comment(self, comment_id: str, hidden: bool = True) -> None:
        """Hide a comment from the public (hidden=False shows it again). Doing it twice
        is harmless on every platform, so an unknown outcome may simply be retried."""
        raise self.unsupported("hiding comments")

    def unsupported(self, what: str) -> ConnectorError:
        return self.fail(ErrorKind.UNSUPPORTED, f"{self.platform}: {what} cannot be done "
                         "through its API", code="unsupported")

    def require_window(self, reply: Reply) -> None:
        """Refuse a direct message outside the messaging window before any request: the
        platform would refuse it anyway, and a refused send counts against the Page."""
        now = dt.datetime.fromtimestamp(self.clock(), dt.UTC)
        if not window_open(reply.last_inbound_at, now):
            raise self.fail(ErrorKind.WINDOW_CLOSED, "more than 24 hours have passed since "
                            "the person last wrote; the platform allows an answer only "
                            "within 24 hours of their last message", code="window_closed")

    def fail(self, kind: ErrorKind, message: str, code: str = "",
             retry_after: float | None = None) -> ConnectorError:
        return ConnectorError(kind, code or str(kind), self._redact(message), retry_after,
                              self.platform)

    def _redact(self, text: str) -> str:
        return text.replace(self._token, "[token]") if self._token else text

    def request(self, method: str, path: str, *, params: dict | None = None,
                data: dict | None = None, json: Any = None, content: bytes | None = None,
                headers: dict | None = None) -> dict:
        """One call to the platform. Returns the JSON body of a success; raises
        ConnectorError for anything else (network trouble and 5xx are TRANSIENT)."""
        url = self.base_url + path
        host = httpx.URL(url).host
        try:
            response = self._client.request(method, url, params=params, data=data, json=json,
                                            content=content, headers=headers)
        # str(error) can carry the address; the type is enough to act on. The codes tell
        # "never sent" (unreachable) from "sent, outcome unknown" (timeout, network).
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as error:
            raise self.fail(ErrorKind.TRANSIENT, f"could not reach {host} "
                            f"({type(error).__name__})", code="unreachable") from None
        except httpx.TimeoutException as error:
            raise self.fail(ErrorKind.TRANSIENT, f"{host} did not answer in time "
                            f"({type(error).__name__}); it may have acted on the request",
                            code="timeout") from None
        except httpx.RequestError as error:
            raise self.fail(ErrorKind.TRANSIENT, f"the connection to {host} failed "
                            f"({type(error).__name__}); it may have acted on the request",
                            code="network") from None
        body = _json_body(response)
        if response.is_success and not self.body_is_error(body):
            return body
        error = self.error_from(response, body)
        if error.kind == ErrorKind.INVALID and response.status_code >= 500:
            error.kind = ErrorKind.TRANSIENT
        if error.kind == ErrorKind.INVALID and response.status_code == 429:
            error.kind = ErrorKind.THROTTLED
        # The platform's own header beats a connector's documented default.
        if (waited := retry_after_from(response, now=self.clock())) is not None:
            error.retry_after = waited
        error.message = self._redact(error.message)
        error.args = (error.message,)
        error.platform = self.platform
        raise error

    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token}"}

    def required(self, answer: dict, *path: str) -> str:
        """A field of a success answer. Its absence is INVALID, not retryable: the platform
        said yes, so it may have acted, and a resend could post twice."""
        value: Any = answer
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value in (None, ""):
            raise self.fail(ErrorKind.INVALID, f"unexpected answer: no {'.'.join(path)}; check "
                            "the account before sending again", code="unexpected_answer")
        return str(value)


def _json_body(response: httpx.Response) -> dict:
    if not response.content:
        return {}
    try:
        body = response.json()
    except ValueError:  # an HTML error page from a proxy
        return {}
    return body if isinstance(body, dict) else {"data": body}


def status_kind(status: int) -> ErrorKind:
    """What an HTTP status alone says, for bodies that add nothing more specific."""
    if status == 401:
        return ErrorKind.TOKEN_EXPIRED
    if status == 403:
        return ErrorKind.PERMISSION
    if status == 429:
        return ErrorKind.THROTTLED
    return ErrorKind.TRANSIENT if status >= 500 else ErrorKind.INVALID


def same_text(ours: str, theirs: object) -> bool:
    """A post is ours when its text is ours, whitespace aside (platforms trim and fold
    line ends)."""
    return isinstance(theirs, str) and bool(theirs.strip()) and \
        " ".join(theirs.split()) == " ".join(ours.split())
