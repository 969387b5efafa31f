"""Stacked columns over time (rasmi/registry/column_charts.py) and their template: heights
proportional on a round scale, segments stacked in the legend's order, axis labels that
never collide on a phone, text at a readable size, no viewBox."""

import re

import pytest
from django.template.loader import render_to_string
from hypothesis import given
from hypothesis import strategies as st

from rasmi.registry.charts import BLUE, DARK, MIN_WIDTH, SKY, Series, text_width
from rasmi.registry.column_charts import (
    PLOT_HEIGHT,
    TICK_SIZE,
    Bucket,
    column_chart,
    nice_ceiling,
)

THREE = (Series("negative", "Negative", DARK), Series("neutral", "Neutral", SKY),
         Series("positive", "Positive", BLUE))


def share(width: str) -> float:
    assert width.endswith("%")
    return float(width[:-1]) / 100


def hours(values) -> list[Bucket]:
    return [Bucket(f"{h:02d}:00-{h + 1:02d}:00", f"{h:02d}:00", h, v)
            for h, v in enumerate(values)]


def test_round_scales():
    assert [nice_ceiling(v) for v in (0, 1, 2, 3, 10, 11, 99, 101, 4999)] == [
        2, 2, 2, 5, 10, 20, 100, 200, 5000]


def test_segments_stack_in_order_and_heights_follow_the_scale():
    chart = column_chart("t", "T", THREE, hours([(10, 20, 20), (0, 0, 0), (1, 0, 0)]),
                         category_heading="Hour", total_heading="Messages")
    first, empty, small = chart.columns
    bottom = chart.plot_bottom
    negative, neutral, positive = first.segments
    assert [s.series.key for s in first.segments] == ["negative", "neutral", "positive"]
    assert negative.y + negative.height == bottom            # negative sits on the axis
    assert neutral.y + neutral.height == negative.y           # and the rest on top of it
    assert positive.y == bottom - PLOT_HEIGHT                 # 50 of a scale of 50
    assert negative.height == round(PLOT_HEIGHT * 10 / 50)
    assert empty.segments == () and empty.total == "0"
    assert small.segments[0].height >= 1                      # a one still shows
    assert [g.text for g in chart.gridlines] == ["0", "25", "50"]
    assert share(first.x) < share(empty.x) < share(small.x)
    assert share(first.width) > 0 and share(first.x) + share(first.width) <= share(empty.x)


def test_a_shared_scale_for_charts_side_by_side():
    alone = column_chart("a", "A", THREE[:1], hours([(3,)]), category_heading="",
                         total_heading="")
    shared = column_chart("b", "B", THREE[:1], hours([(3,)]), category_heading="",
                          total_heading="", scale_max=100)
    assert alone.columns[0].segments[0].height > shared.columns[0].segments[0].height


@given(st.integers(min_value=1, max_value=48), st.sampled_from([(1, 2, 3, 4, 6, 12), (1,)]))
def test_axis_labels_never_collide_at_the_narrowest_width(count, steps):
    chart = column_chart("t", "T", THREE[:1], hours([(1,)] * count), category_heading="",
                         total_heading="", steps=steps)
    lefts = [share(t.x) * MIN_WIDTH for t in chart.ticks]
    widths = [max(text_width(line, TICK_SIZE) for line in t.lines) for t in chart.ticks]
    assert chart.ticks and lefts[0] == 0
    for left, width, following in zip(lefts, widths, lefts[1:], strict=False):
        assert left + width < following or steps == (1,)
    assert all(left + width <= MIN_WIDTH for left, width in zip(lefts, widths, strict=True))


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        column_chart("t", "T", THREE, hours([(1, 2)]), category_heading="", total_heading="")
    with pytest.raises(ValueError):
        column_chart("t", "T", THREE[:1], hours([(-1,)]), category_heading="",
                     total_heading="")


def test_template_draws_an_accessible_svg_with_its_numbers_in_a_table():
    days = [Bucket("Monday, 3 March", "Mon\n3", 0, (4, 5, 1)),
            Bucket("Tuesday <4> March", "Tue\n4", 1, (0, 2, 0))]
    chart = column_chart("week & more", "Messages <b>", THREE, days, category_heading="Day",
                         total_heading="Messages")
    html = render_to_string("charts/column_chart.html", {"chart": chart})
    svg = re.search(r'<svg class="bars columns"[^>]*>', html).group(0)
    assert 'width="100%"' in svg and "viewBox" not in html and 'role="img"' in svg
    assert f'aria-labelledby="{chart.id}-title"' in svg and "Messages &lt;b&gt;" in html
    assert "<4>" not in html and "Tuesday &lt;4&gt; March" in html
    sizes = [int(size) for size in re.findall(r'font-size="(\d+)"', html)]
    assert sizes and min(sizes) >= 14
    assert re.findall(r"<tspan[^>]*>([^<]*)</tspan>", html) == ["Mon", "3", "Tue", "4"]
    cells = re.findall(r'<td class="num" data-label="([^"]+)">([^<]*)</td>', html)
    assert cells[:4] == [("Negative", "4"), ("Neutral", "5"), ("Positive", "1"),
                         ("Messages", "10")]
