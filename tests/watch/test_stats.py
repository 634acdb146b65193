"""Upper-tail probabilities agree with closed forms."""

from __future__ import annotations

import math

import pytest

from conflictwatch.watch import count_tail, negbin_sf, poisson_sf


@pytest.mark.parametrize(("k", "mean"), [(1, 0.5), (3, 1.0), (5, 2.0), (12, 4.0), (40, 10.0)])
def test_poisson_tail_matches_one_minus_the_cdf(k: int, mean: float) -> None:
    cdf = sum(math.exp(-mean) * mean**i / math.factorial(i) for i in range(k))
    assert poisson_sf(k, mean) == pytest.approx(1 - cdf, rel=1e-9, abs=1e-15)


def test_poisson_tail_stays_accurate_far_out() -> None:
    # P(X >= 30) for mean 1 is dominated by the first term, e^-1 / 30!
    assert poisson_sf(30, 1.0) == pytest.approx(math.exp(-1) / math.factorial(30), rel=0.05)


@pytest.mark.parametrize("k", [0, 1, 3, 8])
def test_negative_binomial_with_one_success_is_geometric(k: int) -> None:
    # mean 1, variance 2 gives r = 1, p = 1/2: P(X >= k) = (1/2)^k
    assert negbin_sf(k, 1.0, 2.0) == pytest.approx(0.5**k, rel=1e-9)


def test_over_dispersed_history_gives_a_fatter_tail_than_poisson() -> None:
    assert negbin_sf(10, 3.0, 9.0) > poisson_sf(10, 3.0)


def test_count_tail_names_the_model_it_used() -> None:
    assert count_tail(5, 2.0, 6.0)[1] == "negative binomial"
    assert count_tail(5, 2.0, 1.5)[1] == "Poisson"


def test_zero_mean_makes_any_positive_count_impossible_and_zero_certain() -> None:
    assert poisson_sf(1, 0.0) == 0.0
    assert poisson_sf(0, 0.0) == 1.0
