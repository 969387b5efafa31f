"""The public guide (Panduan): what each compliance rule asks of a government post and why,
in Bahasa Melayu and English, as data in `guide/<slug>.yaml`.

A page file:

    slug: personal-data            # the file's name; the URL is /panduan/<slug>/
    kind: topic                    # topic (rules point here) | basis (a law or code) | overview
    title_ms: ... / title_en: ...
    summary_ms: ... / summary_en: ...        # one or two sentences
    body_ms: [...] / body_en: [...]          # short paragraphs, the same number in each
    do_ms: [...] / do_en: [...]              # bullets
    dont_ms: [...] / dont_en: [...]
    examples:                      # realistic posts, run through the real checker
      - text: "..."
        expect: block              # pass | warn | block: the verdict the guide claims
        note_ms: ... / note_en: ...
        platforms: [x]             # optional: targets, for the platform limits
        media: [{type: image, alt_text: "..."}]   # optional: attachments
    bases: [pdpa]                  # basis pages it rests on
    related: [confidential]        # other topics

Every file is checked when the guide first loads, and a mistake names its file. Loaded once
per process: the files do not change while it runs. No HTTP here; see guide_views.py.
"""

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.urls import reverse

from rasmi.core.rules import Rule, check_post, shipped_rules
from rasmi.core.rules.detectors import PLATFORM_LIMITS

FOLDER = Path(__file__).resolve().parent / "guide"
KINDS = ("overview", "topic", "basis")  # also the order of the index
VERDICTS = ("pass", "warn", "block")
LANGUAGES = ("ms", "en")
TEXTS = ("title", "summary")  # one string per language
LISTS = ("body", "do", "dont")  # a list of strings per language, paired by position
MEDIA_TYPES = ("image", "photo", "gif", "video")  # what the accessibility detector reads
# A topic teaches by contrast: at least this many posts that pass and that do not.
MIN_GOOD_EXAMPLES = 2
MIN_BAD_EXAMPLES = 2

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PAGE_KEYS = frozenset({"slug", "kind", "examples", "bases", "related"}
                       | {f"{f}_{lang}" for f in (*TEXTS, *LISTS) for lang in LANGUAGES})
_EXAMPLE_KEYS = frozenset({"text", "expect", "note_ms", "note_en", "platforms", "media"})
_MEDIA_KEYS = frozenset({"type", "alt_text", "captions"})


class GuideError(ValueError):
    """A guide file that cannot be used, with where and why."""


class NoSuchPage(KeyError):
    """No guide page has this slug."""


@dataclass(frozen=True, slots=True)
class Media:
    """An attachment of an example post, as the checker's `media` items describe it."""

    type: str
    alt_text: str = ""
    captions: bool = False

    def as_dict(self) -> dict:
        return {"type": self.type, "alt_text": self.alt_text, "captions": self.captions}


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    expect: str
    note_ms: str
    note_en: str
    platforms: tuple[str, ...] = ()
    media: tuple[Media, ...] = ()

    def post(self) -> dict:
        """The example in the checker's (batch contract's) post shape."""
        return {"text": self.text, "platforms": list(self.platforms),
                "media": [m.as_dict() for m in self.media]}


@dataclass(frozen=True, slots=True)
class GuidePage:
    slug: str
    kind: str
    title_ms: str
    title_en: str
    summary_ms: str
    summary_en: str
    body_ms: tuple[str, ...]
    body_en: tuple[str, ...]
    do_ms: tuple[str, ...]
    do_en: tuple[str, ...]
    dont_ms: tuple[str, ...]
    dont_en: tuple[str, ...]
    examples: tuple[Example, ...] = ()
    bases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LocalisedExample:
    text: str
    expect: str
    note: str
    platforms: tuple[str, ...]
    media: tuple[Media, ...]


@dataclass(frozen=True, slots=True)
class LocalisedPage:
    """A page's text in one language, for templates."""

    slug: str
    kind: str
    title: str
    summary: str
    body: tuple[str, ...]
    do: tuple[str, ...]
    dont: tuple[str, ...]
    examples: tuple[LocalisedExample, ...]
    bases: tuple[str, ...]
    related: tuple[str, ...]


# --- loading and checking -------------------------------------------------------------------

