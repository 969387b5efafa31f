"""What Facebook Pages and Instagram share: the Graph API address, where the token goes,
and the Graph error codes.

Error body: {"error": {"message", "type", "code", "error_subcode", "error_user_title",
"error_user_msg", "is_transient", "fbtrace_id"}} (developers.facebook.com, Handling Errors;
Instagram Platform, Error Codes).
"""

import httpx

from rasmi.connectors.base import Connector, ConnectorError, ErrorKind, Reply, Sent, same_text

GRAPH = "https://graph.facebook.com/v21.0"
RECENT = "50"  # replies read back when a send's outcome is unknown

THROTTLED = frozenset({4, 17, 32, 341, 613}) | frozenset(range(80001, 80015))  # 8000x: BUC
TOKEN_EXPIRED = frozenset({102, 190, 463, 467})
TRANSIENT = frozenset({-2, -1, 1, 2})  # Graph "unknown"/"service" and IG "server error"
# (code, subcode) pairs whose subcode changes the meaning of the code (Instagram).
BY_SUBCODE = {
    (4, 2207051): ErrorKind.POLICY,  # "We restrict certain activity to protect our community"
    (9, 2207042): ErrorKind.THROTTLED,  # the 24-hour content publishing limit
    # "(#10) This message is sent outside of allowed window." Messenger, then Instagram
    # (Messenger Platform, Common Error Codes): not a permission a person can grant.
    (10, 2018278): ErrorKind.WINDOW_CLOSED,
    (10, 2534022): ErrorKind.WINDOW_CLOSED,
    # "Unsupported post request. Object with ID ... does not exist": a deleted comment.
    (100, 33): ErrorKind.NOT_FOUND,
}
# "This person isn't available right now" (blocked the Page or left Messenger).
NOT_FOUND = frozenset({551})


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
    if code in NOT_FOUND:
        return ErrorKind.NOT_FOUND
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

    def send_message(self, path: str, reply: Reply) -> Sent:
        """Messenger Send API (Instagram messaging takes the same call): a RESPONSE to a
        person who wrote within the last 24 hours -> {"recipient_id", "message_id"}."""
        self.require_window(reply)
        answer = self.request("POST", path, headers=self.bearer(), json={
            "recipient": {"id": reply.in_reply_to}, "messaging_type": "RESPONSE",
            "message": {"text": reply.text}})
        return Sent(self.required(answer, "message_id"))

    def set_flag(self, path: str, data: dict[str, str]) -> None:
        """A comment update answered {"success": true}."""
        if self.post(path, data).get("success") is not True:
            raise self.fail(ErrorKind.INVALID, "unexpected answer: no success; check the "
                            "comment on the platform", code="unexpected_answer")

    def find_own(self, path: str, params: dict[str, str], text_field: str,
                 reply: Reply) -> Sent | None:
        """Replies under a comment: ours if written by the account with the text we
        sent."""
        listed = self.get(path, params | {"limit": RECENT})
        for item in listed.get("data") or []:
            author = item.get("from") if isinstance(item, dict) else None
            if isinstance(author, dict) and str(author.get("id")) == reply.account_id \
                    and same_text(reply.text, item.get(text_field)) and item.get("id"):
                return Sent(str(item["id"]))
        return None

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
