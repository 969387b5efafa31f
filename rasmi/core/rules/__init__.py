"""The compliance checker: rule packs as data (packs/*.yaml), compiled into a RuleSet that
checks a post against Malaysian law and codes, the platforms' standards and the
organisation's SOP. Pure Python, no Django: the same code runs in the editor (HTMX, as the
officer types), in `rasmi check_posts` and in batch jobs."""

from rasmi.core.rules.engine import RuleSet, check_post, own_term_rule
from rasmi.core.rules.model import CATEGORIES, Finding, Rule, verdict_of
from rasmi.core.rules.packs import PackError, pack_names, shipped_rules

__all__ = ["CATEGORIES", "Finding", "PackError", "Rule", "RuleSet", "check_post",
           "own_term_rule", "pack_names", "shipped_rules", "verdict_of"]
