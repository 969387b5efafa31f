import pytest
from playwright.sync_api import expect

from e2e.conftest import login, logout
from e2e.test_verify_and_approval import check

pytestmark = pytest.mark.e2e

FAKE = "https://www.facebook.com/kkm.bantuan.rasmi2026"


def test_a_citizen_report_becomes_a_confirmed_fake_on_the_verify_page(page, demo_site):
    page.goto(demo_site + "/")
    check(page, FAKE, "not_registered")
    page.fill('[data-testid="report-form"] textarea', "Minta nombor IC untuk bantuan.")
    page.click('[data-testid="report-submit"]')
    expect(page.locator('[data-testid="report-thanks"]')).to_be_visible()

    login(page, demo_site, "editor.kkm")
    page.click('[data-testid="nav-cases"]')
    page.locator('[data-testid="case-row"]', has_text="kkm.bantuan.rasmi2026").locator("a").click()
    expect(page.locator('[data-testid="case-state"]')).to_have_attribute("data-state", "new")
    page.fill("#id_note", "Meniru KKM dan meminta nombor IC.")
    page.click('[data-testid="move-confirmed_impersonation"]')
    expect(page.locator('[data-testid="case-state"]')).to_have_attribute(
        "data-state", "confirmed_impersonation")
    logout(page)

    page.goto(demo_site + "/")
    assert check(page, FAKE, "impersonation").startswith("AMARAN")
