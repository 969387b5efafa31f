"""Is a burst trouble or a spectacle? What the extra mentions say, against what the same
series usually says.

A crisis brings complaints, reports and alarm ("LRT rosak, stuck", "air masuk rumah"); a
contest, a minister's live stream or a funny clip brings "done", "watching", "haha" - a
burst of calmer talk than the series' usual. Counts cannot tell the two apart in the first
minutes (a live stream and a flood both start as a step); the words can. A mention is
*troubled* when the inbox triage model (rasmi.core.triage, shipped with the package)
reads it as a complaint or a report or as negative, or when it carries one of the triage
cues of trouble (danger, a fire or a flood, a complaint, distress) or an unambiguous
danger cue. The model's own urgency flag is left out: its threshold is set low for recall
in the inbox, where a missed emergency costs more than a false one, and it flags "live
sekarang" too. A burst is vetoed as a spectacle when its troubled share is significantly
below the series' usual share (one-sided binomial test): it is not a crisis, whatever its
size.

Only the slow path calls this - a series about to alert - so the model's cost (about a
third of a millisecond a text) is paid a few times a day, not per mention.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from rasmi.core.triage.cues import groups_in
from rasmi.core.triage.urgent import danger_cue

TROUBLE_INTENTS = frozenset({"complaint", "report"})
TROUBLE_CUES = frozenset({"complaint", "negative", "danger", "topic:fire", "topic:flood"})


@lru_cache(maxsize=1)
def _model():
    from rasmi.core.triage.model import default_model  # numpy model, loaded on first use

    return default_model()


def troubled(texts: Sequence[str]) -> int:
    """How many of `texts` speak of trouble."""
    if not texts:
        return 0
    count = 0
    for text, label in zip(texts, _model().classify(texts), strict=True):
        if label.intent in TROUBLE_INTENTS or label.sentiment == "negative" \
                or TROUBLE_CUES & groups_in(text) or danger_cue(text):
            count += 1
    return count


def spread(items: Sequence, limit: int) -> list:
    """At most `limit` items, evenly spaced (a burst's start, middle and end all count)."""
    if len(items) <= limit:
        return list(items)
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def binomial_lower_tail(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p)."""
    if k >= n or p <= 0.0:
        return 1.0
    if p >= 1.0:
        return 0.0
    log_p, log_q = math.log(p), math.log1p(-p)
    return min(1.0, sum(math.exp(math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1)
                                 + i * log_p + (n - i) * log_q) for i in range(k + 1)))


def calmer_than_usual(burst_troubled: int, burst_n: int, usual_share: float,
                      alpha: float) -> bool:
    """The burst's talk is significantly less troubled than the series' usual talk."""
    return binomial_lower_tail(burst_troubled, burst_n, usual_share) < alpha
