"""Upper-tail probabilities of count distributions, in plain Python (no scipy).

Both tails sum the probability mass function upward from ``k`` in log space, which stays exact
for the small counts and small p-values that early warning deals in.
"""

from __future__ import annotations

import math

__all__ = ["count_tail", "negbin_sf", "poisson_sf"]

_MAX_TERMS = 200_000


def poisson_sf(k: int, mean: float) -> float:
    """P(X >= k) for X ~ Poisson(mean)."""
    if k <= 0:
        return 1.0
    if mean <= 0.0:
        return 0.0
    log_mean = math.log(mean)
    total = 0.0
    i = k
    while i < k + _MAX_TERMS:
        term = math.exp(-mean + i * log_mean - math.lgamma(i + 1))
        total += term
        if i > mean and term <= total * 1e-16:
            break
        i += 1
    return min(1.0, total)


def negbin_sf(k: int, mean: float, variance: float) -> float:
    """P(X >= k) for a negative binomial with this mean and variance (variance > mean).

    Parametrised as r = mean^2 / (variance - mean) successes, p = mean / variance; falls back
    to the Poisson tail when the counts are not over-dispersed.
    """
    if k <= 0:
        return 1.0
    if mean <= 0.0:
        return 0.0
    if variance <= mean:
        return poisson_sf(k, mean)
    r = mean * mean / (variance - mean)
    p = mean / variance
    log_p, log_q = math.log(p), math.log1p(-p)
    log_norm = r * log_p - math.lgamma(r)
    total = 0.0
    i = k
    mode = max(0.0, (1 - p) * (r - 1) / p)
    while i < k + _MAX_TERMS:
        term = math.exp(log_norm + math.lgamma(i + r) - math.lgamma(i + 1) + i * log_q)
        total += term
        if i > mode and term <= total * 1e-16:
            break
        i += 1
    return min(1.0, total)


def count_tail(k: int, mean: float, variance: float) -> tuple[float, str]:
    """The upper-tail probability of ``k`` against a history with this mean and variance, and
    the model used: negative binomial when the history is over-dispersed, else Poisson."""
    if variance > mean > 0.0:
        return negbin_sf(k, mean, variance), "negative binomial"
    return poisson_sf(k, mean), "Poisson"
