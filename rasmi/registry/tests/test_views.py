from pathlib import Path

import pytest
from django.test import Client

from rasmi.registry.models import AccountStatus, SocialAccount

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"



def test_verify_page_defaults_to_bahasa_melayu_whatever_the_browser_says(client, register):
    page = client.get("/", {"url": "https://www.facebook.com/example.kpt.rasmi"},
                      HTTP_ACCEPT_LANGUAGE="en-GB,en")
    text = page.content.decode()
    assert page["Content-Language"] == "ms"
    assert 'data-state="official"' in text
    assert "Akaun rasmi Kementerian Pendidikan Tinggi." in text


def test_verify_page_in_english_after_the_switch(client, register):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    text = client.get("/", {"url": "tiktok.com/@example.jpj.official"}).content.decode()
    assert 'data-state="impersonation"' in text
    assert "WARNING: this account impersonates the Road Transport Department Malaysia." in text
    assert "997" in text


def test_verify_page_warns_about_lookalike_hosts(client, register):
    text = client.get("/", {"url": "https://facebook.com.login-check.example/x"}).content.decode()
    assert 'data-state="unknown_platform"' in text


def test_htmx_request_gets_only_the_card(client, register):
    page = client.get("/", {"url": "instagram.com/someone_else"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in page.content and b'data-state="not_registered"' in page.content


def test_security_headers(client, db):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_directory_search_finds_by_acronym_and_english_name(client, register):
    for query in ("JPJ", "road transport", "Jab. Pengangkutan Jalan"):
        text = client.get("/direktori/", {"q": query}).content.decode()
        assert "/direktori/jpj/" in text, query
    org = client.get("/direktori/jpj/").content.decode()
    assert "example.jpj.rasmi" in org and "example.jpj.official" in org


def _client(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_editor_submits_in_the_ui_and_a_coordinator_approves(users, orgs):
    editor = _client(users["org_editor"])
    response = editor.post("/staf/akaun/baru/", {
        "organisation": orgs["jpj"].pk, "url": "https://www.instagram.com/jpj.ui.test/",
        "platform_verified": "yes", "gov_link": "https://www.jpj.gov.my/sosial"})
    account = SocialAccount.objects.get(handle="jpj.ui.test")
    assert response.status_code == 302 and account.status == AccountStatus.PENDING
    # the editor sees no approve button and the server refuses a forged POST
    page = editor.get(f"/staf/akaun/{account.pk}/").content.decode()
    assert 'data-testid="approve"' not in page
    editor.post(f"/staf/akaun/{account.pk}/semakan/", {"decision": "approve"})
    account.refresh_from_db()
    assert account.status == AccountStatus.PENDING
    coordinator = _client(users["coordinator"])
    coordinator.post(f"/staf/akaun/{account.pk}/semakan/", {"decision": "approve", "reason": "ok"})
    account.refresh_from_db()
    assert account.status == AccountStatus.OFFICIAL


def test_submitter_coordinator_cannot_approve_own_submission_in_the_ui(users, orgs):
    coordinator = _client(users["coordinator"])
    coordinator.post("/staf/akaun/baru/", {
        "organisation": orgs["kkm"].pk, "url": "facebook.com/kkm.ui.self",
        "platform_verified": "unknown", "attestation": "I run this page."})
    account = SocialAccount.objects.get(handle="kkm.ui.self")
    page = coordinator.get(f"/staf/akaun/{account.pk}/").content.decode()
    assert 'data-testid="own-submission"' in page
    coordinator.post(f"/staf/akaun/{account.pk}/semakan/", {"decision": "approve"})
    account.refresh_from_db()
    assert account.status == AccountStatus.PENDING


@pytest.mark.parametrize("path", ["/staf/", "/staf/akaun/baru/", "/staf/lewat/", "/staf/import/"])
def test_staff_pages_need_login_and_membership(client, users, path):
    assert client.get(path).status_code == 302
    assert _client(users["nobody"]).get(path).status_code == 403


def test_import_page_previews_then_applies(users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    coordinator = _client(users["coordinator"])
    preview = coordinator.post("/staf/import/", {
        "organisations": SimpleUploadedFile("o.csv", (FIXTURES / "organisations.csv").read_bytes()),
        "accounts": SimpleUploadedFile("a.csv", (FIXTURES / "accounts.csv").read_bytes())})
    assert SocialAccount.objects.count() == 0
    token = preview.context["token"]
    assert token
    coordinator.post("/staf/import/", {"token": token})
    assert SocialAccount.objects.count() == 6
    assert _client(users["org_admin"]).get("/staf/import/").status_code == 403


def test_login_is_rate_limited(client, users, settings):
    codes = [client.post("/akaun/login/", {"username": "coord", "password": "wrong"}).status_code
             for _ in range(12)]
    assert codes[:10] == [200] * 10 and codes[10:] == [429, 429]


def test_imported_pending_rows_name_the_uploaded_file(users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rasmi.registry.models import Evidence

    rows = (b"organisation_code,platform,url,status,platform_id,previous_urls\n"
            b"jpj,x,https://x.com/ex_jpj_queue,pending,,\n")
    coordinator = _client(users["coordinator"])
    preview = coordinator.post("/staf/import/", {
        "accounts": SimpleUploadedFile("../senarai-migrasi.csv", rows)})
    coordinator.post("/staf/import/", {"token": preview.context["token"]})
    note = Evidence.objects.get(account__handle="ex_jpj_queue").note
    assert "senarai-migrasi.csv" in note and ".." not in note
