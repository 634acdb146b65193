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
    events = extract("Un camion a sauté sur une mine samedi près de Kidal, tuant deux civils. "
                     "Le camion qui a explosé samedi transportait des ouvriers marocains et tunisiens.",
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
