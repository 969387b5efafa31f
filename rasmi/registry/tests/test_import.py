from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rasmi.audit.services import verify_chain
from rasmi.registry.importer import run_import
from rasmi.registry.models import AccountAlias, Organisation, SocialAccount

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Row problems follow the reader's language; these tests read them in English."""
    from django.utils import translation

    with translation.override("en"):
        yield
FIXTURES = Path(__file__).parent / "fixtures"
ORGS = (FIXTURES / "organisations.csv").read_text()
ACCOUNTS = (FIXTURES / "accounts.csv").read_text()
HEADER = "organisation_code,platform,url,status,platform_id,previous_urls\n"


def test_contract_files_import_and_reimport_idempotently(users):
    first = run_import(users["coordinator"], organisations=ORGS, accounts=ACCOUNTS)
    assert first.applied and first.accounts["created"] == 6
    # mot and jpj already exist (users fixture) with the same details.
    assert first.organisations == {"created": 2, "updated": 0, "unchanged": 2}
    assert Organisation.objects.get(code="jpj").parent.code == "mot"
    assert AccountAlias.objects.get().account.handle == "example.jpj.rasmi"
    second = run_import(users["coordinator"], organisations=ORGS, accounts=ACCOUNTS)
    assert second.accounts == {"created": 0, "updated": 0, "unchanged": 6, "queued": 0}
    assert second.organisations == {"created": 0, "updated": 0, "unchanged": 4}
    assert SocialAccount.objects.count() == 6
    assert verify_chain()[1] == []


def test_any_bad_row_writes_nothing_and_each_is_reported_with_its_line(users):
    bad = HEADER + "\n".join([
        "jpj,facebook,https://www.facebook.com/good.one.here,official,,",   # line 2 fine
        "nope,facebook,https://www.facebook.com/unknown.org,official,,",   # 3
        "jpj,myspace,https://myspace.com/x,official,,",                    # 4
        "jpj,facebook,hello there,official,,",                             # 5
        "jpj,facebook,https://www.facebook.com/bad.status,verified,,",     # 6
        "kpt,facebook,https://www.facebook.com/good.one.here,official,,",  # 7 duplicate across orgs
        "jpj,instagram,https://www.facebook.com/wrong.platform,official,,",  # 8
    ]) + "\n"
    report = run_import(users["coordinator"], organisations=ORGS, accounts=bad,
                        accounts_name="bad.csv")
    assert not report.applied
    lines = {p.line: p.reason for p in report.problems}
    assert sorted(lines) == [3, 4, 5, 6, 7, 8]
    assert "unknown organisation" in lines[3]
    assert "unknown platform" in lines[4]
    assert "does not parse" in lines[5]
    assert "bad status" in lines[6]
    assert "duplicate account across organisations" in lines[7] and "line 2" in lines[7]
    assert "not instagram" in lines[8]
    assert all(p.file == "bad.csv" for p in report.problems)
    assert SocialAccount.objects.count() == 0
    assert not Organisation.objects.filter(code="kpt").exists()  # orgs rolled back too


def test_clash_with_the_register_is_reported(users):
    run_import(users["coordinator"], organisations=ORGS, accounts=ACCOUNTS)
    clash = HEADER + "kpt,facebook,https://www.facebook.com/example.jpj.rasmi,official,,\n"
    report = run_import(users["coordinator"], accounts=clash)
    assert report.problems[0].line == 2
    assert "already registered under 'jpj'" in report.problems[0].reason
    old = HEADER + "jpj,facebook,https://www.facebook.com/example.jpj.lama,official,,\n"
    report = run_import(users["coordinator"], accounts=old)
    assert "former address" in report.problems[0].reason


def test_bad_header_and_ragged_rows(users):
    report = run_import(users["coordinator"], accounts="organisation,platform\njpj,facebook\n")
    assert report.problems[0].line == 1 and "missing column" in report.problems[0].reason
    ragged = HEADER + "jpj,facebook,https://www.facebook.com/abcdef,official,,,extra\n"
    report = run_import(users["coordinator"], organisations=ORGS, accounts=ragged)
    assert report.problems[0].line == 2 and "too many" in report.problems[0].reason