def _text(value, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise GuideError(f"{where}: must be non-empty text")
    return " ".join(value.split())


def _texts(value, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise GuideError(f"{where}: must be a non-empty list of text")
    return tuple(_text(item, f"{where}[{number}]") for number, item in enumerate(value, 1))


def _slugs(value, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(s, str) and _SLUG.match(s)
                                              for s in value):
        raise GuideError(f"{where}: must be a list of page slugs")
    if len(set(value)) != len(value):
        raise GuideError(f"{where}: names a page twice")
    return tuple(value)


def _media(value, where: str) -> tuple[Media, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise GuideError(f"{where}: must be a list")
    items = []
    for number, raw in enumerate(value, 1):
        here = f"{where}[{number}]"
        if not isinstance(raw, dict) or raw.get("type") not in MEDIA_TYPES:
            raise GuideError(f"{here}: needs a type, one of {', '.join(MEDIA_TYPES)}")
        if unknown := set(raw) - _MEDIA_KEYS:
            raise GuideError(f"{here}: unknown keys {', '.join(sorted(unknown))}")
        alt_text = raw.get("alt_text") or ""
        if not isinstance(alt_text, str) or not isinstance(raw.get("captions", False), bool):
            raise GuideError(f"{here}: alt_text is text and captions true or false")
        items.append(Media(raw["type"], " ".join(alt_text.split()),
                           raw.get("captions", False)))
    return tuple(items)


def _example(raw, where: str) -> Example:
    if not isinstance(raw, dict):
        raise GuideError(f"{where}: not a mapping")
    if unknown := set(raw) - _EXAMPLE_KEYS:
        raise GuideError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
    if raw.get("expect") not in VERDICTS:
        raise GuideError(f"{where}: expect must be one of {', '.join(VERDICTS)}")
    if not isinstance(raw.get("text"), str) or not raw["text"].strip():
        raise GuideError(f"{where}.text: must be non-empty text")
    platforms = raw.get("platforms") or []
    if not isinstance(platforms, list) or not all(p in PLATFORM_LIMITS for p in platforms):
        raise GuideError(f"{where}.platforms: must be a list of {', '.join(PLATFORM_LIMITS)}")
    # The post's text is kept as written (the checker reads line breaks); YAML's folded
    # style already joins the lines of the file.
    return Example(text=raw["text"].strip(), expect=raw["expect"],
                   note_ms=_text(raw.get("note_ms"), f"{where}.note_ms"),
                   note_en=_text(raw.get("note_en"), f"{where}.note_en"),
                   platforms=tuple(platforms), media=_media(raw.get("media"), f"{where}.media"))


def parse_page(data, source: str) -> GuidePage:
    """One page from its file's data; `source` (the file name) is used in errors."""
    if not isinstance(data, dict):
        raise GuideError(f"{source}: not a mapping")
    if unknown := set(data) - _PAGE_KEYS:
        raise GuideError(f"{source}: unknown keys {', '.join(sorted(unknown))}")
    slug = data.get("slug")
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise GuideError(f"{source}: slug must be lower-case words joined by hyphens")
    if data.get("kind") not in KINDS:
        raise GuideError(f"{source}: kind must be one of {', '.join(KINDS)}")
    fields: dict = {}
    for name in TEXTS:
        for lang in LANGUAGES:
            key = f"{name}_{lang}"
            fields[key] = _text(data.get(key), f"{source}: {key}")
    for name in LISTS:
        for lang in LANGUAGES:
            key = f"{name}_{lang}"
            fields[key] = _texts(data.get(key), f"{source}: {key}")
        if len(fields[f"{name}_ms"]) != len(fields[f"{name}_en"]):
            raise GuideError(f"{source}: {name}_ms and {name}_en must have as many items, "
                             "each a translation of the other")
    raw_examples = data.get("examples") or []
    if not isinstance(raw_examples, list):
        raise GuideError(f"{source}: examples must be a list")
    examples = tuple(_example(raw, f"{source}: example {number}")
                     for number, raw in enumerate(raw_examples, 1))
    if data["kind"] == "topic":
        good = sum(1 for e in examples if e.expect == "pass")
        if good < MIN_GOOD_EXAMPLES or len(examples) - good < MIN_BAD_EXAMPLES:
            raise GuideError(f"{source}: a topic needs at least {MIN_GOOD_EXAMPLES} examples "
                             f"that pass and {MIN_BAD_EXAMPLES} that warn or block")
    return GuidePage(slug=slug, kind=data["kind"], **fields, examples=examples,
                     bases=_slugs(data.get("bases"), f"{source}: bases"),
                     related=_slugs(data.get("related"), f"{source}: related"))


def _check_links(pages: dict[str, GuidePage]) -> None:
    for page in pages.values():
        for slug in page.bases:
            if slug not in pages or pages[slug].kind != "basis":
                raise GuideError(f"{page.slug}.yaml: bases names {slug!r}, not a basis page")
        for slug in page.related:
            if slug not in pages or pages[slug].kind != "topic" or slug == page.slug:
                raise GuideError(f"{page.slug}.yaml: related names {slug!r}, not another "
                                 "topic page")


def load_folder(folder: Path) -> dict[str, GuidePage]:
    pages: dict[str, GuidePage] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise GuideError(f"{path.name}: not valid YAML: {exc}") from None
        page = parse_page(data, path.name)
        if page.slug != path.stem:
            raise GuideError(f"{path.name}: slug {page.slug!r} must be the file's name")
        pages[page.slug] = page
    _check_links(pages)
    return pages


@cache
def _pages() -> dict[str, GuidePage]:
    return load_folder(FOLDER)


# --- reading -------------------------------------------------------------------------------

def pages() -> tuple[GuidePage, ...]:
    """Every page: overviews, then topics, then bases; by slug within a kind."""
    order = {kind: index for index, kind in enumerate(KINDS)}
    return tuple(sorted(_pages().values(), key=lambda p: (order[p.kind], p.slug)))


def page(slug: str) -> GuidePage:
    try:
        return _pages()[slug]
    except KeyError:
        raise NoSuchPage(slug) from None


def slugs() -> frozenset[str]:
    return frozenset(_pages())


def rules_for(slug: str) -> tuple[Rule, ...]:
    """The shipped rules this page explains, in pack order."""
    return tuple(rule for rule in shipped_rules() if rule.guide == slug)


def citing(slug: str) -> tuple[GuidePage, ...]:
    """The pages that name this one among their bases (a basis page's topics)."""
    return tuple(p for p in pages() if slug in p.bases)


def missing_topics() -> dict[str, tuple[str, ...]]:
    """Guide slugs that shipped rules name without a topic page -> those rules' ids."""
    found = _pages()
    missing: dict[str, list[str]] = {}
    for rule in shipped_rules():
        if rule.guide and (rule.guide not in found or found[rule.guide].kind != "topic"):
            missing.setdefault(rule.guide, []).append(rule.id)
    return {slug: tuple(ids) for slug, ids in missing.items()}


def guide_url(rule: Rule | str) -> str:
    """Where the guide explains a rule (a Rule or its id): /panduan/<slug>/#<rule id>;
    "" for a rule the guide does not cover (an organisation's own terms)."""
    if isinstance(rule, str):
        rule = next((r for r in shipped_rules() if r.id == rule), None)
        if rule is None:
            return ""
    if not rule.guide:
        return ""
    return f"{reverse('guide:page', args=[rule.guide])}#{rule.id}"


# --- one language --------------------------------------------------------------------------

def language_of(code: str | None) -> str:
    """The guide's language for a Django language code: English for en*, else BM."""
    return "en" if (code or "").lower().startswith("en") else "ms"


def localised(page: GuidePage, language: str | None) -> LocalisedPage:
    lang = language_of(language)

    def pick(name: str):
        return getattr(page, f"{name}_{lang}")

    return LocalisedPage(
        slug=page.slug, kind=page.kind, title=pick("title"), summary=pick("summary"),
        body=pick("body"), do=pick("do"), dont=pick("dont"),
        examples=tuple(LocalisedExample(e.text, e.expect, getattr(e, f"note_{lang}"),
                                        e.platforms, e.media) for e in page.examples),
        bases=page.bases, related=page.related)


def rule_message(rule: Rule, language: str | None) -> str:
    return rule.message_en if language_of(language) == "en" else rule.message_ms


def basis_text(rule: Rule, language: str | None) -> str:
    """The pack writes a rule's basis as "BM / EN"; the half in this language. The whole
    text when the halves are not parallel: "Akta ... / Act ...: Disclosure Principle"
    means the part after the colon for both, and the BM half alone would drop it."""
    halves = [half.strip() for half in rule.basis.split(" / ")]
    if len(halves) != 2 or any(halves[0].count(mark) != halves[1].count(mark)
                               for mark in ":;"):
        return rule.basis
    return halves[1] if language_of(language) == "en" else halves[0]


# --- the examples, through the real checker --------------------------------------------------

@cache
def check_example(example: Example) -> dict:
    """What Rasmi's checker says of an example: {"verdict", "findings", ...} as the editor
    gets it. The shipped packs with the model SOP (Bahasa Melayu required), the same
    compiled rules the editor uses for an organisation without settings, and without the
    register's official accounts, so that the answer is the same on every server."""
    from rasmi.publishing import compliance  # the registry's models: import when used

    return check_post(example.post(), compliance.rules_for(None), require_malay=True)


def disagreements() -> list[tuple[str, int, str, str]]:
    """(slug, example number, verdict the guide claims, verdict the checker gives) for every
    example where the two differ: an empty list when the guide teaches truthfully."""
    return [(p.slug, number, e.expect, verdict)
            for p in pages() for number, e in enumerate(p.examples, 1)
            if (verdict := check_example(e)["verdict"]) != e.expect]


@cache
def digest() -> str:
    """Changes whenever what the guide shows changes: its pages, the shipped rules, or a
    verdict the checker gives one of its examples (for ETags)."""
    hasher = hashlib.blake2b(digest_size=12)
    for item in pages():
        hasher.update(repr(item).encode())
        for example in item.examples:
            hasher.update(repr(check_example(example)).encode())
    for rule in shipped_rules():
        hasher.update(repr(rule).encode())
    return hasher.hexdigest()
