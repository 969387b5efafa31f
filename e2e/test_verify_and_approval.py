import pytest
from playwright.sync_api import expect

from e2e.conftest import login, logout

pytestmark = pytest.mark.e2e

OFFICIAL = "https://m.facebook.com/contoh.kkm/posts/123?ref=share"
FAKE = "tiktok.com/@contoh.kkm.official.my"
UNKNOWN = "https://facebook.com.semak-bantuan.example/contoh.kkm"


def choose_organisation(page, name):
    option = page.locator("#id_organisation option", has_text=name).first
    page.select_option("#id_organisation", value=option.get_attribute("value"))


def check(page, url, state):
    page.fill("#id_url", url)
    page.click('[data-testid="verify-submit"]')
    card = page.locator(f'[data-testid="verify-card"][data-state="{state}"]')
    expect(card).to_be_visible()
    return card.locator('[data-testid="verify-message"]').inner_text()


def test_citizen_verifies_in_bahasa_melayu_then_english(page, demo_site):
    page.goto(demo_site + "/")
    expect(page.locator("html")).to_have_attribute("lang", "ms")
    expect(page.locator('[data-testid="demo-banner"]')).to_be_visible()
    assert check(page, OFFICIAL, "official") == "Akaun rasmi Kementerian Kesihatan."
    assert check(page, FAKE, "impersonation").startswith("AMARAN")
    assert "meniru facebook.com" in check(page, UNKNOWN, "unknown_platform")

    page.click('[data-testid="lang-en"]')
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert check(page, OFFICIAL, "official") == "Official account of the Ministry of Health."
    assert check(page, FAKE, "impersonation").startswith("WARNING")
    assert "imitates facebook.com" in check(page, UNKNOWN, "unknown_platform")


def test_editor_submits_and_another_coordinator_approves(page, demo_site):
    new_url = "https://www.instagram.com/contoh_kkm_promosi/"
    login(page, demo_site, "editor.kkm")
    page.click('[data-testid="new-account"]')
    choose_organisation(page, "Kementerian Kesihatan")
    page.fill("#id_url", new_url)
    page.fill("#id_gov_link", "https://www.moh.gov.my/media-sosial")
    page.click('[data-testid="submit-form"] button[type="submit"]')
    expect(page.locator('[data-testid="account-status"]')).to_have_attribute("data-status",
                                                                              "pending")
    expect(page.locator('[data-testid="approve"]')).to_have_count(0)
    account_url = page.url
    logout(page)

    login(page, demo_site, "penyelaras")
    page.goto(account_url)
    page.fill("#id_reason", "Pautan dari moh.gov.my disemak.")
    page.click('[data-testid="approve"]')
    expect(page.locator('[data-testid="account-status"]')).to_have_attribute("data-status",
                                                                              "official")
    page.goto(demo_site + "/")
    check(page, new_url, "official")


def test_the_submitter_cannot_approve_their_own_submission(page, demo_site):
    login(page, demo_site, "penyelaras")
    page.click('[data-testid="new-account"]')
    choose_organisation(page, "Kementerian Kesihatan")
    page.fill("#id_url", "https://www.facebook.com/contoh.kkm.sendiri")
    page.fill("#id_attestation", "Saya mengendalikan halaman ini.")
    page.click('[data-testid="submit-form"] button[type="submit"]')
    expect(page.locator('[data-testid="own-submission"]')).to_be_visible()
    expect(page.locator('[data-testid="approve"]')).to_have_count(0)
