"""rasmi.core.surge: the seasonal baseline, the burst test, spikes, episodes, rumours,
terms, the contract shape and the state round trip."""

import json
import math
import random
from collections import Counter
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasmi.core.surge import (
    ANY_TOPIC,
    Alert,
    Mention,
    SurgeDetector,
    SurgeSettings,
    novel,
    poisson,
    talk,
)
from rasmi.core.surge.baseline import SeasonalBaseline, day_of_week
from rasmi.core.surge.rumours import band_keys
from rasmi.core.surge.words import top_terms, words
from rasmi.core.tests.surge_streams import START, minute, stream

MYT = timezone(timedelta(hours=8))


def run(mentions, detector=None):
    detector = detector or SurgeDetector()
    return [alert for m in mentions for alert in detector.feed(m)]


def delay(alert: Alert, start_minute: int) -> float:
    return (alert.detected_at - (START + timedelta(minutes=start_minute))).total_seconds() / 60


# -- Poisson tails ---------------------------------------------------------------------
def _brute_tail(k: int, lam: float) -> float:
    return 1 - sum(math.exp(-lam) * lam ** j / math.factorial(j) for j in range(k))


@pytest.mark.parametrize(("k", "lam"), [(1, 0.5), (3, 0.5), (10, 4.0), (4, 10.0), (30, 12.0)])
def test_poisson_tail_matches_the_sum(k, lam):
    assert math.exp(poisson.log_tail(k, lam)) == pytest.approx(_brute_tail(k, lam), rel=1e-6)


@given(lam=st.floats(0.01, 3000), exponent=st.floats(-9, -1.5))
@settings(max_examples=80, deadline=None)
def test_threshold_is_the_least_count_past_alpha(lam, exponent):
    log_alpha = exponent * math.log(10)
    k = poisson.threshold(lam, log_alpha)
    assert poisson.log_tail(k, lam) <= log_alpha + 1e-9
    # lam is rounded up by at most 1 %, so one less is never far inside the tail.
    assert poisson.log_tail(k - 1, lam * 1.01) > log_alpha - 1e-9 or k == 1


# -- the seasonal baseline -------------------------------------------------------------
def test_baseline_learns_the_daily_and_weekly_cycle():
    s = SurgeSettings()
    rng = np.random.default_rng(3)
    start = 24 * 20003  # a Monday, local hours since 1970
    assert day_of_week(start) == 0
    baseline = SeasonalBaseline(start)
    truth = []
    for h in range(start, start + 24 * 21):
        mean = 40 * (0.2 + 1.8 * (9 <= h % 24 <= 21)) * (0.5 if day_of_week(h) >= 5 else 1)
        truth.append(mean)
        baseline.close_hour(h, int(rng.poisson(mean)), s, False, None, warm=False)
    weekday_noon = start + 21 * 24 + 12  # next Monday, noon
    sunday_night = start + 21 * 24 - 24 + 3
    assert baseline.expected(weekday_noon) == pytest.approx(80, rel=0.15)
    # Quiet hours are pulled a little towards the prior (flat) by its pseudo-counts.
    assert baseline.expected(sunday_night) == pytest.approx(4, rel=0.4)
    assert baseline.uncertainty(weekday_noon * 60) < 0.25


def test_a_weekday_not_yet_seen_is_uncertain():
    s = SurgeSettings()
    start = 24 * 20003  # Monday
    baseline = SeasonalBaseline(start)
    for h in range(start, start + 24 * 3):  # Monday to Wednesday
        baseline.close_hour(h, 30, s, False, None, warm=False)
    tuesday, saturday = (start + 24 + 12) * 60, (start + 5 * 24 + 12) * 60
    assert baseline.uncertainty(saturday) > baseline.uncertainty(tuesday) + 0.1


def test_hours_in_an_episode_enter_the_history_capped():
    s = SurgeSettings()
    start = 24 * 20000
    baseline = SeasonalBaseline(start)
    for h in range(start, start + 48):
        baseline.close_hour(h, 20, s, False, None, warm=True)
    baseline.close_hour(start + 48, 400, s, True, None, warm=True)
    assert baseline.counts[-1] < 30
    assert baseline.expected(start + 49) == pytest.approx(20, rel=0.2)


