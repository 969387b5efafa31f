"""Rule packs: YAML files in `packs/`, one per layer of rules (Malaysian law and codes,
platform community standards, the organisation's SOP).

A pack file:

    pack: law                      # its name, used to switch it on or off
    layer: law                     # default layer of its rules: law | platform | sop
    title_ms: ... / title_en: ...
    rules:
      - id: pdp.mykad              # unique across packs
        category: personal_data    # one of model.CATEGORIES
        severity: block            # block | warn
        basis: "Personal Data Protection Act 2010 ..."
        message_ms: ... / message_en: ...   # how to fix it, in both languages
        terms: [...]               # whole words or phrases, any case
        patterns: [...]            # regular expressions, any case
        case_sensitive_patterns: [...]
        detector: mykad            # or a programmatic check (see detectors.py)
        exceptions: [...]          # phrases that make a match inside them innocent
        context_exceptions: [...]  # words that make a match in the same sentence innocent

Every pack is checked when it loads, and a mistake names its file and rule.
"""

import re
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from rasmi.core.rules.model import CATEGORIES, LAYERS, SEVERITIES, Rule

PACK_DIR = "packs"
_REQUIRED = ("id", "category", "severity", "basis", "message_ms", "message_en")
_LISTS = ("terms", "patterns", "case_sensitive_patterns", "exceptions", "context_exceptions")


class PackError(ValueError):
    """A rule pack that cannot be used, with where and why."""


def _as_tuple(value, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise PackError(f"{where}: {key} must be a list of non-empty text")
    return tuple(v.strip() for v in value)


def parse_pack(data: dict, source: str) -> list[Rule]:
    if not isinstance(data, dict) or not isinstance(data.get("pack"), str):
        raise PackError(f"{source}: a pack needs a `pack` name")
    name = data["pack"]
    layer = data.get("layer", "law")
    rules = []
    for number, raw in enumerate(data.get("rules") or [], 1):
        where = f"{source}: rule {raw.get('id', number) if isinstance(raw, dict) else number}"
        if not isinstance(raw, dict):
            raise PackError(f"{where}: not a mapping")
        missing = [key for key in _REQUIRED if not raw.get(key)]
        if missing:
            raise PackError(f"{where}: missing {', '.join(missing)}")
        rule_layer = raw.get("layer", layer)
        if raw["category"] not in CATEGORIES:
            raise PackError(f"{where}: unknown category {raw['category']!r}")
        if raw["severity"] not in SEVERITIES:
            raise PackError(f"{where}: severity must be block or warn")
        if rule_layer not in LAYERS:
            raise PackError(f"{where}: layer must be one of {', '.join(LAYERS)}")
        lists = {key: _as_tuple(raw.get(key), where, key) for key in _LISTS}
        for key in ("patterns", "case_sensitive_patterns"):
            for pattern in lists[key]:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise PackError(f"{where}: bad pattern {pattern!r}: {exc}") from None
        if not (lists["terms"] or lists["patterns"] or lists["case_sensitive_patterns"]
                or raw.get("detector")):
            raise PackError(f"{where}: needs terms, patterns or a detector")
        rules.append(Rule(
            id=str(raw["id"]), pack=name, category=raw["category"], severity=raw["severity"],
            layer=rule_layer, basis=str(raw["basis"]), message_ms=str(raw["message_ms"]),
            message_en=str(raw["message_en"]), detector=str(raw.get("detector", "")),
            options=dict(raw.get("options") or {}), guide=str(raw.get("guide", "")),
            **lists))
    return rules


def load_file(path: Path) -> list[Rule]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise PackError(f"{path.name}: not valid YAML: {exc}") from None
    return parse_pack(data, path.name)


@cache
def shipped_rules() -> tuple[Rule, ...]:
    """Every rule of every pack shipped with Rasmi, in file order; ids are unique."""
    folder = resources.files("rasmi.core.rules") / PACK_DIR
    rules: list[Rule] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            rules += load_file(Path(str(entry)))
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise PackError(f"rule id {rule.id!r} appears twice")
        seen.add(rule.id)
    return tuple(rules)


def pack_names() -> list[str]:
    return list(dict.fromkeys(rule.pack for rule in shipped_rules()))
