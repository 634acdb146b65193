"""Specification of the extractor on sentences written for these tests (English and French)."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwatch.extract import detect_language


def test_seven_places_in_one_sentence_make_seven_events(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("On 3 March 2024, jihadists launched simultaneous attacks on army posts in the towns of "
                     "Niono, Diabaly, Nampala, Sokolo, Macina, Markala and Dioura.")
    assert len(events) == 7
    assert {"Niono", "Sokolo", "Macina", "Markala", "Dioura"} <= {e.location for e in events}
    assert {e.event_type for e in events} == {"Battles"}
    assert {e.event_date for e in events} == {date(2024, 3, 3)}


def test_recalled_events_keep_their_own_month_date(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Soldiers repelled an assault on the camp in Boni on Friday.\n"
                     "In January 2024, militants had attacked army positions in Hombori and Gossi.",
                     published=date(2024, 3, 10))
    by_place = {e.location: e for e in events}
    assert by_place["Boni"].event_date == date(2024, 3, 8) and by_place["Boni"].time_precision == 1
    assert by_place["Hombori"].event_date == date(2024, 1, 15) and by_place["Hombori"].time_precision == 3
    assert "Gossi" in by_place


def test_background_sentences_are_not_events(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("Since 2019, hundreds of soldiers have been killed in attacks in Mopti.\n"
            "Attacks against the army in Douentza have intensified.\n"
            "Militants often strike villages near Bankass and withdraw.\n"
            "The junta pledged to retake Kidal.\n"
            "The army said it could launch an offensive on Tessit.\n"
            "Officials denied that soldiers attacked Nando.")
    assert extract(text) == []


def test_a_claim_attributes_the_attack_to_the_claimant(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 4 March 2024, gunmen attacked a military post in Boni. "
                      "JNIM claimed responsibility for the attack.")
    assert event.actor1 == "JNIM: Group for Support of Islam and Muslims"
    assert event.claimed_by == event.actor1
    assert event.actor2.startswith("Military Forces of Mali")
    assert any(ev.field == "claimed_by" for ev in event.evidence)


def test_unnamed_attackers_of_villagers_are_coded_against_civilians(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 6 March 2024, gunmen shot dead four Fulani civilians in the village of Gasoungou.")
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    assert event.actor1 == "Unidentified Armed Group (Mali)"
    assert event.actor2 == "Civilians (Mali)"
    assert event.assoc_actor_2 == "Fulani Ethnic Group (Mali)"
    assert event.interaction == 37


def test_state_forces_carry_the_regime_period_of_the_event_date(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 12 May 2019, militants attacked an army camp in Boni.", published=date(2019, 5, 13))
    assert event.actor2 == "Military Forces of Mali (2013-2020)"


def test_a_toll_over_several_places_is_split_across_them(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("On 2 March 2024, militants attacked army posts in Boni and Hombori, killing seven soldiers.")
    assert sorted(e.fatalities for e in events) == [3, 4]


def test_deaths_without_a_number_are_flagged_unknown(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 March 2024, gunmen attacked a bus near Bandiagara, killing several passengers.")
    assert event.fatalities == 0 and event.fatalities_unknown


def test_near_a_place_is_precision_two(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 6 March 2024, an army vehicle struck an IED near Boni.")
    assert event.location == "Boni" and event.geo_precision == 2
    assert event.sub_event_type == "Remote explosive/landmine/IED"


def test_a_village_missing_from_the_gazetteer_falls_back_on_its_cercle(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 7 March 2024, militants attacked the army camp of Zanguezouba in the Douentza cercle.")
    assert event.admin2 == "Douentza" and event.admin1 == "Mopti"
    assert event.geo_precision == 2


def test_only_a_region_gives_precision_three_at_its_capital(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 7 March 2024, soldiers clashed with militants in the Mopti region.")
    assert (event.location, event.admin1, event.geo_precision) == ("Mopti", "Mopti", 3)


def test_the_right_niono_is_chosen_from_the_region_named(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 8 March 2024, jihadists attacked the army camp in Niono, in the Segou region.")
    assert (event.location, event.admin1) == ("Niono", "Segou")


def test_a_misspelt_town_beside_known_ones_is_recognised(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("On 8 March 2024, militants attacked army posts in Niono and Sérilawa.")
    assert sorted(e.location for e in events) == ["Niono", "Sériwala"]


def test_the_place_news_came_from_is_not_the_event_place(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("The General Staff in Bamako said on 9 March 2024 that militants attacked "
                      "an army post in Nampala.")
    assert event.location == "Nampala"


def test_a_protest_is_coded_with_protesters_and_their_group(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 4 March 2024, students staged a demonstration in Segou against power cuts. "
                      "Police dispersed them with tear gas.")
    assert event.event_type == "Protests"
    assert event.actor1 == "Protesters (Mali)"


def test_french_casualty_line_gives_the_toll(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Attaque contre le poste de la gendarmerie de Diafarabé. Bilan : 3 morts (2 gendarmes et "
                      "1 assaillant) et 4 blessés.", published=date(2016, 2, 4))
    assert event.location.startswith("Diafarab")
    assert event.fatalities == 3
    assert event.event_date == date(2016, 2, 4)
    assert any(ev.field == "fatalities" and ev.text.startswith("Bilan") for ev in event.evidence)


def test_french_near_and_distance_are_precision_two(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Un camion militaire saute sur une mine à 15 km de Ténenkou. Bilan : 2 morts.",
                      published=date(2016, 5, 1))
    assert event.location == "Ténenkou" and event.geo_precision == 2
    assert event.sub_event_type == "Remote explosive/landmine/IED"


def test_language_is_detected_when_not_given() -> None:
    assert detect_language("Des hommes armés ont attaqué le village hier soir.") == "fr"
    assert detect_language("Gunmen attacked the village last night.") == "en"


def test_a_declared_language_wins_over_detection(extractor) -> None:  # type: ignore[no-untyped-def]
    from conflictwatch.records import Document

    doc = Document.from_text("Attaque à Boni. Bilan : 2 morts.", language="fr", published=date(2016, 1, 1))
    assert extractor.annotate(doc)._.cw_lang == "fr"


def test_evidence_spans_point_into_the_text(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Heavy rain fell.\nOn 4 March 2024, militants ambushed a patrol near Tenenkou, killing two soldiers."
    [event] = extract(text)
    assert {ev.field for ev in event.evidence} >= {"event_type", "event_date", "location", "fatalities"}
    for ev in event.evidence:
        assert text[ev.start:ev.end] == ev.text
    assert 0.0 < event.confidence <= 1.0


def test_event_ids_are_stable(extract) -> None:  # type: ignore[no-untyped-def]
    text = "On 4 March 2024, militants ambushed a patrol near Tenenkou."
    assert [e.event_id for e in extract(text)] == [e.event_id for e in extract(text)]


def test_a_document_without_events_gives_nothing(extract) -> None:  # type: ignore[no-untyped-def]
    assert extract("The ministry published the school calendar for next year.") == []


def test_a_village_missing_from_the_gazetteer_keeps_its_event_without_coordinates(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 5 March 2024, gunmen killed two Malian herders in the village of Zerkatafa.")
    assert event.location == "Zerkatafa"
    assert (event.latitude, event.longitude, event.geo_precision) == (None, None, 3)
    assert event.country == "Mali"
    assert event.confidence < 0.8


def test_an_unknown_village_is_coded_to_the_capital_of_the_region_the_report_names(extract) -> None:  # type: ignore[no-untyped-def]
    # CODING_RULES: only the region is known, so its capital at precision 3; the name stays as written
    events = extract("Violence flared again in the Mopti region this week.\n\n"
                     "On 5 March 2024, gunmen killed two herders in the village of Zerkatafa.")
    [event] = [e for e in events if e.location == "Zerkatafa"]
    assert event.admin1 == "Mopti" and event.latitude is not None and event.geo_precision == 3


def test_a_verb_before_an_unknown_name_does_not_make_it_a_place(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("On 5 March 2024, jihadists attacked Zerkatafa fighters near Douentza.")
    assert [e.location for e in events] == ["Douentza"]


def test_an_event_with_no_place_is_coded_to_the_one_country_the_report_is_about(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 5 March 2024, Malian soldiers clashed with jihadists, killing four of them.")
    assert (event.country, event.location, event.latitude) == ("Mali", "", None)
    assert event.event_type == "Battles"


def test_an_event_with_no_place_and_no_country_is_dropped(extract) -> None:  # type: ignore[no-untyped-def]
    assert extract("On 5 March 2024, gunmen clashed with hunters, killing four of them.") == []


def test_a_placeless_summary_beside_located_events_is_no_event(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("A wave of attacks swept through Mali on 4 March 2024.\n\n"
                     "On 4 March 2024, jihadists attacked the army camp in Boni.")
    assert [e.location for e in events] == ["Boni"]


def test_an_area_named_after_a_place_chooses_the_place_inside_it(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Jihadists stormed the gendarmerie of Diora, in the Tenenkou area, on 3 April 2024.")
    assert (event.admin1, event.admin2) == ("Mopti", "Tenenkou")


def test_a_passive_claim_in_the_event_sentence_names_the_claimant(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 3 April 2024, the raid on the army post in Boni, which was claimed by JNIM, left two soldiers dead.")
    assert event.claimed_by == "JNIM: Group for Support of Islam and Muslims" == event.actor1


def test_a_list_of_places_goes_on_after_as_well_as(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("On 2 April 2024, militants struck army posts in Nara and Kolokani, in the Koulikoro region, "
                     "as well as in Niono.")
    assert {"Nara", "Kolokani", "Niono"} <= {e.location for e in events}


def test_a_misspelt_village_far_from_its_near_anchor_is_coded_to_the_anchor(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, gunmen raided the hamlet of Tinhama, near Ansongo, and killed three herders.")
    assert (event.location, event.geo_precision, event.admin1) == ("Ansongo", 2, "Gao")


def test_a_claim_about_one_event_does_not_leak_into_the_next(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Lundi, des jihadistes ont attaqué le poste militaire de Boni. L'attaque a été revendiquée par le GSIM.\n"
                     "Par ailleurs, des individus armés non identifiés ont enlevé un commerçant mardi près de Gao.",
                     lang="fr")
    by_place = {e.location: e for e in events}
    assert by_place["Boni"].actor1.startswith("JNIM")
    assert by_place["Gao"].actor1 == "Unidentified Armed Group (Mali)" and not by_place["Gao"].claimed_by


def test_a_peaceful_march_is_a_protest_with_protesters_alone(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("In Kayes, about fifty traders marched peacefully on Tuesday against new taxes.")
    assert (event.event_type, event.sub_event_type) == ("Protests", "Peaceful protest")
    assert (event.actor1, event.actor2, event.location) == ("Protesters (Mali)", "", "Kayes")


def test_a_french_sit_in_is_a_protest_at_the_town_that_opens_the_sentence(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("À Sikasso, des enseignants ont organisé un sit-in devant la mairie jeudi.", lang="fr")
    assert (event.event_type, event.location) == ("Protests", "Sikasso")


def test_the_next_day_dates_an_event_after_the_one_before(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("On 4 April 2024, gunmen attacked a checkpoint in Boni. "
                     "The next day, an IED hit an army truck near Hombori.", published=date(2024, 4, 6))
    by_place = {e.location: e.event_date for e in events}
    assert by_place == {"Boni": date(2024, 4, 4), "Hombori": date(2024, 4, 5)}


def test_deux_jours_plus_tard_counts_from_the_event_before(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Le 4 avril 2024, des hommes armés ont attaqué un poste à Boni. "
                     "Deux jours plus tard, une mine a tué deux soldats près de Hombori.", lang="fr",
                     published=date(2024, 4, 8))
    assert {e.location: e.event_date for e in events}["Hombori"] == date(2024, 4, 6)


def test_the_group_the_army_killed_is_the_other_side_of_the_clash(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, the Malian army killed four JNIM militants near Boni.")
    assert event.actor1.startswith("Military Forces of Mali")
    assert event.actor2 == "JNIM: Group for Support of Islam and Muslims"


def test_an_explosive_planted_by_a_group_named_in_the_next_sentence_is_theirs(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 6 March 2024, two traders travelling by cart were killed when a roadside bomb went "
                      "off close to Youwarou. The device had presumably been planted by JNIM fighters.")
    assert event.actor1 == "JNIM: Group for Support of Islam and Muslims"
    assert event.actor2 == "Civilians (Mali)"


def test_a_group_that_claims_to_have_detonated_a_bomb_laid_it(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 6 March 2024, JNIM claimed to have blown up a Malian army truck with a mine outside Gossi.")
    assert event.actor1 == "JNIM: Group for Support of Islam and Muslims"
    assert event.actor2.startswith("Military Forces of Mali")


def test_an_attack_on_a_village_its_self_defence_repels_is_a_clash(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, gunmen attacked the village of Boni, but the village self-defence group repelled them.")
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")


def test_an_attack_on_a_village_that_only_takes_its_cattle_is_looting(extract) -> None:  # type: ignore[no-untyped-def]
    # ACLED: property seized or destroyed with no other physical violence is looting
    [event] = extract("On 2 April 2024, gunmen attacked the village of Boni and stole the cattle.")
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Looting/property destruction")


@pytest.mark.parametrize("harm", ["killing a herder", "wounding two women", "and abducted the chief"])
def test_an_attack_that_takes_cattle_and_hurts_people_stays_an_attack(extract, harm) -> None:  # type: ignore[no-untyped-def]
    [event] = extract(f"On 2 April 2024, gunmen attacked the village of Boni and stole the cattle, {harm}.")
    assert event.event_type == "Violence against civilians"  # an attack, or an abduction


def test_civilians_are_the_other_side_of_an_arrest_of_villagers(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, soldiers arrested five villagers in Boni.")
    assert event.sub_event_type == "Arrests"
    assert event.actor1.startswith("Military Forces of Mali") and event.actor2 == "Civilians (Mali)"


def test_an_institution_of_a_town_is_coded_to_the_town(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, students clashed with police at the University of Bamako.")
    assert event.location == "Bamako" and event.latitude is not None


def test_victims_coming_from_a_town_place_the_event_near_it(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, gunmen fired on Malian traders returning from Boni, wounding two.")
    assert (event.location, event.geo_precision) == ("Boni", 2)


def test_a_village_named_without_of_is_still_a_place(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, gunmen burned the Malian village Zerkatafa.")
    assert event.location == "Zerkatafa" and event.latitude is None


def test_a_commune_the_gazetteer_lacks_keeps_its_name(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, Malian soldiers arrested ten herders in the commune of Zerkatafa.")
    assert event.location == "Zerkatafa" and event.sub_event_type == "Arrests"


def test_a_town_outside_an_area_it_used_to_belong_to_stays_itself(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Lundi, une mine a explosé au passage d'un convoi militaire à Ménaka (région de Gao).", lang="fr")
    assert event.location == "Ménaka"


def test_a_misspelling_read_far_from_the_places_around_it_is_not_taken(extract) -> None:  # type: ignore[no-untyped-def]
    # alone, "Koubeli" reads as Koubel, a village of the Bankass cercle far to the south
    [event] = extract("On 6 March 2024, gunmen ambushed an army patrol near Koubeli, between Timbuktu and Goundam.")
    assert event.admin1 == "Tombouctou"


def test_foreign_forces_do_not_make_their_country_the_place_of_the_event(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, Malian and French forces clashed with jihadists, killing four of them.")
    assert event.country == "Mali"


def test_an_unlocated_village_takes_the_region_its_close_spellings_share(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, gunmen killed three Malian herders in the village of Wandiaga.")
    assert (event.location, event.latitude, event.admin1) == ("Wandiaga", None, "Mopti")


def test_the_home_region_of_the_attackers_chooses_among_namesake_villages(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 6 March 2024, Dozo militiamen shot three herders dead in the village of Samina.")
    assert event.admin1 in ("Mopti", "Segou")


def test_an_unlocated_village_takes_the_main_home_region_of_its_attackers(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, Dan Na Ambassagou militiamen killed three herders in the village of Zerkatafa.")
    assert (event.location, event.latitude, event.admin1) == ("Zerkatafa", None, "Mopti")


def test_a_road_named_by_its_two_towns_is_coded_near_the_first(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, gunmen fired on a Malian army truck along the Gao-Gossi road.")
    assert (event.location, event.geo_precision) == ("Gao", 2)


def test_a_people_written_after_a_village_name_is_not_part_of_it(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 6 March 2024, armed men stormed the village of Toti Dogon and set fire to the granaries, "
                      "killing two.")
    assert event.location == "Toti"


def test_a_two_letter_village_after_village_is_a_place(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 6 March 2024, soldiers fired on herders near the village Fi, killing two.")
    assert event.location == "Fi"


def test_a_foreign_contingent_does_not_move_the_event_to_its_country(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, peacekeepers of the Senegalese contingent were ambushed near Boni.")
    assert (event.location, event.country) == ("Boni", "Mali")


def test_a_border_named_beside_a_town_does_not_move_the_town_abroad(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 6 March 2024, a mine blew up a gendarmerie vehicle near Tongoré, close to the border with "
                      "Burkina Faso.")
    assert event.country == "Mali"


def test_a_crowd_beating_suspects_is_mob_violence(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, residents in Gao beat up two suspected thieves.")
    assert (event.event_type, event.sub_event_type, event.actor1) == ("Riots", "Mob violence", "Rioters (Mali)")


def test_a_crowd_ransacking_an_office_in_protest_is_a_violent_demonstration(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, youths in Kati ransacked the town hall in protest against power cuts.")
    assert (event.event_type, event.sub_event_type) == ("Riots", "Violent demonstration")


def test_a_located_road_beats_an_unknown_wadi_coded_to_its_region(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 6 March 2024, a roadside bomb hit a MINUSMA convoy in Wadi Zerkatafa, on the axis Bourem-Gao, "
                      "Gao region.")
    assert (event.location, event.geo_precision) == ("Bourem", 2)


def test_a_misspelling_keeps_its_first_letter(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, gunmen attacked Malian herders in the village of Ahina.")
    assert not event.location.lower().startswith("m")


def test_a_people_named_in_place_position_is_no_place(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("On 2 April 2024, thousands marched in Bamako to protest against the violence between Fulani and Dogons.")
    assert [e.location for e in events] == ["Bamako"]


def test_between_two_unknown_villages_is_one_event(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, Malian gunmen abducted a trader between Zerkatafa and Wandiaga.")
    assert event.location == "Zerkatafa"


def test_the_name_of_an_operation_is_no_place(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("On 2 April 2024, during operation 'Kidal', airstrikes hit militants near Boni.")
    assert [e.location for e in events] == ["Boni"]


def test_la_veille_dates_an_event_the_day_before_the_one_before(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Le 4 avril 2024, des hommes armés ont attaqué un poste à Boni. "
                     "La veille, une mine avait tué deux soldats près de Hombori.", lang="fr",
                     published=date(2024, 4, 5))
    assert {e.location: e.event_date for e in events}["Hombori"] == date(2024, 4, 3)


def test_looted_livestock_belongs_to_civilians(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, Fulani militiamen seized livestock in Boni.")
    assert (event.sub_event_type, event.actor2) == ("Looting/property destruction", "Civilians (Mali)")


def test_the_agent_after_by_is_the_attacker(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 6 March 2024, three vaccinators were kidnapped by JNIM fighters close to Youwarou.")
    assert event.actor1 == "JNIM: Group for Support of Islam and Muslims"
    assert event.actor2 == "Civilians (Mali)"


def test_militants_who_planted_the_device_in_the_next_sentence_laid_it(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 6 March 2024, a gendarmerie pick-up hit a mine outside Ténenkou. "
                      "It was probably Katiba Macina fighters who had planted the mine.")
    assert event.actor1 == "JNIM: Group for Support of Islam and Muslims"


def test_the_destination_of_a_convoy_is_not_the_place_of_the_blast(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Lundi, un convoi militaire en route vers Gao a heurté une mine près de Doro, à 50 km de Gao.",
                      lang="fr")
    assert (event.location, event.geo_precision) == ("Doro", 2)


def test_an_attack_the_next_day_without_a_place_is_another_event_at_the_same_place(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("On 4 April 2024, gunmen attacked the village of Boni. The next day, gunmen attacked again.",
                     published=date(2024, 4, 6))
    assert sorted((e.location, e.event_date) for e in events) == [("Boni", date(2024, 4, 4)), ("Boni", date(2024, 4, 5))]


def test_region_before_de_names_the_next_area_not_the_town_before_it(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Mardi, un engin a explosé au passage d'une patrouille de la garde nationale à 15 km au nord "
                      "de Bourem, région de Gao.", lang="fr")
    assert (event.location, event.geo_precision) == ("Bourem", 2)


def test_a_namesake_far_from_the_town_the_sentence_puts_it_near_yields_to_that_town(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Mardi, une grenade a explosé à Koubel, en périphérie de Gao, tuant un enfant.", lang="fr")
    assert (event.location, event.geo_precision) == ("Gao", 2)


def test_a_manner_word_after_the_trigger_on_a_dated_day_is_no_habit(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 25 November 2019, unknown men stabbed a trader repeatedly in Gao.")
    assert event.sub_event_type == "Attack"


def test_a_habit_after_the_trigger_without_a_day_stays_background(extract) -> None:  # type: ignore[no-untyped-def]
    assert extract("Militants attack villages near Bankass repeatedly.") == []


def test_a_town_and_its_region_in_brackets_are_one_place(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 6 March 2024, jihadists raided a CMA checkpoint in the area of Zerkatafa (Tessalit, Kidal), "
                      "killing six fighters.")
    assert (event.location, event.fatalities) == ("Tessalit", 6)


def test_a_town_and_its_singular_region_are_not_a_list_of_regions(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 6 March 2024, a mine destroyed a gendarmerie pick-up in the area of Youwarou, Mopti Region.")
    assert (event.location, event.admin1) == ("Youwarou", "Mopti")


def test_a_foreign_country_named_as_a_topic_is_no_unlocated_village(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 6 March 2024, Malians rallied to condemn the mistreatment of migrants in Algeria.")
    assert (event.location, event.country, event.event_type) == ("", "Mali", "Protests")


def test_between_an_unknown_village_and_a_known_town_is_near_the_town(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, Malian gunmen abducted a trader between Zerkatafa and Douentza.")
    assert (event.location, event.geo_precision) == ("Douentza", 2)


def test_a_road_from_an_unknown_village_is_near_the_known_town_at_its_other_end(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, an IED struck a Malian army truck on the Zerkatafa-Douentza road.")
    assert (event.location, event.geo_precision) == ("Douentza", 2)


def test_a_hyphenated_town_at_one_end_of_between_is_kept_whole(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, Malian gunmen shot a fisherman between Toguéré-Koumbé and Zerkatafa.")
    assert (event.location, event.geo_precision) == ("Toguéré-Koumbé", 2)


def test_a_town_named_as_a_cercle_it_is_not_codes_an_unknown_village_near_the_town(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, Malian gunmen attacked the village of Zerkatafa, cercle of Boni, killing two.")
    assert (event.location, event.geo_precision) == ("Boni", 2)


def test_an_area_word_after_a_name_that_is_no_town_makes_no_place(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("On 2 April 2024, gunmen wounded the driver of a vehicle of the Health Department.")
    assert "Health" not in [e.location for e in events]


def test_a_tamasheq_name_written_with_a_bare_n_is_the_gazetteers_i_n_name(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, gunmen ambushed a Malian army patrol near NTillit.")
    assert (event.location, event.geo_precision) == ("I-n-Tillit", 2)


def test_a_capital_in_inside_a_sentence_begins_a_place_name(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, gunmen ambushed a Malian army patrol near In Khalil.")
    assert event.location.replace("-", " ") == "In Khalil" and event.admin1 == "Kidal"


def test_in_at_the_start_of_a_sentence_is_no_part_of_the_place(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("In Gao, on 2 April 2024, gunmen killed two Malian traders.")
    assert event.location == "Gao"


def test_a_town_called_a_region_it_is_not_is_coded_near_the_town(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, gunmen attacked a gendarmerie post in the Boni region, killing two gendarmes.")
    assert (event.location, event.geo_precision) == ("Boni", 2)


def test_a_village_written_with_the_town_beside_it_is_one_place(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("On 6 March 2024, soldiers detained two traders in the village of Soroweli, Niono.")
    assert [e.location for e in events] == ["Soroweli"]


def test_a_village_written_with_its_cercle_is_the_namesake_in_that_cercle(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, gunmen killed two Malian herders in the area of Doma, Koro.")
    assert event.admin1 == "Mopti"


def test_three_neighbouring_villages_in_a_list_are_three_places(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("On 6 March 2024, Malian gunmen threatened traders in Ngoné, Bolimmba, Nando.")
    assert len(events) == 3


def test_a_town_written_after_an_unknown_village_is_coded_near(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, gunmen killed two Malian herders in Zerkatafa, Boni.")
    assert (event.location, event.geo_precision) == ("Boni", 2)


def test_a_town_in_brackets_after_an_unknown_village_is_coded_near(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, gunmen killed two Malian herders in Zerkatafa (Boni).")
    assert (event.location, event.geo_precision) == ("Boni", 2)


def test_the_home_region_of_the_attackers_does_not_move_a_cercle_seat(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, Katiba Macina militants shot a customs officer in Diema.")
    assert (event.location, event.admin1) == ("Diéma", "Kayes")


@pytest.mark.parametrize(("text", "lang"), [
    ("On 2 April 2024, gunmen killed two Malian herders in the area of Boni.", "en"),
    ("Le 2 avril 2024, des hommes armés ont tué deux bergers dans la zone de Boni.", "fr"),
])
def test_the_area_of_a_town_is_coded_near_it(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    [event] = extract(text, lang=lang)
    assert (event.location, event.geo_precision) == ("Boni", 2)


def test_a_semicolon_inside_brackets_ends_no_sentence(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Embuscade à Zerkatafa (12 km de Bourem; région de Gao) contre un camion. Bilan : 2 morts.",
                      lang="fr")
    assert (event.location, event.geo_precision) == ("Bourem", 2)


def test_a_town_as_far_from_its_anchor_as_the_report_says_is_kept(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Le 2 avril 2024, des hommes armés ont tué deux civils à Léré (150 km de Tombouctou).", lang="fr")
    assert event.location == "Léré"


def test_a_short_placeless_sentence_does_not_end_the_scene(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Attaque à Boni; un marché; le poste de police a été pris d'assaut. Bilan : 1 mort.", lang="fr")
    assert event.location == "Boni"


def test_a_capitalised_compass_word_is_no_part_of_a_place(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Le 6 mars 2024, des hommes armés ont attaqué un poste de douane à 30 km au Nord de Mopti.",
                      lang="fr")
    assert (event.location, event.geo_precision) == ("Mopti", 2)


def test_the_area_of_a_cercle_seat_is_coded_at_the_town(extract, gazetteer) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, gunmen attacked Malian soldiers in the Ansongo area, killing two.")
    [town] = [p for p in gazetteer.lookup("Ansongo", country="ML", fuzzy=False, limit=5) if p.feature_code == "PPLA2"]
    assert (event.latitude, event.longitude, event.geo_precision) == (town.latitude, town.longitude, 2)


def test_the_area_of_a_village_named_with_its_town_is_the_village(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 6 March 2024, Bambara farmers and Fulani herders clashed in the Sorowéli area of Niono, "
                      "leaving four dead.")
    assert (event.location, event.geo_precision) == ("Soroweli", 2)


def test_a_quarter_of_the_capital_is_coded_to_the_capital(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 6 March 2024, people from the Magnambougou area of Bamako took to the streets over "
                      "water shortages.")
    assert event.location == "Bamako"


def test_the_places_around_a_town_do_not_turn_it_into_a_well_of_that_name(extract, gazetteer) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, militants fired rockets at the army camp in Aguelhok (Tessalit, Kidal).")
    towns = [p for p in gazetteer.lookup("Aguelhok", country="ML", fuzzy=False, limit=5) if p.feature_class == "P"]
    assert (event.latitude, event.longitude) in [(p.latitude, p.longitude) for p in towns]


@pytest.mark.parametrize(("note", "admin2"), [
    ("(Djenne, Mopti)", "Djenne"),
    ("(San, Segou)", "San"),
    ("(San)", "San"),
])
def test_a_parenthesised_cercle_and_region_choose_the_namesake_inside_them(extract, note, admin2) -> None:  # type: ignore[no-untyped-def]
    [event] = extract(f"On 2 April 2024, gunmen burned the granaries of Tomina {note} and stole cattle.")
    assert (event.location, event.admin2, event.geo_precision) == ("Tomina", admin2, 1)


def test_a_parenthesised_name_that_is_no_area_is_another_spelling_not_a_scope(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, gunmen attacked the village of Zangorosso (Zangorasso) in the Koutiala cercle.")
    assert (event.location, event.admin2) == ("Zangorosso", "Koutiala")


def test_a_coders_note_says_where_the_event_is_coded(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, herders were robbed on a track between Tiangara and a hamlet of its "
                      "commune (coded as Bankass at geoprecision 2).")
    assert (event.location, event.geo_precision) == ("Bankass", 2)
    assert event.notes.endswith("(Bankass: coded as the report's own note says)")


def test_respectively_coded_places_make_one_event_each(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("On 2 April 2024, gunmen raided two camps east of Gossi and north of Hombori (respectively "
                     "coded as Gossi and Hombori at geoprecision 2), killing three herders.")
    assert sorted((e.location, e.geo_precision) for e in events) == [("Gossi", 2), ("Hombori", 2)]


def test_a_placeless_event_takes_the_home_country_of_its_actors(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 5 March 2024, Dan Na Ambassagou militiamen killed four herders.")
    assert event.country == "Mali" and event.latitude is None and event.geo_precision == 3
    assert event.notes.endswith("(no place named, no coordinates)")


def test_an_abduction_of_a_sports_team_by_gunmen_is_still_an_abduction(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 5 March 2024, gunmen abducted a football team in Douentza.")
    assert event.sub_event_type == "Abduction/forced disappearance"


def test_a_football_match_is_no_event(extract) -> None:  # type: ignore[no-untyped-def]
    assert extract("On 5 March 2024, the Douentza football team beat Boni in the regional match.") == []


def test_a_namesake_village_with_no_other_clue_is_read_in_the_conflict_zone(extract) -> None:  # type: ignore[no-untyped-def]
    # Tourou: one in the Kayes cercle, one in Koro (Mopti); nothing in the report chooses
    [event] = extract("On 4 March 2024, armed men kidnapped a trader in Tourou.")
    assert (event.location, event.admin1) == ("Tourou", "Mopti")


def test_the_conflict_zone_never_moves_a_cercle_seat(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 4 March 2024, teachers marched in Bougouni to demand their wages.")
    assert (event.location, event.admin1) == ("Bougouni", "Sikasso")


def test_the_conflict_zone_does_not_trade_a_name_for_an_alias(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 4 March 2024, gunmen killed a shopkeeper in Fana.")
    assert (event.location, event.admin1) == ("Fana", "Koulikoro")


def test_what_goes_on_on_a_stated_day_is_an_event_of_that_day(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 27 February 2024, traders in Gao continued to barricade the bridge road in anger.")
    assert (event.sub_event_type, event.event_date) == ("Violent demonstration", date(2024, 2, 27))


def test_a_habit_without_a_day_is_still_background(extract) -> None:  # type: ignore[no-untyped-def]
    assert extract("Traders in Gao continue to barricade the bridge road every week.") == []


def test_a_foiled_attempt_that_kills_is_an_event_and_a_foiled_plot_is_not(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 3 March 2024, bandits tried to hijack a fuel tanker near the bus station in Bourem; "
                      "soldiers foiled the attempt and one soldier was killed.")
    assert event.location == "Bourem" and event.fatalities == 1
    assert extract("On 3 March 2024, police in Kayes foiled a bomb plot against the governor.") == []


def test_dismantling_a_cell_is_an_arrest(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 3 March 2024, state security dismantled a jihadist cell in Sikasso.")
    assert event.sub_event_type == "Arrests"


def test_a_list_goes_on_after_neighbouring_and_keeps_a_two_letter_village(extract) -> None:  # type: ignore[no-untyped-def]
    # Pa is a village 6 km from Ségobala (Bankass cercle); a lone "Pa" would be no place
    events = extract("On 9 March 2024, gunmen raided the village of Segobala and neighbouring Pa and Pessogou, "
                     "killing six people.")
    assert sorted(e.location for e in events) == ["Pa", "Pessogou", "Ségobala"]
    assert {e.admin2 for e in events} == {"Bankass"}


def test_a_coders_note_does_not_merge_a_list_of_villages_into_one_event(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("On 9 March 2024, gunmen raided the villages of Segobala, Pa and Pessogou "
                     "(coded as Segobala at geoprecision 2), killing six people.")
    assert len(events) == 3


def test_a_coders_note_names_the_one_place_of_a_pair(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 9 March 2024, gunmen killed a herder between the villages of Segobala and Pessogou "
                      "(coded as Pessogou at geoprecision 2).")
    assert (event.location, event.geo_precision) == ("Pessogou", 2)


def test_a_village_the_gazetteer_lacks_is_the_place_not_the_town_its_people_came_from(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 9 March 2024, gunmen kidnapped the imam of the village of Tiwaldé while he was "
                      "travelling back from Bamako.")
    assert (event.location, event.latitude) == ("Tiwaldé", None)
    assert event.admin1 != "Bamako"


@pytest.mark.parametrize("person", ["Baba ould sidi", "Baba Ag Ibrahim"])
def test_a_patronymic_name_is_a_person_not_a_place(extract, person) -> None:  # type: ignore[no-untyped-def]
    # "Baba" is also a village; "ould"/"ag" (son of) make it a person
    events = extract(f"On 9 March 2024, gunmen kidnapped {person}, a Malian trader.")
    assert [(e.country, e.location) for e in events] == [("Mali", "")]


def test_a_multi_day_attack_is_one_event_per_day_with_the_toll_split(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Between 3 and 5 March 2024, jihadists besieged the army camp in Boni, killing six soldiers.")
    assert [e.event_date for e in sorted(events, key=lambda e: e.event_date)] == [
        date(2024, 3, 3), date(2024, 3, 4), date(2024, 3, 5)]
    assert sum(e.fatalities for e in events) == 6


def test_two_named_days_are_two_events_not_the_days_between(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("On 4 and 8 March 2024, gunmen attacked the market of Boni.")
    assert sorted(e.event_date for e in events) == [date(2024, 3, 4), date(2024, 3, 8)]


def test_a_range_named_after_the_event_only_dates_it(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Gunmen attacked a militia post in Boni as part of the fighting of 3-7 March 2024.")
    assert event.event_date == date(2024, 3, 3)


def test_a_date_after_publication_does_not_date_the_event(extract) -> None:  # type: ignore[no-untyped-def]
    # the claim came "on 14 March", four days after this report of 10 March: a year back would be
    # absurd, so the report's own date stands
    [event] = extract("Gunmen attacked the gendarmerie of Boni. The group claimed the attack on 14 March.",
                      published=date(2024, 3, 10))
    assert event.event_date == date(2024, 3, 10)


def test_a_people_inside_a_place_name_is_no_actor(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 2 April 2024, gunmen killed two traders in Bambara-Maoude.")
    assert event.assoc_actor_2 == "Traders (Mali)"


def test_a_range_right_after_the_fighting_is_its_own_days(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Fighting raged on 1-2 March 2024 in Niono.")
    assert sorted(e.event_date for e in events) == [date(2024, 3, 1), date(2024, 3, 2)]


def test_near_a_village_by_the_road_is_more_precise_than_the_road_ends(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 4 March 2024, a convoy travelling between Bandiagara and Bankass hit a mine near Doucombo.")
    assert (event.location, event.geo_precision) == ("Doukombo", 2)


def test_a_road_alone_is_coded_near_its_first_end(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 4 March 2024, a convoy travelling between Bandiagara and Bankass hit a mine.")
    assert (event.location, event.geo_precision) == ("Bandiagara", 2)


def test_an_air_force_striking_a_camp_is_an_air_strike_by_that_state(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 28 February 2024, the Malian air force struck a jihadist camp near Boni.")
    assert (event.sub_event_type, event.actor1) == ("Air/drone strike", "Military Forces of Mali (2021-)")


@pytest.mark.parametrize("denial", ["No group claimed the attack, but JNIM is active in the area.",
                                    "The attack has not yet been claimed by JNIM."])
def test_a_denied_or_missing_claim_attributes_nothing(extract, denial) -> None:  # type: ignore[no-untyped-def]
    [event] = extract(f"On 4 March 2024, a convoy hit a mine near Boni. {denial}")
    assert event.actor1 == "Unidentified Armed Group (Mali)" and not event.claimed_by


def test_the_two_ends_of_a_road_are_read_near_each_other(extract) -> None:  # type: ignore[no-untyped-def]
    # the report names the Djenné cercle first, where a namesake of Boni ("Bouani") lies nearer
    events = extract("Le 3 mars 2024, des hommes armés ont attaqué Sofara, dans le cercle de Djenné.\n\n"
                     "Le 4 mars 2024, un véhicule de l'armée a sauté sur une mine entre Boni et Hombori.", lang="fr")
    mine = next(e for e in events if e.sub_event_type == "Remote explosive/landmine/IED")
    assert (mine.location, mine.admin2) == ("Boni", "Douentza")


def test_a_place_before_selon_is_where_it_happened(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Le 1er mars 2024, l'armée a neutralisé une dizaine de terroristes dans la forêt de "
                      "Kinzambougou, selon l'état-major.", lang="fr")
    assert event.location == "Kinzambougou" and event.fatalities == 10


def test_a_headline_is_no_event_of_its_own(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Jihadists claim deadly raids in Timbuktu and Gao regions\n\n"
                     "On 9 March 2024, jihadists ambushed an army patrol near Tessit, killing four soldiers.")
    assert [e.location for e in events] == ["Tessit"]


def test_the_day_a_claim_was_made_is_not_the_day_of_the_event(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("The Islamic State claimed on Sunday an ambush that killed nine soldiers near Tessit on 5 March 2024.")
    assert event.event_date == date(2024, 3, 5)


def test_a_day_later_dates_from_the_event_before(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("On 5 March 2024, gunmen attacked the army post in Boni. A day later, militants stormed "
                     "the gendarmerie in Hombori.")
    assert {e.location: e.event_date for e in events} == {"Boni": date(2024, 3, 5), "Hombori": date(2024, 3, 6)}


def test_an_accusation_of_executing_men_is_an_attack(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("In February 2024, soldiers were accused of executing seven herders in Kouakourou.")
    assert (event.sub_event_type, event.fatalities, event.time_precision) == ("Attack", 7, 3)


def test_tear_gas_in_the_next_sentence_is_an_intervention_in_the_protest(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("On 9 March 2024, residents of Goundam marched against the blockade of the town. "
                      "Police fired tear gas to disperse them.")
    assert (event.sub_event_type, event.actor2) == ("Protest with intervention", "Police Forces of Mali (2021-)")


def test_a_newer_region_named_like_a_cercle_keeps_a_village_of_its_old_region(extract) -> None:  # type: ignore[no-untyped-def]
    # since 2023 the Bandiagara region spans several old cercles of Mopti, Koro's among them
    [event] = extract("On 10 March 2024, jihadists attacked the village of Dinangourou in the Bandiagara region.")
    assert (event.admin1, event.admin2) == ("Mopti", "Koro")


def test_a_village_inside_the_cercle_named_must_sound_alike(extract) -> None:  # type: ignore[no-untyped-def]
    # "Tinngourou" in the Bandiagara cercle is no spelling of Dinangourou
    [event] = extract("On 10 March 2024, jihadists attacked the village of Dinangourou in the Bandiagara cercle.")
    assert event.location != "Tinngourou"


@pytest.mark.parametrize("text, lang", [
    ("An attack blamed on Ansarul Islam killed 9 people in the market of Djibo on Tuesday.", "en"),
    ("Une attaque attribuée aux jihadistes a tué 7 personnes à Kaya mercredi.", "fr"),
])
def test_the_group_blamed_is_the_attacker_not_the_target(extract, text, lang) -> None:  # type: ignore[no-untyped-def]
    [event] = extract(text, lang=lang)
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    assert event.actor2.startswith("Civilians")


def test_one_event_told_twice_takes_the_type_its_victims_decide(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("An attack on Sunday left 14 dead in Tillaberi, officials said.\n\n"
            "Gunmen on motorbikes attacked villagers of Tillaberi on Sunday, killing 14 of them.")
    [event] = extract(text, lang="en")
    assert event.sub_event_type == "Attack"


@pytest.mark.parametrize("text, lang", [
    ("Unidentified gunmen attacked the high school of Titao on Monday, killing a guard.", "en"),
    ("Des hommes armés ont attaqué le lycée de Titao lundi, tuant un gardien.", "fr"),
])
def test_an_attack_on_a_school_is_violence_against_civilians(extract, text, lang) -> None:  # type: ignore[no-untyped-def]
    [event] = extract(text, lang=lang)
    assert event.sub_event_type == "Attack" and event.actor2.startswith("Civilians")


def test_stoning_to_death_is_an_attack_with_its_toll(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("A young man was stoned to death by militants in Tarkint on Monday.", lang="en")
    assert (event.sub_event_type, event.fatalities) == ("Attack", 1)


@pytest.mark.parametrize("text, lang", [
    ("Hundreds of students gathered in Koudougou on Monday and stoned the governor's office.", "en"),
    ("Lundi, des manifestants ont caillassé la mairie de Koudougou.", "fr"),
])
def test_a_crowd_throwing_stones_is_a_violent_demonstration(extract, text, lang) -> None:  # type: ignore[no-untyped-def]
    [event] = extract(text, lang=lang)
    assert event.sub_event_type == "Violent demonstration" and event.actor1.startswith("Rioters")


def test_a_placeless_mention_takes_the_country_of_the_place_given_later(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("Hundreds of angry youths rioted on Sunday, burning tyres, a week after similar unrest in Mali and "
            "Niger.\n\nThe riot in Koudougou lasted until the evening, residents said.")
    [event] = extract(text, lang="en")
    assert (event.location, event.actor1) == ("Koudougou", "Rioters (Burkina Faso)")


@pytest.mark.parametrize("text, toll", [
    ("Gunmen killed 12 villagers in Dinangourou on Monday. Local sources said 9 people died.", 9),
    ("Gunmen killed 5 soldiers in Boulkessi on Monday. The toll later rose to 8.", 8),
    ("Gunmen killed 5 soldiers in Boulkessi on Monday. Two civilians were also killed.", 7),
    ("Gunmen killed 5 soldiers in Boulkessi on Monday. Four others were wounded.", 5),
])
def test_a_second_figure_for_one_event_is_concurrent_revised_or_additional(extract, text, toll) -> None:  # type: ignore[no-untyped-def]
    [event] = extract(text, lang="en")
    assert event.fatalities == toll


def test_a_surname_that_shortens_a_person_s_full_name_is_no_place(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("Thousands of teachers marched in Bamako on Tuesday to demand the resignation of minister Oumar "
            "Salif Traoré. Protesters chanted slogans against Traoré throughout the afternoon.")
    events = extract(text, lang="en", published=date(2024, 5, 8))
    assert [e.location for e in events] == ["Bamako"]


def test_a_surname_spelled_as_a_village_with_its_cue_stays_a_place(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("Minister Oumar Salif Traoré visited the wounded on Tuesday. Gunmen had attacked the village of "
            "Traoré on Monday, killing two herders.")
    events = extract(text, lang="en", published=date(2024, 5, 8))
    assert [(e.location, e.fatalities) for e in events] == [("Traoré", 2)]


def test_a_week_dated_mention_and_an_undated_back_reference_join_the_claimed_attack(extract) -> None:  # type: ignore[no-untyped-def]
    # a claim dated to Monday, the ministry's "cette semaine" in a region, and "l'attaque" placed
    # near a village in a sentence that borrows "de dimanche à lundi" from the one before: one event
    text = ("Le JNIM a revendiqué jeudi une attaque qui a tué 9 soldats lundi dans le centre du Mali.\n"
            "Le ministère de la défense a indiqué qu'une embuscade contre l'armée malienne avait coûté cette "
            "semaine la vie à des soldats dans la région de Mopti. Les militaires menaient de dimanche à lundi "
            "une opération de fouille.\n"
            "Dans un message publié sur ses canaux, le JNIM indique que l'embuscade a eu lieu aux abords de Boni, "
            "dans le cercle de Douentza.")
    events = extract(text, lang="fr", published=date(2024, 10, 18))
    assert [(e.event_date, e.location, e.actor1, e.actor2, e.fatalities) for e in events] == [
        (date(2024, 10, 14), "Boni", "JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali (2021-)", 9)]


def test_two_attacks_of_one_village_in_one_month_stay_two(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("Début mars, des hommes armés ont tué trois bergers à Hombori. Le 27 mars, des hommes armés "
            "ont de nouveau tué deux commerçants à Hombori.")
    events = extract(text, lang="fr", published=date(2024, 4, 2))
    assert sorted(e.fatalities for e in events) == [2, 3]


@pytest.mark.parametrize("text", [
    "Une embuscade jihadiste contre une patrouille de l'armée malienne a fait six morts samedi près de Hombori.",
    "Samedi, une attaque terroriste contre l'armée malienne a fait six morts près de Hombori.",
])
def test_a_french_adjective_after_the_event_noun_is_the_attacker(extract, text: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang="fr", published=date(2024, 10, 14))
    assert [(e.actor1, e.actor2) for e in events] == [("Islamist Militia (Mali)", "Military Forces of Mali (2021-)")]


_SIMULTANEOUS = ("Eleven people lost their lives on Tuesday in simultaneous attacks carried out by suspected "
                 "jihadists on two towns of the Centre-Nord.\n\nGunmen attacked an army post in Kaya, killing eight soldiers, a security source "
                 "said.\n\nIn Barsalogho, gunmen attacked VDP positions and killed three volunteers, according to a "
                 "local official.")


def test_a_summary_of_simultaneous_attacks_lends_each_its_day_and_attacker(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract(_SIMULTANEOUS, lang="en", published=date(2023, 6, 15))
    assert [(e.event_date, e.location, e.actor1, e.actor2, e.fatalities) for e in events] == [
        (date(2023, 6, 13), "Kaya", "Islamist Militia (Burkina Faso)", "Military Forces of Burkina Faso (2022-)", 8),
        (date(2023, 6, 13), "Barsalogo", "Islamist Militia (Burkina Faso)", "VDP: Volunteers for the Defense of the Homeland", 3)]


def test_one_earlier_raid_told_beside_two_attacks_lends_them_nothing(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("Gunmen attacked an army post in Kaya, killing eight soldiers, a security source said.\n\n"
            "In Barsalogho, gunmen attacked VDP positions and killed three volunteers.\n\n"
            "Raiders said to be from a rival community stormed a hamlet last week, killing 20 people.")
    events = extract(text, lang="en", published=date(2023, 6, 15))
    assert {(e.location, e.event_date, e.actor1) for e in events} == {
        ("Kaya", date(2023, 6, 15), "Unidentified Armed Group (Burkina Faso)"),
        ("Barsalogo", date(2023, 6, 15), "Unidentified Armed Group (Burkina Faso)")}


@pytest.mark.parametrize("text", [
    ("Mardi, une unité de l'armée a été prise dans une embuscade près de Téra au cours de laquelle 19 soldats "
     "ont été tués et une vingtaine de terroristes neutralisés, selon le ministère."),
    ("Mardi, une patrouille est tombée dans une embuscade près de Téra, au cours de laquelle 19 soldats ont été "
     "tués et une vingtaine de terroristes neutralisés."),
    ("On Tuesday an army patrol ran into an ambush near Tera, in which 19 soldiers were killed and about 20 "
     "terrorists neutralised."),
])
def test_the_ambush_a_unit_was_caught_in_names_the_event_not_what_happened_during_it(extract, text: str) -> None:  # type: ignore[no-untyped-def]
    lang = "en" if text.startswith("On ") else "fr"
    events = extract(text, lang=lang, published=date(2024, 3, 23))
    assert [(e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in events] == [
        ("Armed clash", "Islamist Militia (Niger)", "Military Forces of Niger (2023-)", 39)]


@pytest.mark.parametrize(("text", "lang"), [
    ("Le 9 février, des villages comme Zaborkat, Gorom-Gorom, Inwelenkoy, situés dans la province de l'Oudalan, "
     "étaient attaqués par des hommes armés. Bilan : 30 personnes tuées.", "fr"),
    ("On 9 February, gunmen attacked villages such as Zaborkat, Gorom-Gorom and Inwelenkoy in northern Burkina "
     "Faso, killing 30 civilians.", "en"),
])
def test_every_village_a_list_cue_announces_is_an_event_the_gazetteer_lacking_some(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=date(2024, 3, 1))
    assert [(e.location, e.fatalities, e.geo_precision) for e in events] == [
        ("Zaborkat", 10, 2), ("Gorom-Gorom", 10, 1), ("Inwelenkoy", 10, 2)]
    assert {e.country for e in events} == {"Burkina Faso"}


@pytest.mark.parametrize(("text", "lang"), [
    ("On Sunday, gunmen attacked the gendarmerie post in the town of Pama, then burned shops in the villages "
     "of Diapaga and Tansarga, a local official said.", "en"),
    ("Dimanche, des hommes armés ont attaqué la gendarmerie de Pama, puis, plus tard dans la journée, des "
     "boutiques dans les villages de Diapaga et Tansarga.", "fr"),
])
def test_places_the_attackers_went_on_to_then_are_events_too(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=date(2024, 3, 12))
    assert [e.location for e in events] == ["Pama", "Diapaga", "Tansarga"]


@pytest.mark.parametrize(("text", "lang"), [
    ("At least nine civilians were killed by drone strikes near Anefis on Monday, including at a base an armed "
     "group had left, a local official said.", "en"),
    ("Lundi, au moins neuf civils ont été tués par des frappes de drone près d'Anefis, dont une sur une base "
     "qu'un groupe armé venait de quitter.", "fr"),
])
def test_people_killed_by_a_strike_are_its_target(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=date(2024, 3, 12))
    assert [(e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in events] == [
        ("Air/drone strike", "Military Forces of Mali (2021-)", "Civilians (Mali)", 9)]


def test_other_vehicles_do_not_make_another_attack(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("Gunmen killed five soldiers in an attack in western Niger, the government said on Thursday.\n\n"
            "According to the ministry, dozens of assailants on motorbikes and other vehicles attacked an army post "
            "in Ayorou on Wednesday.")
    events = extract(text, lang="en", published=date(2024, 5, 10))
    assert [(e.location, e.event_date, e.fatalities) for e in events] == [("Ayorou", date(2024, 5, 8), 5)]


def test_an_attack_told_as_happening_again_stays_another_event(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("Le 2 mai, des hommes armés ont attaqué le poste de gendarmerie de Djibo, faisant deux morts. "
            "Le 4 mai, les assaillants ont à nouveau attaqué Djibo, incendiant le marché.")
    events = extract(text, lang="fr", published=date(2024, 5, 10))
    assert sorted(e.event_date for e in events) == [date(2024, 5, 2), date(2024, 5, 4)]


@pytest.mark.parametrize(("text", "lang"), [
    ("Armed men killed eight gendarmes near Téra on Tuesday, the government said.\n\nAround 40 terrorists were "
     "killed in the fighting, the defence ministry said.", "en"),
    ("Mardi, des hommes armés ont tué huit gendarmes près de Téra.\n\nUne quarantaine de terroristes ont été "
     "tués lors des combats, selon le ministère de la défense.", "fr"),
])
def test_the_dead_of_both_sides_add_up(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=date(2024, 3, 14))
    assert [(e.location, e.fatalities) for e in events] == [("Téra", 48)]


def test_a_second_figure_for_the_same_side_stays_concurrent(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("Armed men killed eight gendarmes near Téra on Tuesday, the government said.\n\nNine gendarmes were "
            "killed in the fighting, the defence ministry said later.")
    events = extract(text, lang="en", published=date(2024, 3, 14))
    assert [(e.location, e.fatalities) for e in events] == [("Téra", 8)]


@pytest.mark.parametrize(("text", "lang"), [
    ("Samedi à Djibo, 25 habitants ont été tués lors d'assauts jihadistes, suivis d'affrontements entre milices.",
     "fr"),
    ("On Saturday 25 residents of Djibo were killed in jihadist raids followed by clashes between militias.", "en"),
])
def test_the_raids_people_were_killed_in_name_the_event_not_the_clashes_that_followed(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=date(2024, 4, 14))
    assert [(e.sub_event_type, e.actor2, e.fatalities) for e in events] == [("Attack", "Civilians (Burkina Faso)", 25)]


def test_a_date_that_names_an_earlier_attack_does_not_date_the_new_one(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("Lundi 3 juin, des hommes armés ont attaqué le poste de police de Djibo. Trois jours après, les "
            "assaillants ont à nouveau attaqué l'école de Djibo, a affirmé un habitant, confirmant l'attaque du 3 juin.")
    events = extract(text, lang="fr", published=date(2024, 6, 10))
    assert sorted(e.event_date for e in events) == [date(2024, 6, 3), date(2024, 6, 6)]


@pytest.mark.parametrize(("text", "lang"), [
    ("Gunmen killed 30 civilians in Djibo, the UN said in a press release on Tuesday.", "en"),
    ("Des hommes armés ont tué 30 civils à Djibo, a indiqué l'ONU dans un communiqué publié mardi.", "fr"),
])
def test_the_day_of_a_press_release_is_not_the_event_s(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=date(2024, 5, 10))
    assert [e.event_date for e in events] == [date(2024, 5, 10)]


@pytest.mark.parametrize(("text", "lang"), [
    ("On Thursday the assailants also killed eleven people nearby: six in the village of Sindo, two in Bango "
     "and three in Titao, the group said.", "en"),
    ("Jeudi, les assaillants ont aussi tué onze personnes dans les environs : six à Sindo, deux à Bango et trois "
     "à Titao.", "fr"),
])
def test_a_list_of_tolls_by_place_gives_each_place_its_own(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=date(2023, 4, 29))
    assert [(e.location, e.fatalities) for e in events] == [("Sindo", 6), ("Bango", 2), ("Titao", 3)]



@pytest.mark.parametrize(("text", "lang"), [
    ("Une attaque a fait au moins douze morts samedi à Djibo. Ces massacres sont imputés par la gendarmerie "
     "à des groupes jihadistes.", "fr"),
    ("An attack left at least twelve dead on Saturday in Djibo. The massacre was attributed by the governor "
     "to jihadist groups.", "en"),
])
def test_a_massacre_blamed_on_a_group_is_violence_against_civilians_by_it(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    # the attack names no victims; "massacre" in the sentence adding to it tells they were unarmed,
    # and the group it is blamed on (past the authority that blames it) is the attacker, not a target
    events = extract(text, lang=lang, published=date(2023, 5, 15))
    assert [(e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in events] == [
        ("Attack", "Islamist Militia (Burkina Faso)", "Civilians (Burkina Faso)", 12)]


def test_a_massacre_of_soldiers_is_still_a_battle(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("On Saturday gunmen massacred nine soldiers at their post in Djibo.", lang="en",
                     published=date(2023, 5, 15))
    assert [(e.sub_event_type, e.actor2) for e in events] == [("Armed clash", "Military Forces of Burkina Faso (2022-)")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Gunmen carried out a massacre in Djibo on Friday, the governor said, adding that the attackers also "
     "burned shops.", "en"),
    ("Des hommes armés ont commis un massacre vendredi à Djibo, a indiqué le gouverneur, ajoutant que les "
     "assaillants ont aussi incendié des boutiques.", "fr"),
])
def test_the_attackers_of_a_statement_added_after_the_event_are_not_its_target(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    # nor does a massacre with shops burned become mere property destruction
    events = extract(text, lang=lang, published=date(2023, 5, 15))
    assert [(e.sub_event_type, e.actor2) for e in events] == [("Attack", "Civilians (Burkina Faso)")]


def test_a_subhead_restating_the_claim_is_no_event_and_the_claim_goes_to_the_attack(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("Samedi, des hommes armés ont attaqué une position de l'armée près de Dori, a indiqué un habitant.\n"
            "Une attaque revendiquée par l'État islamique au Sahel\n"
            "L'attaque a été revendiquée par l'État islamique au Sahel dans un communiqué.")
    events = extract(text, lang="fr", published=date(2023, 8, 15))
    assert [(e.location, e.actor1, e.claimed_by) for e in events] == [
        ("Dori", "Islamic State (Sahel)", "Islamic State (Sahel)")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Samedi, des terroristes ont attaqué le commissariat de Dori ; des habitants parlent de morts et de "
     "dégâts matériels importants. Le ministre de la sécurité fait état de cinq policiers tués dans cette "
     "attaque.", "fr"),
    ("On Saturday gunmen attacked the police station in Dori, a resident said, speaking of deaths and material "
     "damage. In a note, the security minister reported five police officers killed in the attack.", "en"),
])
def test_a_count_told_later_replaces_deaths_told_without_a_number(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    # material damage beside the deaths is no "nobody was hurt"
    events = extract(text, lang=lang, published=date(2023, 8, 15))
    assert [(e.location, e.actor2, e.fatalities) for e in events] == [("Dori", "Police Forces of Burkina Faso (2022-)", 5)]


@pytest.mark.parametrize(("text", "lang"), [
    ("Samedi, des hommes armés ont attaqué une position de l'armée près de Kaya, a indiqué un habitant.", "fr"),
    ("On Saturday gunmen attacked an army position near Kaya, a resident said.", "en"),
])
def test_a_place_before_a_comma_and_a_reporting_verb_is_where_it_happened(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=date(2023, 8, 15))
    assert [e.location for e in events] == ["Kaya"]


def test_the_place_a_source_speaks_from_is_not_where_it_happened(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("An official in Ouagadougou said gunmen attacked an army position near Kaya on Saturday.",
                     lang="en", published=date(2023, 8, 15))
    assert [e.location for e in events] == ["Kaya"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Jeudi, le JNIM a attaqué le camp militaire de Boni, tuant six soldats. Selon des habitants, un berger de "
     "Boni a aussi été blessé lors de l'attaque et quatre autres ont été enlevés.", "fr"),
    ("On Thursday JNIM fighters attacked the army camp in Boni, killing six soldiers. Residents said a herder "
     "in Boni was also wounded during the attack and four others were abducted.", "en"),
])
def test_abductions_in_an_attack_are_the_work_of_its_attackers(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=date(2024, 3, 9))
    assert sorted((e.sub_event_type, e.actor1) for e in events) == [
        ("Abduction/forced disappearance", "JNIM: Group for Support of Islam and Muslims"),
        ("Armed clash", "JNIM: Group for Support of Islam and Muslims")]


def test_abductions_of_another_day_keep_their_unnamed_attackers(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("On Thursday JNIM fighters attacked the army camp in Boni, killing six soldiers. On Saturday, gunmen "
            "abducted four herders in Boni, residents said.")
    events = extract(text, lang="en", published=date(2024, 3, 11))
    assert sorted((e.sub_event_type, e.actor1) for e in events) == [
        ("Abduction/forced disappearance", "Unidentified Armed Group (Mali)"),
        ("Armed clash", "JNIM: Group for Support of Islam and Muslims")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Mardi, un camp de la Minusma a été attaqué à Kidal, tuant un Casque bleu.", "fr"),
    ("On Tuesday an attack on the camp of the French forces in Kidal killed a French soldier.", "en"),
])
def test_an_unnamed_side_attacking_foreign_forces_is_no_state_force(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=date(2018, 6, 14))
    assert [e.actor1 for e in events] == ["Unidentified Armed Group (Mali)"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Par ailleurs, l'État islamique a revendiqué dimanche la mort d'un combattant du Gatia le 3 juin à Ménaka. "
     "La mairie de Ménaka avait le 3 juin annoncé l'assassinat de ce combattant par des hommes armés.", "fr"),
    ("The Islamic State on Sunday claimed the killing of a GATIA fighter on 3 June in Menaka. The town hall of "
     "Menaka had reported on 3 June that gunmen assassinated the fighter.", "en"),
])
def test_a_claim_naming_a_place_goes_to_the_event_told_there(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=date(2018, 6, 11))
    assert [(e.location, e.event_date, e.actor1, e.claimed_by) for e in events] == [
        ("Ménaka", date(2018, 6, 3), "Islamic State (Greater Sahara)", "Islamic State (Greater Sahara)")]


def test_the_day_before_a_claiming_verb_is_the_claims_day(extract) -> None:  # type: ignore[no-untyped-def]
    # and a sentence without a date of its own borrows the event's day, not the claim's
    text = ("The Islamic State on Sunday claimed the killing of two herders on 3 June near Menaka. Residents said "
            "gunmen on motorbikes shot the two men.")
    events = extract(text, lang="en", published=date(2018, 6, 11))
    assert [(e.event_date, e.claimed_by) for e in events] == [(date(2018, 6, 3), "Islamic State (Greater Sahara)")]


@pytest.mark.parametrize(("text", "lang"), [
    ("On Monday gunmen attacked the military detachment in Djibo, then positions of the VDP in Namssiguia, "
     "killing four soldiers and two volunteers.", "en"),
    ("Lundi, des hommes armés ont attaqué le détachement militaire de Djibo, puis des positions de VDP à "
     "Namssiguia, tuant quatre soldats et deux volontaires.", "fr"),
])
def test_each_place_of_an_attack_on_several_has_the_target_named_before_it(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=date(2022, 9, 14))
    assert sorted((e.location, e.actor2) for e in events) == [
        ("Djibo", "Military Forces of Burkina Faso (2022-)"),
        ("Namssiguia", "VDP: Volunteers for the Defense of the Homeland")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Mardi, des dizaines de terroristes ont attaqué le village de Bourzanga (région du Centre-Nord), faisant "
     "huit morts dont cinq VDP, selon une source locale. Des frappes aériennes ont ensuite permis de neutraliser "
     "une vingtaine d'assaillants.", "fr"),
    ("On Tuesday dozens of terrorists attacked the village of Bourzanga (Centre-Nord region), leaving eight dead "
     "including five VDP, a local source said. Air strikes then neutralised some twenty assailants.", "en"),
])
def test_forces_among_the_dead_of_an_attack_on_a_village_make_it_a_battle_with_them(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=date(2023, 5, 4))
    assert [(e.location, e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Bourzanga", "Armed clash", "Islamist Militia (Burkina Faso)", "VDP: Volunteers for the Defense of the Homeland")]


def test_the_event_keeps_the_sides_of_the_mention_that_knows_them_over_a_counter_strike(extract) -> None:  # type: ignore[no-untyped-def]
    # the strike on the fleeing attackers names the type as well, but neither the attackers' target
    # nor who struck: the attack's own sentence does
    text = ("Mardi, des dizaines de terroristes ont attaqué le village de Bourzanga (région du Centre-Nord), faisant "
            "huit morts dont cinq VDP, selon une source locale.\n\n\"Des appareils engagés dans la poursuite des "
            "assaillants ont permis de neutraliser une vingtaine de terroristes\", a ajouté la source.")
    events = extract(text, lang="fr", published=date(2023, 5, 4))
    assert [(e.location, e.actor1, e.actor2) for e in events] == [
        ("Bourzanga", "Islamist Militia (Burkina Faso)", "VDP: Volunteers for the Defense of the Homeland")]


@pytest.mark.parametrize(("text", "lang"), [
    ("En janvier, la commune de Titao avait subi une attaque jihadiste meurtrière qui a fait une quarantaine de "
     "morts, selon une ONG.", "fr"),
    ("In January the town of Titao suffered a deadly attack that left some forty dead, according to an NGO.", "en"),
])
def test_a_place_that_suffered_a_deadly_attack_lost_its_people(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    # the attacker adjective after the event noun is no target either
    events = extract(text, lang=lang, published=date(2023, 3, 10))
    assert [(e.location, e.sub_event_type, e.actor2) for e in events] == [("Titao", "Attack", "Civilians (Burkina Faso)")]


def test_sources_that_report_a_strike_are_not_its_attackers(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("Rebels of the CSP-DPA, a local official and a humanitarian worker said that drone strikes on Friday "
            "in Aguelhok killed eight civilians.")
    events = extract(text, lang="en", published=date(2024, 9, 2))
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Air/drone strike", "Military Forces of Mali (2021-)", "Civilians (Mali)")]


def test_the_previous_day_counts_from_the_day_a_report_opens_with(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("On Thursday, the CSP-DPA reported that an army drone had killed five of its fighters the previous day "
            "near Aguelhok.")
    events = extract(text, lang="en", published=date(2024, 9, 6))
    assert [e.event_date for e in events] == [date(2024, 9, 4)]


@pytest.mark.parametrize(("text", "lang"), [
    ("Gunmen seized two traders near Kolondiéba on Monday. The insurgency has killed thousands of people "
     "and displaced hundreds of thousands.", "en"),
    ("Des hommes armés ont enlevé deux commerçants près de Kolondiéba lundi. Ces violences ont fait des "
     "milliers de morts et des centaines de milliers de déplacés.", "fr"),
])
def test_thousands_of_dead_told_in_passing_are_no_events_toll(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    [event] = extract(text, lang=lang, published=date(2023, 10, 11))
    assert event.fatalities == 0


@pytest.mark.parametrize(("text", "lang"), [
    ("Gunmen attacked a gendarmerie post in Kolondiéba on Monday, killing two gendarmes. "
     "The town is often the target of attacks blamed on jihadists.", "en"),
    ("Des hommes armés ont attaqué lundi un poste de gendarmerie à Kolondiéba, tuant deux gendarmes. "
     "La ville est souvent la cible d'attaques attribuées aux jihadistes.", "fr"),
])
def test_a_habit_blamed_on_a_group_names_no_author_of_the_event(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    [event] = extract(text, lang=lang, published=date(2023, 10, 11))
    assert event.actor1 == "Unidentified Armed Group (Mali)"


def test_the_islamic_state_in_the_sahel_carries_its_name_from_march_2022(extract) -> None:  # type: ignore[no-untyped-def]
    names = {}
    for day in ("2022-02-27", "2022-03-05"):
        [event] = extract(f"On {day}, ISGS fighters attacked an army post in Ménaka.", published=date.fromisoformat(day))
        names[day] = event.actor1
    assert names == {"2022-02-27": "Islamic State (West Africa) - Greater Sahara Faction",
                     "2022-03-05": "Islamic State (Sahel)"}


_BUS_ON_A_MINE = {"en": "A bus hit a mine near Ténenkou on Tuesday, killing six passengers.\n",
                  "fr": "Un car a sauté sur une mine près de Ténenkou mardi, tuant six passagers.\n"}


@pytest.mark.parametrize(("text", "lang"), [
    ("No group has claimed responsibility for the attacks on Malian troops.", "en"),
    ("Aucun groupe n'a revendiqué les attaques contre les soldats maliens.", "fr"),
    ("JNIM claimed the attack on the soldiers.", "en"),
])
def test_an_attack_named_again_by_its_claim_is_no_new_event(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text, lang=lang, published=date(2023, 10, 11)) == []
    [event] = extract(_BUS_ON_A_MINE[lang] + text, lang=lang, published=date(2023, 10, 11))
    assert event.sub_event_type == "Remote explosive/landmine/IED"


def test_a_claim_that_names_the_place_and_day_still_tells_its_event(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("JNIM claimed the attack on the army post in Diabaly on Sunday.", published=date(2023, 10, 11))
    assert event.location.startswith("Diabal") and event.event_date == date(2023, 10, 8)


def test_the_army_that_tells_of_a_mine_blast_is_not_its_victim(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("The army said the civilians were coming back from a market on Tuesday when their car "
                      "hit a land mine near Ténenkou.", published=date(2023, 10, 11))
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.actor2 == "Civilians (Mali)"


@pytest.mark.parametrize(("text", "lang"), [
    ("Militants killed 12 people on Sunday near Kolondiéba when they fired on a minibus.\n"
     "The minibus was attacked by unidentified gunmen as it drove to the weekly market.", "en"),
    ("Des jihadistes ont tué 12 personnes dimanche près de Kolondiéba en tirant sur un minibus.\n"
     "Le minibus a été attaqué par des hommes armés non identifiés alors qu'il se rendait au marché.", "fr"),
])
def test_attackers_the_report_calls_unidentified_stay_unidentified(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    [event] = extract(text, lang=lang, published=date(2023, 10, 11))
    assert event.actor1 == "Unidentified Armed Group (Mali)"
    assert event.actor2 == "Civilians (Mali)"


def test_militants_alone_are_an_islamist_militia(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Militants killed 12 people on Sunday near Kolondiéba when they fired on a minibus.",
                      published=date(2023, 10, 11))
    assert event.actor1 == "Islamist Militia (Mali)"


@pytest.mark.parametrize(("text", "lang"), [
    ("JNIM claimed on Thursday the ambush of an army convoy near Diafarabé on Tuesday, which it said killed "
     "40 soldiers.\nThe defence ministry said 12 soldiers died in the ambush near Diafarabé and that about twenty "
     "assailants were neutralised.", "en"),
    ("Le JNIM a revendiqué jeudi l'embuscade contre un convoi de l'armée près de Diafarabé mardi, qui selon lui "
     "a tué 40 soldats.\nLe ministère de la défense a indiqué que 12 soldats sont morts dans l'embuscade près de "
     "Diafarabé et qu'une vingtaine d'assaillants ont été neutralisés.", "fr"),
])
def test_a_claimants_own_toll_gives_way_to_an_independent_one(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    [event] = extract(text, lang=lang, published=date(2023, 10, 13))
    assert event.fatalities == 32


@pytest.mark.parametrize(("text", "lang"), [
    ("Gunmen killed about forty villagers in attacks on Kolondiéba and Diafarabé on Saturday, the mayor said. "
     "\"In Kolondiéba there were 25 dead and in Diafarabé 15 dead,\" he told reporters.", "en"),
    ("Des hommes armés ont tué une quarantaine de villageois samedi dans des attaques contre Kolondiéba et "
     "Diafarabé, a indiqué le maire. « À Kolondiéba il y a eu 25 morts et à Diafarabé 15 morts », a-t-il dit.", "fr"),
])
def test_tolls_by_place_told_after_the_attacks_go_to_each_place(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=date(2023, 10, 9))
    assert {e.location[:6]: e.fatalities for e in events} == {"Kolond": 25, "Diafar": 15}


@pytest.mark.parametrize(("text", "lang"), [
    ("Gunmen kidnapped six traders near Kolondiéba on Thursday 5 October. The kidnapping came a day after "
     "nine people were killed when their truck hit a mine near Diafarabé.", "en"),
    ("Des hommes armés ont enlevé six commerçants près de Kolondiéba le jeudi 5 octobre. L'enlèvement est "
     "survenu un jour après que neuf personnes ont été tuées lorsque leur camion a sauté sur une mine près "
     "de Diafarabé.", "fr"),
])
def test_an_event_told_in_the_clause_after_a_day_after_is_the_earlier_one(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=date(2023, 10, 7))
    days = {e.sub_event_type: e.event_date for e in events}
    assert days["Abduction/forced disappearance"] == date(2023, 10, 5)
    assert days["Remote explosive/landmine/IED"] == date(2023, 10, 4)


def test_an_event_a_day_after_another_is_the_later_one(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Gunmen kidnapped six traders near Kolondiéba on Thursday 5 October.\n"
                     "Two days later, militants attacked an army post in Diafarabé.", published=date(2023, 10, 9))
    assert {e.event_date for e in events} == {date(2023, 10, 5), date(2023, 10, 7)}


@pytest.mark.parametrize(("text", "lang"), [
    ("Neuf personnes ont péri jeudi soir dans un guet-apens dressé contre une colonne de l'armée près de Diafarabé.",
     "fr"),
    ("Nine people died on Tuesday in an ambush laid for an army unit near Diafarabé.", "en"),
])
def test_people_killed_in_an_ambush_aimed_at_forces_make_a_battle(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    [event] = extract(text, lang=lang, published=date(2023, 10, 11))
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    assert event.actor2 == "Military Forces of Mali (2021-)"
    assert event.fatalities == 9


def test_people_killed_in_an_attack_on_a_market_near_a_camp_are_its_civilians(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Nine people died on Tuesday in an attack on the market of Diafarabé.", published=date(2023, 10, 11))
    assert event.actor2 == "Civilians (Mali)"
