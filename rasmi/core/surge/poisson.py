"""Poisson tails and thresholds, in pure Python.

`log_tail(k, lam)` is log P(X >= k) for X ~ Poisson(lam); `threshold(lam, log_alpha)` the
smallest count whose tail is at most alpha. Thresholds are cached on a 1 % grid of lam,
rounded up, so the detector's per-minute work is a dictionary look-up.
"""

from __future__ import annotations

import math
from functools import lru_cache

_GRID = math.log(1.01)


def log_tail(k: int, lam: float) -> float:
    """log P(X >= k), X ~ Poisson(lam)."""
    if k <= 0:
        return 0.0
    if lam <= 0:
        return -math.inf
    if k <= lam:
        # The lower part is the small one: 1 - P(X <= k-1), summed in log space.
        logs = [j * math.log(lam) - lam - math.lgamma(j + 1) for j in range(k)]
        top = max(logs)
        log_cdf = top + math.log(sum(math.exp(v - top) for v in logs))
        return math.log1p(-min(math.exp(log_cdf), 1.0 - 1e-16))
    log_pmf = k * math.log(lam) - lam - math.lgamma(k + 1)
    # P(X >= k) = pmf(k) * (1 + lam/(k+1) + lam^2/((k+1)(k+2)) + ...), a shrinking series.
    total, term, j = 1.0, 1.0, k
    while True:
        j += 1
        term *= lam / j
        total += term
        if term < 1e-12 * total or j > k + 100_000:
            break
    return log_pmf + math.log(total)


def log10_tail(k: int, lam: float) -> float:
    return log_tail(k, lam) / math.log(10)


@lru_cache(maxsize=65536)
def _threshold_on_grid(step: int, log_alpha: float) -> int:
    lam = math.exp(step * _GRID)
    # Start near the normal approximation, then walk to the exact answer.
    k = max(1, int(lam + 3 * math.sqrt(lam)))
    while k > 1 and log_tail(k - 1, lam) <= log_alpha:
        k -= 1
    while log_tail(k, lam) > log_alpha:
        k += max(1, int(0.02 * k))
    while k > 1 and log_tail(k - 1, lam) <= log_alpha:
        k -= 1
    return k


def threshold(lam: float, log_alpha: float) -> int:
    """Smallest k with P(X >= k) <= alpha (lam rounded up to the next 1 % step)."""
    lam = max(lam, 1e-3)
    return _threshold_on_grid(math.ceil(math.log(lam) / _GRID), log_alpha)
