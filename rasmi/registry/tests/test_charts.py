"""The bar chart layout (rasmi/registry/charts.py) and its template: bars proportional to
their values, values written where they fit, labels that fit a phone, escaped text, and
colours that survive colour blindness and greyscale print."""

import itertools
import re

import pytest
from django.template.loader import render_to_string
from hypothesis import given
from hypothesis import strategies as st

from rasmi.registry import charts
from rasmi.registry.charts import (
    BLUE,
    DARK,
    MIN_WIDTH,
    ORANGE,
    PALETTE,
    SKY,
    TEXT_PAD,
    VALUE_SIZE,
    Category,
    Series,
    bar_chart,
    text_width,
    wrap,
)

TWO = (Series("official", "Official", BLUE), Series("unofficial", "Unofficial", ORANGE))
# The series each census chart uses, in order (registry groups, presence gap, discovery).
CENSUS_PALETTES = [(BLUE, ORANGE), (DARK, BLUE, SKY), (DARK, ORANGE, BLUE)]


def share(width: str) -> float:
    assert width.endswith("%")
    return float(width[:-1]) / 100


def test_bars_are_proportional_to_their_values():
    chart = bar_chart("t", "Title", TWO, [Category("Facebook", (48, 85)),
                                          Category("TikTok", (3, 64))])
    widths = [share(bar.width) for c in chart.categories for bar in c.bars]
    assert widths == pytest.approx([48 / 85, 1.0, 3 / 85, 64 / 85], abs=1e-4)
    assert [bar.text for c in chart.categories for bar in c.bars] == ["48", "85", "3", "64"]


def test_a_fixed_scale_for_percentages():
    chart = bar_chart("gap", "Gap", TWO[:1], [Category("WhatsApp", (90.7,)),
                                              Category("TikTok", (3.3,))],
                      scale_max=100, unit="%")
    bars = [c.bars[0] for c in chart.categories]
    assert [b.width for b in bars] == ["90.7%", "3.3%"]
    assert [b.text for b in bars] == ["90.7%", "3.3%"]


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=12))
def test_widths_follow_values_whatever_they_are(values):
    chart = bar_chart("p", "P", TWO[:1], [Category(str(i), (v,)) for i, v in enumerate(values)])
    top = max(values) or 1
    for category, value in zip(chart.categories, values, strict=True):
        bar = category.bars[0]
        assert share(bar.width) == pytest.approx(value / top, abs=1e-5)
        assert bar.drawn == (value > 0)
        assert bar.text == f"{value:,}"
        if bar.inside:   # it fits on the bar at the narrowest width
            assert share(bar.width) * MIN_WIDTH >= text_width(bar.text, VALUE_SIZE) + TEXT_PAD
        else:            # it fits beside the bar, inside the drawing
            assert (share(bar.width) * MIN_WIDTH + TEXT_PAD
                    + text_width(bar.text, VALUE_SIZE)) <= MIN_WIDTH


def test_zero_values_draw_no_bar_but_still_say_zero():
    chart = bar_chart("z", "Z", TWO, [Category("X", (0, 0))])
    for bar in chart.categories[0].bars:
        assert (bar.drawn, bar.width, bar.text, bar.inside) == (False, "0%", "0", False)
        assert bar.anchor == "start" and bar.text_dx > 0 and bar.text_fill == charts.INK


def test_a_chart_of_nothing_but_zeros_does_not_divide_by_zero():
    chart = bar_chart("z", "Z", TWO, [Category("X", (0, 0)), Category("Y", (0, 0))])
    assert {bar.width for c in chart.categories for bar in c.bars} == {"0%"}


def test_long_bars_carry_their_value_short_ones_have_it_beside():
    chart = bar_chart("v", "V", TWO, [Category("Facebook", (1000, 2))])
    long, short = chart.categories[0].bars
    assert long.inside and long.anchor == "end" and long.text_dx < 0
    assert long.text == "1,000"
    assert not short.inside and short.anchor == "start" and short.text_dx > 0


def test_text_on_a_bar_reads_at_4_5_to_1_and_bars_stand_out_from_white():
    for swatch in PALETTE:
        on_bar = charts.text_colour_on(swatch.fill)
        assert charts.contrast(on_bar, swatch.fill) >= 4.5, swatch
        edge = max(charts.contrast(swatch.fill, "#ffffff"),
                   charts.contrast(swatch.stroke, "#ffffff"))
        assert edge >= 3, swatch
    assert charts.contrast(charts.INK, "#ffffff") >= 4.5


