"""Complaint records and FAQ suggestions in Chromium: an officer files a SISPAA record from
a conversation (consent ticked), sees it on the list with its due date, prints it and
closes it; every complaint page in BM and EN at a laptop and a phone width passes axe's
WCAG 2.1 AA rules and fits the screen."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from e2e.conftest import login
from e2e.test_page_tour import LAPTOP, PHONE, axe_and_overflow, new_session

pytestmark = pytest.mark.e2e


@pytest.fixture
def inbox(demo_site):
    """A KKM conversation with a complaint, a record on another, and a recurring question."""
    from rasmi.inbox import complaint_services as services
    from rasmi.inbox.tests import citizens
    from rasmi.registry.models import AccountStatus, SocialAccount

    account = SocialAccount.objects.filter(organisation__code="kkm",
                                           status=AccountStatus.OFFICIAL).first()
    editor = _user("editor.kkm")
    complaint = citizens.conversation(account, citizens.contact("Aminah Yusof"), [
        "Dah 3 minggu tunggu temujanji klinik, tel 012-345 6789. Bila nak dapat?"],
        topics=["appointment"])
    filed = citizens.conversation(account, citizens.contact("Lee Chong"), [
        "Tandas awam klinik rosak dah sebulan"], topics=["health"])
    record = services.create_record(editor, filed, services.RecordInput(
        complaint_type="lack_of_amenities", subject="Tandas awam klinik rosak",
        details="Tandas awam klinik rosak dah sebulan"))
    at = timezone.now() - dt.timedelta(days=1)
    for text in ["Bila vaksin HPV untuk anak darjah 6?", "bila nk vaksin HPV anak darjah 6 ni",
                 "Bila vaksin HPV anak darjah 6??"]:
        citizens.conversation(account, citizens.contact("Ibu"), [text], at=at,
                              intent="question", topics=["vaccination"])
    return {"base": demo_site, "complaint": complaint.pk, "record": record.pk}


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def test_an_officer_files_prints_and_closes_a_complaint(page, inbox):
    from rasmi.inbox.models import ComplaintRecord

    base = inbox["base"]
    login(page, base, "editor.kkm")
    page.goto(f"{base}/inbox/perbualan/{inbox['complaint']}/aduan-baru/?lang=en")
    assert "[mobile]" in page.input_value("#id_details")
    assert page.input_value("#id_complaint_type") == "delay"
    page.check("#id_consent")
    page.fill("#id_complainant_name", "Aminah Yusof")
    page.fill("#id_complainant_contact", "012-345 6789")
    page.click('[data-testid="create-record"]')
    page.wait_for_url("**/inbox/aduan/*/")
    record = ComplaintRecord.objects.get(conversation_id=inbox["complaint"])
    assert record.consent and record.complainant_name == "Aminah Yusof"
    page.goto(f"{base}/inbox/aduan/?lang=en")
    row = page.locator(f'tr:has-text("{record.reference}")')
    assert row.get_attribute("data-state") == "open"
    assert "working days left" in row.inner_text()
    page.goto(f"{base}/inbox/aduan/{record.pk}/rekod.html?lang=ms")
    assert page.locator("html").get_attribute("lang") == "ms"
    assert "Aminah" not in page.content()  # the printable copy leaves personal data out
    page.goto(f"{base}/inbox/aduan/{record.pk}/")
    page.click('[data-testid="close-record"]')
    page.wait_for_url(f"**/inbox/aduan/{record.pk}/")
    record.refresh_from_db()
    assert record.closed_at is not None


@pytest.mark.parametrize("language", ["ms", "en"])
@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_complaint_pages_pass_axe_and_fit_the_screen(browser, inbox, language, viewport):
    base = inbox["base"]
    paths = ["/inbox/aduan/", "/inbox/aduan/?org=kkm&state=all",
             f"/inbox/aduan/{inbox['record']}/", f"/inbox/aduan/{inbox['record']}/rekod.html",
             f"/inbox/perbualan/{inbox['complaint']}/aduan-baru/", "/inbox/soalan-lazim/kkm/",
             "/inbox/soalan-lazim/kkm/jawapan/"]
    context, page = new_session(browser, base, language, viewport, "editor.kkm")
    axe, problems = Axe(), []
    try:
        for path in paths:
            page.goto(base + path)
            where = f"{language} {viewport['width']}px {path}"
            assert page.locator("html").get_attribute("lang") == language, where
            problems += axe_and_overflow(page, axe, where)
        page.goto(base + "/inbox/soalan-lazim/kkm/")
        assert page.locator('[data-testid="faq-suggestions"] tbody tr').count() == 1
    finally:
        context.close()
    assert not problems, "\n".join(problems)
