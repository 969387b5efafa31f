"""The dry-run connector: 'publishes' into the OutboxEntry table, so the demo and the tests
run the whole flow (schedule, worker, idempotency) without reaching a platform. Inbox
replies go the same way; hiding a comment changes nothing outside Rasmi."""

from rasmi.connectors.base import Publication, Published, Reply, Sent
from rasmi.publishing.models import OutboxEntry


class OutboxConnector:
    """Same two calls as a platform connector (rasmi.connectors.base.Connector)."""

    confirms_absence = True  # the outbox is keyed by the idempotency key

    def __init__(self, platform: str, account_key: str):
        self.platform = platform
        self.account_key = account_key

    def publish(self, pub: Publication) -> Published:
        entry, _ = OutboxEntry.objects.get_or_create(
            idempotency_key=pub.idempotency_key,
            defaults={"platform": self.platform, "account_key": self.account_key,
                      "text": pub.text, "link": pub.link,
                      "media": [{"type": m.type, "url": m.url, "alt_text": m.alt_text}
                                for m in pub.media]})
        return self._published(entry)

    def close(self) -> None:
        """Nothing to release; here so the publisher closes every connector alike."""

    def find_published(self, pub: Publication) -> Published | None:
        entry = OutboxEntry.objects.filter(idempotency_key=pub.idempotency_key).first()
        return self._published(entry) if entry else None

    def reply(self, reply: Reply) -> Sent:
        entry, _ = OutboxEntry.objects.get_or_create(
            idempotency_key=reply.idempotency_key,
            defaults={"platform": self.platform, "account_key": self.account_key,
                      "text": reply.text})
        return Sent(f"outbox-{entry.pk}")

    def find_reply(self, reply: Reply) -> Sent | None:
        entry = OutboxEntry.objects.filter(idempotency_key=reply.idempotency_key).first()
        return Sent(f"outbox-{entry.pk}") if entry else None

    def confirms_reply_absence(self, reply: Reply) -> bool:
        return True

    def hide_comment(self, comment_id: str, hidden: bool = True) -> None:
        """Nothing to hide outside Rasmi in a dry run."""

    @staticmethod
    def _published(entry: OutboxEntry) -> Published:
        return Published(platform_post_id=f"outbox-{entry.pk}",
                         permalink=f"/staf/siaran/outbox/#outbox-{entry.pk}")
