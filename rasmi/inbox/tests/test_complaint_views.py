"""Complaint pages and exports: the organisation's staff only, redacted by default, the
personal-data opt-in audited, CSRF on every write."""

import datetime as dt
import json
import shutil

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rasmi.audit.models import AuditEntry
from rasmi.conftest import PASSWORD
from rasmi.inbox import complaint_services as services
from rasmi.inbox.models import ComplaintRecord
from rasmi.inbox.tests import citizens

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def office(orgs):
    return citizens.office(orgs)


@pytest.fixture
def thread(office):
    who = citizens.contact("Nurul Aina")
    return citizens.conversation(office["page"], who, [
        "Dah 2 minggu tunggu lesen. IC 900101-14-5677, tel 012-345 6789"], topics=["licence"])


@pytest.fixture
def record(office, thread):
    return services.create_record(office["editor"], thread, services.RecordInput(
        complaint_type="delay", subject="Lesen lambat", details="Dah 2 minggu tunggu lesen.",
        consent=True, complainant_name="Nurul Aina", complainant_contact="012-345 6789"))


def test_an_officer_files_a_record_from_the_prefilled_form(client, office, thread):
    login(client, office["editor"])
    url = reverse("complaints:new", args=[thread.pk])
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert "[mykad]" in body and "900101-14-5677" not in body
    response = client.post(url, {
        "complaint_type": "delay", "subject": "Lesen lambat", "details": "Tunggu lesen.",
        "action_requested": "Siapkan.", "complainant_name": "Nurul Aina"})
    record = ComplaintRecord.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{record.pk}/")
    assert record.consent is False and record.complainant_name == ""  # box not ticked
    assert client.get(response["Location"]).status_code == 200


def test_bad_form_input_is_shown_not_a_500(client, office, thread):
    login(client, office["editor"])
    response = client.post(reverse("complaints:new", args=[thread.pk]), {
        "complaint_type": "nonsense", "subject": "", "details": "x", "consent": "on"})
    assert response.status_code == 200 and not ComplaintRecord.objects.exists()


def test_the_form_needs_csrf(office, thread):
    client = Client(enforce_csrf_checks=True)
    login(client, office["editor"])
    response = client.post(reverse("complaints:new", args=[thread.pk]), {
        "complaint_type": "delay", "subject": "s", "details": "d"})
    assert response.status_code == 403 and not ComplaintRecord.objects.exists()


def test_another_organisation_sees_nothing(client, office, thread, record):
    login(client, office["outsider"])
    urls = [reverse("complaints:new", args=[thread.pk]),
            reverse("complaints:detail", args=[record.pk]),
            reverse("complaints:export", args=[record.pk, "json"]),
            reverse("complaints:export_all", args=["csv"]) + "?org=jpj",
            reverse("complaints:faq", args=["jpj"]),
            reverse("complaints:faq_answer", args=["jpj"])]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("complaints:close", args=[record.pk])).status_code == 404
    assert client.post(reverse("complaints:export", args=[record.pk, "json"]),
                       {"personal": "on"}).status_code == 404
    listing = client.get(reverse("complaints:list"))
    assert listing.status_code == 200 and record.reference not in listing.content.decode()
    record.refresh_from_db()
    assert record.closed_at is None


def test_a_coordinator_does_not_see_citizens_records(client, office, record):
    login(client, office["coordinator"])
    assert client.get(reverse("complaints:detail", args=[record.pk])).status_code == 404


def test_a_viewer_reads_but_may_not_file_close_or_export_personal_data(client, office,
                                                                        thread, record):
    login(client, office["viewer"])
    assert client.get(reverse("complaints:detail", args=[record.pk])).status_code == 200
    services.close_record(office["editor"], record)
    assert client.get(reverse("complaints:new", args=[thread.pk])).status_code == 403
    assert client.post(reverse("complaints:export", args=[record.pk, "json"]),
                       {"personal": "on"}).status_code == 403
    assert not AuditEntry.objects.filter(after__personal_data=True).exists()


