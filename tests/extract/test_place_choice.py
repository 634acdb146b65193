"""Which place an event is coded at, when the words around a name say more than the name.

Sentences written for these tests (other villages and days than any gold text).
"""

from __future__ import annotations

from datetime import date

from conflictwatch.extract.places import find_place_mentions


def _roles(text: str, lang: str) -> dict[str, str]:
    return {m.name: m.role for m in find_place_mentions(text, 0, len(text), lang=lang)}


def test_a_province_after_de_la_or_de_l_is_an_area() -> None:
    text = "Deux bergers ont été tués dans la province de la Sissili et un troisième dans la province de l'Ioba."
    roles = _roles(text, "fr")
    assert roles["Sissili"] == "area"
    assert roles["Ioba"] == "area"


def test_a_few_kilometres_from_x_measures_from_x() -> None:
    assert _roles("Le corps a été retrouvé à quelques kilomètres seulement de Tenenkou.", "fr")["Tenenkou"] == "distance"
    assert _roles("The bodies were found just a few kilometres from Tenenkou.", "en")["Tenenkou"] == "distance"


def test_a_post_based_in_x_stands_in_x() -> None:
    # "basé à X" alone is where someone comes from; a post, camp or base "basé à X" is at X
    assert _roles("Des hommes armés ont attaqué le poste de douane basé à Téra.", "fr")["Téra"] == "in"
    assert _roles("Militants overran the army post based in Téra.", "en")["Téra"] == "in"
    assert _roles("Un commerçant basé à Téra a été enlevé.", "fr")["Téra"] == "from"


def test_a_province_written_with_au_is_the_province_not_its_namesake_village(extract) -> None:  # type: ignore[no-untyped-def]
    # "au Boulgou" is the province (a larger area than a point), not a point of that name
    [event] = extract("Au Burkina Faso, un commerçant a été tué au Boulgou dans la nuit de lundi à mardi par des "
                      "hommes armés.", lang="fr")
    assert (event.admin1, event.admin2) == ("Centre-Est", "Boulgou")
    assert event.geo_precision >= 2


def test_au_with_a_province_of_another_country_keeps_the_report_s_own_place(extract) -> None:  # type: ignore[no-untyped-def]
    # Gourma is a province of Burkina Faso and a part of Mali: a Mali report means its own
    [event] = extract("Au Mali, un commerçant a été tué au Gourma dans la nuit de lundi à mardi par des hommes armés.",
                      lang="fr")
    assert event.country == "Mali"


