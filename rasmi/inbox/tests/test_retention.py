"""Retention: what is past the organisation's period is anonymised, classification kept,
counts audited, and a second run changes nothing."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from rasmi.audit.models import AuditEntry
from rasmi.inbox import complaint_services as services
from rasmi.inbox import privacy, retention, tasks
from rasmi.inbox.models import ComplaintRecord, Contact, Delivery, Direction, Message
from rasmi.inbox.tests import citizens
from rasmi.publishing.models import SopSettings

pytestmark = pytest.mark.django_db

NOW = timezone.now()
LONG_AGO = NOW - dt.timedelta(days=400)
OLD_TEXT = "Saya Ahmad Faizal, IC 900101-14-5677, jalan depan rumah berlubang"


@pytest.fixture
def office(orgs):
    return citizens.office(orgs)


@pytest.fixture
def old(office):
    who = citizens.contact("Ahmad Faizal", user_id="psid-ahmad")
    return citizens.conversation(
        office["page"], who, [OLD_TEXT, "Tolong baiki cepat"], at=LONG_AGO,
        topics=["road"], status="resolved", resolved_at=LONG_AGO + dt.timedelta(days=1),
        replies=["Terima kasih Ahmad Faizal, hubungi kami di 03-8888 1234 atau 012-345 6789."])


@pytest.fixture
def recent(office):
    return citizens.conversation(office["page"], citizens.contact("Mei Ling"),
                                 ["Lampu jalan rosak semalam"], at=NOW - dt.timedelta(days=3))


def test_an_old_conversation_is_anonymised_and_keeps_its_classification(office, old, recent):
    report = retention.apply(now=NOW)
    counts = report.organisations["jpj"]
    assert (counts.conversations, counts.messages_stubbed, counts.replies_redacted,
            counts.contacts_pseudonymised) == (1, 2, 1, 1)
    inbound = list(old.messages.filter(direction=Direction.IN))
    assert {m.text for m in inbound} == {retention.STUB}
    assert all(m.intent == "complaint" and m.topics == ["road"] and m.sentiment == "negative"
               for m in inbound)
    reply = old.messages.get(direction=Direction.OUT)
    assert reply.text == "Terima kasih [name], hubungi kami di 03-8888 1234 atau [mobile]."
    who = Contact.objects.get(pk=old.contact_id)
    assert privacy.is_pseudonym(who.platform_user_id) and who.name == who.platform_user_id
    assert "Ahmad" not in who.name
    # The recent conversation is untouched.
    assert recent.messages.get().text == "Lampu jalan rosak semalam"
    assert Contact.objects.get(pk=recent.contact_id).name == "Mei Ling"


def test_a_direct_thread_keyed_on_the_senders_id_is_rekeyed(office):
    who = citizens.contact("Ravi", user_id="psid-ravi")
    thread = citizens.conversation(office["page"], who, ["Hi, my IC 900101-14-5677"],
                                   at=LONG_AGO, kind="direct")
    assert thread.thread_key == "psid-ravi"
    retention.apply(now=NOW)
    thread.refresh_from_db()
    assert privacy.is_pseudonym(thread.thread_key)
    assert thread.thread_key == Contact.objects.get(pk=who.pk).platform_user_id
    assert not retention.apply(now=NOW).total.changed


def test_a_second_run_changes_nothing_and_writes_no_audit(office, old):
    retention.apply(now=NOW)
    audited = AuditEntry.objects.filter(action="inbox.retention_applied").count()
    texts = list(Message.objects.order_by("pk").values_list("text", flat=True))
    again = retention.apply(now=NOW)
    assert not again.total.changed
    assert list(Message.objects.order_by("pk").values_list("text", flat=True)) == texts
    assert AuditEntry.objects.filter(action="inbox.retention_applied").count() == audited == 1


def test_the_audit_entry_holds_counts_only(office, old):
    retention.apply(now=NOW, actor=office["editor"])
    entry = AuditEntry.objects.get(action="inbox.retention_applied")
    assert entry.object_type == "registry.organisation" and entry.object_id == str(
        office["org"].pk)
    assert entry.after == {"retention_days": 365, "conversations": 1, "messages_stubbed": 2,
                           "replies_redacted": 1, "contacts_pseudonymised": 1,
                           "contacts_unlinked": 0, "complaint_records": 0}


def test_a_dry_run_counts_and_changes_nothing(office, old):
    report = retention.apply(now=NOW, dry_run=True)
    assert report.total.messages_stubbed == 2 and report.dry_run
    assert OLD_TEXT in old.messages.values_list("text", flat=True)
    assert not AuditEntry.objects.filter(action__startswith="inbox.retention").exists()


def test_the_organisations_own_period_applies(office, old):
    SopSettings.objects.create(organisation=office["org"], message_retention_days=730)
    assert not retention.apply(now=NOW).total.changed
    SopSettings.objects.filter(organisation=office["org"]).update(message_retention_days=30)
    assert retention.apply(now=NOW).total.messages_stubbed == 2


def test_an_idle_open_conversation_is_due_too(office):
    idle = citizens.conversation(office["page"], citizens.contact("Ravi"), ["Hello?"],
                                 at=LONG_AGO, status="open")
    retention.apply(now=NOW)
    assert idle.messages.get().text == retention.STUB


def test_an_open_complaint_record_holds_its_conversation_until_closed(office, old):
    record = services.create_record(office["editor"], old, services.RecordInput(
        complaint_type="lack_of_amenities", subject="Jalan berlubang", details="Jalan",
        consent=True, complainant_name="Ahmad Faizal", complainant_contact="012-345 6789"))
    assert not retention.apply(now=NOW).total.changed
    assert OLD_TEXT in old.messages.values_list("text", flat=True)
    services.close_record(office["editor"], record)
    counts = retention.apply(now=NOW).total
    assert counts.complaint_records == 1 and counts.messages_stubbed == 2
    record = ComplaintRecord.objects.get()
    assert (record.complainant_name, record.complainant_contact, record.consent) == \
        ("", "", True)


def test_a_person_still_writing_keeps_their_contact_and_loses_the_old_link(office, old):
    still_here = Contact.objects.get(pk=old.contact_id)
    citizens.conversation(office["page"], still_here, ["Ada update?"],
                          at=NOW - dt.timedelta(days=2))
    counts = retention.apply(now=NOW).total
    assert (counts.contacts_pseudonymised, counts.contacts_unlinked) == (0, 1)
    still_here.refresh_from_db()
    assert still_here.name == "Ahmad Faizal"
    old.refresh_from_db()
    assert old.contact is None
    assert not old.messages.filter(author__isnull=False).exists()
    assert not retention.apply(now=NOW).total.changed


def test_old_processed_delivery_bodies_are_cleared(office):
    old_delivery = Delivery.objects.create(source="meta", body='{"entry": []}',
                                           processed_at=LONG_AGO)
    waiting = Delivery.objects.create(source="meta", body='{"entry": []}')
    fresh = Delivery.objects.create(source="meta", body='{"entry": []}', processed_at=NOW)
    assert retention.apply(now=NOW).deliveries_cleared == 1
    old_delivery.refresh_from_db(), waiting.refresh_from_db(), fresh.refresh_from_db()
    assert old_delivery.body == "" and waiting.body and fresh.body
    assert retention.apply(now=NOW).deliveries_cleared == 0
    entry = AuditEntry.objects.get(action="inbox.retention_deliveries_cleared")
    assert entry.after == {"deliveries": 1, "retention_days": 365}


def test_the_command_and_its_dry_run(office, old):
    out = StringIO()
    call_command("inbox_retention", "--dry-run", stdout=out)
    assert "jpj: would change 1 conversations, 2 messages anonymised" in out.getvalue()
    assert OLD_TEXT in old.messages.values_list("text", flat=True)
    out = StringIO()
    call_command("inbox_retention", stdout=out)
    assert "total: changed 1 conversations" in out.getvalue()
    entry = AuditEntry.objects.get(action="inbox.retention_applied")
    assert entry.actor_label == "rasmi-system"
    out = StringIO()
    call_command("inbox_retention", stdout=out)
    assert "total: changed 0 conversations, 0 messages" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_task_runs_it_on_the_worker_path(orgs):
    office = citizens.office(orgs)
    citizens.conversation(office["page"], citizens.contact("Ahmad"), [OLD_TEXT], at=LONG_AGO)
    result = tasks.apply_retention.call()
    assert result["total"]["messages_stubbed"] == 1
    assert tasks.apply_retention.call()["total"]["messages_stubbed"] == 0