@pytest.mark.parametrize("palette", CENSUS_PALETTES, ids=["groups", "gap", "discovery"])
def test_series_stay_apart_in_greyscale(palette):
    for a, b in itertools.combinations(palette, 2):
        assert abs(charts.lightness(a.fill) - charts.lightness(b.fill)) >= 20, (a, b)


def test_long_labels_wrap_onto_two_lines_then_end_in_an_ellipsis():
    name = ("Kementerian Pembangunan Usahawan dan Koperasi, Bahagian Komunikasi Korporat "
            "dan Hal Ehwal Awam Malaysia")
    chart = bar_chart("l", "L", TWO[:1], [Category(name, (1,)), Category("Facebook", (2,))])
    long, short = chart.categories
    assert len(long.lines) == 2 and long.shortened and long.label == name
    assert long.lines[-1].text.endswith("…")
    assert all(text_width(line.text, charts.LABEL_SIZE) <= MIN_WIDTH for line in long.lines)
    assert [line.text for line in short.lines] == ["Facebook"] and not short.shortened
    # the second category starts below the first one's two lines and bar
    assert short.lines[0].y > long.bars[-1].y + charts.BAR_HEIGHT
    assert chart.height >= short.bars[-1].y + charts.BAR_HEIGHT
    # drawn: the shortened name keeps its full text in a <title>, the short one needs none
    html = render_to_string("charts/bar_chart.html", {"chart": chart})
    assert html.count(f"<title>{name}</title>") == 1
    assert html.count("<tspan") == 3 and "<title>Facebook</title>" not in html


def test_a_word_longer_than_a_line_is_cut():
    lines, shortened = wrap("x" * 200, 15, 100)
    assert len(lines) == 2 and shortened
    assert all(text_width(line, 15) <= 100 for line in lines)
    assert wrap("", 15, 100) == ([""], False)


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        bar_chart("n", "N", TWO, [Category("X", (-1, 2))])
    with pytest.raises(ValueError):
        bar_chart("n", "N", TWO, [Category("X", (1,))])


def test_numbers_are_written_the_malaysian_way_in_both_languages():
    assert charts.format_value(1234) == "1,234"
    assert charts.format_value(81.5, "%") == "81.5%"
    assert charts.format_value(3.0) == "3"
    assert charts.format_value(0.0, "%") == "0%"


def test_ids_are_safe():
    assert charts.chart_id("Kementerian & Agensi") == "chart-kementerian-agensi"
    assert charts.chart_id("<>") == "chart-x"


def test_template_draws_an_accessible_svg_and_escapes_text():
    chart = bar_chart("esc", 'Title <script>alert("t")</script>',
                      (Series("a", "A & <b>B</b>", BLUE), Series("b", "C", ORANGE)),
                      [Category('<img src=x onerror="1">', (5, 0))],
                      category_heading="Platform")
    html = render_to_string("charts/bar_chart.html", {"chart": chart})
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "Title &lt;script&gt;" in html and "A &amp; &lt;b&gt;B&lt;/b&gt;" in html
    assert '&lt;img src=x onerror=&quot;1&quot;&gt;' in html
    svg = re.search(r"<svg class=\"bars\"[^>]*>", html).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="chart-esc-title"' in svg
    assert 'width="100%"' in svg and "viewBox" not in svg
    assert 'id="chart-esc-title"' in html and "data-legend" in html
    assert re.findall(r'font-size="(\d+)"', html) and all(
        int(size) >= 14 for size in re.findall(r'font-size="(\d+)"', html))
    # each bar's value is written; the zero too; the numbers are also a table
    assert re.findall(r'<text class="value[^"]*"[^>]*>([^<]*)</text>', html) == ["5", "0"]
    assert "<table" in html and 'data-label="C"' in html


def test_template_leaves_the_table_out_when_the_page_has_one():
    chart = bar_chart("nt", "T", TWO, [Category("X", (1, 2))], data_table=False)
    assert "<table" not in render_to_string("charts/bar_chart.html", {"chart": chart})
