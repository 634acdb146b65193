"""build_report: headline numbers against the previous period, tables, chart bars, map layers."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwatch.errors import ConfigError
from conflictwatch.report import build_report
from tests.conftest import BOUNDARIES
from tests.report._scenario import JULY_1, scenario
from tests.watch._events import ev


def test_headline_compares_with_the_previous_period_of_equal_length() -> None:
    events = [ev("2025-07-01", fatalities=3), ev("2025-07-02", fatalities=1), ev("2025-06-28", fatalities=2),
              ev("2025-06-24", fatalities=5), ev("2025-06-23", fatalities=9)]
    r = build_report(events, country="ML", start=date(2025, 6, 29), end=date(2025, 7, 3))
    h = r.headline
    assert (h.events, h.fatalities, h.previous_events, h.previous_fatalities) == (2, 4, 2, 7)
    assert (h.previous_start, h.previous_end) == (date(2025, 6, 24), date(2025, 6, 28))
    assert h.events_change == 0.0
    assert h.fatalities_change == pytest.approx((4 - 7) / 7 * 100)


def test_only_the_requested_country_is_reported() -> None:
    r = build_report([ev("2025-07-01"), ev("2025-07-01", country="Niger")], country="Mali",
                     start=JULY_1, end=JULY_1)
    assert [e.country for e in r.events] == ["Mali"]
    assert r.country == "Mali" and r.iso2 == "ML"


def test_top_tables_count_events_and_fatalities() -> None:
    r = build_report(scenario(), country="ML", start=date(2025, 6, 1), end=date(2025, 7, 4))
    assert r.top_admin1[0].name == "Kayes" and r.top_admin1[0].events == 5
    jnim = next(t for t in r.top_actors if t.name.startswith("JNIM"))
    assert (jnim.events, jnim.fatalities) == (10, 36)
    assert {t.name: t.events for t in r.by_type}["Battles"] == 9


def test_chart_has_a_bar_per_acled_week_with_at_least_twelve_weeks_of_context() -> None:
    r = build_report(scenario(), country="ML", start=date(2025, 6, 28), end=date(2025, 7, 4))
    assert r.chart_period == "week"
    assert r.chart[-1].start == date(2025, 6, 28)
    assert len(r.chart) == 13
    assert dict(r.chart[-1].by_type) == {"Battles": 7}
    assert sum(b.total for b in r.chart) == len(scenario())


def test_long_periods_are_charted_by_month() -> None:
    r = build_report([ev("2024-01-05"), ev("2025-06-05")], country="ML", start=date(2024, 1, 1), end=date(2025, 6, 30))
    assert r.chart_period == "month" and len(r.chart) == 18


def test_offensives_come_from_the_events_when_none_are_given() -> None:
    r = build_report(scenario(), country="ML", start=JULY_1, end=JULY_1)
    (off,) = r.offensives
    assert len(off.event_ids) == 7 and off.actor.startswith("JNIM")


def test_map_fits_malis_regions_and_keeps_neighbours_in_view() -> None:
    r = build_report(scenario(), country="ML", start=JULY_1, end=JULY_1, boundaries=BOUNDARIES)
    assert r.bbox is not None
    lon0, lat0, lon1, lat1 = r.bbox
    assert lon0 < -12.2 and lon1 > 4.2 and lat0 < 10.2 and lat1 > 25.0
    assert sum(b.iso2 == "ML" for b in r.boundaries) == 9
    assert any(b.iso2 == "BF" for b in r.boundaries)


def test_without_boundaries_the_map_fits_the_events() -> None:
    r = build_report(scenario(), country="ML", start=JULY_1, end=JULY_1)
    assert r.boundaries == ()
    assert r.bbox is not None and r.bbox[0] < -12.2 and r.bbox[2] > -5.99


def test_period_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"ends \(2025-06-01\) before it starts \(2025-07-01\)"):
        build_report([], country="ML", start=JULY_1, end=date(2025, 6, 1))
