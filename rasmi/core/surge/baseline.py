"""The seasonal baseline of one series (a topic, or the whole stream): how many mentions
an hour usually brings at this hour of the day and on this day of the week.

Learnt online from the stream itself. Every hour the series' hourly counts (the last four
weeks; zeros for hours before its first mention) are re-fitted as

    expected(hour) = mean x level x hour_of_day[h] x day_of_week[d]

- hour_of_day and day_of_week: ratios of observed to expected counts, weighted towards
  recent weeks, alternated three times (raking). Each is pulled by pseudo-counts towards a
  prior - the whole stream's hour shape for a topic, flat for days - so a thin or young
  series borrows the stream's daily cycle until its own counts speak.
- level: the same ratio over the last days only (half-life of two days), so the baseline
  follows a series that grows or shrinks for good, but not within the hour of a burst.
- uncertainty: the relative standard error of an expected count: from the counts that
  informed its hour and level, from how much of its hour and weekday factors is still
  prior (a weekday not yet seen is uncertain), and the series' extra-Poisson noise
  (variance beyond the mean in past hours, corrected for the parameters fitted and never
  below `noise_floor`); thresholds are raised by it (settings.uncertainty_z).

Hours in which the series was in an alert episode, or far above expectation, enter the
history capped near the expectation: a burst does not teach the baseline that bursts are
normal, and a one-off spike does not raise that hour for a week.
"""

from __future__ import annotations

import math

import numpy as np

from rasmi.core.surge.settings import SurgeSettings

FLAT_HOURS = np.ones(24)


def hour_of_day(hour: int) -> int:
    return hour % 24


