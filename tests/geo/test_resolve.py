"""Gazetteer.resolve: one place per name, chosen with what the report says around it."""

from __future__ import annotations

import pytest

from conflictwatch.geo import GeoContext, same_first_sound


def _ctx(gazetteer, *, areas=(), places=(), countries=None):
    kw = {} if countries is None else {"countries": countries}
    return GeoContext(admin_areas=tuple(gazetteer.admin_area(a, country="ML") for a in areas),
                      places=tuple(gazetteer.lookup(p, country="ML", fuzzy=False)[0] for p in places),
                      **kw)


def test_resolve_picks_the_segou_niono_beside_segou_region(gazetteer):
    place = gazetteer.resolve("Niono", context=_ctx(gazetteer, areas=["Ségou region"]))
    assert (place.name, place.country_code, place.admin1) == ("Niono", "ML", "Segou")


def test_resolve_follows_a_named_area_across_the_border(gazetteer):
    kankan = gazetteer.admin_area("Kankan region", country="GN")
    place = gazetteer.resolve("Niono", context=GeoContext(admin_areas=(kankan,)))
    assert (place.country_code, place.admin1) == ("GN", "Kankan")


@pytest.mark.parametrize(
    ("areas", "places", "admin2"),
    [
        (["Douentza region"], [], "Douentza"),
        ([], ["Hombori"], "Douentza"),
        (["cercle de Kita"], [], "Kita"),
    ],
)
def test_resolve_tells_namesakes_apart_by_context(gazetteer, areas, places, admin2):
    place = gazetteer.resolve("Boni", context=_ctx(gazetteer, areas=areas, places=places))
    assert (place.name, place.country_code, place.admin2) == ("Boni", "ML", admin2)


def test_resolve_prefers_the_main_name_over_an_alternate_name(gazetteer):
    assert gazetteer.resolve("Boni", context=GeoContext()).name == "Boni"


def test_resolve_accepts_a_misspelling_near_another_place_of_the_report(gazetteer):
    place = gazetteer.resolve("Modolo", context=_ctx(gazetteer, places=["Niono"]))
    assert place is not None and (place.name, place.admin2) == ("Molodo", "Niono")
    assert place.score < 1.0


def test_resolve_accepts_a_misspelling_inside_a_named_area(gazetteer):
    place = gazetteer.resolve("Modolo", context=_ctx(gazetteer, areas=["Ségou region"]))
    assert place is not None and place.name == "Molodo"


def test_resolve_rejects_a_misspelling_without_context(gazetteer):
    assert gazetteer.resolve("Modolo", context=GeoContext()) is None


def test_resolve_rejects_a_misspelling_far_from_the_report_places(gazetteer):
    assert gazetteer.resolve("Modolo", context=_ctx(gazetteer, places=["Kayes"], areas=["Gao region"])) is None


@pytest.mark.parametrize("word", ["Central", "Tuesday", "Army", "Camp", "Sud", "Nord", "Mali", "Niger", "the Sahel"])
def test_resolve_ignores_common_words_that_are_also_village_names(gazetteer, word):
    assert gazetteer.resolve(word, context=GeoContext()) is None


def test_resolve_ignores_very_short_names(gazetteer):
    assert gazetteer.resolve("Bo", context=GeoContext()) is None


def test_resolve_finds_a_spelling_from_the_alias_file(gazetteer):
    place = gazetteer.resolve("Diabaly", context=GeoContext())
    assert (place.name, place.admin1) == ("Diabali", "Segou")


def test_resolve_prefers_the_first_country_for_an_exact_name(gazetteer):
    place = gazetteer.resolve("Boni", context=GeoContext(countries=("BF", "ML")))
    assert place.country_code == "BF"


def test_resolve_rejects_a_near_spelling_with_another_first_letter(gazetteer):
    assert gazetteer.lookup("Tolodo", fuzzy=False) == []
    assert gazetteer.resolve("Tolodo", context=_ctx(gazetteer, places=["Niono"])) is None


def test_resolve_prefers_the_namesake_that_shares_its_cercle_name(gazetteer):
    place = gazetteer.resolve("Kenieba", context=_ctx(gazetteer, areas=["Kayes region"]))
    assert (place.name, place.admin2) == ("Kéniéba", "Kenieba")


_REST = ("BF", "MR", "SN", "GN", "CI")


