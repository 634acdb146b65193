"""Alerts follow ACLED's early-warning rules, add a small-count test, new actors and offensives,
and say why they fired."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from conflictwatch.records import Event, Offensive
from conflictwatch.watch import Alert, alerts, change_band
from tests.watch._events import ev

WEEK = date(2025, 6, 28)  # an ACLED week: Saturday 28 June to Friday 4 July 2025
AS_OF = date(2025, 7, 4)


def weekly(counts: list[int], *, admin1: str = "Mopti", **kw: object) -> list[Event]:
    """Events in the weeks before WEEK (oldest first, the last count is WEEK itself), one per day."""
    out = []
    start = WEEK - timedelta(weeks=len(counts) - 1)
    for w, n in enumerate(counts):
        out += [ev(start + timedelta(weeks=w, days=i % 7), admin1=admin1, **kw) for i in range(n)]
    return out


def kinds(found: list[Alert], kind: str) -> list[Alert]:
    return [a for a in found if a.kind == kind]


def test_surge_fires_when_the_week_doubles_a_four_week_mean_of_one() -> None:
    events = weekly([1, 1, 1, 1, 2])
    (surge,) = kinds(alerts(events, as_of=AS_OF), "surge")
    assert (surge.admin1, surge.count, surge.baseline_mean, surge.change_pct) == ("Mopti", 2, 1.0, 100.0)
    assert surge.event_ids == tuple(e.event_id for e in events[-2:])
    assert surge.week_start == WEEK and surge.week_end == AS_OF
    assert "2 violent events in Mopti this week against a weekly mean of 1" in surge.reason


def test_no_surge_below_double_the_mean() -> None:
    assert not kinds(alerts(weekly([2, 2, 1, 1, 2]), as_of=AS_OF), "surge")


def test_no_surge_when_the_four_week_mean_is_below_one() -> None:
    assert not kinds(alerts(weekly([0, 1, 0, 1, 3]), as_of=AS_OF), "surge")


def test_no_surge_before_four_weeks_of_history_exist() -> None:
    assert not kinds(alerts(weekly([2, 2, 5]), as_of=AS_OF), "surge")


def test_protests_do_not_count_as_violent_but_excessive_force_does() -> None:
    calm = weekly([1, 1, 1, 1, 0]) + [ev(WEEK, event_type="Protests", sub_event_type="Peaceful protest")] * 3
    assert not kinds(alerts(calm, as_of=AS_OF), "surge")
    force = [ev(WEEK + timedelta(days=i), event_type="Protests", sub_event_type="Excessive force against protesters")
             for i in range(2)]
    assert kinds(alerts(weekly([1, 1, 1, 1, 0]) + force, as_of=AS_OF), "surge")


def test_threat_fires_when_four_weeks_double_the_year_before() -> None:
    events = weekly([1, 0] * 10 + [1, 1, 1, 1])
    (threat,) = kinds(alerts(events, as_of=AS_OF), "threat")
    assert (threat.current_mean, threat.baseline_mean, threat.baseline_weeks) == (1.0, 0.5, 20)
    assert len(threat.event_ids) == 4


def test_threat_needs_a_four_week_mean_of_at_least_one() -> None:
    assert not kinds(alerts(weekly([1] + [0] * 19 + [1, 0, 1, 0]), as_of=AS_OF), "threat")


@pytest.mark.parametrize(
    ("count", "mean", "band"),
    [(13, 10.0, "large increase"), (12, 10.0, "moderate increase"), (11, 10.0, "limited"),
     (8, 10.0, "limited"), (7, 10.0, "large decrease"), (5, 2.0, "limited"), (6, 2.0, "large increase"),
     (5, 0.0, "limited"), (6, 0.0, "large increase")],
)
def test_country_change_bands_follow_acled(count: int, mean: float, band: str) -> None:
    assert change_band(count, mean)[0] == band


def test_country_change_is_reported_for_the_country_every_week() -> None:
    events = weekly([4, 4, 4, 4, 6], admin1="Mopti")
    (change,) = kinds(alerts(events, as_of=AS_OF), "country_change")
    assert (change.country, change.admin1, change.count, change.baseline_mean, change.band) == (
        "Mali", "", 6, 4.0, "large increase")
    assert change.change_pct == pytest.approx(50.0)


def test_unusual_count_uses_the_areas_own_history() -> None:
    events = weekly(([1, 0, 0, 0] * 13) + [4])
    (unusual,) = kinds(alerts(events, as_of=AS_OF), "unusual_count")
    assert unusual.count == 4 and unusual.baseline_weeks == 52
    assert unusual.baseline_mean == pytest.approx(0.25)
    assert unusual.p_value is not None and unusual.p_value < 0.01
    assert unusual.model in ("Poisson", "negative binomial")
    assert f"P(X >= 4) = {unusual.p_value:.2g}" in unusual.reason


def test_busy_area_at_its_usual_level_is_not_unusual() -> None:
    assert not kinds(alerts(weekly([3, 5, 4, 6, 2, 5, 4, 3, 5, 4, 6, 4, 5]), as_of=AS_OF), "unusual_count")


def test_low_baseline_guard_ignores_two_events_in_a_quiet_area() -> None:
    found = alerts(weekly([0] * 51 + [1] + [2]), as_of=AS_OF)
    assert not kinds(found, "unusual_count")


def test_new_actor_in_area_fires_for_an_actor_unseen_there() -> None:
    history = weekly([1] * 13 + [0])
    newcomer = ev(WEEK, actor1="Islamic State (Sahel)", inter1=2, actor2="Civilians (Mali)", inter2=7,
                  event_type="Violence against civilians", sub_event_type="Attack")
    (new,) = kinds(alerts(history + [newcomer], as_of=AS_OF), "new_actor")
    assert (new.actor, new.admin1, new.count, new.event_ids) == ("Islamic State (Sahel)", "Mopti", 1, (newcomer.event_id,))


def test_state_forces_are_not_new_after_a_change_of_regime() -> None:
    history = weekly([1] * 13 + [0], actor2="Military Forces of Mali (2013-2020)")
    now = ev(WEEK, actor2="Military Forces of Mali (2021-)")
    assert not kinds(alerts(history + [now], as_of=AS_OF), "new_actor")


def test_new_actor_needs_the_lookback_to_be_covered() -> None:
    assert not kinds(alerts(weekly([1, 1, 1]), as_of=AS_OF), "new_actor")


def test_offensive_recorded_on_events_becomes_an_alert_with_its_sites() -> None:
    towns = [("Niono", "Segou"), ("Kayes", "Kayes"), ("Diboli", "Kayes")]
    sites = [ev("2025-07-01", admin1=a, location=t, offensive_id="off-1") for t, a in towns]
    (off,) = kinds(alerts(sites, as_of=AS_OF), "offensive")
    assert (off.offensive_id, off.count, off.admin1) == ("off-1", 3, "Kayes, Segou")
    assert "3 attacks on 2025-07-01 at Diboli, Kayes, Niono" in off.reason
    assert set(off.event_ids) == {e.event_id for e in sites}


def test_known_offensives_are_used_as_given() -> None:
    sites = [ev("2025-07-01", location="Niono"), ev("2025-07-01", location="Molodo")]
    known = Offensive(offensive_id="off-x", event_date=date(2025, 7, 1), actor="JNIM",
                      event_ids=tuple(e.event_id for e in sites), admin1s=("Segou",), span_km=4.2)
    (off,) = kinds(alerts(sites, as_of=AS_OF, offensives=[known]), "offensive")
    assert off.reason == "JNIM: 2 attacks on 2025-07-01 at Niono, Molodo (Segou); sites up to 4 km apart"
    assert not kinds(alerts(sites, as_of=AS_OF, offensives=[]), "offensive")


def test_offensive_found_by_the_merge_rules_when_none_is_recorded() -> None:
    towns = [("Niono", 14.25, -5.99), ("Nioro du Sahel", 15.23, -9.59), ("Kayes", 14.45, -11.44)]
    sites = [ev("2025-07-01", location=t, latitude=lat, longitude=lon) for t, lat, lon in towns]
    (off,) = kinds(alerts(sites, as_of=AS_OF), "offensive")
    assert set(off.event_ids) == {e.event_id for e in sites}
    assert off.offensive_id.startswith("off-") and off.count == 3


def test_events_after_as_of_and_other_countries_are_ignored() -> None:
    events = weekly([1, 1, 1, 1, 1]) + [ev(AS_OF + timedelta(days=1))] * 5 + [ev(WEEK, country="Niger")] * 5
    found = alerts(events, as_of=AS_OF, country="ML")
    assert {a.country for a in found} == {"Mali"}
    assert not kinds(found, "surge")


def test_alerts_come_sorted_by_severity_and_serialise_to_json() -> None:
    events = weekly([1, 1, 1, 1, 3]) + [ev("2025-07-01", location=t, offensive_id="off-2") for t in ("A", "B")]
    found = alerts(events, as_of=AS_OF)
    order = ["high", "medium", "low"]
    assert [order.index(a.severity) for a in found] == sorted(order.index(a.severity) for a in found)
    assert found[0].kind == "offensive"
    decoded = json.loads(json.dumps([a.to_dict() for a in found]))
    assert decoded[0]["week_start"] == "2025-06-28"


def test_no_events_means_no_alerts() -> None:
    assert alerts([], as_of=AS_OF) == []
