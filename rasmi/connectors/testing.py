"""Replay recorded platform exchanges through a real httpx client (httpx.MockTransport).

A fixture file is a JSON list of exchanges:

    {"request": {"method", "url", "params"?, "form"?, "json"?},
     "response": {"status", "headers"?, "json"? | "text"?}}

`url` is the address without its query. The fields listed under params / form / json must
be in the request with those values (nested JSON objects are compared the same way, key by
key); fields not listed are not checked. Requests must come in the recorded order.
Anything else raises ReplayMismatch (an AssertionError, so a connector never mistakes it
for a platform error), and so does leaving recorded exchanges unused: use the transport as
a context manager, or call assert_all_used().
"""

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx

FIXTURES = Path(__file__).resolve().parent


def fixture_path(platform: str, name: str) -> Path:
    return FIXTURES / platform / "fixtures" / f"{name}.json"


class ReplayMismatch(AssertionError):
    pass


def _fields(request: httpx.Request) -> tuple[dict, dict, Any]:
    """(query, form body, JSON body) of a request; each field's last value."""
    query = {k: v[-1] for k, v in parse_qs(request.url.query.decode()).items()}
    form: dict = {}
    body: Any = None
    kind = request.headers.get("content-type", "")
    if request.content and "json" in kind:
        body = json.loads(request.content)
    elif request.content and "form" in kind:
        form = {k: v[-1] for k, v in parse_qs(request.content.decode()).items()}
    return query, form, body


_MISSING = object()


def _differences(want: Any, got: Any, where: str) -> list[str]:
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return [f"{where}: expected an object, got {got!r}"]
        return [d for key, value in want.items()
                for d in _differences(value, got.get(key, _MISSING), f"{where}.{key}")]
    if got is _MISSING:
        return [f"{where}: missing (expected {want!r})"]
    return [] if want == got else [f"{where}: expected {want!r}, got {got!r}"]


class ReplayTransport(httpx.MockTransport):
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.exchanges: list[dict] = json.loads(self.path.read_text(encoding="utf-8"))
        if not isinstance(self.exchanges, list) or not all(
                "request" in e and "response" in e for e in self.exchanges):
            raise ValueError(f"{self.path.name}: not a list of request/response exchanges")
        self.used = 0
        self.requests: list[httpx.Request] = []
        self.mismatches: list[str] = []
        super().__init__(self._answer)

    def client(self) -> httpx.Client:
        return httpx.Client(transport=self)

    def _fail(self, message: str) -> ReplayMismatch:
        self.mismatches.append(message)
        return ReplayMismatch(f"{self.path.name}: {message}")

    def _answer(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        address = f"{request.url.scheme}://{request.url.host}{request.url.path}"
        if self.used >= len(self.exchanges):
            raise self._fail(f"unexpected extra request {request.method} {address}")
        want, answer = self.exchanges[self.used]["request"], self.exchanges[self.used]["response"]
        self.used += 1
        if request.method != want["method"] or address != want["url"]:
            raise self._fail(f"exchange {self.used}: expected {want['method']} {want['url']}, "
                             f"got {request.method} {address}")
        query, form, body = _fields(request)
        problems = (_differences(want.get("params", {}), query, "params")
                    + _differences(want.get("form", {}), form, "form"))
        if "json" in want:
            problems += _differences(want["json"], body, "json")
        if problems:
            raise self._fail(f"exchange {self.used} ({want['method']} {want['url']}): "
                             + "; ".join(problems))
        headers = answer.get("headers", {})
        if "json" in answer:
            return httpx.Response(answer["status"], headers=headers, json=answer["json"])
        return httpx.Response(answer["status"], headers=headers, text=answer.get("text", ""))

    def assert_all_used(self) -> None:
        if self.mismatches:
            raise ReplayMismatch(f"{self.path.name}: {self.mismatches[0]}")
        if self.used != len(self.exchanges):
            raise ReplayMismatch(f"{self.path.name}: {len(self.exchanges) - self.used} "
                                 "recorded exchange(s) were never requested")

    def __enter__(self) -> "ReplayTransport":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.assert_all_used()


def assert_token_kept_out(transport: ReplayTransport, token: str,
                          error: BaseException | None = None) -> None:
    """The token is in no request address, and not in the error a person may read."""
    assert token, "pass the token the connector was given"
    for request in transport.requests:
        assert token not in str(request.url), f"token in {request.method} {request.url.path}"
    if error is not None:
        assert token not in str(error) and token not in repr(error)
        assert token not in getattr(error, "message", "")
