"""Rumours: clusters of near-identical claims spreading.

A false claim travels as copies of one sentence with small changes (words swapped, emoji,
"forwarded as received" prefixes, typos). Each text's content words get a MinHash
signature (bands x rows hashes, computed for a batch of texts at once with numpy); texts
that share a band's rows fall in the same LSH bucket, so near-identical texts meet in at
least one bucket with high probability (Jaccard 0.7: 93 % for 4 bands of 2 rows) while
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
    """Counts are kept scaled by exp((t - ref) / mean life) (the tracker's `ref`), so a
    copy adds one precomputed number instead of decaying every bucket it touches."""

    __slots__ = ("fast", "slow", "last", "run_start", "run_count", "blocks", "last_block",
                 "members", "episode")

    def __init__(self, at: float):
        self.fast = self.slow = 0.0
        self.last = self.run_start = at
        self.run_count = self.blocks = 0
        self.last_block = -1
        self.members: list[tuple] = []  # (local minute, id, time iso, topic, words, keys)
        self.episode = 0

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
        self.singles: dict[int, tuple] = {}  # key -> member, oldest first
        self.episode_of: dict[int, int] = {}  # bucket key -> episode number
        self.episodes: dict[int, list] = {}  # number -> [last local minute, keys...]
        self.next_episode = 1
        self.ref = -1.0  # local minute the scaled counts refer to
        self.stream_fast = self.stream_slow = 0.0
        self.last_sweep = 0.0

    def _lives(self) -> tuple[float, float]:
        s = self.settings
        return s.rumour_fast_minutes, 60.0 * s.rumour_slow_hours

    def _rebase(self, to: float) -> None:
        fast_life, slow_life = self._lives()
        if self.ref >= 0:
            f = math.exp(-(to - self.ref) / fast_life)
            g = math.exp(-(to - self.ref) / slow_life)
            for bucket in self.buckets.values():
                bucket.fast *= f
                bucket.slow *= g
            self.stream_fast *= f
            self.stream_slow *= g
        self.ref = to

    def feed(self, items: list[tuple], warm: bool) -> list[Bucket]:
        """items: (local minute, Mention, words). Returns buckets that became rumours."""
        if not items:
            return []
        s = self.settings
        if self.ref < 0 or items[-1][0] - self.ref > 600:
            self._rebase(items[0][0])
        fast_life, slow_life = self._lives()
        quiet, ref = s.rumour_quiet_minutes, self.ref
        usable = [item for item in items if len(set(item[2])) >= s.min_words]
        found: list[Bucket] = []
        all_keys = band_keys([item[2] for item in usable], s.minhash_bands, s.minhash_rows)
        buckets, singles, episode_of = self.buckets, self.singles, self.episode_of
        for (at, mention, doc), keys in zip(usable, all_keys, strict=True):
            ef = math.exp((at - ref) / fast_life)
            es = math.exp((at - ref) / slow_life)
            self.stream_fast += ef
            self.stream_slow += es
            block = int(at // 5)
            member = (at, mention.id, mention.time.isoformat(), mention.topic, doc, keys)
            episode = 0
            for key in keys:
                if key in episode_of:
                    episode = episode_of[key]
                    self._join(episode, keys, at)
                    break
            for key in keys:
                bucket = buckets.get(key)
                if bucket is None:
                    first = singles.pop(key, None)
                    if first is None:
                        singles[key] = member
                        continue
                    bucket = buckets[key] = Bucket(first[0])
                    bucket.fast = math.exp((first[0] - ref) / fast_life)
                    bucket.slow = math.exp((first[0] - ref) / slow_life)
                    bucket.run_count = bucket.blocks = 1
                    bucket.last_block = int(first[0] // 5)
                    bucket.members.append(first)
                bucket.fast += ef
                bucket.slow += es
                if at - bucket.last > quiet:
                    bucket.run_start, bucket.run_count, bucket.blocks = at, 0, 0
                    bucket.members = []
                bucket.last = at
                bucket.run_count += 1
                if block != bucket.last_block:
                    bucket.blocks += 1
                    bucket.last_block = block
                members = bucket.members
                if len(members) < 12:
                    members.append(member)
                else:  # keep the first copies and the latest ones
                    del members[6]
                    members.append(member)
                if episode or not warm or bucket.fast < s.rumour_min_count * ef:
                    continue
                if self._is_rumour(bucket, ef, es):
                    episode = self._start_episode(bucket, at)
                    found.append(bucket)
        self._forget_singles(items[-1][0])
        if items[-1][0] - self.last_sweep >= 360:
            self._sweep(items[-1][0])
        return found

    def usual_count(self, bucket: Bucket, at: float) -> float:
        """The bucket's "usual" count before its current run, decayed to `at`."""
        slow = bucket.slow * math.exp(-(at - self.ref) / self._lives()[1])
        return max(0.0, slow - bucket.run_count)

    def _is_rumour(self, bucket: Bucket, ef: float, es: float) -> bool:
        s = self.settings
        if bucket.blocks < s.rumour_min_blocks:
            return False
        fast_life, slow_life = self._lives()
        growth = (bucket.fast / ef) / (bucket.slow / es) * slow_life / fast_life
        stream = (self.stream_fast / ef) / (self.stream_slow / es) * slow_life / fast_life \
            if self.stream_slow else 1.0
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

    def _forget_singles(self, now: float) -> None:
        """Lone texts older than `singleton_hours` are dropped, oldest first."""
        old = now - 60 * self.settings.singleton_hours
        singles = self.singles
        while singles:
            key = next(iter(singles))
            if singles[key][0] >= old:
                break
            del singles[key]

    def _sweep(self, now: float) -> None:
        """Every six hours: finished rumours and faded buckets are forgotten."""
        s = self.settings
        self.last_sweep = now
        for number, record in list(self.episodes.items()):
            if now - record[0] >= s.rumour_quiet_minutes:
                for key in record[1:]:
                    self.episode_of.pop(key, None)
                    bucket = self.buckets.get(key)
                    if bucket is not None and bucket.episode == number:
                        bucket.episode = 0
                del self.episodes[number]
        self._rebase(now)
        stale = [k for k, b in self.buckets.items() if not b.episode and b.slow < 0.5]
        for key in stale:
            del self.buckets[key]

    # -- state ---------------------------------------------------------------------------
    def to_state(self) -> dict:
        return {"buckets": [[k, b.to_state()] for k, b in self.buckets.items()],
                "singles": [[k, list(m)] for k, m in self.singles.items()],
                "episodes": [[n, r] for n, r in self.episodes.items()],
                "next_episode": self.next_episode,
                "stream": [self.ref, self.stream_fast, self.stream_slow, self.last_sweep]}

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
        (tracker.ref, tracker.stream_fast, tracker.stream_slow,
         tracker.last_sweep) = data["stream"]
        return tracker


def cluster_topic(members: list[tuple]) -> tuple[str | None, float]:
    topics = Counter(m[3] for m in members)
    topic, n = topics.most_common(1)[0]
    return topic, n / len(members)
