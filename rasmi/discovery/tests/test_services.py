"""Triage end to end in the service layer: found -> confirmed -> register -> verify."""

import pytest
from django.core.exceptions import PermissionDenied

from rasmi.audit.services import verify_chain
from rasmi.discovery import services
from rasmi.discovery.models import Case, CaseEvent, CaseState, CitizenReport, Source
from rasmi.registry.models import AccountStatus, SocialAccount
from rasmi.registry.verify import verify

SCAM = {"id": "s1", "platform": "facebook", "url": "https://www.facebook.com/jpj.bantuan.saman2024",
        "display_name": "JPJ Malaysia Rasmi",
        "bio": "Semak & bayar saman dengan diskaun 70%. WhatsApp 011-0000 0000"}
BRANCH = {"id": "b1", "platform": "instagram", "url": "https://www.instagram.com/jpj_johor_contoh/",
          "display_name": "JPJ Negeri Johor", "bio": "Info kaunter. Laman rasmi: jpj.gov.my",
          "created_at": "2015-01-01"}
SHOP = {"id": "k1", "platform": "tiktok", "url": "https://www.tiktok.com/@kptbakery",
        "display_name": "KPT Bakery", "bio": "Kek lapis, tempahan dibuka"}


@pytest.fixture
def ingested(people):
    return services.ingest(people["coordinator"], [SCAM, BRANCH, SHOP], Source.FILE)


def _case(url):
    return Case.objects.select_related("candidate").get(candidate__url=url)


def test_ingest_scores_and_opens_cases_only_where_action_is_needed(ingested):
    assert ingested.created == 3 and ingested.cases_opened == 2
    assert ingested.labels == {"impersonation": 1, "unofficial": 1, "unrelated": 1}
    case = _case("https://www.facebook.com/jpj.bantuan.saman2024")
    assert case.organisation.code == "jpj" and case.state == CaseState.NEW
    assert case.due_on is not None
    assert CaseEvent.objects.filter(case=case, kind="opened").exists()


def test_ingest_is_for_coordinators(people):
    with pytest.raises(PermissionDenied):
        services.ingest(people["jpj_editor"], [SCAM], Source.FILE)


def test_confirming_puts_the_fake_in_the_register_and_verify_warns_at_once(ingested, people):
    url = "https://www.facebook.com/jpj.bantuan.saman2024"
    assert verify(url)["state"] == "not_registered"
    case = services.transition(people["jpj_editor"], _case(url),
                               CaseState.CONFIRMED_IMPERSONATION, "copies JPJ, asks for money")
    assert SocialAccount.objects.get(account_key=case.candidate.account_key).status == \
        AccountStatus.IMPERSONATION
    assert verify(url)["state"] == "impersonation"
    case = services.transition(people["jpj_editor"], case, CaseState.TAKEDOWN_REQUESTED)
    case = services.transition(people["jpj_editor"], case, CaseState.TAKEN_DOWN)
    assert case.taken_down_at and case.closed_at
    assert verify_chain()[1] == []


def test_a_parent_ministry_admin_may_act_but_another_organisation_may_not(ingested, people):
    case = _case("https://www.facebook.com/jpj.bantuan.saman2024")
    with pytest.raises(PermissionDenied):
        services.transition(people["kkm_editor"], case, CaseState.DISMISSED)
    with pytest.raises(PermissionDenied):
        services.transition(people["jpj_viewer"], case, CaseState.DISMISSED)
    services.transition(people["mot_admin"], case, CaseState.DISMISSED, "not ours to chase")
    assert Case.objects.get(pk=case.pk).state == CaseState.DISMISSED


def test_moves_outside_the_workflow_are_refused(ingested, people):
    case = _case("https://www.facebook.com/jpj.bantuan.saman2024")
    with pytest.raises(services.DiscoveryError) as error:
        services.transition(people["coordinator"], case, CaseState.TAKEN_DOWN)
    assert error.value.code == "invalid_transition"


