"""Every tunable of the detector, with why it has the value it has. Tuned on the
development streams in eval/monitoring/dev only (eval/monitoring/README.md)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields


@dataclass(frozen=True)
class SurgeSettings:
    # Seasonality is learnt in this local time (Malaysia, UTC+8), whatever offset the
    # mentions carry: "8 in the morning" is the same hour for every mention.
    utc_offset_minutes: int = 480
    # Learning only, no alerts, for this long after the first mention: a cold stream has
    # no baseline. Then the baseline's own uncertainty widens the thresholds (see below).
    warmup_hours: int = 24
    # Hourly counts kept per series to fit the seasonal baseline from (4 weeks).
    history_hours: int = 672
    # Weight of old hours when fitting hour-of-day and day-of-week shapes, and the level.
    shape_half_life_days: float = 14.0
    level_half_life_hours: float = 48.0
    # Pseudo-counts pulling a thin series' shapes towards the whole stream's (hour of day)
    # and towards flat (day of week) until its own data speak.
    hour_prior_mentions: float = 30.0
    day_prior_mentions: float = 60.0
    # How far a shape made of its prior alone may be off (relative), and the least
    # hour-to-hour noise any real stream has (relative standard deviation).
    hour_prior_sd: float = 0.3
    day_prior_sd: float = 0.4
    noise_floor: float = 0.15
    # The least rate any series is expected to have (mentions per hour).
    floor_per_hour: float = 0.2
    # Burst test: Poisson tail of the count in windows of these lengths (minutes) ending
    # now, against the seasonal baseline raised by its uncertainty (z standard errors).
    windows: tuple[int, ...] = (7, 10, 15, 30, 60, 180)  # ascending
    log10_alpha: float = -4.0
    uncertainty_z: float = 3.0
    # ... and at least this many times the baseline (short windows up to 10 min, longer)
    # and at least this many mentions.
    min_ratio_short: float = 2.5
    min_ratio_long: float = 2.0
    min_count: int = 6
    # One-off spikes (a viral post, a live stream) are not crises: a window alerts only
    # when, without its busiest `spike_minutes` whole minutes, the rest is still elevated
    # (moderate test). A spike of up to about four minutes lies within five such minutes.
    spike_minutes: int = 5
    confirm_log10_alpha: float = -2.0
    confirm_min_ratio: float = 1.8
    # Trouble or spectacle (talk.py): a burst whose talk is less troubled than the series'
    # usual talk (one-sided binomial test at `calm_alpha`; 0 switches the test off) is a
    # contest or a live stream, not a crisis. Up to `calm_sample` of its mentions are read,
    # and `calm_background` of the series' earlier ones (re-read every few hours).
    calm_alpha: float = 0.05
    calm_min_mentions: int = 8
    calm_sample: int = 80
    calm_background: int = 120
    calm_min_background: int = 30
    calm_refresh_hours: float = 6.0
    # New talk (novel.py): a window over this softer threshold (0: off; at least
    # `novel_min_count` mentions) alerts when some word is in at least `novel_min_share`
    # of the burst's mentions (and `novel_min_docs` of them) and that often is beyond
    # `novel_log10_alpha_words` for the series' usual word counts (tested over every word
    # of the burst; the series' counts pulled towards the whole stream's by
    # `novel_prior_docs`). Needs `novel_min_background` texts of the whole stream learnt.
    novel_log10_alpha: float = -2.0
    novel_min_count: int = 4
    novel_min_share: float = 0.4
    novel_min_docs: int = 3
    novel_log10_alpha_words: float = -6.0
    novel_min_background: int = 100
    novel_prior_docs: float = 50.0
    # A burst whose texts are this much near-copies of one (word overlap, Jaccard) is
    # left to the rumour tracker.
    novel_copies_share: float = 0.5
    novel_copy_overlap: float = 0.6
    # An episode ends after this long without the rate being elevated (10-minute window
    # at `end_ratio` x baseline); only then can the same series alert again.
    episode_quiet_minutes: float = 60.0
    end_ratio: float = 1.5
    # An overall ("*") burst whose excess one topic carries at least this share of is
    # that topic's burst, left to the topic's own series.
    topic_share: float = 0.5
    # Rumours: near-identical texts (MinHash over content words, LSH bands of rows).
    minhash_bands: int = 2
    minhash_rows: int = 2
    min_words: int = 4
    # Text work (words, MinHash, rumour buckets) runs on batches of texts, every
    # `text_batch` mentions or `text_batch_seconds` of stream time, whichever comes first:
    # numpy pays once per batch, and a rumour is no worse for being seen minutes later.
    text_batch: int = 512
    text_batch_seconds: float = 300.0
    rumour_fast_minutes: float = 30.0  # mean life of the "now" count
    rumour_slow_hours: float = 24.0  # mean life of the "usual" count
    rumour_min_count: float = 8.0
    rumour_growth: float = 8.0  # now-rate / usual-rate, over the whole stream's
    rumour_min_blocks: int = 3  # distinct 5-minute blocks: not a one-off spike
    rumour_quiet_minutes: float = 120.0
    singleton_hours: float = 3.0
    # Background word counts per series, for alert terms: every n-th text.
    background_every: int = 4
    background_max_docs: int = 20000
    recent_per_series: int = 4096
    alert_prefix: str = "a"

    def __post_init__(self):
        windows = tuple(self.windows)
        if not windows or list(windows) != sorted(set(windows)):
            raise ValueError("windows must be distinct and in ascending order")
        if windows[0] <= self.spike_minutes or windows[-1] > 240:
            raise ValueError("windows must be longer than spike_minutes and at most 240")

    def to_dict(self) -> dict:
        data = asdict(self)
        data["windows"] = list(self.windows)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> SurgeSettings:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if "windows" in values:
            values["windows"] = tuple(values["windows"])
        return cls(**values)
