"""The polling runner on real httpx clients replaying recorded YouTube and X answers
(rasmi/connectors/*/fixtures; their shapes are cited in rasmi/connectors/tests): pages
stored and processed once, cursors, backoff, stopping and resuming."""

import datetime as dt
import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from rasmi.audit.models import AuditEntry
from rasmi.conftest import make_account, make_user
from rasmi.connectors.testing import ReplayTransport, fixture_path
from rasmi.connectors.youtube.client import PACIFIC
from rasmi.inbox import ingest
from rasmi.inbox.models import Conversation, Delivery, Direction, Message, PollCursor
from rasmi.inbox.polling import pages, runner, x_mentions, youtube_comments
from rasmi.publishing.models import Credential
from rasmi.secrets_box import seal

pytestmark = pytest.mark.django_db

NOW = dt.datetime.fromtimestamp(1795600000, dt.UTC)  # the recordings' clock
CHANNEL = "UCq9KjPjMalaysiaRasmi0aB"
X_USER = "1020304050607080900"


TOKEN = "platform-token"  # noqa: S105  (a test value)


def live(org, url, platform_id, *, status="official"):
    account = make_account(org, url, status=status, platform_id=platform_id)
    Credential.objects.create(account=account, mode="live", token_encrypted=seal(TOKEN))
    # Set before the recordings' clock, as it would have been.
    Credential.objects.filter(account=account).update(updated_at=NOW - dt.timedelta(days=7))
    return account


@pytest.fixture
def youtube(orgs):
    return live(orgs["jpj"], f"https://www.youtube.com/channel/{CHANNEL}", CHANNEL)


@pytest.fixture
def x_account(orgs):
    return live(orgs["jpj"], "https://x.com/jpjmalaysia", X_USER)


def poll(platform: str, fixture: str, now=NOW, seed=1) -> runner.PassReport:
    """One pass answering from a recording; every recorded exchange must be asked for."""
    with ReplayTransport(fixture_path(platform, fixture)) as transport:
        return runner.poll_due(now=now, client=transport.client(), rng=random.Random(seed))


def cursor_of(account) -> PollCursor:
    return PollCursor.objects.get(account=account)


# --- reading and storing once --------------------------------------------------------------

def test_a_youtube_sweep_stores_each_page_and_its_messages(youtube, settings):
    report = poll("youtube", "comment_threads")
    assert (report.streams, report.pages, report.events, report.failed) == (1, 2, 5, 0)
    assert Delivery.objects.filter(source="youtube", processed_at__isnull=False).count() == 2
    assert Message.objects.count() == 4 and Conversation.objects.count() == 3
    reply = Message.objects.get(platform_message_id__endswith=".9zQ1rT5bXyZ9zQ2aBcDeFg")
    assert reply.direction == Direction.OUT
    assert reply.conversation.first_response_at == reply.sent_at
    edited = Message.objects.get(platform_message_id="UgzY5nT2kQ8pWcA3xHl4AaABAg")
    assert edited.edited and edited.sent_at < edited.event_at
    cursor = cursor_of(youtube)
    assert pages.load(youtube_comments.Cursor, cursor.cursor) == youtube_comments.Cursor(
        seen="2026-11-25T08:15:02+00:00")
    assert cursor.next_poll_at == NOW + dt.timedelta(seconds=settings.INBOX_POLL_INTERVAL_SECONDS)
    assert cursor.last_polled_at == NOW and cursor.failures == 0


def test_a_re_poll_stores_only_what_is_new(youtube, settings):
    poll("youtube", "comment_threads")
    later = NOW + dt.timedelta(seconds=settings.INBOX_POLL_INTERVAL_SECONDS)
    report = poll("youtube", "comment_threads_again", now=later)  # one page: nothing older
    assert report.pages == 1
    assert Message.objects.count() == 5  # the one new reply
    assert Conversation.objects.count() == 3
    assert Message.objects.filter(platform_message_id__endswith="9zQ4rStUvWx").exists()


