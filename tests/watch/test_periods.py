"""ACLED weeks run Saturday to Friday; months are calendar months."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from conflictwatch.watch import acled_week_start, period_end, period_start, period_starts


@pytest.mark.parametrize("offset", range(7))
def test_every_day_of_an_acled_week_starts_on_its_saturday(offset: int) -> None:
    saturday = date(2025, 6, 28)
    assert acled_week_start(saturday + timedelta(days=offset)) == saturday


def test_acled_week_start_is_a_saturday_and_friday_closes_the_week() -> None:
    assert acled_week_start(date(2025, 7, 4)).weekday() == 5
    assert acled_week_start(date(2025, 7, 5)) == date(2025, 7, 5)
    assert period_end(date(2025, 6, 28), "week") == date(2025, 7, 4)


def test_month_periods_run_to_the_last_day_of_the_month() -> None:
    assert period_start(date(2024, 2, 29), "month") == date(2024, 2, 1)
    assert period_end(date(2024, 2, 1), "month") == date(2024, 2, 29)
    assert period_end(date(2024, 12, 1), "month") == date(2024, 12, 31)


def test_period_starts_cover_the_range_without_gaps() -> None:
    starts = period_starts(date(2025, 6, 1), date(2025, 7, 1), "week")
    assert starts[0] == date(2025, 5, 31)
    assert starts[-1] == date(2025, 6, 28)
    assert all(b - a == timedelta(days=7) for a, b in itertools.pairwise(starts))
