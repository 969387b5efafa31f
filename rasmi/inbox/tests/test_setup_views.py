"""Inbox set-up pages: canned replies, teams and routing rules.

Who: the organisation's SOP approver roles and its administrator (or one above it) change
the set-up, its other staff only see it, anyone else gets a 404. Every write leaves an
audit entry; bad input gets a message in the reader's language; canned replies go through
the compliance checker; a team that rules route to cannot be deleted; the test box labels
a message and names the rule that would route it.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from rasmi.audit.models import AuditEntry
from rasmi.conftest import PASSWORD, make_user
from rasmi.core.triage.model import INTENTS, LANGUAGES, SENTIMENTS, TOPICS
from rasmi.errors import UserError
from rasmi.inbox import labels, policy, setup_selectors, setup_services
from rasmi.inbox.models import CannedReply, RoutingRule, Team
from rasmi.inbox.setup_services import CannedInput, RuleInput
from rasmi.inbox.tests import citizens
from rasmi.people.models import Role
from rasmi.publishing.models import SopSettings

pytestmark = pytest.mark.django_db

URGENT_FLOOD = "Banjir teruk di Kampung Baru, air naik paras pinggang, tolong!"
COUNTER_COMPLAINT = "Saya nak adu kaunter JPJ lambat sangat, 3 jam tunggu"


def login(client, user, language="ms"):
    assert client.login(username=user.username, password=PASSWORD)
    client.cookies["django_language"] = language  # pages follow the reader's language
    return client


def url(name, org="jpj", *args):
    return reverse(f"inbox:setup:{name}", args=[org, *args])


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


@pytest.fixture
def office(orgs):
    people = citizens.office(orgs)
    people["approver"] = make_user("jpj-approver", Role.ORG_APPROVER, orgs["jpj"])
    people["admin"] = make_user("jpj-admin", Role.ORG_ADMIN, orgs["jpj"])
    return people


@pytest.fixture
def setup(office):
    """A team with the editor in it, an urgent rule to it, a complaint rule to the editor."""
    org, approver = office["org"], office["approver"]
    team = setup_services.create_team(approver, org, "Bilik gerakan", [office["editor"]])
    urgent = setup_services.create_rule(approver, org, RuleInput(
        name="Segera", urgent_only=True, team=team))
    complaints = setup_services.create_rule(approver, org, RuleInput(
        name="Aduan kaunter", intent="complaint", topic="counter",
        assignee=office["editor"]))
    reply, _warnings = setup_services.create_canned(approver, org, CannedInput(
        title="Terima kasih", text_ms="Terima kasih {name}. - {agency}",
        text_en="Thank you {name}. - {agency}", intent="complaint"))
    return {"team": team, "urgent": urgent, "complaints": complaints, "reply": reply}


# --- who ---------------------------------------------------------------------------------------

def test_who_may_manage(office):
    org = office["org"]
    assert policy.can_manage_inbox(office["approver"], org)
    assert policy.can_manage_inbox(office["admin"], org)
    assert policy.can_manage_inbox(office["ministry_admin"], org)  # from the ministry above
    for who in ("editor", "viewer", "outsider", "coordinator"):
        assert not policy.can_manage_inbox(office[who], org), who


def test_the_sops_approver_roles_decide(office):
    SopSettings.objects.create(organisation=office["org"], approver_roles=[Role.ORG_EDITOR])
    assert policy.can_manage_inbox(office["editor"], office["org"])
    assert not policy.can_manage_inbox(office["approver"], office["org"])
    assert policy.can_manage_inbox(office["admin"], office["org"])  # the admin always


@pytest.mark.parametrize("page", ["canned", "teams", "rules"])
def test_staff_see_managers_change(client, office, setup, page):
    login(client, office["viewer"])
    body = client.get(url(page)).content.decode()
    assert 'data-testid="view-only"' in body and "/padam/" not in body
    client.logout()
    login(client, office["approver"])
    body = client.get(url(page)).content.decode()
    assert 'data-testid="view-only"' not in body and "/padam/" in body


@pytest.mark.parametrize("who", ["outsider", "coordinator"])
def test_other_organisations_get_404(client, office, setup, who):
    login(client, office[who])
    pk = {"canned_edit": setup["reply"].pk, "team_edit": setup["team"].pk,
          "rule_edit": setup["urgent"].pk}
    for name in ("canned", "teams", "rules", "canned_new", "rule_new"):
        assert client.get(url(name)).status_code == 404, name
    for name, key in pk.items():
        assert client.get(url(name, "jpj", key)).status_code == 404, name
    assert client.post(url("canned_delete", "jpj", setup["reply"].pk)).status_code == 404
    assert client.post(url("rule_move", "jpj", setup["urgent"].pk),
                       {"direction": "down"}).status_code == 404
    assert client.post(url("rule_test"), {"text": URGENT_FLOOD}).status_code == 404
    assert CannedReply.objects.filter(pk=setup["reply"].pk).exists()


def test_viewing_staff_may_not_write(client, office, setup):
    login(client, office["editor"])
    assert client.get(url("canned_new")).status_code == 403
    assert client.get(url("team_edit", "jpj", setup["team"].pk)).status_code == 403
    before = actions()
    responses = [
        client.post(url("canned_new"), {"title": "X", "text_ms": "Terima kasih."}),
        client.post(url("canned_delete", "jpj", setup["reply"].pk)),
        client.post(url("team_new"), {"name": "Baru"}),
        client.post(url("team_delete", "jpj", setup["team"].pk)),
        client.post(url("rule_move", "jpj", setup["complaints"].pk), {"direction": "up"}),
        client.post(url("rule_toggle", "jpj", setup["urgent"].pk), {"active": "0"}),
        client.post(url("rule_delete", "jpj", setup["urgent"].pk)),
        client.post(url("canned_preview"), {"text_ms": "x"}),
    ]
    assert [r.status_code for r in responses] == [403] * len(responses)
    assert actions() == before
    with pytest.raises(UserError) as refused:
        setup_services.create_team(office["editor"], office["org"], "Baru")
    assert refused.value.status == 403


def test_a_rule_object_of_another_organisation_is_404(client, office, orgs, setup):
    kkm_admin = make_user("kkm-admin", Role.ORG_ADMIN, orgs["kkm"])
    login(client, kkm_admin)
    # KKM's admin, on KKM's own pages, naming JPJ's rule: not found.
    assert client.get(url("rule_edit", "kkm", setup["urgent"].pk)).status_code == 404
    assert client.post(url("rule_delete", "kkm", setup["urgent"].pk)).status_code == 404
    assert RoutingRule.objects.filter(pk=setup["urgent"].pk).exists()


def test_anonymous_visitors_are_sent_to_login(client, office):
    response = client.get(url("rules"))
    assert response.status_code == 302 and "/akaun/login/" in response["Location"]


def test_the_landing_lists_the_users_organisations(client, office, setup, orgs):
    login(client, office["approver"])
    body = client.get(reverse("inbox:setup:home")).content.decode()
    assert url("canned") in body and url("rules", "kkm") not in body
    client.logout()
    login(client, office["ministry_admin"])  # the ministry and the department under it
    body = client.get(reverse("inbox:setup:home")).content.decode()
    assert url("teams") in body and url("teams", "mot") in body
    client.logout()
    login(client, office["coordinator"])
    assert url("teams") not in client.get(reverse("inbox:setup:home")).content.decode()


def test_writes_need_csrf(office):
    client = Client(enforce_csrf_checks=True)
    login(client, office["approver"])
    response = client.post(url("canned_new"), {"title": "X", "text_ms": "Terima kasih."})
    assert response.status_code == 403 and not CannedReply.objects.exists()


# --- canned replies ----------------------------------------------------------------------------

def test_a_manager_creates_edits_and_deletes_a_canned_reply(client, office):
    login(client, office["approver"])
    response = client.post(url("canned_new"), {
        "title": "Lesen", "text_ms": "Salam {name}, lesen anda sedang diproses. - {agency}",
        "text_en": "", "intent": "question", "topic": "licence"})
    assert response.status_code == 302
    reply = CannedReply.objects.get(title="Lesen")
    assert (reply.organisation, reply.intent, reply.topic) == (office["org"], "question",
                                                               "licence")
    response = client.post(url("canned_edit", "jpj", reply.pk), {
        "title": "Lesen memandu", "text_ms": "Salam {name}, lesen sedang diproses.",
        "text_en": "Hello {name}, your licence is being processed.", "intent": "",
        "topic": "licence"})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.title == "Lesen memandu" and reply.intent == ""
    assert client.post(url("canned_delete", "jpj", reply.pk)).status_code == 302
    assert not CannedReply.objects.exists()
    assert actions() == ["inbox.canned_reply_created", "inbox.canned_reply_updated",
                         "inbox.canned_reply_deleted"]
    deleted = AuditEntry.objects.get(action="inbox.canned_reply_deleted")
    assert deleted.before["title"] == "Lesen memandu" and deleted.object_id == str(reply.pk)


def test_an_unknown_placeholder_is_named_with_the_allowed_ones(client, office):
    login(client, office["approver"], "en")
    response = client.post(url("canned_new"), {
        "title": "Salah", "text_ms": "Terima kasih {nama} dari {agensi}."})
    body = response.content.decode()
    assert response.status_code == 200 and not CannedReply.objects.exists()
    assert "Unknown placeholders: {nama}, {agensi}." in body
    assert "{name}, {agency}, {account}, {reference}, {officer}" in body
    assert actions() == []


def test_the_placeholder_message_follows_the_readers_language(client, office):
    login(client, office["approver"], "ms")
    body = client.post(url("canned_new"), {"title": "Salah",
                                           "text_ms": "Hai {nama}"}).content.decode()
    with translation.override("ms"):
        from rasmi.inbox.canned import _unknown_message
        expected = str(_unknown_message(["{nama}"]))
    assert expected in body and "Unknown placeholders" not in body


def test_the_service_refuses_what_the_form_would(office):
    org, approver = office["org"], office["approver"]
    cases = [
        (CannedInput(title="", text_ms="Terima kasih."), "missing_title"),
        (CannedInput(title="T", text_ms="   "), "missing_text"),
        (CannedInput(title="T", text_ms="Terima kasih.", text_en="Thank you {nama}"),
         "unknown_placeholder"),
        (CannedInput(title="T", text_ms="Terima kasih.", intent="gossip"), "bad_intent"),
        (CannedInput(title="T", text_ms="Terima kasih.", topic="banjir"), "bad_topic"),
    ]
    for data, code in cases:
        with pytest.raises(UserError) as refused:
            setup_services.create_canned(approver, org, data)
        assert refused.value.code == code
    setup_services.create_canned(approver, org, CannedInput(title="T", text_ms="Terima kasih."))
    with pytest.raises(UserError) as refused:
        setup_services.create_canned(approver, org, CannedInput(
            title="T", text_ms="Terima kasih sekali lagi."))
    assert refused.value.code == "duplicate_title"
    assert CannedReply.objects.count() == 1


def test_a_blocking_finding_refuses_the_save_and_is_shown(client, office):
    login(client, office["approver"], "en")
    response = client.post(url("canned_new"), {
        "title": "Semak IC", "text_ms": "Sila sahkan IC anda 900101-14-5677 di kaunter."})
    body = response.content.decode()
    assert response.status_code == 200 and not CannedReply.objects.exists()
    assert "must be fixed before this canned reply can be saved" in body
    assert 'data-rule="pdp.mykad"' in body and 'data-verdict="block"' in body
    assert actions() == []


def test_a_warning_saves_and_is_said(client, office):
    login(client, office["approver"])
    response = client.post(url("canned_new"), {
        "title": "Talian", "text_ms": "Sila hubungi talian kami di 012-345 6789."},
        follow=True)
    assert CannedReply.objects.filter(title="Talian").exists()
    entry = AuditEntry.objects.get(action="inbox.canned_reply_created")
    assert "pdp.phone" in entry.after["warnings"]
    assert len([m for m in response.context["messages"] if m.level_tag == "warning"]) >= 1


def test_the_preview_fills_sample_values(client, office):
    login(client, office["approver"])
    response = client.post(url("canned_preview"), {
        "text_ms": "Terima kasih {name}. - {agency} {reference}", "text_en": "Thanks {nama}"},
        HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "Terima kasih Nurul Aina. - Jabatan Pengangkutan Jalan Malaysia JPJ-1024" in body
    assert 'data-testid="preview-problem"' in body and "{nama}" in body
    assert actions() == []


def test_the_edit_form_shows_the_preview_without_javascript(client, office, setup):
    login(client, office["approver"])
    body = client.get(url("canned_edit", "jpj", setup["reply"].pk)).content.decode()
    assert "Terima kasih Nurul Aina." in body and 'data-verdict="pass"' in body


# --- teams -------------------------------------------------------------------------------------

def test_teams_created_renamed_and_staffed(client, office):
    login(client, office["approver"])
    response = client.post(url("team_new"), {"name": "Kaunter",
                                             "members": [office["editor"].pk]})
    assert response.status_code == 302
    team = Team.objects.get(name="Kaunter")
    assert list(team.members.all()) == [office["editor"]]
    response = client.post(url("team_edit", "jpj", team.pk), {
        "name": "Khidmat kaunter", "members": [office["viewer"].pk, office["approver"].pk]})
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.name == "Khidmat kaunter"
    assert set(team.members.all()) == {office["viewer"], office["approver"]}
    updated = AuditEntry.objects.get(action="inbox.team_updated")
    assert updated.before == {"name": "Kaunter", "members": [office["editor"].pk]}
    assert updated.after["name"] == "Khidmat kaunter"
    assert actions() == ["inbox.team_created", "inbox.team_updated"]


def test_only_the_organisations_staff_can_be_members(client, office):
    login(client, office["approver"])
    response = client.post(url("team_new"), {"name": "Campur",
                                             "members": [office["outsider"].pk]})
    assert response.status_code == 200 and not Team.objects.exists()
    assert 'name="members"' in response.content.decode()
    # The form offers only staff; the service refuses anyone else whatever the caller.
    offered = set(setup_selectors.staff_of(office["org"]))
    assert office["outsider"] not in offered and office["coordinator"] not in offered
    assert office["ministry_admin"] in offered  # a role above counts here
    with translation.override("en"), pytest.raises(UserError) as refused:
        setup_services.create_team(office["approver"], office["org"], "Campur",
                                   [office["outsider"]])
    assert refused.value.code == "not_staff"
    assert "kkm-editor" in str(refused.value.message)


def test_a_team_rules_route_to_cannot_be_deleted(client, office, setup):
    login(client, office["approver"], "en")
    team = setup["team"]
    page = client.get(url("team_delete", "jpj", team.pk)).content.decode()
    assert 'data-testid="delete-refused"' in page and "Segera" in page
    assert 'data-testid="confirm-delete"' not in page
    response = client.post(url("team_delete", "jpj", team.pk), follow=True)
    assert Team.objects.filter(pk=team.pk).exists()
    said = [str(m) for m in response.context["messages"]]
    assert any("“Segera”" in m and "Change or delete them first" in m for m in said)
    setup_services.delete_rule(office["approver"], setup["urgent"])
    assert client.post(url("team_delete", "jpj", team.pk)).status_code == 302
    assert not Team.objects.filter(pk=team.pk).exists()
    entry = AuditEntry.objects.get(action="inbox.team_deleted")
    assert entry.before["name"] == "Bilik gerakan"


def test_team_names_are_unique_per_organisation(office, orgs):
    setup_services.create_team(office["approver"], office["org"], "Kaunter")
    with pytest.raises(UserError) as refused:
        setup_services.create_team(office["approver"], office["org"], " Kaunter ")
    assert refused.value.code == "duplicate_name"
    kkm_admin = make_user("kkm-admin", Role.ORG_ADMIN, orgs["kkm"])
    setup_services.create_team(kkm_admin, orgs["kkm"], "Kaunter")  # another organisation


# --- routing rules ----------------------------------------------------------------------------

def _order(org) -> list[str]:
    return list(RoutingRule.objects.filter(organisation=org).order_by("position", "pk")
                .values_list("name", flat=True))


def test_rules_are_created_last_and_edited(client, office, setup):
    login(client, office["approver"])
    response = client.post(url("rule_new"), {
        "name": "Banjir", "intent": "", "topic": "flood", "language": "ms",
        "team": setup["team"].pk, "assignee": "", "account": "", "active": "on"})
    assert response.status_code == 302
    assert _order(office["org"]) == ["Segera", "Aduan kaunter", "Banjir"]
    rule = RoutingRule.objects.get(name="Banjir")
    response = client.post(url("rule_edit", "jpj", rule.pk), {
        "name": "Banjir (EN)", "topic": "flood", "language": "en", "assignee":
        office["editor"].pk})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.language, rule.team, rule.assignee, rule.active) == (
        "en", None, office["editor"], False)
    entry = AuditEntry.objects.filter(action="inbox.routing_rule_updated").get()
    assert entry.before["language"] == "ms" and entry.after["language"] == "en"


def test_a_rule_needs_somewhere_to_send(client, office):
    login(client, office["approver"], "en")
    response = client.post(url("rule_new"), {"name": "Ke mana?", "intent": "question"})
    assert response.status_code == 200 and not RoutingRule.objects.exists()
    assert "Choose the team or the officer" in response.content.decode()


def test_the_service_refuses_bad_conditions_and_outsiders(office, orgs):
    org, approver = office["org"], office["approver"]
    other_team = Team.objects.create(organisation=orgs["kkm"], name="Lain")
    cases = [
        (RuleInput(name="", assignee=office["editor"]), "missing_name"),
        (RuleInput(name="R", intent="gossip", assignee=office["editor"]), "bad_intent"),
        (RuleInput(name="R", language="fr", assignee=office["editor"]), "bad_language"),
        (RuleInput(name="R", team=other_team), "bad_team"),
        (RuleInput(name="R", assignee=office["outsider"]), "bad_officer"),
        (RuleInput(name="R", assignee=office["viewer"]), "bad_officer"),  # may not reply
    ]
    for data, code in cases:
        with pytest.raises(UserError) as refused:
            setup_services.create_rule(approver, org, data)
        assert refused.value.code == code
    assert not RoutingRule.objects.exists()


def test_rules_move_up_and_down(client, office, setup):
    login(client, office["approver"])
    org = office["org"]
    rule = setup["complaints"]
    assert client.post(url("rule_move", "jpj", rule.pk), {"direction": "up"}).status_code == 302
    assert _order(org) == ["Aduan kaunter", "Segera"]
    moved = AuditEntry.objects.get(action="inbox.routing_rule_moved")
    assert moved.before["order"] == [setup["urgent"].pk, rule.pk]
    assert moved.after["order"] == [rule.pk, setup["urgent"].pk]
    before = actions()
    client.post(url("rule_move", "jpj", rule.pk), {"direction": "up"})  # already first
    assert _order(org) == ["Aduan kaunter", "Segera"] and actions() == before
    client.post(url("rule_move", "jpj", rule.pk), {"direction": "down"})
    assert _order(org) == ["Segera", "Aduan kaunter"]
    client.post(url("rule_move", "jpj", rule.pk), {"direction": "sideways"})
    assert _order(org) == ["Segera", "Aduan kaunter"]


def test_moves_survive_tied_positions(office, setup):
    RoutingRule.objects.filter(organisation=office["org"]).update(position=0)
    setup_services.move_rule(office["approver"], setup["complaints"], "up")
    assert _order(office["org"]) == ["Aduan kaunter", "Segera"]
    assert list(RoutingRule.objects.order_by("position").values_list("position", flat=True)) \
        == [1, 2]


def test_rules_are_turned_off_and_on_and_deleted(client, office, setup):
    login(client, office["approver"])
    rule = setup["urgent"]
    client.post(url("rule_toggle", "jpj", rule.pk), {"active": "0"})
    rule.refresh_from_db()
    assert rule.active is False
    client.post(url("rule_toggle", "jpj", rule.pk), {"active": "1"})
    rule.refresh_from_db()
    assert rule.active is True
    client.post(url("rule_delete", "jpj", rule.pk))
    assert not RoutingRule.objects.filter(pk=rule.pk).exists()
    assert actions()[-3:] == ["inbox.routing_rule_deactivated", "inbox.routing_rule_activated",
                              "inbox.routing_rule_deleted"]


def test_every_write_is_audited(office, setup):
    """The set-up fixture's writes and one of each other kind: one entry each."""
    org, who = office["org"], office["approver"]
    setup_services.update_canned(who, setup["reply"], CannedInput(title="Baru",
                                                                  text_ms="Terima kasih."))
    setup_services.update_team(who, setup["team"], "Bilik", [])
    setup_services.update_rule(who, setup["complaints"], RuleInput(
        name="Aduan", intent="complaint", assignee=office["editor"]))
    setup_services.move_rule(who, setup["complaints"], "up")
    setup_services.set_rule_active(who, setup["urgent"], False)
    setup_services.delete_rule(who, setup["urgent"])
    setup_services.delete_canned(who, setup["reply"])
    spare = setup_services.create_team(who, org, "Ganti")
    setup_services.delete_team(who, spare)
    assert actions() == [
        "inbox.team_created", "inbox.routing_rule_created", "inbox.routing_rule_created",
        "inbox.canned_reply_created", "inbox.canned_reply_updated", "inbox.team_updated",
        "inbox.routing_rule_updated", "inbox.routing_rule_moved",
        "inbox.routing_rule_deactivated", "inbox.routing_rule_deleted",
        "inbox.canned_reply_deleted", "inbox.team_created", "inbox.team_deleted"]
    assert set(AuditEntry.objects.values_list("actor_id", flat=True)) == {who.pk}


