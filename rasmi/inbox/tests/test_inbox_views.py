"""The officers' inbox pages: who sees what (the organisation's staff in full, coordinators
without the citizens, everyone else nothing), the queue's filters and order, its live rows,
the actions on a conversation (each audited, each refused to the wrong role), snoozing,
and a canned reply that stops the SLA clock."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from rasmi.audit.models import AuditEntry
from rasmi.conftest import make_user
from rasmi.inbox import selectors
from rasmi.inbox.models import CannedReply, Conversation, ConversationStatus, Message, Team
from rasmi.inbox.tests import citizens
from rasmi.inbox.tests.replying import comment_thread, make_desk

pytestmark = pytest.mark.django_db

QUEUE, ROWS, OVERDUE = reverse("inbox:queue"), reverse("inbox:rows"), reverse("inbox:overdue")
ROW_IDS = re.compile(r'data-conversation="(\d+)"')


@pytest.fixture
def desk(orgs, pages):
    return make_desk(orgs, pages)


def as_user(client, user) -> Client:
    client.force_login(user)
    return client


def thread(desk, name="Nurul Aina", text="Bila lesen saya siap?", **fields) -> Conversation:
    """A JPJ conversation from `name`, with its fields set as given."""
    conversation = citizens.conversation(desk["facebook"], citizens.contact(name), [text],
                                         intent=fields.pop("intent", "question"),
                                         topics=fields.pop("topics", ["licence"]))
    if fields:
        Conversation.objects.filter(pk=conversation.pk).update(**fields)
        conversation.refresh_from_db()
    return conversation


def listed(response) -> list[int]:
    return [int(pk) for pk in ROW_IDS.findall(response.content.decode())]


def hours(n: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(hours=n)


# --- who sees what ---------------------------------------------------------------------

def test_anonymous_visitors_are_sent_to_log_in(client, desk):
    conversation = thread(desk)
    for url in (QUEUE, ROWS, OVERDUE, reverse("inbox:conversation", args=[conversation.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/akaun/login/" in response["Location"]
    response = client.post(reverse("inbox:status", args=[conversation.pk]),
                           {"status": "resolved"})
    assert response.status_code == 302 and "/akaun/login/" in response["Location"]
    assert Conversation.objects.get(pk=conversation.pk).status == ConversationStatus.OPEN


def test_people_without_a_role_get_403(client, desk):
    assert as_user(client, make_user("nobody")).get(QUEUE).status_code == 403


def test_staff_of_the_organisation_and_above_it_see_its_queue(client, desk):
    conversation = thread(desk)
    for who in ("officer", "viewer", "ministry_editor"):
        response = as_user(Client(), desk[who]).get(QUEUE)
        assert listed(response) == [conversation.pk], who
        assert "Nurul Aina" in response.content.decode()


def test_another_organisations_staff_see_nothing_of_it(client, desk):
    conversation = thread(desk)
    as_user(client, desk["outsider"])
    assert listed(client.get(QUEUE)) == [] and listed(client.get(OVERDUE)) == []
    assert client.get(reverse("inbox:conversation", args=[conversation.pk])).status_code == 404
    for name, data in (("assign", {"me": "1"}), ("status", {"status": "resolved"}),
                       ("snooze", {"until": "2030-01-01T09:00"}), ("reply", {"text": "x"})):
        response = client.post(reverse(f"inbox:{name}", args=[conversation.pk]), data)
        assert response.status_code == 404, name
    message = conversation.messages.get()
    assert client.post(reverse("inbox:hide", args=[message.pk]),
                       {"reason": "x"}).status_code == 404
    assert not AuditEntry.objects.filter(action__startswith="inbox.").exists()


def test_coordinators_see_labels_and_timers_but_not_the_citizens(client, desk):
    conversation = thread(desk, text="IC saya 900101-14-5677, bila siap?",
                          first_response_due=hours(-1))
    as_user(client, desk["coordinator"])
    body = client.get(QUEUE).content.decode()
    assert listed(client.get(QUEUE)) == [conversation.pk]
    assert "Nurul Aina" not in body and "900101" not in body
    page = client.get(reverse("inbox:conversation", args=[conversation.pk]))
    assert page.status_code == 200
    assert "Nurul Aina" not in page.content.decode() and "900101" not in page.content.decode()
    assert 'data-state="overdue"' in page.content.decode()
    # Searching the citizens' words finds nothing for someone who may not read them.
    assert listed(client.get(QUEUE, {"q": "900101"})) == []
    response = client.post(reverse("inbox:status", args=[conversation.pk]),
                           {"status": "resolved"})
    assert response.status_code == 403


def test_a_viewer_reads_but_may_not_work_the_conversation(client, desk):
    conversation = thread(desk)
    as_user(client, desk["viewer"])
    page = client.get(reverse("inbox:conversation", args=[conversation.pk]))
    assert page.status_code == 200 and 'data-testid="reply-form"' not in page.content.decode()
    response = client.post(reverse("inbox:assign", args=[conversation.pk]), {"me": "1"})
    assert response.status_code == 403
    assert Conversation.objects.get(pk=conversation.pk).assignee is None


# --- the queue -------------------------------------------------------------------------

def test_the_queue_is_urgent_first_then_overdue_then_by_the_reply_deadline(client, desk):
    later = thread(desk, "A", first_response_due=hours(5), awaiting_since=hours(-1))
    urgent = thread(desk, "B", urgent=True, first_response_due=hours(10),
                    awaiting_since=hours(-1))
    late = thread(desk, "C", first_response_due=hours(-1), awaiting_since=hours(-25))
    unresolved = thread(desk, "E", resolution_due=hours(-2))
    soon = thread(desk, "D", first_response_due=hours(1), awaiting_since=hours(-1))
    response = as_user(client, desk["officer"]).get(QUEUE)
    assert listed(response) == [urgent.pk, late.pk, unresolved.pk, soon.pk, later.pk]
    assert listed(client.get(OVERDUE)) == [unresolved.pk, late.pk]  # latest first


def test_the_default_queue_is_open_and_pending_without_snoozed_or_resolved(client, desk):
    open_, pending = thread(desk, "A"), thread(desk, "B", status="pending")
    resolved = thread(desk, "C", status="resolved", resolved_at=hours(-1))
    snoozed = thread(desk, "D", status="snoozed", snoozed_until=hours(3))
    as_user(client, desk["officer"])
    assert set(listed(client.get(QUEUE))) == {open_.pk, pending.pk}
    assert listed(client.get(QUEUE, {"status": "resolved"})) == [resolved.pk]
    assert listed(client.get(QUEUE, {"status": "snoozed"})) == [snoozed.pk]
    assert len(listed(client.get(QUEUE, {"status": "all"}))) == 4


def test_the_filters(client, desk, orgs):
    officer = desk["officer"]
    team = Team.objects.create(organisation=desk["org"], name="Kaunter")
    team.members.add(officer)
    mine = thread(desk, "A", assignee=officer)
    teams = thread(desk, "Badrul Hisham", team=team, intent="complaint", topics=["summons"])
    english = thread(desk, "C", language="en", urgent=True, text="When is my licence ready?")
    other_account = citizens.conversation(desk["instagram"], citizens.contact("D"),
                                          ["Saman saya"], topics=["online_system"],
                                          intent="question")
    as_user(client, officer)
    assert listed(client.get(QUEUE, {"assigned": "me"})) == [mine.pk]
    assert listed(client.get(QUEUE, {"assigned": "teams"})) == [teams.pk]
    assert set(listed(client.get(QUEUE, {"assigned": "unassigned"}))) == {
        english.pk, other_account.pk}
    assert listed(client.get(QUEUE, {"intent": "complaint"})) == [teams.pk]
    assert listed(client.get(QUEUE, {"topic": "summons"})) == [teams.pk]
    assert listed(client.get(QUEUE, {"topic": "online_system"})) == [other_account.pk]
    assert listed(client.get(QUEUE, {"language": "en"})) == [english.pk]
    assert listed(client.get(QUEUE, {"urgent": "on"})) == [english.pk]
    assert listed(client.get(QUEUE, {"account": desk["instagram"].pk})) == [other_account.pk]
    assert len(listed(client.get(QUEUE, {"org": "jpj"}))) == 4
    assert listed(client.get(QUEUE, {"q": "licence ready"})) == [english.pk]
    assert listed(client.get(QUEUE, {"q": "nurul"})) == []
    assert listed(client.get(QUEUE, {"q": "  badrul "})) == [teams.pk]  # the contact's name


def test_a_filter_it_does_not_know_is_reported_and_the_rest_apply(client, desk):
    complaint = thread(desk, intent="complaint")
    thread(desk, "B")
    response = as_user(client, desk["officer"]).get(QUEUE, {"intent": "complaint",
                                                            "topic": "<script>",
                                                            "status": "nonsense",
                                                            "lang": "en"})
    assert response.status_code == 200 and listed(response) == [complaint.pk]
    assert "not understood" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_the_live_rows_keep_the_filters_and_are_only_the_list(client, desk):
    urgent = thread(desk, urgent=True)
    thread(desk, "B")
    as_user(client, desk["officer"])
    page = client.get(QUEUE, {"urgent": "on"}).content.decode()
    assert f'hx-get="{ROWS}?urgent=on"' in page and 'hx-trigger="every 10s, refresh"' in page
    rows = client.get(ROWS, {"urgent": "on"}, headers={"HX-Request": "true"})
    assert rows.status_code == 200 and listed(rows) == [urgent.pk]
    assert "<html" not in rows.content.decode()
    # Each row's link keeps its id, so the focus stays on it when the rows are swapped.
    assert f'id="conversation-{urgent.pk}"' in rows.content.decode()


def test_the_queue_pages_and_its_queries_do_not_grow_with_its_rows(
        client, desk, django_assert_max_num_queries):
    team = Team.objects.create(organisation=desk["org"], name="Kaunter")
    for n in range(selectors.PAGE_SIZE + 5):
        thread(desk, f"Orang {n}", assignee=desk["officer"], team=team,
               first_response_due=hours(n - 10), awaiting_since=hours(-20))
    as_user(client, desk["officer"])
    client.get(QUEUE)  # the session and the user, once
    with django_assert_max_num_queries(13):  # + the crisis alert banner of every staff page
        first = client.get(QUEUE)
    with django_assert_max_num_queries(12):
        client.get(ROWS, headers={"HX-Request": "true"})
    assert len(listed(first)) == selectors.PAGE_SIZE
    second = client.get(QUEUE, {"page": 2})
    assert len(listed(second)) == 5 and not set(listed(first)) & set(listed(second))
    # The second page keeps its own rows fresh, and its links lead to the first.
    assert f'hx-get="{ROWS}?page=2"' in second.content.decode()
    assert listed(client.get(ROWS, {"page": 2})) == listed(second)
    assert 'href="?page=1"' in second.content.decode()


def test_labels_are_named_in_the_readers_language_never_as_slugs(client, desk):
    thread(desk, intent="complaint", topics=["online_system"], language="en",
           sentiment="negative")
    as_user(client, desk["officer"])
    english = client.get(QUEUE, {"lang": "en"}).content.decode()
    assert "Online systems" in english and "Complaint" in english and "Negative" in english
    malay = client.get(QUEUE).content.decode()
    assert "Aduan" in malay and "Negatif" in malay
    for page in (english, malay):
        assert ">online_system<" not in page and ">complaint<" not in page


def test_the_timer_warns_in_the_last_fifth_and_shows_overdue(client, desk):
    warning = thread(desk, "A", awaiting_since=hours(-20), first_response_due=hours(4))
    calm = thread(desk, "B", awaiting_since=hours(-1), first_response_due=hours(23))
    late = thread(desk, "C", awaiting_since=hours(-30), first_response_due=hours(-6))
    page = as_user(client, desk["officer"]).get(QUEUE, {"lang": "en"}).content.decode()
    state = dict(re.findall(r'data-conversation="(\d+)"[^>]*data-timer="(\w+)"', page))
    assert state == {str(warning.pk): "warning", str(calm.pk): "running",
                     str(late.pk): "overdue"}
    assert "Reply overdue by 6\u00a0h\u00a00\u00a0min" in page


# --- actions ---------------------------------------------------------------------------

def test_assigning_to_an_officer_a_team_or_oneself_is_audited(client, desk):
    conversation = thread(desk)
    team = Team.objects.create(organisation=desk["org"], name="Kaunter")
    url = reverse("inbox:assign", args=[conversation.pk])
    as_user(client, desk["officer"])
    response = client.post(url, {"officer": desk["approver"].pk, "team": team.pk})
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert (conversation.assignee, conversation.team) == (desk["approver"], team)
    entry = AuditEntry.objects.get(action="inbox.assign")
    assert entry.actor_label == "officer" and entry.after["team_name"] == "Kaunter"
    answer = client.post(url, {"me": "1"}, headers={"Accept": "application/json"})
    assert answer.json()["ok"] is True
    conversation.refresh_from_db()
    assert conversation.assignee == desk["officer"] and conversation.team == team
    history = client.get(reverse("inbox:conversation", args=[conversation.pk]),
                         {"lang": "en"}).content.decode()
    assert history.count("Assigned</strong>") == 2


def test_only_the_organisations_officers_and_teams_can_be_given_it(client, desk, orgs):
    conversation = thread(desk)
    kkm_team = Team.objects.create(organisation=orgs["kkm"], name="Bilik gerakan")
    url = reverse("inbox:assign", args=[conversation.pk])
    as_user(client, desk["officer"])
    for data in ({"officer": desk["outsider"].pk}, {"officer": desk["viewer"].pk},
                 {"team": kkm_team.pk}):
        client.post(url, data)
        assert Conversation.objects.get(pk=conversation.pk).assignee is None
    assert not AuditEntry.objects.filter(action="inbox.assign").exists()
    answer = client.post(url, {"officer": desk["outsider"].pk},
                         headers={"Accept": "application/json"})
    assert answer.status_code == 400 and answer.json()["ok"] is False


def test_resolving_stamps_the_time_and_opening_again_clears_it(client, desk):
    conversation = thread(desk)
    url = reverse("inbox:status", args=[conversation.pk])
    as_user(client, desk["officer"])
    assert client.post(url, {"status": "resolved"}).status_code == 302
    conversation.refresh_from_db()
    assert conversation.status == "resolved" and conversation.resolved_at
    client.post(url, {"status": "open"})
    conversation.refresh_from_db()
    assert conversation.status == "open" and conversation.resolved_at is None
    assert [e.after["status"] for e in AuditEntry.objects.filter(action="inbox.status")] == \
        ["resolved", "open"]
    answer = client.post(url, {"status": "snoozed"}, headers={"Accept": "application/json"})
    assert answer.status_code == 400  # snoozing takes a time: its own action


def test_a_snoozed_conversation_comes_back_open_when_its_time_is_past(client, desk):
    conversation = thread(desk)
    url = reverse("inbox:snooze", args=[conversation.pk])
    as_user(client, desk["officer"])
    later = timezone.localtime() + dt.timedelta(hours=2)
    assert client.post(url, {"until": later.strftime("%Y-%m-%dT%H:%M")}).status_code == 302
    conversation.refresh_from_db()
    assert conversation.status == "snoozed" and conversation.snoozed_until
    assert listed(client.get(QUEUE)) == []
    Conversation.objects.filter(pk=conversation.pk).update(snoozed_until=hours(-0.1))
    assert listed(client.get(QUEUE)) == [conversation.pk]
    conversation.refresh_from_db()
    assert conversation.status == "open" and conversation.snoozed_until is None
    woke = AuditEntry.objects.get(action="inbox.snooze_ended")
    assert woke.actor_label == "system" and woke.object_id == str(conversation.pk)
    assert AuditEntry.objects.filter(action="inbox.snooze").count() == 1


def test_a_snooze_in_the_past_is_refused_in_the_readers_language(client, desk):
    conversation = thread(desk)
    as_user(client, desk["officer"])
    response = client.post(reverse("inbox:snooze", args=[conversation.pk]) + "?lang=en",
                           {"until": "2020-01-01T09:00"}, follow=True)
    assert "Choose a time in the future." in response.content.decode()
    assert Conversation.objects.get(pk=conversation.pk).status == "open"


def test_hiding_a_comment_takes_an_approver_and_a_reason(client, desk):
    conversation = thread(desk)
    message = conversation.messages.get()
    url = reverse("inbox:hide", args=[message.pk])
    assert as_user(Client(), desk["officer"]).post(url, {"reason": "Spam"}).status_code == 403
    as_user(client, desk["approver"])
    client.post(url, {"reason": ""})
    assert not Message.objects.get(pk=message.pk).hidden
    assert client.post(url, {"reason": "Iklan palsu"}).status_code == 302
    message.refresh_from_db()
    assert message.hidden and message.hidden_reason == "Iklan palsu"
    assert AuditEntry.objects.get(action="inbox.hide").after["reason"] == "Iklan palsu"
    page = client.get(reverse("inbox:conversation", args=[conversation.pk]),
                      {"lang": "en"}).content.decode()
    assert "hidden-badge" in page and "Iklan palsu" in page
    client.post(reverse("inbox:unhide", args=[message.pk]))
    assert not Message.objects.get(pk=message.pk).hidden


def test_the_actions_need_csrf(desk):
    conversation = thread(desk)
    client = Client(enforce_csrf_checks=True)
    client.force_login(desk["officer"])
    response = client.post(reverse("inbox:status", args=[conversation.pk]),
                           {"status": "resolved"})
    assert response.status_code == 403
    assert Conversation.objects.get(pk=conversation.pk).status == "open"


# --- replying --------------------------------------------------------------------------

@pytest.fixture
def canned(desk):
    return CannedReply.objects.create(
        organisation=desk["org"], title="Lesen dalam proses",
        text_ms="Terima kasih {name}. Permohonan lesen anda sedang diproses. - {agency}",
        text_en="Thank you {name}. Your licence application is being processed. - {agency}")


def test_a_canned_reply_fills_the_box_and_sending_it_stops_the_clock(client, desk, canned):
    conversation = comment_thread()
    assert conversation.first_response_due is not None
    as_user(client, desk["officer"])
    page = client.get(reverse("inbox:conversation", args=[conversation.pk]), {"lang": "en"})
    assert 'data-clock="first_response"' in page.content.decode()
    assert "Reply due in" in page.content.decode()
    filled = client.get(reverse("inbox:canned", args=[conversation.pk]),
                        {"canned": canned.pk, "language": "ms"}, headers={"HX-Request": "true"})
    box = filled.content.decode()
    assert filled.status_code == 200 and 'id="reply-text"' in box
    assert "Terima kasih Nurul Aina. Permohonan lesen anda sedang diproses. - Jabatan " \
        "Pengangkutan Jalan Malaysia" in box
    text = re.search(r"<textarea[^>]*>\s*(.*?)</textarea>", box, re.S).group(1)
    response = client.post(reverse("inbox:reply", args=[conversation.pk]),
                           {"language": "ms", "text": text})
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.first_response_at and conversation.first_response_due is None
    reply = conversation.messages.get(direction="out")
    assert reply.send_state == "queued" and reply.sent_by == desk["officer"]
    page = client.get(reverse("inbox:conversation", args=[conversation.pk]),
                      {"lang": "en"}).content.decode()
    assert 'data-testid="sla-reply"><span class="timer timer-stopped"' in page
    assert "Answered: clock stopped" in page and "Reply written" in page


def test_the_canned_reply_in_english_falls_back_to_bm_without_an_english_text(
        client, desk, canned):
    conversation = comment_thread()
    CannedReply.objects.filter(pk=canned.pk).update(text_en="")
    as_user(client, desk["officer"])
    box = client.get(reverse("inbox:canned", args=[conversation.pk]),
                     {"canned": canned.pk, "language": "en", "lang": "en"},
                     headers={"HX-Request": "true"}).content.decode()
    assert "Permohonan lesen anda" in box
    assert '<option value="ms" selected>' in box and 'hx-swap-oob="true"' in box


def test_another_organisations_canned_reply_is_not_shown(client, desk, orgs):
    conversation = comment_thread()
    theirs = CannedReply.objects.create(organisation=orgs["kkm"], title="KKM",
                                        text_ms="Rahsia KKM")
    as_user(client, desk["officer"])
    response = client.get(reverse("inbox:canned", args=[conversation.pk]),
                          {"canned": theirs.pk}, headers={"HX-Request": "true"})
    assert response.status_code == 404


def test_a_blocking_finding_is_shown_with_how_to_fix_it(client, desk):
    conversation = comment_thread()
    as_user(client, desk["officer"])
    text = "Terima kasih. No IC tuan 900101-14-5678 telah kami semak."
    response = client.post(reverse("inbox:reply", args=[conversation.pk]),
                           {"language": "ms", "text": text})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'data-rule="pdp.mykad"' in page and 'data-testid="reply-error"' in page
    assert text in page  # the officer's text is kept to be fixed
    assert not Message.objects.filter(conversation=conversation, direction="out").exists()
    with translation.override("en"):
        english = client.post(reverse("inbox:reply", args=[conversation.pk]) + "?lang=en",
                              {"language": "ms", "text": text}).content.decode()
    assert "must be fixed before this reply can be sent" in english


def test_a_warning_can_be_sent_with_a_justification(client, desk):
    conversation = comment_thread()
    as_user(client, desk["officer"])
    url = reverse("inbox:reply", args=[conversation.pk])
    text = "Terima kasih. Sila semak status di https://bit.ly/jpj-status"
    warned = client.post(url, {"language": "ms", "text": text})
    assert warned.status_code == 400
    assert 'name="justification"' in warned.content.decode()
    response = client.post(url, {"language": "ms", "text": text,
                                 "justification": "Pautan rasmi JPJ yang dipendekkan"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="inbox.reply")
    assert entry.after["justification"] == "Pautan rasmi JPJ yang dipendekkan"


def test_a_failed_reply_shows_why_and_can_be_sent_again(client, desk):
    conversation = comment_thread()
    message = Message.objects.create(
        conversation=conversation, account=conversation.account, platform_message_id="k1",
        direction="out", text="Terima kasih", sent_at=timezone.now(),
        event_at=timezone.now(), sent_by=desk["officer"], send_state="failed",
        send_error="The platform refused the token.")
    as_user(client, desk["officer"])
    page = client.get(reverse("inbox:conversation", args=[conversation.pk])).content.decode()
    assert "The platform refused the token." in page and 'data-testid="retry"' in page
    assert client.post(reverse("inbox:retry", args=[message.pk])).status_code == 302
    message.refresh_from_db()
    assert message.send_state == "queued"
    assert AuditEntry.objects.filter(action="inbox.reply.retry").exists()