def day_of_week(hour: int) -> int:
    """Monday 0. `hour` counts local hours since 1970-01-01 00:00, a Thursday."""
    return (hour // 24 + 3) % 7


class SeasonalBaseline:
    __slots__ = ("counts", "end_hour", "mean", "level", "hours", "days", "hour_var",
                 "day_var", "base_var", "noise", "observed")

    def __init__(self, end_hour: int):
        self.counts: list[float] = []  # hourly counts, the last one for end_hour - 1
        self.end_hour = end_hour
        self.mean = 0.0
        self.level = 1.0
        self.hours = FLAT_HOURS.copy()
        self.days = np.ones(7)
        # Relative variance of an expected count: per hour of day, per day of week, and
        # what every hour shares (level, extra-Poisson noise).
        self.hour_var = np.ones(24)
        self.day_var = np.zeros(7)
        self.base_var = 0.0
        self.noise = 0.0
        self.observed = 0.0  # mentions in the history

    # -- learning ------------------------------------------------------------------------
    def close_hour(self, hour: int, count: int, settings: SurgeSettings, capped: bool,
                   parent_hours: np.ndarray | None, warm: bool) -> None:
        """Record the count of `hour` (hours skipped since the last one counted zero)."""
        while self.end_hour < hour:
            self._append(0.0, settings)
        value = float(count)
        if warm and self.observed > 0:
            expected = self.expected(hour)
            upper = expected * (1 + 2 * self.uncertainty(hour * 60.0 + 30))
            cap = upper + 4 * math.sqrt(upper) + 3
            if capped:  # an episode hour: no more than a usual hour can bring
                cap = expected + math.sqrt(expected) + 1
            value = min(value, cap)
        self._append(value, settings)
        self.fit(settings, parent_hours)

    def _append(self, value: float, settings: SurgeSettings) -> None:
        self.counts.append(value)
        self.end_hour += 1
        if len(self.counts) > settings.history_hours:
            del self.counts[0]

    def fit(self, settings: SurgeSettings, parent_hours: np.ndarray | None) -> None:
        n = len(self.counts)
        if n == 0:
            return
        x = np.asarray(self.counts)
        absolute = np.arange(self.end_hour - n, self.end_hour)
        hod = absolute % 24
        dow = (absolute // 24 + 3) % 7
        age = (n - 1) - np.arange(n)
        w = 0.5 ** (age / (24.0 * settings.shape_half_life_days))
        total_w = w.sum()
        self.observed = float(x.sum())
        self.mean = mean = float((w * x).sum() / total_w)
        if mean <= 0:
            self.level, self.noise = 1.0, 0.0
            self.hour_var, self.day_var, self.base_var = np.ones(24), np.zeros(7), 0.0
            return
        prior_hours = FLAT_HOURS if parent_hours is None else parent_hours
        k_h, k_d = settings.hour_prior_mentions, settings.day_prior_mentions
        hours, days = prior_hours.copy(), np.ones(7)
        wx = w * x
        hour_num = np.bincount(hod, weights=wx, minlength=24)
        day_num = np.bincount(dow, weights=wx, minlength=7)
        for _ in range(3):
            day_den = np.bincount(dow, weights=w * mean * hours[hod], minlength=7)
            days = (day_num + k_d) / (day_den + k_d)
            days /= days.mean()
            hour_den = np.bincount(hod, weights=w * mean * days[dow], minlength=24)
            hours = (hour_num + k_h * prior_hours) / (hour_den + k_h)
            hours /= hours.mean()
        seasonal = mean * hours[hod] * days[dow]
        recent = 0.5 ** (age / settings.level_half_life_hours)
        level_num = float((recent * x).sum()) + 5.0
        self.level = level_num / (float((recent * seasonal).sum()) + 5.0)
        expected = seasonal * self.level
        spread = float((w * ((x - expected) ** 2 - expected)).sum())
        noise = max(0.0, spread / float((w * expected ** 2).sum()))
        # The fit has seen these very hours: scale the in-sample spread up by the
        # parameters it spent (24 + 7 + 1), which is large while the stream is young.
        noise *= n / max(n - 32, 8)
        self.noise = min(1.0, max(noise, settings.noise_floor ** 2))
        self.hours, self.days = hours, days
        # A shape still mostly made of its prior may be far from the truth: an hour or a
        # weekday not yet seen (the first weekend) is uncertain by `*_prior_sd`.
        hour_den = np.bincount(hod, weights=w * mean * days[dow], minlength=24)
        day_den = np.bincount(dow, weights=w * mean * hours[hod], minlength=7)
        hour_prior = k_h / (hour_den + k_h)
        day_prior = k_d / (day_den + k_d)
        self.hour_var = 1.0 / (hour_num + k_h) + (settings.hour_prior_sd * hour_prior) ** 2
        self.day_var = (settings.day_prior_sd * day_prior) ** 2
        self.base_var = 1.0 / level_num + self.noise

    # -- reading -------------------------------------------------------------------------
    def expected(self, hour: int) -> float:
        """Expected mentions in local hour `hour` (any hour, past or future)."""
        return self.mean * self.level * float(self.hours[hour % 24]) * \
            float(self.days[(hour // 24 + 3) % 7])

    def per_minute(self, minute: float, floor_per_hour: float) -> float:
        """Expected rate at a local minute, linear between the centres of hours."""
        position = minute / 60.0 - 0.5
        below = math.floor(position)
        share = position - below
        rate = (1 - share) * self.expected(below) + share * self.expected(below + 1)
        return max(rate, floor_per_hour) / 60.0

    def uncertainty(self, minute: float) -> float:
        """Relative standard error of the expected rate at a local minute."""
        hour = int(minute // 60)
        return math.sqrt(float(self.hour_var[hour % 24]) +
                         float(self.day_var[(hour // 24 + 3) % 7]) + self.base_var)

    # -- state ---------------------------------------------------------------------------
    def to_state(self) -> dict:
        return {"counts": self.counts, "end_hour": self.end_hour}

    @classmethod
    def from_state(cls, data: dict, settings: SurgeSettings,
                   parent_hours: np.ndarray | None) -> SeasonalBaseline:
        baseline = cls(int(data["end_hour"]))
        baseline.counts = [float(v) for v in data["counts"]]
        baseline.fit(settings, parent_hours)
        return baseline
