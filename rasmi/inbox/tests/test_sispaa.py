"""Complaint records in SISPAA's shape: prefill with personal data masked, consent,
references, the charter clock, permissions and exports."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from rasmi.audit.models import AuditEntry
from rasmi.inbox import complaint_services as services
from rasmi.inbox import sispaa, working_days
from rasmi.inbox.models import ComplaintRecord
from rasmi.inbox.tests import citizens
from rasmi.publishing.models import SopSettings

pytestmark = pytest.mark.django_db

WORDS = ["Dah 2 minggu tunggu lesen tak siap lagi. IC saya 900101-14-5677, no tel 012-345 6789.",
         "Nurul ni, tolong la JPJ, dah call x angkat."]


@pytest.fixture
def office(orgs):
    return citizens.office(orgs)


@pytest.fixture
def thread(office):
    who = citizens.contact("Nurul Aina")
    return citizens.conversation(office["page"], who, WORDS, topics=["licence"],
                                 replies=["Terima kasih Nurul Aina, kami semak."])


def record_input(**changes) -> services.RecordInput:
    values = {"complaint_type": "delay", "subject": "Lesen lambat",
              "details": "Dah 2 minggu tunggu lesen.", "action_requested": "Siapkan lesen."}
    return services.RecordInput(**(values | changes))


@pytest.mark.parametrize("text, topics, expected", [
    ("Dah 3 bulan tunggu bantuan", [], "delay"),
    ("Pegawai kaunter sangat biadap dengan mak saya", ["counter"], "poor_service"),
    ("Ada yang minta duit kopi masa nak cepatkan lesen", ["licence"], "abuse_of_power"),
    ("Jalan berlubang depan sekolah dah lama", ["road"], "lack_of_amenities"),
    ("Gerai haram tepi jalan dibiarkan je", [], "weak_enforcement"),
    ("Tak adil, orang lain dapat saya x dapat", [], "unfair_action"),
    ("Pegawai tak ikut prosedur semasa pemeriksaan", [], "procedure_not_followed"),
    ("Saya kecewa", ["water"], "lack_of_amenities"),
    ("Saya kecewa", [], "other"),
])
def test_the_complaint_type_is_guessed_from_words_then_topics(text, topics, expected):
    assert sispaa.guess_type(text, topics) == expected


def test_the_prefill_masks_personal_data_and_names(thread):
    draft = sispaa.draft_from_conversation(thread)
    assert draft.complaint_type == "delay"
    assert draft.subject == "Dah 2 minggu tunggu lesen tak siap lagi."
    assert "900101" not in draft.details and "345 6789" not in draft.details
    assert "[mykad]" in draft.details and "[mobile]" in draft.details
    assert "Nurul" not in draft.details and "[name] ni" in draft.details
    assert draft.details.count("\n") == 1  # the two messages from the public, not the reply
    assert draft.suggested_name == "Nurul Aina"


def test_creating_a_record_numbers_it_and_sets_the_charter_due_date(office, thread):
    record = services.create_record(office["editor"], thread, record_input())
    year = timezone.localtime().year
    assert record.reference == f"JPJ-ADUAN-{year}-00001"
    today = timezone.localdate()
    assert record.due_on == working_days.add_working_days(today, 15)
    assert working_days.working_days_between(today, record.due_on) == 15
    services.close_record(office["editor"], record)
    again = services.create_record(office["editor"], thread, record_input())
    assert again.reference == f"JPJ-ADUAN-{year}-00002"


def test_the_sop_sets_the_number_of_working_days(office, thread):
    SopSettings.objects.create(organisation=office["org"], resolution_working_days=5)
    record = services.create_record(office["editor"], thread, record_input())
    assert record.due_on == working_days.add_working_days(timezone.localdate(), 5)


def test_without_consent_no_complainant_details_are_kept(office, thread):
    record = services.create_record(office["editor"], thread, record_input(
        complainant_name="Nurul Aina", complainant_contact="012-345 6789"))
    assert (record.consent, record.complainant_name, record.complainant_contact) == \
        (False, "", "")
    assert sispaa.document(record, personal=True)["complainant"] == {
        "anonymous": True, "consent": False}


def test_with_consent_the_details_are_kept_but_exported_only_on_request(office, thread):
    record = services.create_record(office["editor"], thread, record_input(
        consent=True, complainant_name="Nurul Aina", complainant_contact="012-345 6789"))
    assert record.complainant_name == "Nurul Aina"
    default = sispaa.document(record)
    assert default["complainant"] == {"anonymous": False, "consent": True, "withheld": True}
    assert "Nurul" not in str(default) and "6789" not in str(default)
    assert default["personal_data"] == "redacted"
    personal = sispaa.document(record, personal=True)
    assert personal["complainant"]["name"] == "Nurul Aina"
    assert personal["complainant"]["contact"] == "012-345 6789"


def test_consent_without_a_name_is_refused(office, thread):
    with pytest.raises(services.ComplaintError) as refused:
        services.create_record(office["editor"], thread, record_input(consent=True))
    assert refused.value.code == "missing_name"


def test_personal_data_typed_by_the_officer_is_masked_again(office, thread):
    record = services.create_record(office["editor"], thread, record_input(
        subject="Aduan Nurul Aina", details="Hubungi 012-345 6789, IC 900101145677"))
    assert record.subject == "Aduan [name]"
    assert record.details == "Hubungi [mobile], IC [mykad]"


def test_the_audit_entry_names_no_one(office, thread):
    services.create_record(office["editor"], thread, record_input(
        consent=True, complainant_name="Nurul Aina", complainant_contact="012-345 6789"))
    entry = AuditEntry.objects.get(action="inbox.complaint_record_created")
    assert entry.actor_id == office["editor"].pk
    assert entry.after["consent"] is True and "Nurul" not in str(entry.after)


@pytest.mark.parametrize("who", ["viewer", "outsider", "coordinator"])
def test_only_the_organisations_officers_may_create_records(office, thread, who):
    with pytest.raises(services.ComplaintError) as refused:
        services.create_record(office[who], thread, record_input())
    assert refused.value.status == 403
    assert not ComplaintRecord.objects.exists()


def test_the_ministry_above_may_file_for_its_department(office, thread):
    record = services.create_record(office["ministry_admin"], thread, record_input())
    assert record.conversation.organisation == office["org"]


def test_one_open_record_per_conversation(office, thread):
    services.create_record(office["editor"], thread, record_input())
    with pytest.raises(services.ComplaintError) as refused:
        services.create_record(office["editor"], thread, record_input())
    assert refused.value.code == "already_open"


def test_bad_input_is_a_clear_error(office, thread):
    for bad in (record_input(complaint_type="rude"), record_input(subject="  ")):
        with pytest.raises(services.ComplaintError):
            services.create_record(office["editor"], thread, bad)


def test_closing_is_audited_once(office, thread):
    record = services.create_record(office["editor"], thread, record_input())
    services.close_record(office["editor"], record)
    with pytest.raises(services.ComplaintError):
        services.close_record(office["editor"], record)
    entry = AuditEntry.objects.get(action="inbox.complaint_record_closed")
    assert entry.after == {"reference": record.reference, "within_charter": True}


def test_the_charter_status_counts_working_days(office, thread):
    record = services.create_record(office["editor"], thread, record_input())
    record.due_on = dt.date(2026, 11, 20)  # a Friday
    assert sispaa.charter_status(record, dt.date(2026, 11, 18)).state == "due_soon"
    assert sispaa.charter_status(record, dt.date(2026, 11, 10)).state == "open"
    late = sispaa.charter_status(record, dt.date(2026, 11, 24))
    assert (late.state, late.working_days_left, late.working_days_late) == ("overdue", -2, 2)
    # Over a weekend nothing is late yet in working days, but the date has passed.
    assert sispaa.charter_status(record, dt.date(2026, 11, 22)).state == "overdue"


def test_the_document_has_sispaas_fields(office, thread):
    record = services.create_record(office["editor"], thread, record_input())
    doc = sispaa.document(record)
    assert {"reference", "complaint_type", "subject", "details", "agency", "action_requested",
            "attachments", "complainant"} <= doc.keys()
    assert doc["agency"] == {"code": "jpj", "name_ms": "Jabatan Pengangkutan Jalan Malaysia",
                             "name_en": "Road Transport Department Malaysia"}
    assert doc["complaint_type"]["code"] == "delay"
    assert doc["complaint_type"]["label_en"] == "Delay or no action"
    assert doc["channel"]["platform"] == "facebook"


def test_csv_cells_cannot_run_as_formulas(office, thread):
    record = services.create_record(office["editor"], thread, record_input(
        subject="=HYPERLINK(\"http://x\")"))
    rows = list(csv.DictReader(io.StringIO(sispaa.to_csv([sispaa.document(record)]))))
    assert rows[0]["subject"].startswith("'=")
    assert rows[0]["complainant_name"] == "" and rows[0]["agency"].startswith("Jabatan")


def test_the_printable_page_in_both_languages(office, thread):
    record = services.create_record(office["editor"], thread, record_input())
    doc = sispaa.document(record)
    english = sispaa.render_html(doc, "en")
    assert '<html lang="en">' in english and "Public complaint record" in english
    assert "Road Transport Department Malaysia" in english
    malay = sispaa.render_html(doc, "ms")
    assert '<html lang="ms">' in malay and "Jabatan Pengangkutan Jalan Malaysia" in malay
