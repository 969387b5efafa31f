"""Rumours: clusters of near-identical claims spreading.

A false claim travels as copies of one sentence with small changes (words swapped, emoji,
"forwarded as received" prefixes, typos). Each text's content words get a MinHash
signature (bands x rows hashes, computed for a batch of texts at once with numpy); texts
that share a band's rows fall in the same LSH bucket, so near-identical texts meet in at
least one bucket with high probability (Jaccard 0.7: 74 % for 2 bands of 2 rows; most
copies of a rumour meet in its busiest bucket, which is what counts) while
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
from rasmi.core.surge.types import mention_from_state, mention_state

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


def band_keys(docs: list, bands: int, rows: int) -> list[list[int]]:
    """LSH bucket keys (one per band) of each word set (or list), none empty."""
    if not docs:
        return []
    k = bands * rows
    flat: list[int] = []
    starts: list[int] = []
    known = _HASHES.get
    for doc in docs:
        starts.append(len(flat))
        flat.extend([known(w) or _word_hash(w) for w in doc])
    values = np.fromiter(flat, dtype=np.uint64, count=len(flat))
    mixed = (values[:, None] ^ _SALTS[None, :k]) * _MULTIPLIERS[None, :k]
    mixed >>= np.uint64(16)
    signature = np.minimum.reduceat(mixed, np.asarray(starts), axis=0)
    signature = signature.reshape(len(docs), bands, rows) * _COMBINE[None, None, :rows]
    keys = signature.sum(axis=2, dtype=np.uint64) + np.arange(bands, dtype=np.uint64)
    return keys.tolist()


# A bucket is a list (cheaper than an object on this path):
FAST, SLOW, LAST, RUN_START, RUN_COUNT, BLOCKS, LAST_BLOCK, MEMBERS, EPISODE = range(9)
MEMBERS_KEPT = 12  # the first copies and the latest ones: topic, terms, examples


def _new_bucket(at: float, fast: float, slow: float, first: tuple) -> list:
    return [fast, slow, at, at, 1, 1, int(at // 5), [first], 0]


class RumourTracker:
    """Feeds batches of (local minute, Mention, band keys); returns rumour buckets.

    Counts are kept scaled by exp((t - ref) / mean life), so a copy adds one number
    computed once for the text instead of decaying every bucket it touches; `ref` moves
    forward (rescaling every bucket) every six hours."""

    def __init__(self, settings: SurgeSettings):
        self.settings = settings
        self.buckets: dict[int, list] = {}
        self.singles: dict[int, tuple] = {}  # key -> (local minute, Mention, keys), oldest first
        self.episode_of: dict[int, int] = {}  # bucket key -> episode number
        self.episodes: dict[int, list] = {}  # number -> [last local minute, keys...]
        self.next_episode = 1
        self.ref = -1.0
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
                bucket[FAST] *= f
                bucket[SLOW] *= g
            self.stream_fast *= f
            self.stream_slow *= g
        self.ref = to

    def feed(self, items: list[tuple], warm: bool) -> list[list]:
        if not items:
            return []
        s = self.settings
        if self.ref < 0 or items[-1][0] - self.ref > 600:
            self._rebase(items[0][0])
        fast_life, slow_life = self._lives()
        quiet, ref, least = s.rumour_quiet_minutes, self.ref, s.rumour_min_count
        found: list[list] = []
        buckets, singles, episode_of = self.buckets, self.singles, self.episode_of
        exp = math.exp
        stream_fast, stream_slow = self.stream_fast, self.stream_slow
        half = MEMBERS_KEPT // 2
        for member in items:  # texts of at least `min_words` words (the detector's batch)
            at, _, keys = member
            since = at - ref
            ef = exp(since / fast_life)
            es = exp(since / slow_life)
            stream_fast += ef
            stream_slow += es
            block = int(at // 5)
            episode = 0
            if episode_of:
                for key in keys:
                    episode = episode_of.get(key, 0)  # episode numbers start at 1
                    if episode:
                        self._join(episode, keys, at)
                        break
            for key in keys:
                bucket = buckets.get(key)
                if bucket is None:
                    first = singles.pop(key, None)
                    if first is None:
                        singles[key] = member
                        continue
                    bucket = buckets[key] = _new_bucket(
                        first[0], exp((first[0] - ref) / fast_life),
                        exp((first[0] - ref) / slow_life), first)
                # Literal indices (FAST, SLOW, LAST, RUN_START, RUN_COUNT, BLOCKS,
                # LAST_BLOCK, MEMBERS): this loop runs for every copy of every text.
                bucket[0] += ef
                bucket[1] += es
                if at - bucket[2] > quiet:  # a new run of copies
                    bucket[3], bucket[4], bucket[5] = at, 0, 0
                    bucket[7] = []
                bucket[2] = at
                bucket[4] += 1
                if block != bucket[6]:
                    bucket[5] += 1
                    bucket[6] = block
                members = bucket[7]
                if len(members) >= MEMBERS_KEPT:
                    del members[half]
                members.append(member)
                if episode or not warm or bucket[0] < least * ef:
                    continue
                self.stream_fast, self.stream_slow = stream_fast, stream_slow
                if self._is_rumour(bucket, ef, es):
                    episode = self._start_episode(bucket, at)
                    found.append(bucket)
        self.stream_fast, self.stream_slow = stream_fast, stream_slow
        self._forget_singles(items[-1][0])
        if items[-1][0] - self.last_sweep >= 360:
            self._sweep(items[-1][0])
        return found

    def usual_count(self, bucket: list, at: float) -> float:
        """The bucket's "usual" count before its current run, decayed to `at`."""
        slow = bucket[SLOW] * math.exp(-(at - self.ref) / self._lives()[1])
        return max(0.0, slow - bucket[RUN_COUNT])

    def _is_rumour(self, bucket: list, ef: float, es: float) -> bool:
        s = self.settings
        if bucket[BLOCKS] < s.rumour_min_blocks:
            return False
        fast_life, slow_life = self._lives()
        growth = (bucket[FAST] / ef) / (bucket[SLOW] / es) * slow_life / fast_life
        stream = (self.stream_fast / ef) / (self.stream_slow / es) * slow_life / fast_life \
            if self.stream_slow else 1.0
        return growth >= s.rumour_growth * max(1.0, stream)

    def _start_episode(self, bucket: list, at: float) -> int:
        number = self.next_episode
        self.next_episode += 1
        self.episodes[number] = [at]
        bucket[EPISODE] = number
        for member in bucket[MEMBERS]:
            self._join(number, member[2], at)
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
                    if bucket is not None and bucket[EPISODE] == number:
                        bucket[EPISODE] = 0
                del self.episodes[number]
        self._rebase(now)
        stale = [k for k, b in self.buckets.items() if not b[EPISODE] and b[SLOW] < 0.5]
        for key in stale:
            del self.buckets[key]

    # -- state ---------------------------------------------------------------------------
    def to_state(self) -> dict:
        def member(m: tuple) -> list:
            return [m[0], mention_state(m[1]), list(m[2])]
        return {"buckets": [[k, b[:MEMBERS] + [[member(m) for m in b[MEMBERS]], b[EPISODE]]]
                            for k, b in self.buckets.items()],
                "singles": [[k, member(m)] for k, m in self.singles.items()],
                "episodes": [[n, r] for n, r in self.episodes.items()],
                "next_episode": self.next_episode,
                "stream": [self.ref, self.stream_fast, self.stream_slow, self.last_sweep]}

    @classmethod
    def from_state(cls, data: dict, settings: SurgeSettings) -> RumourTracker:
        def member(m: list) -> tuple:
            return (m[0], mention_from_state(m[1]), list(m[2]))
        tracker = cls(settings)
        tracker.buckets = {int(k): b[:MEMBERS] + [[member(m) for m in b[MEMBERS]],
                                                  b[EPISODE]]
                           for k, b in data["buckets"]}
        tracker.singles = {int(k): member(m) for k, m in data["singles"]}
        for number, record in data["episodes"]:
            tracker.episodes[int(number)] = list(record)
            for key in record[1:]:
                tracker.episode_of[int(key)] = int(number)
        tracker.next_episode = data["next_episode"]
        (tracker.ref, tracker.stream_fast, tracker.stream_slow,
         tracker.last_sweep) = data["stream"]
        return tracker


def cluster_topic(members: list[tuple]) -> tuple[str | None, float]:
    topics = Counter(m[1].topic for m in members)
    topic, n = topics.most_common(1)[0]
    return topic, n / len(members)
