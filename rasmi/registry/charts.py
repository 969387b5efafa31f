"""Horizontal bar charts drawn on the server as SVG, readable on a phone and a laptop.

Shared by every page that shows a chart: the census of presence (`/banci/`) and the
discovery census (`/banci/penemuan/`). `bar_chart()` is pure Python (no Django): it takes
labels already translated and numbers, and returns a `BarChart` holding every position.
`templates/charts/bar_chart.html` draws it, and Django's autoescaping takes care of the
text.

Layout, and why:
- Each category (a platform) is a group: its name on a line of its own ABOVE its bars,
  so a narrow screen never squeezes the name into a column beside them; then one bar per
  series, in the legend's order.
- The SVG has no viewBox. Horizontal positions are percentages of its width, vertical ones
  are CSS pixels, and it is `width="100%"`. It fills its container at every width while its
  text keeps one size in CSS pixels (a viewBox would shrink the text with the screen, which
  is what made the old charts unreadable on a phone). The text is 14-15 px, above the
  13.3-13.6 px of the site's small text.
- Each bar's value is written on the bar, or just past its end when the bar is too short
  to hold it. "Too short" is decided at MIN_WIDTH, the narrowest drawing we support (a
  320 px phone), so a value that fits there fits at every wider size.
- Colours come from the Okabe-Ito palette, which stays apart for the common kinds of
  colour blindness, and the series of one chart differ in lightness as well (a dark, a
  middle and a light tone), so they stay apart in greyscale print. Light bars get a darker
  outline so their edge keeps 3:1 against the white background (WCAG 1.4.11); the text on
  a bar takes whichever of white or ink reads better on it (at least 4.5:1).
- The title and the legend are HTML in the template, so they wrap like any text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

MIN_WIDTH = 272          # px: the chart's drawing width inside a 320 px phone's page
LABEL_SIZE = 15          # px: category names
VALUE_SIZE = 14          # px: values on or beside the bars
LABEL_LINE = 20          # px: one line of a category name
LABEL_GAP = 4            # px: between a category's name and its first bar
BAR_HEIGHT = 22
BAR_GAP = 4
GROUP_GAP = 14           # px: between one category's last bar and the next name
TOP = 2
TEXT_PAD = 6             # px: between a value and the bar's end
MIN_BAR = 2              # px: a non-zero value is never drawn thinner than this
MAX_LABEL_LINES = 2
INK = "#1c2430"
WHITE = "#ffffff"
ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class Swatch:
    """A bar colour: `fill`, and `stroke`, its outline."""

    name: str
    fill: str
    stroke: str


# Okabe & Ito (2008), "Color Universal Design". CIE lightness L* in the comment: the
# series of one chart use tones 20 or more apart, so they differ in greyscale too.
DARK = Swatch("dark", "#222222", "#222222")        # black, softened   L* 13
BLUE = Swatch("blue", "#0072B2", "#0072B2")        # blue              L* 46
ORANGE = Swatch("orange", "#E69F00", "#8A5A00")    # orange            L* 71
SKY = Swatch("sky", "#56B4E9", "#1F6391")          # sky blue          L* 70
PALETTE = (DARK, BLUE, ORANGE, SKY)


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    swatch: Swatch


@dataclass(frozen=True)
class Category:
    label: str
    values: Sequence[float]   # one per series, in the series' order


@dataclass(frozen=True)
class Line:
    text: str
    y: int                    # baseline


@dataclass(frozen=True)
class Bar:
    series: Series
    value: float
    text: str                 # the value as written
    y: int                    # top edge
    width: str                # "42.5%" of the drawing's width
    drawn: bool               # False for a zero: nothing to draw but its value
    text_x: str               # "42.5%": where the value is anchored...
    text_dx: int              # ...moved by this many px (negative: back onto the bar)
    text_y: int               # baseline
    anchor: str               # "end" on the bar, "start" beside it
    text_fill: str
    inside: bool


@dataclass(frozen=True)
class DrawnCategory:
    label: str
    lines: tuple[Line, ...]
    shortened: bool           # the name did not fit in MAX_LABEL_LINES and ends in "…"
    bars: tuple[Bar, ...]
    axis_top: int             # the zero line runs beside the bars, from here...
    axis_bottom: int          # ...to here


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    series: tuple[Series, ...]
    categories: tuple[DrawnCategory, ...]
    height: int
    category_heading: str     # the data table's first column
    data_table: bool          # draw the numbers as a table under the chart
    label_size: int = LABEL_SIZE
    value_size: int = VALUE_SIZE
    bar_height: int = BAR_HEIGHT
    min_bar: int = MIN_BAR


# --- text measure ----------------------------------------------------------------------

_NARROW = set("iljtfrI1.,:;'!|()[] ")
_WIDE = set("mwMW@%#")


def text_width(text: str, size: float) -> float:
    """A generous estimate of `text`'s width in px, in a sans-serif face at `size` px and
    weight 600: wide enough that a text judged to fit does in the common system fonts."""
    em = 0.0
    for char in text:
        if char in _NARROW:
            em += 0.34
        elif char in _WIDE:
            em += 0.92
        elif char.isupper() or char.isdigit():
            em += 0.68
        else:
            em += 0.6
    return em * size


def wrap(text: str, size: float, width: float, max_lines: int = MAX_LABEL_LINES,
         ) -> tuple[list[str], bool]:
    """`text` broken at spaces into lines no wider than `width` px, at most `max_lines`;
    the last line ends in "…" when the rest does not fit. Returns (lines, shortened)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while text_width(current, size) > width:   # a word longer than a line: cut it
            cut = _fit(current, size, width)
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines or [""], False
    kept = lines[:max_lines]
    last = kept[-1]
    while last and text_width(last + ELLIPSIS, size) > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + ELLIPSIS
    return kept, True


