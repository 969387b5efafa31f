"""Browser tests: Playwright drives Debian's Chromium against Django's live server."""

import os
import shutil
from io import StringIO

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("RASMI_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
DEMO_PASSWORD = "Rasmi-Demo-2026"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture
def demo_site(transactional_db, live_server, settings):
    from django.core.cache import cache

    settings.VERIFY_INDEX_TTL = 0
    cache.clear()  # rate-limit counters: each test logs in afresh from 127.0.0.1
    call_command("load_directory", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo_candidates", stdout=StringIO())
    from rasmi.monitoring import crisis_routing
    from rasmi.registry import verify

    verify.invalidate_local_index()
    crisis_routing.invalidate()  # crises of an earlier test's database
    return live_server.url


@pytest.fixture
def page(browser, demo_site):
    context = browser.new_context(locale="en-GB")  # BM must still be the default
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def login(page, base, username):
    page.goto(f"{base}/akaun/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click('[data-testid="login-submit"]')
    page.wait_for_url(f"{base}/staf/")


def logout(page):
    page.click("header form.inline button.link")
