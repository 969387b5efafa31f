"""Discovery pages: the citizen's report and the officers' triage, with permissions."""

import pytest
from django.test import Client

from rasmi.discovery import services
from rasmi.discovery.models import Case, CitizenReport, Source

from .conftest import PASSWORD

SCAM = {"id": "s1", "platform": "facebook",
        "url": "https://www.facebook.com/jpj.bantuan.saman2024",
        "display_name": "JPJ Malaysia Rasmi",
        "bio": "Bayar saman diskaun 70%. WhatsApp 011-0000 0000"}


def _client(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def case(people):
    services.ingest(people["coordinator"], [SCAM], Source.FILE)
    return Case.objects.get()


def test_verify_offers_a_report_for_unregistered_accounts(client, people):
    page = client.get("/", {"url": "https://www.facebook.com/kkm.bantuan.rasmi2026"})
    assert b'data-testid="report-form"' in page.content


def test_a_report_needs_no_login_and_keeps_no_address(client, people):
    response = client.post("/lapor/", {"url": "https://www.facebook.com/kkm.bantuan.rasmi2026",
                                       "note": "minta IC"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and b"report-thanks" in response.content
    assert CitizenReport.objects.count() == 1
    assert "127.0.0.1" not in CitizenReport.objects.get().client_hash


def test_the_honeypot_thanks_bots_and_keeps_nothing(client, people):
    response = client.post("/lapor/", {"url": "https://www.facebook.com/x.y.z",
                                       "website": "http://spam"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and CitizenReport.objects.count() == 0


def test_reports_are_rate_limited(client, people):
    codes = [client.post("/lapor/", {"url": f"https://www.facebook.com/page.number{i}"}).status_code
             for i in range(7)]
    assert codes[-1] == 429


def test_queue_and_case_pages_follow_organisation_permissions(case, people):
    for who, status in (("coordinator", 200), ("jpj_editor", 200), ("mot_admin", 200),
                        ("kkm_editor", 404), ("jpj_viewer", 200)):
        client = _client(people[who])
        assert client.get(f"/staf/kes/{case.pk}/").status_code == status, who
        listed = client.get("/staf/kes/").content
        assert (f'data-case="{case.pk}"'.encode() in listed) == (status == 200), who
    assert Client().get("/staf/kes/").status_code == 302


def test_a_viewer_sees_but_cannot_act(case, people):
    client = _client(people["jpj_viewer"])
    client.post(f"/staf/kes/{case.pk}/tindakan/", {"to_state": "dismissed"})
    assert Case.objects.get().state == "new"


def test_confirm_then_dossier_in_json_and_html(case, people):
    client = _client(people["jpj_editor"])
    client.post(f"/staf/kes/{case.pk}/tindakan/", {"to_state": "confirmed_impersonation",
                                                   "note": "copies JPJ"})
    assert Case.objects.get().state == "confirmed_impersonation"
    data = client.get(f"/staf/kes/{case.pk}/dosier.json").json()
    first = data["cases"][0]
    assert first["organisation"]["code"] == "jpj" and first["finding"]["reasons"]
    assert first["addressed_to"]["regulator"]["channel"].startswith("https://")
    html = client.get(f"/staf/kes/{case.pk}/dosier.html")
    assert b'data-testid="dossier-case"' in html.content
    assert _client(people["kkm_editor"]).get(f"/staf/kes/{case.pk}/dosier.json").status_code \
        == 404


def test_bulk_action_and_comment(case, people):
    client = _client(people["coordinator"])
    client.post(f"/staf/kes/{case.pk}/komen/", {"text": "semak dengan JPJ"})
    client.post("/staf/kes/pukal/", {"cases": str(case.pk), "to_state": "dismissed"})
    case.refresh_from_db()
    assert case.state == "dismissed"
    assert list(case.events.values_list("kind", flat=True)) == ["opened", "comment", "state"]


def test_api_report_then_staff_confirm(people):
    client = Client()
    response = client.post("/api/v1/discovery/reports",
                           {"url": "https://www.facebook.com/kkm.bantuan.rasmi2026", "note": "x"},
                           content_type="application/json")
    assert response.status_code == 201 and response.json()["organisation"] == "kkm"
    bad = client.post("/api/v1/discovery/reports", {"url": "hello there"},
                      content_type="application/json")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_url"
    assert client.get("/api/v1/discovery/cases").status_code == 401
    editor = _client(people["kkm_editor"])
    listed = editor.get("/api/v1/discovery/cases").json()
    assert listed["count"] == 1 and set(listed) == {"count", "page", "page_size", "results"}
    case_id = listed["results"][0]["id"]
    assert _client(people["jpj_editor"]).post(
        f"/api/v1/discovery/cases/{case_id}/transition", {"to_state": "dismissed"},
        content_type="application/json").status_code == 404
    done = editor.post(f"/api/v1/discovery/cases/{case_id}/transition",
                       {"to_state": "confirmed_impersonation"}, content_type="application/json")
    assert done.status_code == 200 and done.json()["state"] == "confirmed_impersonation"
    again = editor.post(f"/api/v1/discovery/cases/{case_id}/transition",
                        {"to_state": "new"}, content_type="application/json")
    assert again.status_code == 400
    census = client.get("/api/v1/discovery/census").json()
    assert census["series"][0]["confirmed"] == 1


def test_public_discovery_census(client, case, people):
    services.transition(people["coordinator"], case, "confirmed_impersonation")
    page = client.get("/banci/penemuan/")
    assert page.status_code == 200 and b'data-testid="discovery-series"' in page.content
    assert b"Facebook" in page.content
    chart = page.context["chart"]
    assert [s.key for s in chart.series] == ["found", "confirmed", "taken_down"]
    assert [(c.label, [b.text for b in c.bars]) for c in chart.categories] == [
        ("Facebook", ["1", "1", "0"])]
    assert b'role="img" aria-labelledby="chart-discovery-title"' in page.content


def test_a_same_day_takedown_shows_a_median_of_zero_days(client, case, people):
    for state in ("confirmed_impersonation", "takedown_requested", "taken_down"):
        case = services.transition(people["coordinator"], case, state)
    page = client.get("/banci/penemuan/")
    assert page.context["data"]["median_days_to_takedown"] == 0.0
    assert b'data-testid="median-takedown"' in page.content
    assert "<strong>0.0</strong>" in page.content.decode()
