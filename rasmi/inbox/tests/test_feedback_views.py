"""The feedback pages: who sees which organisation's figures, the periods, the CSV, the
weekly report, SLA figures and redacted examples."""

import csv
import datetime as dt
import io
import shutil

import pytest
from django.utils import timezone

from rasmi.conftest import make_account, make_user
from rasmi.inbox import feedback, feedback_sla
from rasmi.inbox import feedback_queries as queries
from rasmi.inbox import feedback_stats as stats
from rasmi.inbox.models import Conversation, Direction
from rasmi.inbox.tests.feedback_data import conversation, said
from rasmi.publishing.models import SopSettings

pytestmark = pytest.mark.django_db
URL = "/inbox/feedback/"


@pytest.fixture
def accounts(orgs):
    return {"jpj": make_account(orgs["jpj"], "https://www.facebook.com/jpjmalaysia",
                                platform_id="1"),
            "kkm": make_account(orgs["kkm"], "https://www.facebook.com/kkmputrajaya",
                                platform_id="2")}


@pytest.fixture
def traffic(accounts):
    """A little of what the public said to JPJ and to KKM in the last hours, counted."""
    now = timezone.now()
    messages = [
        said(accounts["jpj"], now - dt.timedelta(minutes=10), intent="complaint",
             sentiment="negative", topics=["summons"],
             text="Saman sy dah bayar tapi masih keluar. Hubungi 012-345 6789 atau IC "
                  "900101-14-5678"),
        said(accounts["jpj"], now - dt.timedelta(hours=3), intent="question",
             topics=["licence"], text="Bila boleh renew lesen online?"),
        said(accounts["jpj"], now - dt.timedelta(days=3), intent="praise",
             sentiment="positive", language="en", text="Great service at the counter"),
        said(accounts["kkm"], now - dt.timedelta(minutes=20), intent="complaint",
             sentiment="negative", topics=["vaccine"], text="KKM-SECRET-COMPLAINT"),
    ]
    feedback.count_classified(messages)
    return messages


def page(client, user, query="", url=URL):
    client.force_login(user)
    return client.get(url + query)


def test_staff_see_their_organisation_for_each_period(client, orgs, traffic):
    editor = make_user("editor", "org_editor", orgs["jpj"])
    for period, expected in (("hour", "1"), ("day", "2"), ("week", "3")):
        answer = page(client, editor, f"?period={period}")
        assert answer.status_code == 200
        board = answer.context["board"]
        assert board.scope.organisation == orgs["jpj"]
        assert str(board.messages.now) == expected, period
        html = answer.content.decode()
        assert 'data-figure="messages">' + expected in html
        assert "KKM-SECRET" not in html and "vaccine" not in html
    # An unknown period or chart choice is the default, never an error.
    answer = page(client, editor, "?period=year&by=colour")
    assert answer.status_code == 200 and answer.context["period"] == "day"


def test_examples_are_redacted(client, orgs, traffic):
    editor = make_user("editor", "org_editor", orgs["jpj"])
    html = page(client, editor, "?period=day").content.decode()
    assert "Saman sy dah bayar" in html
    assert "012-345 6789" not in html and "900101-14-5678" not in html
    assert "[•••]" in html


def test_staff_never_see_another_organisations_figures(client, orgs, traffic):
    editor = make_user("editor", "org_editor", orgs["jpj"])
    for url in (URL, URL + "counts.csv", URL + "report/"):
        answer = page(client, editor, "?org=kkm&period=day", url=url)
        assert answer.status_code == 404, url
    assert page(client, editor, "?org=no-such-org").status_code == 404


def test_people_without_a_role_are_refused_and_visitors_sent_to_log_in(client, orgs, traffic):
    assert page(client, make_user("nobody"), "?org=jpj").status_code == 403
    client.logout()
    answer = client.get(URL)
    assert answer.status_code == 302 and "/akaun/" in answer["Location"]


