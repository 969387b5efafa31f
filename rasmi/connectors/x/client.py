"""X: POST https://api.x.com/2/tweets with a user-context bearer token."""

import httpx

from rasmi.connectors.base import (
    Connector,
    ConnectorError,
    ErrorKind,
    Publication,
    Published,
    kind_from_status,
)


class XConnector(Connector):
    platform = "x"
    base_url = "https://api.x.com/2"

    def publish(self, pub: Publication) -> Published:
        text = f"{pub.text}\n{pub.link}" if pub.link and pub.link not in pub.text else pub.text
        answer = self.request("POST", "/tweets", json={"text": text},
                              headers={"Authorization": f"Bearer {self._token}"})
        post_id = answer["data"]["id"]
        return Published(post_id, f"https://x.com/i/web/status/{post_id}")

    def find_published(self, pub: Publication) -> Published | None:
        # Reading an account's own timeline needs another access tier and lags behind
        # writes; rather than guess, say "cannot tell" and let a person check.
        return None

    def error_from(self, response: httpx.Response, body: dict) -> ConnectorError:
        status = response.status_code
        errors = body.get("errors") if isinstance(body.get("errors"), list) else []
        detail = str(body.get("detail") or (errors[0].get("message") if errors and isinstance(
            errors[0], dict) else "") or body.get("title") or response.reason_phrase)
        kind = ErrorKind.DUPLICATE if status == 403 and "duplicate" in detail.lower() \
            else kind_from_status(status)
        return self.fail(kind, detail, code=str(status))
