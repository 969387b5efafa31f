"""Every page, as a person sees it: in Bahasa Melayu and English, at a laptop width and a
phone width. On each: axe-core's WCAG 2.1 AA rules (no serious or critical violation), no
sentence shown twice in a row, no English text left on a Bahasa Melayu page, and nothing
wider than the phone's screen.

Set RASMI_SCREENSHOTS=DIR to keep a full-page screenshot of each visit for review.
"""

import os
import re
from io import StringIO
from pathlib import Path

import polib
import pytest
from axe_playwright_python.sync_playwright import Axe

from e2e.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

PO_PATH = Path(__file__).resolve().parents[1] / "rasmi/locale/ms/LC_MESSAGES/django.po"
LAPTOP, PHONE = {"width": 1280, "height": 800}, {"width": 360, "height": 740}
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a",
                                                     "wcag21aa"]}}
# Documents written in both languages on purpose (addressed to a platform and MCMC).
BILINGUAL = ("/dosier.",)
SENTENCE = re.compile(r"(?<=[.!?])(?=\S)|(?<=[.!?])\s+")


def english_only_texts() -> set[str]:
    """English msgids whose Bahasa Melayu differs: seeing one on a BM page is a leftover."""
    catalogue = polib.pofile(str(PO_PATH))
    return {e.msgid for e in catalogue if e.msgid and e.msgstr and e.msgstr != e.msgid
            and len(e.msgid) > 3}


def repeated_sentences(text: str) -> list[str]:
    """Sentences shown twice back to back ("A.A." or "A. A."), within a line or a cell."""
    found = []
    for line in re.split(r"[\n\t]+", text):
        parts = [p.strip() for p in SENTENCE.split(line) if p.strip()]
        found += [a for a, b in zip(parts, parts[1:], strict=False)
                  if a == b and len(a) > 15 and re.search(r"[A-Za-z]", a)]
    return found


def test_repeated_sentence_finder():
    assert repeated_sentences("Data demonstrasi: contoh sahaja.Data demonstrasi: contoh "
                              "sahaja.") == ["Data demonstrasi: contoh sahaja."]
    assert repeated_sentences("Akaun rasmi Kementerian.\tAkaun rasmi Kementerian.") == []
    assert repeated_sentences("Semak. Semak.") == []


def visible_texts(page) -> list[str]:
    """Each piece of text a person reads or hears: text cells and lines, and the
    attributes screen readers announce; not what is marked as written in another language."""
    return page.evaluate("""() => {
      const out = [];
      // Text marked as another language (the switch's "English") is meant to be so.
      const foreign = [...document.body.querySelectorAll('[lang]')]
        .filter(el => !el.lang.startsWith('ms'));
      const shown = foreign.map(el => el.style.display);
      foreign.forEach(el => { el.style.display = 'none'; });
      const text = document.body.innerText;
      foreign.forEach((el, i) => { el.style.display = shown[i]; });
      for (const line of text.split(/[\\n\\t]+/)) {
        if (line.trim()) out.push(line.trim());
      }
      for (const el of document.querySelectorAll('[title],[aria-label],[placeholder],[alt]')) {
        for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
          const value = el.getAttribute(name);
          if (value && value.trim()) out.push(value.trim());
        }
      }
      for (const option of document.querySelectorAll('option')) out.push(option.text.trim());
      return out;
    }""")


@pytest.fixture
def tour_data(demo_site):
    """Records the staff pages need: a pending submission, an official account, a case."""
    from django.contrib.auth import get_user_model

    from rasmi.discovery.models import Case
    from rasmi.registry import services
    from rasmi.registry.models import AccountStatus, Organisation, SocialAccount

    editor = get_user_model().objects.get(username="editor.kkm")
    pending = services.submit_account(
        editor, Organisation.objects.get(code="kkm"),
        "https://www.instagram.com/contoh_kkm_lawatan/",
        evidence=[services.EvidenceInput(kind="attestation", note="Dikendalikan oleh KKM.")])
    official = SocialAccount.objects.filter(status=AccountStatus.OFFICIAL).first()
    case = Case.objects.order_by("pk").first()
    from django.core.management import call_command

    from rasmi.inbox.models import Conversation
    from rasmi.publishing.models import Post

    call_command("load_demo_posts", stdout=StringIO())
    call_command("load_demo_inbox", stdout=StringIO())  # KKM's teams, rules, canned replies
    posts = {p.state: p.pk for p in Post.objects.all()}
    # Monitoring: KKM's watch list, an alert waiting, a crisis in full.
    from e2e.test_crisis import crisis_room_data

    call_command("load_demo_monitoring", stdout=StringIO())
    urgent = Conversation.objects.filter(urgent=True).order_by("pk").first()
    return {"pending": pending.pk, "official": official.pk, "case": case.pk,
            "draft": posts["draft"], "in_review": posts["in_review"],
            "scheduled": posts["scheduled"], "conversation": urgent.pk,
            "monitoring": crisis_room_data()}


