"""The census charts can be read at 100 % zoom, on a laptop (1280 px) and a phone (360 px),
in both languages: measured in the browser, not guessed from the markup.

For every chart on `/banci/` and `/banci/penemuan/`: it spans the column (no 450 x 45 px
sliver), fits the screen, its text renders at least as large as the page's small text, it
has a title (its accessible name) and a legend, every bar has its value written on it or
right beside it, and axe finds nothing serious.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from e2e.test_page_tour import AXE_OPTIONS, LAPTOP, PHONE

pytestmark = pytest.mark.e2e

PAGES = {"/banci/": 3, "/banci/penemuan/": 1}   # path: charts on it
MIN_CHART_WIDTH = {360: 300, 1280: 800}        # px, rendered
MIN_CHART_HEIGHT = 150

MEASURE = """() => {
  const box = el => { const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
            width: r.width, height: r.height}; };
  const px = el => parseFloat(getComputedStyle(el).fontSize);
  // The page's small text: a <small> in body text, and the footer's .85rem.
  const p = document.createElement('p');
  const small = document.createElement('small');
  small.textContent = 'x';
  p.appendChild(small);
  document.querySelector('main').appendChild(p);
  const smallSize = Math.max(px(small), px(document.querySelector('footer.site')));
  p.remove();
  return {
    smallSize,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    innerWidth: window.innerWidth,
    charts: Array.from(document.querySelectorAll('figure[data-chart]')).map(fig => {
      const svg = fig.querySelector('svg[role="img"]');
      const scale = svg.getScreenCTM().a;
      const labelledby = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/)
        .map(id => document.getElementById(id)).filter(Boolean);
      const title = fig.querySelector('.chart-title');
      return {
        id: fig.id,
        box: box(svg),
        scale,
        name: labelledby.map(el => el.textContent.trim()).join(' '),
        title: title ? title.textContent.trim() : '',
        titleSize: title ? px(title) : 0,
        legend: Array.from(fig.querySelectorAll('[data-legend] li'))
          .map(li => ({text: li.textContent.trim(), size: px(li), box: box(li)})),
        texts: Array.from(svg.querySelectorAll('text')).map(t => ({
          text: t.textContent.trim(), size: px(t) * scale, box: box(t)})),
        bars: Array.from(svg.querySelectorAll('g.bar')).map(g => {
          const rects = g.querySelectorAll('rect');
          const value = g.querySelector('text.value');
          return {series: g.dataset.series, expected: g.dataset.value,
                  written: value ? value.textContent.trim() : '',
                  inside: value ? value.classList.contains('inside') : false,
                  bar: rects.length ? box(rects[rects.length - 1]) : null,
                  text: value ? box(value) : null};
        }),
      };
    }),
  };
}"""


def chart_problems(m: dict, width: int) -> list[str]:
    problems = []
    small = m["smallSize"]
    if m["overflow"] > 1:
        problems.append(f"page is {m['overflow']}px wider than the screen")
    for chart in m["charts"]:
        where = chart["id"]
        svg = chart["box"]
        if svg["width"] < MIN_CHART_WIDTH[width] or svg["height"] < MIN_CHART_HEIGHT:
            problems.append(f"{where}: drawn {svg['width']:.0f} x {svg['height']:.0f} px")
        if svg["left"] < 0 or svg["right"] > m["innerWidth"]:
            problems.append(f"{where}: runs off the screen ({svg['left']}..{svg['right']})")
        if not chart["title"] or chart["name"] != chart["title"]:
            problems.append(f"{where}: title {chart['title']!r}, accessible name "
                            f"{chart['name']!r}")
        if chart["titleSize"] < small:
            problems.append(f"{where}: title at {chart['titleSize']}px")
        series = {bar["series"] for bar in chart["bars"]}
        if len(chart["legend"]) != len(series) or not all(i["text"] for i in chart["legend"]):
            problems.append(f"{where}: legend {chart['legend']} for series {series}")
        for item in chart["legend"]:
            if item["size"] < small or item["box"]["right"] > m["innerWidth"]:
                problems.append(f"{where}: legend {item['text']!r} at {item['size']}px")
        if not chart["texts"]:
            problems.append(f"{where}: no text in the chart")
        for text in chart["texts"]:
            if text["size"] < small - 0.01 or text["box"]["height"] < small:
                problems.append(f"{where}: {text['text']!r} renders at {text['size']:.1f}px "
                                f"({text['box']['height']:.1f}px high), small text is "
                                f"{small}px")
            if text["box"]["left"] < svg["left"] - 1 or text["box"]["right"] > svg["right"] + 1:
                problems.append(f"{where}: {text['text']!r} sticks out of the chart")
        if not chart["bars"]:
            problems.append(f"{where}: no bars")
        for bar in chart["bars"]:
            label = f"{where} {bar['series']}={bar['expected']}"
            if not bar["written"] or bar["written"] != bar["expected"]:
                problems.append(f"{label}: value written as {bar['written']!r}")
                continue
            if bar["bar"] is None:       # a zero: its value sits by the axis
                continue
            rect, text = bar["bar"], bar["text"]
            if bar["inside"]:
                if text["left"] < rect["left"] - 0.5 or text["right"] > rect["right"] + 0.5:
                    problems.append(f"{label}: value spills off its bar")
            elif text["left"] < rect["right"] or text["left"] - rect["right"] > 12:
                problems.append(f"{label}: value not right beside its bar")
            if text["top"] < rect["top"] - 4 or text["bottom"] > rect["bottom"] + 4:
                problems.append(f"{label}: value not level with its bar")
    return problems


@pytest.mark.parametrize("language", ["ms", "en"])
@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_census_charts_are_legible(browser, demo_site, language, viewport):
    from rasmi.discovery.models import Case

    assert Case.objects.exists(), "the demo opens cases, so the discovery chart has bars"
    context = browser.new_context(locale="en-GB", viewport=viewport)
    context.add_cookies([{"name": "django_language", "value": language, "url": demo_site}])
    page = context.new_page()
    page.set_default_timeout(15000)
    axe = Axe()
    problems = []
    try:
        for path, count in PAGES.items():
            page.goto(demo_site + path)
            where = f"{language} {viewport['width']}px {path}"
            measured = page.evaluate(MEASURE)
            assert len(measured["charts"]) == count, where
            assert 13 <= measured["smallSize"] <= 14, measured["smallSize"]
            problems += [f"{where}: {p}" for p in chart_problems(measured, viewport["width"])]
            results = axe.run(page, options=AXE_OPTIONS)
            problems += [f"{where}: axe {v['id']} {[n['target'] for n in v['nodes']][:3]}"
                         for v in results.response["violations"]
                         if v["impact"] in ("serious", "critical")]
    finally:
        context.close()
    assert not problems, "\n".join(problems)