# -- the burst test --------------------------------------------------------------------
def test_a_five_fold_burst_is_alerted_within_minutes_with_its_topic_and_terms():
    start = minute(2, 9.5)
    alerts = run(stream(events=[("burst", "road", start, 90, 5.0)]))
    assert len(alerts) == 1
    [alert] = alerts
    assert alert.topic == "road" and alert.kind == "burst"
    assert 0 < delay(alert, start) <= 10
    assert {"banjir", "pindah", "air", "naik"} & {w for t in alert.terms for w in t.split()}
    assert alert.count > 3 * alert.baseline and alert.score > 5
    assert len(alert.examples) <= 5 and alert.examples


def test_nothing_is_alerted_while_the_stream_is_cold():
    # A burst on the first morning: no baseline yet, so no alert (honest warm-up).
    assert run(stream(days=1, events=[("burst", "road", minute(0, 9), 90, 5.0)])) == []


def test_background_alone_raises_no_alert():
    assert run(stream(days=4, seed=11)) == []


def test_a_one_off_spike_is_not_a_crisis():
    spikes = [("spike", "road", minute(2, 10), 3, 15.0), ("spike", "flood", minute(2, 20), 2,
                                                          25.0)]
    assert run(stream(events=spikes)) == []


def test_a_long_live_stream_is_a_spectacle_not_a_crisis():
    # Twenty minutes at 8x: too long for the spike rule; its talk ("tengok live", "viral
    # kelakar") is calmer than the road's usual complaints, so it stays silent. Without
    # the talk test the same stream alerts: the veto is what keeps it quiet.
    events = [("spike", "road", minute(2, 10), 20, 8.0)]
    assert run(stream(events=events)) == []
    loud = run(stream(events=events), SurgeDetector(SurgeSettings(calm_alpha=0)))
    assert [a.topic for a in loud] == ["road"]


def _thin_topic_with_a_new_story(seed: int) -> tuple[list[Mention], int]:
    """A 6-an-hour flood topic; from day 2, 10:00, an hour of 25 mentions telling one
    new story (a bridge down), each in its own way, in words the topic never used."""
    start = minute(2, 10)
    rng = random.Random(seed)
    tellings = ["Jambatan gantung Kuala Tahan runtuh pagi tadi, {n} hanyut",
                "Ya Allah, jambatan Tahan dah runtuh, {n} orang dibawa arus",
                "Ada video jambatan runtuh? Family saya di Tahan, {n} tak dapat dihubungi",
                "Bomba sedang cari {n} mangsa runtuhan di Tahan",
                "Sesiapa ada berita dari Tahan? Dengar jambatan runtuh, {n} hilang"]
    story = [Mention(id=f"x{i}", time=START + timedelta(minutes=start + rng.uniform(0, 60)),
                     text=rng.choice(tellings).format(n=rng.choice(["dua", "tiga", "ramai"])),
                     topic="flood") for i in range(25)]
    background = stream(rates={"road": 60.0, "flood": 6.0}, seed=seed)
    return sorted(background + story, key=lambda m: m.time), start


@pytest.mark.parametrize("seed", [8, 9, 10])
def test_new_words_let_a_thin_topic_alert_sooner_than_its_counts_alone(seed):
    mentions, start = _thin_topic_with_a_new_story(seed)
    with_words = [a for a in run(mentions) if a.kind == "burst"]
    counts_only = [a for a in run(mentions, SurgeDetector(SurgeSettings(novel_log10_alpha=0)))
                   if a.kind == "burst"]
    assert with_words and with_words[0].topic == "flood"
    # Counts alone find it minutes later, or not at all.
    assert not counts_only or delay(with_words[0], start) < delay(counts_only[0], start) - 3


