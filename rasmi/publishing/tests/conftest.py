import datetime as dt

import pytest
from django.utils import timezone

from rasmi.conftest import make_user


@pytest.fixture
def newsroom(orgs):
    """JPJ with an editor, two approvers, an admin, a viewer; an outsider at KKM; two
    official JPJ accounts publishing to the dry-run outbox and one pending account."""
    from rasmi.publishing.models import Credential
    from rasmi.registry.models import SocialAccount
    from rasmi.registry.services import bump_register_version

    jpj = orgs["jpj"]
    people = {
        "editor": make_user("editor", "org_editor", jpj),
        "approver": make_user("approver", "org_approver", jpj),
        "approver2": make_user("approver2", "org_approver", jpj),
        "admin": make_user("admin", "org_admin", jpj),
        "viewer": make_user("viewer", "viewer", jpj),
        "outsider": make_user("outsider", "org_editor", orgs["kkm"]),
        "coordinator": make_user("coordinator", "coordinator", None),
    }
    fb = SocialAccount.objects.create(
        organisation=jpj, platform="facebook", account_key="facebook:jpjmalaysia",
        canonical_url="https://www.facebook.com/jpjmalaysia", handle="jpjmalaysia",
        platform_id="100064", status="official", official_since="2020-01-01")
    x = SocialAccount.objects.create(
        organisation=jpj, platform="x", account_key="x:jpjmalaysia",
        canonical_url="https://x.com/jpjmalaysia", handle="jpjmalaysia",
        platform_id="200077", status="official", official_since="2020-01-01")
    pending = SocialAccount.objects.create(
        organisation=jpj, platform="instagram", account_key="instagram:jpj.baru",
        canonical_url="https://www.instagram.com/jpj.baru/", handle="jpj.baru",
        status="pending")
    for account in (fb, x):
        Credential.objects.create(account=account, mode="dry_run")
    bump_register_version()
    return {"org": jpj, "fb": fb, "x": x, "pending": pending, **people}


GOOD_TEXT = ("Kaunter JPJ Wangsa Maju dibuka pada hari Sabtu ini dari 8 pagi hingga 1 "
             "petang untuk pembaharuan lesen memandu. Terima kasih.")


def post_input(accounts, text=GOOD_TEXT, **extra):
    from rasmi.publishing.services import PostInput

    return PostInput(title="Kaunter Sabtu", text=text, account_ids=[a.pk for a in accounts],
                     **extra)


def tomorrow_at(hour: int, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
