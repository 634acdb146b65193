"""Gazetteer.resolve: one place per name, chosen with what the report says around it."""

from __future__ import annotations

import pytest

from conflictwatch.geo import GeoContext


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
