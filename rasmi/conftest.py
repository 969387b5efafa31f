import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", deadline=None, max_examples=300,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None, max_examples=100)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(autouse=True)
def _fresh_process_caches(settings, monkeypatch):
    """Each test starts with empty in-process caches (verify index, crisis routing, rate-limit
    counters), a rate-limit window that does not turn over mid-test, and a fast password
    hasher."""
    from django.core.cache import cache

    from rasmi import ratelimit
    from rasmi.monitoring import crisis_routing
    from rasmi.registry import verify

    monkeypatch.setattr(ratelimit, "_clock", lambda: 1_800_000_030.0)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.VERIFY_INDEX_TTL = 0
    verify.invalidate_local_index()
    crisis_routing.invalidate()  # the active crises inbox routing read a moment ago
    cache.clear()
    yield
    verify.invalidate_local_index()
    crisis_routing.invalidate()


PASSWORD = "test-password-123"


@pytest.fixture
def orgs(db):
    """Two ministries and a department under one of them: enough for every permission rule."""
    from rasmi.registry.models import Organisation

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
    from django.contrib.auth import get_user_model

    from rasmi.people.models import Membership

    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    if role:
        Membership.objects.create(user=user, role=role, organisation=org)
    return user


def make_account(org, url, *, status="official", platform_id=""):
    """A register account from its address, keyed the way the register keys it."""
    from rasmi.core.links import parse_account
    from rasmi.registry.models import SocialAccount

    ref = parse_account(url)
    return SocialAccount.objects.create(
        organisation=org, platform=ref.platform, account_key=ref.key, handle=ref.handle,
        canonical_url=ref.canonical_url, platform_id=platform_id, status=status,
        official_since="2020-01-01" if status == "official" else None)
