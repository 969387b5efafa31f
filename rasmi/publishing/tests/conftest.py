import datetime as dt

import pytest
from django.utils import timezone

from rasmi.conftest import make_account, make_user


@pytest.fixture
def newsroom(orgs):
    """JPJ with an editor, two approvers, an admin, a viewer; an outsider at KKM; two
    official JPJ accounts publishing to the dry-run outbox and one pending account."""
    from rasmi.publishing.models import Credential
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
    fb = make_account(jpj, "https://www.facebook.com/jpjmalaysia", platform_id="100064")
    x = make_account(jpj, "https://x.com/jpjmalaysia", platform_id="200077")
    pending = make_account(jpj, "https://www.instagram.com/jpj.baru/", status="pending")
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
