"""Who the victims are: their nationality names the civilians, habits name no attacker.

Sentences written for these tests (other places and days than any gold text).
"""

from __future__ import annotations

import csv
from datetime import date
from importlib import resources

import pytest

from conflictwatch.extract.actors import ActorRegistry
from conflictwatch.extract.cues import CueLexicon
from conflictwatch.text import fold_words

PUBLISHED = date(2024, 3, 6)


@pytest.mark.parametrize(("text", "lang", "victims"), [
    ("Gunmen kidnapped two Italian tourists near Kidal on Monday.", "en", "Civilians (Italy)"),
    ("Des hommes armés ont tué trois ouvriers algériens lundi près de Kidal.", "fr", "Civilians (Algeria)"),
    ("Gunmen killed three Moroccan traders and two Tunisian drivers near Kidal on Monday.", "en",
     "Civilians (International)"),
    ("Des hommes armés ont tué trois ouvriers marocains et tunisiens lundi près de Kidal.", "fr",
     "Civilians (International)"),
    ("Gunmen killed two foreigners near Kidal on Monday.", "en", "Civilians (International)"),
    ("Gunmen killed six villagers, five Malians and one Guinean, near Kidal on Monday.", "en", "Civilians (Mali)"),
    ("Gunmen killed two villagers near Kidal on Monday.", "en", "Civilians (Mali)"),
])
def test_the_victims_nationality_names_the_civilians(extract, text: str, lang: str, victims: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=PUBLISHED)
    assert [e.actor2 for e in events] == [victims]


