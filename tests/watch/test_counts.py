"""Trends and alerts from a store's weekly counts are those the events themselves give."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from conflictwatch.errors import ConfigError
from conflictwatch.records import Event
from conflictwatch.store import Store, open_store
from conflictwatch.watch import (
    ALERT_COUNT_FIELDS,
    ALERT_HISTORY,
    ALERT_RECENT,
    acled_week_start,
    alerts,
    trends,
    trends_from_counts,
)
from tests.watch._events import ev, gold_events

START = date(2023, 1, 7)
AREAS = ("Gao", "Kidal", "Menaka")
KINDS = (("Battles", "Armed clash"), ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"),
         ("Riots", "Violent demonstration"), ("Protests", "Excessive force against protesters"))
ACTORS = ("Islamic State (Sahel)", "JNIM: Group for Support of Islam and Muslims", "Dozo Communal Militia (Mali)")


def _history(seed: int) -> list[Event]:
    """Seventy weeks in three regions (and a few in Niger), quiet then busier, with a burst at the end."""
    rng = random.Random(seed)
    out = []
    for week in range(70):
        for area in AREAS:
            busy = 1 + (week > 40)
            for _ in range(rng.randrange(0, 3) * busy):
                kind = rng.choice(KINDS)
                out.append(ev(START + timedelta(days=7 * week + rng.randrange(7)), admin1=area,
                              event_type=kind[0], sub_event_type=kind[1], actor1=rng.choice(ACTORS),
                              fatalities=rng.randrange(5)))
        if week == 69:  # a burst in Kidal in the last week
            out.extend(ev(START + timedelta(days=7 * week + k % 7), admin1="Kidal", fatalities=1) for k in range(12))
        if week % 5 == 0:
            out.append(ev(START + timedelta(days=7 * week), admin1="Tillaberi", country="Niger"))
    return out


@pytest.fixture
def stored(tmp_path: Path) -> Iterator[tuple[Store, list[Event]]]:
    events = _history(5)
    with open_store(str(tmp_path / "cw.db")) as store:
        store.add_events(events)
        yield store, events


def _alerts_both_ways(store: Store, events: list[Event], day: date, country: str | None) -> tuple[list, list]:
    full = [e for e in events if day - ALERT_HISTORY <= e.event_date <= day]
    counts = store.weekly_counts(by=ALERT_COUNT_FIELDS, country=country, since=day - ALERT_HISTORY, until=day)
    recent = store.query_events(country=country, since=acled_week_start(day) - ALERT_RECENT, until=day,
                                children=False)
    return (alerts(full, as_of=day, country=country),
            alerts(recent, as_of=day, country=country, counts=counts))


@pytest.mark.parametrize("by", [(), ("admin1",), ("country", "admin1"), ("event_type",), ("status",)])
def test_trends_from_weekly_counts_equal_weekly_trends_over_the_events(stored: tuple[Store, list[Event]],
                                                                      by: tuple[str, ...]) -> None:
    store, events = stored
    assert trends_from_counts(store.weekly_counts(by=by), by=by) == trends(events, period="week", by=by)


def test_trends_from_counts_refuse_a_field_the_counts_do_not_have() -> None:
    with pytest.raises(ConfigError, match="cannot group counts by actor1: use one of country, admin1"):
        trends_from_counts([], by=("actor1",))


@pytest.mark.parametrize("weeks_back", [0, 3, 12, 30])
@pytest.mark.parametrize("country", [None, "ML"])
def test_alerts_from_counts_and_recent_events_equal_alerts_from_the_whole_history(
        stored: tuple[Store, list[Event]], weeks_back: int, country: str | None) -> None:
    store, events = stored
    day = START + timedelta(days=7 * (69 - weeks_back) + 4)
    full, counted = _alerts_both_ways(store, events, day, country)
    assert counted == full
    if weeks_back == 0:
        assert any(a.kind == "surge" and a.admin1 == "Kidal" for a in full)


def test_alerts_from_counts_on_acled_mali_history(tmp_path: Path) -> None:
    history = gold_events("acled_mali_2017_2019.jsonl")
    with open_store(str(tmp_path / "cw.db")) as store:
        store.add_events(history)
        for day in (date(2019, 8, 9), date(2018, 5, 18), date(2019, 12, 27)):
            full, counted = _alerts_both_ways(store, history, day, "ML")
            assert counted == full and full, day
