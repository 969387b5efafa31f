from pathlib import Path

import pytest

from rasmi.conftest import PASSWORD, make_user  # noqa: F401  (tests import them from here)
from rasmi.people.models import Role
from rasmi.registry.importer import run_import


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
