"""The after-action report's figures on a small scenario built by hand, where every
number can be worked out on paper."""

import datetime as dt
import itertools
import shutil

import pytest
from django.utils import timezone, translation

from rasmi.inbox.models import Conversation, Direction, Message
from rasmi.monitoring import report, services
from rasmi.monitoring.tests.conftest import alert_fields, mentions
from rasmi.publishing import publisher
from rasmi.publishing import services as publishing
from rasmi.publishing.models import Post

pytestmark = pytest.mark.django_db
_ids = itertools.count(1)
VALUES = {"agency": "JPJ", "place": "Kota Bharu", "hotline": "03-8000 8000",
          "website": "https://www.jpj.gov.my", "time": "5.00 petang"}


def thread(account, asked: dt.datetime, text: str, topics: list[str], *,
           reply_after: dt.timedelta | None = None, status: str = "open") -> Conversation:
    conversation = Conversation.objects.create(
        account=account, organisation=account.organisation, kind="comments",
        thread_key=f"k{next(_ids)}", last_message_at=asked, status=status, topics=topics)
    Message.objects.create(conversation=conversation, account=account,
                           platform_message_id=f"m{next(_ids)}", direction=Direction.IN,
                           text=text, sent_at=asked, event_at=asked, topics=topics)
    if reply_after is not None:
        at = asked + reply_after
        Message.objects.create(conversation=conversation, account=account,
                               platform_message_id=f"m{next(_ids)}", direction=Direction.OUT,
                               text="Terima kasih, kami sedang bertindak.", sent_at=at,
                               event_at=at)
    return conversation


@pytest.fixture
def scenario(office):
    """A flood crisis begun three hours ago at JPJ, whose SOP wants a reply within the
    hour. Four conversations in the window (three on the crisis), one before it."""
    publishing.save_sop(office["admin"], office["org"], {"first_response_hours": 1,
                                                         "posting_start": dt.time(0, 0),
                                                         "posting_end": dt.time(23, 59)})
    start = timezone.now() - dt.timedelta(hours=3)
    minutes = dt.timedelta(minutes=1)
    raised_by = services.record_alert(office["org"], alert_fields(
        alert_id="first", started_at=(start - 30 * minutes).isoformat(),
        detected_at=(start - 5 * minutes).isoformat()))
    crisis = services.start_crisis(
        office["officer"], organisations=[office["org"]], lead=office["org"],
        name="Banjir Kelantan", kind="flood", topics=["flood"], terms=["empangan pergau"],
        team=office["team"], alert=raised_by)
    type(crisis).objects.filter(pk=crisis.pk).update(started_at=start)
    crisis.refresh_from_db()
    fb = office["fb"]
    thread(fb, start + 10 * minutes, "Banjir di Kg Tebing", ["flood"],
           reply_after=10 * minutes, status="resolved")
    thread(fb, start + 30 * minutes, "Air naik lagi", ["flood"], reply_after=90 * minutes,
           status="resolved")
    thread(fb, start + 40 * minutes, "Bila boleh renew lesen?", ["licence"],
           reply_after=5 * minutes)
    thread(fb, start + 50 * minutes, "Betul ke Empangan Pergau retak?", [])
    thread(fb, start - 2 * 60 * minutes, "Banjir semalam", ["flood"],
           reply_after=3 * 60 * minutes)
    rows = [{"id": f"f{n}", "time": (start + n * 7 * minutes).isoformat(),
             "text": "Banjir teruk", "topic": "flood"} for n in range(1, 6)]
    rows += [{"id": "o1", "time": (start + 20 * minutes).isoformat(), "text": "Jalan sesak",
              "topic": "traffic"},
             {"id": "o2", "time": (start + 25 * minutes).isoformat(),
              "text": "Empangan Pergau selamat ke?", "topic": ""},
             {"id": "surge", "time": (start - 20 * minutes).isoformat(), "text": "Banjir",
              "topic": "flood"},  # the surge that raised the crisis: in the report
             {"id": "before", "time": (start - 60 * minutes).isoformat(), "text": "Banjir",
              "topic": "flood"}]
    mentions(office["org"], rows)
    # A holding statement fast-tracked and published; another post of the window.
    post = services.use_holding_statement(office["officer"], crisis, "flood", VALUES)
    post = publishing.fast_track(office["officer"], post, "Kenyataan awal")
    publisher.publish(post.pk, post.version, post.scheduled_at.isoformat())
    other = publishing.create_post(office["editor"], office["org"], publishing.PostInput(
        title="Kaunter dibuka", text="Kaunter JPJ Kota Bharu dibuka seperti biasa hari ini.",
        account_ids=[fb.pk]))
    Post.objects.filter(pk=other.pk).update(state="published",
                                            published_at=start + 100 * minutes)
    services.record_claim(office["editor"], crisis=crisis, text="Empangan Pergau pecah")
    services.record_alert(office["org"], alert_fields(
        alert_id="later", started_at=(start + 60 * minutes).isoformat(),
        detected_at=(start + 70 * minutes).isoformat()))
    services.add_note(office["editor"], crisis, "Pasukan di lokasi.")
    return crisis


