"""The monitoring pages: who sees what (another organisation's records answer 404), what
each role may do, the live banner, and the crisis room's forms through to their posts."""

import re

import pytest
from django.utils import translation

from rasmi.conftest import make_user
from rasmi.inbox.models import CannedReply
from rasmi.monitoring import services
from rasmi.monitoring.models import Alert, ClaimCluster, Crisis, CrisisContact, WatchList
from rasmi.publishing.models import Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def crisis(office, alert):
    return services.start_crisis(office["officer"], organisations=[office["org"]],
                                 lead=office["org"], name="Banjir Kelantan", kind="flood",
                                 topics=["flood"], terms=["banjir"], team=office["team"],
                                 alert=alert)


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def post(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data or {})


# --- who sees what -------------------------------------------------------------------------

def test_staff_only(client, office, alert):
    assert client.get("/pemantauan/amaran/").status_code == 302  # to the login page
    nobody = make_user("nobody")
    assert get(client, nobody, "/pemantauan/amaran/").status_code == 403


def test_another_organisations_records_answer_404(client, office, crisis, alert):
    outsider = office["outsider"]
    for url in (f"/pemantauan/amaran/{alert.pk}/", f"/pemantauan/krisis/{crisis.pk}/",
                f"/pemantauan/krisis/{crisis.pk}/strim/",
                f"/pemantauan/krisis/{crisis.pk}/laporan/",
                f"/pemantauan/krisis/{crisis.pk}/kenyataan/?template=flood",
                "/pemantauan/senarai-pantau/?org=jpj",
                f"/pemantauan/krisis/baru/?amaran={alert.pk}"):
        assert get(client, outsider, url).status_code == 404, url
    for url in (f"/pemantauan/amaran/{alert.pk}/akui/", f"/pemantauan/krisis/{crisis.pk}/nota/",
                f"/pemantauan/krisis/{crisis.pk}/tamat/"):
        assert post(client, outsider, url, {"note-text": "x"}).status_code == 404, url
    listed = get(client, outsider, "/pemantauan/amaran/?state=all").content.decode()
    assert f'data-alert="{alert.pk}"' not in listed


def test_the_ministry_above_and_coordinators_see_it(client, office, crisis, alert):
    for who in ("ministry_admin", "coordinator"):
        assert get(client, office[who], f"/pemantauan/amaran/{alert.pk}/").status_code == 200
        assert get(client, office[who], f"/pemantauan/krisis/{crisis.pk}/").status_code == 200


def test_a_viewer_reads_but_cannot_act(client, office, alert):
    page = get(client, office["viewer"], f"/pemantauan/amaran/{alert.pk}/").content.decode()
    assert 'data-testid="acknowledge"' not in page and 'data-testid="start-crisis"' not in page
    assert post(client, office["viewer"], f"/pemantauan/amaran/{alert.pk}/akui/").status_code \
        == 403
    assert get(client, office["viewer"],
               f"/pemantauan/krisis/baru/?amaran={alert.pk}").status_code == 403
    alert.refresh_from_db()
    assert alert.acknowledged_at is None


def test_an_editor_acknowledges_but_does_not_start_crisis_mode(client, office, alert):
    page = get(client, office["editor"], f"/pemantauan/amaran/{alert.pk}/").content.decode()
    assert 'data-testid="acknowledge"' in page and 'data-testid="start-crisis"' not in page
    post(client, office["editor"], f"/pemantauan/amaran/{alert.pk}/akui/")
    alert.refresh_from_db()
    assert alert.acknowledged_by == office["editor"]


# --- pages ---------------------------------------------------------------------------------

def test_alert_page_shows_examples_terms_and_trend(client, office, alert):
    with translation.override("en"):
        page = get(client, office["officer"], f"/pemantauan/amaran/{alert.pk}/?lang=en")
    html = page.content.decode()
    assert "Surge on Floods" in html  # the topic by its name, not its slug
    assert "Kg Tebing (19)" in html  # an example's text
    assert "012-345" not in html
    assert 'data-testid="alert-terms"' in html and "air naik" in html
    assert 'id="chart-alert-' in html and "Mentions per 5 minutes" in html
    assert 'data-testid="start-crisis"' in html


