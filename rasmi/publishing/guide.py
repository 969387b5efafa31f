"""The public guide (Panduan): what each rule asks of a government post and why, in BM
and EN, as data in guide/*.yaml. Loaded and checked once per process."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.urls import reverse

from rasmi.core.rules import Rule, shipped_rules

FOLDER = Path(__file__).resolve().parent / "guide"
KINDS = ("overview", "topic", "basis")
VERDICTS = ("pass", "warn", "block")
BILINGUAL = ("title", "summary", "body", "do", "dont")


class NoSuchPage(KeyError):
    pass


class GuideError(ValueError):
    pass


@dataclass(frozen=True)
class Example:
    text: str
    expect: str
    note_ms: str
    note_en: str


@dataclass(frozen=True)
class GuidePage:
    slug: str
    kind: str
    text: dict  # field -> {"ms": ..., "en": ...}
    examples: tuple[Example, ...]
    bases: tuple[str, ...]
    related: tuple[str, ...]

    def localised(self, language: str) -> dict:
        lang = "en" if language == "en" else "ms"
        return {field: values[lang] for field, values in self.text.items()}


def _page(path: Path) -> GuidePage:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    slug = data.get("slug")
    if slug != path.stem:
        raise GuideError(f"{path.name}: slug {slug!r} must match the file name")
    if data.get("kind") not in KINDS:
        raise GuideError(f"{path.name}: kind must be one of {KINDS}")
    text = {}
    for field in BILINGUAL:
        pair = {lang: data.get(f"{field}_{lang}") for lang in ("ms", "en")}
        if field in ("title", "summary", "body") and not all(pair.values()):
            raise GuideError(f"{path.name}: {field}_ms and {field}_en are both required")
        if isinstance(pair["ms"], list) != isinstance(pair["en"], list) or (
                isinstance(pair["ms"], list) and len(pair["ms"]) != len(pair["en"])):
            raise GuideError(f"{path.name}: {field} differs in shape between languages")
        text[field] = {lang: value or [] if field in ("body", "do", "dont") else value
                       for lang, value in pair.items()}
    examples = []
    for number, item in enumerate(data.get("examples") or [], start=1):
        if item.get("expect") not in VERDICTS or not item.get("text") or not (
                item.get("note_ms") and item.get("note_en")):
            raise GuideError(f"{path.name}: example {number} needs text, expect and notes")
        examples.append(Example(item["text"], item["expect"], item["note_ms"], item["note_en"]))
    return GuidePage(slug, data["kind"], text, tuple(examples),
                     tuple(data.get("bases") or ()), tuple(data.get("related") or ()))


@cache
def _pages() -> dict[str, GuidePage]:
    pages = {p.slug: p for p in map(_page, sorted(FOLDER.glob("*.yaml")))}
    for page in pages.values():
        missing = [s for s in (*page.bases, *page.related) if s not in pages]
        if missing:
            raise GuideError(f"{page.slug}: links to missing pages {missing}")
    return pages


def pages() -> list[GuidePage]:
    order = {kind: i for i, kind in enumerate(KINDS)}
    return sorted(_pages().values(), key=lambda p: (order[p.kind], p.slug))


def page(slug: str) -> GuidePage:
    try:
        return _pages()[slug]
    except KeyError:
        raise NoSuchPage(slug) from None


def rules_for(slug: str) -> list[Rule]:
    return [rule for rule in shipped_rules() if rule.guide == slug]


def guide_url(rule: Rule) -> str:
    return f"{reverse('guide:page', args=[rule.guide])}#{rule.id}" if rule.guide else ""
