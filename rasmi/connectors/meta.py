"""What Facebook Pages and Instagram share: the Graph API address, where the token goes,
and the Graph error codes.

Error body: {"error": {"message", "type", "code", "error_subcode", "error_user_title",
"error_user_msg", "is_transient", "fbtrace_id"}} (developers.facebook.com, Handling Errors;
Instagram Platform, Error Codes).
"""

import httpx

from rasmi.connectors.base import Connector, ConnectorError, ErrorKind

GRAPH = "https://graph.facebook.com/v21.0"

THROTTLED = frozenset({4, 17, 32, 341, 613}) | frozenset(range(80001, 80015))  # 8000x: BUC
TOKEN_EXPIRED = frozenset({102, 190, 463, 467})
TRANSIENT = frozenset({-2, -1, 1, 2})  # Graph "unknown"/"service" and IG "server error"
# (code, subcode) pairs whose subcode changes the meaning of the code (Instagram).
BY_SUBCODE = {
    (4, 2207051): ErrorKind.POLICY,  # "We restrict certain activity to protect our community"
    (9, 2207042): ErrorKind.THROTTLED,  # the 24-hour content publishing limit
}


def kind_of(code: int, subcode: int | None, status: int, is_transient: bool) -> ErrorKind:
    if (code, subcode) in BY_SUBCODE:
        return BY_SUBCODE[code, subcode]
    if code in THROTTLED:
        return ErrorKind.THROTTLED
    if code in TOKEN_EXPIRED:
        return ErrorKind.TOKEN_EXPIRED
    if code == 10 or 200 <= code <= 299:
        return ErrorKind.PERMISSION
    if code == 368:
        return ErrorKind.POLICY
    if code == 506:
        return ErrorKind.DUPLICATE
    if code == 100:
        return ErrorKind.INVALID
    if code in TRANSIENT or is_transient or status >= 500:
        return ErrorKind.TRANSIENT
    return ErrorKind.INVALID


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class GraphConnector(Connector):
    """Writes carry the token as the `access_token` form field, reads as an Authorization
    header: never in an address, which proxies and access logs keep."""

    base_url = GRAPH
    confirms_absence = True  # the account's recent posts are listed and matched

    def post(self, path: str, data: dict[str, str]) -> dict:
        return self.request("POST", path, data=data | {"access_token": self._token})

    def get(self, path: str, params: dict[str, str]) -> dict:
        return self.request("GET", path, params=params, headers=self.bearer())

    def error_from(self, response: httpx.Response, body: dict) -> ConnectorError:
        error = body.get("error") if isinstance(body.get("error"), dict) else {}
        code, subcode = _int(error.get("code")), _int(error.get("error_subcode"))
        message = str(error.get("message") or response.reason_phrase or "Graph API error")
        if error.get("error_user_msg"):
            # The user-facing text is often the only actionable part (and localised).
            message = f"{message} | {error['error_user_msg']}"
        kind = kind_of(-999 if code is None else code, subcode, response.status_code,
                       error.get("is_transient") is True)
        label = "" if code is None else str(code) if subcode is None else f"{code}/{subcode}"
        return self.fail(kind, message, code=label or str(response.status_code))
