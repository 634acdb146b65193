"""Trends count events and fatalities per ACLED week or month, grouped by event fields."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwatch.errors import ConfigError
from conflictwatch.watch import trends
from tests.watch._events import ev


def test_weekly_trends_split_at_saturday() -> None:
    rows = trends([ev("2025-07-04", fatalities=2), ev("2025-07-05", fatalities=3), ev("2025-07-05")])
    assert [(r.period_start, r.period_end, r.events, r.fatalities) for r in rows] == [
        (date(2025, 6, 28), date(2025, 7, 4), 1, 2),
        (date(2025, 7, 5), date(2025, 7, 11), 2, 3),
    ]


def test_monthly_trends_grouped_by_admin1() -> None:
    rows = trends([ev("2025-06-02", admin1="Segou"), ev("2025-06-30", admin1="Kayes"), ev("2025-07-01", admin1="Kayes")],
                  period="month", by=("admin1",))
    assert [r.to_dict() for r in rows] == [
        {"period_start": "2025-06-01", "period_end": "2025-06-30", "admin1": "Kayes", "events": 1, "fatalities": 0},
        {"period_start": "2025-06-01", "period_end": "2025-06-30", "admin1": "Segou", "events": 1, "fatalities": 0},
        {"period_start": "2025-07-01", "period_end": "2025-07-31", "admin1": "Kayes", "events": 1, "fatalities": 0},
    ]


def test_actor_grouping_counts_an_event_for_each_of_its_actors() -> None:
    rows = trends([ev("2025-07-01", fatalities=4)], by=("actor",))
    assert {r.group: (r.events, r.fatalities) for r in rows} == {
        ("JNIM: Group for Support of Islam and Muslims",): (1, 4),
        ("Military Forces of Mali (2021-)",): (1, 4),
    }


def test_grouping_by_two_fields_keeps_both_in_the_row() -> None:
    rows = trends([ev("2025-07-01", event_type="Riots", sub_event_type="Mob violence")], by=("admin1", "event_type"))
    assert rows[0].to_dict()["event_type"] == "Riots"
    assert rows[0].group == ("Mopti", "Riots")


def test_unknown_grouping_field_lists_the_valid_ones() -> None:
    with pytest.raises(ConfigError, match=r"cannot group trends by colour: use one of country, admin1"):
        trends([ev("2025-07-01")], by=("colour",))


def test_unknown_period_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown period 'day'"):
        trends([], period="day")  # type: ignore[arg-type]
