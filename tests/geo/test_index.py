"""The gazetteer's look-up indexes hold exactly what a scan of every row would find."""

from __future__ import annotations

import random

import pytest

from conflictwatch.geo import Gazetteer
from conflictwatch.geo._gazetteer import NEAR_KM, distance_km
from conflictwatch.text import fold_key


def _points(gazetteer: Gazetteer, n: int) -> list[tuple[float, float]]:
    rng = random.Random(13)
    rows = gazetteer._rows
    # places themselves (neighbours at every distance) and points between them
    picked = [(r[3], r[4]) for r in rng.sample(rows, n)]
    return picked + [(lat + rng.uniform(-0.4, 0.4), lon + rng.uniform(-0.4, 0.4)) for lat, lon in picked]


def test_near_keys_are_the_names_of_every_place_within_near_km(gazetteer: Gazetteer) -> None:
    row_keys, _ = gazetteer._spatial()
    for lat, lon in _points(gazetteer, 8):
        expected = {k for i, r in enumerate(gazetteer._rows) if distance_km(r[3], r[4], lat, lon) <= NEAR_KM
                    for k in row_keys[i]}
        assert set(gazetteer._near_keys(lat, lon)) == expected, (lat, lon)


@pytest.mark.parametrize("admin1", ["Mopti", "Tombouctou", "Gao", "Kidal", "Sikasso"])
def test_the_names_of_a_region_are_those_of_its_places_in_the_countrys_order(gazetteer: Gazetteer,
                                                                                admin1: str) -> None:
    a1 = fold_key(admin1)
    expected = [k for k in gazetteer._country_keys["ML"]
                if any(gazetteer._rows[i][7] == "ML" and fold_key(gazetteer._rows[i][9]) == a1
                       for i in gazetteer._names[k])]
    assert expected
    assert list(gazetteer._choices("ML", admin1)) == expected


def test_a_region_can_be_named_by_its_admin1_code(gazetteer: Gazetteer) -> None:
    code = next(r[8] for r in gazetteer._rows if r[7] == "ML" and r[9] == "Mopti")
    assert list(gazetteer._choices("ML", code)) == list(gazetteer._choices("ML", "Mopti"))
