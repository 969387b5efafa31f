"""The public guide pages: no login, GET only. Each example shows the verdict the real
checker gives, so the guide cannot drift from the rules."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from rasmi.publishing import compliance, guide


def _summary(page, language):
    return {"slug": page.slug, "kind": page.kind} | page.localised(language)


@require_GET
@cache_control(public=True, max_age=3600)
def guide_index(request):
    language = get_language()
    groups = {kind: [_summary(p, language) for p in guide.pages() if p.kind == kind]
              for kind in guide.KINDS}
    return render(request, "publishing/guide/index.html", {"groups": groups})


@require_GET
@cache_control(public=True, max_age=3600)
def guide_page(request, slug):
    try:
        page = guide.page(slug)
    except guide.NoSuchPage:
        raise Http404 from None
    language = get_language()
    english = language == "en"
    rules = [{"id": r.id, "severity": r.severity, "layer": r.layer, "basis": r.basis,
              "message": r.message_en if english else r.message_ms}
             for r in guide.rules_for(slug)]
    examples = [{"text": e.text, "expect": e.expect,
                 "verdict": compliance.check({"text": e.text})["verdict"],
                 "note": e.note_en if english else e.note_ms} for e in page.examples]
    links = [_summary(guide.page(s), language) for s in (*page.bases, *page.related)]
    return render(request, "publishing/guide/page.html", {
        "page": _summary(page, language), "rules": rules, "examples": examples,
        "links": links})
