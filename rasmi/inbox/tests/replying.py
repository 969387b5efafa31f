"""What the reply and moderation tests share: JPJ's inbox desk (officers, accounts with
credentials) and conversations brought in through the real ingest path."""

import datetime as dt
from pathlib import Path

import httpx
from django.utils import timezone

from rasmi.conftest import make_user
from rasmi.connectors.testing import ReplayTransport
from rasmi.inbox import ingest
from rasmi.inbox.models import Conversation, Delivery, Message
from rasmi.inbox.tests.conftest import payload

CONNECTORS = Path(__file__).resolve().parents[2] / "connectors"
# The text the recorded reply exchanges carry (rasmi/connectors/*/fixtures/reply_*.json).
TEXT = ("Terima kasih atas pertanyaan. Permohonan lesen memandu dalam talian dibuka semula "
        "minggu depan. Kami mohon maaf atas kelewatan.")
TOP_COMMENT = "987654321098765_1122334455667788"
PSID = "7123456789012345"


def make_desk(orgs, pages) -> dict:
    """JPJ's people (an officer, an approver, an admin, a viewer), an outsider at KKM and a
    coordinator; JPJ's Page and Instagram publish to the dry-run outbox."""
    from rasmi.publishing.models import Credential
    from rasmi.registry.services import bump_register_version

    jpj = orgs["jpj"]
    for account in (pages["facebook"], pages["instagram"]):
        Credential.objects.create(account=account, mode="dry_run")
    bump_register_version()
    return {
        "org": jpj, **pages,
        "officer": make_user("officer", "org_editor", jpj),
        "approver": make_user("approver", "org_approver", jpj),
        "admin": make_user("admin", "org_admin", jpj),
        "viewer": make_user("viewer", "viewer", jpj),
        "ministry_editor": make_user("ministry_editor", "org_editor", orgs["mot"]),
        "outsider": make_user("outsider", "org_editor", orgs["kkm"]),
        "coordinator": make_user("coordinator", "coordinator", None),
    }


def deliver(name: str) -> None:
    delivery = Delivery.objects.create(source="meta", body=payload(name).decode())
    ingest.process(delivery.pk)


def comment_thread() -> Conversation:
    """Nurul Aina's comment on JPJ's post and Tan Wei Ming's reply, waiting for an answer."""
    deliver("page_comments")
    conversation = Conversation.objects.get(kind="comments", thread_key=TOP_COMMENT)
    now = timezone.now()
    Conversation.objects.filter(pk=conversation.pk).update(
        awaiting_since=now - dt.timedelta(hours=3),
        first_response_due=now + dt.timedelta(hours=21))
    conversation.refresh_from_db()
    return conversation


def messenger_chat(hours_ago: float = 1) -> Conversation:
    """A Messenger conversation whose last message came `hours_ago` hours ago."""
    deliver("messenger")
    conversation = Conversation.objects.get(kind="direct", thread_key=PSID)
    Message.objects.filter(conversation=conversation).update(
        sent_at=timezone.now() - dt.timedelta(hours=hours_ago))
    return conversation


def go_live(desk, account, monkeypatch, *, fixture: Path | None = None,
            transport: httpx.BaseTransport | None = None) -> httpx.BaseTransport:
    """The account answers through its real connector class, whose httpx client replays
    `fixture` (or answers through `transport`)."""
    from rasmi.connectors import registry
    from rasmi.publishing import publisher, services

    services.set_credential(desk["admin"], account, mode="live", token="page-token-123")
    transport = transport or ReplayTransport(fixture)
    real = registry.connector_for
    monkeypatch.setattr(publisher, "connector_for", lambda platform, token: real(
        platform, token, client=httpx.Client(transport=transport)))
    return transport


def recording(tmp_path, platform: str, *names: str) -> Path:
    """Several recorded exchanges of one platform played in order, as one recording."""
    import json

    exchanges = [e for name in names for e in json.loads(
        (CONNECTORS / platform / "fixtures" / f"{name}.json").read_text())]
    path = tmp_path / "recording.json"
    path.write_text(json.dumps(exchanges))
    return path


def fixture(platform: str, name: str) -> Path:
    return CONNECTORS / platform / "fixtures" / f"{name}.json"
