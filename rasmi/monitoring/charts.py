"""Monitoring's charts, laid out by the shared column chart (registry/column_charts.py) and
drawn by templates/charts/column_chart.html: mentions per 5 minutes around an alert, and
mentions or messages per hour (or day) over a crisis. Times are Malaysian."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from rasmi.registry import charts
from rasmi.registry.column_charts import Bucket, ColumnChart, column_chart

FIVE = dt.timedelta(minutes=5)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
BEFORE_ALERT = dt.timedelta(minutes=60)
AFTER_ALERT = dt.timedelta(minutes=30)
MAX_BUCKETS = 24 * 12
STEPS = {"5min": (1, 2, 3, 6, 12), "hour": (1, 2, 3, 4, 6, 12), "day": (1, 2, 7)}


def _floor(when: dt.datetime, step: dt.timedelta) -> dt.datetime:
    local = timezone.localtime(when)
    if step == DAY:
        return local.replace(hour=0, minute=0, second=0, microsecond=0)
    seconds = int(step.total_seconds())
    since_midnight = local.hour * 3600 + local.minute * 60 + local.second
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return start + dt.timedelta(seconds=since_midnight - since_midnight % seconds)


def starts(first: dt.datetime, last: dt.datetime, step: dt.timedelta) -> list[dt.datetime]:
    """Bucket starts from the one holding `first` to the one holding `last`."""
    current, end, found = _floor(first, step), _floor(last, step), []
    while current <= end and len(found) < MAX_BUCKETS:
        found.append(current)
        current = timezone.localtime(current + step)
    return found


def count_into(bucket_starts: list[dt.datetime], step: dt.timedelta,
               rows: Iterable[tuple[dt.datetime, bool]]) -> tuple[list[int], list[int]]:
    """(rows marked True, the others) per bucket."""
    index = {start: i for i, start in enumerate(bucket_starts)}
    marked, other = [0] * len(bucket_starts), [0] * len(bucket_starts)
    for when, flag in rows:
        i = index.get(_floor(when, step))
        if i is not None:
            (marked if flag else other)[i] += 1
    return marked, other


def _bucket(start: dt.datetime, step: dt.timedelta, values: list[int]) -> Bucket:
    end = timezone.localtime(start + step)
    if step == DAY:
        return Bucket(date_format(start, "l, j F"), f"{date_format(start, 'D')}\n{start.day}",
                      start.toordinal(), values)
    if step == HOUR:
        return Bucket(f"{date_format(start, 'j M')} {start:%H:%M}–{end:%H:%M}",
                      f"{start:%H:%M}", start.hour, values)
    return Bucket(f"{start:%H:%M}–{end:%H:%M}", f"{start:%H:%M}",
                  (start.hour * 60 + start.minute) // 5, values)


def two_series_chart(id: str, title: str, bucket_starts: list[dt.datetime],
                     step: dt.timedelta, marked: list[int], other: list[int], *,
                     marked_label: str, other_label: str, total_heading: str) -> ColumnChart:
    series = [charts.Series("marked", marked_label, charts.DARK),
              charts.Series("other", other_label, charts.SKY)]
    grain = "day" if step == DAY else "hour" if step == HOUR else "5min"
    buckets = [_bucket(start, step, [m, o])
               for start, m, o in zip(bucket_starts, marked, other, strict=True)]
    heading = {"day": _("Day"), "hour": _("Hour"), "5min": _("Time")}[grain]
    return column_chart(id, title, series, buckets, category_heading=heading,
                        total_heading=total_heading, steps=STEPS[grain])


def alert_window(alert) -> tuple[dt.datetime, dt.datetime]:
    """From an hour before the surge began to half an hour after it was detected."""
    start = alert.started_at - BEFORE_ALERT
    end = max(alert.detected_at, alert.started_at) + AFTER_ALERT
    return start, min(end, start + MAX_BUCKETS * FIVE)


def alert_trend(alert, rows: Iterable[tuple[dt.datetime, str]]) -> ColumnChart:
    """Mentions per 5 minutes around the alert: its topic dark, the rest light.
    `rows` are (time, topic) of the organisation's mentions in alert_window()."""
    start, end = alert_window(alert)
    bucket_starts = starts(start, end - dt.timedelta(seconds=1), FIVE)
    on_topic = alert.topic
    marked, other = count_into(bucket_starts, FIVE,
                               ((at, not on_topic or topic == on_topic) for at, topic in rows))
    return two_series_chart(
        f"alert-{alert.pk}-trend", _("Mentions per 5 minutes around the alert"),
        bucket_starts, FIVE, marked, other,
        marked_label=(_("On %(topic)s") % {"topic": on_topic}) if on_topic else _("Mentions"),
        other_label=_("Other mentions"), total_heading=_("Mentions"))


def crisis_step(start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    return HOUR if end - start <= dt.timedelta(days=4) else DAY
