import json
from pathlib import Path

import pytest

from rasmi.conftest import make_account

PAYLOADS = Path(__file__).parent / "payloads"
SECRET = "test-app-secret"


def payload(name: str) -> bytes:
    return (PAYLOADS / f"{name}.json").read_bytes()


def payload_json(name: str) -> dict:
    return json.loads(payload(name))


@pytest.fixture
def meta_app(settings):
    settings.META_APP_SECRET = SECRET
    settings.META_VERIFY_TOKEN = "rasmi-verify-123"
    return settings


@pytest.fixture
def pages(orgs):
    """JPJ's official Facebook Page and Instagram account, and a pending Page."""

    jpj = orgs["jpj"]
    facebook = make_account(jpj, "https://www.facebook.com/jpjmalaysia", platform_id="100064")
    instagram = make_account(jpj, "https://www.instagram.com/jpjmalaysia/",
                             platform_id="17841400000000077")
    pending = make_account(jpj, "https://www.facebook.com/jpj.baru", status="pending",
                           platform_id="555000111")
    return {"facebook": facebook, "instagram": instagram, "pending": pending}
