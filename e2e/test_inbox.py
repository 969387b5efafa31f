"""The officers' shared inbox in Chromium: the demo officer opens the inbox, opens an urgent
conversation, picks a canned reply, sends it and sees the reply clock stop; the keyboard
shortcuts work and keep quiet while a field is being typed in; the queue, the overdue list
and a conversation pass axe's WCAG 2.1 AA rules and fit the screen, in BM and EN, on a
laptop and a phone."""

from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from e2e.conftest import login
from e2e.test_page_tour import LAPTOP, PHONE, axe_and_overflow, new_session

pytestmark = pytest.mark.e2e


@pytest.fixture
def inbox(demo_site):
    """KKM's demo inbox: a day of conversations, teams, routing rules, canned replies, and
    the dry-run credentials replies go out through."""
    from rasmi.inbox.models import Conversation

    call_command("load_demo_posts", stdout=StringIO())
    call_command("load_demo_inbox", stdout=StringIO())
    urgent = (Conversation.objects.filter(urgent=True, first_response_due__isnull=False)
              .order_by("first_response_due").first())
    return {"base": demo_site, "urgent": urgent.pk}


def test_an_officer_answers_an_urgent_conversation_with_a_canned_reply(page, inbox):
    from rasmi.inbox.models import Conversation

    base = inbox["base"]
    login(page, base, "editor.kkm")
    page.click('[data-testid="nav-inbox"]')
    page.wait_for_url(f"{base}/inbox/")
    first = page.locator('[data-testid="queue-row"]').first
    assert "urgent" in first.get_attribute("class")  # urgent conversations come first
    urgent = page.locator('[data-testid="queue-row"].urgent:not([data-timer="stopped"])').first
    pk = int(urgent.get_attribute("data-conversation"))
    urgent.locator("td.card-title a").click()
    page.wait_for_url(f"**/inbox/c/{pk}/")
    assert page.get_attribute('[data-testid="sla-reply"] .timer', "data-state") in (
        "running", "warning", "overdue")
    page.select_option('[data-testid="canned"]', label="Terima kasih atas maklum balas")
    expect(page.locator("#canned-status")).not_to_be_empty()
    text = page.input_value("#id_text")
    assert "{name}" not in text and "Kementerian Kesihatan" in text
    assert page.inner_text("#canned-status")  # announced to screen readers
    page.click('[data-testid="send-reply"]')
    page.wait_for_url(f"**/inbox/c/{pk}/")
    assert page.get_attribute('[data-testid="sla-reply"] .timer', "data-state") == "stopped"
    sent = page.locator('[data-testid="message"][data-direction="out"]').last
    assert sent.get_attribute("data-send-state") in ("queued", "sending", "sent")
    assert text.split()[0] in sent.inner_text()
    conversation = Conversation.objects.get(pk=pk)
    assert conversation.first_response_at is not None
    assert conversation.first_response_due is None


def test_the_keyboard_works_the_queue_but_not_while_typing(page, inbox):
    base = inbox["base"]
    login(page, base, "editor.kkm")
    page.goto(f"{base}/inbox/?lang=en")
    page.focus("#id_q")
    page.keyboard.type("jj")
    assert page.locator("tr.current").count() == 0 and page.input_value("#id_q") == "jj"
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    rows = page.locator('[data-testid="queue-row"]')
    first = rows.first.get_attribute("data-conversation")
    assert page.locator("tr.current").get_attribute("data-conversation") == first
    assert page.evaluate("document.activeElement.id") == f"conversation-{first}"
    # A poll of the live rows keeps the chosen row and the focus.
    page.evaluate("htmx.trigger('#queue', 'refresh')")
    page.wait_for_timeout(1500)
    assert page.evaluate("document.activeElement.id") == f"conversation-{first}"
    assert page.locator("tr.current").get_attribute("data-conversation") == first
    page.keyboard.press("?")
    assert page.locator('[data-testid="shortcut-help"]').evaluate("d => d.open")
    assert "Next conversation" in page.inner_text('[data-testid="shortcut-help"]')
    page.keyboard.press("Escape")
    assert not page.locator('[data-testid="shortcut-help"]').evaluate("d => d.open")
    page.keyboard.press("a")  # assign the chosen conversation to me
    expect(page.locator("#shortcut-status")).not_to_be_empty()
    assert "Assigned to you" in page.inner_text("#shortcut-status")
    page.keyboard.press("o")
    page.wait_for_url(f"**/inbox/c/{first}/**")
    page.keyboard.press("r")
    assert page.evaluate("document.activeElement.id") == "id_text"


@pytest.mark.parametrize("language", ["ms", "en"])
@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_every_inbox_page_passes_axe_and_fits(browser, inbox, language, viewport):
    base = inbox["base"]
    axe = Axe()
    problems = []
    context, page = new_session(browser, base, language, viewport, "editor.kkm")
    try:
        for path in ("/inbox/", "/inbox/?urgent=on&status=all", "/inbox/lewat/",
                     f"/inbox/c/{inbox['urgent']}/"):
            page.goto(base + path)
            where = f"inbox {language} {viewport['width']}px {path}"
            problems += axe_and_overflow(page, axe, where)
        # The help dialog open, and a reply the checker refused, with its findings.
        page.keyboard.press("?")
        problems += axe_and_overflow(page, axe, f"inbox {language} {viewport['width']}px "
                                                "shortcut help")
        page.keyboard.press("Escape")
        page.fill("#id_text", "Terima kasih. No IC tuan 900101-14-5678 telah kami semak.")
        page.click('[data-testid="send-reply"]')
        page.wait_for_selector('[data-testid="reply-error"]')
        problems += axe_and_overflow(page, axe, f"inbox {language} {viewport['width']}px "
                                                "reply refused")
    finally:
        context.close()
    context, page = new_session(browser, base, language, viewport, "penyelaras")
    try:
        for path in ("/inbox/", f"/inbox/c/{inbox['urgent']}/"):
            page.goto(base + path)
            problems += axe_and_overflow(page, axe, f"inbox coordinator {language} "
                                                    f"{viewport['width']}px {path}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
