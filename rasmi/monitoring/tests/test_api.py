"""The monitoring API (/api/v1/monitoring/): who sees and does what (another
organisation's records answer 404, an observer may only read), bad input as 400s
(mentions by index), pagination, audit rows, and the batch import down the live path."""

import json

import pytest
from django.test import Client
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from rasmi.audit.models import AuditEntry
from rasmi.conftest import PASSWORD, make_user
from rasmi.monitoring import live, services
from rasmi.monitoring.models import Alert, ClaimCluster, Mention, WatchList
from rasmi.monitoring.tasks import observe_mentions
from rasmi.monitoring.tests.conftest import alert_fields

pytestmark = pytest.mark.django_db
API = "/api/v1/monitoring"


@pytest.fixture
def crisis(office, alert):
    return services.start_crisis(office["officer"], organisations=[office["org"]],
                                 lead=office["org"], name="Banjir Kelantan", kind="flood",
                                 topics=["flood"], terms=["banjir"], alert=alert)


@pytest.fixture
def claim(office, crisis):
    return services.record_claim(office["editor"], crisis=crisis,
                                 text="Empangan Kenyir akan pecah malam ini")


def login(user, csrf=False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    return client


def send(client, method, path, body=None):
    return getattr(client, method)(f"{API}{path}", json.dumps(body or {}),
                                   content_type="application/json")


def error(response) -> str:
    body = response.json()
    assert set(body["error"]) == {"code", "message", "details"}
    return body["error"]["code"]


# --- who sees and does what --------------------------------------------------------------

def test_anonymous_is_401_and_people_without_a_role_403(office, alert):
    assert login(None).get(f"{API}/alerts").status_code == 401
    assert error(send(login(None), "post", "/mentions", {"organisation": "jpj",
                                                         "mentions": []})) == "unauthenticated"
    nobody = login(make_user("nobody"))
    for path in ("/alerts", f"/alerts/{alert.pk}", "/watch-lists", "/crises",
                 "/claim-clusters"):
        assert nobody.get(f"{API}{path}").status_code == 403, path


def test_another_organisations_records_answer_404(office, crisis, claim, alert):
    outsider = login(office["outsider"])
    assert outsider.get(f"{API}/alerts").json()["count"] == 0
    assert outsider.get(f"{API}/claim-clusters").json()["count"] == 0
    assert outsider.get(f"{API}/crises").json()["count"] == 0
    for path in (f"/alerts/{alert.pk}", f"/crises/{crisis.pk}", "/watch-lists/jpj",
                 "/alerts?organisation=jpj", "/claim-clusters?organisation=jpj",
                 f"/claim-clusters?crisis={crisis.pk}", "/alerts?organisation=nope"):
        assert outsider.get(f"{API}{path}").status_code == 404, path
    assert send(outsider, "post", f"/claim-clusters/{claim.pk}/false",
                {"clarification_ms": "Tidak benar."}).status_code == 404
    assert send(outsider, "post", "/watch-lists", {"organisation": "jpj"}).status_code == 404
    assert send(outsider, "post", "/mentions", {"organisation": "jpj", "mentions": [
        {"id": "1", "time": "2026-12-01T08:00:00+08:00", "text": "Banjir"}]}).status_code == 404
    assert ClaimCluster.objects.get().status == "open"
    assert not WatchList.objects.exists()


def test_the_ministry_above_and_a_coordinator_see_the_agencys_alerts(office, alert):
    for who in ("ministry_admin", "coordinator"):
        page = login(office[who]).get(f"{API}/alerts", {"organisation": "jpj"}).json()
        assert [a["id"] for a in page["results"]] == [alert.pk], who


def test_an_observer_reads_but_may_not_write(office, claim):
    viewer = login(office["viewer"])
    assert viewer.get(f"{API}/claim-clusters").json()["count"] == 1
    assert viewer.get(f"{API}/crises/{claim.crisis_id}").status_code == 200
    response = send(viewer, "post", f"/claim-clusters/{claim.pk}/false",
                    {"clarification_ms": "Tidak benar."})
    assert response.status_code == 403 and error(response) == "forbidden"
    assert send(viewer, "post", "/watch-lists", {"organisation": "jpj"}).status_code == 403
    assert send(viewer, "post", "/mentions", {"organisation": "jpj", "mentions": [
        {"id": "1", "time": "2026-12-01T08:00:00+08:00", "text": "Banjir"}]}).status_code == 403
    assert ClaimCluster.objects.get().status == "open"
    assert not WatchList.objects.exists() and not DBTaskResult.objects.exists()


def test_writes_need_the_csrf_token(office):
    response = send(login(office["admin"], csrf=True), "post", "/watch-lists",
                    {"organisation": "jpj", "topics": ["flood"]})
    assert response.status_code == 403
    assert not WatchList.objects.exists()


# --- alerts --------------------------------------------------------------------------------

def test_alerts_filter_and_paginate_newest_first(office, alert):
    org = office["org"]
    later = services.record_alert(org, alert_fields(
        alert_id="a2", topic="traffic", kind="rumour", detected_at="2026-12-02T09:00:00+08:00",
        started_at="2026-12-02T08:50:00+08:00"))
    editor = login(office["editor"])
    page = editor.get(f"{API}/alerts", {"page_size": 1}).json()
    assert page["count"] == 2 and page["page_size"] == 1
    assert [a["id"] for a in page["results"]] == [later.pk]  # newest first
    assert [a["id"] for a in editor.get(f"{API}/alerts", {"page_size": 1, "page": 2}).json()[
        "results"]] == [alert.pk]
    assert editor.get(f"{API}/alerts", {"page": 3, "page_size": 1}).json()["results"] == []
    only = lambda **q: [a["id"] for a in editor.get(f"{API}/alerts", q).json()["results"]]  # noqa: E731
    assert only(kind="rumour") == [later.pk] and only(kind="burst") == [alert.pk]
    assert only(topic="flood") == [alert.pk]
    assert only(since="2026-12-02T00:00:00+08:00") == [later.pk]
    assert only(organisation="jpj") == [later.pk, alert.pk]
    for params, code in (({"kind": "storm"}, "unknown_kind"), ({"since": "yesterday"},
                                                                "invalid_since"),
                         ({"page": 0}, "invalid_page"), ({"page_size": 501},
                                                         "invalid_page_size"),
                         ({"page": "x"}, "invalid_input")):
        response = editor.get(f"{API}/alerts", params)
        assert response.status_code == 400 and error(response) == code, params


def test_one_alert_with_its_example_mentions(office, alert):
    body = login(office["viewer"]).get(f"{API}/alerts/{alert.pk}").json()
    assert body["alert_id"] == "a1" and body["kind"] == "burst" and body["count"] == 57
    assert [m["id"] for m in body["example_mentions"]] == ["t3", "t19", "t27"]
    assert "banjir" in body["example_mentions"][0]["text"]
    assert login(office["viewer"]).get(f"{API}/alerts/999999").status_code == 404


# --- watch lists ---------------------------------------------------------------------------

def test_watch_list_create_read_change_delete_with_audit(office):
    admin = login(office["admin"])
    created = send(admin, "post", "/watch-lists", {
        "organisation": "jpj", "terms_ms": ["lesen memandu", "saman, JPJ"],
        "topics": ["Flood", "traffic"]})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["terms_ms"] == ["lesen memandu", "saman", "JPJ"]
    assert body["topics"] == ["flood", "traffic"] and body["name_forms"]
    assert send(admin, "post", "/watch-lists", {"organisation": "jpj"}).status_code == 409
    assert admin.get(f"{API}/watch-lists/jpj").json()["topics"] == ["flood", "traffic"]
    assert login(office["viewer"]).get(f"{API}/watch-lists").json()["count"] == 1
    changed = send(admin, "patch", "/watch-lists/jpj", {"topics": ["scam"]}).json()
    assert changed["topics"] == ["scam"] and changed["terms_ms"] == body["terms_ms"]
    bad = send(admin, "patch", "/watch-lists/jpj", {"topics": ["not a topic!"]})
    assert bad.status_code == 400 and error(bad) == "bad_topic"
    assert send(admin, "patch", "/watch-lists/jpj", {"topics": "scam"}).status_code == 400
    # The editor may read it but not change it (policy: managers only).
    assert send(login(office["editor"]), "delete", "/watch-lists/jpj").status_code == 403
    assert send(admin, "delete", "/watch-lists/jpj").status_code == 204
    assert not WatchList.objects.exists()
    assert send(admin, "delete", "/watch-lists/jpj").status_code == 404
    assert admin.get(f"{API}/watch-lists/jpj").status_code == 404
    actions = list(AuditEntry.objects.filter(action__startswith="monitoring.watch_list")
                   .order_by("pk").values_list("action", "actor_id"))
    assert actions == [("monitoring.watch_list.save", office["admin"].pk),
                       ("monitoring.watch_list.save", office["admin"].pk),
                       ("monitoring.watch_list.delete", office["admin"].pk)]


# --- mentions ------------------------------------------------------------------------------

def row(n, **changes):
    return {"id": f"m{n}", "time": f"2026-12-01T08:{n:02d}:00+08:00",
            "text": f"Air naik di Kg Tebing ({n})", "topic": "flood"} | changes


def test_mentions_import_keeps_the_good_and_names_the_bad_by_index(
        office, django_capture_on_commit_callbacks):
    items = [row(1), row(2, time="2026-12-01T08:02:00"), row(3, text="  "), "not an object",
             row(4, id=True), row(5, topic=7), row(6), row(1, text="again"),
             row(7, id="x" * 201), row(8, time="semalam")]
    with django_capture_on_commit_callbacks(execute=True):
        response = send(login(office["admin"]), "post", "/mentions?lang=en",
                        {"organisation": "jpj", "mentions": items})
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["accepted"] == 2
    assert body["rejected"] == [
        {"index": 1, "message": "time 2026-12-01T08:02:00 has no UTC offset (for example "
                                "+08:00)"},
        {"index": 2, "message": "the text is empty"},
        {"index": 3, "message": "not a JSON object"},
        {"index": 4, "message": "missing required field 'id'"},
        {"index": 5, "message": "topic must be text"},
        {"index": 7, "message": "the same id as item 0"},
        {"index": 8, "message": "the id is longer than 200 characters"},
        {"index": 9, "message": "time semalam is not an ISO 8601 date and time"}]
    # Queued for the live detector exactly as the inbox's messages are, as imports.
    (queued,) = DBTaskResult.objects.filter(task_path=observe_mentions.module_path)
    assert queued.args_kwargs["args"][0] == office["org"].pk
    assert [r["id"] for r in queued.args_kwargs["args"][1]] == ["m1", "m6"]
    assert queued.args_kwargs["kwargs"] == {"source": "import"}
    entry = AuditEntry.objects.get(action="monitoring.mentions.import")
    assert entry.actor_id == office["admin"].pk


def test_mentions_import_in_the_readers_language_and_its_limits(office, settings):
    admin = login(office["admin"])
    response = send(admin, "post", "/mentions?lang=ms", {"organisation": "jpj", "mentions": [
        {"id": "a", "time": "2026-12-01T08:00:00+08:00"}]})
    assert response.status_code == 400 and error(response) == "invalid_mentions"
    (rejected,) = response.json()["error"]["details"]["rejected"]
    with translation.override("ms"):  # Bahasa Melayu, as the catalogue has it
        assert rejected == {"index": 0, "message": translation.gettext(
            "missing required field 'text'")}
    assert rejected["message"] != "missing required field 'text'"
    assert error(send(admin, "post", "/mentions", {"organisation": "jpj", "mentions": []})
                 ) == "no_mentions"
    too_many = send(admin, "post", "/mentions", {"organisation": "jpj",
                                                  "mentions": [row(1)] * 1001})
    assert too_many.status_code == 400 and error(too_many) == "too_many_mentions"
    assert send(admin, "post", "/mentions", {"organisation": "jpj"}).status_code == 400
    broken = admin.post(f"{API}/mentions", "{oops", content_type="application/json")
    assert broken.status_code == 400 and error(broken)  # not a 500
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    huge = send(admin, "post", "/mentions", {"organisation": "jpj", "mentions": [row(1)] * 50})
    assert huge.status_code == 413 and error(huge) == "too_large"
    assert not DBTaskResult.objects.exists()


def test_imported_mentions_reach_the_detector(office, settings,
                                              django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    live.forget()
    with django_capture_on_commit_callbacks(execute=True):
        send(login(office["admin"]), "post", "/mentions",
             {"organisation": "jpj", "mentions": [row(1), row(2)]})
    assert sorted(Mention.objects.filter(source="import").values_list("external_id",
                                                                      flat=True)) == ["m1", "m2"]
    assert office["org"].detector_state.fed_until.isoformat() == "2026-12-01T00:02:00+00:00"
    live.forget()


# --- crises and claims ---------------------------------------------------------------------

def test_crises_list_and_detail_with_timeline(office, crisis, claim):
    editor = login(office["editor"])
    page = editor.get(f"{API}/crises", {"state": "active"}).json()
    assert [c["id"] for c in page["results"]] == [crisis.pk]
    assert editor.get(f"{API}/crises", {"state": "ended"}).json()["count"] == 0
    assert error(editor.get(f"{API}/crises", {"state": "over"})) == "invalid_state"
    body = editor.get(f"{API}/crises/{crisis.pk}").json()
    assert body["lead"] == "jpj" and body["active"] is True
    assert [e["kind"] for e in body["timeline"]] == ["started", "claim"]
    assert body["timeline"][0]["links"][0]["url"].startswith("/pemantauan/amaran/")
    assert [c["id"] for c in body["claims"]] == [claim.pk]
    assert body["alerts"] == list(Alert.objects.values_list("pk", flat=True))


def test_claims_list_and_mark_false_as_the_crisis_room_does(office, claim):
    editor = login(office["editor"])
    page = editor.get(f"{API}/claim-clusters", {"status": "open"}).json()
    assert [c["id"] for c in page["results"]] == [claim.pk]
    assert error(editor.get(f"{API}/claim-clusters", {"status": "fake"})) == "unknown_status"
    missing = send(editor, "post", f"/claim-clusters/{claim.pk}/false",
                   {"clarification_ms": "  "})
    assert missing.status_code == 400 and error(missing) == "clarification_needed"
    assert send(editor, "post", f"/claim-clusters/{claim.pk}/false", {}).status_code == 400
    response = send(editor, "post", f"/claim-clusters/{claim.pk}/false", {
        "clarification_ms": "Empangan Kenyir selamat. Tiada arahan pindah.",
        "clarification_en": "Kenyir dam is safe. There is no evacuation order."})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "false" and body["marked_by"] == "jpj-editor"
    assert body["post"] and body["canned_reply"]
    assert AuditEntry.objects.filter(action="monitoring.claim.mark",
                                     actor_id=office["editor"].pk).count() == 1
    assert editor.get(f"{API}/claim-clusters", {"status": "false"}).json()["count"] == 1
    assert send(editor, "post", "/claim-clusters/999999/false",
                {"clarification_ms": "Tidak benar."}).status_code == 404


def test_the_api_is_in_the_openapi_schema(db):
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert {f"{API}/alerts", f"{API}/mentions", f"{API}/watch-lists/{{code}}",
            f"{API}/claim-clusters/{{claim_id}}/false"} <= set(paths)