def test_nothing_is_polled_before_it_is_due(youtube):
    poll("youtube", "comment_threads")
    with ReplayTransport(fixture_path("youtube", "comment_threads_again")) as transport:
        report = runner.poll_due(now=NOW + dt.timedelta(seconds=10), client=transport.client())
        transport.exchanges = []  # nothing may be asked
    assert report.streams == 0 and transport.requests == []


def test_a_crash_between_storing_a_page_and_moving_the_cursor_doubles_nothing(
        youtube, monkeypatch):
    def crash(*args):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(runner, "_advanced", crash)
    transport = ReplayTransport(fixture_path("youtube", "comment_threads"))
    assert runner.poll_due(now=NOW, client=transport.client()).failed == 1
    assert Delivery.objects.filter(processed_at__isnull=True).count() == 1
    cursor = cursor_of(youtube)
    assert cursor.cursor == "" and cursor.next_poll_at == NOW + runner.LEASE  # held, not moved
    monkeypatch.undo()
    # The lease runs out; the next pass reads the same pages again.
    report = poll("youtube", "comment_threads", now=NOW + runner.LEASE)
    assert report.pages == 2
    ingest.process_pending()  # the page the crashed pass stored
    assert Delivery.objects.filter(processed_at__isnull=True).count() == 0
    assert Message.objects.count() == 4 and Conversation.objects.count() == 3


def test_x_mentions_then_since_id_then_an_empty_page_that_is_not_stored(x_account, settings):
    assert poll("x", "mentions").events == 3
    assert Conversation.objects.count() == 3
    on_our_post = Conversation.objects.get(thread_key="1861400000000000002")
    assert on_our_post.post_id == "1861300000000000000"
    assert pages.load(x_mentions.Cursor, cursor_of(x_account).cursor).since == \
        "1861400000000000003"
    interval = dt.timedelta(seconds=settings.INBOX_POLL_INTERVAL_SECONDS)
    transport = ReplayTransport(fixture_path("x", "mentions_since"))
    runner.poll_due(now=NOW + interval, client=transport.client())
    assert Message.objects.count() == 4
    runner.poll_due(now=NOW + 2 * interval, client=transport.client())
    transport.assert_all_used()
    assert Delivery.objects.count() == 3  # two pages, then one; the empty page is not kept
    assert pages.load(x_mentions.Cursor, cursor_of(x_account).cursor).since == \
        "1861500000000000004"


def test_the_same_page_polled_twice_stores_nothing_twice(x_account):
    poll("x", "mentions")
    PollCursor.objects.update(cursor="", next_poll_at=None)  # as if the cursor was lost
    poll("x", "mentions")
    assert Delivery.objects.count() == 4 and Message.objects.count() == 3


def test_a_page_after_a_sweep_that_ran_out_of_pages_carries_on_next_pass(x_account, settings):
    settings.INBOX_POLL_PAGES_PER_PASS = 1
    with ReplayTransport(fixture_path("x", "mentions")) as transport:
        first = runner.poll_due(now=NOW, client=transport.client())
        cursor = cursor_of(x_account)
        assert cursor.next_poll_at == NOW  # due again at once
        assert pages.load(x_mentions.Cursor, cursor.cursor).page
        second = runner.poll_due(now=NOW, client=transport.client())
    assert (first.pages, second.pages) == (1, 1) and Message.objects.count() == 3


# --- who is polled -------------------------------------------------------------------------

def test_only_official_accounts_with_a_live_credential_and_a_platform_id_are_polled(orgs):
    live(orgs["jpj"], "https://x.com/jpj_baru", "1111111111", status="pending")
    dry = make_account(orgs["jpj"], "https://x.com/jpj_ujian", platform_id="2222222222")
    Credential.objects.create(account=dry, mode="dry_run")
    live(orgs["jpj"], "https://www.youtube.com/@jpjmalaysia", "")
    make_account(orgs["kkm"], "https://x.com/kkmputrajaya", platform_id="3333333333")
    with ReplayTransport(fixture_path("x", "mentions")) as transport:
        report = runner.poll_due(now=NOW, client=transport.client())
        transport.exchanges = []
    assert report.streams == 0 and report.without_platform_id == 1
    assert transport.requests == [] and not PollCursor.objects.exists()