def test_a_ministry_reads_its_departments_and_chooses_among_them(client, orgs, traffic):
    admin = make_user("mot-admin", "org_admin", orgs["mot"])
    chooser = page(client, admin)
    assert chooser.status_code == 200
    assert "?org=jpj" in chooser.content.decode() and "?org=kkm" not in chooser.content.decode()
    answer = page(client, admin, "?org=jpj&period=day")
    assert answer.status_code == 200 and answer.context["board"].messages.now == 2
    assert page(client, admin, "?org=kkm").status_code == 404


def test_coordinators_see_every_organisation_and_each_one(client, orgs, traffic):
    coordinator = make_user("coordinator", "coordinator")
    answer = page(client, coordinator, "?period=day")
    assert answer.status_code == 200
    board = answer.context["board"]
    assert board.scope.national and board.messages.now == 3
    rows = {r.organisation.code: r for r in board.organisations}
    assert rows["jpj"].messages == 2 and rows["kkm"].messages == 1
    assert rows["kkm"].complaints == 1 and rows["kkm"].negative_share == 100
    html = answer.content.decode()
    assert 'data-organisation="kkm"' in html and "vaccine" in html
    assert page(client, coordinator, "?org=kkm&period=day").context["board"].messages.now == 1


def test_an_organisation_without_messages_renders(client, orgs):
    editor = make_user("editor", "org_editor", orgs["kkm"])
    for period in stats.PERIODS:
        answer = page(client, editor, f"?period={period}")
        assert answer.status_code == 200
        assert 'data-testid="feedback-empty"' in answer.content.decode()
    assert page(client, editor, "", url=URL + "report/").status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(
        page(client, editor, "?period=week", url=URL + "counts.csv").streaming_content)
        .decode())))
    assert rows == [["organisation", "bucket_start", "bucket", "dimension", "value", "count"]]


def _csv(answer) -> list[dict]:
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(b"".join(answer.streaming_content).decode())))


def test_the_csv_holds_the_periods_counts_of_that_organisation_only(client, orgs, traffic):
    editor = make_user("editor", "org_editor", orgs["jpj"])
    rows = _csv(page(client, editor, "?period=day", url=URL + "counts.csv"))
    assert {r["organisation"] for r in rows} == {"jpj"}
    assert {r["bucket"] for r in rows} == {"hour"}
    assert sum(int(r["count"]) for r in rows if r["dimension"] == "total") == 2
    assert {r["value"] for r in rows if r["dimension"] == "intent_topic"} == {
        "complaint:summons", "question:licence"}
    assert all(dt.datetime.fromisoformat(r["bucket_start"]).utcoffset()
               == dt.timedelta(hours=8) for r in rows)
    week = _csv(page(client, editor, "?period=week", url=URL + "counts.csv"))
    assert {r["bucket"] for r in week} == {"day"}
    assert sum(int(r["count"]) for r in week if r["dimension"] == "total") == 3
    hour = _csv(page(client, editor, "?period=hour", url=URL + "counts.csv"))
    assert [(r["dimension"], r["value"], r["count"]) for r in hour
            if r["dimension"] in ("total", "topic")] == [("topic", "summons", "1"),
                                                        ("total", "all", "1")]


def test_the_csv_of_all_organisations_is_for_coordinators(client, orgs, traffic):
    rows = _csv(page(client, make_user("c", "coordinator"), "?period=day",
                     url=URL + "counts.csv"))
    assert {r["organisation"] for r in rows} == {"jpj", "kkm"}


def test_the_weekly_report_in_both_languages(client, orgs, traffic):
    editor = make_user("editor", "org_editor", orgs["jpj"])
    now = timezone.localtime()
    year, week, _ = now.isocalendar()
    english = page(client, editor, f"?week={year}-W{week:02d}&lang=en", url=URL + "report/")
    assert english.status_code == 200
    html = english.content.decode()
    assert '<html lang="en">' in html and "Weekly feedback report" in html
    assert "KKM-SECRET" not in html and "012-345 6789" not in html
    malay = page(client, editor, f"?week={year}-W{week:02d}&lang=ms", url=URL + "report/")
    assert '<html lang="ms">' in malay.content.decode()
    # A week that does not exist is a notice, not an error.
    odd = page(client, editor, "?week=2025-W60&lang=en", url=URL + "report/")
    assert odd.status_code == 200 and "That week could not be read" in odd.content.decode()


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian chromium")
def test_the_weekly_report_prints_to_pdf(client, orgs, traffic):
    editor = make_user("editor", "org_editor", orgs["jpj"])
    answer = page(client, editor, "?lang=en", url=URL + "report.pdf")
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")


