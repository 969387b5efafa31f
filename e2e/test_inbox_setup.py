"""Inbox set-up in Chromium: an approver writes a canned reply with a mistyped placeholder
(the error names it and lists the allowed ones, the live preview says so too), fixes it
and saves; tries a message in the routing test box (HTMX) and sees the rule that would
route it; every set-up page in BM and EN at a laptop and a phone width passes axe's WCAG
2.1 AA rules and fits the screen."""

from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from e2e.conftest import login
from e2e.test_page_tour import LAPTOP, PHONE, axe_and_overflow, new_session

pytestmark = pytest.mark.e2e

BASE = "/inbox/tetapan/kkm"
URGENT = "Banjir teruk di Kampung Baru, air naik paras pinggang, tolong!"


@pytest.fixture
def inbox(demo_site):
    """KKM's demo inbox: two teams, two routing rules, three canned replies."""
    from rasmi.inbox.models import CannedReply, RoutingRule, Team

    call_command("load_demo_inbox", stdout=StringIO())
    return {"base": demo_site,
            "reply": CannedReply.objects.filter(organisation__code="kkm").first().pk,
            "team": Team.objects.filter(organisation__code="kkm").first().pk,
            "rule": RoutingRule.objects.filter(organisation__code="kkm").first().pk}


def test_an_approver_fixes_a_placeholder_then_saves(page, inbox):
    from rasmi.inbox.models import CannedReply

    base = inbox["base"]
    login(page, base, "pelulus.kkm")
    page.goto(f"{base}{BASE}/jawapan-sedia/baru/")
    page.fill("#id_title", "Status permohonan")
    page.fill("#id_text_ms", "Salam {nama}, permohonan anda sedang diproses. - {agency}")
    # The live preview (HTMX) fills the known placeholders and names the unknown one.
    page.wait_for_selector('[data-testid="preview-problem"]')
    assert "{nama}" in page.inner_text('[data-testid="preview-problem"]')
    assert "Kementerian Kesihatan" in page.inner_text('[data-testid="preview-ms"]')
    page.click('[data-testid="save-canned"]')
    error = page.inner_text('[data-testid="error-text_ms"]')
    assert "{nama}" in error and "{name}" in error and "{officer}" in error
    assert not CannedReply.objects.filter(title="Status permohonan").exists()
    page.fill("#id_text_ms", "Salam {name}, permohonan anda sedang diproses. - {agency}")
    page.click('[data-testid="save-canned"]')
    page.wait_for_url(f"**{BASE}/jawapan-sedia/")
    assert page.locator('tr[data-title="Status permohonan"]').count() == 1
    assert CannedReply.objects.get(title="Status permohonan").text_ms.startswith("Salam {name}")


def test_the_routing_test_box_names_the_rule(page, inbox):
    base = inbox["base"]
    login(page, base, "editor.kkm")  # view-only staff may try it too
    page.goto(f"{base}{BASE}/penghalaan/")
    assert page.locator('[data-testid="view-only"]').count() == 1
    page.fill("#id_text", URGENT)
    page.click('[data-testid="run-test"]')
    page.wait_for_selector('[data-testid="routed"]')
    assert page.get_attribute('[data-testid="routed"]', "data-rule") == "Segera ke bilik gerakan"
    assert page.url.endswith(f"{BASE}/penghalaan/")  # HTMX: the page stayed


def test_a_rule_moves_down_and_a_used_team_is_not_deleted(page, inbox):
    from rasmi.inbox.models import RoutingRule, Team

    base = inbox["base"]
    login(page, base, "pelulus.kkm")
    page.goto(f"{base}{BASE}/penghalaan/")
    first = page.locator('table[data-testid="rules"] tbody tr').first
    name = first.get_attribute("data-rule")
    first.locator('[data-testid="move-down"]').click()
    page.wait_for_url(f"**{BASE}/penghalaan/")
    rows = page.locator('table[data-testid="rules"] tbody tr')
    assert rows.nth(1).get_attribute("data-rule") == name
    assert list(RoutingRule.objects.filter(organisation__code="kkm")
                .values_list("name", flat=True))[1] == name
    team = Team.objects.get(name="Bilik gerakan")
    page.goto(f"{base}{BASE}/pasukan/{team.pk}/padam/")
    assert "Segera ke bilik gerakan" in page.inner_text('[data-testid="delete-refused"]')
    assert page.locator('[data-testid="confirm-delete"]').count() == 0


@pytest.mark.parametrize("language", ["ms", "en"])
@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_setup_pages_pass_axe_and_fit_the_screen(browser, inbox, language, viewport):
    base = inbox["base"]
    paths = ["/inbox/tetapan/", f"{BASE}/jawapan-sedia/", f"{BASE}/jawapan-sedia/baru/",
             f"{BASE}/jawapan-sedia/{inbox['reply']}/", f"{BASE}/jawapan-sedia/"
             f"{inbox['reply']}/padam/", f"{BASE}/pasukan/", f"{BASE}/pasukan/{inbox['team']}/",
             f"{BASE}/pasukan/{inbox['team']}/padam/", f"{BASE}/penghalaan/",
             f"{BASE}/penghalaan/baru/", f"{BASE}/penghalaan/{inbox['rule']}/"]
    context, page = new_session(browser, base, language, viewport, "pelulus.kkm")
    axe, problems = Axe(), []
    try:
        for path in paths:
            page.goto(base + path)
            where = f"{language} {viewport['width']}px {path}"
            assert page.locator("html").get_attribute("lang") == language, where
            problems += axe_and_overflow(page, axe, where)
        # The pages with their live parts filled in: a preview with findings, a test result.
        page.goto(f"{base}{BASE}/jawapan-sedia/baru/")
        page.fill("#id_text_ms", "Sila hubungi {nama} di 012-345 6789.")
        page.wait_for_selector('[data-testid="findings"]')
        problems += axe_and_overflow(page, axe, f"{language} {viewport['width']}px preview")
        page.goto(f"{base}{BASE}/penghalaan/")
        page.fill("#id_text", URGENT)
        page.click('[data-testid="run-test"]')
        page.wait_for_selector('[data-testid="routed"]')
        problems += axe_and_overflow(page, axe, f"{language} {viewport['width']}px rule test")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
