"""The guide teaches truthfully: every rule has its page, and every example gets from the
real checker the verdict the guide claims."""

import pytest
from django.urls import reverse

from rasmi.core.rules import shipped_rules
from rasmi.publishing import compliance, guide


def test_every_rule_has_a_page_and_every_page_is_bilingual():
    slugs = {p.slug for p in guide.pages()}
    assert {r.guide for r in shipped_rules()} <= slugs
    for page in guide.pages():
        for language in ("ms", "en"):
            text = page.localised(language)
            assert text["title"] and text["summary"] and text["body"], (page.slug, language)


@pytest.mark.django_db
@pytest.mark.parametrize("page", guide.pages(), ids=lambda p: p.slug)
def test_examples_get_the_verdict_the_guide_claims(page):
    for example in page.examples:
        assert compliance.check({"text": example.text})["verdict"] == example.expect, \
            example.text


def test_topics_show_both_good_and_bad_examples():
    for page in guide.pages():
        verdicts = {e.expect for e in page.examples}
        if len(page.examples) >= 2:
            assert "pass" in verdicts and verdicts - {"pass"}, page.slug


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ms", "en"])
def test_pages_render_in_both_languages_with_rule_anchors(client, language):
    client.cookies["django_language"] = language
    index = client.get(reverse("guide:index"))
    assert index.status_code == 200
    for page in guide.pages():
        response = client.get(reverse("guide:page", args=[page.slug]))
        body = response.content.decode()
        assert response.status_code == 200
        assert page.localised(language)["title"] in body
        for rule in guide.rules_for(page.slug):
            assert f'id="{rule.id}"' in body


@pytest.mark.django_db
def test_unknown_pages_are_404(client):
    assert client.get("/panduan/no-such-topic/").status_code == 404


def test_a_broken_page_is_refused(tmp_path, monkeypatch):
    (tmp_path / "oops.yaml").write_text("slug: oops\nkind: topic\ntitle_ms: Ralat\n")
    monkeypatch.setattr(guide, "FOLDER", tmp_path)
    guide._pages.cache_clear()
    try:
        with pytest.raises(guide.GuideError):
            guide.pages()
    finally:
        guide._pages.cache_clear()
