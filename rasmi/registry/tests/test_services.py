import pytest
from django.core.exceptions import PermissionDenied

from rasmi.audit.models import AuditEntry
from rasmi.audit.services import verify_chain
from rasmi.registry import services
from rasmi.registry.errors import RegisterError
from rasmi.registry.models import AccountAlias, AccountReview, AccountStatus, RegisterChange
from rasmi.registry.services import EvidenceInput
from rasmi.registry.verify import verify

pytestmark = pytest.mark.django_db
URL = "https://www.facebook.com/example.jpj.rasmi"
EVIDENCE = [EvidenceInput(kind="gov_link", url="https://www.jpj.gov.my/hubungi")]


def submit(users, orgs, url=URL, who="org_editor"):
    return services.submit_account(users[who], orgs["jpj"], url, evidence=EVIDENCE)


def test_submission_is_pending_and_not_official_to_the_public(users, orgs):
    account = submit(users, orgs)
    assert account.status == AccountStatus.PENDING
    assert verify(URL)["state"] == "not_registered"
    assert AuditEntry.objects.filter(action="registry.account.submit").count() == 1


def test_coordinator_approves_and_the_public_sees_it_at_once(users, orgs):
    account = submit(users, orgs)
    services.approve_account(users["coordinator"], account, "letter checked")
    answer = verify("https://m.facebook.com/example.jpj.rasmi/posts/1?ref=share")
    assert answer["state"] == "official"
    assert answer["organisation"]["code"] == "jpj"
    assert answer["official_since"] and answer["last_reviewed"]
    assert RegisterChange.objects.filter(kind="added", account_key=account.account_key).exists()
    assert verify_chain()[1] == []


def test_the_submitter_can_never_approve_their_own_submission(users, orgs):
    account = submit(users, orgs, who="coordinator")
    with pytest.raises(RegisterError) as raised:
        services.approve_account(users["coordinator"], account)
    assert raised.value.code == "maker_checker"
    services.approve_account(users["coordinator2"], account)


@pytest.mark.parametrize("who", ["org_admin", "org_editor", "viewer", "nobody", "other_editor"])
def test_only_coordinators_approve(users, orgs, who):
    account = submit(users, orgs)
    with pytest.raises(PermissionDenied):
        services.approve_account(users[who], account)


@pytest.mark.parametrize("who,allowed", [("org_editor", True), ("org_admin", True),
                                         ("coordinator", True), ("viewer", False),
                                         ("other_editor", False), ("nobody", False)])
def test_who_may_submit_for_jpj(users, orgs, who, allowed):
    if allowed:
        assert submit(users, orgs, who=who).status == AccountStatus.PENDING
    else:
        with pytest.raises(PermissionDenied):
            submit(users, orgs, who=who)


def test_submission_needs_evidence_and_gov_my_links(users, orgs):
    with pytest.raises(RegisterError):
        services.submit_account(users["org_editor"], orgs["jpj"], URL, evidence=[])
    with pytest.raises(RegisterError):
        services.submit_account(users["org_editor"], orgs["jpj"], URL, evidence=[
            EvidenceInput(kind="gov_link", url="https://jpj.gov.my.evil.example/x")])


def test_duplicate_and_bad_urls_are_refused(users, orgs):
    submit(users, orgs)
    with pytest.raises(RegisterError) as raised:
        submit(users, orgs, url="facebook.com/Example.JPJ.Rasmi/")
    assert raised.value.code == "duplicate_account"
    with pytest.raises(RegisterError) as raised:
        submit(users, orgs, url="https://facebook.com.evil.example/jpj")
    assert raised.value.code == "invalid_url"


def test_reject_removes_the_submission_but_keeps_the_decision(users, orgs):
    account = submit(users, orgs)
    with pytest.raises(RegisterError):
        services.reject_account(users["coordinator"], account, "  ")
    services.reject_account(users["coordinator"], account, "no evidence on jpj.gov.my")
    review = AccountReview.objects.get()
    assert review.decision == "rejected" and review.account is None
    assert verify(URL)["state"] == "not_registered"
    submit(users, orgs)  # may be submitted again with better evidence


def _official(users, orgs, url=URL):
    account = submit(users, orgs, url=url)
    return services.approve_account(users["coordinator"], account)


def test_handle_change_keeps_history_and_old_address_is_never_official(users, orgs):
    account = _official(users, orgs)
    services.move_account(users["coordinator"], account, "facebook.com/jpjmalaysia.rasmi")
    old = verify(URL)
    assert old["state"] == "moved"
    assert old["current_url"] == "https://www.facebook.com/jpjmalaysia.rasmi"
    assert verify("https://www.facebook.com/jpjmalaysia.rasmi")["state"] == "official"
    assert AccountAlias.objects.filter(account=account).count() == 1
    with pytest.raises(RegisterError) as raised:
        submit(users, orgs, url=URL)
    assert raised.value.code == "former_address"


def test_status_changes_never_make_an_account_official(users, orgs):
    account = _official(users, orgs)
    with pytest.raises(RegisterError):
        services.set_status(users["coordinator"], account, "official", "because")
    services.set_status(users["coordinator"], account, "archived", "retired in 2025")
    assert verify(URL)["state"] == "archived"
    with pytest.raises(PermissionDenied):
        services.set_status(users["org_admin"], account, "impersonation", "hijacked")


def test_recertification_moves_the_due_date(users, orgs):
    account = _official(users, orgs)
    account.next_review_due = account.last_reviewed.replace(year=2000)
    account.save()
    from rasmi.registry.selectors import overdue_accounts

    assert list(overdue_accounts()) == [account]
    services.recertify_account(users["coordinator"], account, "still ours")
    assert list(overdue_accounts()) == []
