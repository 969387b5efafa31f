"""The publishing pages: permissions on the server, the live checker, the calendar move,
the SOP document."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from rasmi.conftest import PASSWORD
from rasmi.publishing import services
from rasmi.publishing.models import Post, PostState
from rasmi.publishing.tests.conftest import GOOD_TEXT, post_input, tomorrow_at


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_live_check_marks_the_offending_span(client, newsroom):
    login(client, newsroom["editor"])
    text = "Senarai pemenang: Ali, 900101-14-5677. Tahniah!"
    response = client.post(reverse("publishing:check"), {
        "org": "jpj", "text": text, "accounts": [newsroom["fb"].pk]}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-verdict="block"' in body
    assert '<mark class="finding-block" title="pdp.mykad">900101-14-5677</mark>' in body
    assert "/panduan/personal-data/#pdp.mykad" in body


def test_the_live_check_escapes_what_the_writer_typed(client, newsroom):
    login(client, newsroom["editor"])
    response = client.post(reverse("publishing:check"), {
        "org": "jpj", "text": "<script>alert(1)</script> Selamat pagi."})
    assert b"<script>alert" not in response.content


def test_drafting_in_the_browser_form(client, newsroom):
    login(client, newsroom["editor"])
    url = reverse("publishing:new") + "?org=jpj"
    assert client.get(url).status_code == 200
    response = client.post(url, {"org": "jpj", "title": "Kaunter", "text": GOOD_TEXT,
                                 "accounts": [str(newsroom["fb"].pk)]})
    post = Post.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{post.pk}/")
    assert post.author == newsroom["editor"] and post.state == PostState.DRAFT


def test_other_organisations_posts_are_invisible(client, newsroom):
    post = services.create_post(newsroom["editor"], newsroom["org"],
                                post_input([newsroom["fb"]]))
    login(client, newsroom["outsider"])
    assert client.get(reverse("publishing:detail", args=[post.pk])).status_code == 404
    assert client.post(reverse("publishing:approve", args=[post.pk])).status_code == 404
    assert client.post(reverse("publishing:check"), {"org": "jpj", "text": "x"}) \
        .status_code == 404


def test_approving_through_the_page_respects_maker_checker(client, newsroom):
    post = services.create_post(newsroom["editor"], newsroom["org"],
                                post_input([newsroom["fb"]]))
    services.submit(newsroom["editor"], post)
    login(client, newsroom["editor"])
    page = client.get(reverse("publishing:detail", args=[post.pk])).content.decode()
    assert 'data-testid="own-post"' in page and 'data-testid="approve-post"' not in page
    client.post(reverse("publishing:approve", args=[post.pk]), {"version": "1"})
    assert Post.objects.get().state == PostState.IN_REVIEW
    client.logout()
    login(client, newsroom["approver"])
    client.post(reverse("publishing:approve", args=[post.pk]), {"version": "1"})
    assert Post.objects.get().state == PostState.APPROVED


def test_calendar_shows_and_moves_a_scheduled_post(client, newsroom):
    post = services.create_post(newsroom["editor"], newsroom["org"],
                                post_input([newsroom["fb"]]))
    services.submit(newsroom["editor"], post)
    services.approve(newsroom["approver"], post)
    services.schedule(newsroom["editor"], post, tomorrow_at(9, 30))
    login(client, newsroom["editor"])
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    for view in ("week", "month"):
        page = client.get(reverse("publishing:calendar"),
                          {"view": view, "start": tomorrow.isoformat()}).content.decode()
        assert f'data-post="{post.pk}"' in page and "09:30" in page
    later = tomorrow + dt.timedelta(days=2)
    response = client.post(reverse("publishing:move", args=[post.pk]),
                           {"day": later.isoformat()})
    assert response.status_code == 200, response.content
    post.refresh_from_db()
    assert timezone.localtime(post.scheduled_at).date() == later
    assert timezone.localtime(post.scheduled_at).time() == dt.time(9, 30)
    assert client.post(reverse("publishing:move", args=[post.pk]),
                       {"day": "not-a-day"}).status_code == 400


def test_the_calendar_refuses_a_move_for_a_viewer(client, newsroom):
    post = services.create_post(newsroom["editor"], newsroom["org"],
                                post_input([newsroom["fb"]]))
    login(client, newsroom["viewer"])
    response = client.post(reverse("publishing:move", args=[post.pk]),
                           {"day": (timezone.localdate() + dt.timedelta(days=3)).isoformat()})
    assert response.status_code == 403


@pytest.mark.parametrize("language", ["ms", "en"])
def test_the_sop_document_reads_in_both_languages(client, newsroom, language):
    login(client, newsroom["admin"])
    client.cookies["django_language"] = language
    page = client.get(reverse("publishing:sop_document", args=["jpj"])).content.decode()
    heading = {"ms": "Prosedur operasi standard media sosial",
               "en": "Social media standard operating procedure"}[language]
    assert heading in page and "pdp.mykad" in page


def test_only_the_organisations_admin_changes_its_sop(client, newsroom):
    login(client, newsroom["editor"])
    assert client.get(reverse("publishing:sop", args=["jpj"])).status_code == 403
    client.logout()
    login(client, newsroom["admin"])
    page = client.get(reverse("publishing:sop", args=["jpj"]))
    assert page.status_code == 200
    response = client.post(reverse("publishing:sop", args=["jpj"]), {
        "drafter_roles": ["org_editor"], "approver_roles": ["org_approver"],
        "approvals_required": "2", "language_policy": "malay_required",
        "posting_start": "07:00", "posting_end": "21:00", "first_response_hours": "12",
        "urgent_response_minutes": "30", "resolution_working_days": "15",
        "own_terms_block": "Projek Helang\n\nProjek Helang\n"})
    assert response.status_code == 302
    sop = newsroom["org"].sop
    assert sop.approvals_required == 2 and sop.own_terms_block == ["Projek Helang"]


@pytest.mark.skipif(__import__("shutil").which("chromium") is None, reason="needs chromium")
def test_the_sop_document_prints_to_pdf(client, newsroom):
    login(client, newsroom["admin"])
    response = client.get(reverse("publishing:sop_pdf", args=["jpj"]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 1000