def test_organisation_rows_are_checked(users):
    orgs = ("code,name_ms,name_en,acronyms,kind,parent_code,website\n"
            "ok,Jabatan Ok,Ok Department,OK,department,,ok.gov.my\n"
            "Bad Code,X,Y,,agency,,\n"
            "k2,Kem,Min,,galaxy,,\n"
            "k3,Kem,Min,,ministry,missing,\n"
            "k4,Kem,Min,,ministry,,not a domain\n")
    report = run_import(users["coordinator"], organisations=orgs)
    assert [p.line for p in report.problems] == [3, 4, 5, 6]


def test_only_coordinators_import(users):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run_import(users["org_admin"], organisations=ORGS)


def test_command_dry_run_reports_and_writes_nothing(users, tmp_path):
    (tmp_path / "o.csv").write_text(ORGS)
    (tmp_path / "a.csv").write_text(ACCOUNTS)
    out = StringIO()
    call_command("import_registry", organisations=tmp_path / "o.csv",
                 accounts=tmp_path / "a.csv", dry_run=True, stdout=out)
    assert "would apply" in out.getvalue() and "6 new" in out.getvalue()
    assert SocialAccount.objects.count() == 0
    (tmp_path / "bad.csv").write_text(HEADER + "zzz,facebook,https://www.facebook.com/abcdef,official,,\n")
    out = StringIO()
    with pytest.raises(CommandError, match="1 bad row"):
        call_command("import_registry", accounts=tmp_path / "bad.csv", stdout=out)
    assert f"{tmp_path / 'bad.csv'}:2: unknown organisation" in out.getvalue()
    call_command("import_registry", organisations=tmp_path / "o.csv",
                 accounts=tmp_path / "a.csv", stdout=StringIO())
    assert SocialAccount.objects.count() == 6
    with pytest.raises(CommandError, match="not a national coordinator"):
        call_command("import_registry", organisations=tmp_path / "o.csv",
                     actor=users["org_admin"].username, stdout=StringIO())


PENDING = HEADER + "\n".join([
    "jpj,instagram,https://www.instagram.com/example_jpj_baru/,pending,,",
    "kkm,x,https://x.com/example_kkm_new,pending,,https://x.com/example_kkm_old",
]) + "\n"


def test_command_says_pending_rows_wait_for_another_coordinator(users, tmp_path):
    (tmp_path / "pending.csv").write_text(PENDING)
    out = StringIO()
    call_command("import_registry", accounts=tmp_path / "pending.csv", dry_run=True,
                 stdout=out)
    assert "2 new accounts will wait for approval by another coordinator." in out.getvalue()
    out = StringIO()
    call_command("import_registry", accounts=tmp_path / "pending.csv", language="ms",
                 actor=users["coordinator"].username, stdout=out)
    assert "2 akaun baharu akan menunggu kelulusan penyelaras lain." in out.getvalue()
    queued = SocialAccount.objects.filter(status="pending")
    assert {a.submitted_by for a in queued} == {users["coordinator"]}


def _public_everywhere(client, handle: str) -> list[str]:
    """Where a citizen could see the account: each public list that shows it."""
    seen = []
    api = client.get("/api/v1/accounts", {"page_size": 100}).json()["results"]
    if any(handle in a["canonical_url"] for a in api):
        seen.append("api list")
    for fmt in ("csv", "json"):
        body = b"".join(client.get("/api/v1/accounts/export", {"format": fmt})
                        .streaming_content).decode()
        if handle in body:
            seen.append(f"export {fmt}")
    for page in ("/direktori/jpj/", "/direktori/kkm/", "/perubahan.atom"):
        if handle in client.get(page).content.decode():
            seen.append(page)
    if any(handle in c["url"] for c in client.get("/api/v1/changes").json()["results"]):
        seen.append("api changes")
    return seen


