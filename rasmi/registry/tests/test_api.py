import json
from pathlib import Path

import pytest
from django.test import Client

from rasmi.registry import services
from rasmi.registry.importer import run_import
from rasmi.registry.models import SocialAccount

from .conftest import GOV_LINK, PASSWORD

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
CONTRACT_FIELDS = ("url", "state", "platform", "handle", "canonical_url", "organisation",
                   "current_url", "reason")


@pytest.fixture
def contract_register(users):
    report = run_import(users["coordinator"],
                        organisations=(FIXTURES / "organisations.csv").read_text(),
                        accounts=(FIXTURES / "accounts.csv").read_text())
    assert report.ok, report.problems
    return report


def test_verify_matches_the_published_contract(client, contract_register):
    expected = [json.loads(line) for line in (FIXTURES / "verify.jsonl").read_text().splitlines()]
    for want in expected:
        response = client.get("/api/v1/verify", {"url": want["url"]})
        assert response.status_code == 200
        got = response.json()
        assert set(got) == set(want), want["url"]
        assert {k: got[k] for k in CONTRACT_FIELDS} == {k: want[k] for k in CONTRACT_FIELDS}
        assert got["message_ms"] and got["message_en"]


def test_verify_is_cacheable(client, contract_register):
    first = client.get("/api/v1/verify", {"url": "tiktok.com/@example.jpj.official"})
    assert "max-age" in first["Cache-Control"] and first["ETag"]
    again = client.get("/api/v1/verify", {"url": "tiktok.com/@example.jpj.official"},
                       HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize("params,code", [
    ({}, "invalid_input"),
    ({"url": "x" * 3000}, "url_too_long"),
    ({"url": "facebook.com/abcde", "platform": "myspace"}, "unknown_platform"),
])
def test_verify_bad_input_is_400_with_the_envelope(client, db, params, code):
    response = client.get("/api/v1/verify", params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code
    assert set(response.json()["error"]) == {"code", "message", "details"}


def test_verify_is_rate_limited_per_client(client, db, settings):
    settings.RATE_LIMIT_PER_MINUTE = 3
    codes = [client.get("/api/v1/verify", {"url": "facebook.com/abcdef"}).status_code
             for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    other = Client(REMOTE_ADDR="10.9.9.9")
    assert other.get("/api/v1/verify", {"url": "facebook.com/abcdef"}).status_code == 200


def test_lists_use_the_envelope_and_hide_pending(client, contract_register, users, orgs):
    services.submit_account(users["org_editor"], orgs["jpj"], "facebook.com/jpj.pending.one",
                            evidence=[services.EvidenceInput(**GOV_LINK[0])])
    body = client.get("/api/v1/accounts", {"organisation": "jpj"}).json()
    assert set(body) == {"count", "page", "page_size", "results"}
    assert all(a["status"] != "pending" for a in body["results"])
    assert body["count"] == 3
    assert client.get("/api/v1/accounts", {"status": "pending"}).status_code == 400
    orgs_page = client.get("/api/v1/organisations", {"q": "road transport"}).json()
    assert orgs_page["results"][0]["code"] == "jpj"
    assert client.get("/api/v1/organisations", {"page": 0}).status_code == 400
    assert client.get("/api/v1/organisations/nope").status_code == 404


def test_exports_and_change_feed(client, contract_register):
    csv_text = b"".join(client.get("/api/v1/accounts/export", {"format": "csv"})
                        .streaming_content).decode()
    assert "organisation_name_ms" in csv_text and "example.jpj.rasmi" in csv_text
    data = json.loads(b"".join(client.get("/api/v1/accounts/export", {"format": "json"})
                               .streaming_content))
    assert len(data["accounts"]) == 6
    changes = client.get("/api/v1/changes", {"since": "0"}).json()
    assert changes["count"] == 6 and changes["results"][0]["kind"] == "added"
    later = client.get("/api/v1/changes", {"since": str(changes["next_since"])}).json()
    assert later["count"] == 0
    assert client.get("/api/v1/changes", {"since": "yesterday"}).status_code == 400
    atom = client.get("/perubahan.atom")
    assert atom.status_code == 200 and b"<feed" in atom.content


# --- the role x endpoint matrix -----------------------------------------------------------

def _login(user):
    client = Client(enforce_csrf_checks=False)
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    return client


def _pending(users, orgs):
    return services.submit_account(users["org_editor"], orgs["jpj"],
                                   "facebook.com/jpj.matrix.one",
                                   evidence=[services.EvidenceInput(**GOV_LINK[0])])


def _official(users, orgs):
    account = services.submit_account(users["org_admin"], orgs["jpj"],
                                      "facebook.com/jpj.matrix.two",
                                      evidence=[services.EvidenceInput(**GOV_LINK[0])])
    return services.approve_account(users["coordinator2"], account)


ROLES = ["anonymous", "nobody", "viewer", "other_editor", "org_editor", "org_admin",
         "coordinator"]
MATRIX = {
    # endpoint: expected status per role, in ROLES order
    "submit": [401, 403, 403, 403, 201, 201, 201],
    "pending": [401, 403, 200, 200, 200, 200, 200],
    "overdue": [401, 403, 200, 200, 200, 200, 200],
    "approve": [401, 404, 403, 404, 403, 403, 200],
    "reject": [401, 404, 403, 404, 403, 403, 200],
    "status": [401, 404, 403, 404, 403, 403, 200],
    "move": [401, 404, 403, 404, 403, 403, 200],
    "recertify": [401, 404, 403, 404, 403, 403, 200],
    "verify": [200] * 7,
    "organisations": [200] * 7,
    "accounts": [200] * 7,
    "census": [200] * 7,
}


def _call(client, endpoint, users, orgs):
    post = lambda path, body: client.post(path, json.dumps(body), content_type="application/json")  # noqa: E731
    if endpoint == "submit":
        return post("/api/v1/accounts/submissions",
                    {"organisation": "jpj", "url": "instagram.com/jpj.matrix",
                     "evidence": GOV_LINK})
    if endpoint in ("pending", "overdue"):
        return client.get(f"/api/v1/accounts/{endpoint}")
    if endpoint in ("approve", "reject"):
        return post(f"/api/v1/accounts/{_pending(users, orgs).pk}/{endpoint}", {"reason": "ok"})
    account = _official(users, orgs)
    if endpoint == "status":
        return post(f"/api/v1/accounts/{account.pk}/status",
                    {"status": "archived", "reason": "retired"})
    if endpoint == "move":
        return post(f"/api/v1/accounts/{account.pk}/move", {"url": "facebook.com/jpj.matrix.new"})
    if endpoint == "recertify":
        return post(f"/api/v1/accounts/{account.pk}/recertify", {"reason": "checked"})
    if endpoint == "verify":
        return client.get("/api/v1/verify", {"url": account.canonical_url})
    return client.get(f"/api/v1/{endpoint}")


@pytest.mark.parametrize("endpoint", list(MATRIX))
@pytest.mark.parametrize("role_index", range(len(ROLES)))
def test_role_matrix(users, orgs, endpoint, role_index):
    role = ROLES[role_index]
    client = _login(None if role == "anonymous" else users[role])
    response = _call(client, endpoint, users, orgs)
    expected = MATRIX[endpoint][role_index]
    assert response.status_code == expected, (role, endpoint, response.content[:300])
    if expected >= 400:
        assert "error" in response.json()


def test_staff_api_needs_csrf_for_session_writes(users, orgs):
    client = Client(enforce_csrf_checks=True)
    client.login(username=users["org_editor"].username, password=PASSWORD)
    response = client.post("/api/v1/accounts/submissions", json.dumps(
        {"organisation": "jpj", "url": "facebook.com/jpj.csrf.test", "evidence": GOV_LINK}),
        content_type="application/json")
    assert response.status_code == 403
    assert not SocialAccount.objects.filter(handle="jpj.csrf.test").exists()