def test_resolve_leaves_a_minor_namesake_abroad_without_support(gazetteer):
    # Tongo Tongo is a Nigerien village; a report that neither names Niger nor a place near it
    # more likely misspells a Malian place, or names one GeoNames lacks.
    assert gazetteer.lookup("Tongo Tongo", country="NE", fuzzy=False)
    assert gazetteer.resolve("Tongo Tongo", context=GeoContext()) is None


@pytest.mark.parametrize("context", [
    GeoContext(named=("NE",)),
    GeoContext(countries=("ML", "NE", *_REST)),  # named countries come before the default order
    GeoContext(countries=("NE", "ML", *_REST)),
])
def test_resolve_accepts_a_namesake_in_a_country_the_report_names(gazetteer, context):
    assert gazetteer.resolve("Tongo Tongo", context=context).country_code == "NE"


def test_resolve_accepts_a_namesake_abroad_near_another_place_of_the_report(gazetteer):
    ayorou = gazetteer.lookup("Ayorou", country="NE", fuzzy=False)[0]
    place = gazetteer.resolve("Tongo Tongo", context=GeoContext(places=(ayorou,)))
    assert (place.name, place.country_code) == ("Tongo Tongo", "NE")


def test_resolve_accepts_a_town_that_matters_abroad_without_support(gazetteer):
    place = gazetteer.resolve("Djibo", context=GeoContext())
    assert (place.country_code, place.feature_code) == ("BF", "PPLA2")


def test_resolve_prefers_a_close_spelling_at_home_to_a_village_abroad(gazetteer):
    # "Domoni" is exactly a Burkinabe village 60 km from Koro; Domni lies in the cercle of Koro.
    koro = gazetteer.lookup("Koro", country="ML", fuzzy=False)[0]
    place = gazetteer.resolve("Domoni", context=GeoContext(places=(koro,)))
    assert (place.name, place.country_code, place.admin2) == ("Domni", "ML", "Koro")
    assert place.score < 1.0
    assert gazetteer.resolve("Domoni", context=GeoContext(countries=("BF", "ML", "NE", *_REST[1:]))
                             ).country_code == "BF"


@pytest.mark.parametrize("acronym", ["AMA", "MOC", "CMA", "HCUA"])
def test_resolve_reads_short_words_in_capitals_as_acronyms(gazetteer, acronym):
    assert gazetteer.resolve(acronym, context=GeoContext()) is None


def test_resolve_still_reads_a_regional_capital_written_in_capitals(gazetteer):
    assert gazetteer.resolve("Ama", context=GeoContext()).name == "Ama"
    place = gazetteer.resolve("GAO", context=GeoContext())
    assert (place.name, place.feature_code) == ("Gao", "PPLA")


def test_resolve_treats_w_and_v_spellings_as_the_same_start(gazetteer):
    tenenkou = gazetteer.lookup("Tenenkou", country="ML", fuzzy=False)[0]
    place = gazetteer.resolve("Welingara", context=GeoContext(places=(tenenkou,)))
    assert (place.name, place.admin2) == ("Velingara", "Tenenkou")


def test_resolve_reads_an_english_possessive_as_the_place(gazetteer):
    assert gazetteer.resolve("Gao\u2019s", context=GeoContext()).name == "Gao"
    assert gazetteer.resolve("Mali's", context=GeoContext()) is None


def test_resolve_accepts_a_spelling_with_other_vowels_inside_a_named_area(gazetteer):
    # GeoNames writes the Bourem well "Tarikent"; reports write "Tarkint".
    gao = gazetteer.admin_area("Gao region", country="ML")
    place = gazetteer.resolve("Tarkint", context=GeoContext(admin_areas=(gao,)))
    assert (place.name, place.feature_code, place.admin1) == ("Tarikent", "WLL", "Gao")
    assert place.score < 1.0
    assert gazetteer.resolve("Tarkint", context=GeoContext()) is None


@pytest.mark.parametrize(("a", "b", "same"), [("Kayes", "Cayes", True), ("Ouagadou", "Wagadou", True),
                                              ("Djenne", "Jenne", True), ("Dinangourou", "Tinngourou", False)])
def test_misspellings_keep_the_first_sound(a: str, b: str, same: bool) -> None:
    assert same_first_sound(a, b) is same
