"""Reading the dateline of a report: which lines are datelines, what they state, where the story starts."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import pytest

from conflictwatch.ingest import Dateline, find_dateline

REFERENCE = date(2025, 11, 20)
WORDS = json.loads(resources.files("conflictwatch").joinpath("data", "ingest_dateline_words.json")
                   .read_text(encoding="utf-8"))

# (text, place, agency, published with REFERENCE, first words of the story)
DATELINES = [
    ("SIKASSO, Oct 14 (Reuters) - Gunmen burned a customs post overnight.",
     "SIKASSO", "Reuters", date(2025, 10, 14), "Gunmen burned"),
    ("ZINDER, Niger, Jan. 3 (Reuters) - Two soldiers died when their truck hit a mine.",
     "ZINDER", "Reuters", date(2025, 1, 3), "Two soldiers"),
    ("KOUTIALA, Mali (AP) — Cotton farmers said armed men seized their motorbikes.",
     "KOUTIALA", "AP", None, "Cotton farmers"),
    ("NOUAKCHOTT (AFP) - The coast guard intercepted a boat on Sunday.",
     "NOUAKCHOTT", "AFP", None, "The coast guard"),
    ("KAYA - Residents of the town fled towards the capital.",
     "KAYA", "", None, "Residents of"),
    ("BANFORA, Burkina Faso — A market was set on fire on Wednesday.",
     "BANFORA", "", None, "A market"),
    ("Bougouni - Les commerçants ont fermé leurs boutiques après l'attaque du marché.",
     "Bougouni", "", None, "Les commerçants"),
    ("Koulikoro, le 9 octobre 2025 – Des hommes armés ont incendié une école.",
     "Koulikoro", "", date(2025, 10, 9), "Des hommes"),
    ("AGADEZ, 12 juin (AFP) - Un convoi a été attaqué au nord de la ville.",
     "AGADEZ", "AFP", date(2025, 6, 12), "Un convoi"),
    ("Tahoua (AFP) - Deux gendarmes ont été blessés mardi.",
     "Tahoua", "AFP", None, "Deux gendarmes"),
    ("Kita, 3 mars 2024 (AFP) -Un bus a sauté sur une mine.",
     "Kita", "AFP", date(2024, 3, 3), "Un bus"),
    ("Nioro, le 1er mars 2024 - Une patrouille a essuyé des tirs.",
     "Nioro", "", date(2024, 3, 1), "Une patrouille"),
    ("DORI, 7 November 2024 - Hundreds of displaced people arrived.",
     "DORI", "", date(2024, 11, 7), "Hundreds of"),
    ("BOBO-DIOULASSO, Feb. 29 (AIB) - Traders protested against new taxes.",
     "BOBO-DIOULASSO", "AIB", date(2024, 2, 29), "Traders protested"),
    ("DAR ES SALAAM, Tuesday, Oct 14 (Reuters) -- Police dispersed a march.",
     "DAR ES SALAAM", "Reuters", date(2025, 10, 14), "Police dispersed"),
    ("Fada N'Gourma, lundi 3 novembre 2025 — Les écoles restent fermées.",
     "Fada N'Gourma", "", date(2025, 11, 3), "Les écoles"),
    ("TILLABÉRI, 5 janv. (ANP) - La route reste coupée.",
     "TILLABÉRI", "ANP", date(2025, 1, 5), "La route"),
    ("ABIDJAN, Côte d'Ivoire (A.F.P.) - « Nous avons peur », a dit un habitant.",
     "ABIDJAN", "AFP", None, "« Nous"),
    ("NIAMEY, Dec 24 (REUTERS) - 12 soldiers were killed.",
     "NIAMEY", "Reuters", date(2024, 12, 24), "12 soldiers"),
    ("SAN PEDRO (Xinhua) - Dock workers went on strike.",
     "SAN PEDRO", "Xinhua", None, "Dock workers"),
    ("BAMAKO (AMAP) - Le ministre a reçu les élus.",
     "BAMAKO", "AMAP", None, "Le ministre"),
    ("ZIGUINCHOR (APS) - Des pêcheurs ont manifesté.",  # an agency the data file lacks: the place is in capitals
     "ZIGUINCHOR", "APS", None, "Des pêcheurs"),
]


@pytest.mark.parametrize(("text", "place", "agency", "published", "story"), DATELINES,
                         ids=[t[0][:28] for t in DATELINES])
def test_dateline_is_read_with_its_place_agency_date_and_story_start(
        text: str, place: str, agency: str, published: date | None, story: str) -> None:
    found = find_dateline(text, reference=REFERENCE)
    assert found is not None
    assert (found.place, found.agency, found.published) == (place, agency, published)
    assert found.start == 0
    assert text[found.end:].startswith(story)


NOT_DATELINES = [
    "Mali - the army said it had killed ten fighters.",
    "Gunmen attacked Kita - killing four traders on Monday.",
    "Kayes - Soldiers were killed",  # a bare capitalised word needs a full sentence after it
    "Kati - Des tirs",
    "UPDATE - The army said on Monday it had killed ten fighters.",
    "Urgent - Des hommes armés ont attaqué le marché de la ville ce matin.",
    "Communiqué - Le gouvernement annonce un couvre-feu dans trois régions du pays.",
    "Reuters - The army said on Monday it had killed ten fighters.",
    "AFP - The army said on Monday it had killed ten fighters.",
    "ATTACK NEAR DORI - TEN DEAD",
    "KAYA - the convoy was hit at dawn.",
    "Monday, Oct 14 - The army said it had retaken the town.",
    "Mars - Les prix ont encore augmenté sur les marchés de la capitale.",
    "Gunmen (JNIM) - killed four people.",
    "Ten soldiers died in Kita - Officials said the toll could rise.",
    "The Kita road - Travellers say the checkpoint is gone.",
    "Kita, Kayes et Nioro - Les écoles sont fermées depuis lundi matin.",
    "SIKASSO, Oct 14 (Reuters) - gunmen burned a customs post.",
    "Sikasso: des hommes armés ont attaqué un poste.",
    "BAMAKO, Oct 14",
    "Tahoua (ministère) - Deux gendarmes ont été blessés mardi.",
    "",
]


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_ordinary_line_is_no_dateline(text: str) -> None:
    assert find_dateline(text, reference=REFERENCE) is None


def test_dateline_after_a_headline_spans_its_own_line() -> None:
    text = "Market torched in Kita\n\nKITA, March 2 (Reuters) - Gunmen set fire to the market."
    assert find_dateline(text, reference=REFERENCE) == Dateline(
        start=24, end=50, place="KITA", agency="Reuters", published=date(2025, 3, 2))


def test_dateline_after_a_french_timestamp_line_is_found() -> None:
    text = ("Attaque à Kati\nPublié le 21/05/2024 à 08h10, modifié à 09h45\n"
            "KATI, 19 mai (AFP) - Des hommes armés ont attaqué un poste.")
    found = find_dateline(text, reference=date(2024, 5, 21))
    assert found is not None
    assert (found.place, found.published) == ("KATI", date(2024, 5, 19))
    assert text[found.start:found.end] == "KATI, 19 mai (AFP) - "


def test_dateline_alone_on_its_line_ends_where_the_story_starts() -> None:
    text = "ZINDER, Oct 14 (Reuters) -\n\nTraders closed their shops."
    found = find_dateline(text, reference=REFERENCE)
    assert found is not None
    assert text[found.end:] == "Traders closed their shops."


def test_line_far_into_the_text_is_not_read_as_a_dateline() -> None:
    lines = [f"Paragraph {i} of the story says little." for i in range(10)]
    text = "\n".join([*lines, "KITA, Oct 14 (Reuters) - Gunmen attacked."])
    assert find_dateline(text, reference=REFERENCE) is None


def test_day_without_a_year_is_the_latest_such_day_not_after_the_reference() -> None:
    text = "KAYES, Dec 30 (Reuters) - Fighting resumed."
    assert find_dateline(text, reference=date(2026, 1, 2)).published == date(2025, 12, 30)  # type: ignore[union-attr]
    assert find_dateline(text, reference=date(2025, 12, 30)).published == date(2025, 12, 30)  # type: ignore[union-attr]


def test_day_without_a_year_and_no_reference_has_no_date() -> None:
    found = find_dateline("KAYES, Dec 30 (Reuters) - Fighting resumed.")
    assert found is not None
    assert (found.place, found.published) == ("KAYES", None)


def test_stated_year_is_kept_even_without_a_reference() -> None:
    found = find_dateline("Kayes, le 30 décembre 2023 - Les combats ont repris.")
    assert found is not None
    assert found.published == date(2023, 12, 30)


def test_29_february_without_a_year_is_the_last_leap_day() -> None:
    found = find_dateline("DORI, Feb 29 (AIB) - Traders protested.", reference=date(2027, 6, 1))
    assert found is not None
    assert found.published == date(2024, 2, 29)


def test_day_that_does_not_exist_leaves_the_date_unknown() -> None:
    found = find_dateline("DORI, 31 avril 2024 (AIB) - Les commerçants ont protesté.")
    assert found is not None
    assert (found.place, found.published) == ("DORI", None)


def test_language_picks_the_month_names_read() -> None:
    text = "AGADEZ, 12 juin (AFP) - Un convoi a été attaqué."
    assert find_dateline(text, reference=REFERENCE, lang="fr").published == date(2025, 6, 12)  # type: ignore[union-attr]
    assert find_dateline(text, reference=REFERENCE, lang="en") is None


def test_data_file_has_a_name_and_a_version() -> None:
    assert (WORDS["name"], WORDS["version"]) == ("ingest_dateline_words", 1)
    assert WORDS["description"]


@pytest.mark.parametrize(("written", "name"), sorted(WORDS["agencies"].items()))
def test_every_agency_of_the_data_file_is_read_as_that_agency(written: str, name: str) -> None:
    found = find_dateline(f"Kayes ({written}) - Traders closed their shops.")
    assert found is not None
    assert (found.place, found.agency) == ("Kayes", name)


@pytest.mark.parametrize("written", sorted(WORDS["agencies"]))
def test_no_agency_of_the_data_file_is_taken_for_a_place(written: str) -> None:
    assert find_dateline(f"{written} - The army said on Monday it had retaken the town.") is None


@pytest.mark.parametrize("word", WORDS["not_places"])
def test_no_headline_kicker_of_the_data_file_is_taken_for_a_place(word: str) -> None:
    for written in (word.capitalize(), word.upper()):
        assert find_dateline(f"{written} - The army said on Monday it had retaken the town.") is None
