"""The public guide (Panduan): no login, GET only. Each example is shown with the verdict
the real checker gives it, so the guide cannot drift away from the rules.

Cache-friendly: what a page shows is fixed for the life of the process (guide files, rule
packs, templates, translations), so each (page, language) is built once and carries an
ETag; a browser revalidates with If-None-Match and gets a 304. The pages carry the staff
header and a CSRF token for the language switch, so caching is private (the browser's),
never a shared cache's, and signed-in staff always get a fresh page.
"""

import hashlib
from functools import cache, lru_cache
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.template.loader import get_template
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_GET
from django.views.decorators.vary import vary_on_cookie

from rasmi.core.platforms import PLATFORMS
from rasmi.core.rules import shipped_rules
from rasmi.publishing import guide

INDEX_TEMPLATE = "publishing/guide/index.html"
PAGE_TEMPLATE = "publishing/guide/page.html"
MAX_AGE = 600  # seconds a browser may reuse a page before revalidating


def _language(request) -> str:
    return guide.language_of(getattr(request, "LANGUAGE_CODE", None) or get_language())


@cache
def _version() -> str:
    """Everything a guide page is made of: its data and checker verdicts, its templates
    and the translation catalogues. Fixed while the process runs."""
    hasher = hashlib.blake2b(guide.digest().encode(), digest_size=12)
    for name in (INDEX_TEMPLATE, PAGE_TEMPLATE, "base.html"):
        origin = get_template(name).origin.name
        hasher.update(Path(origin).read_bytes() if origin and Path(origin).is_file() else b"")
    for folder in settings.LOCALE_PATHS:
        for catalogue in sorted(Path(folder).glob("*/LC_MESSAGES/*.mo")):
            hasher.update(catalogue.read_bytes())
    return hasher.hexdigest()


def _etag(request, slug: str | None = None) -> str | None:
    """None (no conditional answer) for signed-in users, whose header shows their roles,
    and for unknown pages, which must 404."""
    if request.user.is_authenticated or (slug is not None and slug not in guide.slugs()):
        return None
    # The page holds a CSRF token made from the browser's CSRF cookie: a new cookie, a
    # new page.
    parts = (_version(), slug or "", _language(request),
             request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""))
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=12).hexdigest()


def _public(view):
    """GET only, private caching with revalidation by ETag."""
    return require_GET(cache_control(private=True, max_age=MAX_AGE)(
        vary_on_cookie(condition(etag_func=_etag)(view))))


# --- what the templates show, built once per page and language ---------------------------

def _title_sorted(items, language: str):
    return sorted((guide.localised(p, language) for p in items),
                  key=lambda p: p.title.casefold())


@lru_cache(maxsize=8)
def _index_context(language: str) -> dict:
    return {"groups": [{"kind": kind, "pages": _title_sorted(
        [p for p in guide.pages() if p.kind == kind], language)} for kind in guide.KINDS]}


@cache
def _guide_slugs() -> dict[str, str]:
    return {rule.id: rule.guide for rule in shipped_rules()}


def _example(example: guide.Example, language: str) -> dict:
    result = guide.check_example(example)
    rules: dict[str, str] = {}  # each rule once, in the order of its first finding
    for finding in result["findings"]:
        rules.setdefault(finding["rule"], finding["severity"])
    guides = _guide_slugs()
    return {
        "text": example.text, "expect": example.expect, "verdict": result["verdict"],
        "note": example.note_en if language == "en" else example.note_ms,
        "platforms": [PLATFORMS[p].name if p in PLATFORMS else p for p in example.platforms],
        "media": example.media,
        "findings": [{"rule": rule_id, "severity": severity, "guide": guides.get(rule_id, "")}
                     for rule_id, severity in rules.items()],
    }


@lru_cache(maxsize=64)
def _page_context(slug: str, language: str) -> dict:
    page = guide.page(slug)
    return {
        "page": guide.localised(page, language),
        "rules": [{"id": rule.id, "severity": rule.severity, "layer": rule.layer,
                   "basis": guide.basis_text(rule, language),
                   "message": guide.rule_message(rule, language)}
                  for rule in guide.rules_for(slug)],
        "examples": [_example(example, language) for example in page.examples],
        "bases": [guide.localised(guide.page(s), language) for s in page.bases],
        # A basis page also leads to every topic that names it among its bases.
        "related": [guide.localised(guide.page(s), language) for s in page.related] + [
            p for p in _title_sorted(guide.citing(slug), language)
            if p.kind == "topic" and p.slug not in page.related],
    }


# --- views -----------------------------------------------------------------------------------

@_public
def guide_index(request):
    return render(request, INDEX_TEMPLATE, dict(_index_context(_language(request))))


@_public
def guide_page(request, slug: str):
    try:
        context = _page_context(slug, _language(request))
    except guide.NoSuchPage:
        raise Http404 from None
    return render(request, PAGE_TEMPLATE, dict(context))