def test_report_figures(scenario):
    built = report.build(scenario)
    assert built.ongoing
    assert built.start == scenario.started_at - dt.timedelta(minutes=30)
    assert (built.mentions, built.mentions_on_crisis) == (8, 7)  # o2 holds a crisis term
    assert (built.messages, built.messages_on_crisis) == (4, 3)
    crisis, everyone = built.response_crisis, built.response_all
    assert (crisis.conversations, crisis.answered, crisis.waiting) == (3, 2, 1)
    assert (crisis.median_minutes, crisis.p90_minutes, crisis.breaches) == (10, 90, 2)
    assert (everyone.conversations, everyone.answered, everyone.waiting) == (4, 3, 1)
    assert (everyone.median_minutes, everyone.p90_minutes, everyone.breaches) == (10, 90, 2)
    assert [(row.kind, row.fast_tracked, row.post.state) for row in built.posts] == [
        ("", False, "published"), ("holding", True, "published")]
    assert built.fast_tracked == 1 and len(built.after_review_waiting) == 1
    assert built.open_conversation_count == 1
    assert built.open_conversations[0].topics == []
    assert len(built.open_claims) == 1 and len(built.unacknowledged) == 1
    assert built.follow_ups == 4
    kinds = [row.kind for row in built.timeline]
    assert kinds[0] == "started" and {"holding_statement", "claim", "alert", "note"} <= set(kinds)
    assert sum(int(c.total) for c in built.mentions_chart.columns) == 8
    assert sum(int(c.total) for c in built.messages_chart.columns) == 4


def test_report_page_in_both_languages(client, office, scenario):
    client.force_login(office["viewer"])
    answer = client.get(f"/pemantauan/krisis/{scenario.pk}/laporan/?lang=en")
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "After-action report" in page and "Banjir Kelantan" in page
    assert 'data-testid="report-mentions">8<' in page
    assert "Road Transport Department Malaysia" in page
    malay = client.get(f"/pemantauan/krisis/{scenario.pk}/laporan/?lang=ms").content.decode()
    assert "Jabatan Pengangkutan Jalan Malaysia" in malay
    assert 'lang="ms"' in malay


def test_percentile_is_nearest_rank():
    assert report.percentile([], 0.5) is None
    assert report.percentile([5], 0.9) == 5
    assert report.percentile([5, 10, 90], 0.5) == 10
    assert report.percentile(list(range(1, 11)), 0.9) == 9


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")
def test_report_pdf(client, office, scenario):
    client.force_login(office["officer"])
    with translation.override("en"):
        answer = client.get(f"/pemantauan/krisis/{scenario.pk}/laporan.pdf?lang=en")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
