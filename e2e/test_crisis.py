"""Crisis mode in Chromium, as KKM's crisis officer lives it: an alert arrives while they
work (the banner appears by itself), they open it, start crisis mode, fill in the flood
holding statement, fast-track it to the dry-run outbox, end the crisis and read the
after-action report. In Bahasa Melayu and English; every page on the way passes axe and
fits a 360 px phone as well as a 1280 px laptop."""

import datetime as dt
from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.utils import timezone

from e2e.test_page_tour import LAPTOP, PHONE, axe_and_overflow, new_session

pytestmark = pytest.mark.e2e

FLOOD_TEXTS = ["Air sungai naik cepat, Kg Tebing dah banjir",
               "Banjir kilat di Pasir Mas, jalan ditutup",
               "Pusat pemindahan di SK Tebing dah penuh ke?",
               "Air naik paras lutut depan rumah, tolong maklumkan",
               "Flood in Kota Bharu town centre, cars stuck"]


@pytest.fixture
def crisis_site(demo_site):
    """KKM with its posts' SOP (pelulus.kkm is its crisis officer), its inbox team and its
    monitoring demo (watch list, crisis contacts)."""
    for command in ("load_demo_posts", "load_demo_inbox", "load_demo_monitoring"):
        call_command(command, stdout=StringIO())
    return demo_site


def record_flood_alert(alert_id: str = "e2e-flood"):
    """What the detector's replay would store: the mentions, then the alert."""
    from rasmi.monitoring import services
    from rasmi.registry.models import Organisation

    kkm = Organisation.objects.get(code="kkm")
    now = timezone.now()
    rows = [{"id": f"{alert_id}-{n}", "time": (now - dt.timedelta(minutes=40 - 2 * n))
             .isoformat(), "text": FLOOD_TEXTS[n % len(FLOOD_TEXTS)], "topic": "flood"}
            for n in range(18)]
    services.record_mentions(kkm, rows, source="replay")
    return services.record_alert(kkm, {
        "alert_id": alert_id, "topic": "flood", "terms": ["banjir", "air naik", "pindah"],
        "started_at": (now - dt.timedelta(minutes=30)).isoformat(),
        "detected_at": (now - dt.timedelta(minutes=2)).isoformat(), "count": 15,
        "baseline": 1.5, "score": 8.2, "examples": [rows[-1]["id"], rows[-2]["id"],
                                                    rows[-3]["id"]]})


def crisis_room_data():
    """A crisis in full for the page tour: an alert that started it, another waiting (so
    the banner shows), a note, a pinned answer, a claim, a holding statement draft."""
    from django.contrib.auth import get_user_model

    from rasmi.inbox.models import Team
    from rasmi.monitoring import services

    officer = get_user_model().objects.get(username="pelulus.kkm")
    first = record_flood_alert("tour-1")
    crisis = services.start_crisis(
        officer, organisations=[first.organisation], lead=first.organisation,
        name="Banjir Kelantan (contoh)", kind="flood", topics=["flood"],
        terms=["banjir", "air naik"], team=Team.objects.filter(
            organisation=first.organisation).first(), alert=first)
    waiting = record_flood_alert("tour-2")
    services.add_note(officer, crisis, "Pasukan bilik gerakan bersidang pada 9.00 pagi.")
    services.pin_answer(officer, crisis, question_ms="Di mana pusat pemindahan terdekat?",
                        answer_ms="Senarai pusat pemindahan dikemas kini di laman rasmi.",
                        question_en="Where is the nearest relief centre?",
                        answer_en="The list of relief centres is updated on the official "
                                  "site.")
    services.record_claim(officer, crisis=crisis,
                          text="Empangan di hulu sungai pecah, semua penduduk kena pindah")
    post = services.use_holding_statement(officer, crisis, "flood", {
        "agency": "Kementerian Kesihatan Malaysia", "place": "Kota Bharu",
        "hotline": "03-8883 3888", "website": "https://www.moh.gov.my",
        "time": "5.00 petang"})
    return {"alert": first.pk, "waiting": waiting.pk, "crisis": crisis.pk, "post": post.pk}


def monitoring_pages(data) -> list[tuple[str, str]]:
    """The monitoring pages for the page tour: (path, who)."""
    crisis = data["crisis"]
    return [("/pemantauan/amaran/", "pelulus.kkm"),
            ("/pemantauan/amaran/?state=all", "penyelaras"),
            (f"/pemantauan/amaran/{data['alert']}/", "pelulus.kkm"),
            (f"/pemantauan/amaran/{data['waiting']}/", "editor.kkm"),
            ("/pemantauan/krisis/", "penyelaras"),
            ("/pemantauan/krisis/baru/?org=kkm", "penyelaras"),
            (f"/pemantauan/krisis/baru/?amaran={data['waiting']}", "pelulus.kkm"),
            (f"/pemantauan/krisis/{crisis}/", "pelulus.kkm"),
            (f"/pemantauan/krisis/{crisis}/", "pemerhati.kkm"),
            (f"/pemantauan/krisis/{crisis}/kenyataan/?template=flood", "pelulus.kkm"),
            (f"/pemantauan/krisis/{crisis}/kenyataan/?template=outage", "editor.kkm"),
            (f"/pemantauan/krisis/{crisis}/laporan/", "pelulus.kkm"),
            ("/pemantauan/senarai-pantau/", "pelulus.kkm"),
            ("/pemantauan/senarai-pantau/", "pemerhati.kkm"),
            ("/pemantauan/senarai-pantau/", "penyelaras")]


