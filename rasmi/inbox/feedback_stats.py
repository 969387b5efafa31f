"""Pure helpers of the feedback dashboard (no Django): the time windows a period covers,
and when a change in a topic's sentiment is a shift rather than noise.

Periods:
- "hour": the last 60 minutes in 5-minute buckets, read live from the messages (the
  counts are per hour, too coarse for this view);
- "day": the last 24 hours in hour buckets, from the hour counts;
- "week": the last 7 Malaysian calendar days (today so far included) in day buckets,
  from the day counts.
Each is compared with the period of the same length just before it. A weekly report
covers one whole ISO week (Monday to Sunday) and compares it with the week before.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

PERIODS = ("hour", "day", "week")
FIVE_MINUTES = dt.timedelta(minutes=5)
HOUR = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Window:
    period: str               # "hour", "day", "week" or "report"
    grain: str                # "5min", "hour" or "day": one bucket
    starts: tuple[dt.datetime, ...]   # each bucket's start, in order
    end: dt.datetime          # the last bucket's end
    previous_start: dt.datetime       # the compared period: [previous_start, start)

    @property
    def start(self) -> dt.datetime:
        return self.starts[0]

    def bucket(self, when: dt.datetime) -> int | None:
        """The index of the bucket `when` falls in, or None outside the window."""
        if when < self.start or when >= self.end:
            return None
        return bisect.bisect_right(self.starts, when) - 1

    def bucket_end(self, index: int) -> dt.datetime:
        return self.starts[index + 1] if index + 1 < len(self.starts) else self.end


def _floor(when: dt.datetime, step: dt.timedelta) -> dt.datetime:
    epoch = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    utc = when.astimezone(dt.UTC)
    return epoch + ((utc - epoch) // step) * step


def _midnight(day: dt.date, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=tz)


def window(period: str, now: dt.datetime, tz: dt.tzinfo) -> Window:
    """The window of `period` ending now; `tz` is the Malaysian time zone the days and
    labels follow."""
    if period == "hour":
        last = _floor(now, FIVE_MINUTES)
        starts = tuple(last - FIVE_MINUTES * i for i in range(11, -1, -1))
        return Window("hour", "5min", starts, last + FIVE_MINUTES, starts[0] - HOUR)
    if period == "day":
        last = _floor(now, HOUR)
        starts = tuple(last - HOUR * i for i in range(23, -1, -1))
        return Window("day", "hour", starts, last + HOUR, starts[0] - 24 * HOUR)
    if period == "week":
        today = now.astimezone(tz).date()
        days = [today - dt.timedelta(days=i) for i in range(6, -1, -1)]
        starts = tuple(_midnight(day, tz) for day in days)
        return Window("week", "day", starts, _midnight(today + dt.timedelta(days=1), tz),
                      _midnight(days[0] - dt.timedelta(days=7), tz))
    raise ValueError(f"unknown period {period!r}")


def iso_week(year: int, week: int, tz: dt.tzinfo) -> Window:
    """Monday to Sunday of ISO week `week` of `year`, compared with the week before.
    Raises ValueError for a week that does not exist."""
    monday = dt.date.fromisocalendar(year, week, 1)
    starts = tuple(_midnight(monday + dt.timedelta(days=i), tz) for i in range(7))
    return Window("report", "day", starts, _midnight(monday + dt.timedelta(days=7), tz),
                  _midnight(monday - dt.timedelta(days=7), tz))


def last_complete_week(now: dt.datetime, tz: dt.tzinfo) -> tuple[int, int]:
    """(ISO year, ISO week) of the last week that has ended, in Malaysian time."""
    year, week, _day = (now.astimezone(tz).date() - dt.timedelta(days=7)).isocalendar()
    return year, week


# --- sentiment shifts ------------------------------------------------------------------

MIN_MESSAGES = 20     # on the topic, in each of the two periods
MIN_CHANGE = 0.10     # of the messages: ten percentage points
Z_CRITICAL = 1.96     # two-sided 5%


@dataclass(frozen=True)
class Shift:
    topic: str
    before_messages: int
    before_negative: int
    now_messages: int
    now_negative: int
    z: float

    @property
    def share_before(self) -> float:
        """Percent of the topic's messages that were negative in the period before."""
        return 100 * self.before_negative / self.before_messages

    @property
    def share_now(self) -> float:
        return 100 * self.now_negative / self.now_messages

    @property
    def change(self) -> float:
        """Percentage points, + when the topic turned more negative."""
        return self.share_now - self.share_before

    @property
    def worse(self) -> bool:
        return self.change > 0


