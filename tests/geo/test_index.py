"""The gazetteer's index file: opened lazily, and its look-up lists hold exactly what a scan of
every row would find, in the order the in-memory index of earlier versions had."""

from __future__ import annotations

import logging
import pickle
import random
from pathlib import Path

import pytest

from conflictwatch.errors import GazetteerMissing
from conflictwatch.geo import Gazetteer, install_gazetteer
from conflictwatch.geo._gazetteer import NEAR_KM, distance_km
from conflictwatch.geo._index import INDEX_FORMAT, IndexFile, read_index
from conflictwatch.geo._install import _build_index, _read_existing, index_path, legacy_index_path
from conflictwatch.text import fold_key
from tests.conftest import GEONAMES_DIR


@pytest.fixture(scope="module")
def whole(gazetteer_home: Path) -> dict:
    """The whole index read back into memory, as the install built it."""
    return read_index(IndexFile(index_path(gazetteer_home)))


def _points(rows: list, n: int) -> list[tuple[float, float]]:
    rng = random.Random(13)
    # places themselves (neighbours at every distance) and points between them
    picked = [(r[3], r[4]) for r in rng.sample(rows, n)]
    return picked + [(lat + rng.uniform(-0.4, 0.4), lon + rng.uniform(-0.4, 0.4)) for lat, lon in picked]


def test_opening_the_gazetteer_reads_no_rows_and_no_names(gazetteer_home: Path) -> None:
    gaz = Gazetteer.load(gazetteer_home)
    assert len(gaz._rows) == 0 and len(gaz._names) == 0
    assert gaz.lookup("Gogui", country="ML", fuzzy=False)[0].admin1 == "Kayes"
    assert 0 < len(gaz._rows) < 20


def test_the_index_holds_the_rows_and_names_the_install_built(gazetteer_home: Path, whole: dict) -> None:
    existing = _read_existing(index_path(gazetteer_home))
    built = _build_index(existing["rows"], existing["admin_names"])
    assert whole["rows"] == built["rows"]
    assert list(whole["names"].items()) == list(built["names"].items())  # same keys, same order
    assert whole["compact"] == built["compact"]
    assert whole["country_keys"] == built["country_keys"]