def test_a_word_is_new_against_the_series_and_the_whole_stream():
    s = SurgeSettings()
    stream_words = Counter({"banjir": 300, "jalan": 900, "sesak": 500})
    own = (Counter({"banjir": 30, "hujan": 20, "lebat": 15, "lagi": 10}), 60)
    everything = (stream_words, 3000)
    story = ["Jambatan Kuala Tahan runtuh"] * 4 + ["Hujan lebat, banjir lagi"]
    word, score = novel.newest_word(novel.word_sets(story), own, everything, s)
    assert word in {"jambatan", "kuala", "tahan", "runtuh"} and score < -6
    usual = ["Hujan lebat, banjir lagi"] * 4 + ["Banjir kat jalan"]
    assert novel.newest_word(novel.word_sets(usual), own, everything, s) is None
    too_little_learnt = (stream_words, 50)
    assert novel.newest_word(novel.word_sets(story), own, too_little_learnt, s) is None


def test_troubled_talk_is_read_from_the_words():
    assert talk.troubled(["Air masuk rumah, tolong kami terperangkap",
                          "LRT rosak lagi, lambat gila, kecewa",
                          "Kebakaran di sekolah Taman Melati"]) == 3
    assert talk.troubled(["Done! Join contest", "Tengok live menteri sekarang",
                          "Selamat pagi semua"]) == 0


@given(st.integers(0, 40), st.integers(1, 40), st.floats(0.01, 0.99))
def test_binomial_lower_tail_matches_the_sum(k, n, p):
    brute = sum(math.comb(n, i) * p ** i * (1 - p) ** (n - i) for i in range(min(k, n) + 1))
    assert talk.binomial_lower_tail(k, n, p) == pytest.approx(brute, rel=1e-9, abs=1e-12)


def test_one_alert_per_episode_and_a_new_one_when_it_comes_back():
    first, second = minute(2, 9), minute(2, 15)
    events = [("burst", "flood", first, 150, 6.0), ("burst", "flood", second, 90, 8.0)]
    alerts = run(stream(events=events))
    assert [a.topic for a in alerts] == ["flood", "flood"]
    assert 0 < delay(alerts[0], first) <= 12 and 0 < delay(alerts[1], second) <= 15


def test_a_topic_burst_is_not_also_a_whole_stream_burst():
    alerts = run(stream(events=[("burst", "road", minute(2, 10), 120, 8.0)]))
    assert [a.topic for a in alerts] == ["road"]


def test_mentions_without_topics_alert_on_the_whole_stream():
    start = minute(2, 11)
    alerts = run(stream(events=[("burst", "road", start, 90, 5.0)], topics=False))
    assert [a.topic for a in alerts] == [ANY_TOPIC]
    assert delay(alerts[0], start) <= 12


# -- rumours ---------------------------------------------------------------------------
def test_near_identical_texts_share_a_bucket_and_unrelated_ones_rarely_do():
    claim = words("Empangan di hulu sungai akan pecah malam ini semua penduduk kena pindah")
    swapped = list(claim)
    swapped[2], swapped[3] = swapped[3], swapped[2]
    forwarded = ["fwd", "sebarkan"] + claim
    other = words("Lampu isyarat rosak di simpang Temerloh sejak semalam lagi")
    keys = band_keys([claim, swapped, forwarded, other], 4, 2)
    assert keys[0] == keys[1]  # the same words: the same buckets
    assert set(keys[0]) & set(keys[2])
    assert not set(keys[0]) & set(keys[3])


def test_a_spreading_claim_raises_one_rumour_alert():
    start = minute(2, 14)
    alerts = run(stream(events=[("rumour", "flood", start, 180, 30.0)]))
    rumours = [a for a in alerts if a.kind == "rumour"]
    assert len(rumours) == 1
    assert rumours[0].topic == "flood" and rumours[0].detected_at > rumours[0].started_at
    assert {"empangan", "pecah"} & {w for t in rumours[0].terms for w in t.split()}


# -- words and terms -------------------------------------------------------------------
def test_words_drop_stop_words_links_emoji_and_split_chinese():
    assert words("Tolong!! Air dah naik kat Kg Tebing 😭 https://x.co/abc") == \
        ["air", "naik", "kg", "tebing"]
    assert words("路段塞车") == ["路", "段", "塞", "车"]


