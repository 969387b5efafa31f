"""Working days: weekends, federal holidays and their replacement days, state weekends."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasmi.inbox import working_days as wd

D = dt.date
FEDERAL = wd.calendar_for()


@pytest.mark.parametrize("start, days, due", [
    (D(2026, 11, 20), 1, D(2026, 11, 23)),   # Friday -> Monday
    (D(2026, 11, 21), 1, D(2026, 11, 23)),   # received on a Saturday
    (D(2026, 11, 25), 15, D(2026, 12, 16)),  # the charter, no holiday on the way
    (D(2026, 12, 24), 1, D(2026, 12, 28)),   # Christmas (Friday), then the weekend
    (D(2026, 3, 19), 1, D(2026, 3, 24)),     # Raya: 20 (extra), 21-22, 23 (replacement)
    (D(2026, 5, 29), 1, D(2026, 6, 3)),      # Wesak on Sunday 31 May, Agong's birthday on
                                             # Monday 1 June: the replacement is Tuesday
    (D(2026, 12, 18), 15, D(2027, 1, 11)),   # over Christmas and the new year (1 January
                                             # is a state holiday, not a federal one)
    (D(2027, 2, 5), 1, D(2027, 2, 9)),       # Chinese New Year on the weekend, Monday off
    (D(2027, 6, 4), 1, D(2027, 6, 9)),       # Awal Muharram (Sunday) + Agong (Monday)
    (D(2026, 11, 25), 0, D(2026, 11, 25)),
])
def test_adding_working_days_on_the_federal_calendar(start, days, due):
    assert wd.add_working_days(start, days) == due


def test_replacement_days_follow_the_holidays_act():
    replacements = {D(2026, 3, 23), D(2026, 6, 2), D(2026, 11, 9), D(2027, 2, 8),
                    D(2027, 6, 8), D(2027, 8, 16)}
    gazetted = {h.date for h in wd.federal_holidays()}
    assert FEDERAL.days_off - gazetted == replacements


def test_a_holiday_on_saturday_is_not_replaced_in_saturday_sunday_states():
    assert D(2027, 5, 1).weekday() == wd.SAT  # Labour Day 2027
    assert FEDERAL.is_working_day(D(2027, 5, 3))


def test_kedah_rests_on_friday_and_saturday_and_replaces_friday_holidays_on_sunday():
    kedah = wd.calendar_for("Kedah")
    friday, sunday = D(2026, 11, 27), D(2026, 11, 29)
    assert not kedah.is_working_day(friday) and kedah.is_working_day(sunday)
    assert FEDERAL.is_working_day(friday) and not FEDERAL.is_working_day(sunday)
    # Labour Day 2026 is a Friday, Kedah's rest day: Sunday 3 May is the replacement.
    assert not kedah.is_working_day(D(2026, 5, 3))
    # Kedah's week: received on Thursday, the next working day is Sunday.
    assert wd.add_working_days(D(2026, 11, 26), 1, kedah) == D(2026, 11, 29)


def test_kelantan_replaces_saturday_holidays_and_keeps_one_day_of_chinese_new_year():
    kelantan = wd.calendar_for("kelantan")
    assert kelantan.is_working_day(D(2026, 2, 18))  # the second day is not federal there
    assert not FEDERAL.is_working_day(D(2026, 2, 18))
    # Labour Day 2027 falls on Saturday, Kelantan's rest day: Sunday 2 May is off.
    assert not kelantan.is_working_day(D(2027, 5, 2))


def test_sarawak_does_not_keep_deepavali():
    sarawak = wd.calendar_for("sarawak")
    assert sarawak.is_working_day(D(2026, 11, 9))
    assert not FEDERAL.is_working_day(D(2026, 11, 9))
    assert sarawak.weekend == wd.SAT_SUN


def test_an_unknown_state_counts_on_the_federal_calendar():
    assert wd.calendar_for("atlantis") == FEDERAL
    assert wd.calendar_for("Negeri Sembilan").weekend == wd.SAT_SUN


def test_days_between_is_signed():
    assert wd.working_days_between(D(2026, 11, 25), D(2026, 12, 16)) == 15
    assert wd.working_days_between(D(2026, 12, 16), D(2026, 11, 25)) == -15
    assert wd.working_days_between(D(2026, 11, 20), D(2026, 11, 22)) == 0


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        wd.add_working_days(D(2026, 1, 5), -1)


def test_the_data_file_covers_2026_and_2027_and_lists_weekdays_and_weekends():
    holidays = wd.federal_holidays()
    assert {h.date.year for h in holidays} == {2026, 2027}
    assert len({h.date for h in holidays}) == len(holidays)
    assert FEDERAL.covers(D(2027, 12, 31)) and not FEDERAL.covers(D(2028, 1, 3))
    assert all(h.name_ms and h.name_en for h in holidays)


@given(start=st.dates(min_value=D(2025, 12, 1), max_value=D(2027, 12, 31)),
       days=st.integers(min_value=1, max_value=40),
       state=st.sampled_from(["", "kedah", "kelantan", "sarawak", "selangor"]))
def test_adding_then_counting_gives_the_same_number(start, days, state):
    calendar = wd.calendar_for(state)
    due = wd.add_working_days(start, days, calendar)
    assert calendar.is_working_day(due)
    assert wd.working_days_between(start, due, calendar) == days
    assert wd.working_days_between(start, due - dt.timedelta(days=1), calendar) == days - 1
