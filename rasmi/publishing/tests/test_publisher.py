"""Scheduled publishing through the real django-tasks-db worker, to the dry-run outbox and
through platform connectors replaying recorded payloads. Never published twice."""

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import httpx
import pytest
from django.core.management import call_command
from django.utils import timezone

from rasmi.audit.models import AuditEntry
from rasmi.connectors.testing import ReplayTransport
from rasmi.publishing import publisher, services
from rasmi.publishing.models import Credential, OutboxEntry, Post, PostState, TargetState
from rasmi.publishing.tests.conftest import post_input, tomorrow_at
from rasmi.secrets_box import open_sealed

CONNECTORS = Path(__file__).resolve().parents[2] / "connectors"


def run_worker() -> None:
    """Everything due, then exit: the same worker `make run` starts. It closes its database
    connection when done, so tests that call it use `transactional_db` (committed data,
    a fresh connection afterwards) rather than one wrapping transaction."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload",
                 "--queue-name", "*", stdout=StringIO(), stderr=StringIO())


def due_now(post: Post) -> None:
    """Move the queued task and the post's time to now, as if the clock had reached it."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    Post.objects.filter(pk=post.pk).update(scheduled_at=now)
    for task in DBTaskResult.objects.filter(status="READY"):
        task.run_after = now
        task.args_kwargs["args"][2] = now.isoformat()
        task.save()


def scheduled(newsroom, accounts=None, **extra) -> Post:
    editor = newsroom["editor"]
    post = services.create_post(editor, newsroom["org"],
                                post_input(accounts or [newsroom["fb"], newsroom["x"]],
                                           **extra))
    services.submit(editor, post)
    services.approve(newsroom["approver"], post)
    return services.schedule(editor, post, tomorrow_at(9))


def test_the_worker_publishes_a_scheduled_post_to_the_outbox(transactional_db, newsroom):
    post = scheduled(newsroom)
    run_worker()
    assert not OutboxEntry.objects.exists()  # not due yet
    due_now(post)
    run_worker()
    post.refresh_from_db()
    assert post.state == PostState.PUBLISHED and post.published_at
    assert OutboxEntry.objects.count() == 2
    for target in post.targets.all():
        assert target.state == TargetState.PUBLISHED
        assert target.platform_post_id.startswith("outbox-") and target.permalink
    assert AuditEntry.objects.filter(action="post.published", object_id=str(post.pk)).exists()


def test_running_the_same_task_twice_publishes_once(newsroom):
    post = scheduled(newsroom)
    due_now(post)
    args = (post.pk, post.version, Post.objects.get(pk=post.pk).scheduled_at.isoformat())
    assert publisher.publish(*args) == "published"
    assert publisher.publish(*args) == "stale"  # the post is published now
    assert OutboxEntry.objects.count() == 2


def test_a_worker_that_died_mid_send_does_not_post_again(newsroom):
    post = scheduled(newsroom, accounts=[newsroom["fb"]])
    due_now(post)
    target = post.targets.get()
    # The first worker sent it and died before recording the answer.
    OutboxEntry.objects.create(idempotency_key=target.idempotency_key, platform="facebook",
                               account_key="facebook:jpjmalaysia", text=post.text)
    target.state = TargetState.SENDING
    target.save()
    post.refresh_from_db()
    assert publisher.publish(post.pk, post.version, post.scheduled_at.isoformat()) \
        == "published"
    assert OutboxEntry.objects.count() == 1


def test_an_interrupted_send_on_a_platform_that_cannot_tell_waits_for_a_person(newsroom,
                                                                                monkeypatch):
    post = scheduled(newsroom, accounts=[newsroom["x"]])
    due_now(post)
    post.refresh_from_db()
    credential = Credential.objects.get(account=newsroom["x"])
    services.set_credential(newsroom["admin"], newsroom["x"], mode="live", token="x-token")
    target = post.targets.get()
    target.state = TargetState.SENDING
    target.save()
    assert credential.pk
    assert publisher.publish(post.pk, post.version, post.scheduled_at.isoformat()) == "failed"
    target.refresh_from_db()
    assert target.state == TargetState.FAILED and "interrupted" in target.last_error


