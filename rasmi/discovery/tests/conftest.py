import pytest

from rasmi.conftest import PASSWORD, make_user  # noqa: F401  (tests import them from here)
from rasmi.people.models import Role


@pytest.fixture
def people(orgs):
    return {"coordinator": make_user("coord", Role.COORDINATOR),
            "jpj_editor": make_user("ed_jpj", Role.ORG_EDITOR, orgs["jpj"]),
            "mot_admin": make_user("adm_mot", Role.ORG_ADMIN, orgs["mot"]),
            "kkm_editor": make_user("ed_kkm", Role.ORG_EDITOR, orgs["kkm"]),
            "jpj_viewer": make_user("view_jpj", Role.VIEWER, orgs["jpj"])}
