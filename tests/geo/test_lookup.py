"""Gazetteer.lookup: folded exact names, alternate names, ranking, fuzzy matches."""

from __future__ import annotations

import pytest

from conflictwatch.errors import GeocodeError
from conflictwatch.geo import fold


def test_lookup_finds_gogui_village_in_kayes_region(gazetteer):
    place = gazetteer.lookup("Gogui", country="ML")[0]
    assert (place.name, place.admin1, place.country) == ("Gogui", "Kayes", "Mali")
    assert place.latitude == pytest.approx(15.686, abs=0.001)
    assert place.longitude == pytest.approx(-9.330, abs=0.001)
    assert place.score == 1.0


def test_lookup_finds_a_town_by_its_alternate_name(gazetteer):
    place = gazetteer.lookup("Nioro du Sahel", country="ML")[0]
    assert (place.name, place.feature_code, place.admin1) == ("Nioro", "PPLA2", "Kayes")


@pytest.mark.parametrize("spelling", ["Segou", "Ségou", "SÉGOU", "ségou"])
def test_lookup_folds_case_and_accents(gazetteer, spelling):
    place = gazetteer.lookup(spelling, country="ML", fuzzy=False)[0]
    assert (place.geonameid, place.name, place.admin1) == (2451478, "Ségou", "Segou")


def test_fold_normalises_hyphens_apostrophes_and_accents():
    assert fold("Ti-n-Essako") == "ti n essako"
    assert fold("N’Débougou") == fold("N'Debougou") == "ndebougou"
    assert fold("  Ké–Macina ") == "ke macina"


def test_lookup_ranks_regional_capital_before_admin_area_of_same_name(gazetteer):
    codes = [p.feature_code for p in gazetteer.lookup("Mopti", country="ML", fuzzy=False)]
    assert codes[0] == "PPLA"
    assert codes.index("PPLA") < codes.index("ADM1")


def test_lookup_reports_admin_names_as_acled_writes_them(gazetteer):
    niono = gazetteer.lookup("Niono", country="ML", fuzzy=False)[0]
    assert (niono.admin1, niono.admin2) == ("Segou", "Niono")
    timbuktu = gazetteer.lookup("Tombouctou", country="ML", fuzzy=False)[0]
    assert (timbuktu.name, timbuktu.admin1, timbuktu.admin2) == ("Timbuktu", "Tombouctou", "Tombouctou")


def test_lookup_reports_menaka_places_in_menaka_region(gazetteer):
    menaka = gazetteer.lookup("Ménaka", country="ML", fuzzy=False)[0]
    assert (menaka.admin1, menaka.admin2) == ("Menaka", "Menaka")


def test_lookup_reports_taoudenit_places_in_tombouctou_region(gazetteer):
    place = gazetteer.lookup("Taoudenni", country="ML", fuzzy=False)[0]
    assert place.admin1 == "Tombouctou"


def test_lookup_uses_acled_country_names(gazetteer):
    assert gazetteer.lookup("Abidjan", country="CI")[0].country == "Ivory Coast"
    assert gazetteer.lookup("Ouagadougou")[0].country == "Burkina Faso"


def test_fuzzy_lookup_within_a_country_finds_a_misspelling(gazetteer):
    places = gazetteer.lookup("Modolo", country="ML")
    assert places[0].name == "Molodo"
    assert 0.75 <= places[0].score < 1.0
    assert all(p.country_code == "ML" for p in places)


def test_lookup_without_fuzzy_returns_only_exact_names(gazetteer):
    assert gazetteer.lookup("Modolo", country="ML", fuzzy=False) == []


def test_lookup_restricts_by_admin1(gazetteer):
    places = gazetteer.lookup("Niono", country="ML", admin1="Mopti")
    assert places and all(p.admin1 == "Mopti" for p in places)


def test_lookup_accepts_a_country_name(gazetteer):
    assert gazetteer.lookup("Gogui", country="Mali", fuzzy=False)[0].country_code == "ML"


def test_lookup_rejects_a_country_not_installed(gazetteer):
    with pytest.raises(GeocodeError, match="gazetteer install TD"):
        gazetteer.lookup("Abeche", country="TD")


def test_lookup_limits_the_candidates(gazetteer):
    assert len(gazetteer.lookup("Kouroukoro", limit=3)) <= 3


def test_country_name_and_capital(gazetteer):
    assert gazetteer.country_name("CI") == "Ivory Coast"
    capital = gazetteer.capital("ML")
    assert capital is not None and (capital.name, capital.feature_code) == ("Bamako", "PPLC")


def test_similarity_of_names_that_differ_only_in_vowels():
    from conflictwatch.geo._gazetteer import SKELETON_SCORE, similarity

    assert similarity("tarkint", "tarikent") == SKELETON_SCORE
    assert similarity("koro", "kara") < 0.8  # too short to trust the consonants alone
    assert similarity("tarkint", "darikent") < 0.8  # another first letter
