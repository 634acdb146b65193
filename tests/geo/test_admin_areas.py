"""Gazetteer.admin_area: regions and cercles as reports name them."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "level", "admin1", "admin2", "capital"),
    [
        ("Ségou region", 1, "Segou", "", "Ségou"),
        ("Kayes region", 1, "Kayes", "", "Kayes"),
        ("région de Mopti", 1, "Mopti", "", "Mopti"),
        ("Gao Region", 1, "Gao", "", "Gao"),
        ("Timbuktu region", 1, "Tombouctou", "", "Timbuktu"),
        ("the Menaka region", 1, "Menaka", "", "Ménaka"),
        ("Douentza region", 2, "Mopti", "Douentza", "Douentza"),
        ("Nioro du Sahel region", 2, "Kayes", "Nioro", "Nioro"),
        ("cercle de Bankass", 2, "Mopti", "Bankass", "Bankass"),
        ("Niono cercle", 2, "Segou", "Niono", "Niono"),
        ("cercle de Ségou", 2, "Segou", "Segou", "Ségou"),
    ],
)
def test_admin_area_resolves_report_phrasing(gazetteer, text, level, admin1, admin2, capital):
    area = gazetteer.admin_area(text, country="ML")
    assert area is not None
    assert (area.level, area.admin1, area.admin2, area.country) == (level, admin1, admin2, "Mali")
    assert area.capital is not None and area.capital.name == capital


def test_admin_area_prefers_mali_without_a_country(gazetteer):
    area = gazetteer.admin_area("Mopti region")
    assert area is not None and area.country_code == "ML"


def test_admin_area_finds_neighbouring_countries_regions(gazetteer):
    area = gazetteer.admin_area("Tillabéri region", country="NE")
    assert area is not None and (area.level, area.admin1, area.country) == (1, "Tillaberi", "Niger")


def test_admin_area_returns_none_for_unknown_names(gazetteer):
    assert gazetteer.admin_area("Atlantis region") is None
    assert gazetteer.admin_area("region") is None


def test_admin_area_contains_its_places(gazetteer):
    area = gazetteer.admin_area("cercle de Niono", country="ML")
    niono = gazetteer.lookup("Niono", country="ML", fuzzy=False)[0]
    gogui = gazetteer.lookup("Gogui", country="ML", fuzzy=False)[0]
    assert area.contains(niono) and not area.contains(gogui)
