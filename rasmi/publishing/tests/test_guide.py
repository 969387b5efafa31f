"""The public guide (Panduan) teaches truthfully: every rule has its page, every page is
complete in both languages, and every example gets from the real checker the verdict the
guide claims for it."""

import dataclasses
import re

import pytest
from django.utils.html import escape

from rasmi.core.rules import shipped_rules
from rasmi.publishing import guide

pytestmark = pytest.mark.urls("rasmi.publishing.tests.guide_test_urls")

PAGES = guide.pages()
EXAMPLES = [(page.slug, number, example) for page in PAGES
            for number, example in enumerate(page.examples, 1)]


# --- the content ---------------------------------------------------------------------------

def test_every_shipped_rule_is_explained_by_a_topic_page():
    assert all(rule.guide for rule in shipped_rules()), \
        [rule.id for rule in shipped_rules() if not rule.guide]
    assert guide.missing_topics() == {}
    for rule in shipped_rules():
        assert guide.page(rule.guide).kind == "topic"
        assert rule in guide.rules_for(rule.guide)


def test_the_guide_has_the_pages_officers_are_sent_to():
    slugs = {page.slug for page in PAGES}
    assert {"accessibility", "bad-language", "confidential", "harassment", "language",
            "links", "personal-data", "platform-limits", "sexual", "three-r",
            "violence"} <= slugs
    assert {"cma-s233", "content-code", "pdpa"} <= {p.slug for p in PAGES if p.kind == "basis"}
    assert guide.page("layers").kind == "overview"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.slug)
def test_every_page_is_complete_in_both_languages(page):
    for language in guide.LANGUAGES:
        text = guide.localised(page, language)
        assert text.title and text.summary, language
        for name in guide.LISTS:
            items = getattr(text, name)
            assert items and all(item.strip() for item in items), (name, language)
        assert all(example.note for example in text.examples), language
    for name in guide.LISTS:
        assert len(getattr(page, f"{name}_ms")) == len(getattr(page, f"{name}_en")), name
    for summary in (page.summary_ms, page.summary_en):  # one or two sentences
        assert 1 <= len(re.findall(r"[.!?](?=\s|$)", summary)) <= 2, summary
    # The two languages are two texts, not one copied.
    assert page.title_ms != page.title_en or page.kind == "basis"
    assert page.summary_ms != page.summary_en
    for other in (*page.bases, *page.related):
        guide.page(other)  # every link leads somewhere


@pytest.mark.parametrize("page", [p for p in PAGES if p.kind == "topic"],
                         ids=lambda page: page.slug)
def test_topics_teach_by_contrast(page):
    verdicts = [example.expect for example in page.examples]
    assert verdicts.count("pass") >= 2
    assert len(verdicts) - verdicts.count("pass") >= 2
    # Each bad example shows this topic at work: one of its own rules catches it.
    own = {rule.id for rule in guide.rules_for(page.slug)}
    for example in page.examples:
        if example.expect != "pass":
            found = {f["rule"] for f in guide.check_example(example)["findings"]}
            assert found & own, example.text


# --- the guide teaches truthfully ----------------------------------------------------------

@pytest.mark.parametrize(("slug", "number", "example"), EXAMPLES,
                         ids=[f"{slug}-{number}" for slug, number, _ in EXAMPLES])
def test_each_example_gets_the_verdict_the_guide_claims(slug, number, example):
    result = guide.check_example(example)
    assert result["verdict"] == example.expect, (example.text, result["findings"])


def test_the_truthfulness_check_can_fail(monkeypatch):
    wrong = dataclasses.replace(guide.page("personal-data"), examples=(guide.Example(
        text="Pemenang: Ahmad bin Ali (900101-14-1234).", expect="pass",
        note_ms="Salah.", note_en="Wrong."),))
    pages = {**{p.slug: p for p in PAGES}, "personal-data": wrong}
    monkeypatch.setattr(guide, "_pages", lambda: pages)
    assert ("personal-data", 1, "pass", "block") in guide.disagreements()


def test_no_example_disagrees_with_the_checker():
    assert guide.disagreements() == []


def test_examples_are_checked_as_the_editor_checks_a_post():
    example = guide.Example(text="Jadual klinik minggu ini.", expect="warn", note_ms="-",
                            note_en="-", platforms=("instagram",),
                            media=(guide.Media("image"),))
    result = guide.check_example(example)
    assert result["verdict"] == "warn"
    assert [f["rule"] for f in result["findings"]] == ["a11y.alt_text"]


