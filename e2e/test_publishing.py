"""The publishing journey in Chromium: an editor drafts and sees findings as they type,
fixes them, a different approver approves, the post is scheduled, the worker publishes it
to the dry-run outbox."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from e2e.conftest import login, logout

pytestmark = pytest.mark.e2e

MYKAD = ("Tahniah kepada pemenang kuiz kesihatan: Siti Aminah, No. KP 880812-10-5432. "
         "Hadiah dihantar minggu depan.")
FIXED = ("Tahniah kepada pemenang kuiz kesihatan, Puan Siti Aminah dari Seremban. "
         "Hadiah dihantar minggu depan.")


@pytest.fixture
def newsroom(demo_site):
    from django.contrib.auth import get_user_model

    from rasmi.publishing import services
    from rasmi.registry.models import Organisation

    call_command("load_demo_posts", stdout=StringIO())
    coordinator = get_user_model().objects.get(username="penyelaras")
    # Any hour of the day the suite runs at is a posting hour for this test.
    services.save_sop(coordinator, Organisation.objects.get(code="kkm"), {
        "posting_start": timezone.datetime.min.time(),
        "posting_end": timezone.datetime.max.time().replace(microsecond=0)})
    return demo_site


def test_draft_check_fix_approve_schedule_publish(page, newsroom):
    from rasmi.publishing.models import OutboxEntry, Post

    base = newsroom
    login(page, base, "editor.kkm")
    page.goto(f"{base}/staf/siaran/baru/?org=kkm")
    page.fill("#id_title", "Pemenang kuiz (ujian)")
    page.locator("input[name=accounts]").first.check()
    page.fill("#id_text", MYKAD)
    verdict = page.locator('[data-testid="verdict"]')
    verdict.wait_for()
    assert verdict.get_attribute("data-verdict") == "block"
    marked = page.locator("mark.finding-block")
    assert marked.inner_text() == "880812-10-5432"
    assert "/panduan/personal-data/#pdp.mykad" in page.locator(
        '[data-rule="pdp.mykad"] a').get_attribute("href")

    page.fill("#id_text", FIXED)
    page.wait_for_selector('[data-testid="verdict"][data-verdict="pass"]')
    page.click('[data-testid="save-post"]')
    page.wait_for_selector('[data-testid="submit-post"]')
    page.click('[data-testid="submit-post"]')
    assert page.locator('[data-testid="post-state"]').first.get_attribute(
        "data-state") == "in_review"
    assert page.locator('[data-testid="own-post"]').is_visible()  # no approve button
    post = Post.objects.get(title="Pemenang kuiz (ujian)")
    logout(page)

    login(page, base, "pelulus.kkm")
    page.goto(f"{base}/staf/siaran/{post.pk}/")
    page.click('[data-testid="approve-post"]')
    assert page.locator('[data-testid="post-state"]').first.get_attribute(
        "data-state") == "approved"
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    page.fill("#id_when", now)
    page.click('[data-testid="schedule-post"]')
    assert page.locator('[data-testid="post-state"]').first.get_attribute(
        "data-state") == "scheduled"

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload",
                 "--queue-name", "*", stdout=StringIO(), stderr=StringIO())
    page.reload()
    assert page.locator('[data-testid="post-state"]').first.get_attribute(
        "data-state") == "published"
    assert page.locator('[data-testid="permalink"]').count() == 1
    entry = OutboxEntry.objects.get(text=FIXED)
    page.goto(f"{base}/staf/siaran/outbox/")
    assert page.locator(f"#outbox-{entry.pk}").is_visible()


def test_drag_a_post_to_another_day_in_the_calendar(page, newsroom):
    import datetime as dt

    from django.contrib.auth import get_user_model

    from rasmi.publishing import services
    from rasmi.publishing.models import Post

    # Next week's Wednesday at 09:00, dragged to the Thursday: both in one week view.
    today = timezone.localdate()
    day = today + dt.timedelta(days=7 - today.weekday() + 2)
    post = Post.objects.get(state="scheduled")
    services.schedule(get_user_model().objects.get(username="editor.kkm"), post,
                      timezone.make_aware(dt.datetime.combine(day, dt.time(9))))
    login(page, newsroom, "editor.kkm")
    page.goto(f"{newsroom}/staf/siaran/kalendar/?start={day.isoformat()}")
    target = day + dt.timedelta(days=1)
    page.drag_and_drop(f'[data-post="{post.pk}"]', f'[data-day="{target.isoformat()}"]')
    page.wait_for_selector(f'[data-day="{target.isoformat()}"] [data-post="{post.pk}"]')
    post.refresh_from_db()
    assert timezone.localtime(post.scheduled_at).date() == target