def _fit(text: str, size: float, width: float) -> int:
    cut = len(text)
    while cut > 1 and text_width(text[:cut], size) > width:
        cut -= 1
    return cut


# --- colour ----------------------------------------------------------------------------

def luminance(colour: str) -> float:
    """WCAG relative luminance of "#rrggbb"."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def lightness(colour: str) -> float:
    """CIE L* (0 black .. 100 white): how light the colour prints in greyscale."""
    y = luminance(colour)
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def text_colour_on(fill: str) -> str:
    return WHITE if contrast(WHITE, fill) >= contrast(INK, fill) else INK


# --- numbers ---------------------------------------------------------------------------

def format_value(value: float, unit: str = "") -> str:
    """12 -> "12", 1234 -> "1,234", 81.5 -> "81.5", 3.0 -> "3"; then the unit ("%").
    Malaysian usage, the same in Bahasa Melayu and English: comma thousands, point
    decimals."""
    if float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.1f}"
    return text + unit


def _percent(share: float) -> str:
    """An SVG length that no locale setting reformats: 42.5 -> "42.5%"."""
    return f"{share:.3f}".rstrip("0").rstrip(".") + "%"


# --- the chart -------------------------------------------------------------------------

def chart_id(text: str) -> str:
    """An HTML id, "chart-…", from any text."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return f"chart-{slug or 'x'}"


def bar_chart(id: str, title: str, series: Sequence[Series], categories: Sequence[Category],
              *, scale_max: float | None = None, unit: str = "", category_heading: str = "",
              data_table: bool = True, min_width: int = MIN_WIDTH) -> BarChart:
    """Lay out a grouped horizontal bar chart.

    A bar is `value / scale_max` of the drawing's width. `scale_max` defaults to the
    largest value; pass 100 for percentages so that a bar reads against the whole."""
    series = tuple(series)
    if any(len(c.values) != len(series) for c in categories):
        raise ValueError("each category needs one value per series")
    values = [v for c in categories for v in c.values]
    if any(v < 0 for v in values):
        raise ValueError("bar charts draw values of zero or more")
    top = scale_max if scale_max is not None else max(values, default=0)
    top = top if top > 0 else 1
    drawn = []
    y = TOP
    for category in categories:
        texts, shortened = wrap(category.label, LABEL_SIZE, min_width)
        lines = []
        for text in texts:
            lines.append(Line(text, y + LABEL_SIZE))
            y += LABEL_LINE
        y += LABEL_GAP
        axis_top = y
        bars = []
        for one, value in zip(series, category.values, strict=True):
            bars.append(_bar(one, value, top, y, unit, min_width))
            y += BAR_HEIGHT + BAR_GAP
        drawn.append(DrawnCategory(category.label, tuple(lines), shortened, tuple(bars),
                                   axis_top, y - BAR_GAP))
        y += GROUP_GAP - BAR_GAP
    return BarChart(id=chart_id(id), title=title, series=series, categories=tuple(drawn),
                    height=max(y - GROUP_GAP + TOP, 1), category_heading=category_heading,
                    data_table=data_table)


def _bar(series: Series, value: float, top: float, y: int, unit: str, min_width: int) -> Bar:
    share = min(value / top, 1.0)
    text = format_value(value, unit)
    needed = text_width(text, VALUE_SIZE) + 2 * TEXT_PAD
    inside = value > 0 and share * min_width >= needed
    position = _percent(100 * share)
    baseline = y + BAR_HEIGHT // 2 + round(VALUE_SIZE * 0.36)
    if inside:
        dx, anchor, fill = -TEXT_PAD, "end", text_colour_on(series.swatch.fill)
    else:   # beside the bar's end (the axis, for a zero); a MIN_BAR stub ends before it
        dx, anchor, fill = TEXT_PAD, "start", INK
    return Bar(series=series, value=value, text=text, y=y, width=position, drawn=value > 0,
               text_x=position, text_dx=dx, text_y=baseline, anchor=anchor, text_fill=fill,
               inside=inside)
