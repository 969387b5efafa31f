import pytest

from rasmi.people.models import Membership, Role
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


@pytest.fixture
def people(orgs, django_user_model):
    def user(name, role, org=None):
        person = django_user_model.objects.create_user(name, password=PASSWORD)
        Membership.objects.create(user=person, role=role, organisation=org)
        return person

    return {"coordinator": user("coord", Role.COORDINATOR),
            "jpj_editor": user("ed_jpj", Role.ORG_EDITOR, orgs["jpj"]),
            "mot_admin": user("adm_mot", Role.ORG_ADMIN, orgs["mot"]),
            "kkm_editor": user("ed_kkm", Role.ORG_EDITOR, orgs["kkm"]),
            "jpj_viewer": user("view_jpj", Role.VIEWER, orgs["jpj"])}
