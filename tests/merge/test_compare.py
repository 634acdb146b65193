"""When two event records can be one event: date, place, type, actors, documents (one rule each)."""

from __future__ import annotations

from datetime import date

from conflictwatch.merge import compare
from tests.merge.builders import (
    BONI,
    CIV,
    FAMA,
    ISS,
    JNIM,
    KAYES,
    MOLODO,
    MOPTI,
    NIONO,
    SEGOU,
    SEVARE,
    UAG,
    ev,
)


def test_same_day_same_place_same_actors_are_one_event() -> None:
    c = compare(ev("a"), ev("b"))
    assert c.compatible and c.score == 1.0


def test_reason_names_day_distance_places_type_and_actors() -> None:
    c = compare(ev("a", actor1=UAG), ev("b", location="Niono"))
    assert c.reason == ("same day 2025-07-01; 0.0 km apart (Niono/Niono); Battles/Armed clash both; "
                        "actors Unidentified Armed Group (Mali) vs JNIM compatible; Military Forces of Mali (2021-) same")


def test_exact_dates_one_day_apart_are_two_events() -> None:
    assert not compare(ev("a"), ev("b", day=date(2025, 7, 2))).compatible


def test_week_precision_date_matches_a_day_inside_its_week() -> None:
    assert compare(ev("a"), ev("b", day=date(2025, 7, 3), time_precision=2)).compatible


def test_week_precision_date_does_not_reach_beyond_three_days() -> None:
    assert not compare(ev("a"), ev("b", day=date(2025, 7, 5), time_precision=2)).compatible


def test_month_precision_date_matches_any_day_of_its_month() -> None:
    assert compare(ev("a", day=date(2025, 6, 2)), ev("b", day=date(2025, 6, 15), time_precision=3)).compatible


def test_month_precision_date_does_not_match_the_next_month() -> None:
    assert not compare(ev("a"), ev("b", day=date(2025, 6, 15), time_precision=3)).compatible


def test_two_towns_four_km_apart_are_two_places() -> None:
    assert not compare(ev("a", place=NIONO), ev("b", place=MOLODO)).compatible


def test_spelling_does_not_matter_when_coordinates_agree() -> None:
    assert compare(ev("a", place=MOLODO, location="Modolo"), ev("b", place=MOLODO, location="Molodo")).compatible


def test_similar_names_a_few_km_apart_are_two_gazetteer_entries_of_one_town() -> None:
    shifted = (NIONO[0] + 0.03, NIONO[1], "Segou", "Niono")  # about 3 km north
    assert compare(ev("a", place=NIONO, location="Niono"), ev("b", place=shifted, location="Niono Ville")).compatible


def test_different_names_a_few_km_apart_are_two_places() -> None:
    shifted = (NIONO[0] + 0.03, NIONO[1], "Segou", "Niono")
    assert not compare(ev("a", place=NIONO, location="Niono"), ev("b", place=shifted, location="Kolodougou")).compatible


def test_a_place_coded_near_a_town_matches_within_ten_km() -> None:
    village = (MOPTI[0] + 0.05, MOPTI[1], "Mopti", "Mopti")  # 5.6 km north of Mopti
    assert compare(ev("a", place=village, location="Village"), ev("b", place=MOPTI, geo_precision=2)).compatible


def test_a_place_coded_near_a_town_does_not_reach_eleven_km() -> None:
    assert not compare(ev("a", place=SEVARE), ev("b", place=MOPTI, geo_precision=2)).compatible  # 10.8 km


def test_a_region_level_place_matches_any_place_in_its_admin1() -> None:
    assert compare(ev("a", place=NIONO), ev("b", place=SEGOU, geo_precision=3)).compatible


def test_a_region_level_place_does_not_match_another_admin1() -> None:
    assert not compare(ev("a", place=KAYES), ev("b", place=SEGOU, geo_precision=3)).compatible


def test_places_without_coordinates_match_on_admin1_and_admin2() -> None:
    vague = ev("b", latitude=None, longitude=None, location="")
    assert compare(ev("a"), vague).compatible
    assert not compare(ev("a", place=MOPTI), vague).compatible


def test_different_countries_are_two_events() -> None:
    assert not compare(ev("a"), ev("b", country="Burkina Faso")).compatible


def test_a_protest_and_an_attack_in_one_place_on_one_day_are_two_events() -> None:
    protest = ev("b", event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Mali)", actor2="")
    assert not compare(ev("a"), protest).compatible


def test_sub_types_of_one_group_are_compatible() -> None:
    taken = ev("b", sub_event_type="Non-state actor overtakes territory")
    assert compare(ev("a"), taken).compatible


def test_sub_types_of_different_groups_are_two_events() -> None:
    ied = ev("a", event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED")
    drone = ev("b", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")
    assert not compare(ied, drone).compatible


def test_an_unidentified_armed_group_stands_for_a_named_one() -> None:
    assert compare(ev("a", actor1=UAG), ev("b", actor1=JNIM)).compatible


def test_an_unidentified_armed_group_never_stands_for_the_army() -> None:
    a = ev("a", actor1=UAG, actor2=CIV, event_type="Violence against civilians", sub_event_type="Attack")
    b = ev("b", actor1=FAMA, actor2=CIV, event_type="Violence against civilians", sub_event_type="Attack")
    assert not compare(a, b).compatible


def test_two_named_armed_groups_are_two_events() -> None:
    assert not compare(ev("a", actor1=JNIM), ev("b", actor1=ISS)).compatible


def test_the_regime_period_suffix_of_state_forces_is_ignored() -> None:
    assert compare(ev("a"), ev("b", actor2="Military Forces of Mali (2020-2021)")).compatible


def test_the_order_of_the_actor_pair_does_not_matter() -> None:
    claim = ev("a", actor1=JNIM, actor2=FAMA)
    communique = ev("b", actor1=FAMA, actor2=UAG)
    assert compare(claim, communique).compatible


def test_protests_by_different_groups_in_one_city_are_two_events() -> None:
    def protest(eid: str, who: str) -> object:
        return ev(eid, event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Mali)",
                  actor2="", assoc_actor_1=who, place=SEGOU)
    assert not compare(protest("a", "Students (Mali)"), protest("b", "Teachers (Mali)")).compatible  # type: ignore[arg-type]


def test_two_events_of_one_document_are_never_one_event() -> None:
    assert not compare(ev("a", doc="doc-1"), ev("b", doc="doc-1", actor1=UAG)).compatible


def test_identical_events_of_one_document_are_one_event() -> None:
    assert compare(ev("a", doc="doc-1"), ev("b", doc="doc-1")).compatible


def test_a_village_attack_matches_a_report_of_it_near_the_village() -> None:
    a = ev("a", place=BONI, actor1=UAG, actor2=CIV, event_type="Violence against civilians", sub_event_type="Attack")
    b = ev("b", place=BONI, actor1=JNIM, actor2=CIV, event_type="Violence against civilians", sub_event_type="Attack",
           geo_precision=2)
    assert compare(a, b).compatible
