"""ACLED weeks (Saturday to Friday) and calendar months, the periods that trends and alerts count in."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

__all__ = ["Period", "acled_week_start", "next_period", "period_end", "period_start", "period_starts"]

Period = Literal["week", "month"]

_SATURDAY = 5  # date.weekday(): Monday is 0


def acled_week_start(d: date) -> date:
    """The Saturday that opens the ACLED week (Saturday to Friday) containing ``d``."""
    return d - timedelta(days=(d.weekday() - _SATURDAY) % 7)


def period_start(d: date, period: Period) -> date:
    """The first day of the ACLED week or calendar month containing ``d``."""
    if period == "week":
        return acled_week_start(d)
    if period == "month":
        return d.replace(day=1)
    raise ValueError(f"period must be 'week' or 'month', got {period!r}")


def next_period(start: date, period: Period) -> date:
    """The first day of the period after the one that opens on ``start``."""
    if period == "week":
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def period_end(start: date, period: Period) -> date:
    """The last day of the period that opens on ``start``."""
    return next_period(start, period) - timedelta(days=1)


def period_starts(first: date, last: date, period: Period) -> list[date]:
    """Every period start from the period containing ``first`` to the one containing ``last``."""
    out: list[date] = []
    cur = period_start(first, period)
    while cur <= last:
        out.append(cur)
        cur = next_period(cur, period)
    return out
