"""One demonstration, told in its phases, is one event coded at its most severe form.

Sentences written for these tests (other places and days than any gold text).
"""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2024, 3, 6)


def _coded(extract, text: str, lang: str) -> list[tuple[str, str, str, int | None]]:  # type: ignore[no-untyped-def]
    return [(e.sub_event_type, e.actor1, e.actor2, e.fatalities)
            for e in extract(text, lang=lang, published=PUBLISHED)]


@pytest.mark.parametrize(("text", "lang"), [
    (("Hundreds of students marched through Ségou on Tuesday to demand the reopening of their university. "
     "Police fired tear gas to disperse the crowd. Later in the afternoon, the students burned tyres and "
     "threw stones at the governor's office."), "en"),
    (("Des centaines de lycéens ont défilé mardi à Ségou pour réclamer la réouverture de leur école. "
     "La police a dispersé le cortège au gaz lacrymogène. Les manifestants ont ensuite "
     "incendié un commissariat et pillé des boutiques."), "fr"),
])
def test_a_march_that_turns_to_rioting_is_one_violent_demonstration(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    (coded,) = _coded(extract, text, lang)
    assert coded[:3] == ("Violent demonstration", "Rioters (Mali)", "Police Forces of Mali (2021-)")


def test_a_protester_killed_by_the_police_a_sentence_later_is_excessive_force(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("Plusieurs centaines de vendeurs ont manifesté mardi à Kayes contre une nouvelle taxe sur les étals. "
            "La police a tiré à balles réelles, et un manifestant a été tué.")
    assert _coded(extract, text, "fr") == [
        ("Excessive force against protesters", "Protesters (Mali)", "Police Forces of Mali (2021-)", 1)]


def test_dispersal_told_a_sentence_later_is_an_intervention_with_its_force(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("Plusieurs centaines de vendeurs ont manifesté mardi à Kayes contre une nouvelle taxe sur les étals. "
            "Les gendarmes ont dispersé la foule.")
    (coded,) = _coded(extract, text, "fr")
    assert coded[:3] == ("Protest with intervention", "Protesters (Mali)",
                         "Police Forces of Mali (2021-) Gendarmerie")


@pytest.mark.parametrize(("text", "lang"), [
    ("Hundreds of traders marched in Gao on Monday against a new tax. The marchers burned portraits of the governor.",
     "en"),
    ("Des jeunes en colère ont brûlé des drapeaux lundi devant le gouvernorat de Gao.", "fr"),
    ("Angry youths burned the flags of the mining company in front of the town hall of Gao on Monday.", "en"),
])
def test_burning_portraits_or_flags_is_a_gesture_of_protest(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    assert [c[:2] for c in _coded(extract, text, lang)] == [("Peaceful protest", "Protesters (Mali)")]


def test_burning_a_building_is_still_a_riot(extract) -> None:  # type: ignore[no-untyped-def]
    assert [c[:2] for c in _coded(extract, "Angry youths burned the town hall in Gao on Monday.", "en")] == [
        ("Violent demonstration", "Rioters (Mali)")]


def test_protests_in_two_towns_stay_two_events(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("Hundreds of teachers marched in Kayes on Monday over unpaid wages. "
            "In Mopti, striking nurses staged a sit-in the same day; police dispersed them with tear gas.")
    assert sorted(c[0] for c in _coded(extract, text, "en")) == ["Peaceful protest", "Protest with intervention"]
