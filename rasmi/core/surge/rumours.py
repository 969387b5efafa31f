"""Rumours: clusters of near-identical claims spreading.

A false claim travels as copies of one sentence with small changes (words swapped, emoji,
"forwarded as received" prefixes, typos). Each text's content words get a MinHash
signature (bands x rows hashes, computed for a batch of texts at once with numpy); texts
that share a band's rows fall in the same LSH bucket, so near-identical texts meet in at
least one bucket with high probability (Jaccard 0.7: 97 % for 8 bands of 3 rows) while
texts that merely share a topic's words rarely do.

A bucket is a rumour when it is busy now and was not before: its "now" count (decayed
with a mean life of `rumour_fast_minutes`) reaches `rumour_min_count`, its now-rate is
`rumour_growth` times its usual rate (mean life `rumour_slow_hours`) beyond the whole
stream's own now/usual ratio (so the morning rise is not growth), and its copies came in
at least `rumour_min_blocks` different five-minute blocks (not a one-off spike). A stream
with stock phrases (templates, auto-replies) has busy buckets all day; they are never new.

Buckets seen once wait in a short-lived table (`singleton_hours`); only a second copy
makes a tracked bucket, so memory follows the repeats, not the stream. Once a bucket
alerts, every bucket of every copy joins the rumour's episode, so the same rumour alerts
once, until it has been quiet for `rumour_quiet_minutes`.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter

import numpy as np

from rasmi.core.surge.settings import SurgeSettings

_rng = np.random.default_rng(20241201)
_SALTS = _rng.integers(1, 2**63, size=64, dtype=np.uint64)
_MULTIPLIERS = _rng.integers(1, 2**63, size=64, dtype=np.uint64) | np.uint64(1)
_COMBINE = _rng.integers(1, 2**63, size=8, dtype=np.uint64) | np.uint64(1)
_HASHES: dict[str, int] = {}


def _word_hash(word: str) -> int:
    found = _HASHES.get(word)
    if found is None:
        if len(_HASHES) > 500_000:
            _HASHES.clear()
        found = _HASHES[word] = zlib.crc32(word.encode("utf-8"))
    return found


def band_keys(docs: list[list[str]], bands: int, rows: int) -> list[list[int]]:
    """LSH bucket keys (one per band) of each word list, which must not be empty."""
    if not docs:
        return []
    k = bands * rows
    flat: list[int] = []
    starts: list[int] = []
    for doc in docs:
        starts.append(len(flat))
        flat.extend(_word_hash(w) for w in set(doc))
    values = np.fromiter(flat, dtype=np.uint64, count=len(flat))
    mixed = (values[:, None] ^ _SALTS[None, :k]) * _MULTIPLIERS[None, :k]
    mixed >>= np.uint64(16)
    signature = np.minimum.reduceat(mixed, np.asarray(starts), axis=0)
    signature = signature.reshape(len(docs), bands, rows) * _COMBINE[None, None, :rows]
    keys = signature.sum(axis=2, dtype=np.uint64) + np.arange(bands, dtype=np.uint64)
    return keys.tolist()


class Bucket:
    __slots__ = ("fast", "slow", "last", "run_start", "run_count", "blocks", "last_block",
                 "members", "episode")

    def __init__(self, at: float):
        self.fast = self.slow = 0.0
        self.last = self.run_start = at
        self.run_count = self.blocks = 0
        self.last_block = -1
        self.members: list[tuple] = []  # (local minute, id, time iso, topic, words, keys)
        self.episode = 0

    def hit(self, at: float, member: tuple, settings: SurgeSettings) -> None:
        gap = max(0.0, at - self.last)
        self.fast = self.fast * math.exp(-gap / settings.rumour_fast_minutes) + 1.0
        self.slow = self.slow * math.exp(-gap / (60.0 * settings.rumour_slow_hours)) + 1.0
        if gap > settings.rumour_quiet_minutes:
            self.run_start, self.run_count, self.blocks, self.members = at, 0, 0, []
        self.last = at
        self.run_count += 1
        block = int(at // 5)
        if block != self.last_block:
            self.blocks += 1
            self.last_block = block
        if len(self.members) < 12:
            self.members.append(member)
        else:  # keep the first copies and the latest ones
            self.members[6:] = self.members[7:] + [member]

    def to_state(self) -> list:
        return [self.fast, self.slow, self.last, self.run_start, self.run_count,
                self.blocks, self.last_block, [list(m) for m in self.members], self.episode]

    @classmethod
    def from_state(cls, data: list) -> Bucket:
        bucket = cls(data[2])
        (bucket.fast, bucket.slow, bucket.last, bucket.run_start, bucket.run_count,
         bucket.blocks, bucket.last_block) = data[:7]
        bucket.members = [_member(m) for m in data[7]]
        bucket.episode = data[8]
        return bucket


def _member(data: list) -> tuple:
    return (data[0], data[1], data[2], data[3], list(data[4]), list(data[5]))


class RumourTracker:
    """Feeds batches of (local minute, Mention, words); returns rumour findings."""

    def __init__(self, settings: SurgeSettings):
        self.settings = settings
        self.buckets: dict[int, Bucket] = {}
        self.singles: dict[int, tuple] = {}  # key -> member
        self.episode_of: dict[int, int] = {}  # bucket key -> episode number
        self.episodes: dict[int, list] = {}  # number -> [last local minute, keys...]
        self.next_episode = 1
        self.stream_fast = self.stream_slow = 0.0
        self.stream_last = 0.0
        self.last_sweep = 0.0

    def _stream_hit(self, at: float, n: int) -> None:
        gap = max(0.0, at - self.stream_last)
        s = self.settings
        self.stream_fast = self.stream_fast * math.exp(-gap / s.rumour_fast_minutes) + n
        self.stream_slow = self.stream_slow * math.exp(-gap / (60 * s.rumour_slow_hours)) + n
        self.stream_last = max(self.stream_last, at)

    def feed(self, items: list[tuple], warm: bool) -> list[Bucket]:
        """items: (local minute, Mention, words). Returns buckets that became rumours."""
        s = self.settings
        usable = [item for item in items if len(set(item[2])) >= s.min_words]
        if items:
            self._stream_hit(items[-1][0], len(items))
        found: list[Bucket] = []
        all_keys = band_keys([item[2] for item in usable], s.minhash_bands, s.minhash_rows)
        for (at, mention, doc), keys in zip(usable, all_keys, strict=True):
            member = (at, mention.id, mention.time.isoformat(), mention.topic, doc, keys)
            episode = next((self.episode_of[k] for k in keys if k in self.episode_of), 0)
            if episode:
                self._join(episode, keys, at)
            for key in keys:
                bucket = self.buckets.get(key)
                if bucket is None:
                    first = self.singles.pop(key, None)
                    if first is None:
                        self.singles[key] = member
                        continue
                    bucket = self.buckets[key] = Bucket(first[0])
                    bucket.hit(first[0], first, s)
                bucket.hit(at, member, s)
                if episode or not warm:
                    continue
                if self._is_rumour(bucket):
                    episode = self._start_episode(bucket, at)
                    found.append(bucket)
        if items and items[-1][0] - self.last_sweep >= 60:
            self._sweep(items[-1][0])
        return found

    def _is_rumour(self, bucket: Bucket) -> bool:
        s = self.settings
        if bucket.fast < s.rumour_min_count or bucket.blocks < s.rumour_min_blocks:
            return False
        ratio = s.rumour_slow_hours * 60 / s.rumour_fast_minutes
        growth = bucket.fast / bucket.slow * ratio
        stream = self.stream_fast / self.stream_slow * ratio if self.stream_slow else 1.0
        return growth >= s.rumour_growth * max(1.0, stream)

    def _start_episode(self, bucket: Bucket, at: float) -> int:
        number = self.next_episode
        self.next_episode += 1
        self.episodes[number] = [at]
        bucket.episode = number
        for member in bucket.members:
            self._join(number, member[5], at)
        return number

    def _join(self, number: int, keys, at: float) -> None:
        record = self.episodes[number]
        record[0] = max(record[0], at)
        for key in keys:
            if key not in self.episode_of:
                self.episode_of[key] = number
                record.append(key)

    def _sweep(self, now: float) -> None:
        """Forget lone texts and finished rumours, hourly."""
        s = self.settings
        self.last_sweep = now
        old = now - 60 * s.singleton_hours
        self.singles = {k: m for k, m in self.singles.items() if m[0] >= old}
        for number, record in list(self.episodes.items()):
            if now - record[0] >= s.rumour_quiet_minutes:
                for key in record[1:]:
                    self.episode_of.pop(key, None)
                    bucket = self.buckets.get(key)
                    if bucket is not None and bucket.episode == number:
                        bucket.episode = 0
                del self.episodes[number]
        stale = [k for k, b in self.buckets.items()
                 if not b.episode and b.slow * math.exp(
                     -(now - b.last) / (60 * s.rumour_slow_hours)) < 0.5]
        for key in stale:
            del self.buckets[key]

    # -- state ---------------------------------------------------------------------------
    def to_state(self) -> dict:
        return {"buckets": [[k, b.to_state()] for k, b in self.buckets.items()],
                "singles": [[k, list(m)] for k, m in self.singles.items()],
                "episodes": [[n, r] for n, r in self.episodes.items()],
                "next_episode": self.next_episode,
                "stream": [self.stream_fast, self.stream_slow, self.stream_last,
                           self.last_sweep]}

    @classmethod
    def from_state(cls, data: dict, settings: SurgeSettings) -> RumourTracker:
        tracker = cls(settings)
        tracker.buckets = {int(k): Bucket.from_state(b) for k, b in data["buckets"]}
        tracker.singles = {int(k): _member(m) for k, m in data["singles"]}
        for number, record in data["episodes"]:
            tracker.episodes[int(number)] = list(record)
            for key in record[1:]:
                tracker.episode_of[int(key)] = int(number)
        tracker.next_episode = data["next_episode"]
        (tracker.stream_fast, tracker.stream_slow, tracker.stream_last,
         tracker.last_sweep) = data["stream"]
        return tracker


def cluster_topic(members: list[tuple]) -> tuple[str | None, float]:
    topics = Counter(m[3] for m in members)
    topic, n = topics.most_common(1)[0]
    return topic, n / len(members)
