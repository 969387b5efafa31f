"""The content calendar's grid: a week or a month of days, in Malaysia time."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone


@dataclass
class Day:
    date: dt.date
    in_range: bool
    is_today: bool
    posts: list = field(default_factory=list)


@dataclass
class Grid:
    view: str                      # "week" or "month"
    first: dt.date                 # the week's Monday, or the month's first day
    days: list[Day]
    start: dt.datetime             # [start, end) covers every day shown
    end: dt.datetime

    @property
    def weeks(self) -> list[list[Day]]:
        return [self.days[i:i + 7] for i in range(0, len(self.days), 7)]

    @property
    def previous(self) -> dt.date:
        if self.view == "week":
            return self.first - dt.timedelta(days=7)
        return (self.first - dt.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> dt.date:
        if self.view == "week":
            return self.first + dt.timedelta(days=7)
        return (self.first + dt.timedelta(days=32)).replace(day=1)

    def place(self, posts) -> None:
        by_date = {day.date: day for day in self.days}
        for post in posts:
            when = post.scheduled_at or post.published_at
            day = by_date.get(timezone.localdate(when)) if when else None
            if day is not None:
                day.posts.append(post)


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def build(view: str, start: str = "", today: dt.date | None = None) -> Grid:
    today = today or timezone.localdate()
    try:
        anchor = dt.date.fromisoformat(start) if start else today
    except ValueError:
        anchor = today
    if view == "month":
        first = anchor.replace(day=1)
        grid_start = first - dt.timedelta(days=first.weekday())
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        grid_end = last + dt.timedelta(days=6 - last.weekday())
        in_range = lambda d: d.month == first.month  # noqa: E731
    else:
        view = "week"
        first = grid_start = anchor - dt.timedelta(days=anchor.weekday())
        grid_end = grid_start + dt.timedelta(days=6)
        in_range = lambda d: True  # noqa: E731
    count = (grid_end - grid_start).days + 1
    days = [Day(d, in_range(d), d == today)
            for d in (grid_start + dt.timedelta(days=i) for i in range(count))]
    return Grid(view, first, days, _midnight(grid_start),
                _midnight(grid_end + dt.timedelta(days=1)))