def test_confirmed_unofficial_gets_a_follow_up_and_an_official_account_is_never_overwritten(
        ingested, people, orgs):
    case = services.transition(people["jpj_editor"],
                               _case("https://www.instagram.com/jpj_johor_contoh/"),
                               CaseState.CONFIRMED_UNOFFICIAL, follow_up="register")
    assert case.follow_up == "register"
    assert verify("https://www.instagram.com/jpj_johor_contoh/")["state"] == "unofficial"
    official = SocialAccount.objects.create(
        organisation=orgs["jpj"], platform="x", account_key="x:jpjrasmi",
        canonical_url="https://x.com/jpjrasmi", handle="jpjrasmi", status="official",
        official_since="2020-01-01")
    services.ingest(people["coordinator"], [{"id": "o", "url": "https://x.com/jpjrasmi",
                                             "display_name": "JPJ"}], Source.FILE)
    assert not Case.objects.filter(candidate__account_key=official.account_key).exists()


def test_citizen_reports_are_anonymous_deduplicated_and_capped(people):
    url = "https://www.facebook.com/kkm.bantuan.rasmi2026"
    candidate = services.report_account(url, "minta no IC", client_id="10.0.0.1")
    services.report_account(url, "again", client_id="10.0.0.1")
    assert CitizenReport.objects.filter(candidate=candidate).count() == 1
    report = CitizenReport.objects.get()
    assert "10.0.0.1" not in report.client_hash and len(report.client_hash) == 64
    case = Case.objects.get(candidate=candidate)
    assert case.organisation.code == "kkm" and candidate.label == "impersonation"
    for number in range(services.REPORTS_PER_CLIENT_PER_DAY - 1):
        services.report_account(f"https://www.facebook.com/someone.{number}x", "",
                                client_id="10.0.0.1")
    with pytest.raises(services.DiscoveryError) as error:
        services.report_account("https://www.facebook.com/one.more.page", "",
                                client_id="10.0.0.1")
    assert error.value.status == 429


def test_citizens_cannot_report_official_accounts_or_non_accounts(people, orgs):
    SocialAccount.objects.create(organisation=orgs["kkm"], platform="facebook",
                                 account_key="facebook:kkmportal",
                                 canonical_url="https://www.facebook.com/kkmportal",
                                 handle="kkmportal", status="official",
                                 official_since="2020-01-01")
    for url in ("https://www.facebook.com/kkmportal", "hello there"):
        with pytest.raises(services.DiscoveryError):
            services.report_account(url, "", client_id="x")


def test_recheck_reopens_a_takedown_that_came_back(ingested, people):
    case = _case("https://www.facebook.com/jpj.bantuan.saman2024")
    for state in (CaseState.CONFIRMED_IMPERSONATION, CaseState.TAKEDOWN_REQUESTED,
                  CaseState.TAKEN_DOWN):
        case = services.transition(people["coordinator"], case, state)
    report = services.recheck(people["coordinator"], seen_keys=set())
    assert report.still_gone == 1 and not report.came_back
    report = services.recheck(people["coordinator"], seen_keys={case.candidate.account_key})
    assert report.came_back == [case.pk]
    case.refresh_from_db()
    assert case.state == CaseState.STILL_LIVE and case.came_back == 1


def test_bulk_moves_report_each_case(ingested, people):
    cases = list(Case.objects.all())
    result = services.bulk_transition(people["jpj_editor"], cases, CaseState.DISMISSED, "bulk")
    assert len(result["done"]) == 2 and not result["failed"]


def test_recheck_command_and_task(ingested, people, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    seen = tmp_path / "seen.jsonl"
    seen.write_text('{"id": "1", "url": "https://www.facebook.com/jpj.bantuan.saman2024"}\n')
    out = StringIO()
    call_command("discover_recheck", "--seen", str(seen), stdout=out)
    assert "re-scored 2 open case(s)" in out.getvalue()
    out = StringIO()
    call_command("discover_recheck", "--enqueue", stdout=out)
    assert "enqueued" in out.getvalue()