def test_pending_rows_enter_the_approval_queue_like_submissions(users, client):
    from rasmi.audit.models import AuditEntry
    from rasmi.registry import selectors, services
    from rasmi.registry.census import build_census
    from rasmi.registry.errors import RegisterError
    from rasmi.registry.models import Evidence, RegisterChange
    from rasmi.registry.verify import get_index

    coordinator, other = users["coordinator"], users["coordinator2"]
    census_before = build_census().rows()
    report = run_import(coordinator, accounts=PENDING, accounts_name="migrate.csv")
    assert report.applied and report.accounts["queued"] == 2
    queued = {a.handle: a for a in selectors.pending_accounts(other)}
    assert set(queued) == {"example_jpj_baru", "example_kkm_new"}
    account = queued["example_jpj_baru"]
    # the state submit_account leaves: submitter, no reviewer, no review dates, evidence
    assert account.status == "pending" and account.submitted_by == coordinator
    assert account.reviewed_by is None and account.platform_verified == "unknown"
    assert (account.official_since, account.last_reviewed, account.next_review_due) == (
        None, None, None)
    evidence = Evidence.objects.get(account=account)
    assert evidence.kind == "attestation" and evidence.added_by == coordinator
    assert "migrate.csv" in evidence.note and "line 2" in evidence.note
    audited = AuditEntry.objects.get(action="registry.account.import").after["created"]
    assert ["instagram:example_jpj_baru", "jpj", "pending", ""] in audited
    noted = AuditEntry.objects.get(action="registry.evidence.import").after
    assert [row[0] for row in noted["created"]] == ["instagram:example_jpj_baru",
                                                    "x:example_kkm_new"]
    # never public: lists, export, directory, change feed, census; verify: not registered
    assert RegisterChange.objects.count() == 0
    assert _public_everywhere(client, "example_jpj_baru") == []
    assert _public_everywhere(client, "example_kkm_new") == []
    assert client.get("/api/v1/accounts", {"status": "pending"}).status_code == 400
    assert build_census().rows() == census_before
    for url in ("instagram.com/example_jpj_baru", "https://x.com/example_kkm_new",
                "https://x.com/example_kkm_old"):  # nor its former address
        assert get_index().lookup(url)["state"] == "not_registered", url

    # maker-checker: the importer cannot approve, in the service or through the API
    with pytest.raises(RegisterError) as refused:
        services.approve_account(coordinator, account)
    assert refused.value.code == "maker_checker"
    client.force_login(coordinator)
    response = client.post(f"/api/v1/accounts/{account.pk}/approve", {"reason": "mine"},
                           content_type="application/json")
    assert response.status_code == 403 and response.json()["error"]["code"] == "maker_checker"
    client.logout()
    account.refresh_from_db()
    assert account.status == "pending"

    services.approve_account(other, account)
    assert get_index().lookup("instagram.com/example_jpj_baru")["state"] == "official"
    assert "api list" in _public_everywhere(client, "example_jpj_baru")
    assert RegisterChange.objects.get().account_key == "instagram:example_jpj_baru"


@pytest.mark.parametrize("whole_table", [False, True], ids=["in-queries", "table-scan"])
def test_pending_rows_cannot_demote_or_self_approve(users, monkeypatch, whole_table):
    from rasmi.registry import importer
    from rasmi.registry.models import AccountReview, RegisterChange
    from rasmi.registry.verify import get_index

    if whole_table:  # the plan reads the register both ways; both must see the same
        monkeypatch.setattr(importer, "WHOLE_TABLE", 1)
    coordinator, other = users["coordinator"], users["coordinator2"]
    run_import(coordinator, organisations=ORGS, accounts=ACCOUNTS)
    run_import(coordinator, accounts=PENDING)
    demote = HEADER + "\n".join([
        "kpt,facebook,https://www.facebook.com/example.kpt.rasmi,pending,,",
        "jpj,tiktok,https://www.tiktok.com/@example.jpj.official,pending,,",
        "jpj,instagram,https://www.instagram.com/example_jpj_baru/,pending,,",  # still pending
    ]) + "\n"
    report = run_import(other, accounts=demote)
    assert [(p.line, p.reason) for p in report.problems] == [
        (2, "already official in the register; a pending row cannot send it back to the "
            "approval queue"),
        (3, "already impersonation in the register; a pending row cannot send it back to "
            "the approval queue")]
    assert SocialAccount.objects.get(handle="example.kpt.rasmi").status == "official"

    unchanged = run_import(other, accounts=PENDING)
    assert unchanged.applied and unchanged.accounts["unchanged"] == 2

    approve_own = HEADER + "kkm,x,https://x.com/example_kkm_new,official,,\n"
    report = run_import(coordinator, accounts=approve_own)
    assert "another coordinator must approve" in report.problems[0].reason
    # nor decide it another way first (archived today, official tomorrow)
    report = run_import(coordinator, accounts=approve_own.replace(",official,", ",archived,"))
    assert "another coordinator must approve" in report.problems[0].reason
    assert SocialAccount.objects.get(handle="example_kkm_new").status == "pending"

    # Another coordinator may approve by import: recorded as the approval it is.
    report = run_import(other, accounts=approve_own, accounts_name="approved.csv")
    assert report.applied and report.accounts["updated"] == 1
    account = SocialAccount.objects.get(handle="example_kkm_new")
    assert account.status == "official" and account.official_since is not None
    assert account.reviewed_by == other and account.submitted_by == coordinator
    review = AccountReview.objects.get(account=account)
    assert (review.decision, review.reviewer, review.submitted_by) == (
        "approved", other, coordinator)
    assert "approved.csv" in review.reason
    change = RegisterChange.objects.get(account_key="x:example_kkm_new")
    assert (change.kind, change.old_status, change.new_status) == ("added", "", "official")
    assert get_index().lookup("x.com/example_kkm_new")["state"] == "official"
    assert get_index().lookup("x.com/example_kkm_old")["state"] == "moved"


