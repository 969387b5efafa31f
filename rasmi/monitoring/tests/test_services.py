"""The services of monitoring and crisis mode: what each writes, that each is audited, and
the rules they keep. Real database, real mail backend (locmem), no mocks."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import translation

from rasmi.audit.models import AuditEntry
from rasmi.errors import UserError
from rasmi.inbox.models import CannedReply
from rasmi.monitoring import services
from rasmi.monitoring.models import (
    Alert,
    ClaimCluster,
    CrisisContact,
    CrisisEvent,
    CrisisPost,
    Mention,
)
from rasmi.monitoring.services import MonitoringError
from rasmi.monitoring.tests.conftest import alert_fields, flood_mentions
from rasmi.publishing import policy as publishing_policy
from rasmi.publishing import services as publishing
from rasmi.publishing.models import Post

pytestmark = pytest.mark.django_db


def actions() -> list[str]:
    return list(AuditEntry.objects.values_list("action", flat=True))


def contacts(office):
    services.add_crisis_contact(office["admin"], office["org"], office["officer"],
                                language="ms", email="pegawai@jpj.gov.my")
    services.add_crisis_contact(office["admin"], office["org"], office["editor"],
                                language="en", email="editor@jpj.gov.my")


def start(office, actor=None, **changes):
    values = {"organisations": [office["org"]], "lead": office["org"],
              "name": "Banjir Kelantan", "kind": "flood", "topics": ["flood"],
              "terms": ["banjir", "air naik"], "team": office["team"]} | changes
    return services.start_crisis(actor or office["officer"], **values)


# --- mentions and alerts -------------------------------------------------------------------

def test_mentions_are_stored_once_without_identifiers(office):
    rows = flood_mentions(office["org"])
    assert Mention.objects.count() == len(rows)
    assert services.record_mentions(office["org"], rows, source="replay") == 0
    masked = Mention.objects.get(external_id="t100")
    assert "012-345 6789" not in masked.text and "[•••]" in masked.text
    assert actions().count("monitoring.mentions.record") == 1


def test_bad_mentions_are_refused_by_row():
    with pytest.raises(MonitoringError) as error:
        services.record_mentions(None, [{"id": "x", "time": "2026-12-01T08:00:00",
                                          "text": "ok"}, {"id": "", "text": "no id"}],
                                 source="replay")
    assert error.value.details == {"row": 2}


def test_record_alert_is_idempotent_and_mails_each_contact_in_their_language(
        office, django_capture_on_commit_callbacks):
    contacts(office)
    flood_mentions(office["org"])
    with django_capture_on_commit_callbacks(execute=True):
        alert = services.record_alert(office["org"], alert_fields())
    with django_capture_on_commit_callbacks(execute=True):
        again = services.record_alert(office["org"], alert_fields(count=99))
    assert again.pk == alert.pk and Alert.objects.count() == 1 and again.count == 57
    assert sorted(alert.example_mentions.values_list("external_id", flat=True)) == [
        "t19", "t27", "t3"]
    assert actions().count("monitoring.alert.record") == 1
    assert len(mail.outbox) == 2  # once, not again for the repeat
    by_address = {m.to[0]: m for m in mail.outbox}
    malay, english = by_address["pegawai@jpj.gov.my"], by_address["editor@jpj.gov.my"]
    # Each in its reader's language: the organisation's own name in it, at least (the BM
    # catalogue gets the new sentences at merge).
    assert "Jabatan Pengangkutan Jalan Malaysia" in malay.subject and "Banjir" in malay.subject
    assert "Jabatan Pengangkutan Jalan Malaysia" not in english.subject
    assert english.subject == ("Rasmi alert: surge in mentions on Floods for Road Transport "
                               "Department Malaysia")
    assert "banjir, air naik, pindah" in english.body
    assert "Kg Tebing (3)" in english.body  # an example's text
    assert f"/pemantauan/amaran/{alert.pk}/" in english.body
    assert "57" in english.body and "2.1" in english.body


def test_contacts_of_the_ministry_above_hear_too(office, django_capture_on_commit_callbacks):
    services.add_crisis_contact(office["coordinator"], office["mot"], office["ministry_admin"],
                                language="en", email="ops@mot.gov.my")
    with django_capture_on_commit_callbacks(execute=True):
        services.record_alert(office["org"], alert_fields())
    assert [m.to for m in mail.outbox] == [["ops@mot.gov.my"]]


@pytest.mark.parametrize("bad, field", [
    ({"alert_id": ""}, "alert_id"), ({"count": -1}, "count"), ({"count": 2.5}, "count"),
    ({"score": "high"}, "score"), ({"detected_at": "yesterday"}, "detected_at"),
    ({"baseline": float("nan")}, "baseline"),
])
def test_bad_alerts_are_refused_with_the_field_named(office, bad, field):
    with pytest.raises(MonitoringError) as error:
        services.record_alert(office["org"], alert_fields(**bad))
    assert error.value.details.get("field") == field
    assert not Alert.objects.exists()


def test_an_alert_during_a_crisis_joins_its_timeline(office):
    crisis = start(office)
    alert = services.record_alert(office["org"], alert_fields(alert_id="a2"))
    assert alert.crisis == crisis
    assert CrisisEvent.objects.filter(crisis=crisis, kind="alert",
                                      links__alert=alert.pk).exists()


def test_acknowledging_is_for_working_roles_and_audited(office):
    alert = services.record_alert(office["org"], alert_fields())
    with pytest.raises(PermissionDenied):
        services.acknowledge_alert(office["viewer"], alert)
    with pytest.raises(PermissionDenied):
        services.acknowledge_alert(office["outsider"], alert)
    services.acknowledge_alert(office["editor"], alert)
    services.acknowledge_alert(office["admin"], alert)  # already done: nothing changes
    alert.refresh_from_db()
    assert alert.acknowledged_by == office["editor"]
    assert actions().count("monitoring.alert.acknowledge") == 1


# --- watch list and contacts ---------------------------------------------------------------

def test_watch_list_is_kept_by_managers_and_audited(office):
    with pytest.raises(PermissionDenied):
        services.save_watch_list(office["editor"], office["org"], terms_ms=[], terms_en=[],
                                 topics=[])
    watch_list = services.save_watch_list(
        office["officer"], office["org"], terms_ms=["banjir\nair naik", "Banjir"],
        terms_en=["flood, roads closed"], topics=["flood", "road"])
    assert watch_list.terms_ms == ["banjir", "air naik"]
    assert watch_list.terms_en == ["flood", "roads closed"]
    with pytest.raises(MonitoringError):
        services.save_watch_list(office["officer"], office["org"], terms_ms=[], terms_en=[],
                                 topics=["not a topic!"])
    assert actions().count("monitoring.watch_list.save") == 1


def test_crisis_contacts_must_work_for_the_organisation(office):
    with pytest.raises(MonitoringError):
        services.add_crisis_contact(office["admin"], office["org"], office["outsider"],
                                    email="x@kkm.gov.my")
    with pytest.raises(MonitoringError):  # no address anywhere
        services.add_crisis_contact(office["admin"], office["org"], office["editor"])
    with pytest.raises(PermissionDenied):
        services.add_crisis_contact(office["editor"], office["org"], office["editor"],
                                    email="e@jpj.gov.my")
    contact = services.add_crisis_contact(office["admin"], office["org"], office["editor"],
                                          language="en", email="e@jpj.gov.my")
    services.remove_crisis_contact(office["admin"], contact)
    assert not CrisisContact.objects.exists()
    assert {"monitoring.crisis_contact.add", "monitoring.crisis_contact.remove"} <= set(
        actions())


# --- crisis mode ---------------------------------------------------------------------------

@pytest.mark.parametrize("who, allowed", [
    ("admin", True), ("officer", True), ("approver", True), ("coordinator", True),
    ("ministry_admin", True), ("editor", False), ("viewer", False), ("outsider", False)])
def test_who_may_start_crisis_mode(office, who, allowed):
    if allowed:
        assert start(office, office[who]).active
    else:
        with pytest.raises(PermissionDenied):
            start(office, office[who])


def test_starting_and_ending_switch_publishing_crisis_mode(office):
    alert = services.record_alert(office["org"], alert_fields())
    crisis = start(office, alert=alert)
    sop = publishing_policy.sop_for(office["org"])
    assert sop.crisis_active and sop.crisis_name == "Banjir Kelantan"
    alert.refresh_from_db()
    assert alert.crisis == crisis and alert.acknowledged_by == office["officer"]
    with pytest.raises(PermissionDenied):
        services.end_crisis(office["editor"], crisis)
    services.end_crisis(office["officer"], crisis, "Air surut.")
    sop.refresh_from_db()
    assert not sop.crisis_active and not sop.crisis_name
    with pytest.raises(MonitoringError):
        services.end_crisis(office["officer"], crisis)
    assert {"monitoring.crisis.start", "monitoring.crisis.end", "sop.crisis_mode"} <= set(
        actions())
    assert [e.kind for e in crisis.events.all()] == ["started", "ended"]


def test_only_a_coordinator_runs_a_crisis_for_another_organisation(office):
    with pytest.raises(PermissionDenied):
        start(office, office["officer"], organisations=[office["org"], office["kkm"]])
    crisis = start(office, office["coordinator"], organisations=[office["org"], office["kkm"]])
    assert set(crisis.organisations.all()) == {office["org"], office["kkm"]}
    assert publishing_policy.sop_for(office["kkm"]).crisis_active


def test_the_crisis_team_must_be_one_of_its_organisations(office):
    from rasmi.inbox.models import Team

    elsewhere = Team.objects.create(organisation=office["kkm"], name="KKM")
    with pytest.raises(MonitoringError):
        start(office, team=elsewhere)


def test_notes_are_for_working_roles(office):
    crisis = start(office)
    with pytest.raises(PermissionDenied):
        services.add_note(office["viewer"], crisis, "Saya nampak.")
    with pytest.raises(MonitoringError):
        services.add_note(office["editor"], crisis, "   ")
    event = services.add_note(office["editor"], crisis, "Pasukan di lokasi.")
    assert event.kind == "note" and event.user == office["editor"]
    assert "monitoring.crisis.note" in actions()


def test_a_pinned_answer_becomes_a_canned_reply(office):
    crisis = start(office)
    pinned = services.pin_answer(office["editor"], crisis,
                                 question_ms="Di mana pusat pemindahan?",
                                 answer_ms="Senarai pusat pemindahan di laman rasmi.",
                                 answer_en="The list of relief centres is on the site.")
    canned = CannedReply.objects.get(organisation=office["org"])
    assert canned.title == "Banjir Kelantan: Di mana pusat pemindahan?"
    assert canned.text_en == "The list of relief centres is on the site."
    assert list(pinned.canned_replies.all()) == [canned]
    with pytest.raises(Exception):  # noqa: B017 - an unknown placeholder is refused
        services.pin_answer(office["editor"], crisis, question_ms="Q",
                            answer_ms="Hubungi {nombor}")
    assert "monitoring.crisis.pin_answer" in actions()


def test_a_holding_statement_becomes_a_draft_a_crisis_officer_fast_tracks(office):
    crisis = start(office)
    values = {"agency": "JPJ", "place": "Kota Bharu", "hotline": "03-8000 8000",
              "website": "https://www.jpj.gov.my", "time": "5.00 petang"}
    with pytest.raises(PermissionDenied):  # a viewer drafts nothing
        services.use_holding_statement(office["viewer"], crisis, "flood", values)
    post = services.use_holding_statement(office["officer"], crisis, "flood", values)
    assert post.state == "draft" and post.author == office["officer"]
    assert "JPJ sedang memantau keadaan banjir di Kota Bharu" in post.text
    assert "is monitoring the flood situation in Kota Bharu" in post.text
    x_target = post.targets.get(account=office["x"])
    assert x_target.text.startswith("JPJ memantau keadaan banjir") and len(x_target.text) < 280
    assert post.verdict == "pass", post.findings
    assert CrisisPost.objects.get(crisis=crisis).post == post
    assert crisis.events.filter(kind="holding_statement", links__post=post.pk).exists()
    assert "monitoring.crisis.holding_statement" in actions()
    post = publishing.fast_track(office["officer"], post, "Kenyataan awal")
    assert post.state == "scheduled" and post.fast_tracked_by == office["officer"]


def test_a_holding_statement_needs_its_details(office):
    crisis = start(office)
    with pytest.raises(UserError) as error, translation.override("en"):
        services.use_holding_statement(office["officer"], crisis, "flood", {"agency": "JPJ"})
    assert "Place affected" in str(error.value.message)
    assert not Post.objects.exists()


def test_holding_statements_stop_when_the_crisis_ends(office):
    crisis = start(office)
    services.end_crisis(office["officer"], crisis)
    organisation = type(office["org"]).objects.get(pk=office["org"].pk)
    assert not publishing_policy.can_draft(office["officer"], organisation)
    with pytest.raises(MonitoringError):
        services.use_holding_statement(office["editor"], crisis, "scam", {
            "agency": "JPJ", "hotline": "03-8000 8000", "website": "https://www.jpj.gov.my"})


def test_a_false_claim_feeds_canned_replies_and_a_clarification_draft(office):
    crisis = start(office)
    claim = services.record_claim(office["editor"], crisis=crisis,
                                  text="Empangan Pergau pecah, semua kena pindah malam ini")
    with pytest.raises(MonitoringError):  # false needs the clarification
        services.mark_claim(office["officer"], claim, status="false")
    claim = services.mark_claim(
        office["officer"], claim, status="false",
        clarification_ms="Empangan Pergau selamat dan beroperasi seperti biasa.",
        clarification_en="Pergau dam is safe and operating normally.")
    assert claim.status == "false" and claim.marked_by == office["officer"]
    assert claim.canned_reply.topic == "fake_news"
    assert claim.post.state == "draft" and claim.post.text.startswith("Empangan Pergau selamat")
    assert CrisisPost.objects.get(post=claim.post).kind == "clarification"
    # Marked again (a better wording): the canned reply changes, no second post.
    services.mark_claim(office["officer"], claim, status="false",
                        clarification_ms="Empangan Pergau selamat.")
    assert Post.objects.count() == 1
    assert CannedReply.objects.get().text_ms == "Empangan Pergau selamat."
    assert actions().count("monitoring.claim.mark") == 2
    assert "monitoring.claim.record" in actions()


def test_a_claim_judged_true_makes_nothing(office):
    crisis = start(office)
    claim = services.record_claim(None, crisis=crisis, text="Jalan Kuala Krai ditutup")
    services.mark_claim(office["editor"], claim, status="true")
    assert ClaimCluster.objects.get().status == "true"
    assert not Post.objects.exists() and not CannedReply.objects.exists()
    with pytest.raises(PermissionDenied):
        services.mark_claim(office["viewer"], claim, status="unclear")