# --- loading refuses broken pages ----------------------------------------------------------

GOOD_TOPIC = """\
slug: {slug}
kind: topic
title_ms: Tajuk
title_en: Title
summary_ms: Ringkasan.
summary_en: Summary.
body_ms: [Perenggan.]
body_en: [Paragraph.]
do_ms: [Buat.]
do_en: [Do.]
dont_ms: [Jangan.]
dont_en: [Don't.]
examples:
  - {{text: "Kaunter dibuka pada hari Sabtu.", expect: pass, note_ms: Baik., note_en: Good.}}
  - {{text: "Notis kaunter dibuka hari ini.", expect: pass, note_ms: Baik., note_en: Good.}}
  - {{text: "Hubungi 012-345 6789.", expect: warn, note_ms: Amaran., note_en: Warning.}}
  - {{text: "Bodoh.", expect: block, note_ms: Sekat., note_en: Blocked.}}
"""


def _folder(tmp_path, text, name="topic"):
    (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_well_formed_page_loads(tmp_path):
    pages = guide.load_folder(_folder(tmp_path, GOOD_TOPIC.format(slug="topic")))
    assert pages["topic"].examples[2].expect == "warn"


@pytest.mark.parametrize(("change", "complaint"), [
    (lambda t: t.replace("title_en: Title\n", ""), "title_en"),
    (lambda t: t.replace("summary_ms: Ringkasan.", "summary_ms: ''"), "summary_ms"),
    (lambda t: t.replace("do_en: [Do.]", "do_en: [Do., Also.]"), "as many items"),
    (lambda t: t.replace("dont_ms: [Jangan.]", "dont_ms: []"), "dont_ms"),
    (lambda t: t.replace("expect: block", "expect: maybe"), "expect"),
    (lambda t: t.replace("note_en: Warning.", "note_en: ''"), "note_en"),
    (lambda t: t.replace("kind: topic", "kind: chapter"), "kind"),
    (lambda t: t.replace("slug: topic", "slug: other"), "file's name"),
    (lambda t: t.replace("body_en:", "bodi_en: [x]\nbody_en:"), "unknown keys"),
    (lambda t: t + "bases: [nowhere]\n", "not a basis page"),
    (lambda t: t + "related: [topic]\n", "not another topic"),
    (lambda t: t.replace("expect: warn", "expect: pass"), "at least"),
    (lambda t: t.replace("expect: pass,", "expect: pass, platforms: [myspace],", 1),
     "platforms"),
    (lambda t: t.replace("expect: pass,", "expect: pass, media: [{type: sound}],", 1), "type"),
])
def test_a_broken_page_is_refused_with_its_file_named(tmp_path, change, complaint):
    text = change(GOOD_TOPIC.format(slug="topic"))
    with pytest.raises(guide.GuideError, match=complaint) as error:
        guide.load_folder(_folder(tmp_path, text))
    assert "topic" in str(error.value)


def test_unknown_slugs_raise_no_such_page():
    with pytest.raises(guide.NoSuchPage):
        guide.page("no-such-topic")
    with pytest.raises(KeyError):
        guide.page("no-such-topic")


# --- helpers -------------------------------------------------------------------------------

def test_guide_url_points_at_the_rule_on_its_topic_page():
    mykad = next(rule for rule in shipped_rules() if rule.id == "pdp.mykad")
    assert guide.guide_url(mykad) == "/panduan/personal-data/#pdp.mykad"
    assert guide.guide_url("link.shortener") == "/panduan/links/#link.shortener"
    assert guide.guide_url("own.block") == ""


def test_localised_picks_the_language_and_defaults_to_bm():
    page = guide.page("personal-data")
    assert guide.localised(page, "en").title == page.title_en
    assert guide.localised(page, "en-gb").title == page.title_en
    assert guide.localised(page, "ms").title == page.title_ms
    assert guide.localised(page, None).title == page.title_ms
    assert guide.localised(page, "en").examples[0].note == page.examples[0].note_en


def test_basis_text_takes_the_half_in_the_page_language():
    rules = {rule.id: rule for rule in shipped_rules()}
    assert guide.basis_text(rules["3r.race"], "ms").startswith("Akta Hasutan 1948")
    assert guide.basis_text(rules["3r.race"], "en").startswith("Sedition Act 1948")
    # Halves that are not parallel are shown whole rather than cut short.
    odd = dataclasses.replace(rules["pdp.mykad"], basis="Akta A / Act A: Principle")
    assert guide.basis_text(odd, "ms") == "Akta A / Act A: Principle"


# --- the pages -----------------------------------------------------------------------------

def _escaped(text):
    return escape(text)


def _get(client, url, language, **headers):
    client.cookies["django_language"] = language
    return client.get(url, **headers)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ms", "en"])
def test_the_index_lists_every_page_with_its_summary(client, language):
    response = _get(client, "/panduan/", language)
    assert response.status_code == 200
    assert response["Content-Language"] == language
    body = response.content.decode()
    for page in PAGES:
        text = guide.localised(page, language)
        assert f'href="/panduan/{page.slug}/"' in body
        assert _escaped(text.title) in body and _escaped(text.summary) in body
    assert body.index('id="guide-overview"') < body.index('id="guide-topic"') \
        < body.index('id="guide-basis"')


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ms", "en"])
@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.slug)
def test_each_page_renders_in_both_languages(client, page, language):
    response = _get(client, f"/panduan/{page.slug}/", language)
    assert response.status_code == 200
    body = response.content.decode()
    text = guide.localised(page, language)
    assert f"<h1>{_escaped(text.title)}</h1>" in body
    for paragraph in (*text.body, *text.do, *text.dont):
        assert _escaped(paragraph) in body
    other = guide.localised(page, "en" if language == "ms" else "ms")
    assert _escaped(other.summary) not in body
    for rule in guide.rules_for(page.slug):
        assert f'<tr id="{rule.id}"' in body
        assert _escaped(guide.rule_message(rule, language)) in body
        assert _escaped(guide.basis_text(rule, language)) in body
    # Every example, with the verdict the checker really gives it.
    shown = body.count('data-testid="guide-example"')
    assert shown == len(page.examples)
    for example in page.examples:
        verdict = guide.check_example(example)["verdict"]
        assert f'data-expect="{example.expect}" data-verdict="{verdict}"' in body
    for slug in (*page.bases, *page.related):
        assert f'href="/panduan/{slug}/"' in body
    assert "<script" not in body.split("</head>", 1)[1]
    assert " style=" not in body