def test_exports_are_redacted_by_default_and_audited(client, office, record):
    login(client, office["viewer"])
    response = client.get(reverse("complaints:export", args=[record.pk, "json"]))
    doc = json.loads(response.content)
    assert response["Content-Disposition"].endswith('.json"')
    assert doc["complainant"] == {"anonymous": False, "consent": True, "withheld": True}
    assert "Nurul" not in response.content.decode()
    entry = AuditEntry.objects.get(action="inbox.complaints_exported")
    assert entry.after == {"what": record.reference, "format": "json", "records": 1,
                           "personal_data": False}


def test_personal_data_needs_the_ticked_box_and_is_audited(client, office, record):
    login(client, office["editor"])
    url = reverse("complaints:export", args=[record.pk, "csv"])
    assert client.post(url, {}).status_code == 403  # no tick, no personal data
    response = client.post(url, {"personal": "on", "lang": "en"})
    body = response.content.decode()
    assert response.status_code == 200 and "Nurul Aina" in body and "012-345 6789" in body
    assert "Delay or no action" in body
    entry = AuditEntry.objects.get(action="inbox.complaints_exported")
    assert entry.actor_id == office["editor"].pk and entry.after["personal_data"] is True


def test_the_printable_page_follows_the_chosen_language(client, office, record):
    login(client, office["viewer"])
    url = reverse("complaints:export", args=[record.pk, "html"])
    english = client.get(url + "?lang=en").content.decode()
    assert '<html lang="en">' in english and "Road Transport Department Malaysia" in english
    malay = client.get(url + "?lang=ms").content.decode()
    assert '<html lang="ms">' in malay and "Jabatan Pengangkutan Jalan Malaysia" in malay
    assert "Nurul" not in english + malay
    assert client.get(reverse("complaints:export", args=[record.pk, "xml"])).status_code == 404


@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")),
                    reason="Debian's chromium prints the PDF")
def test_the_pdf_is_the_printable_page(client, office, record):
    login(client, office["viewer"])
    response = client.get(reverse("complaints:export", args=[record.pk, "pdf"]) + "?lang=en")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_list_shows_due_dates_and_highlights_overdue(client, office, thread, record):
    ComplaintRecord.objects.filter(pk=record.pk).update(
        due_on=timezone.localdate() - dt.timedelta(days=7))
    other = citizens.conversation(office["page"], citizens.contact("Ali"), ["Jalan berlubang"])
    fresh = services.create_record(office["editor"], other, services.RecordInput(
        complaint_type="lack_of_amenities", subject="Jalan", details="Jalan berlubang"))
    login(client, office["editor"])
    body = client.get(reverse("complaints:list") + "?lang=en").content.decode()
    assert 'data-state="overdue"' in body and "working days overdue" in body
    assert fresh.reference in body and "working days left" in body
    assert body.index(record.reference) < body.index(fresh.reference)  # most urgent first
    overdue_only = client.get(reverse("complaints:list") + "?state=overdue").content.decode()
    assert record.reference in overdue_only and fresh.reference not in overdue_only


def test_closing_from_the_list(client, office, record):
    login(client, office["editor"])
    response = client.post(reverse("complaints:close", args=[record.pk]), {"next": "list"})
    assert response.status_code == 302 and response["Location"] == reverse("complaints:list")
    record.refresh_from_db()
    assert record.closed_at is not None
    closed = client.get(reverse("complaints:list") + "?state=closed").content.decode()
    assert record.reference in closed


def test_the_organisations_records_export_as_csv_and_json(client, office, record):
    login(client, office["editor"])
    url = reverse("complaints:export_all", args=["csv"])
    body = client.get(url + "?org=jpj").content.decode()
    assert record.reference in body and "Nurul" not in body
    data = json.loads(client.get(reverse("complaints:export_all", args=["json"]) + "?org=jpj")
                      .content)
    assert [r["reference"] for r in data["records"]] == [record.reference]
    personal = client.post(url, {"org": "jpj", "personal": "on"}).content.decode()
    assert "Nurul Aina" in personal
    assert client.get(url + "?org=nowhere").status_code == 404
