"""The feedback dashboard's periods and its rule for a sentiment shift (pure)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasmi.inbox import feedback_stats as stats

KL = ZoneInfo("Asia/Kuala_Lumpur")
NOW = dt.datetime(2025, 3, 5, 14, 37, 12, tzinfo=KL)   # a Wednesday


def test_the_last_hour_is_twelve_five_minute_buckets_ending_with_the_current_one():
    window = stats.window("hour", NOW, KL)
    assert window.grain == "5min" and len(window.starts) == 12
    assert window.starts[-1] == dt.datetime(2025, 3, 5, 14, 35, tzinfo=KL)
    assert window.end == dt.datetime(2025, 3, 5, 14, 40, tzinfo=KL)
    assert window.start == dt.datetime(2025, 3, 5, 13, 40, tzinfo=KL)
    assert window.previous_start == window.start - dt.timedelta(hours=1)
    assert window.bucket(NOW) == 11 and window.bucket(window.start) == 0
    assert window.bucket(window.start - dt.timedelta(seconds=1)) is None
    assert window.bucket(window.end) is None


def test_the_last_day_is_24_hour_buckets_and_the_week_7_malaysian_days():
    day = stats.window("day", NOW, KL)
    assert len(day.starts) == 24 and day.grain == "hour"
    assert day.starts[-1] == dt.datetime(2025, 3, 5, 14, 0, tzinfo=KL)
    assert day.end - day.start == dt.timedelta(hours=24)
    assert day.start - day.previous_start == dt.timedelta(hours=24)
    week = stats.window("week", NOW, KL)
    assert week.grain == "day" and len(week.starts) == 7
    assert week.starts[0] == dt.datetime(2025, 2, 27, tzinfo=KL)
    assert week.end == dt.datetime(2025, 3, 6, tzinfo=KL)
    assert week.previous_start == dt.datetime(2025, 2, 20, tzinfo=KL)
    assert week.bucket(dt.datetime(2025, 3, 5, 0, 0, tzinfo=KL)) == 6
    assert week.bucket(dt.datetime(2025, 3, 4, 23, 59, tzinfo=KL)) == 5
    with pytest.raises(ValueError):
        stats.window("month", NOW, KL)


def test_a_report_covers_monday_to_sunday_and_the_last_complete_week():
    window = stats.iso_week(2025, 10, KL)
    assert window.start == dt.datetime(2025, 3, 3, tzinfo=KL)
    assert window.end == dt.datetime(2025, 3, 10, tzinfo=KL)
    assert window.previous_start == dt.datetime(2025, 2, 24, tzinfo=KL)
    assert stats.last_complete_week(NOW, KL) == (2025, 9)
    # Monday 00:30 in Malaysia is still Sunday in UTC: the week just ended is the last.
    monday = dt.datetime(2025, 3, 10, 0, 30, tzinfo=KL)
    assert stats.last_complete_week(monday, KL) == (2025, 10)
    with pytest.raises(ValueError):
        stats.iso_week(2025, 54, KL)


@given(st.datetimes(min_value=dt.datetime(2001, 1, 1), max_value=dt.datetime(2090, 1, 1),
                    timezones=st.just(KL)), st.sampled_from(stats.PERIODS))
def test_buckets_tile_the_window_and_now_is_in_the_last(now, period):
    window = stats.window(period, now, KL)
    ends = [window.bucket_end(i) for i in range(len(window.starts))]
    assert list(window.starts[1:]) == ends[:-1] and ends[-1] == window.end
    assert window.bucket(now) == len(window.starts) - 1
    assert window.end - window.start == window.start - window.previous_start


def test_two_negatives_against_one_is_not_a_shift():
    assert stats.sentiment_shifts({"fees": (3, 2)}, {"fees": (3, 1)}) == []


def test_a_large_significant_change_is_a_shift_and_small_or_noisy_ones_are_not():
    now = {"flood": (120, 84), "fees": (100, 33), "scam": (25, 15), "roads": (400, 135)}
    before = {"flood": (100, 30), "fees": (100, 30), "scam": (25, 9), "roads": (400, 90)}
    shifts = stats.sentiment_shifts(now, before)
    # fees: 3 points; scam: 24 points on 25 messages each, not significant at 5%;
    # roads: 11 points on 400 each, significant.
    assert [s.topic for s in shifts] == ["flood", "roads"]
    flood = shifts[0]
    assert flood.worse and flood.share_before == 30 and flood.share_now == 70
    assert round(flood.change) == 40 and flood.z > 5


def test_a_topic_that_calmed_down_is_a_shift_too():
    [shift] = stats.sentiment_shifts({"flood": (200, 40)}, {"flood": (200, 120)})
    assert not shift.worse and shift.change == -40


def test_two_proportion_z_is_zero_where_undefined():
    assert stats.two_proportion_z(0, 0, 5, 10) == 0
    assert stats.two_proportion_z(10, 10, 10, 10) == 0


def test_percent_change():
    assert stats.percent_change(125, 100) == 25
    assert stats.percent_change(5, 0) is None
