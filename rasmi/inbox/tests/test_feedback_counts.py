"""FeedbackCount: counted as messages are classified, rebuilt by recount, and the two
agree; the live count of the last hour agrees with the stored counts."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from rasmi.audit.models import AuditEntry
from rasmi.conftest import make_account
from rasmi.inbox import feedback
from rasmi.inbox import feedback_queries as queries
from rasmi.inbox.feedback_stats import Window
from rasmi.inbox.models import Direction, FeedbackCount
from rasmi.inbox.tests.feedback_data import conversation, said

pytestmark = pytest.mark.django_db

MYT = dt.timezone(dt.timedelta(hours=8))
NOON = dt.datetime(2025, 3, 5, 12, 10, tzinfo=MYT)


def stored(organisation=None) -> dict[tuple, int]:
    rows = FeedbackCount.objects.all()
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    return {(r.organisation_id, r.hour, r.dimension, r.value): r.count for r in rows
            if r.count}


@pytest.fixture
def jpj_page(orgs):
    return make_account(orgs["jpj"], "https://www.facebook.com/jpjmalaysia", platform_id="1")


def test_one_message_adds_one_to_each_of_its_cells_per_hour_and_per_day(jpj_page):
    message = said(jpj_page, NOON, intent="complaint", sentiment="negative", language="mixed",
                   topics=["summons", "payment"], urgent=True)
    assert feedback.count_classified([message]) == 2 * 11
    hour = dt.datetime(2025, 3, 5, 4, 0, tzinfo=dt.UTC)   # 12:00 in Malaysia
    day = dt.datetime(2025, 3, 4, 16, 0, tzinfo=dt.UTC)   # midnight in Malaysia
    org = jpj_page.organisation_id
    expected = {}
    for dimension, value in [
            ("total", "all"), ("intent", "complaint"), ("sentiment", "negative"),
            ("language", "mixed"), ("topic", "summons"), ("topic", "payment"),
            ("topic_sentiment", "summons:negative"), ("topic_sentiment", "payment:negative"),
            ("intent_topic", "complaint:summons"), ("intent_topic", "complaint:payment"),
            ("urgent", "yes")]:
        expected[(org, hour, dimension, value)] = 1
        expected[(org, day, f"day:{dimension}", value)] = 1
    assert stored() == expected


def test_counts_add_up_across_batches_and_skip_what_is_not_counted(jpj_page):
    first = [said(jpj_page, NOON, sentiment="positive", intent="praise") for _ in range(3)]
    feedback.count_classified(first)
    later = [said(jpj_page, NOON + dt.timedelta(minutes=20), sentiment="positive",
                  intent="praise"),
             said(jpj_page, NOON, classified=False),
             said(jpj_page, NOON, direction=Direction.OUT, intent="", sentiment="")]
    feedback.count_classified(later)
    cells = stored()
    hour = dt.datetime(2025, 3, 5, 4, 0, tzinfo=dt.UTC)
    org = jpj_page.organisation_id
    assert cells[(org, hour, "total", "all")] == 4
    assert cells[(org, hour, "intent", "praise")] == 4
    # Only negative topics are kept per sentiment, and topics per intent only for
    # questions and complaints.
    assert not [k for k in cells if k[2] in ("topic_sentiment", "intent_topic")]


def test_a_message_classified_again_moves_its_counts_instead_of_adding(jpj_page):
    message = said(jpj_page, NOON, intent="question", sentiment="neutral", topics=["fees"])
    feedback.count_classified([message])
    before = feedback.labels_of(message)
    message.intent, message.sentiment, message.topics = "complaint", "negative", ["fees"]
    message.save()
    feedback.count_classified([message], previous={message.pk: before})
    cells = stored()
    org, hour = jpj_page.organisation_id, feedback.hour_of(NOON)
    assert cells[(org, hour, "total", "all")] == 1
    assert cells[(org, hour, "intent", "complaint")] == 1
    assert (org, hour, "intent", "question") not in cells
    assert cells[(org, hour, "topic_sentiment", "fees:negative")] == 1
    assert stored() == _recounted(jpj_page.organisation)


def test_malaysian_days_split_at_local_midnight(jpj_page):
    late = said(jpj_page, dt.datetime(2025, 3, 5, 23, 30, tzinfo=MYT))
    early = said(jpj_page, dt.datetime(2025, 3, 6, 0, 30, tzinfo=MYT))
    feedback.count_classified([late, early])
    days = sorted(h for (_o, h, d, _v) in stored() if d == "day:total")
    assert [timezone.localtime(d).date() for d in days] == [dt.date(2025, 3, 5),
                                                             dt.date(2025, 3, 6)]


def _recounted(organisation) -> dict:
    FeedbackCount.objects.filter(organisation=organisation).delete()
    feedback.recount(organisation, NOON - dt.timedelta(days=30))
    return stored(organisation)


def test_counting_as_classified_and_recounting_agree(orgs, jpj_page):
    kkm_page = make_account(orgs["kkm"], "https://www.facebook.com/kkmputrajaya", platform_id="2")
    rng = random.Random(4)
    messages = []
    for i in range(240):
        messages.append(said(
            rng.choice((jpj_page, kkm_page)), NOON - dt.timedelta(minutes=rng.randrange(60 * 72)),
            intent=rng.choice(("question", "complaint", "praise", "report", "")),
            sentiment=rng.choice(("negative", "neutral", "positive")),
            language=rng.choice(("ms", "en", "mixed")),
            topics=rng.sample(["flood", "fees", "licence", "scam"], k=rng.randrange(3)),
            urgent=rng.random() < .1, text=f"mesej {i}"))
    rng.shuffle(messages)
    for start in range(0, len(messages), 17):  # in batches, as the worker classifies them
        feedback.count_classified(messages[start:start + 17])
    incremental = stored(orgs["jpj"])
    assert sum(v for (_o, _h, d, _v), v in incremental.items() if d == "total") == sum(
        1 for m in messages if m.account == jpj_page)
    assert _recounted(orgs["jpj"]) == incremental
    entry = AuditEntry.objects.get(action="inbox.feedback_recounted")
    assert entry.object_id == str(orgs["jpj"].pk) and entry.after["messages"] == len(
        [m for m in messages if m.account == jpj_page])


def test_recount_keeps_what_came_before_its_start(jpj_page):
    old = said(jpj_page, NOON - dt.timedelta(days=10))
    new = said(jpj_page, NOON)
    feedback.count_classified([old, new])
    everything = stored()
    assert feedback.recount(jpj_page.organisation, NOON - dt.timedelta(hours=1)) == 1
    assert stored() == everything


def test_the_live_last_hour_agrees_with_the_stored_hours(orgs, jpj_page):
    rng = random.Random(8)
    start = dt.datetime(2025, 3, 5, 4, 0, tzinfo=dt.UTC)
    messages = [said(jpj_page, start - dt.timedelta(hours=1) + dt.timedelta(
        minutes=rng.randrange(120)), intent=rng.choice(("question", "complaint")),
        sentiment=rng.choice(("negative", "positive")), topics=rng.sample(["a", "b"], k=1))
        for _ in range(60)]
    feedback.count_classified(messages)
    scope = queries.Scope(orgs["jpj"])
    five = Window("hour", "5min", tuple(start + dt.timedelta(minutes=5 * i) for i in range(12)),
                  start + dt.timedelta(hours=1), start - dt.timedelta(hours=1))
    hourly = Window("day", "hour", (start,), start + dt.timedelta(hours=1),
                    start - dt.timedelta(hours=1))
    live = queries.counts(scope, five, {"sentiment"})
    kept = queries.counts(scope, hourly, {"sentiment"})
    assert live.totals == kept.totals
    assert [sum(live.series[("sentiment", "negative")])] == kept.series[("sentiment",
                                                                          "negative")]


def test_first_replies_are_counted_by_the_hour_they_were_made_and_recounted_alike(jpj_page):
    answered = []
    for minutes, urgent in ((12, False), (95, False), (30 * 60, False), (75, True)):
        made = conversation(jpj_page, created_at=NOON - dt.timedelta(minutes=minutes),
                            urgent=urgent)
        made.first_response_at = NOON
        made.save(update_fields=["first_response_at"])
        answered.append(made)
    waiting = conversation(jpj_page, created_at=NOON)
    feedback.count_first_responses([*answered, waiting])
    org, hour = jpj_page.organisation_id, feedback.hour_of(NOON)
    cells = stored()
    # 24 hours and 60 minutes by default: the 30-hour and the urgent 75-minute are late.
    assert cells[(org, hour, "response_sla", "within")] == 2
    assert cells[(org, hour, "response_sla", "late")] == 2
    assert sum(n for (_o, h, d, _v), n in cells.items() if d == "response" and h == hour) == 4
    assert cells[(org, hour, "response", "2")] == 1                       # 10-15 minutes
    assert cells[(org, feedback.day_of(NOON), "day:response_sla", "late")] == 2
    assert _recounted(jpj_page.organisation) == cells


def test_the_recount_command(jpj_page, orgs):
    from io import StringIO

    from django.core.management import CommandError, call_command

    feedback.count_classified([said(jpj_page, NOON)])
    FeedbackCount.objects.all().delete()
    out = StringIO()
    call_command("recount_feedback", "--since", "2025-03-01", "--org", "jpj", stdout=out)
    assert out.getvalue().startswith("1 messages counted in 1 organisations")
    assert stored()[(jpj_page.organisation_id, feedback.hour_of(NOON), "total", "all")] == 1
    with pytest.raises(CommandError, match="not a date"):
        call_command("recount_feedback", "--since", "March")
    with pytest.raises(CommandError, match="unknown organisation: nope"):
        call_command("recount_feedback", "--since", "2025-03-01", "--org", "nope")
