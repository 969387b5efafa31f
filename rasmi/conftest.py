import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", deadline=None, max_examples=300,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None, max_examples=100)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(autouse=True)
def _fresh_process_caches(settings):
    """Each test starts with empty in-process caches (verify index, rate-limit counters)."""
    from django.core.cache import cache

    from rasmi.registry import verify

    settings.VERIFY_INDEX_TTL = 0
    verify.invalidate_local_index()
    cache.clear()
    yield
    verify.invalidate_local_index()