@pytest.mark.parametrize("language", ["ms", "en"])
def test_alert_crisis_holding_statement_fast_track_report(browser, crisis_site, language):
    from rasmi.monitoring.models import Alert, Crisis
    from rasmi.publishing.models import OutboxEntry, Post

    base = crisis_site
    axe = Axe()
    problems: list[str] = []
    context, page = new_session(browser, base, language, LAPTOP, "pelulus.kkm")

    def check(where: str) -> None:
        for viewport in (PHONE, LAPTOP):
            page.set_viewport_size(viewport)
            problems.extend(axe_and_overflow(page, axe,
                                             f"{language} {viewport['width']}px crisis {where}"))

    try:
        page.goto(f"{base}/staf/siaran/")
        assert page.locator('[data-testid="alert-banner"]').count() == 0
        # The "done when": the demo flood stream replayed through the detector.
        call_command("monitor_replay", organisation="kkm", stdout=StringIO())
        alert = Alert.objects.filter(organisation__code="kkm", topic="flood",
                                     acknowledged_at__isnull=True).latest("created_at")
        # No reload: the banner's HTMX poll (every 10 s) brings the alert in.
        page.wait_for_selector('[data-testid="alert-banner"]', timeout=25000)
        check("banner on the posts page")
        page.click('[data-testid="alert-banner-link"]')
        page.wait_for_url(f"{base}/pemantauan/amaran/{alert.pk}/")
        assert page.locator('[data-testid="alert-examples"] li').count() == len(alert.examples)
        assert page.locator(f"#chart-alert-{alert.pk}-trend").is_visible()
        check("alert")

        page.click('[data-testid="start-crisis"]')
        page.wait_for_selector('[data-testid="crisis-form"]')
        assert page.locator('input[name="topics"][value="flood"]').is_checked()
        check("start form")
        page.fill("#id_name", "Banjir Kelantan (ujian)")
        page.select_option("#id_team", label="Bilik gerakan")
        page.click('[data-testid="crisis-start"]')
        page.wait_for_selector('[data-testid="crisis-state"][data-active="1"]')
        crisis = Crisis.objects.get(name="Banjir Kelantan (ujian)")
        assert page.locator('[data-testid="stream"] li').count() >= 5
        assert page.locator('[data-testid="alert-banner"]').count() == 0  # acknowledged
        check("room")

        page.select_option("#holding-template", "flood")
        page.click('[data-testid="holding-fill"]')
        page.wait_for_selector('[data-testid="holding-form"]')
        check("holding statement form")
        page.fill("#id_value_agency", "Kementerian Kesihatan Malaysia")
        page.fill("#id_value_place", "Kota Bharu, Kelantan")
        page.fill("#id_value_hotline", "03-8883 3888")
        page.fill("#id_value_website", "https://www.moh.gov.my")
        page.fill("#id_value_time", "5.00 petang")
        page.click('[data-testid="holding-draft"]')
        page.wait_for_selector('[data-testid="fast-track"]')
        post = Post.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
        assert post.verdict == "pass" and "Kota Bharu" in post.text
        page.click('[data-testid="fast-track"]')
        assert page.locator('[data-testid="post-state"]').first.get_attribute(
            "data-state") == "scheduled"
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload",
                     "--queue-name", "*", stdout=StringIO(), stderr=StringIO())
        assert OutboxEntry.objects.filter(text__contains="Kota Bharu, Kelantan").exists()

        page.goto(f"{base}/pemantauan/krisis/{crisis.pk}/")
        row = page.locator(f'[data-testid="crisis-posts"] tr[data-post="{post.pk}"]')
        assert row.get_attribute("data-state") == "published"
        assert row.locator('[data-testid="published-at"]').is_visible()
        check("room with the statement published")

        page.click('[data-testid="end-crisis"]')
        page.wait_for_url(f"{base}/pemantauan/krisis/{crisis.pk}/laporan/")
        assert page.locator('[data-testid="report-posts"]').inner_text() == "1"
        assert page.locator('[data-testid="report-post-table"] tr[data-fast-tracked="1"]'
                            ).count() == 1
        assert page.locator('[data-testid="report-ongoing"]').count() == 0
        check("after-action report")
        crisis.refresh_from_db()
        assert crisis.ended_at is not None
    finally:
        context.close()
    assert not problems, "\n".join(problems)
