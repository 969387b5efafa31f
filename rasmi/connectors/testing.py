"""Replay recorded platform exchanges through a real httpx client (httpx.MockTransport).

A fixture file is a list of {"request": {"method", "url", "form"|"json"|"params"},
"response": {"status", "headers", "json"}}. Requests must come in the recorded order and
carry the recorded method, address and fields; anything else fails the test."""

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx


class ReplayMismatch(AssertionError):
    pass


def _fields(request: httpx.Request) -> tuple[dict, dict]:
    query = {k: v[-1] for k, v in parse_qs(urlsplit(str(request.url)).query).items()}
    body: dict = {}
    if request.content:
        kind = request.headers.get("content-type", "")
        if "json" in kind:
            body = json.loads(request.content)
        elif "form" in kind:
            body = {k: v[-1] for k, v in parse_qs(request.content.decode()).items()}
    return query, body


class ReplayTransport(httpx.MockTransport):
    def __init__(self, path: Path | str):
        self.exchanges = json.loads(Path(path).read_text())
        self.used = 0
        self.requests: list[httpx.Request] = []
        super().__init__(self._answer)

    def _answer(self, request: httpx.Request) -> httpx.Response:
        if self.used >= len(self.exchanges):
            raise ReplayMismatch(f"unexpected request {request.method} {request.url}")
        recorded = self.exchanges[self.used]
        self.used += 1
        self.requests.append(request)
        want = recorded["request"]
        split = urlsplit(str(request.url))
        address = f"{split.scheme}://{split.netloc}{split.path}"
        if request.method != want["method"] or address != want["url"]:
            raise ReplayMismatch(f"expected {want['method']} {want['url']}, "
                                 f"got {request.method} {address}")
        query, body = _fields(request)
        for name, source in (("params", query), ("form", body), ("json", body)):
            for key, value in want.get(name, {}).items():
                if source.get(key) != value:
                    raise ReplayMismatch(f"{name}.{key}: expected {value!r}, "
                                         f"got {source.get(key)!r}")
        answer = recorded["response"]
        return httpx.Response(answer["status"], headers=answer.get("headers", {}),
                              json=answer.get("json"))

    def assert_all_used(self) -> None:
        if self.used != len(self.exchanges):
            raise ReplayMismatch(f"{len(self.exchanges) - self.used} recorded exchange(s) "
                                 "were never requested")
