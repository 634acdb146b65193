"""Coordinated offensives: same-day attacks by one actor (or one campaign) at three or more places."""

from __future__ import annotations

from datetime import date

from conflictwatch.merge import find_offensives, merge_events
from tests.merge.builders import (
    BONI,
    CIV,
    DIBOLI,
    FAMA,
    GAO,
    ISS,
    JNIM,
    KAYES,
    MOLODO,
    MOPTI,
    NIONO,
    NIORO,
    SANDARE,
    SEGOU,
    UAG,
    ev,
)

SEED_TOWNS = [("Niono", NIONO), ("Molodo", MOLODO), ("Sandare", SANDARE), ("Nioro du Sahel", NIORO),
              ("Diboli", DIBOLI), ("Kayes", KAYES)]


def test_a_seed_like_day_of_attacks_reported_together_is_one_offensive() -> None:
    attacks = [ev(f"s{k}", doc="seed", place=place, location=name, actor1=UAG, actor2=FAMA)
               for k, (name, place) in enumerate(SEED_TOWNS)]
    (off,) = find_offensives(attacks)
    assert set(off.event_ids) == {e.event_id for e in attacks}
    assert off.admin1s == ("Kayes", "Segou") and off.admin2s == ("Kayes", "Niono", "Nioro")
    assert 600 < off.span_km < 700
    assert off.offensive_id.startswith("off-") and "reported together" in off.reason


def test_attacks_by_one_named_actor_from_separate_reports_are_an_offensive() -> None:
    (off,) = find_offensives([ev("a", place=NIONO), ev("b", place=KAYES), ev("c", place=NIORO)])
    assert off.actor == JNIM and off.extra["reported_together"] is False


def test_the_reason_gives_the_count_places_regions_and_farthest_sites() -> None:
    (off,) = find_offensives([ev("a", place=NIONO), ev("b", place=KAYES), ev("c", place=NIORO)])
    assert off.reason == ("JNIM: 3 attacks on 2025-07-01 at 3 places (Kayes, Niono, Nioro); across Kayes, Segou; "
                          "588 km between Niono and Kayes")


def test_a_day_of_scattered_incidents_by_different_actors_is_not_an_offensive() -> None:
    day = [ev("a", actor1=JNIM, place=NIONO), ev("b", actor1=ISS, place=GAO),
           ev("c", actor1="Dan Na Ambassagou", actor2=CIV, place=MOPTI, event_type="Violence against civilians",
              sub_event_type="Attack"),
           ev("d", actor1=UAG, place=KAYES), ev("e", actor1=UAG, place=BONI)]
    assert find_offensives(day) == []


def test_two_places_are_not_enough() -> None:
    assert find_offensives([ev("a", place=NIONO), ev("b", place=KAYES)]) == []


def test_two_attacks_on_one_town_count_as_one_place() -> None:
    assert find_offensives([ev("a", place=NIONO), ev("b", place=NIONO, location="Niono"),
                            ev("c", place=KAYES)]) == []


def test_an_unattributed_attack_reported_with_the_actors_attacks_joins_them() -> None:
    (off,) = find_offensives([ev("a", doc="d1", place=NIONO), ev("b", doc="d1", place=KAYES, actor1=UAG),
                              ev("c", doc="d2", place=NIORO)])
    assert set(off.event_ids) == {"a", "b", "c"} and off.extra["unattributed"] == 1


def test_an_unattributed_attack_among_one_actors_attacks_joins_them() -> None:
    near_niono = (NIONO[0] + 0.3, NIONO[1], "Segou", "Niono")  # about 33 km away
    (off,) = find_offensives([ev("a", place=NIONO), ev("b", place=KAYES),
                              ev("c", place=near_niono, location="Somewhere", actor1=UAG)])
    assert set(off.event_ids) == {"a", "b", "c"} and "within 100 km" in off.reason


def test_unattributed_attacks_from_different_reports_are_not_an_offensive() -> None:
    assert find_offensives([ev("a", place=NIONO, actor1=UAG), ev("b", place=KAYES, actor1=UAG),
                            ev("c", place=NIORO, actor1=UAG)]) == []


def test_protests_and_coarse_dates_are_not_attacks_of_an_offensive() -> None:
    protest = ev("b", place=KAYES, event_type="Protests", sub_event_type="Peaceful protest",
                 actor1="Protesters (Mali)", actor2="")
    in_july = ev("c", place=NIORO, day=date(2025, 7, 15), time_precision=3)
    assert find_offensives([ev("a", place=NIONO), protest, in_july, ev("d", place=SEGOU)]) == []


def test_the_id_stays_when_a_later_report_adds_an_attack() -> None:
    three = [ev("a", place=NIONO), ev("b", place=KAYES), ev("c", place=NIORO)]
    (before,) = find_offensives(three)
    (after,) = find_offensives([*three, ev("d", place=DIBOLI)])
    assert before.offensive_id == after.offensive_id and len(after.event_ids) == 4


def test_merged_reports_count_once() -> None:
    events = [ev("a", place=NIONO), ev("a2", place=NIONO), ev("b", place=KAYES), ev("c", place=NIORO)]
    result = merge_events(events)
    members = [e.replace(cluster_id=link.cluster_id) for _, links in result.clusters for link in links
               for e in events if e.event_id == link.event_id]
    (off,) = find_offensives([*members, *result.merged_view(events)])
    assert len(off.event_ids) == 3