def pages(data) -> list[tuple[str, str | None]]:
    """(path, who is logged in): every public page and every staff page."""
    public = [
        "/", "/?url=https://m.facebook.com/contoh.kkm/posts/123",
        "/?url=tiktok.com/@contoh.kkm.official.my", "/?url=facebook.com.semak.example/x",
        "/?url=https://www.facebook.com/tiada.siapa.lagi", "/direktori/", "/direktori/?q=KKM",
        "/direktori/kkm/", "/banci/", "/banci/penemuan/", "/akaun/login/",
        "/tiada-halaman-ini/", "/panduan/", "/panduan/personal-data/", "/panduan/layers/",
        "/panduan/cma-s233/",
    ]
    staff = [
        "/staf/", "/staf/akaun/baru/", f"/staf/akaun/{data['pending']}/",
        f"/staf/akaun/{data['official']}/", "/staf/lewat/", "/staf/import/", "/staf/kes/",
        "/staf/kes/?state=&sort=due", f"/staf/kes/{data['case']}/",
        f"/staf/kes/{data['case']}/dosier.html", "/staf/kes/dosier.html",
    ]
    staff += ["/staf/sop/kkm/", "/staf/sop/kkm/dokumen/",
              f"/staf/siaran/akaun/{data['official']}/kelayakan/", "/staf/siaran/outbox/",
              "/inbox/", f"/inbox/c/{data['conversation']}/"]
    inbox_setup = ["/inbox/tetapan/", "/inbox/tetapan/kkm/jawapan-sedia/",
                   "/inbox/tetapan/kkm/jawapan-sedia/baru/", "/inbox/tetapan/kkm/pasukan/",
                   "/inbox/tetapan/kkm/penghalaan/", "/inbox/tetapan/kkm/penghalaan/baru/"]
    writer = ["/staf/siaran/", "/staf/siaran/baru/?org=kkm", f"/staf/siaran/{data['draft']}/",
              f"/staf/siaran/{data['draft']}/ubah/", f"/staf/siaran/{data['scheduled']}/",
              "/staf/siaran/kalendar/", "/staf/siaran/kalendar/?view=month",
              "/inbox/", "/inbox/lewat/", f"/inbox/c/{data['conversation']}/"]
    from e2e.test_crisis import monitoring_pages

    return ([(path, None) for path in public] + [(path, "penyelaras") for path in staff]
            + [(path, "editor.kkm") for path in writer]
            + [("/staf/", "editor.kkm"), (f"/staf/kes/{data['case']}/", "editor.kkm"),
               (f"/staf/siaran/{data['in_review']}/", "pelulus.kkm"),
               (f"/inbox/c/{data['conversation']}/", "pelulus.kkm"),
               ("/staf/", "pemerhati.kkm"),
               (f"/inbox/c/{data['conversation']}/", "pemerhati.kkm")]
            + [(path, "pelulus.kkm") for path in inbox_setup]
            + [("/inbox/tetapan/kkm/penghalaan/", "editor.kkm")]
            + monitoring_pages(data["monitoring"]))


def axe_and_overflow(page, axe: Axe, where: str) -> list[str]:
    """What every tour reports of a page: axe's serious and critical violations, and any
    width beyond the screen. With RASMI_SCREENSHOTS=DIR, a full-page picture of it too."""
    shots = os.environ.get("RASMI_SCREENSHOTS")
    if shots:
        name = re.sub(r"[^a-z0-9]+", "_", where.lower()).strip("_")[:100]
        page.screenshot(path=f"{shots}/{name}.png", full_page=True)
    problems = []
    for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = [n["target"] for n in violation["nodes"]][:3]
            problems.append(f"{where}: axe {violation['id']} {targets}")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 1:
        problems.append(f"{where}: {overflow}px wider than the screen")
    return problems


def new_session(browser, base, language, viewport, username):
    context = browser.new_context(locale="en-GB", viewport=viewport)
    context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    page = context.new_page()
    page.set_default_timeout(15000)
    if username:
        page.goto(f"{base}/akaun/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", DEMO_PASSWORD)
        page.click('[data-testid="login-submit"]')
        page.wait_for_url(f"{base}/staf/")
    return context, page


@pytest.mark.parametrize("language", ["ms", "en"])
@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_every_page_reads_well_and_passes_axe(browser, demo_site, tour_data, language,
                                              viewport):
    axe = Axe()
    leftovers = english_only_texts() if language == "ms" else set()
    problems: list[str] = []
    sessions: dict[str | None, tuple] = {}
    try:
        for path, username in pages(tour_data):
            if username not in sessions:
                sessions[username] = new_session(browser, demo_site, language, viewport,
                                                 username)
            page = sessions[username][1]
            page.goto(demo_site + path)
            where = f"{language} {viewport['width']}px {username or 'public'} {path}"
            assert page.locator("html").get_attribute("lang") in (language, "ms"), where
            problems += axe_and_overflow(page, axe, where)
            texts = visible_texts(page)
            problems += [f"{where}: said twice: {s!r}"
                         for s in repeated_sentences(page.inner_text("body"))]
            if leftovers and not any(marker in path for marker in BILINGUAL):
                problems += [f"{where}: English on a BM page: {t!r}"
                             for t in sorted(set(texts) & leftovers)]
    finally:
        for context, _page in sessions.values():
            context.close()
    assert not problems, "\n".join(problems)