def test_import_writes_one_audit_entry_per_batch_and_none_when_nothing_changes(users):
    from rasmi.audit.models import AuditEntry
    from rasmi.registry import importer
    from rasmi.registry.models import RegisterChange
    from rasmi.registry.verify import current_version

    run_import(users["coordinator"], organisations=ORGS, accounts=ACCOUNTS)
    entries = {e.action: e for e in AuditEntry.objects.filter(action__endswith=".import")}
    assert set(entries) == {"registry.organisation.import", "registry.account.import",
                            "registry.alias.import"}
    assert all(e.actor_label == "coord" for e in entries.values())
    after = entries["registry.account.import"].after
    assert after["columns"] == ["account", "organisation", "status", "platform_id"]
    assert len(after["created"]) == 6 and after["changed"] == []
    assert ["facebook:examplekptrasmi", "kpt", "official", "100000000000001"] in after["created"]
    assert entries["registry.alias.import"].after["created"] == [
        ["facebook:examplejpjlama", "facebook:examplejpjrasmi"]]
    orgs_created = entries["registry.organisation.import"].after["created"]
    assert [row[0] for row in orgs_created] == ["kpt", "jpt"]

    # An unchanged re-import writes nothing at all: no audit, no feed, no new version.
    counts = (AuditEntry.objects.count(), RegisterChange.objects.count(), current_version())
    again = run_import(users["coordinator"], organisations=ORGS, accounts=ACCOUNTS)
    assert again.applied and again.accounts["unchanged"] == 6
    assert (AuditEntry.objects.count(), RegisterChange.objects.count(),
            current_version()) == counts

    change = HEADER + "jpj,tiktok,https://www.tiktok.com/@example.jpj.official,archived,,\n"
    run_import(users["coordinator"], accounts=change)
    last = AuditEntry.objects.order_by("id").last()
    assert last.after["created"] == []
    assert last.after["changed"] == [["tiktok:example.jpj.official",
                                      {"status": ["impersonation", "archived"]}]]
    assert current_version() == counts[2] + 1
    feed = RegisterChange.objects.order_by("id").last()
    assert (feed.kind, feed.old_status, feed.new_status) == (
        "status_changed", "impersonation", "archived")
    renamed = ORGS.replace("Ministry of Higher Education", "Ministry of Higher Learning")
    run_import(users["coordinator"], organisations=renamed)
    last = AuditEntry.objects.order_by("id").last()
    assert last.action == "registry.organisation.import"
    assert last.after["changed"] == [["kpt", {"name_en": ["Ministry of Higher Education",
                                                          "Ministry of Higher Learning"]}]]
    assert verify_chain()[1] == []

    many = HEADER + "".join(f"jpj,x,https://x.com/bulk{i:05d},unofficial,,\n" for i in range(12))
    importer_batch = importer.AUDIT_BATCH
    try:
        importer.AUDIT_BATCH = 5
        run_import(users["coordinator"], accounts=many)
    finally:
        importer.AUDIT_BATCH = importer_batch
    batches = list(AuditEntry.objects.filter(action="registry.account.import")
                   .order_by("-id")[:3])
    assert sorted(e.object_id for e in batches) == ["import 1/3", "import 2/3", "import 3/3"]
    assert sorted(len(e.after["created"]) for e in batches) == [2, 5, 5]
    listed = {row[0] for e in batches for row in e.after["created"]}
    assert listed == {f"x:bulk{i:05d}" for i in range(12)}
    assert verify_chain()[1] == []


