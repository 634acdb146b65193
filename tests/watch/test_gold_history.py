"""On real history (ACLED's Mali events 2017-2019), the alerts for a 2019 week in Mopti agree
with counts made by hand, independently of the library's week and violence helpers."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwatch.records import Event
from conflictwatch.watch import alerts, trends
from tests.watch._events import gold_events

FRIDAY = date(2019, 8, 9)  # the ACLED week Saturday 3 - Friday 9 August 2019
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")


@pytest.fixture(scope="module")
def history() -> list[Event]:
    return gold_events("acled_mali_2017_2019.jsonl")


def hand_count(events: list[Event], weeks_back: int, admin1: str | None = "Mopti") -> list[Event]:
    """Violent events in the week ``weeks_back`` weeks before the week ending on FRIDAY."""
    out = []
    for e in events:
        days_before = (FRIDAY - e.event_date).days
        if not 0 <= days_before - 7 * weeks_back < 7:
            continue
        violent = e.event_type in VIOLENT or e.sub_event_type == "Excessive force against protesters"
        if violent and (admin1 is None or e.admin1 == admin1):
            out.append(e)
    return out


def test_mopti_surge_matches_a_hand_count(history: list[Event]) -> None:
    this_week = hand_count(history, 0)
    previous = [len(hand_count(history, k)) for k in (1, 2, 3, 4)]
    mean = sum(previous) / 4
    assert len(this_week) >= 2 * mean and mean >= 1, "the chosen week should be a surge by ACLED's rule"

    (surge,) = [a for a in alerts(history, as_of=FRIDAY, country="ML") if a.kind == "surge" and a.admin1 == "Mopti"]
    assert surge.count == len(this_week)
    assert surge.baseline_mean == mean
    assert set(surge.event_ids) == {e.event_id for e in this_week}


def test_surges_that_week_are_exactly_the_areas_a_hand_count_finds(history: list[Event]) -> None:
    areas = {e.admin1 for e in history if e.admin1}
    expected = set()
    for area in areas:
        now = len(hand_count(history, 0, area))
        mean = sum(len(hand_count(history, k, area)) for k in (1, 2, 3, 4)) / 4
        if mean >= 1 and now >= 2 * mean:
            expected.add(area)
    found = {a.admin1 for a in alerts(history, as_of=FRIDAY) if a.kind == "surge"}
    assert found == expected


def test_country_band_matches_a_hand_count(history: list[Event]) -> None:
    now = len(hand_count(history, 0, None))
    mean = sum(len(hand_count(history, k, None)) for k in (1, 2, 3, 4)) / 4
    (change,) = [a for a in alerts(history, as_of=FRIDAY) if a.kind == "country_change"]
    assert (change.count, change.baseline_mean) == (now, mean)
    assert change.change_pct == pytest.approx((now - mean) / mean * 100)


def test_mopti_weekly_trend_matches_a_hand_count(history: list[Event]) -> None:
    mopti = [e for e in history if e.admin1 == "Mopti"]
    rows = {r.period_start: r for r in trends(mopti)}
    week = rows[date(2019, 8, 3)]
    by_hand = [e for e in mopti if 0 <= (FRIDAY - e.event_date).days < 7]
    assert (week.events, week.fatalities) == (len(by_hand), sum(e.fatalities for e in by_hand))
