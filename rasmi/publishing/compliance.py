"""The compliance checker as the web app and commands use it: core.rules with what the
register knows (official accounts, organisations' own websites), built once and rebuilt
when the register changes."""

import threading
from dataclasses import dataclass
from functools import cache

from rasmi.core.rules import RuleSet, check_post
from rasmi.registry.models import AccountStatus, Organisation, SocialAccount
from rasmi.registry.verify import current_version


@dataclass(frozen=True)
class Context:
    rules: RuleSet
    official_keys: frozenset[str]
    official_domains: frozenset[str]
    version: int


_lock = threading.Lock()
_cached: Context | None = None


@cache
def _shipped_rules() -> RuleSet:
    """The packs do not change while the process runs; only the register's view does."""
    return RuleSet.shipped()


def context() -> Context:
    """Rules and register view, cached per process until the register version moves."""
    global _cached
    version = current_version()
    with _lock:
        if _cached is None or _cached.version != version:
            keys = frozenset(SocialAccount.objects.filter(status=AccountStatus.OFFICIAL)
                             .values_list("account_key", flat=True))
            domains = frozenset(
                w.lower().removeprefix("www.") for w in Organisation.objects.exclude(
                    website="").values_list("website", flat=True))
            _cached = Context(_shipped_rules(), keys, domains, version)
        return _cached


def check(post: dict, *, require_malay: bool = True) -> dict:
    """One post in the batch contract's shape -> {"id", "verdict", "findings"}."""
    ctx = context()
    return check_post(post, ctx.rules, official_keys=ctx.official_keys,
                      official_domains=ctx.official_domains, require_malay=require_malay)
