"""The geo data files: every alias, spelling and stopword entry is well formed and used."""

from __future__ import annotations

import pytest

from conflictwatch.geo import fold
from conflictwatch.geo._install import read_data_csv


@pytest.mark.parametrize("entry", read_data_csv("geo_aliases.csv"), ids=lambda e: e["alias"])
def test_every_alias_points_to_an_existing_entry_of_its_country(gazetteer, entry):
    place = gazetteer.get(int(entry["geonameid"]))
    assert place is not None and place.country_code == entry["country"]
    assert int(entry["geonameid"]) in {p.geonameid for p in gazetteer.lookup(entry["alias"], fuzzy=False)}


@pytest.mark.parametrize("entry", read_data_csv("geo_admin_names.csv"), ids=lambda e: e["name"])
def test_every_admin_spelling_names_an_existing_admin_code(gazetteer, entry):
    area = gazetteer.admin_area(f"cercle de {entry['name']}", country=entry["country"])
    assert area is not None and area.code == entry["code"] and area.admin2 == entry["name"]


@pytest.mark.parametrize("entry", read_data_csv("geo_admin1_report.csv"), ids=lambda e: e["admin1_code"])
def test_every_admin1_report_rule_names_installed_regions(gazetteer, entry):
    names = gazetteer._admin_names[entry["country"]]
    assert f"{entry['country']}.{entry['admin1_code']}" in names
    assert f"{entry['country']}.{entry['parent_code']}" in names


@pytest.mark.parametrize("entry", read_data_csv("geo_countries.csv"), ids=lambda e: e["iso2"])
def test_every_country_row_is_complete(entry):
    assert len(entry["iso2"]) == 2 and entry["name"] and int(entry["iso_numeric"]) > 0 and entry["region"]


def test_stopwords_are_folded_words():
    from conflictwatch.geo._gazetteer import _stopwords

    words = _stopwords()
    assert "tuesday" in words and "central" in words
    assert all(w == fold(w) and w for w in words)