def test_charts_are_svg_without_viewbox(client, orgs, traffic):
    html = page(client, make_user("editor", "org_editor", orgs["jpj"]),
                "?period=day").content.decode()
    assert html.count('<svg class="bars') >= 4 and "viewBox" not in html


# --- SLA -------------------------------------------------------------------------------

def replied(account, now, minutes, *, urgent=False, ago=dt.timedelta(hours=3)) -> Conversation:
    """A conversation first answered `ago` before now, `minutes` after it reached Rasmi,
    counted as the reply code counts it."""
    at = now - ago
    made = conversation(account, created_at=at - dt.timedelta(minutes=minutes), urgent=urgent)
    made.first_response_at = made.last_message_at = at
    made.save(update_fields=["first_response_at", "last_message_at"])
    feedback.count_first_responses([made])
    return made


def test_sla_figures_follow_the_sop_targets(orgs, accounts):
    SopSettings.objects.create(organisation=orgs["jpj"], first_response_hours=2,
                               urgent_response_minutes=30)
    now = timezone.now()
    jpj = accounts["jpj"]
    for minutes in (30, 90, 200):                  # within, within, late (2 hours)
        replied(jpj, now, minutes)
    replied(jpj, now, 40, urgent=True)             # late after 30 minutes
    replied(jpj, now, 10, ago=dt.timedelta(days=3))             # before the period
    conversation(jpj, first_response_due=now - dt.timedelta(hours=1))   # waiting, overdue
    conversation(jpj, first_response_due=now + dt.timedelta(hours=1))   # waiting, in time
    conversation(jpj, resolution_due=now - dt.timedelta(days=1))        # unresolved, overdue
    replied(accounts["kkm"], now, 300)            # within KKM's default 24 hours
    window = stats.window("day", now, timezone.get_default_timezone())
    sla = feedback_sla.sla([orgs["jpj"].pk], window, now).overall
    assert sla.answered == 4 and sla.within == 2 and sla.late == 2
    assert sla.within_share == 50
    assert sla.open_overdue == 1 and sla.resolution_overdue == 1 and sla.breaches == 3
    # Of 30, 40, 90 and 200 minutes, from buckets of 5 minutes (under an hour) and 15
    # (under two days): 42.5 and 97.5 minutes, the middles of theirs.
    assert sla.median_seconds == pytest.approx((42.5 + 97.5) / 2 * 60)
    both = feedback_sla.sla([orgs["jpj"].pk, orgs["kkm"].pk], window, now,
                            per_organisation=True)
    assert both.overall.answered == 5 and both.overall.within == 3
    assert both.by_organisation[orgs["kkm"].pk].within_share == 100
    assert both.by_organisation[orgs["jpj"].pk].median_seconds == sla.median_seconds


def test_the_live_last_hour_of_replies_agrees_with_the_stored_hours(orgs, accounts):
    now = timezone.now()
    for minutes, ago in ((5, 10), (50, 20), (700, 55), (20, 70)):
        replied(accounts["jpj"], now, minutes, ago=dt.timedelta(minutes=ago))
    start = feedback.hour_of(now) - dt.timedelta(hours=1)
    five = stats.Window("hour", "5min", tuple(start + dt.timedelta(minutes=5 * i)
                                              for i in range(12)),
                        start + dt.timedelta(hours=1), start - dt.timedelta(hours=1))
    hourly = stats.Window("day", "hour", (start,), start + dt.timedelta(hours=1),
                          start - dt.timedelta(hours=1))
    live = feedback_sla.sla([orgs["jpj"].pk], five, now).overall
    kept = feedback_sla.sla([orgs["jpj"].pk], hourly, now).overall
    assert (live.answered, live.within, live.histogram) == (
        kept.answered, kept.within, kept.histogram)


