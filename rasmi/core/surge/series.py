"""One series (a topic, or the whole stream "*"): minute counts, the burst test, and the
episode it is in.

The count path is kept tiny because every mention goes through it: a minute's count is
bumped and compared with `need`, the least count this minute that makes some window
significant. `need` is recomputed only when the minute changes (from a ring of cumulative
counts, one subtraction per window) and the thresholds only every ten minutes (from the
seasonal baseline, Poisson quantiles cached). Everything else runs only for a series
under suspicion.

States: idle -> episode (alert raised, or suppressed as another series' burst) -> idle
once the rate has been back near the baseline for `episode_quiet_minutes`.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from itertools import chain

from rasmi.core.surge import poisson
from rasmi.core.surge.baseline import SeasonalBaseline
from rasmi.core.surge.settings import SurgeSettings

RING = 256  # minutes of cumulative counts kept: more than the longest window
NEVER = 1 << 60
IDLE, EPISODE = 0, 2
BLOCK = 10  # minutes between threshold refreshes


class Series:
    __slots__ = ("key", "baseline", "minute", "cur", "total", "cum", "block", "steps", "lam",
                 "limits", "need", "state", "episode_window", "onset",
                 "last_elevated", "hour_start_total", "hour_flag", "recent", "background",
                 "background_docs", "background_turn", "usual", "soft_limits",
                 "soft_minute")

    def __init__(self, key: str, baseline: SeasonalBaseline, minute: int, maxlen: int):
        self.key = key
        self.baseline = baseline
        self.minute = minute
        self.cur = 0
        self.total = 0
        self.cum = [0] * RING
        self.block = -1
        self.steps: list[float] = []
        self.lam: list[float] = []
        self.limits: list[int] = []
        self.soft_limits: list[int] = []  # looser: enough only when the talk is new
        self.soft_minute = -1  # the last minute the talk was read against them
        self.need = NEVER
        self.state = IDLE
        self.episode_window = 0  # the window that confirmed the episode
        self.onset = 0.0
        self.last_elevated = -NEVER  # last minute of the latest episode's elevated rate
        self.hour_start_total = 0
        self.hour_flag = False  # in an episode at some point this hour
        self.recent: deque = deque(maxlen=maxlen)  # (local minute, Mention)
        self.background: Counter = Counter()
        self.background_docs = 0
        self.background_turn = 0
        self.usual: tuple[float | None, float] = (None, 0.0)  # troubled share, when read

    # -- counts --------------------------------------------------------------------------
    def window(self, w: int) -> int:
        """Mentions in the last w minutes: this (partial) minute and w-1 whole ones."""
        cum, m = self.cum, self.minute
        return self.cur + cum[(m - 1) % RING] - cum[(m - w) % RING]

    def whole_minutes(self, w: int) -> int:
        """Mentions in the w whole minutes before this one."""
        cum, m = self.cum, self.minute
        return cum[(m - 1) % RING] - cum[(m - 1 - w) % RING]

    def roll(self, minute: int, settings: SurgeSettings, warm: bool) -> None:
        """Move to a later minute: close the current one, refresh `need`."""
        done = self.total + self.cur
        cum, start = self.cum, self.minute
        if minute - start >= RING:
            for i in range(RING):
                cum[i] = done
        else:
            for m in range(start, minute):
                cum[m % RING] = done
        self.total, self.cur, self.minute = done, 0, minute
        if minute // BLOCK != self.block:
            self.refresh(settings)
        if self.state == EPISODE:
            self._follow_episode(settings)
        self.need = self.compute_need(settings, warm)

    def refresh(self, settings: SurgeSettings, rebuilt: bool = False) -> None:
        """Thresholds for this ten-minute block, from the seasonal baseline. `steps` holds
        the expected count of each ten-minute step back from the block's middle; moving
        on one block adds one step, a new baseline fit (`rebuilt`) recomputes them all."""
        block = self.minute // BLOCK
        middle = block * BLOCK + BLOCK / 2
        floor = settings.floor_per_hour
        count = max(settings.windows) // BLOCK + 1
        if rebuilt or block - self.block != 1 or len(self.steps) != count:
            self.steps = [BLOCK * self.baseline.per_minute(middle - BLOCK * (i + 0.5), floor)
                          for i in range(count)]
        else:
            self.steps.insert(0, BLOCK * self.baseline.per_minute(middle - BLOCK / 2, floor))
            del self.steps[-1]
        self.block = block
        z = settings.uncertainty_z * self.baseline.uncertainty(middle)
        log_alpha = settings.log10_alpha * math.log(10)
        steps = self.steps
        self.lam, self.limits, self.soft_limits = [], [], []
        soft_alpha = settings.novel_log10_alpha * math.log(10)
        for w in settings.windows:
            whole, part = divmod(w, BLOCK)
            lam = sum(steps[:whole]) + steps[whole] * part / BLOCK
            ratio = settings.min_ratio_short if w <= 10 else settings.min_ratio_long
            self.lam.append(lam)
            self.limits.append(max(settings.min_count, math.ceil(ratio * lam),
                                   poisson.threshold(lam * (1 + z), log_alpha)))
            self.soft_limits.append(min(self.limits[-1], max(
                settings.novel_min_count, math.ceil(ratio * lam),
                poisson.threshold(lam * (1 + z), soft_alpha)))
                if settings.novel_log10_alpha else self.limits[-1])

    def compute_need(self, settings: SurgeSettings, warm: bool) -> int:
        if not warm or self.state == EPISODE:
            return NEVER
        cum, m = self.cum, self.minute
        before = cum[(m - 1) % RING]
        clear = m - self.last_elevated  # windows reach back no further than the last episode
        best = NEVER
        for w, limit in zip(settings.windows, self.soft_limits, strict=True):  # shortest
            if w > clear:
                break
            value = limit - before + cum[(m - w) % RING]
            if value < best:
                best = value
        return best

    def confirmed(self, settings: SurgeSettings, soft: bool = False) -> int | None:
        """The shortest window over its threshold whose excess is spread: with its
        busiest `spike_minutes` whole minutes taken out, the rest is still elevated
        (moderate test). None when no window is. `soft`: against the soft thresholds,
        the rest only above `confirm_min_ratio` x its expectation (the detector then
        asks the words for the rest of the evidence)."""
        log_alpha = settings.confirm_log10_alpha * math.log(10)
        z = settings.uncertainty_z * self.baseline.uncertainty(self.minute)
        cut = settings.spike_minutes
        clear = self.minute - self.last_elevated
        limits = self.soft_limits if soft else self.limits
        for w, limit, lam in zip(settings.windows, limits, self.lam, strict=True):
            count = self.window(w)
            if count < limit or w > clear:
                continue
            rest = count - self._busiest(w, cut)
            lam_rest = lam * (w - cut) / w
            need = max(2, math.ceil(settings.confirm_min_ratio * lam_rest))
            if not soft:
                need = max(need, poisson.threshold(lam_rest * (1 + z), log_alpha))
            if rest >= need:
                return w
        return None

    def _busiest(self, w: int, cut: int) -> int:
        """Most mentions in `cut` consecutive minutes of the last w (this one included)."""
        cum, m = self.cum, self.minute
        now = cum[(m - 1) % RING] + self.cur  # total up to the end of this minute
        ends = [cum[(m - 1 - i) % RING] for i in range(w + 1)]  # ends[i]: total to m-1-i
        totals = [now] + ends  # totals[j]: cumulative up to the end of minute m - j
        return max(totals[j] - totals[j + cut] for j in range(w - cut + 1))

    def _follow_episode(self, settings: SurgeSettings) -> None:
        self.hour_flag = True
        lam10 = 10 * self.baseline.per_minute(self.minute - 5, settings.floor_per_hour)
        if self.whole_minutes(10) >= max(2.0, settings.end_ratio * lam10):
            self.last_elevated = self.minute
        elif self.minute - self.last_elevated >= settings.episode_quiet_minutes:
            self.state = IDLE

    # -- text ----------------------------------------------------------------------------
    def learn_background(self, bag: set[str], settings: SurgeSettings) -> None:
        self.background.update(bag)
        self.background_docs += 1
        if self.background_docs > settings.background_max_docs:
            # Halve: the background follows the last few weeks, memory stays bounded.
            self.background = Counter({w: n // 2 for w, n in self.background.items()
                                       if n >= 2})
            self.background_docs //= 2

    def learn_backgrounds(self, bags: list, settings: SurgeSettings) -> None:
        """learn_background for each word set in turn; one Counter update for them all
        when no halving falls among them (the same counts, a fraction of the calls)."""
        if self.background_docs + len(bags) <= settings.background_max_docs:
            self.background.update(chain.from_iterable(bags))
            self.background_docs += len(bags)
        else:
            for bag in bags:
                self.learn_background(bag, settings)
