"""Messages from the public are labelled as they are stored, and their conversation is
rolled up, routed and put on the SOP's clock."""

import datetime as dt
import json

import pytest

from rasmi.inbox import ingest
from rasmi.inbox.models import Conversation, Delivery, Message, RoutingRule, Team
from rasmi.inbox.tests.conftest import payload
from rasmi.publishing.models import SopSettings

pytestmark = pytest.mark.django_db


def comment(text: str, comment_id: str, created: int = 1764061200) -> Delivery:
    body = json.loads(payload("page_comments"))
    change = body["entry"][0]["changes"][0]
    body["entry"][0]["changes"] = [change]
    change["value"].update(message=text, comment_id=comment_id, created_time=created)
    delivery = Delivery.objects.create(source="meta", body=json.dumps(body))
    ingest.process(delivery.pk)
    return delivery


def test_a_comment_is_labelled_and_its_conversation_rolled_up(pages):
    comment("Bila nak buka permohonan lesen memandu online? Dah 2 minggu tunggu.", "1_1")
    message = Message.objects.get()
    assert (message.language, message.intent, message.urgent) == ("ms", "question", False)
    assert "licence" in message.topics and message.classified_at
    conversation = message.conversation
    assert conversation.intent == "question" and "licence" in conversation.topics


def test_the_clock_follows_the_organisations_sop(pages):
    SopSettings.objects.create(organisation=pages["facebook"].organisation,
                               first_response_hours=4, urgent_response_minutes=30)
    comment("Bila nak buka permohonan lesen memandu online?", "1_1")
    conversation = Conversation.objects.get()
    sent = conversation.messages.get().sent_at
    assert conversation.awaiting_since == sent
    assert conversation.first_response_due == sent + dt.timedelta(hours=4)
    assert conversation.resolution_due.date() > sent.date()


def test_an_urgent_message_tightens_the_clock(pages):
    SopSettings.objects.create(organisation=pages["facebook"].organisation,
                               first_response_hours=24, urgent_response_minutes=30)
    comment("Bila nak buka kaunter?", "1_1")
    reply = json.loads(payload("page_comments"))
    second = reply["entry"][0]["changes"][1]
    reply["entry"][0]["changes"] = [second]
    second["value"].update(message="Tolong!! air dah paras dada, mak sy terperangkap atas "
                                   "bumbung rumah", created_time=1764061800,
                           comment_id="1_2", parent_id="1_1")
    ingest.process(Delivery.objects.create(source="meta", body=json.dumps(reply)).pk)
    conversation = Conversation.objects.get()
    urgent = conversation.messages.get(urgent=True)
    assert conversation.urgent
    assert conversation.first_response_due == urgent.sent_at + dt.timedelta(minutes=30)


def test_the_pages_own_reply_stops_the_clock(pages):
    comment("Bila nak buka permohonan lesen memandu online?", "987654321098765_1122334455667788")
    ingest.process(Delivery.objects.create(source="meta",
                                           body=payload("page_reply_by_page").decode()).pk)
    conversation = Conversation.objects.get()
    assert conversation.first_response_at is not None
    assert conversation.awaiting_since is None and conversation.first_response_due is None


def test_routing_rules_give_the_conversation_to_the_first_matching_team(pages):
    organisation = pages["facebook"].organisation
    floods = Team.objects.create(organisation=organisation, name="Bencana")
    licences = Team.objects.create(organisation=organisation, name="Lesen")
    RoutingRule.objects.create(organisation=organisation, position=1, name="urgent",
                               urgent_only=True, team=floods)
    RoutingRule.objects.create(organisation=organisation, position=2, name="licences",
                               topic="licence", team=licences)
    RoutingRule.objects.create(organisation=organisation, position=3, name="off",
                               topic="licence", team=floods, active=False)
    comment("Bila nak buka permohonan lesen memandu online?", "1_1")
    assert Conversation.objects.get().team == licences


def test_labelled_messages_and_first_replies_reach_the_feedback_counts(pages):
    from rasmi.inbox.feedback import ALL
    from rasmi.inbox.models import FeedbackCount

    comment("Bila nak buka permohonan lesen memandu online?", "987654321098765_1122334455667788")
    hourly = FeedbackCount.objects.filter(dimension__in=["total", "intent"])
    cells = {(c.dimension, c.value): c.count for c in hourly}
    assert cells[("total", ALL)] == 1 and cells[("intent", "question")] == 1
    ingest.process(Delivery.objects.create(source="meta",
                                           body=payload("page_reply_by_page").decode()).pk)
    assert FeedbackCount.objects.filter(dimension="response_sla").exists()


def test_an_edited_message_is_labelled_again_and_its_counts_move(pages):
    from rasmi.inbox.models import FeedbackCount

    SopSettings.objects.create(organisation=pages["facebook"].organisation,
                               first_response_hours=24, urgent_response_minutes=30)
    comment("Bila nak buka permohonan lesen memandu online?", "987654321098765_1122334455667788")
    edit = json.loads(payload("page_comment_edited"))
    edit["entry"][0]["changes"][0]["value"]["message"] = (
        "Tolong!! air dah paras dada, mak sy terperangkap atas bumbung rumah")
    ingest.process(Delivery.objects.create(source="meta", body=json.dumps(edit)).pk)
    message = Message.objects.get()
    assert message.edited and message.urgent and "flood" in message.topics
    conversation = message.conversation
    assert conversation.urgent and "flood" in conversation.topics
    # Due half an hour after the edit, not after the first (harmless) text.
    assert conversation.first_response_due == message.event_at + dt.timedelta(minutes=30)
    hourly = {(c.dimension, c.value): c.count
              for c in FeedbackCount.objects.filter(dimension__in=["total", "intent", "urgent"])}
    assert hourly[("intent", "question")] == 0 and hourly[("intent", message.intent)] == 1
    assert sum(n for (d, _), n in hourly.items() if d == "intent") == 1
