"""Stacked column charts over time (messages per hour, per day...), drawn on the server as
SVG with the same rules as the bar charts of `charts.py`, whose palette, text measure and
number format they share. Pure Python: the caller gives labels already translated.

Layout, and why:
- No viewBox: horizontal positions are percentages of the drawing's width, vertical ones
  CSS pixels, so the chart fills its column at any width and its text stays 14 px.
- One column per time bucket; each series is a segment stacked from the baseline in the
  legend's order. Columns are too narrow on a phone to carry their values, so every value
  is in the data table under the chart and in each column's tooltip; the scale is read
  from labelled gridlines (zero, half, a round maximum).
- Axis labels are placed at MIN_WIDTH (a 320 px phone), so labels that do not collide
  there never collide: a label every `step` buckets, the smallest of the caller's round
  steps (every 6 hours, every 15 minutes) whose spacing holds the widest label. A label
  may have two lines (weekday over date).
- Gridline labels sit at the left over the columns, with a white outline so they stay
  readable where they cross a column.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rasmi.registry.charts import (
    MIN_WIDTH,
    VALUE_SIZE,
    Series,
    _percent,
    chart_id,
    format_value,
    text_width,
)

PLOT_HEIGHT = 150        # px: the tallest column
TOP = 24                 # px: room above the top gridline for its label
TICK_SIZE = 14           # px: axis labels
TICK_LINE = 17           # px: one line of an axis label
TICK_GAP = 6             # px: between the baseline and an axis label's first line
LABEL_PAD = 8            # px: between two axis labels at MIN_WIDTH
GAP_SHARE = 0.2          # of a bucket's width: the space between two columns


@dataclass(frozen=True)
class Bucket:
    label: str                # the whole name, for the table and tooltip: "14:00-15:00"
    tick: str                 # the axis label, "\n" between lines: "14:00", "Mon\n3"
    ordinal: int              # counts in the caller's unit (hour of day...): steps align to it
    values: Sequence[float]   # one per series


@dataclass(frozen=True)
class Segment:
    series: Series
    value: float
    y: int
    height: int


@dataclass(frozen=True)
class Column:
    label: str
    x: str                    # "12.5%"
    width: str
    segments: tuple[Segment, ...]
    cells: tuple[tuple[Series, str], ...]   # each series with its value as written
    total: str


@dataclass(frozen=True)
class Tick:
    lines: tuple[str, ...]
    x: str
    line: str                 # where the tick mark is drawn


@dataclass(frozen=True)
class Gridline:
    y: int
    text: str


@dataclass(frozen=True)
class ColumnChart:
    id: str
    title: str
    series: tuple[Series, ...]
    columns: tuple[Column, ...]
    ticks: tuple[Tick, ...]
    gridlines: tuple[Gridline, ...]
    plot_top: int
    plot_bottom: int
    tick_y: int               # the first line's baseline
    tick_line: int
    height: int
    category_heading: str
    total_heading: str
    data_table: bool = True
    tick_size: int = TICK_SIZE
    value_size: int = VALUE_SIZE


def nice_ceiling(value: float) -> int:
    """The smallest of 1, 2, 5 x 10^k at or above `value`, and at least 2 (counts)."""
    if value <= 2:
        return 2
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def _label_step(buckets: Sequence[Bucket], steps: Sequence[int], min_width: int) -> int:
    widest = max((text_width(line, TICK_SIZE) for b in buckets for line in b.tick.split("\n")),
                 default=0)
    slot = min_width / max(len(buckets), 1)
    for step in sorted(steps):
        if step * slot >= widest + LABEL_PAD:
            return step
    return max(steps)


def column_chart(id: str, title: str, series: Sequence[Series], buckets: Sequence[Bucket], *,
                 category_heading: str, total_heading: str, steps: Sequence[int] = (1,),
                 scale_max: float | None = None, min_width: int = MIN_WIDTH,
                 plot_height: int = PLOT_HEIGHT, data_table: bool = True) -> ColumnChart:
    """Lay out stacked columns, one per bucket. The scale runs to a round number at or
    above the tallest column, or above `scale_max` (charts side by side share one)."""
    series = tuple(series)
    if any(len(b.values) != len(series) for b in buckets):
        raise ValueError("each bucket needs one value per series")
    if any(v < 0 for b in buckets for v in b.values):
        raise ValueError("column charts draw values of zero or more")
    tallest = max((sum(b.values) for b in buckets), default=0)
    top = nice_ceiling(max(tallest, scale_max or 0))
    plot_top, plot_bottom = TOP, TOP + plot_height
    slot = 100 / max(len(buckets), 1)
    columns = []
    for index, bucket in enumerate(buckets):
        segments, stacked, y_below = [], 0.0, plot_bottom
        for one, value in zip(series, bucket.values, strict=True):
            stacked += value
            y = plot_bottom - round(stacked / top * plot_height)
            if value > 0 and y >= y_below:
                y = y_below - 1  # a non-zero value always shows, however small
            if value > 0:
                segments.append(Segment(one, value, y, y_below - y))
            y_below = min(y, y_below)
        columns.append(Column(
            label=bucket.label, x=_percent(slot * (index + GAP_SHARE / 2)),
            width=_percent(slot * (1 - GAP_SHARE)), segments=tuple(segments),
            cells=tuple((one, format_value(v)) for one, v in zip(series, bucket.values,
                                                                  strict=True)),
            total=format_value(sum(bucket.values))))
    step = _label_step(buckets, steps, min_width)
    ticks = []
    for index, bucket in enumerate(buckets):
        lines = tuple(bucket.tick.split("\n"))
        fits = index * min_width / max(len(buckets), 1) + max(
            text_width(line, TICK_SIZE) for line in lines) <= min_width
        if bucket.ordinal % step == 0 and fits:
            ticks.append(Tick(lines, _percent(slot * index), _percent(slot * index)))
    # Zero, the top and, when it is a whole number, the half.
    gridlines = tuple(Gridline(plot_bottom - round(share * plot_height), format_value(top * share))
                      for share in (0, 0.5, 1) if float(top * share).is_integer())
    tick_y = plot_bottom + TICK_GAP + TICK_SIZE
    lines = max((len(t.lines) for t in ticks), default=1)
    return ColumnChart(
        id=chart_id(id), title=title, series=series, columns=tuple(columns), ticks=tuple(ticks),
        gridlines=gridlines, plot_top=plot_top, plot_bottom=plot_bottom, tick_y=tick_y,
        tick_line=TICK_LINE, height=tick_y + (lines - 1) * TICK_LINE + 6,
        category_heading=category_heading, total_heading=total_heading, data_table=data_table)
