"""SurgeDetector: mentions in time order -> alerts, one per episode.

Series: one per topic, and "*" for the whole stream (every mention, with or without a
topic). Each keeps a seasonal baseline (baseline.py) and tests short and long windows
against it (series.py). A trigger becomes an alert only when the mentions after a short
gap are still elevated on their own, so a one-off spike of a few minutes is not a crisis.
A "*" burst whose excess one topic carries is that topic's burst: the topic's own series
reports it (with that topic), the "*" series stays quiet. Rumours (rumours.py) run over
batches of texts and alert with the topic most of the copies carry, or "*".

Only the past is used: an alert's `detected_at` is the time of the mention whose feed()
raised it. The whole state is JSON (to_state / from_state), so the live path can keep it
per organisation between requests.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import datetime

from rasmi.core.surge import novel, poisson, talk
from rasmi.core.surge.baseline import SeasonalBaseline
from rasmi.core.surge.rumours import (
    LAST,
    MEMBERS,
    RUN_COUNT,
    RUN_START,
    RumourTracker,
    band_keys,
    cluster_topic,
)
from rasmi.core.surge.series import EPISODE, IDLE, Series
from rasmi.core.surge.settings import SurgeSettings
from rasmi.core.surge.types import ANY_TOPIC, Alert, Mention, mention_from_state, mention_state
from rasmi.core.surge.words import top_terms, words

STATE_VERSION = 1
TEXTS_KEPT = 200_000  # distinct texts whose words and band keys are remembered


class SurgeDetector:
    def __init__(self, settings: SurgeSettings | None = None):
        self.settings = settings or SurgeSettings()
        self._offset = self.settings.utc_offset_minutes * 60.0
        self._text_batch = self.settings.text_batch
        self.series: dict[str, Series] = {}
        self.minute = -1  # local minute index of the latest mention
        self.start_hour = -1
        self.hour = -1
        self.warm = False
        self.sequence = 0
        self.rumours = RumourTracker(self.settings)
        self.pending: list[tuple[float, Mention]] = []
        self.batch_due = 0.0
        self.text_turn = 0
        self._texts_known: dict[str, list] = {}  # see _texts

    # -- the stream ----------------------------------------------------------------------
    def feed(self, mention: Mention) -> list[Alert]:
        """Count one mention; return the alerts it raised (usually none)."""
        at = (mention.time.timestamp() + self._offset) / 60.0
        minute = int(at)
        if minute > self.minute:
            self._advance(minute)
        elif minute < self.minute:  # out of order: counted now
            minute, at = self.minute, float(self.minute)
        alerts: list[Alert] = []
        # One (minute, mention) pair for every list that keeps it: fewer long-lived
        # objects, so fewer garbage-collector passes over the whole heap.
        item = (at, mention)
        topic = mention.topic
        for key in (ANY_TOPIC, topic) if topic and topic != ANY_TOPIC else (ANY_TOPIC,):
            series = self.series.get(key) or self._new_series(key)
            if series.minute != minute:
                series.roll(minute, self.settings, self.warm)
            series.cur += 1
            series.recent.append(item)
            if series.cur >= series.need:
                alert = self._check(series, at, mention)
                if alert:
                    alerts.append(alert)
        pending = self.pending
        pending.append(item)
        if len(pending) >= self._text_batch or at >= self.batch_due:
            alerts.extend(self._texts(mention))
        return alerts

    def _advance(self, minute: int) -> None:
        hour = minute // 60
        if self.start_hour < 0:
            self.start_hour = self.hour = hour
            self.batch_due = minute + self.settings.text_batch_seconds / 60.0
        # Close every finished hour for every series, "*" first: topics borrow its shape.
        if hour > self.hour:
            first = max(self.hour, hour - self.settings.history_hours - 1)
            for closing in range(first, hour):
                self._close_hour(closing)
            self.hour = hour
            self.warm = hour - self.start_hour >= self.settings.warmup_hours
        self.minute = minute

    def _close_hour(self, hour: int) -> None:
        end = (hour + 1) * 60
        warm = hour + 1 - self.start_hour >= self.settings.warmup_hours
        parent = None
        for key in self._ordered_keys():
            series = self.series[key]
            if series.minute < end:
                series.roll(end, self.settings, warm)
            count = series.total - series.hour_start_total
            series.hour_start_total = series.total
            series.baseline.close_hour(hour, count, self.settings, series.hour_flag,
                                       parent, warm)
            series.hour_flag = series.state != IDLE
            series.refresh(self.settings, rebuilt=True)
            series.need = series.compute_need(self.settings, warm)
            if key == ANY_TOPIC:
                parent = series.baseline.hours

    def _ordered_keys(self) -> list[str]:
        return sorted(self.series, key=lambda k: (k != ANY_TOPIC, k))

    def _new_series(self, key: str) -> Series:
        baseline = SeasonalBaseline(self.start_hour)
        parent = self.series[ANY_TOPIC].baseline.hours if key != ANY_TOPIC else None
        for _ in range(self.start_hour, self.hour):  # zeros before its first mention
            baseline._append(0.0, self.settings)
        baseline.fit(self.settings, parent)
        series = Series(key, baseline, self.minute, self.settings.recent_per_series)
        series.refresh(self.settings)
        series.need = series.compute_need(self.settings, self.warm)
        self.series[key] = series
        return series

    # -- bursts --------------------------------------------------------------------------
    def _check(self, series: Series, at: float, mention: Mention) -> Alert | None:
        """Slow path, when this minute's count reached `need`: some window is over its
        soft threshold. It alerts when that excess is spread over the window - still
        elevated with the busiest `spike_minutes` minutes taken out - so a one-off spike
        (all its mentions in a few minutes) never alerts on its own, and when the talk
        is not calmer than usual (a contest, a live stream). Over the strict threshold
        the counts are evidence enough; over the soft one only, the burst must also talk
        of something new to the series (novel.py): what the words add lets a thin
        topic's crisis through minutes before its counts alone could."""
        s = self.settings
        if series.state != IDLE:
            return None
        window = series.confirmed(s)
        soft = window is None
        if soft:
            if not s.novel_log10_alpha or series.soft_minute == series.minute:
                return None  # no soft path, or read this minute already
            series.soft_minute = series.minute
            window = series.confirmed(s, soft=True)
            if window is None:
                return None
        onset = float(series.minute - window + 1)
        burst = self._change_point(series, at, onset)
        if soft:
            sets = novel.word_sets([m.text for _, m in burst])
            overall = self.series[ANY_TOPIC]
            if novel.mostly_copies(sets, s) or not novel.talks_of_something_new(
                    sets, (series.background, series.background_docs),
                    (overall.background, overall.background_docs), s):
                return None  # copies of one text are the rumour tracker's to judge
        series.state, series.last_elevated = EPISODE, series.minute
        series.hour_flag = True
        series.episode_window = window
        series.onset = onset
        series.need = series.compute_need(s, self.warm)
        if series.key == ANY_TOPIC and self._carried_by_topic(series, at):
            return None  # that topic's own series reports it
        if self._spectacle(series, burst):
            return None  # a contest or a live stream: the episode runs on, silent
        return self._burst_alert(series, at, mention, burst)

    def _spectacle(self, series: Series, burst: list[tuple[float, Mention]]) -> bool:
        """Whether the burst's talk is calmer than the series' usual talk (talk.py)."""
        s = self.settings
        if s.calm_alpha <= 0 or len(burst) < s.calm_min_mentions:
            return False
        usual = self._usual_trouble(series, burst[0][0])
        if usual is None:
            return False
        sample = talk.spread([m.text for _, m in burst], s.calm_sample)
        return talk.calmer_than_usual(talk.troubled(sample), len(sample), usual, s.calm_alpha)

    def _usual_trouble(self, series: Series, before: float) -> float | None:
        """The troubled share of the series' mentions before `before`, from the recent
        ones it keeps; re-read every `calm_refresh_hours`. None while too few are kept."""
        s = self.settings
        share, when = series.usual
        if share is not None and before - when < 60 * s.calm_refresh_hours:
            return share
        texts = [m.text for at, m in series.recent if at < before]
        if len(texts) < s.calm_min_background:
            return share
        sample = talk.spread(texts, s.calm_background)
        share = (talk.troubled(sample) + 1) / (len(sample) + 2)
        series.usual = (share, before)
        return share

    def _carried_by_topic(self, overall: Series, at: float) -> bool:
        """Whether topics explain the whole stream's burst: one topic carries
        `topic_share` of its excess, or without the excess of the topics in an episode or
        elevated on their own (moderate test) the stream is no longer over its
        threshold."""
        s = self.settings
        w = overall.episode_window
        index = s.windows.index(w)
        excess = overall.window(w) - overall.lam[index]
        log_alpha = s.confirm_log10_alpha * math.log(10)
        explained = largest = 0.0
        for key, series in self.series.items():
            if key == ANY_TOPIC:
                continue
            if series.minute != overall.minute:
                series.roll(overall.minute, s, self.warm)
            count, lam = series.window(w), series.lam[index]
            mine = count - lam
            largest = max(largest, mine)
            if series.state == EPISODE or (
                    count >= s.confirm_min_ratio * lam
                    and count >= poisson.threshold(lam, log_alpha)):
                explained += max(0.0, mine)
        return largest >= s.topic_share * excess or \
            overall.window(w) - explained < overall.limits[index]

    def _change_point(self, series: Series, at: float,
                      onset: float) -> list[tuple[float, Mention]]:
        """The burst's mentions: within the trigger window, those after the moment after
        which the count most exceeds what the baseline expected."""
        s = self.settings
        earliest = onset - 1
        inside = []
        for item in reversed(series.recent):  # newest first: stop at the window's start
            if item[0] <= earliest:
                break
            inside.append(item)
        inside.reverse()
        rate = series.baseline.per_minute(at, s.floor_per_hour)
        best, best_index = -math.inf, 0
        for i, (when, _) in enumerate(inside):
            gain = (len(inside) - i) - rate * (at - when)
            if gain > best:
                best, best_index = gain, i
        return inside[best_index:]

    def _burst_alert(self, series: Series, at: float, mention: Mention,
                     burst: list[tuple[float, Mention]]) -> Alert:
        s = self.settings
        started = burst[0][0]
        lam = max(1e-6, (at - started) * series.baseline.per_minute(
            (at + started) / 2, s.floor_per_hour))
        docs = [words(m.text) for _, m in burst]
        terms = top_terms(docs, series.background, series.background_docs)
        return self._alert(series.key, terms, burst[0][1].time, mention.time, len(burst),
                           lam, [m for _, m in burst], docs, terms, "burst")

    def _alert(self, topic: str, terms: list[str], started: datetime, detected: datetime,
               count: int, baseline: float, members: list[Mention], docs: list[list[str]],
               chosen: list[str], kind: str) -> Alert:
        self.sequence += 1
        score = -poisson.log10_tail(count, max(baseline, 1e-6))
        return Alert(alert_id=f"{self.settings.alert_prefix}{self.sequence}", topic=topic,
                     terms=terms, started_at=started, detected_at=detected, count=count,
                     baseline=baseline, score=min(score, 999.0),
                     examples=_examples(members, docs, chosen), kind=kind)

    # -- texts: background words and rumours -------------------------------------------
    def _texts(self, latest: Mention) -> list[Alert]:
        s = self.settings
        batch, self.pending = self.pending, []
        self.batch_due = batch[-1][0] + s.text_batch_seconds / 60.0
        # A text's word set and band keys are remembered by text: copies of a rumour and
        # templated chatter repeat texts word for word, so most mentions cost one look-up
        # here. A cache, not state: emptied when full, never saved.
        known = self._texts_known
        if len(known) > TEXTS_KEPT:
            known.clear()
        known_get = known.get
        every, least = s.background_every, s.min_words
        series = self.series
        turn = self.text_turn
        items, fresh = [], []  # fresh: (index in items, entry) whose keys are still to come
        learnt: dict[str, list] = {}  # series key -> word sets it learns from, in order
        for at, mention in batch:
            entry = known_get(mention.text)
            if entry is None:  # [word set, band keys: None below min_words, () until filled]
                bag = frozenset(words(mention.text))  # rumours and terms need no order
                entry = known[mention.text] = [bag, None if len(bag) < least else ()]
            keys = entry[1]
            if keys is not None:
                if not keys:
                    fresh.append((len(items), entry))
                items.append((at, mention, keys))
            turn += 1
            if turn % every == 0:
                learnt.setdefault(ANY_TOPIC, []).append(entry[0])
                if mention.topic in series:
                    learnt.setdefault(mention.topic, []).append(entry[0])
        self.text_turn = turn
        for key, bags in learnt.items():
            series[key].learn_backgrounds(bags, s)
        if fresh:
            entries = list({id(entry): entry for _, entry in fresh}.values())
            rows = band_keys([entry[0] for entry in entries], s.minhash_bands,
                             s.minhash_rows)
            for entry, keys in zip(entries, rows, strict=True):
                entry[1] = tuple(keys)
            for index, entry in fresh:
                at, mention, _ = items[index]
                items[index] = (at, mention, entry[1])
        found = [self._rumour_alert(bucket, latest) for bucket in
                 self.rumours.feed(items, self.warm)]
        return [alert for alert in found if alert is not None]

    def _rumour_alert(self, bucket: list, latest: Mention) -> Alert | None:
        """An alert for a new rumour, unless its series is already in a burst episode:
        a burst's own talk repeats itself too, and that burst has been reported."""
        members = bucket[MEMBERS]
        topic, share = cluster_topic(members)
        key = topic if topic and share >= 0.6 else ANY_TOPIC
        series = self.series.get(key)
        if series is not None and series.state == EPISODE:
            return None
        background = self.series[ANY_TOPIC]
        docs = [words(m[1].text) for m in members]
        terms = top_terms(docs, background.background, background.background_docs)
        span = max(1.0, bucket[LAST] - bucket[RUN_START])
        usual = self.rumours.usual_count(bucket, bucket[LAST])
        expected = max(0.05, usual / (60 * self.settings.rumour_slow_hours) * span)
        count = bucket[RUN_COUNT]
        self.sequence += 1
        return Alert(alert_id=f"{self.settings.alert_prefix}{self.sequence}", topic=key,
                     terms=terms, started_at=members[0][1].time, detected_at=latest.time,
                     count=count, baseline=expected,
                     score=min(999.0, -poisson.log10_tail(count, expected)),
                     examples=_spread([m[1].id for m in members], 5), kind="rumour")

    # -- state ---------------------------------------------------------------------------
    def to_state(self) -> dict:
        return {"version": STATE_VERSION, "settings": self.settings.to_dict(),
                "clock": [self.minute, self.start_hour, self.hour, self.warm, self.sequence,
                          self.batch_due, self.text_turn],
                "series": [_series_state(x, self.minute - max(self.settings.windows) - 2)
                           for x in (self.series[k] for k in self._ordered_keys())],
                "pending": [[at, *mention_state(m)] for at, m in self.pending],
                "rumours": self.rumours.to_state()}

    @classmethod
    def from_state(cls, data: dict) -> SurgeDetector:
        if data.get("version") != STATE_VERSION:
            raise ValueError(f"unknown surge state version {data.get('version')!r}")
        detector = cls(SurgeSettings.from_dict(data["settings"]))
        (detector.minute, detector.start_hour, detector.hour, detector.warm,
         detector.sequence, detector.batch_due, detector.text_turn) = data["clock"]
        for item in data["series"]:
            parent = detector.series[ANY_TOPIC].baseline.hours \
                if item["key"] != ANY_TOPIC else None
            series = _series_from(item, detector.settings, parent)
            series.need = series.compute_need(detector.settings, detector.warm)
            detector.series[item["key"]] = series
        detector.pending = [(p[0], mention_from_state(p[1:])) for p in data["pending"]]
        detector.rumours = RumourTracker.from_state(data["rumours"], detector.settings)
        return detector