def test_a_numbered_part_of_a_village_is_that_part(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Gunmen killed four herders in Djemde 2 on Sunday.", lang="en")
    assert event.location == "Djemde 2"


def test_a_number_after_a_town_that_has_no_such_part_is_left_to_the_text(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Gunmen attacked Douentza 2 days ago, killing three soldiers.", lang="en")
    assert event.location == "Douentza"


def test_a_misspelt_commune_read_far_from_the_village_it_is_said_to_be_near_is_not_taken(extract) -> None:  # type: ignore[no-untyped-def]
    # "Sagabary" reads as Sagabari (Kayes region, named in the report), 400 km from Kolokani: the
    # sentence says the commune lies 5 km from Kolokani, so the event is near Kolokani
    events = extract("Des hommes armés sont actifs dans la région de Kayes. Lundi, un élu de la commune rurale de "
                     "Sagabary, localité située à 5 kilomètres de Kolokani, a été abattu par des hommes armés.",
                     lang="fr")
    assert [(e.location, e.geo_precision) for e in events] == [("Kolokani", 2)]


def test_an_area_after_a_landmark_measured_from_does_not_move_the_landmark(gazetteer) -> None:  # type: ignore[no-untyped-def]
    from conflictwatch.extract.places import resolve_mentions
    from conflictwatch.geo import GeoContext

    text = "La localité de Tera est située à 170 kilomètres au nord-ouest de Niamey, dans la région de Tillabéri."
    mentions = find_place_mentions(text, 0, len(text), lang="fr")
    resolve_mentions(mentions, gazetteer, GeoContext(countries=("NE",)), named=("NE",))
    niamey = next(m for m in mentions if m.name == "Niamey")
    assert niamey.place is not None and niamey.place.feature_code == "PPLC"


def test_a_force_named_before_de_x_leaves_the_place_x() -> None:
    assert _roles("La position FAMa de Ténenkou a été attaquée mardi.", "fr").get("Ténenkou") == "in"


def test_an_event_the_report_places_only_in_a_region_is_coded_to_the_region_s_capital(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Douze civils ont été tués par des soldats maliens, selon un rapport publié lundi. Le rapport "
                      "porte sur la région de Kayes, où les violences se multiplient.", lang="fr")
    assert (event.location, event.admin1, event.geo_precision) == ("Kayes", "Kayes", 3)
    assert event.latitude is not None


def test_line_breaks_inside_the_sentences_of_a_wrapped_text_go_on() -> None:
    from conflictwatch.extract.structure import wrapped_line_breaks

    text = ("Des hommes armés ont attaqué le marché de\nKati mardi matin et ont tué trois commerçants qui\n"
            "rentraient chez eux. Les soldats sont arrivés\nplus tard dans la journée selon un élu local.")
    assert sorted(text[i - 3:i] for i in wrapped_line_breaks(text)) == [" de", "qui", "vés"]


def test_a_text_written_one_paragraph_a_line_keeps_its_line_breaks() -> None:
    from conflictwatch.extract.structure import wrapped_line_breaks

    text = "Attaque à Kati\nDes hommes armés ont attaqué le marché mardi.\nTrois commerçants ont été tués."
    assert wrapped_line_breaks(text) == frozenset()


def test_a_wrapped_sentence_is_one_event_at_its_place(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("Selon un communiqué publié par les autorités locales du cercle,\nla position de "
            "l'armée à Ténenkou a été attaquée, le 4 mars 2024, par des\nhommes armés, faisant deux morts "
            "parmi les soldats et plusieurs blessés\nselon la même source qui n'a pas donné d'autres détails.")
    [event] = extract(text, lang="fr")
    assert event.location == "Ténenkou" and event.event_date.isoformat() == "2024-03-04"


def test_listed_names_missing_from_the_gazetteer_go_to_the_area_named_for_the_list(extract) -> None:  # type: ignore[no-untyped-def]
    # the list lies in the Bourem cercle: a name the gazetteer lacks is not coded beside a
    # listed town of another cercle
    events = extract("Le 3 mars 2024, des localités comme Douentza, Zorbatoumi et Kelkassara, dans le cercle de "
                     "Bourem, étaient attaquées par des hommes armés.", lang="fr")
    [event] = [e for e in events if e.location == "Zorbatoumi"]
    assert (event.admin2, event.geo_precision) == ("Bourem", 2)


def test_far_from_x_is_the_place_the_report_names_about_that_far_from_x(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Le 3 mars 2024, des hommes armés ont tué deux bergers à environ 230 km de Bamako. Les bergers "
                      "gardaient leurs troupeaux près de Ségou depuis des semaines.", lang="fr")
    assert (event.location, event.geo_precision) == ("Ségou", 2)


def test_a_landmark_a_short_way_off_stays_the_place_near_it(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Le 3 mars 2024, des hommes armés ont tué deux bergers à environ 20 km de Bamako. Les bergers "
                      "venaient de Ségou.", lang="fr")
    assert (event.location, event.geo_precision) == ("Bamako", 2)


def test_an_event_placed_by_its_region_takes_the_place_in_it_a_sentence_adding_to_it_names(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Depuis des années, la région de Mopti vit au rythme des violences. Mardi, des assaillants y "
                      "ont tendu une embuscade à un convoi, tuant six militaires. Le convoi circulait alors dans la "
                      "zone de Boni.", lang="fr")
    assert (event.location, event.admin1, event.geo_precision) == ("Boni", "Mopti", 2)


def test_the_village_a_sentence_points_back_to_is_the_one_named_before(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Ténenkou est une petite ville du centre du pays. Mardi, des hommes armés y sont entrés en fin "
                      "de matinée. Plusieurs habitants se sont enfuis vers la brousse. Six habitants restés dans la "
                      "ville ont été tués par les assaillants.", lang="fr")
    assert (event.location, event.geo_precision) == ("Ténenkou", 1)


def test_the_village_pointed_back_to_in_english(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Sokolo is a farming village in central Mali. Gunmen rode in on Tuesday morning. Several "
                      "residents fled into the bush. Six residents who stayed in the village were killed by the "
                      "gunmen.", lang="en")
    assert event.location == "Sokolo"


def test_the_people_s_village_of_x_is_that_people_s_part_of_x(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Lundi, des hommes armés ont attaqué le village peul de Kolanka, tuant trois bergers.", lang="fr")
    assert event.location == "Kolanka-Peulh"
    [event] = extract("On Monday, gunmen attacked the Fulani village of Kolanka, killing three herders.", lang="en")
    assert event.location == "Kolanka-Peulh"


def test_a_village_pointed_back_to_is_not_a_namesake_far_from_the_commune_it_is_said_to_be_in(extract) -> None:  # type: ignore[no-untyped-def]
    # the only Tessit of the gazetteer lies some 500 km from Diafarabé: the village meant is a
    # namesake the gazetteer lacks, by the commune named
    [event] = extract("Tessit est un village de la commune de Diafarabé. Mardi, des hommes armés y sont entrés en fin "
                      "de matinée. Plusieurs habitants se sont enfuis vers la brousse. Six habitants restés dans le "
                      "village ont été tués par les assaillants.", lang="fr")
    assert (event.location, event.geo_precision) == ("Diafarabé", 2)


def test_a_report_plainly_about_another_country_does_not_mean_a_malian_namesake(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Niger's interior ministry said gunmen killed 12 worshippers on Friday in Tiékoumala, "
                      "a town on the borders with Burkina Faso and Mali. Niger then declared a day of mourning.",
                      lang="en", published=date(2023, 10, 14))
    assert event.country != "Mali"


def test_a_report_naming_its_neighbour_once_keeps_its_malian_village(extract) -> None:  # type: ignore[no-untyped-def]
    [event] = extract("Gunmen killed 12 people on Friday in Tiékoumala, near the border with Niger.",
                      lang="en", published=date(2023, 10, 14))
    assert event.country == "Mali" and event.location == "Tiékoumala"


def test_a_country_listed_after_another_on_a_border_is_only_across_it() -> None:
    from conflictwatch.extract.places import about_other_country, across_border, place_countries

    folded = "niger mourns. the town lies by the borders with burkina faso and mali. niger said"
    assert "ML" in across_border(folded) and "ML" not in place_countries(folded)
    assert about_other_country(folded, place_countries(folded), "ML")
    assert not about_other_country("niger said the attack near mali killed six", ["NE", "ML"], "ML")
