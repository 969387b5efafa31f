"""Recurring questions: Malay short forms normalised, near-duplicates grouped, ranked,
shown redacted; a suggestion becomes a canned reply."""

import datetime as dt
import random

import pytest
from django.urls import reverse
from django.utils import timezone

from rasmi.audit.models import AuditEntry
from rasmi.conftest import PASSWORD
from rasmi.inbox import faq
from rasmi.inbox.models import CannedReply
from rasmi.inbox.tests import citizens

Q = faq.Question


@pytest.mark.parametrize("text, expected", [
    ("Sy x dpt login dgn MyKad", "saya tak dapat login dengan mykad"),
    ("mcm mana nak renew?", "macam mana nak renew"),
    ("Camne nk daftar", "macam mana nak daftar"),
    ("bila nak bukaaa slot2 ni???", "bila nak buka slot ini"),
    ("Tolonggg @JPJ http://x.co/abc", "tolong"),
    ("Brp hrg passport utk org tua?", "berapa hrg passport untuk orang tua"),
])
def test_malay_short_forms_are_written_out(text, expected):
    assert faq.normalise(text) == expected


def test_different_spellings_of_one_question_have_the_same_content_words():
    assert faq.tokens("Mcm mana nak renew lesen online?") == \
        faq.tokens("macam mana nk renew lesen online ye")
    assert faq.tokens("Sy x dpt slot") == faq.tokens("saya tak dapat slot")


def test_chinese_is_compared_by_character_pairs():
    assert faq.tokens("护照在哪里更新") >= {"护照", "更新"}
    assert faq.jaccard(faq.tokens("护照在哪里更新？"), faq.tokens("请问护照在哪里更新")) >= 0.5


def test_near_duplicates_group_and_rank_by_count():
    questions = [
        Q(1, "Bila nak buka slot ujian memandu?", ("licence",)),
        Q(2, "bila nk bukak slot ujian memandu ni", ("licence",)),
        Q(3, "Bila nak buka slot ujian memandu kat MySikap?", ("licence", "online_system")),
        Q(4, "BILA NAK BUKA SLOT UJIAN MEMANDU??", ("licence",)),
        Q(5, "Mcm mana nak renew lesen online?", ("renewal",)),
        Q(6, "camne nak renew lesen online", ("renewal",)),
        Q(7, "Macam mana nak renew lesen secara online?", ("renewal",)),
        Q(8, "Berapa harga passport baru?", ("passport",)),
        Q(9, "Berapa harga passport baru untuk warga emas?", ("passport",)),
    ]
    groups = faq.group_questions(questions, min_count=3)
    assert [sorted(q.id for q in g.members) for g in groups] == [[1, 2, 3, 4], [5, 6, 7]]
    assert [g.topic for g in groups] == ["licence", "renewal"]
    assert faq.group_questions(questions, min_count=5) == []


def test_unrelated_questions_on_one_topic_stay_apart():
    questions = [Q(1, "Bila nak buka slot ujian memandu?"), Q(2, "Bila nak buka slot ujian?"),
                 Q(3, "Berapa bayaran lesen memandu?"), Q(4, "Berapa bayaran lesen?"),
                 Q(5, "Di mana kaunter lesen memandu?"), Q(6, "Kaunter lesen di mana?")]
    groups = faq.group_questions(questions, min_count=2)
    assert sorted(sorted(q.id for q in g.members) for g in groups) == [[1, 2], [3, 4], [5, 6]]


def test_grouping_is_deterministic_and_scales():
    rng = random.Random(7)
    stems = ["bila nak buka slot ujian memandu", "macam mana nak renew lesen online",
             "berapa harga passport baru", "cara mohon bantuan banjir jkm",
             "kaunter jpj buka pukul berapa hari sabtu"]
    noise = ["ni", "ye", "tolong", "admin", "??", "kat mana", "sekarang", "tq"]
    questions = [Q(i, f"{rng.choice(stems)} {rng.choice(noise)} {rng.choice(noise)}")
                 for i in range(20_000)]
    first = faq.group_questions(questions)
    assert len(first) == len(stems) and sum(g.count for g in first) == 20_000
    again = faq.group_questions(list(reversed(questions)))
    assert [(g.count, g.wording) for g in again] == [(g.count, g.wording) for g in first]


@pytest.fixture
def office(orgs):
    return citizens.office(orgs)


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def ask(office, texts, *, days_ago=1):
    at = timezone.now() - dt.timedelta(days=days_ago)
    for text in texts:
        citizens.conversation(office["page"], citizens.contact("Siti Hajar"), [text], at=at,
                              intent="question", topics=["licence"])


@pytest.mark.django_db
def test_the_page_ranks_recent_questions_with_examples_redacted(client, office):
    ask(office, ["Bila nak buka slot ujian memandu? Siti Hajar, 012-345 6789",
                 "bila nk buka slot ujian memandu ni", "Bila nak buka slot ujian memandu?"])
    ask(office, ["Macam mana nak renew lesen?"] * 2)  # asked twice: not yet a suggestion
    ask(office, ["Bila nak buka slot ujian memandu?"] * 5, days_ago=60)  # outside 30 days
    login(client, office["viewer"])
    body = client.get(reverse("complaints:faq", args=["jpj"])).content.decode()
    assert "slot ujian memandu" in body and "renew lesen" not in body
    assert "012-345" not in body and "Siti" not in body
    assert "<td class=\"num\" data-label" in body and ">3<" in body
    wide = client.get(reverse("complaints:faq", args=["jpj"]) + "?days=90").content.decode()
    assert ">8<" in wide
    assert client.get(reverse("complaints:faq", args=["jpj"]) + "?days=x").status_code == 200


@pytest.mark.django_db
def test_drafting_an_answer_makes_a_canned_reply(client, office):
    ask(office, ["Bila nak buka slot ujian memandu?"] * 3)
    suggestion = faq.suggestions_for(office["org"])[0]
    login(client, office["editor"])
    url = reverse("complaints:faq_answer", args=["jpj"])
    form = client.get(url + f"?message={suggestion.representative_id}").content.decode()
    assert "Bila nak buka slot ujian memandu?" in form
    response = client.post(url, {"message": suggestion.representative_id,
                                 "title": "Slot ujian memandu", "topic": "licence",
                                 "text_ms": "Slot dibuka setiap Isnin di MySikap."})
    assert response.status_code == 302
    reply = CannedReply.objects.get()
    assert (reply.organisation, reply.intent, reply.topic) == (office["org"], "question",
                                                               "licence")
    assert AuditEntry.objects.filter(action="inbox.canned_reply_drafted_from_faq").exists()
    again = client.post(url, {"title": "Slot ujian memandu", "text_ms": "Lagi."})
    assert again.status_code == 200 and CannedReply.objects.count() == 1  # title taken


@pytest.mark.django_db
def test_a_viewer_may_not_draft_answers(client, office):
    login(client, office["viewer"])
    url = reverse("complaints:faq_answer", args=["jpj"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "t", "text_ms": "x"}).status_code == 403
    assert not CannedReply.objects.exists()