def test_an_edit_makes_the_queued_task_stale(newsroom):
    post = scheduled(newsroom)
    old = Post.objects.get(pk=post.pk)
    services.update_post(newsroom["editor"], post, post_input(
        [newsroom["fb"]], text="Kaunter JPJ dibuka Sabtu ini, 8 pagi hingga 1 petang."))
    assert publisher.publish(old.pk, old.version, old.scheduled_at.isoformat()) == "stale"
    assert not OutboxEntry.objects.exists()


def test_tokens_are_sealed_at_rest_and_kept_out_of_the_audit(newsroom):
    services.set_credential(newsroom["admin"], newsroom["fb"], mode="live",
                            token="EAAB-secret-page-token",
                            expires_at=timezone.now() + dt.timedelta(days=3))
    stored = Credential.objects.get(account=newsroom["fb"])
    assert "EAAB" not in stored.token_encrypted
    assert open_sealed(stored.token_encrypted) == "EAAB-secret-page-token"
    entry = AuditEntry.objects.filter(action="credential.set").last()
    assert "EAAB" not in str(entry.after) and entry.after["token_replaced"] is True
    from rasmi.publishing import selectors

    assert [c.account for c in selectors.expiring_credentials(newsroom["admin"])] == \
        [newsroom["fb"]]


def _live(newsroom, account, fixture, monkeypatch, transport=None):
    """Publish through the real connector class, its httpx client replaying `fixture` (or
    answering through `transport`)."""
    from rasmi.connectors import registry

    services.set_credential(newsroom["admin"], account, mode="live", token="page-token-123")
    transport = transport or ReplayTransport(fixture)
    real = registry.connector_for
    monkeypatch.setattr(publisher, "connector_for", lambda platform, token: real(
        platform, token, client=httpx.Client(transport=transport)))
    return transport


def test_facebook_publishing_through_recorded_payloads(transactional_db, newsroom, monkeypatch):
    fixture = CONNECTORS / "facebook" / "fixtures" / "publish_feed.json"
    transport = _live(newsroom, newsroom["fb"], fixture, monkeypatch)
    post = scheduled(newsroom, accounts=[newsroom["fb"]])
    due_now(post)
    run_worker()
    target = post.targets.get()
    assert target.state == TargetState.PUBLISHED, target.last_error
    assert target.platform_post_id and target.permalink.startswith("https://www.facebook.com/")
    transport.assert_all_used()


def test_an_expired_token_fails_the_account_without_retrying(transactional_db, newsroom,
                                                             monkeypatch):
    fixture = CONNECTORS / "facebook" / "fixtures" / "token_expired.json"
    _live(newsroom, newsroom["fb"], fixture, monkeypatch)
    post = scheduled(newsroom, accounts=[newsroom["fb"]])
    due_now(post)
    run_worker()
    post.refresh_from_db()
    target = post.targets.get()
    assert post.state == PostState.FAILED
    assert target.error_kind == "token_expired" and target.attempts == 1


def test_throttling_is_retried_later_with_backoff(transactional_db, newsroom, monkeypatch,
                                                  settings):
    from django_tasks_db.models import DBTaskResult

    fixture = CONNECTORS / "facebook" / "fixtures" / "throttled.json"
    _live(newsroom, newsroom["fb"], fixture, monkeypatch)
    post = scheduled(newsroom, accounts=[newsroom["fb"]])
    due_now(post)
    before = timezone.now()
    run_worker()
    post.refresh_from_db()
    target = post.targets.get()
    assert post.state == PostState.SCHEDULED and target.state == TargetState.PENDING
    assert target.error_kind == "throttled"
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after >= before + dt.timedelta(seconds=settings.PUBLISH_BACKOFF_SECONDS)


def _replay(tmp_path, *names: str) -> Path:
    """One recording made of several Facebook fixture files, played in order."""
    exchanges = [e for name in names for e in json.loads(
        (CONNECTORS / "facebook" / "fixtures" / f"{name}.json").read_text())]
    path = tmp_path / "replay.json"
    path.write_text(json.dumps(exchanges))
    return path


def _publish_now(post: Post) -> str:
    post.refresh_from_db()
    return publisher.publish(post.pk, post.version, post.scheduled_at.isoformat())


