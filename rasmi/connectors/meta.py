"""What Facebook Pages and Instagram share: the Graph API address and its error codes."""

import httpx

from rasmi.connectors.base import Connector, ConnectorError, ErrorKind

GRAPH = "https://graph.facebook.com/v21.0"
THROTTLED = frozenset({4, 17, 32, 341, 613})
TOKEN = frozenset({102, 190, 463, 467})
POLICY = frozenset({368})
DUPLICATE = frozenset({506})


def kind_of(code: int, status: int) -> ErrorKind:
    if code in THROTTLED:
        return ErrorKind.THROTTLED
    if code in TOKEN:
        return ErrorKind.TOKEN_EXPIRED
    if code == 10 or 200 <= code <= 299:
        return ErrorKind.PERMISSION
    if code in POLICY:
        return ErrorKind.POLICY
    if code in DUPLICATE:
        return ErrorKind.DUPLICATE
    return ErrorKind.TRANSIENT if status >= 500 else ErrorKind.INVALID


class GraphConnector(Connector):
    """The token travels as the `access_token` field of the form body (or a header on
    reads), never in an address that proxies and logs keep."""

    base_url = GRAPH
    confirms_absence = True  # the account's recent posts are listed and matched

    def post(self, path: str, data: dict) -> dict:
        return self.request("POST", path, data=data | {"access_token": self._token})

    def get(self, path: str, params: dict) -> dict:
        return self.request("GET", path, params=params,
                            headers={"Authorization": f"Bearer {self._token}"})

    def error_from(self, response: httpx.Response, body: dict) -> ConnectorError:
        error = body.get("error") if isinstance(body.get("error"), dict) else {}
        code = error.get("code")
        code = code if isinstance(code, int) else -1
        message = str(error.get("message") or response.reason_phrase)
        if error.get("error_user_msg"):
            message += f" ({error['error_user_msg']})"
        return self.fail(kind_of(code, response.status_code), message,
                         code=f"{code}/{error.get('error_subcode', '')}".rstrip("/"))


def matches(text: str, candidate: str | None) -> bool:
    """A recent post is ours when its text is ours (whitespace aside)."""
    return bool(candidate) and " ".join(candidate.split()) == " ".join(text.split())
