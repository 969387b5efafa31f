"""The compliance checker as the web app and commands use it: core.rules with what the
register knows (official accounts, organisations' own websites), built once and rebuilt
when the register changes."""

import threading
from dataclasses import dataclass
from functools import cache

from rasmi.core.rules import RuleSet, check_post, own_term_rule, pack_names
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


# --- an organisation's own choices -------------------------------------------------------

OWN_TERM_MESSAGES = {
    "block": ("Istilah ini dalam senarai larangan SOP organisasi anda. Buang atau gantikannya.",
              "This term is on your organisation's SOP list of terms not to publish. "
              "Remove or replace it."),
    "warn": ("Istilah ini dalam senarai semakan SOP organisasi anda. Pastikan ia sesuai "
             "sebelum menyiarkan.",
             "This term is on your organisation's SOP list to double-check. Make sure it "
             "belongs in the post."),
}


@cache
def _rules_for(packs_off: tuple[str, ...], rules_off: tuple[str, ...],
               own_block: tuple[str, ...], own_warn: tuple[str, ...]) -> RuleSet:
    """Compiled once per distinct set of choices (few), not once per organisation."""
    own = [own_term_rule(f"own.{severity}", terms, category="confidential",
                         severity=severity, message_ms=OWN_TERM_MESSAGES[severity][0],
                         message_en=OWN_TERM_MESSAGES[severity][1])
           for severity, terms in (("block", own_block), ("warn", own_warn)) if terms]
    wanted = [name for name in pack_names() if name not in packs_off]
    return RuleSet.shipped(packs=wanted, disabled=rules_off, own_terms=own)


def rules_for(sop) -> RuleSet:
    if sop is None:
        return _shipped_rules()
    return _rules_for(tuple(sorted(sop.packs_off)), tuple(sorted(sop.rules_off)),
                      tuple(sorted(sop.own_terms_block)), tuple(sorted(sop.own_terms_warn)))


def check_for(sop, post: dict, *, require_malay: bool | None = None) -> dict:
    """Check a post with its organisation's SOP: its packs, rules, own terms, language.
    `require_malay` overrides the SOP's language policy (an inbox reply in English to a
    citizen who wrote in English)."""
    ctx = context()
    if require_malay is None:
        require_malay = sop is None or sop.language_policy != "any"
    return check_post(post, rules_for(sop), official_keys=ctx.official_keys,
                      official_domains=ctx.official_domains, require_malay=require_malay)
