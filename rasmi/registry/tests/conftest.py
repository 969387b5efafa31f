from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from rasmi.people.models import Membership, Role
from rasmi.registry.importer import run_import
from rasmi.registry.models import Organisation

PASSWORD = "test-password-123"


@pytest.fixture
def orgs(db):
    mot = Organisation.objects.create(code="mot", name_ms="Kementerian Pengangkutan",
                                      name_en="Ministry of Transport", acronyms=["MOT"],
                                      kind="ministry", website="mot.gov.my")
    jpj = Organisation.objects.create(code="jpj", name_ms="Jabatan Pengangkutan Jalan Malaysia",
                                      name_en="Road Transport Department Malaysia",
                                      acronyms=["JPJ", "RTD"], kind="department", parent=mot,
                                      website="jpj.gov.my")
    kkm = Organisation.objects.create(code="kkm", name_ms="Kementerian Kesihatan",
                                      name_en="Ministry of Health", acronyms=["KKM", "MOH"],
                                      kind="ministry", website="moh.gov.my")
    return {"mot": mot, "jpj": jpj, "kkm": kkm}


def make_user(username, role=None, org=None):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    if role:
        Membership.objects.create(user=user, role=role, organisation=org)
    return user


@pytest.fixture
def users(orgs):
    return {
        "coordinator": make_user("coord", Role.COORDINATOR),
        "coordinator2": make_user("coord2", Role.COORDINATOR),
        "org_admin": make_user("admin_mot", Role.ORG_ADMIN, orgs["mot"]),
        "org_editor": make_user("editor_jpj", Role.ORG_EDITOR, orgs["jpj"]),
        "viewer": make_user("viewer_jpj", Role.VIEWER, orgs["jpj"]),
        "other_editor": make_user("editor_kkm", Role.ORG_EDITOR, orgs["kkm"]),
        "nobody": make_user("nobody"),
    }


GOV_LINK = [{"kind": "gov_link", "url": "https://www.jpj.gov.my/media-sosial"}]


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def register(users):
    run_import(users["coordinator"], organisations=(FIXTURES / "organisations.csv").read_text(),
               accounts=(FIXTURES / "accounts.csv").read_text())