def test_a_bm_reader_sees_names_not_slugs(client, office, setup):
    login(client, office["viewer"], "ms")
    body = client.get(url("rules")).content.decode()
    with translation.override("ms"):
        complaint = str(labels.INTENT_LABELS["complaint"])
    assert complaint != "complaint" and f"{complaint};" in body
    assert "complaint" not in body.split("<main", 1)[1].split("rule-test", 1)[0]
    client.logout()
    login(client, office["approver"], "ms")
    form = client.get(url("rule_new")).content.decode()
    assert f'<option value="complaint">{complaint}</option>' in form


def test_every_label_the_model_gives_has_a_name():
    for kind, values in (("intent", INTENTS), ("topic", TOPICS), ("language", LANGUAGES),
                         ("sentiment", SENTIMENTS)):
        assert set(labels.BY_KIND[kind]) == set(values), kind
    with translation.override("en"):
        assert labels.label("topic", "online_system") == "Online systems"
        assert labels.label("topic", "new_topic") == "new topic"


# --- the test box ------------------------------------------------------------------------------

def test_the_test_box_names_the_rule_and_where_it_goes(client, office, setup):
    login(client, office["viewer"], "en")  # reading only: any staff may try it
    response = client.post(url("rule_test"), {"text": URGENT_FLOOD}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert 'data-rule="Segera"' in body and "Team Bilik gerakan" in body
    assert "Floods" in body and 'data-value="report"' in body
    response = client.post(url("rule_test"), {"text": COUNTER_COMPLAINT},
                           HTTP_HX_REQUEST="true")
    assert 'data-rule="Aduan kaunter"' in response.content.decode()


def test_the_test_box_skips_rules_that_are_off(client, office, setup):
    setup_services.set_rule_active(office["approver"], setup["urgent"], False)
    login(client, office["viewer"])
    body = client.post(url("rule_test"), {"text": URGENT_FLOOD},
                       HTTP_HX_REQUEST="true").content.decode()
    assert 'data-rule=""' in body and "Segera" in body  # named as off, not as the route


def test_the_test_box_honours_account_rules(client, office, setup):
    page = office["page"]
    setup_services.create_rule(office["approver"], office["org"], RuleInput(
        name="Soalan Facebook", intent="question", account=page, assignee=office["editor"]))
    login(client, office["viewer"])
    question = "Berapa yuran pembaharuan lesen memandu?"
    body = client.post(url("rule_test"), {"text": question},
                       HTTP_HX_REQUEST="true").content.decode()
    assert 'data-rule=""' in body
    body = client.post(url("rule_test"), {"text": question, "account": page.pk},
                       HTTP_HX_REQUEST="true").content.decode()
    assert 'data-rule="Soalan Facebook"' in body


def test_the_test_box_works_without_javascript_and_refuses_nothing_typed(client, office,
                                                                        setup):
    login(client, office["viewer"])
    body = client.post(url("rule_test"), {"text": URGENT_FLOOD}).content.decode()
    assert "<html" in body and 'data-rule="Segera"' in body
    response = client.post(url("rule_test"), {"text": "  "}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'class="error"' in response.content.decode()


def test_the_test_box_agrees_with_routing_on_ingest(office, setup):
    """The box and ingest use the same matcher on the same labels."""
    from rasmi.core.triage.model import default_model
    from rasmi.inbox import triage

    labels = default_model().classify([COUNTER_COMPLAINT])[0]
    thread = citizens.conversation(office["page"], None, [COUNTER_COMPLAINT],
                                   intent=labels.intent, topics=list(labels.topics))
    thread.language, thread.urgent = labels.language, labels.urgent
    triage.route([thread])
    result = setup_selectors.test_message(office["org"], COUNTER_COMPLAINT, office["page"])
    assert (thread.team_id, thread.assignee_id) == (result.rule.team_id,
                                                    result.rule.assignee_id)
