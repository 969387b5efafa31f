import json
from pathlib import Path

import pytest

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
    from rasmi.registry.models import SocialAccount

    jpj = orgs["jpj"]
    facebook = SocialAccount.objects.create(
        organisation=jpj, platform="facebook", account_key="facebook:jpjmalaysia",
        canonical_url="https://www.facebook.com/jpjmalaysia", handle="jpjmalaysia",
        platform_id="100064", status="official", official_since="2020-01-01")
    instagram = SocialAccount.objects.create(
        organisation=jpj, platform="instagram", account_key="instagram:jpjmalaysia",
        canonical_url="https://www.instagram.com/jpjmalaysia/", handle="jpjmalaysia",
        platform_id="17841400000000077", status="official", official_since="2020-01-01")
    pending = SocialAccount.objects.create(
        organisation=jpj, platform="facebook", account_key="facebook:jpj.baru",
        canonical_url="https://www.facebook.com/jpj.baru", handle="jpj.baru",
        platform_id="555000111", status="pending")
    return {"facebook": facebook, "instagram": instagram, "pending": pending}