def two_proportion_z(hits_a: int, n_a: int, hits_b: int, n_b: int) -> float:
    """z of the difference b - a between two shares, pooled; 0 where it is undefined."""
    if n_a == 0 or n_b == 0:
        return 0.0
    pooled = (hits_a + hits_b) / (n_a + n_b)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    if spread == 0:
        return 0.0
    return (hits_b / n_b - hits_a / n_a) / spread


def sentiment_shifts(now: Mapping[str, tuple[int, int]], before: Mapping[str, tuple[int, int]],
                     *, min_messages: int = MIN_MESSAGES, min_change: float = MIN_CHANGE,
                     z_critical: float = Z_CRITICAL) -> list[Shift]:
    """Topics whose share of negative messages changed, biggest change first.

    `now` and `before` map a topic to (messages, negative messages) in each period. A
    change counts only when both periods have `min_messages` on the topic, the share moved
    by `min_change` or more, and a two-proportion z-test says so at 5%: 2 negative
    messages against 1 is not a shift."""
    found = []
    for topic, (now_n, now_neg) in now.items():
        before_n, before_neg = before.get(topic, (0, 0))
        if now_n < min_messages or before_n < min_messages:
            continue
        z = two_proportion_z(before_neg, before_n, now_neg, now_n)
        if abs(now_neg / now_n - before_neg / before_n) >= min_change and abs(z) >= z_critical:
            found.append(Shift(topic, before_n, before_neg, now_n, now_neg, z))
    return sorted(found, key=lambda s: (-abs(s.change), s.topic))


def percent_change(now: int, before: int) -> float | None:
    """+25.0 for 125 after 100; None when there was nothing before."""
    if before == 0:
        return None
    return 100 * (now - before) / before


# --- first response times --------------------------------------------------------------
# Counted in buckets, so a median over any number of conversations is read from a few
# hundred stored counts: 5 minutes wide under an hour, 15 minutes under two days, an hour
# beyond. The median is the middle of the bucket that holds it: within 2.5 minutes under
# an hour, 7.5 minutes under two days.

HOUR_SECONDS, TWO_DAYS_SECONDS = 3600, 172800
FIVE_MINUTE_BUCKETS, QUARTER_BUCKETS = 12, 188   # 0-60 min; 1 h-48 h


def response_bucket(seconds: float) -> int:
    seconds = max(seconds, 0)
    if seconds < HOUR_SECONDS:
        return int(seconds // 300)
    if seconds < TWO_DAYS_SECONDS:
        return FIVE_MINUTE_BUCKETS + int((seconds - HOUR_SECONDS) // 900)
    return FIVE_MINUTE_BUCKETS + QUARTER_BUCKETS + int((seconds - TWO_DAYS_SECONDS) // 3600)


def bucket_bounds(bucket: int) -> tuple[int, int]:
    """The seconds [low, high) a response-time bucket covers."""
    if bucket < FIVE_MINUTE_BUCKETS:
        return bucket * 300, (bucket + 1) * 300
    if bucket < FIVE_MINUTE_BUCKETS + QUARTER_BUCKETS:
        low = HOUR_SECONDS + (bucket - FIVE_MINUTE_BUCKETS) * 900
        return low, low + 900
    low = TWO_DAYS_SECONDS + (bucket - FIVE_MINUTE_BUCKETS - QUARTER_BUCKETS) * 3600
    return low, low + 3600


def median_of(histogram: Mapping[int, int]) -> float | None:
    """The median of response-time buckets ({bucket: conversations}): the middle of the
    bucket holding the middle conversation (the mean of two, for an even count)."""
    total = sum(histogram.values())
    if not total:
        return None
    wanted = sorted({(total - 1) // 2, total // 2})
    found, seen = [], 0
    for bucket in sorted(histogram):
        seen += histogram[bucket]
        while wanted and wanted[0] < seen:
            low, high = bucket_bounds(bucket)
            found.append((low + high) / 2)
            wanted.pop(0)
    return sum(found) / len(found)
