"""What every platform connector shares: the shapes of a publication and its answer, the
error kinds the publisher acts on, and one request helper that reads rate-limit signals.

Connectors are plain Python over httpx (no Django): the publisher decides retries, the
connector only says what happened, in a kind the publisher understands.
"""

import json
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

import httpx


@dataclass(frozen=True)
class MediaItem:
    type: str  # "image" | "video"
    url: str   # a public address the platform fetches
    alt_text: str = ""


@dataclass(frozen=True)
class Publication:
    account_id: str       # the platform's id of the page / IG user / channel
    text: str
    idempotency_key: str  # stable per post x account
    media: tuple[MediaItem, ...] = ()
    link: str = ""
    title: str = ""       # TikTok / YouTube title
    video_id: str = ""    # YouTube: the video whose metadata is updated


@dataclass(frozen=True)
class Published:
    platform_post_id: str
    permalink: str


class ErrorKind(StrEnum):
    THROTTLED = "throttled"
    TRANSIENT = "transient"
    TOKEN_EXPIRED = "token_expired"  # noqa: S105  (a kind of error, not a secret)
    PERMISSION = "permission"
    POLICY = "policy"
    DUPLICATE = "duplicate"
    INVALID = "invalid"


RETRYABLE = frozenset({ErrorKind.THROTTLED, ErrorKind.TRANSIENT})


class ConnectorError(Exception):
    def __init__(self, *, kind: ErrorKind, code: str = "", message: str = "",
                 retry_after: float | None = None, platform: str = ""):
        super().__init__(f"{platform} {kind}: {message}")
        self.kind = ErrorKind(kind)
        self.code = str(code)
        self.message = message
        self.retry_after = retry_after
        self.platform = platform

    @property
    def retryable(self) -> bool:
        return self.kind in RETRYABLE


def kind_from_status(status: int) -> ErrorKind:
    """The kind an HTTP status alone tells, for platforms whose bodies add little."""
    if status == 429:
        return ErrorKind.THROTTLED
    if status == 401:
        return ErrorKind.TOKEN_EXPIRED
    if status == 403:
        return ErrorKind.PERMISSION
    return ErrorKind.TRANSIENT if status >= 500 else ErrorKind.INVALID


def _float(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def retry_after_from(response: httpx.Response, now: float | None = None) -> float | None:
    """Seconds to wait, from whichever signal the platform sent."""
    headers = response.headers
    if (seconds := _float(headers.get("retry-after"))) is not None:
        return seconds
    if headers.get("x-rate-limit-remaining") == "0" and (
            reset := _float(headers.get("x-rate-limit-reset"))) is not None:
        return max(0.0, reset - (time.time() if now is None else now))
    usage = headers.get("x-business-use-case-usage")
    if usage:
        try:
            entries = [e for items in json.loads(usage).values() for e in items]
        except (ValueError, AttributeError, TypeError):
            entries = []
        minutes = max((_float(e.get("estimated_time_to_regain_access")) or 0.0
                       for e in entries if isinstance(e, dict)), default=0.0)
        if minutes:
            return minutes * 60
    return None


class Connector(ABC):
    platform: ClassVar[str]
    base_url: ClassVar[str]
    # True when find_published returning None means "it did not go out", so an
    # interrupted send may be sent again; False when the platform cannot tell.
    confirms_absence: ClassVar[bool] = False

    def __init__(self, token: str, *, client: httpx.Client | None = None,
                 timeout: float = 20.0):
        self._token = token
        self._client = client or httpx.Client(timeout=timeout)

    @abstractmethod
    def publish(self, pub: Publication) -> Published: ...

    @abstractmethod
    def find_published(self, pub: Publication) -> Published | None: ...

    @abstractmethod
    def error_from(self, response: httpx.Response, body: dict) -> ConnectorError:
        """The platform's error body -> a ConnectorError of the right kind."""

    def request(self, method: str, path: str, **kwargs) -> dict:
        """One call. Network trouble and 5xx are TRANSIENT; the platform's own error bodies
        are mapped by error_from; the token never appears in an error message."""
        url = path if path.startswith("https://") else self.base_url + path
        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.TimeoutException as error:
            raise ConnectorError(kind=ErrorKind.TRANSIENT, code="timeout",
                                 message=type(error).__name__, platform=self.platform) from None
        except httpx.HTTPError as error:
            raise ConnectorError(kind=ErrorKind.TRANSIENT, code="network",
                                 message=type(error).__name__, platform=self.platform) from None
        try:
            body = response.json() if response.content else {}
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {"data": body}
        if response.is_success and not self.body_is_error(body):
            return body
        error = self.error_from(response, body)
        if error.retry_after is None:
            error.retry_after = retry_after_from(response)
        if response.status_code >= 500 and error.kind == ErrorKind.INVALID:
            error.kind = ErrorKind.TRANSIENT
        error.message = error.message.replace(self._token, "***") if self._token else \
            error.message
        raise error

    def body_is_error(self, body: dict) -> bool:
        return False

    def fail(self, kind: ErrorKind, message: str, code: str = "") -> ConnectorError:
        return ConnectorError(kind=kind, code=code or str(kind), message=message,
                              platform=self.platform)