def test_the_dashboard_shows_the_sla(client, orgs, accounts):
    now = timezone.now()
    replied(accounts["jpj"], now, 30, ago=dt.timedelta(minutes=5))
    for period in stats.PERIODS:
        answer = page(client, make_user(f"e-{period}", "org_editor", orgs["jpj"]),
                      f"?period={period}")
        assert answer.context["board"].sla.overall.answered == 1, period
        assert 'data-figure="answered">1<' in answer.content.decode()
        assert 'data-testid="feedback-empty"' not in answer.content.decode()


def test_sla_of_nobody_is_empty():
    window = stats.window("day", timezone.now(), timezone.get_default_timezone())
    assert feedback_sla.sla([], window, timezone.now()).overall.answered == 0


def test_response_time_buckets_tile_and_give_the_median():
    edges = [stats.bucket_bounds(b) for b in range(400)]
    assert edges[0] == (0, 300)
    assert all(a[1] == b[0] for a, b in zip(edges, edges[1:], strict=False))
    assert all(stats.response_bucket((low + high) / 2) == b
               for b, (low, high) in enumerate(edges))
    assert stats.response_bucket(-5) == 0
    assert stats.bucket_bounds(12) == (3600, 4500)
    assert stats.bucket_bounds(200) == (172800, 176400)
    assert stats.median_of({}) is None
    assert stats.median_of({5: 3}) == 1650
    assert stats.median_of({1: 1, 3: 1}) == (450 + 1050) / 2


def test_shifts_and_top_topics_on_the_dashboard(orgs, accounts):
    now = timezone.now()
    messages = []
    for i in range(30):   # the day before: floods mostly neutral
        messages.append(said(accounts["jpj"], now - dt.timedelta(hours=30, minutes=i),
                             sentiment="negative" if i < 6 else "neutral", topics=["flood"],
                             intent="question"))
    for i in range(30):   # the last day: floods mostly negative
        messages.append(said(accounts["jpj"], now - dt.timedelta(hours=2, minutes=i),
                             sentiment="negative" if i < 24 else "neutral", topics=["flood"],
                             intent="complaint", text=f"Banjir lagi {i}"))
    feedback.count_classified(messages)
    window = stats.window("day", now, timezone.get_default_timezone())
    board = queries.build(queries.Scope(orgs["jpj"]), window, now=now)
    [shift] = board.shifts
    assert shift.topic == "flood" and shift.worse and round(shift.change) == 60
    [top] = board.top["complaint"]
    assert top.topic == "flood" and top.now == 30 and len(top.examples) == 3
    assert top.examples[0].text == "Banjir lagi 0"
    assert board.top["question"] == []
    assert all(m.direction == Direction.IN for m in messages)



def test_the_dashboard_names_topics_in_the_readers_language(client, orgs, accounts):
    now = timezone.now()
    messages = [said(accounts["jpj"], now - dt.timedelta(hours=hours, minutes=i),
                     sentiment="negative" if hours < 24 or i < 6 else "neutral",
                     topics=["flood"], intent="complaint", text=f"Banjir lagi {i}")
                for hours in (2, 30) for i in range(30)]
    feedback.count_classified(messages)
    editor = make_user("editor", "org_editor", orgs["jpj"])
    english = page(client, editor, "?org=jpj&lang=en").content.decode()
    assert 'data-topic="flood"><td class="card-title"><span class="topic">Floods</span>' \
        in english
    complaints = english.split('data-testid="feedback-top-complaint"')[1]
    assert '<span class="topic">Floods</span>' in complaints
    assert ">flood<" not in english and ">flood<" not in page(client, editor,
                                                              "?org=jpj").content.decode()