def test_terms_are_the_words_over_represented_in_the_burst():
    background = {"jalan": 300, "sesak": 120, "banjir": 5}
    from collections import Counter
    burst = [words(t) for t in ["Air naik, banjir teruk", "banjir kilat, air naik",
                                "jalan sesak, air naik banjir", "air naik lagi"]]
    terms = top_terms(burst, Counter(background), 1000)
    assert terms[0] in ("air naik", "banjir")
    assert "jalan" not in terms and "sesak" not in terms


# -- the contract shape ----------------------------------------------------------------
def test_alert_json_is_the_contract_line_with_the_mentions_offset():
    when = datetime(2024, 12, 1, 8, 11, 30, tzinfo=MYT)
    alert = Alert("a1", "flood", ["banjir", "air naik"], when - timedelta(minutes=6), when,
                  57, 2.1234, 9.44, ["t3", "t19"])
    line = alert.to_json()
    assert list(line) == ["alert_id", "topic", "terms", "started_at", "detected_at", "count",
                          "baseline", "score", "examples"]
    assert line["detected_at"] == "2024-12-01T08:11:30+08:00"
    assert line["baseline"] == 2.12 and line["score"] == 9.4
    json.dumps(line)


def test_the_contract_example_raises_nothing():
    rows = [("t1", "08:00:12", "Jalan ke Kuala Krai ok tak pagi ni?", "traffic"),
            ("t2", "08:03:40", "Hujan lebat sejak subuh kat Pasir Mas", "weather"),
            ("t3", "08:05:02", "Air sungai naik cepat, Kg Tebing dah banjir", "flood")]
    mentions = [Mention(i, datetime.fromisoformat(f"2024-12-01T{t}+08:00"), x, topic)
                for i, t, x, topic in rows]
    assert run(mentions) == []


# -- state -----------------------------------------------------------------------------
_STREAM = stream(days=3, events=[("burst", "flood", minute(1, 10), 120, 6.0),
                                 ("rumour", "road", minute(2, 9), 150, 30.0),
                                 ("burst", "road", minute(2, 18), 60, 6.0)], seed=5)
_WHOLE = [a.to_json() for a in run(_STREAM)]


def test_the_round_trip_stream_has_alerts_to_compare():
    assert len(_WHOLE) >= 2


@given(split=st.integers(0, len(_STREAM)))
@settings(max_examples=8, deadline=None)
def test_state_round_trip_changes_nothing(split):
    detector = SurgeDetector()
    alerts = run(_STREAM[:split], detector)
    saved = json.loads(json.dumps(detector.to_state()))
    alerts += run(_STREAM[split:], SurgeDetector.from_state(saved))
    assert [a.to_json() for a in alerts] == _WHOLE


def test_unknown_state_versions_are_refused():
    with pytest.raises(ValueError, match="version"):
        SurgeDetector.from_state({"version": 99})


def test_out_of_order_mentions_are_counted_now():
    detector = SurgeDetector()
    later = Mention("b", START + timedelta(minutes=5), "x")
    earlier = Mention("a", START, "y")
    detector.feed(later)
    detector.feed(earlier)
    assert detector.series[ANY_TOPIC].cur == 2


def test_settings_survive_the_state():
    tuned = SurgeSettings(log10_alpha=-6.0, windows=(8, 10, 60))
    detector = SurgeDetector(tuned)
    detector.feed(Mention("a", START, "hello", "road"))
    assert SurgeDetector.from_state(detector.to_state()).settings == tuned


def test_settings_refuse_windows_the_counts_cannot_hold():
    with pytest.raises(ValueError, match="ascending"):
        SurgeSettings(windows=(10, 8))
    with pytest.raises(ValueError, match="spike_minutes"):
        SurgeSettings(windows=(3, 10))


def test_random_order_of_topics_gives_the_same_alerts():
    # Series are closed in a fixed order ("*" first), whatever order topics appeared in.
    rng = random.Random(2)
    mentions = list(_STREAM)
    first_day = [m for m in mentions if m.time < START + timedelta(hours=1)]
    rng.shuffle(first_day)
    first_day.sort(key=lambda m: m.time)
    assert [a.to_json() for a in run(first_day + mentions[len(first_day):])] == _WHOLE