@pytest.mark.parametrize(("then", "publishes_again"), [("find_published", False),
                                                        ("find_none", True)])
def test_a_5xx_on_publish_asks_the_platform_before_sending_again(
        newsroom, monkeypatch, tmp_path, then, publishes_again):
    names = ["server_error", then] + (["publish_feed"] if publishes_again else [])
    transport = _live(newsroom, newsroom["fb"], _replay(tmp_path, *names), monkeypatch)
    post = scheduled(newsroom, accounts=[newsroom["fb"]])
    due_now(post)
    assert _publish_now(post) == "retrying"
    target = post.targets.get()
    # Outcome unknown: kept `sending`, so the next run looks before it sends.
    assert target.state == TargetState.SENDING and target.error_kind == "transient"
    assert _publish_now(post) == "published"
    target.refresh_from_db()
    assert target.platform_post_id == "100064_987654321098765"
    transport.assert_all_used()


class Timeout(httpx.BaseTransport):
    def handle_request(self, request):
        raise httpx.ReadTimeout("no answer", request=request)


def test_a_timeout_on_a_platform_that_cannot_tell_fails_for_a_person(newsroom, monkeypatch):
    _live(newsroom, newsroom["x"], None, monkeypatch, transport=Timeout())
    post = scheduled(newsroom, accounts=[newsroom["x"]])
    due_now(post)
    assert _publish_now(post) == "failed"
    target = post.targets.get()
    assert target.state == TargetState.FAILED and target.attempts == 1
    assert "did not answer in time" in target.last_error
    assert "check the account" in target.last_error


def test_an_unreachable_platform_is_retried_without_asking(newsroom, monkeypatch):
    class Refused(httpx.BaseTransport):
        def handle_request(self, request):
            raise httpx.ConnectError("refused", request=request)

    _live(newsroom, newsroom["x"], None, monkeypatch, transport=Refused())
    post = scheduled(newsroom, accounts=[newsroom["x"]])
    due_now(post)
    assert _publish_now(post) == "retrying"
    assert post.targets.get().state == TargetState.PENDING  # nothing was sent


def test_the_publisher_closes_the_connectors_it_opens(newsroom, monkeypatch):
    from rasmi.connectors import registry

    services.set_credential(newsroom["admin"], newsroom["fb"], mode="live", token="t")
    opened = []

    def tracked(platform, token):
        connector = registry.connector_for(platform, token)  # owns its httpx client
        opened.append(connector)
        monkeypatch.setattr(connector, "publish", lambda pub: publisher.Published("1", "u"))
        return connector

    monkeypatch.setattr(publisher, "connector_for", tracked)
    post = scheduled(newsroom, accounts=[newsroom["fb"]])
    due_now(post)
    assert _publish_now(post) == "published"
    assert opened and all(c._client.is_closed for c in opened)


def test_youtube_sets_the_description_of_the_named_video_through_the_worker(
        transactional_db, newsroom, monkeypatch, tmp_path):
    from rasmi.publishing.tests.test_workflow import _youtube

    youtube = _youtube(newsroom)
    exchanges = json.loads((CONNECTORS / "youtube" / "fixtures" / "update.json").read_text())
    # The post's title is for the team: the video keeps its own.
    exchanges[1]["request"]["json"]["snippet"]["title"] = "Tips keselamatan jalan raya"
    recording = tmp_path / "update.json"
    recording.write_text(json.dumps(exchanges))
    transport = _live(newsroom, youtube, recording, monkeypatch)
    post = scheduled(newsroom, accounts=[youtube], youtube_video="https://youtu.be/dQw4jpjTips")
    due_now(post)
    run_worker()
    target = post.targets.get()
    assert target.state == TargetState.PUBLISHED, target.last_error
    assert target.permalink == "https://www.youtube.com/watch?v=dQw4jpjTips"
    transport.assert_all_used()


@pytest.mark.parametrize("platform", ["facebook", "instagram", "x", "tiktok", "youtube"])
def test_every_connector_has_recorded_payloads(platform):
    fixtures = list((CONNECTORS / platform / "fixtures").glob("*.json"))
    assert fixtures, platform