def test_a_nationality_of_forces_is_not_the_victims(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Gunmen killed two Malian soldiers near Kidal on Monday.", lang="en", published=PUBLISHED)
    assert [e.actor2 for e in events] == ["Military Forces of Mali (2021-)"]


def test_a_later_sentence_naming_the_victims_nationality_names_them(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Un minibus a roulé sur un engin explosif dimanche près de Kidal, tuant deux civils. "
                     "Le minibus détruit emmenait des ouvriers marocains et tunisiens vers une mine d'or.",
                     lang="fr", published=PUBLISHED)
    assert [(e.fatalities, e.actor2) for e in events] == [(2, "Civilians (International)")]


def test_a_remark_about_whose_weapon_mines_are_names_no_attacker(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Deux villageois ont péri lundi près de Kidal lorsque leur charrette a sauté sur une mine. "
                     "Ces engins explosifs sont devenus l'arme de prédilection des groupes jihadistes de la région.",
                     lang="fr", published=PUBLISHED)
    assert [e.actor1 for e in events] == ["Unidentified Armed Group (Mali)"]


def test_every_country_adjective_of_the_data_is_found_as_a_nationality() -> None:
    reg = ActorRegistry.load()
    rows = []
    for name in ("actor_countries.csv", "actor_nationalities.csv"):
        text = resources.files("conflictwatch.data").joinpath(name).read_text(encoding="utf-8")
        rows += list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    assert {row["iso2"] for row in rows} >= {"ML", "DZ", "IT", "CN"}
    for row in rows:
        for col in ("en", "fr_ms", "fr_mp", "fr_fs", "fr_fp"):
            folded = fold_words(f"des {row[col]} ici")
            assert [iso for _, _, iso in reg.nationalities(folded)] == [row["iso2"]], (row["iso2"], col)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_foreign_and_nationals_cues_exist_in_both_languages(lang: str) -> None:
    cues = CueLexicon.load()
    assert (lang, "foreign") in cues.patterns and (lang, "nationals") in cues.patterns


@pytest.mark.parametrize(("text", "lang", "pair"), [
    ("Some 12 Burkinabe soldiers were killed in a jihadist attack near Djibo on Monday.", "en",
     ("Islamist Militia (Burkina Faso)", "Military Forces of Burkina Faso (2022-)")),
    ("Douze soldats ont été tués lundi dans une attaque terroriste près de Djibo.", "fr",
     ("Islamist Militia (Burkina Faso)", "Military Forces of Burkina Faso (2022-)")),
    ("Gunmen killed twelve soldiers in an ambush near Djibo on Monday.", "en",
     ("Unidentified Armed Group (Burkina Faso)", "Military Forces of Burkina Faso (2022-)")),
    ("Des hommes armés ont tué douze soldats lors d'une embuscade lundi près de Djibo.", "fr",
     ("Unidentified Armed Group (Burkina Faso)", "Military Forces of Burkina Faso (2022-)")),
])
def test_people_killed_in_an_attack_are_its_victims(extract, text: str, lang: str, pair: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=PUBLISHED)
    assert [(e.event_type, (e.actor1, e.actor2)) for e in events] == [("Battles", pair)]


@pytest.mark.parametrize(("text", "lang"), [
    ("Four villagers were killed in an attack near Djibo on Monday.", "en"),
    ("Quatre bergers ont été tués lors d'une attaque lundi près de Djibo.", "fr"),
])
def test_civilians_killed_in_an_attack_are_not_a_mob(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=PUBLISHED)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Attack", "Unidentified Armed Group (Burkina Faso)", "Civilians (Burkina Faso)")]


def test_forces_among_the_victims_of_an_attack_make_it_a_fight(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Un civil et deux policiers ont perdu la vie lundi au cours d'une attaque près de Djibo.",
                     lang="fr", published=PUBLISHED)
    assert [e.event_type for e in events] == ["Battles"]


def test_an_attack_by_one_group_against_another_names_the_target_it_is_against(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Trois assaillants sont morts lundi près de Djibo au cours de l'assaut lancé par des "
                     "hommes armés contre une patrouille de l'armée.", lang="fr", published=PUBLISHED)
    assert [(e.actor1, e.actor2) for e in events] == [
        ("Unidentified Armed Group (Burkina Faso)", "Military Forces of Burkina Faso (2022-)")]


@pytest.mark.parametrize(("text", "lang"), [
    (("On Monday, six local workers of a Chinese mining company and a village chief were killed by gunmen "
     "who attacked their camp near Kéniéba."), "en"),
    (("Lundi, six ouvriers d'une société minière ont été tués par des hommes armés qui ont attaqué leur "
     "campement près de Kéniéba."), "fr"),
])
def test_people_killed_by_gunmen_who_attacked_their_camp_are_civilians(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=PUBLISHED)
    assert [(e.sub_event_type, e.actor2) for e in events] == [("Attack", "Civilians (Mali)")]


def test_soldiers_killed_by_gunmen_who_attacked_their_post_are_a_fight(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("On Monday, two soldiers were killed by gunmen who attacked their post near Kéniéba.",
                     lang="en", published=PUBLISHED)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Armed clash", 2)]


@pytest.mark.parametrize(("text", "lang"), [
    (("Gunmen killed four traders at the market of Ansongo on Sunday. The raid came weeks after an army "
     "offensive in the area killed nearly 200 militants, the ministry said."), "en"),
    (("Des hommes armés ont tué quatre commerçants dimanche au marché d'Ansongo. Il y a quelques mois, une "
     "offensive de l'armée dans la zone avait tué près de 200 combattants."), "fr"),
])
def test_an_event_recalled_only_as_weeks_or_months_before_is_not_coded(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=PUBLISHED)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Attack", 4)]


def test_a_recall_with_its_day_is_still_coded(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Gunmen killed four traders at the market of Ansongo on Sunday. Several weeks after the "
                     "coup, militants had attacked the camp of Boni on 12 January, killing 12 soldiers.",
                     lang="en", published=PUBLISHED)
    assert sorted((e.location, e.fatalities) for e in events) == [("Ansongo", 4), ("Boni", 12)]


@pytest.mark.parametrize(("text", "lang"), [
    (("Gunmen killed 12 villagers in Tillabéri on Friday. The victims were killed by gunmen loyal to ISGS, "
     "the ministry said."), "en"),
    (("Des hommes armés ont tué douze villageois vendredi à Tillabéri. Les victimes ont été tuées par des "
     "assaillants appartenant à l'État islamique au Grand Sahara, selon le ministère."), "fr"),
])
def test_the_group_a_later_sentence_says_killed_the_victims_is_the_attacker(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=date(2024, 3, 16))
    assert [(e.location, e.actor1, e.actor2) for e in events] == [
        ("Tillabéri", "Islamic State (Sahel)", "Civilians (Niger)")]


def test_villagers_killed_by_fighters_are_not_fighters_killed(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("On Friday, 30 villagers were killed in Tillabéri by fighters of the ISGS.",
                     lang="en", published=date(2024, 3, 16))
    assert [(e.sub_event_type, e.actor1, e.fatalities) for e in events] == [
        ("Attack", "Islamic State (Sahel)", 30)]


@pytest.mark.parametrize(("text", "lang"), [
    (("Gunmen killed four herders near Ansongo on Sunday. Since July 2022, more than 900 people have been "
     "killed in the region."), "en"),
    (("Des hommes armés ont tué quatre bergers dimanche près d'Ansongo. Depuis janvier 2022, plus de 900 "
     "personnes ont été tuées dans la région."), "fr"),
])
def test_a_toll_since_a_month_and_year_is_background(extract, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(text, lang=lang, published=PUBLISHED)
    assert [(e.location, e.fatalities) for e in events] == [("Ansongo", 4)]