def test_platform_id_in_the_url_clashes_like_one_in_its_column(users):
    """profile.php?id=N stores N as the platform id: a row problem, not a database error."""
    run_import(users["coordinator"], organisations=ORGS, accounts=ACCOUNTS)
    clash = HEADER + ("kpt,facebook,https://www.facebook.com/profile.php?id=100000000000001,"
                      "official,,\n")
    report = run_import(users["coordinator"], accounts=clash)
    assert report.problems[0].line == 2
    assert "platform_id 100000000000001 belongs to facebook:examplekptrasmi" in \
        report.problems[0].reason
    twice = HEADER + "\n".join([
        "kkm,facebook,https://www.facebook.com/kkm.page.one,official,100000000000777,",
        "kkm,facebook,https://www.facebook.com/profile.php?id=100000000000777,official,,",
    ]) + "\n"
    report = run_import(users["coordinator"], accounts=twice)
    assert [(p.line, p.reason) for p in report.problems] == [
        (3, "platform_id 100000000000777 also on line 2")]


def test_the_database_still_enforces_constraints_and_nothing_is_written(users, monkeypatch):
    """If the plan ever misses a clash, the database refuses it, the whole import rolls
    back and the refusal is reported (no traceback)."""
    from rasmi.audit.models import AuditEntry
    from rasmi.registry import importer

    run_import(users["coordinator"], organisations=ORGS, accounts=ACCOUNTS)
    before = (SocialAccount.objects.count(), AuditEntry.objects.count())
    monkeypatch.setattr(importer, "_clashes", lambda *args: [])
    rows = HEADER + "\n".join([
        "kkm,x,https://x.com/kkm_fine,official,,",
        "kkm,facebook,https://www.facebook.com/kkm.page.two,official,100000000000001,",
    ]) + "\n"
    report = run_import(users["coordinator"], accounts=rows, accounts_name="late.csv")
    assert not report.applied and report.problems[0].line == 0
    assert str(report.problems[0]).startswith("late.csv: the database refused the import")
    assert (SocialAccount.objects.count(), AuditEntry.objects.count()) == before
    assert not SocialAccount.objects.filter(handle="kkm_fine").exists()
    assert verify_chain()[1] == []


def test_dry_run_reports_clashes_and_writes_nothing(users):
    from rasmi.audit.models import AuditEntry

    report = run_import(users["coordinator"], organisations=ORGS, accounts=ACCOUNTS + (
        "kpt,x,https://x.com/example_kpt_new,pending,,\n"), dry_run=True)
    assert report.ok and not report.applied
    assert report.accounts == {"created": 7, "updated": 0, "unchanged": 0, "queued": 1}
    assert SocialAccount.objects.count() == 0 and AuditEntry.objects.count() == 0


def test_row_problems_read_in_bahasa_melayu_on_the_import_page(users, client, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import translation

    bad = (HEADER + "zzz,facebook,https://www.facebook.com/abcdef,official,,\n").encode()
    with translation.override("ms"):
        report = run_import(users["coordinator"], accounts=bad.decode())
    assert report.problems[0].reason == "organisasi 'zzz' tidak dikenali"
    client.force_login(users["coordinator"])
    page = client.post("/staf/import/", {"accounts": SimpleUploadedFile("a.csv", bad)})
    assert "organisasi &#x27;zzz&#x27; tidak dikenali" in page.content.decode()
    (tmp_path / "a.csv").write_bytes(bad)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_registry", accounts=tmp_path / "a.csv", language="ms", stdout=out)
    assert "organisasi 'zzz' tidak dikenali" in out.getvalue()
