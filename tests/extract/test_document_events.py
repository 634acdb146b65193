"""One report, several sentences: how its sentences decide one event's place, toll and cluster.

Sentences written for these tests (other villages and days than any gold text).
"""

from __future__ import annotations

from datetime import date

from conflictwatch.extract.places import find_place_mentions, regions_named_alike


def test_a_name_the_report_calls_a_region_stays_that_region_later(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = ("Soldiers were ambushed near a market in the Tillabéri region on Tuesday. "
            "A group later claimed the attack on Tillabéri.")
    mentions = regions_named_alike(find_place_mentions(text, 0, len(text), lang="en"), gazetteer)
    later = [m for m in mentions if m.start > text.index("claimed")]
    assert [(m.name, m.role, m.area_level) for m in later] == [("Tillabéri", "area", 1)]


def test_a_name_the_report_calls_a_town_is_not_made_a_region(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = ("Gunmen raided the town of Tillabéri on Tuesday. Fighting went on in the Tillabéri region. "
            "Troops returned to the town of Tillabéri.")
    mentions = regions_named_alike(find_place_mentions(text, 0, len(text), lang="en"), gazetteer)
    assert next(m.role for m in mentions if m.name == "Tillabéri") != "area"
    assert [m.role for m in mentions if m.name == "Tillabéri"][-1] != "area"


def test_a_commune_named_alike_is_not_spread_as_an_area(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen attacked the rural commune of Bankass on Monday. Two guards were killed in Bankass."
    # Bankass names a cercle too, but "the commune of Bankass" is the town
    mentions = regions_named_alike(find_place_mentions(text, 0, len(text), lang="en"), gazetteer)
    assert mentions[-1].name == "Bankass" and mentions[-1].role != "area"


def test_a_placeless_event_takes_the_place_its_next_sentence_names(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Soldiers shot dead four herders on Sunday morning, witnesses said. "
                     "It happened in the village of Sofara, south of Mopti.", lang="en",
                     published=date(2024, 6, 4))
    assert [(e.location, e.fatalities) for e in events] == [("Sofara", 4)]


def test_a_count_beats_a_vague_figure_for_the_same_deaths(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Une frappe de drone a tué une dizaine de civils à Kona dans la nuit de samedi à dimanche. "
                     "Treize morts, selon des élus locaux joints au téléphone : cette frappe a eu lieu vers minuit.",
                     lang="fr", published=date(2024, 6, 10))
    assert [(e.location, e.fatalities) for e in events] == [("Kona", 13)]


def test_deaths_without_a_number_do_not_replace_a_count(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("A drone strike killed at least nine civilians near Léré on Monday, local officials said. "
                     "The army said in a statement that the strike had neutralised several terrorists in Léré.",
                     lang="en", published=date(2024, 6, 11))
    assert [e.fatalities for e in events] == [9]


def test_concurrent_tolls_told_in_different_sentences_take_the_lowest(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Gunmen attacked an army post near Boni on Wednesday. "
                     "One source put the toll at 15 soldiers. Another said that at least 9 soldiers had died.",
                     lang="en", published=date(2024, 7, 4))
    assert [e.fatalities for e in events] == [9]


def test_a_summary_of_attacks_on_a_list_of_places_tells_each_its_share(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Les jihadistes du JNIM ont revendiqué des attaques simultanées qui ont fait au moins "
                     "15 morts parmi les soldats maliens lundi dernier. L'armée a confirmé que ses camps à Kona "
                     "et à Sobadougou-Were avaient été attaqués lundi.", lang="fr", published=date(2024, 6, 12))
    assert sorted((e.location, e.fatalities) for e in events) == [("Kona", 8), ("Sobadougou-Were", 7)]
    assert {e.actor1 for e in events} == {"JNIM: Group for Support of Islam and Muslims"}
