"""The report for a week of 2019, built from ACLED's real Mali history, agrees with counts made
by hand from the gold file."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from conflictwatch.records import Event
from conflictwatch.report import build_report, render_html
from conflictwatch.watch import alerts
from tests.conftest import BOUNDARIES
from tests.watch._events import gold_events

START, END = date(2019, 8, 3), date(2019, 8, 9)


@pytest.fixture(scope="module")
def history() -> list[Event]:
    return gold_events("acled_mali_2017_2019.jsonl")


@pytest.fixture(scope="module")
def report(history: list[Event]):
    return build_report(history, country="ML", start=START, end=END, boundaries=BOUNDARIES,
                        alerts=alerts(history, as_of=END, country="ML"))


def between(history: list[Event], lo: date, hi: date, admin1: str | None = None) -> list[Event]:
    return [e for e in history if lo <= e.event_date <= hi and (admin1 is None or e.admin1 == admin1)]


def test_headline_matches_a_hand_count(history: list[Event], report) -> None:
    week = between(history, START, END)
    before = between(history, date(2019, 7, 27), date(2019, 8, 2))
    h = report.headline
    assert (h.events, h.fatalities) == (len(week), sum(e.fatalities for e in week))
    assert (h.previous_events, h.previous_fatalities) == (len(before), sum(e.fatalities for e in before))


def test_mopti_row_matches_a_hand_count(history: list[Event], report) -> None:
    mopti = between(history, START, END, "Mopti")
    row = next(t for t in report.top_admin1 if t.name == "Mopti")
    assert (row.events, row.fatalities) == (len(mopti), sum(e.fatalities for e in mopti))
    assert report.top_admin1[0].name == "Mopti"


def test_chart_bar_for_the_week_matches_a_hand_count_by_type(history: list[Event], report) -> None:
    expected = Counter(e.event_type for e in between(history, START, END))
    assert report.chart[-1].start == START
    assert dict(report.chart[-1].by_type) == dict(expected)


def test_report_shows_the_mopti_surge_with_its_numbers(report) -> None:
    surge = next(a for a in report.alerts if a.kind == "surge" and a.admin1 == "Mopti")
    page = render_html(report)
    assert surge.reason in page
    assert f"this week {surge.count}; baseline mean {surge.baseline_mean:.2f} over 4 weeks" in page


def test_every_event_of_the_week_is_listed_with_its_notes(history: list[Event], report) -> None:
    page = render_html(report)
    for e in between(history, START, END):
        assert f'id="{e.event_id}"' in page
    assert len(report.located) == len(report.events)