def test_near_keys_are_the_names_of_every_place_within_near_km_in_the_order_of_a_cell_scan(
        gazetteer: Gazetteer, whole: dict) -> None:
    rows = whole["rows"]
    row_keys: list[list[str]] = [[] for _ in rows]
    for key, ids in whole["names"].items():
        for i in ids:
            row_keys[i].append(key)
    for lat, lon in _points(rows, 8):
        cell = (int(lat // 1), int(lon // 1))
        order = sorted((i for i, r in enumerate(rows) if distance_km(r[3], r[4], lat, lon) <= NEAR_KM),
                       key=lambda i: ((int(rows[i][3] // 1) - cell[0]) * 3 + int(rows[i][4] // 1) - cell[1], i))
        expected = list(dict.fromkeys(k for i in order for k in row_keys[i]))
        assert list(gazetteer._near_keys(lat, lon)) == expected, (lat, lon)


@pytest.mark.parametrize("admin1", ["Mopti", "Tombouctou", "Gao", "Kidal", "Sikasso"])
def test_the_names_of_a_region_are_those_of_its_places_in_the_countrys_order(gazetteer: Gazetteer, whole: dict,
                                                                                admin1: str) -> None:
    a1 = fold_key(admin1)
    expected = [k for k in whole["country_keys"]["ML"]
                if any(whole["rows"][i][7] == "ML" and fold_key(whole["rows"][i][9]) == a1
                       for i in whole["names"][k])]
    assert expected
    assert list(gazetteer._choices("ML", admin1)) == expected


def test_a_region_can_be_named_by_its_admin1_code(gazetteer: Gazetteer, whole: dict) -> None:
    code = next(r[8] for r in whole["rows"] if r[7] == "ML" and r[9] == "Mopti")
    assert list(gazetteer._choices("ML", code)) == list(gazetteer._choices("ML", "Mopti"))


def test_a_place_is_found_by_its_geonames_id(gazetteer: Gazetteer) -> None:
    place = gazetteer.lookup("Gogui", country="ML", fuzzy=False)[0]
    assert gazetteer.get(place.geonameid) == place
    assert gazetteer.get(1) is None


def test_a_gazetteer_built_in_memory_answers_like_the_installed_one(gazetteer: Gazetteer, whole: dict) -> None:
    in_memory = Gazetteer(whole)
    assert in_memory.fingerprint == gazetteer.fingerprint
    for name in ("Gogui", "Segou", "Tombouctou", "Mopti"):
        assert in_memory.lookup(name) == gazetteer.lookup(name)


def _old_install(tmp_path: Path) -> Path:
    """A data directory as conflictwatch with index format 3 left it: the index a pickle."""
    home = tmp_path / "home"
    install_gazetteer(["ML"], data_dir=home, source_dir=GEONAMES_DIR)
    whole = read_index(IndexFile(index_path(home)))
    legacy_index_path(home).write_bytes(pickle.dumps({**whole, "format": 3}))
    index_path(home).unlink()
    return home


def test_an_old_pickle_index_is_rebuilt_on_load_with_a_message(tmp_path: Path,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    home = _old_install(tmp_path)
    with caplog.at_level(logging.WARNING, logger="conflictwatch.geo"):
        gaz = Gazetteer.load(home)
    assert gaz.lookup("Gogui", country="ML", fuzzy=False)[0].admin1 == "Kayes"
    assert index_path(home).is_file() and not legacy_index_path(home).exists()
    (message,) = [r.getMessage() for r in caplog.records]
    assert message.startswith(f"The gazetteer in {home} was indexed by another version of conflictwatch "
                              "(gazetteer.pickle, an index of an older conflictwatch): rebuilt its index "
                              "gazetteer.sqlite3 from the installed sources (")


def test_an_index_of_another_format_is_rebuilt_on_load(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    home = tmp_path / "home"
    install_gazetteer(["ML"], data_dir=home, source_dir=GEONAMES_DIR)
    import sqlite3

    con = sqlite3.connect(index_path(home))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'format'")
    con.commit()
    con.close()
    with caplog.at_level(logging.WARNING, logger="conflictwatch.geo"):
        gaz = Gazetteer.load(home)
    assert f"(index format 99, not {INDEX_FORMAT})" in caplog.records[0].getMessage()
    assert IndexFile(index_path(home)).meta()["format"] == INDEX_FORMAT
    assert gaz.lookup("Gogui", country="ML", fuzzy=False)


def test_an_old_index_without_its_sources_says_to_run_setup_again(tmp_path: Path) -> None:
    home = _old_install(tmp_path)
    (home / "gazetteer" / "sources.pickle").unlink()
    with pytest.raises(GazetteerMissing, match=r"made by another version of conflictwatch and its sources "
                                               r"cannot be read to index it again: run `conflictwatch setup`"):
        Gazetteer.load(home)


def test_a_damaged_index_says_what_to_do(tmp_path: Path) -> None:
    home = tmp_path / "home"
    install_gazetteer(["ML"], data_dir=home, source_dir=GEONAMES_DIR)
    index_path(home).write_bytes(b"not a database" * 100)
    with pytest.raises(GazetteerMissing) as err:
        Gazetteer.load(home)
    assert str(err.value).startswith(f"The gazetteer in {index_path(home)} cannot be read (")
    assert str(err.value).endswith("run `conflictwatch setup` (or `conflictwatch setup --from DIR` offline) again")


def test_a_gazetteer_opened_before_a_reinstall_keeps_reading_its_own_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    install_gazetteer(["ML"], data_dir=home, source_dir=GEONAMES_DIR)
    before = Gazetteer.load(home)
    install_gazetteer(["SN"], data_dir=home, source_dir=GEONAMES_DIR)
    assert before.lookup("Gogui", country="ML", fuzzy=False)
    assert before.countries == ("ML",) and Gazetteer.load(home).countries == ("ML", "SN")