@pytest.mark.django_db
def test_rule_rows_say_their_effect_in_words_in_the_page_language(client):
    bm = _get(client, "/panduan/personal-data/", "ms").content.decode()
    en = _get(client, "/panduan/personal-data/", "en").content.decode()
    row = bm.split('<tr id="pdp.mykad"', 1)[1].split("</tr>", 1)[0]
    assert "Sekat" in row and 'scope="row"' in row
    assert "Amaran" in bm.split('<tr id="pdp.phone"', 1)[1].split("</tr>", 1)[0]
    assert "Block" in en.split('<tr id="pdp.mykad"', 1)[1].split("</tr>", 1)[0]
    assert 'href="/panduan/personal-data/#pdp.mykad"' in bm  # an example links its rule


@pytest.mark.django_db
def test_every_rule_anchor_a_finding_links_to_exists(client):
    for rule in shipped_rules():
        url = guide.guide_url(rule)
        path, anchor = url.split("#")
        body = client.get(path).content.decode()
        assert f'id="{anchor}"' in body, url


@pytest.mark.django_db
def test_unknown_pages_are_404(client):
    assert client.get("/panduan/no-such-topic/").status_code == 404
    assert client.get("/panduan/Personal-Data/").status_code == 404


@pytest.mark.django_db
def test_the_guide_is_public_read_only_and_cacheable(client):
    first = client.get("/panduan/links/")
    assert first.status_code == 200  # no login
    assert "private" in first["Cache-Control"] and "max-age" in first["Cache-Control"]
    assert "Cookie" in first["Vary"]
    # The first visit sets the CSRF cookie the page's token is made from: a new page.
    response = client.get("/panduan/links/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    etag = response["ETag"]
    again = client.get("/panduan/links/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag and "private" in again["Cache-Control"]
    client.cookies["django_language"] = "en"
    assert client.get("/panduan/links/", HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert client.post("/panduan/links/").status_code == 405
    assert client.post("/panduan/").status_code == 405


@pytest.mark.django_db
def test_signed_in_staff_always_get_a_fresh_page(client):
    from rasmi.conftest import make_user

    client.force_login(make_user("reader"))
    response = client.get("/panduan/")
    assert response.status_code == 200
    assert not response.has_header("ETag")
