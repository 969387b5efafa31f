"""Inbox routing in crisis mode, through the real ingest path: conversations on the
crisis's topics or terms go to the crisis team before any routing rule, only while the
crisis lasts, only in its organisations; the active crises are read once per delivery."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rasmi.inbox.models import Conversation, RoutingRule, Team
from rasmi.monitoring import crisis_routing, services
from rasmi.monitoring.tests.conftest import comments

pytestmark = pytest.mark.django_db

FLOOD = "Tolong, air dah masuk rumah, banjir teruk di Kampung Tebing"
TERM_ONLY = "Empangan Pergau dikatakan retak, betul ke?"
LICENCE = "Bila nak buka permohonan lesen memandu online? Dah 2 minggu tunggu."


def start(office, **changes):
    values = {"organisations": [office["org"]], "lead": office["org"],
              "name": "Banjir Kelantan", "kind": "flood", "topics": ["flood"],
              "terms": ["empangan pergau"], "team": office["team"]} | changes
    return services.start_crisis(office["officer"], **values)


def team_of(text: str):
    return Conversation.objects.get(messages__text=text).team


def test_crisis_topics_and_terms_go_to_the_crisis_team_first(office):
    licences = Team.objects.create(organisation=office["org"], name="Lesen")
    RoutingRule.objects.create(organisation=office["org"], position=1, name="all",
                               team=licences)  # matches everything
    start(office)
    comments([FLOOD, TERM_ONLY, LICENCE])
    assert team_of(FLOOD) == office["team"]     # topic "flood" from the triage model
    assert team_of(TERM_ONLY) == office["team"]  # a crisis term in the text
    assert team_of(LICENCE) == licences         # ordinary rules for the rest


def test_a_conversation_already_with_a_team_moves_to_the_crisis_team(office):
    from rasmi.inbox import ingest
    from rasmi.inbox.models import Delivery
    from rasmi.inbox.tests.conftest import payload

    licences = Team.objects.create(organisation=office["org"], name="Lesen")
    RoutingRule.objects.create(organisation=office["org"], position=1, name="all",
                               team=licences)
    ingest.process(Delivery.objects.create(source="meta",
                                           body=payload("page_comments").decode()).pk)
    conversation = Conversation.objects.get()
    assert conversation.team == licences
    start(office)
    body = json.loads(payload("page_comments"))  # a later reply in that thread, on the flood
    reply = body["entry"][0]["changes"][1]
    reply["value"].update(message="Rumah sy pun dah banjir", comment_id="987654321098765_9",
                          created_time=1764064800)
    body["entry"][0]["changes"] = [reply]
    ingest.process(Delivery.objects.create(source="meta", body=json.dumps(body)).pk)
    conversation.refresh_from_db()
    assert conversation.team == office["team"]


def test_no_crisis_team_once_the_crisis_ends(office):
    crisis = start(office)
    services.end_crisis(office["officer"], crisis)
    comments([FLOOD])
    assert team_of(FLOOD) is None


def test_a_crisis_without_a_team_routes_nothing(office):
    start(office, team=None)
    comments([FLOOD])
    assert team_of(FLOOD) is None


def test_another_organisations_crisis_changes_nothing_here(office):
    kkm_team = Team.objects.create(organisation=office["kkm"], name="KKM bilik gerakan")
    services.start_crisis(office["coordinator"], organisations=[office["kkm"]],
                          lead=office["kkm"], name="Denggi", kind="outbreak",
                          topics=["flood"], team=kkm_team)
    comments([FLOOD])
    assert team_of(FLOOD) is None


def test_a_ministry_team_serves_its_departments_in_a_joint_crisis(office):
    ministry_team = Team.objects.create(organisation=office["mot"], name="MOT")
    services.start_crisis(office["coordinator"], organisations=[office["mot"], office["org"]],
                          lead=office["mot"], name="Banjir", kind="flood", topics=["flood"],
                          team=ministry_team)
    comments([FLOOD])
    assert team_of(FLOOD) == ministry_team


def test_the_active_crises_are_read_once_per_delivery_and_cached(office, settings):
    settings.CRISIS_ROUTING_TTL = 60
    start(office)
    crisis_routing.invalidate()
    with CaptureQueriesContext(connection) as first:
        comments([FLOOD, TERM_ONLY, LICENCE, FLOOD + " lagi"])
    with CaptureQueriesContext(connection) as second:
        comments([FLOOD + " sekali lagi"])

    def crisis_reads(queries):
        return [q for q in queries if "monitoring_crisis" in q["sql"]]

    assert len(crisis_reads(first.captured_queries)) == 1
    assert crisis_reads(second.captured_queries) == []


def test_no_crisis_costs_one_query_per_ttl_and_nothing_per_message(office, settings):
    settings.CRISIS_ROUTING_TTL = 60
    with CaptureQueriesContext(connection) as queries:
        comments([FLOOD, LICENCE])
        comments([TERM_ONLY])
    assert len([q for q in queries.captured_queries
                if "monitoring_crisis" in q["sql"]]) == 1


def test_crisis_team_for_takes_an_organisation_or_its_id(office):
    start(office)
    team = office["team"].pk
    assert crisis_routing.crisis_team_for(office["org"], ["flood"], "") == team
    assert crisis_routing.crisis_team_for(office["org"].pk, [], "EMPANGAN  Pergau!") == team
    assert crisis_routing.crisis_team_for(office["org"].pk, ["licence"], "pergau") is None
    assert crisis_routing.crisis_team_for(office["kkm"], ["flood"], "") is None
