"""The feedback dashboard's charts: its figures handed to the shared layouts
(`registry/charts.py` for bars, `registry/column_charts.py` for columns over time) with
translated titles and labels in Malaysian time."""

import datetime as dt

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from rasmi.inbox import feedback as fb
from rasmi.inbox.feedback_queries import SENTIMENTS, Dashboard, label
from rasmi.inbox.feedback_stats import Window
from rasmi.registry import charts
from rasmi.registry.column_charts import Bucket, ColumnChart, column_chart

# Negative at the bottom of each column, in the darkest tone: the share to watch.
SENTIMENT_SWATCHES = {"negative": charts.DARK, "neutral": charts.SKY, "positive": charts.BLUE}
SMALL_MULTIPLES = 4
TOP_IN_BAR_CHART = 8


def _when(window: Window, index: int) -> tuple[str, str, int]:
    """(the bucket's full name, its axis label, its ordinal for the label steps)."""
    start = timezone.localtime(window.starts[index])
    end = timezone.localtime(window.bucket_end(index))
    if window.grain == "day":
        return (date_format(start, "l, j F"), f"{date_format(start, 'D')}\n{start.day}",
                index)
    if window.grain == "hour":
        return (f"{date_format(start, 'j M')} {start:%H:%M}–{end:%H:%M}", f"{start:%H:%M}",
                start.hour)
    return f"{start:%H:%M}–{end:%H:%M}", f"{start:%H:%M}", start.minute // 5


STEPS = {"day": (1, 2), "hour": (1, 2, 3, 4, 6, 12), "5min": (1, 2, 3, 6)}


def _buckets(window: Window, columns: list[list[int]]) -> list[Bucket]:
    buckets = []
    for index in range(len(window.starts)):
        full, tick, ordinal = _when(window, index)
        buckets.append(Bucket(full, tick, ordinal, [values[index] for values in columns]))
    return buckets


def _time_heading(window: Window) -> str:
    return {"day": _("Day"), "hour": _("Hour"), "5min": _("Time")}[window.grain]


def volume_by_sentiment(board: Dashboard) -> ColumnChart:
    series = [charts.Series(value, label(fb.SENTIMENT, value), SENTIMENT_SWATCHES[value])
              for value in SENTIMENTS]
    columns = [board.series(fb.SENTIMENT, value) for value in SENTIMENTS]
    return column_chart("feedback-volume", _("Messages from the public over time, by sentiment"),
                        series, _buckets(board.window, columns),
                        category_heading=_time_heading(board.window),
                        total_heading=_("Messages"), steps=STEPS[board.window.grain])


def over_time(board: Dashboard, dimension: str) -> list[ColumnChart]:
    """One small chart per most frequent value (intent, language or topic), on one scale
    so their heights compare."""
    rows = board.top_values(dimension, SMALL_MULTIPLES)
    peak = max((max(board.series(dimension, row.value), default=0) for row in rows), default=0)
    made = []
    for row in rows:
        series = [charts.Series(row.value, row.label, charts.BLUE)]
        made.append(column_chart(
            f"feedback-{dimension}-{row.value}", row.label, series,
            _buckets(board.window, [board.series(dimension, row.value)]),
            category_heading=_time_heading(board.window), total_heading=_("Messages"),
            steps=STEPS[board.window.grain], scale_max=peak, plot_height=90))
    return made


def breakdown(board: Dashboard, dimension: str, title: str, *, now_label: str,
              before_label: str) -> charts.BarChart:
    """This period against the one before, per value."""
    rows = board.breakdown.get(dimension, [])[:TOP_IN_BAR_CHART]
    return charts.bar_chart(
        f"feedback-{dimension}", title,
        (charts.Series("now", now_label, charts.DARK),
         charts.Series("before", before_label, charts.SKY)),
        [charts.Category(row.label, (row.now, row.before)) for row in rows],
        category_heading={fb.INTENT: _("Intent"), fb.SENTIMENT: _("Sentiment"),
                          fb.LANGUAGE: _("Language"), fb.TOPIC: _("Topic")}[dimension])


def period_labels(window: Window) -> tuple[str, str]:
    """What "now" and "before" are called on this window's charts."""
    return {
        "hour": (_("Last hour"), _("Hour before")),
        "day": (_("Last 24 hours"), _("24 hours before")),
        "week": (_("Last 7 days"), _("7 days before")),
        "report": (_("This week"), _("Week before")),
    }[window.period]


def local_range(window: Window) -> tuple[dt.datetime, dt.datetime]:
    return timezone.localtime(window.start), timezone.localtime(window.end)
