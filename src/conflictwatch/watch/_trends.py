"""Counts and fatalities per ACLED week or calendar month, grouped by any event field."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from conflictwatch.constants import GROUP_FIELDS
from conflictwatch.errors import ConfigError
from conflictwatch.records import Event, WeekCount
from conflictwatch.watch._periods import Period, period_end, period_start

__all__ = ["COUNTED_FIELDS", "GROUP_FIELDS", "TrendRow", "trends", "trends_from_counts"]



#: Fields a store's weekly counts can be grouped by (``Store.weekly_counts``), so that
#: :func:`trends_from_counts` can stand in for :func:`trends` on them.
COUNTED_FIELDS: tuple[str, ...] = ("country", "admin1", "event_type", "sub_event_type", "status")


@dataclass(frozen=True, slots=True)
class TrendRow:
    """Events and fatalities in one period for one group (``group`` holds the ``by`` values)."""

    period_start: date
    period_end: date
    by: tuple[str, ...]
    group: tuple[str, ...]
    events: int
    fatalities: int

    def to_dict(self) -> dict[str, Any]:
        """The row as a flat JSON/CSV-ready dict: period, one key per grouping field, counts."""
        row: dict[str, Any] = {"period_start": self.period_start.isoformat(),
                               "period_end": self.period_end.isoformat()}
        row.update(zip(self.by, self.group, strict=True))
        row["events"] = self.events
        row["fatalities"] = self.fatalities
        return row


def _keys(event: Event, by: Sequence[str]) -> list[tuple[str, ...]]:
    keys: list[tuple[str, ...]] = [()]
    for name in by:
        if name == "actor":
            values = [a for a in dict.fromkeys((event.actor1, event.actor2)) if a] or [""]
        else:
            values = [str(getattr(event, name))]
        keys = [k + (v,) for k in keys for v in values]
    return keys


def trends(events: Iterable[Event], *, period: Period = "week", by: Sequence[str] = ()) -> list[TrendRow]:
    """Events and fatalities per period (ACLED week, Saturday to Friday, or calendar month),
    grouped by the fields in ``by`` (see :data:`GROUP_FIELDS`), sorted by period then group.

    Periods without events are left out.
    """
    if period not in ("week", "month"):
        raise ConfigError(f"unknown period {period!r}: use 'week' or 'month'")
    by = tuple(by)
    unknown = [name for name in by if name not in GROUP_FIELDS]
    if unknown:
        raise ConfigError(f"cannot group trends by {', '.join(unknown)}: use one of {', '.join(GROUP_FIELDS)}")
    counts: dict[tuple[date, tuple[str, ...]], list[int]] = defaultdict(lambda: [0, 0])
    for event in events:
        start = period_start(event.event_date, period)
        for key in _keys(event, by):
            cell = counts[(start, key)]
            cell[0] += 1
            cell[1] += event.fatalities
    return [
        TrendRow(period_start=start, period_end=period_end(start, period), by=by, group=key,
                 events=n, fatalities=f)
        for (start, key), (n, f) in sorted(counts.items())
    ]


def trends_from_counts(counts: Iterable[WeekCount], *, by: Sequence[str] = ()) -> list[TrendRow]:
    """What ``trends(events, period="week", by=by)`` gives for the events behind ``counts``: weekly
    counts grouped by the fields ``by`` (each in :data:`COUNTED_FIELDS`, the grouping the counts
    were made with, e.g. ``Store.weekly_counts(by=by)``). A million events are a few thousand counts.
    """
    by = tuple(by)
    unknown = [name for name in by if name not in COUNTED_FIELDS]
    if unknown:
        raise ConfigError(f"cannot group counts by {', '.join(unknown)}: use one of {', '.join(COUNTED_FIELDS)}")
    sums: dict[tuple[date, tuple[str, ...]], list[int]] = defaultdict(lambda: [0, 0])
    for c in counts:
        cell = sums[(c.week_start, c.group)]
        cell[0] += c.events
        cell[1] += c.fatalities
    return [
        TrendRow(period_start=start, period_end=period_end(start, "week"), by=by, group=key,
                 events=n, fatalities=f)
        for (start, key), (n, f) in sorted(sums.items())
    ]