def test_alert_list_filters_by_state_and_organisation(client, office, alert):
    services.acknowledge_alert(office["editor"], alert)
    waiting = get(client, office["editor"], "/pemantauan/amaran/").content.decode()
    assert f'data-alert="{alert.pk}"' not in waiting
    every = get(client, office["editor"], "/pemantauan/amaran/?state=all&org=jpj")
    assert f'data-alert="{alert.pk}"' in every.content.decode()


def test_the_banner_live_partial(client, office, alert):
    assert client.get("/pemantauan/sepanduk/").status_code == 286  # logged out: stop polling
    answer = get(client, office["editor"], "/pemantauan/sepanduk/")
    html = answer.content.decode()
    assert 'data-testid="alert-banner"' in html and f"/pemantauan/amaran/{alert.pk}/" in html
    seen = f"1-{alert.pk}"
    assert f'"seen": "{seen}"' in html
    assert client.get(f"/pemantauan/sepanduk/?seen={seen}").status_code == 204
    services.acknowledge_alert(office["editor"], alert)
    cleared = client.get(f"/pemantauan/sepanduk/?seen={seen}")
    assert cleared.status_code == 200
    assert 'data-testid="alert-banner"' not in cleared.content.decode()
    other = get(client, office["outsider"], "/pemantauan/sepanduk/").content.decode()
    assert 'data-testid="alert-banner"' not in other


def test_every_staff_page_carries_the_banner(client, office, alert):
    page = get(client, office["editor"], "/staf/siaran/").content.decode()
    assert 'data-testid="alert-banner"' in page and 'hx-get="/pemantauan/sepanduk/"' in page
    assert "<script>" not in page.split("</head>")[1]  # no inline script for it


def test_watch_list_page_shows_name_forms_and_saves(client, office):
    html = get(client, office["officer"], "/pemantauan/senarai-pantau/?org=jpj").content.decode()
    assert 'data-testid="name-forms"' in html and "JPJ" in html and "RTD" in html
    answer = post(client, office["officer"], "/pemantauan/senarai-pantau/", {
        "org": "jpj", "terms_ms": "banjir\nair naik", "terms_en": "flood",
        "topics": ["flood", "road"]})
    assert answer.status_code == 302
    assert WatchList.objects.get().terms_ms == ["banjir", "air naik"]
    viewer = get(client, office["viewer"], "/pemantauan/senarai-pantau/").content.decode()
    assert 'data-testid="watch-form"' not in viewer and "air naik" in viewer


def test_crisis_contacts_are_added_and_removed_on_the_watch_list_page(client, office):
    answer = post(client, office["admin"], "/pemantauan/senarai-pantau/jpj/hubungan/", {
        "contact-user": str(office["editor"].pk), "contact-language": "en",
        "contact-email": "editor@jpj.gov.my"})
    assert answer.status_code == 302
    contact = CrisisContact.objects.get()
    assert (contact.user, contact.language) == (office["editor"], "en")
    assert post(client, office["editor"],
                f"/pemantauan/senarai-pantau/jpj/hubungan/{contact.pk}/buang/").status_code == 403
    post(client, office["admin"], f"/pemantauan/senarai-pantau/jpj/hubungan/{contact.pk}/buang/")
    assert not CrisisContact.objects.exists()


def test_start_crisis_mode_from_an_alert(client, office, alert):
    form = get(client, office["officer"], f"/pemantauan/krisis/baru/?amaran={alert.pk}")
    html = form.content.decode()
    assert re.search(r'value="flood"[^>]*checked', html)  # the alert's topic
    assert "banjir\nair naik\npindah</textarea>" in html  # and its terms
    answer = post(client, office["officer"], "/pemantauan/krisis/baru/", {
        "amaran": alert.pk, "name": "Banjir Kelantan", "kind": "flood", "topics": ["flood"],
        "terms": "banjir\nair naik", "team": str(office["team"].pk)})
    crisis = Crisis.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/pemantauan/krisis/{crisis.pk}/"
    assert crisis.terms == ["banjir", "air naik"] and crisis.team == office["team"]
    alert.refresh_from_db()
    assert alert.crisis == crisis


