"""`rasmi load_demo_monitoring`: KKM's watch list and crisis contacts, once."""

from io import StringIO

import pytest
from django.core.management import call_command

from rasmi.conftest import make_user
from rasmi.monitoring.models import Alert, CrisisContact, WatchList

pytestmark = pytest.mark.django_db


def test_demo_monitoring_loads_once(orgs):
    make_user("pelulus.kkm", "org_approver", orgs["kkm"])
    make_user("editor.kkm", "org_editor", orgs["kkm"])
    for _ in range(2):
        call_command("load_demo_monitoring", stdout=StringIO())
    watch_list = WatchList.objects.get(organisation=orgs["kkm"])
    assert "banjir" in watch_list.terms_ms and "flood" in watch_list.topics
    contacts = {c.user.username: (c.language, c.address) for c in CrisisContact.objects.all()}
    assert contacts == {"pelulus.kkm": ("ms", "pelulus.kkm@rasmi-demo.invalid"),
                        "editor.kkm": ("en", "editor.kkm@rasmi-demo.invalid")}
    assert not Alert.objects.exists()


def test_demo_monitoring_needs_the_demo_users(orgs):
    out = StringIO()
    call_command("load_demo_monitoring", stdout=out)
    assert "skipped" in out.getvalue() and not WatchList.objects.exists()
