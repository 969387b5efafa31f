import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", deadline=None, max_examples=300,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None, max_examples=100)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(autouse=True)
def _fresh_process_caches(settings, monkeypatch):
    """Each test starts with empty in-process caches (verify index, rate-limit counters),
    a rate-limit window that does not turn over mid-test, and a fast password hasher."""
    from django.core.cache import cache

    from rasmi import ratelimit
    from rasmi.registry import verify

    monkeypatch.setattr(ratelimit, "_clock", lambda: 1_800_000_030.0)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.VERIFY_INDEX_TTL = 0
    verify.invalidate_local_index()
    cache.clear()
    yield
    verify.invalidate_local_index()