def test_crisis_room_and_its_stream(client, office, crisis):
    html = get(client, office["editor"], f"/pemantauan/krisis/{crisis.pk}/").content.decode()
    for part in ('data-testid="stream"', 'data-testid="timeline"', 'data-testid="note-form"',
                 'data-testid="holding-choose"', 'data-testid="pin-form"',
                 'data-testid="claim-form"', 'data-testid="crisis-alerts"'):
        assert part in html, part
    assert 'data-testid="end-form"' not in html  # an editor does not end it
    assert f'hx-get="/pemantauan/krisis/{crisis.pk}/strim/"' in html
    stream = get(client, office["editor"], f"/pemantauan/krisis/{crisis.pk}/strim/")
    assert "Kg Tebing" in stream.content.decode() and "<html" not in stream.content.decode()


def test_crisis_room_forms(client, office, crisis):
    base = f"/pemantauan/krisis/{crisis.pk}"
    post(client, office["editor"], f"{base}/nota/", {"note-text": "Pasukan di lokasi."})
    post(client, office["editor"], f"{base}/jawapan/", {
        "pin-question_ms": "Di mana pusat pemindahan?", "pin-answer_ms": "Di SK Tebing."})
    post(client, office["editor"], f"{base}/dakwaan/", {"claim-text": "Empangan pecah"})
    claim = ClaimCluster.objects.get()
    answer = post(client, office["editor"], f"{base}/dakwaan/{claim.pk}/", {
        f"mark-{claim.pk}-status": "false",
        f"mark-{claim.pk}-clarification_ms": "Empangan selamat."})
    claim.refresh_from_db()
    assert claim.status == "false" and claim.post is not None
    assert answer["Location"] == f"/staf/siaran/{claim.post.pk}/"
    assert CannedReply.objects.count() == 2
    kinds = list(crisis.events.values_list("kind", flat=True))
    assert kinds == ["started", "note", "pinned_answer", "claim", "claim"]
    empty = post(client, office["editor"], f"{base}/nota/", {"note-text": ""})
    assert empty.status_code == 302 and crisis.events.count() == 5


def test_holding_statement_form_makes_a_draft_and_opens_it(client, office, crisis):
    url = f"/pemantauan/krisis/{crisis.pk}/kenyataan/"
    page = get(client, office["officer"], url + "?template=flood").content.decode()
    assert 'name="value_place"' in page and 'value="Jabatan Pengangkutan Jalan Malaysia"' in page
    missing = post(client, office["officer"], url, {
        "template": "flood", "language": "both", "organisation": "jpj",
        "accounts": [str(office["fb"].pk)]})
    assert missing.status_code == 200 and not Post.objects.exists()
    answer = post(client, office["officer"], url, {
        "template": "flood", "language": "both", "organisation": "jpj",
        "accounts": [str(office["fb"].pk), str(office["x"].pk)],
        "value_agency": "JPJ", "value_place": "Kota Bharu", "value_hotline": "03-8000 8000",
        "value_website": "https://www.jpj.gov.my", "value_time": "5.00 petang"})
    made = Post.objects.get()
    assert answer["Location"] == f"/staf/siaran/{made.pk}/"
    detail = get(client, office["officer"], answer["Location"]).content.decode()
    assert 'data-testid="fast-track"' in detail
    room = get(client, office["officer"], f"/pemantauan/krisis/{crisis.pk}/").content.decode()
    assert f'data-post="{made.pk}"' in room


def test_ending_crisis_mode_opens_the_report(client, office, crisis):
    assert post(client, office["editor"], f"/pemantauan/krisis/{crisis.pk}/tamat/").status_code \
        == 403
    answer = post(client, office["officer"], f"/pemantauan/krisis/{crisis.pk}/tamat/",
                  {"end-note": "Air surut."})
    assert answer["Location"] == f"/pemantauan/krisis/{crisis.pk}/laporan/"
    crisis.refresh_from_db()
    assert crisis.ended_at is not None
    report = get(client, office["officer"], answer["Location"]).content.decode()
    assert "Air surut." in report


def test_alert_from_a_coordinator_choice_page(client, office):
    page = get(client, office["coordinator"], "/pemantauan/krisis/baru/")
    assert page.status_code == 200 and 'data-testid="choose-org"' in page.content.decode()
    assert get(client, office["coordinator"],
               "/pemantauan/krisis/baru/?org=jpj").status_code == 200
    assert Alert.objects.count() == 0