def test_an_account_no_longer_official_is_not_polled(x_account):
    poll("x", "mentions")
    x_account.status = "archived"
    x_account.save()
    assert not runner.due_cursors(NOW + dt.timedelta(days=1)).exists()


def test_two_runners_never_poll_the_same_stream(x_account):
    runner.ensure_cursors()
    first, second = runner.due_cursors(NOW)[0], runner.due_cursors(NOW)[0]
    assert runner._claim(first, NOW) and not runner._claim(second, NOW)


def test_a_polled_page_for_an_account_the_register_does_not_hold_is_refused(youtube):
    page = {"data": [{"id": "9", "text": "@someone hi", "author_id": "7"}]}
    delivery = Delivery.objects.create(source="x", body=pages.wrap("x_mentions", "404", page))
    ingest.process(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.refused == [{"platform": "x", "account_id": "404", "message_id": "9"}]
    assert not Message.objects.exists()


# --- errors, backoff, stopping -------------------------------------------------------------

def test_backoff_grows_with_each_failure_and_resets_on_success(x_account, settings):
    now, waits = NOW, []
    for _ in range(3):
        poll("x", "mentions_server_error", now=now)
        cursor = cursor_of(x_account)
        waits.append((cursor.next_poll_at - now).total_seconds())
        now = cursor.next_poll_at
    base = settings.INBOX_POLL_BACKOFF_SECONDS
    for failures, wait in enumerate(waits, start=1):
        ceiling = base * 2 ** (failures - 1)
        assert ceiling / 2 <= wait <= ceiling  # jitter within the doubling window
    assert cursor.failures == 3 and "503" in cursor.last_error and "transient" in cursor.last_error
    poll("x", "mentions", now=now)
    cursor = cursor_of(x_account)
    assert (cursor.failures, cursor.last_error) == (0, "")
    assert cursor.next_poll_at == now + dt.timedelta(seconds=settings.INBOX_POLL_INTERVAL_SECONDS)


def test_backoff_is_capped_and_jittered(settings):
    settings.INBOX_POLL_BACKOFF_SECONDS, settings.INBOX_POLL_BACKOFF_CAP_SECONDS = 60, 600
    rng = random.Random(7)
    assert all(300 <= runner.backoff_seconds(n, rng) <= 600 for n in range(5, 40))
    spread = {round(runner.backoff_seconds(3, rng)) for _ in range(20)}
    assert len(spread) > 10  # streams that failed together come back apart


def test_x_rate_limit_reset_is_honoured(x_account):
    report = poll("x", "mentions_throttled")
    assert report.failed == 1 and report.stopped == 0
    assert cursor_of(x_account).next_poll_at == NOW + dt.timedelta(seconds=900)


def test_youtube_quota_waits_for_the_quota_day(youtube):
    poll("youtube", "comment_threads_quota")
    midnight = (NOW.astimezone(PACIFIC) + dt.timedelta(days=1)).replace(
        hour=0, minute=0, second=0, microsecond=0)
    cursor = cursor_of(youtube)
    assert cursor.next_poll_at == midnight and cursor.failures == 1


@pytest.mark.parametrize(("platform", "fixture"), [
    ("x", "mentions_unauthorized"), ("x", "mentions_user_not_found"),
    ("youtube", "comment_threads_unauthorized"),
    ("youtube", "comment_threads_channel_not_found")])
def test_an_error_that_will_not_pass_by_itself_stops_the_stream_at_once(
        youtube, x_account, platform, fixture):
    PollCursor.objects.bulk_create([PollCursor(account=a, stream=s, next_poll_at=NOW.replace(
        year=2030)) for a, s in ((youtube, "youtube_comments"), (x_account, "x_mentions"))])
    account = youtube if platform == "youtube" else x_account
    PollCursor.objects.filter(account=account).update(next_poll_at=None)
    report = poll(platform, fixture)
    assert report.stopped == 1
    cursor = cursor_of(account)
    assert cursor.next_poll_at is None and cursor.last_error
    entry = AuditEntry.objects.get(action="inbox.polling_stopped")
    assert entry.after["account"] == account.account_key
    assert not runner.due_cursors(NOW + dt.timedelta(days=30)).filter(pk=cursor.pk).exists()


def test_too_many_failures_in_a_row_stop_the_stream(x_account, settings):
    settings.INBOX_POLL_MAX_FAILURES = 2
    poll("x", "mentions_server_error")
    later = cursor_of(x_account).next_poll_at
    assert poll("x", "mentions_server_error", now=later).stopped == 1
    assert cursor_of(x_account).next_poll_at is None


def test_a_stopped_stream_starts_again_when_its_credential_is_replaced(x_account):
    poll("x", "mentions_unauthorized")
    assert not runner.due_cursors(NOW + dt.timedelta(hours=1)).exists()
    credential = x_account.credential
    credential.token_encrypted = seal("a-fresh-token")
    credential.save()
    Credential.objects.update(updated_at=NOW + dt.timedelta(minutes=30))  # replaced later
    report = poll("x", "mentions", now=NOW + dt.timedelta(hours=1))
    assert report.pages == 2 and cursor_of(x_account).failures == 0


def test_a_refused_page_token_restarts_the_sweep_instead_of_stopping(youtube):
    runner.ensure_cursors()
    PollCursor.objects.update(cursor=pages.dump(youtube_comments.Cursor(
        seen="2026-11-20T00:00:00+00:00", page="expired-token", top="", pages="1")))
    report = poll("youtube", "comment_threads_channel_not_found")
    assert report.stopped == 0
    cursor = cursor_of(youtube)
    assert cursor.failures == 1 and cursor.next_poll_at is not None
    assert pages.load(youtube_comments.Cursor, cursor.cursor) == youtube_comments.Cursor(
        seen="2026-11-20T00:00:00+00:00", pages="1")


def test_an_expired_or_missing_token_stops_the_stream_without_asking(x_account):
    Credential.objects.filter(account=x_account).update(
        expires_at=timezone.now() - dt.timedelta(days=1))
    with ReplayTransport(fixture_path("x", "mentions")) as transport:
        report = runner.poll_due(now=NOW, client=transport.client())
        transport.exchanges = []
    assert report.stopped == 1 and transport.requests == []
    assert "expired" in cursor_of(x_account).last_error


def test_resume_restarts_the_stopped_streams_an_admin_manages(x_account, orgs):
    poll("x", "mentions_unauthorized")
    outsider = make_user("outsider", "org_admin", orgs["kkm"])
    assert runner.resume_streams(outsider) == 0
    admin = make_user("admin", "org_admin", orgs["jpj"])
    assert runner.resume_streams(admin) == 1
    cursor = cursor_of(x_account)
    assert (cursor.failures, cursor.next_poll_at, cursor.last_error) == (0, None, "")
    assert AuditEntry.objects.filter(action="inbox.polling_resumed", actor_id=admin.pk).exists()


# --- the command and the worker ------------------------------------------------------------

def test_the_command_runs_a_pass_and_resumes(x_account, monkeypatch):
    poll("x", "mentions_unauthorized")
    out = StringIO()
    call_command("poll_inbox", "--resume", stdout=out)
    assert "1 stopped stream(s)" in out.getvalue()
    calls = []
    monkeypatch.setattr(runner, "poll_due", lambda: calls.append(1) or runner.PassReport())
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    out = StringIO()
    call_command("poll_inbox", "--loop", "5", "--passes", "3", stdout=out)
    assert len(calls) == 3 and out.getvalue().count("stream(s) polled") == 3


def test_the_worker_runs_the_queued_pass_and_queues_the_next(transactional_db):
    from django_tasks_db.models import DBTaskResult

    call_command("poll_inbox", "--enqueue", "--every", "60", stdout=StringIO())
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload",
                 "--queue-name", "*", stdout=StringIO(), stderr=StringIO())
    done = DBTaskResult.objects.get(status="SUCCESSFUL")
    assert done.return_value["streams"] == 0
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # the next pass