def _examples(members: list[Mention], docs: list[list[str]], terms: list[str],
              limit: int = 5) -> list[str]:
    """Ids of burst mentions that carry the top terms, spread over the burst, distinct."""
    wanted = {w for term in terms[:3] for w in term.split()}
    seen: set[str] = set()
    picked = []
    for mention, doc in zip(members, docs, strict=True):
        if wanted and not wanted & set(doc):
            continue
        if mention.text in seen:
            continue
        seen.add(mention.text)
        picked.append(mention.id)
    return _spread(picked or [m.id for m in members], limit)


def _spread(ids: list[str], limit: int) -> list[str]:
    if len(ids) <= limit:
        return list(ids)
    step = (len(ids) - 1) / (limit - 1)
    return [ids[round(i * step)] for i in range(limit)]


def _series_state(x: Series, oldest: float) -> dict:
    """A series as JSON. Mentions older than the longest window are never read again (the
    change point and the terms look inside the confirming window only): left out."""
    return {"key": x.key, "baseline": x.baseline.to_state(), "minute": x.minute,
            "cur": x.cur, "total": x.total, "cum": list(x.cum), "state": x.state,
            "episode": [x.episode_window, x.onset, x.last_elevated],
            "hour": [x.hour_start_total, x.hour_flag],
            "recent": [[at, *mention_state(m)] for at, m in x.recent if at >= oldest],
            "background": [dict(x.background), x.background_docs, x.background_turn],
            "usual": list(x.usual)}


def _series_from(data: dict, settings: SurgeSettings, parent) -> Series:
    baseline = SeasonalBaseline.from_state(data["baseline"], settings, parent)
    x = Series(data["key"], baseline, data["minute"], settings.recent_per_series)
    x.cur, x.total, x.cum, x.state = data["cur"], data["total"], list(data["cum"]), \
        data["state"]
    x.episode_window, x.onset, x.last_elevated = data["episode"]
    x.hour_start_total, x.hour_flag = data["hour"]
    x.recent.extend((r[0], mention_from_state(r[1:])) for r in data["recent"])
    x.background = Counter(data["background"][0])
    x.background_docs, x.background_turn = data["background"][1], data["background"][2]
    x.usual = tuple(data.get("usual", (None, 0.0)))
    x.refresh(settings)
    return x
