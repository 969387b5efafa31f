"""Malaysian working days, for the client charter ("normal complaints resolved within 15
working days") and any other deadline counted in working days.

A working day is neither a weekend day nor a public holiday. Most states rest on Saturday
and Sunday; Kedah, Kelantan and Terengganu rest on Friday and Saturday (Johor moved back to
Saturday-Sunday on 1 January 2025). Under section 3 of the Holidays Act 1951 a holiday that
falls on the weekly rest day (Sunday; Friday in Kedah; Saturday in Kelantan and Terengganu)
is replaced by the next working day that is not itself a holiday.

The holidays are the federal ones in data/federal_holidays.yaml (its sources are cited
there). State holidays are not included: an organisation with no state, which is every one
today, counts on the federal calendar. Outside the years the file covers only weekends are
known; `Calendar.covers` tells a caller so.

Pure Python (no Django), so it runs in tests, commands and pages alike.
"""

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data" / "federal_holidays.yaml"
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@dataclass(frozen=True)
class Weekend:
    days: frozenset[int]
    rest_day: int  # a holiday on this day is replaced by the next working day


SAT_SUN = Weekend(frozenset({SAT, SUN}), SUN)
FRI_SAT_KEDAH = Weekend(frozenset({FRI, SAT}), FRI)
FRI_SAT_KELANTAN = Weekend(frozenset({FRI, SAT}), SAT)

STATES: dict[str, Weekend] = {
    "johor": SAT_SUN, "kedah": FRI_SAT_KEDAH, "kelantan": FRI_SAT_KELANTAN,
    "melaka": SAT_SUN, "negeri_sembilan": SAT_SUN, "pahang": SAT_SUN, "perak": SAT_SUN,
    "perlis": SAT_SUN, "pulau_pinang": SAT_SUN, "sabah": SAT_SUN, "sarawak": SAT_SUN,
    "selangor": SAT_SUN, "terengganu": FRI_SAT_KELANTAN, "kuala_lumpur": SAT_SUN,
    "labuan": SAT_SUN, "putrajaya": SAT_SUN,
}
FEDERAL = ""  # no state: the federal calendar (Saturday-Sunday, every federal holiday)


@dataclass(frozen=True)
class Holiday:
    date: dt.date
    name_ms: str
    name_en: str
    substitute: bool = True
    not_in: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Calendar:
    weekend: Weekend
    days_off: frozenset[dt.date]  # holidays and their replacements, weekends aside
    years: frozenset[int]

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() not in self.weekend.days and day not in self.days_off

    def covers(self, day: dt.date) -> bool:
        """Whether the holidays of this day's year are known (else only weekends are)."""
        return day.year in self.years


@cache
def federal_holidays() -> tuple[Holiday, ...]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return tuple(Holiday(date=item["date"], name_ms=item["ms"], name_en=item["en"],
                         substitute=item.get("substitute", True),
                         not_in=frozenset(item.get("except", ())))
                 for item in data["holidays"])


@cache
def _covered_years() -> frozenset[int]:
    return frozenset(yaml.safe_load(DATA.read_text(encoding="utf-8"))["years"])


def build_calendar(holidays: tuple[Holiday, ...] | list[Holiday], weekend: Weekend,
                   state: str = FEDERAL, years: frozenset[int] = frozenset()) -> Calendar:
    """The days off of one state: its holidays, then a replacement for each that falls on
    the rest day (the next day that is neither weekend nor already off)."""
    observed = sorted((h for h in holidays if state not in h.not_in), key=lambda h: h.date)
    off = {h.date for h in observed}
    for holiday in observed:
        if holiday.substitute and holiday.date.weekday() == weekend.rest_day:
            day = holiday.date + dt.timedelta(days=1)
            while day.weekday() in weekend.days or day in off:
                day += dt.timedelta(days=1)
            off.add(day)
    return Calendar(weekend=weekend, days_off=frozenset(off), years=years)


@cache
def calendar_for(state: str = FEDERAL) -> Calendar:
    """The calendar of a state (a key of STATES), or the federal one for "" or a state this
    module does not know."""
    state = (state or FEDERAL).strip().lower().replace(" ", "_").replace("-", "_")
    weekend = STATES.get(state, SAT_SUN)
    if state not in STATES:
        state = FEDERAL
    return build_calendar(federal_holidays(), weekend, state, _covered_years())


def add_working_days(start: dt.date, days: int, calendar: Calendar | None = None) -> dt.date:
    """The date `days` working days after `start` (the start day itself is not counted, so
    a complaint received on a Friday afternoon has its first working day on Monday).
    Zero gives `start` back."""
    if days < 0:
        raise ValueError("days must not be negative")
    calendar = calendar or calendar_for()
    day = start
    while days:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day):
            days -= 1
    return day


def working_days_between(start: dt.date, end: dt.date,
                         calendar: Calendar | None = None) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is before
    `start` (a deadline already passed by that many working days)."""
    calendar = calendar or calendar_for()
    if end < start:
        return -working_days_between(end, start, calendar)
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += calendar.is_working_day(day)
    return count
