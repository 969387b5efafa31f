"""The feedback dashboard, the coordinators' view and the weekly report as a person sees
them: in Bahasa Melayu and English, on a laptop and a phone: nothing wider than the
screen, axe-core finds nothing serious, every chart is at least a phone's column wide
with its text at 14 px or more, and personal identifiers in examples stay masked."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe

from e2e.test_page_tour import LAPTOP, PHONE, axe_and_overflow, new_session

pytestmark = pytest.mark.e2e

CHARTS = """() => Array.from(document.querySelectorAll('figure[data-chart] svg[role="img"]'))
  .map(svg => ({width: svg.getBoundingClientRect().width,
                viewBox: svg.hasAttribute('viewBox'),
                smallest: Math.min(...Array.from(svg.querySelectorAll('text'))
                  .map(t => parseFloat(getComputedStyle(t).fontSize)
                            * svg.getScreenCTM().a))}))"""


@pytest.fixture
def feedback_data(demo_site):
    """A day of classified comments on KKM's official account, counted."""
    from django.utils import timezone

    from rasmi.inbox import feedback
    from rasmi.inbox.models import Conversation, Message
    from rasmi.registry.models import SocialAccount

    account = SocialAccount.objects.filter(organisation__code="kkm",
                                           status="official").first()
    now = timezone.now()
    messages = []
    for i in range(60):
        at = now - dt.timedelta(minutes=23 * i)
        thread = Conversation.objects.create(
            account=account, organisation_id=account.organisation_id, kind="comments",
            thread_key=f"e2e-{i}", last_message_at=at, intent="complaint")
        messages.append(Message.objects.create(
            conversation=thread, account=account, platform_message_id=f"e2e-{i}",
            direction="in", sent_at=at, event_at=at, classified_at=at,
            text=f"Temujanji klinik dibatalkan lagi, hubungi saya 012-345 {i:04d}",
            language="ms" if i % 3 else "mixed", sentiment="negative" if i % 2 else "neutral",
            intent=("complaint", "question", "praise")[i % 3],
            topics=[("appointment", "clinic", "vaccine")[i % 3]]))
    feedback.count_classified(messages)


@pytest.mark.parametrize("language", ["ms", "en"])
@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_feedback_pages_read_well_and_pass_axe(browser, demo_site, feedback_data, language,
                                               viewport):
    axe = Axe()
    visits = [(f"/inbox/feedback/?org=kkm&period={p}", "editor.kkm")
              for p in ("hour", "day", "week")]
    visits += [("/inbox/feedback/?period=day", "penyelaras"),
               ("/inbox/feedback/report/?org=kkm", "editor.kkm")]
    problems: list[str] = []
    sessions: dict[str, tuple] = {}
    try:
        for path, username in visits:
            if username not in sessions:
                sessions[username] = new_session(browser, demo_site, language, viewport,
                                                 username)
            page = sessions[username][1]
            page.goto(demo_site + path)
            where = f"{language} {viewport['width']}px {username} {path}"
            problems += axe_and_overflow(page, axe, where)
            for chart in page.evaluate(CHARTS):
                # Side-by-side charts (one per intent) share the laptop's column.
                if chart["viewBox"] or chart["width"] < 280:
                    problems.append(f"{where}: chart drawn {chart['width']:.0f}px wide")
                if chart["smallest"] < 14:
                    problems.append(f"{where}: chart text at {chart['smallest']:.1f}px")
            if "012-345" in page.inner_text("body"):
                problems.append(f"{where}: a phone number shown")
    finally:
        for context, _page in sessions.values():
            context.close()
    assert not problems, "\n".join(problems)
