"""Adding an OCHA COD settlements list to the gazetteer (``add_settlements``, ``gazetteer add-settlements``).

Each test works on its own copy of a gazetteer of Mali installed once from ../shared/data/geonames,
and writes its own small settlements CSV (OCHA's column layout, rows written for these tests).
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictwatch.cli import app
from conflictwatch.errors import GazetteerMissing, GeocodeError
from conflictwatch.geo import Gazetteer, add_settlements, install_gazetteer, settlements_installed
from conflictwatch.geo._settlements import ID_BASE, extra_sources_path, repair_mojibake
from tests.conftest import GEONAMES_DIR, SHARED

OCHA_MALI = SHARED / "data" / "ocha" / "mali_settlements_2015.csv"
COLUMNS = ["id", "longitude", "latitude", "featureNam", "pcode", "featureRef", "featureAlt", "featureA_1",
           "popPlaceCl", "popPlace_1", "admin0Name", "admin0Pcod", "admin1Name", "admin1Pcod",
           "admin2Name", "admin2Pcod", "admin3Name", "admin3Pcod", "date", "validOn"]

# (name, latitude, longitude, pcode, popPlaceCl, admin1Name, admin2Name, featureAlt)
VILLAGES = [
    ("Bangassi-Doudou", 14.5385, -11.4883, "ML010101002", "5", "Kayes", "Kayes", ""),
    ("GuÃ©dÃ©binÃ©", 14.6000, -11.0000, "ML010102003", "5", "Kayes", "Kayes", ""),
    ("Boulkessi", 15.0000, -1.3500, "ML050301004", "5", "Mopti", "Douentza", "Boulkessy"),
    ("Boulkessi", 15.0000, -1.3500, "ML050301005", "5", "Mopti", "Douentza", ""),
    ("Boulkessi", 15.0020, -1.3480, "ML050301006", "5", "Mopti", "Douentza", "Boulkessi Peulh"),
    ("Welingara", 15.1000, -7.5000, "ML020601007", "4", "Koulikouro", "Nara", ""),
    ("Tidermène", 16.2500, 2.4900, "ML070401008", "5", "Gao", "Menaka", ""),
    ("Samantara Koura", 14.7200, -10.2900, "ML010601009", "5", "Kayes", "", ""),
]


def write_csv(path: Path, villages: list[tuple[str, float, float, str, str, str, str, str]],
              *, header: list[str] = COLUMNS) -> Path:
    """An OCHA-like CSV of ``villages``; a village's commune (admin3Pcod) is its pcode's first 8 characters."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for n, (name, lat, lon, pcode, klass, admin1, admin2, alt) in enumerate(villages):
            writer.writerow([n + 1, lon, lat, name, pcode, name, alt, "", klass, "", "Mali", "ML", admin1,
                             "", admin2, "", "", pcode[:8], "2015-02-02 00:00:00", "2015-04-24 00:00:00"])
    return path


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with only Mali's GeoNames gazetteer, installed once for this module."""
    home = tmp_path_factory.mktemp("ml-only")
    install_gazetteer(["ML"], data_dir=home, source_dir=GEONAMES_DIR)
    return home


@pytest.fixture
def home(pristine: Path, tmp_path: Path) -> Path:
    """A copy of the pristine gazetteer that a test may change."""
    target = tmp_path / "home"
    shutil.copytree(pristine, target)
    return target


@pytest.fixture
def villages_csv(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "villages.csv", VILLAGES)


def only(gaz: Gazetteer, name: str):
    places = gaz.lookup(name, country="ML", fuzzy=False)
    assert len(places) == 1, places
    return places[0]


def test_the_test_villages_are_missing_from_geonames(pristine):
    gaz = Gazetteer.load(pristine)
    for name in ("Bangassi-Doudou", "Guédébiné", "Boulkessi", "Welingara", "Tidermène", "Samantara Koura"):
        assert gaz.lookup(name, country="ML", fuzzy=False) == []


def test_lookup_finds_an_added_village_with_its_admin_areas(home, villages_csv):
    add_settlements(villages_csv, data_dir=home)
    place = only(Gazetteer.load(home), "Bangassi Doudou")
    assert (place.name, place.feature_class, place.feature_code) == ("Bangassi-Doudou", "P", "PPL")
    assert (place.admin1, place.admin2, place.country) == ("Kayes", "Kayes", "Mali")
    assert (place.latitude, place.longitude) == (14.5385, -11.4883)


def test_popplacecl_gives_the_feature_code(home, villages_csv):
    add_settlements(villages_csv, data_dir=home)
    assert only(Gazetteer.load(home), "Welingara").feature_code == "PPLA3"


def test_admin_names_follow_the_gazetteer_spelling_and_regions(home, villages_csv):
    add_settlements(villages_csv, data_dir=home)
    gaz = Gazetteer.load(home)
    # OCHA's "Koulikouro" region is reported as GeoNames's Koulikoro.
    assert (only(gaz, "Welingara").admin1, only(gaz, "Welingara").admin2) == ("Koulikoro", "Nara")
    # Ménaka's cercle, in Gao before 2016, is reported in the Menaka region like GeoNames's places.
    assert (only(gaz, "Tidermene").admin1, only(gaz, "Tidermene").admin2) == ("Menaka", "Menaka")


def test_a_village_without_a_known_cercle_takes_the_admin_areas_of_the_nearest_place(home, villages_csv):
    add_settlements(villages_csv, data_dir=home)
    place = only(Gazetteer.load(home), "Samantara Koura")
    assert (place.admin1, place.admin2) == ("Kayes", "Nioro")


@pytest.mark.parametrize(("broken", "repaired"), [
    ("SandarÃ©", "Sandaré"),
    ("KaÃ¯", "Kaï"),
    ("TinzawatÃ¨ne", "Tinzawatène"),
    ("Sandaré".encode().decode("cp1252").encode().decode("cp1252"), "Sandaré"),
    ("Ségou", "Ségou"),
    ("N'Tomikoro", "N'Tomikoro"),
    ("Tombouctou", "Tombouctou"),
    ("Côte d’Ivoire", "Côte d’Ivoire"),
])
def test_repair_mojibake_undoes_utf8_read_as_cp1252_only(broken, repaired):
    assert repair_mojibake(broken) == repaired


def test_mojibake_names_are_repaired_and_counted(home, villages_csv):
    report = add_settlements(villages_csv, data_dir=home)
    assert report.repaired == 1
    place = only(Gazetteer.load(home), "Guédébiné")
    assert (place.name, place.asciiname) == ("Guédébiné", "Guedebine")


def test_exact_and_near_duplicates_are_dropped_keeping_their_names(home, villages_csv):
    report = add_settlements(villages_csv, data_dir=home)
    assert report.duplicates == 2
    gaz = Gazetteer.load(home)
    place = only(gaz, "Boulkessi")
    assert only(gaz, "Boulkessy") == place
    assert only(gaz, "Boulkessi Peulh") == place


def test_a_name_with_a_note_in_brackets_is_also_found_without_it(home, tmp_path):
    path = write_csv(tmp_path / "note.csv", [
        ("Boulkessi (Hameau de Mondoro)", 15.0, -1.35, "ML050301001", "5", "Mopti", "Douentza", ""),
    ])
    add_settlements(path, data_dir=home)
    assert only(Gazetteer.load(home), "Boulkessi").name == "Boulkessi (Hameau de Mondoro)"


def test_a_commune_seat_listed_again_as_a_village_of_its_commune_is_one_place(home, tmp_path):
    path = write_csv(tmp_path / "seat.csv", [
        ("Boulkessi", 15.0000, -1.3500, "ML050301000", "4", "Mopti", "Douentza", ""),
        ("Boulkessi", 15.0000, -1.3800, "ML050301007", "5", "Mopti", "Douentza", ""),  # 3.2 km, same commune
        ("Boulkessi", 15.0000, -1.3900, "ML050302001", "5", "Mopti", "Douentza", ""),  # another commune
    ])
    report = add_settlements(path, data_dir=home)
    assert (report.duplicates, report.added) == (1, 2)
    found = Gazetteer.load(home).lookup("Boulkessi", fuzzy=False)
    assert [(p.feature_code, p.longitude) for p in found] == [("PPLA3", -1.35), ("PPL", -1.39)]


def test_a_settlement_named_like_a_country_is_skipped(home, tmp_path):
    path = write_csv(tmp_path / "mali.csv", [("Mali", 13.01, -11.07, "ML010408031", "5", "Kayes", "Kenieba", "")])
    report = add_settlements(path, data_dir=home)
    assert (report.read, report.skipped, report.added) == (1, 1, 0)
    assert Gazetteer.load(home).lookup("Mali", country="ML", fuzzy=False) == []


def test_a_namesake_of_a_nearby_geonames_place_is_merged_into_it(home, tmp_path):
    gaz = Gazetteer.load(home)
    diabali = only(gaz, "Diabali")
    douentza = next(p for p in gaz.lookup("Douentza", fuzzy=False) if p.feature_code == "PPLA2")
    path = write_csv(tmp_path / "merge.csv", [
        # 0.5 km from GeoNames's Diabali, with a spelling GeoNames lacks
        ("Diabali", diabali.latitude + 0.004, diabali.longitude, "ML040101001", "4", "Segou", "Niono",
         "Diabali Kouroumarie"),
        # a cercle seat 9 km from GeoNames's: the same town
        ("Douentza", douentza.latitude + 0.08, douentza.longitude, "ML050101002", "3", "Mopti", "Douentza", ""),
    ])
    assert gaz.lookup("Diabali Kouroumarie", fuzzy=False) == []
    report = add_settlements(path, data_dir=home)
    assert (report.merged, report.added) == (2, 0)
    after = Gazetteer.load(home)
    assert only(after, "Diabali Kouroumarie").geonameid == diabali.geonameid
    assert [p.geonameid for p in after.lookup("Diabali", fuzzy=False)] == [diabali.geonameid]


def test_a_namesake_farther_away_is_a_place_of_its_own(home, tmp_path):
    diabali = only(Gazetteer.load(home), "Diabali")
    path = write_csv(tmp_path / "far.csv", [
        ("Diabali", diabali.latitude + 0.05, diabali.longitude, "ML040101001", "5", "Segou", "Niono", ""),
    ])
    report = add_settlements(path, data_dir=home)
    assert (report.merged, report.added) == (0, 1)
    found = Gazetteer.load(home).lookup("Diabali", fuzzy=False)
    assert [p.geonameid >= ID_BASE for p in found] == [False, True]
    assert found[0].geonameid == diabali.geonameid


def test_adding_the_same_file_again_changes_nothing(home, villages_csv):
    first = add_settlements(villages_csv, data_dir=home)
    rows = len(Gazetteer.load(home)._all_rows())
    second = add_settlements(villages_csv, data_dir=home)
    assert second == first
    assert len(Gazetteer.load(home)._all_rows()) == rows == first.total_rows


def test_a_later_install_keeps_the_settlements(home, villages_csv):
    add_settlements(villages_csv, data_dir=home)
    assert extra_sources_path(home).parent == home / "gazetteer" and extra_sources_path(home).is_file()
    install_gazetteer(["ML"], data_dir=home, source_dir=GEONAMES_DIR)
    assert only(Gazetteer.load(home), "Welingara").admin2 == "Nara"
    meta = json.loads((home / "gazetteer" / "gazetteer.json").read_text(encoding="utf-8"))
    source = meta["extra_sources"]["ocha-cod:ML"]
    assert (source["applied"], source["added_places"], source["file"]) == (True, 6, str(villages_csv))


def test_settlement_ids_never_collide_with_geonames_or_each_other(home, villages_csv, tmp_path):
    add_settlements(villages_csv, data_dir=home)
    # Another source reusing the same pcodes for other villages.
    others = [(f"Village Test {n}", lat + 0.5, lon + 0.5, pcode, klass, a1, a2, "")
              for n, (_, lat, lon, pcode, klass, a1, a2, _) in enumerate(VILLAGES)]
    add_settlements(write_csv(tmp_path / "others.csv", others), data_dir=home, source="other-list")
    rows = Gazetteer.load(home)._all_rows()
    ids = [r[0] for r in rows]
    assert len(ids) == len(set(ids))
    geonames = [i for i in ids if i < ID_BASE]
    extra = [i for i in ids if i >= ID_BASE]
    assert len(extra) == 6 + len(VILLAGES) and max(geonames) < ID_BASE // 1000


def test_column_names_are_read_in_any_case(home, tmp_path):
    path = write_csv(tmp_path / "upper.csv", VILLAGES[:1], header=[c.upper() for c in COLUMNS])
    assert add_settlements(path, data_dir=home).added == 1


def test_a_file_without_coordinates_columns_is_refused(home, tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("featureNam,admin1Name\nBangassi-Doudou,Kayes\n", encoding="utf-8")
    with pytest.raises(GeocodeError, match="lacks the column.*latitude, longitude"):
        add_settlements(path, data_dir=home)


def test_adding_settlements_needs_the_country_installed(home, villages_csv):
    with pytest.raises(GazetteerMissing, match="gazetteer install BF"):
        add_settlements(villages_csv, data_dir=home, country="BF")


def test_cli_prints_the_counts(home, villages_csv):
    result = CliRunner(env={"COLUMNS": "200"}).invoke(
        app, ["gazetteer", "add-settlements", str(villages_csv), "--country", "ML", "--data-dir", str(home)])
    assert result.exit_code == 0, result.output
    counts = {line.split("│")[1].strip(): line.split("│")[2].strip()
              for line in result.output.splitlines() if line.count("│") == 3}
    assert counts == {"read": "8", "skipped (no name or coordinates, or a country's name)": "0", "encoding repaired": "1",
                      "longitude sign repaired": "0",
                      "duplicates dropped": "2", "merged into GeoNames places": "0", "added as new places": "6"}


def test_the_ocha_settlements_of_mali_add_sane_counts(home):
    report = add_settlements(OCHA_MALI, data_dir=home)
    assert report.read > 15000 and report.skipped < 20
    assert 100 < report.repaired < 0.05 * report.read
    assert 0 < report.duplicates < 0.1 * report.read
    assert report.merged + report.added + report.duplicates + report.skipped == report.read
    assert report.merged > 1000 and report.added > 5000
    rows = Gazetteer.load(home)._all_rows()
    assert not any("Ã" in r[1] for r in rows)
    assert {r[9] for r in rows if r[0] >= ID_BASE} <= {r[9] for r in rows if r[0] < ID_BASE}


def test_setup_installs_geonames_and_the_settlements_in_one_step(tmp_path, villages_csv):
    result = CliRunner(env={"COLUMNS": "200"}).invoke(
        app, ["setup", "--from", str(GEONAMES_DIR), "--settlements", str(villages_csv), "--data-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "The gazetteer now holds BF, CI, GN, ML, MR, NE, SN:" in result.output
    assert "added as new places" in result.output
    assert settlements_installed(tmp_path, villages_csv)
    assert not settlements_installed(tmp_path, tmp_path / "other.csv")


def test_a_lost_minus_sign_is_repaired_from_the_cercle_the_row_names(home, tmp_path):
    # a village of the Ménaka cercle (about 2-4°E) written at 3.1°W: it belongs at 3.1°E
    path = write_csv(tmp_path / "sign.csv", [("Tinfadimata", 15.60, -3.10, "ML070401010", "5", "Gao", "Menaka", "")])
    report = add_settlements(path, data_dir=home)
    assert report.signs == 1
    place = only(Gazetteer.load(home), "Tinfadimata")
    assert place.longitude == pytest.approx(3.10)
    assert place.admin2 == "Menaka"


def test_a_point_near_its_cercle_keeps_its_sign(home, tmp_path):
    # Bourem's villages straddle the meridian: a small negative longitude is right there
    path = write_csv(tmp_path / "west.csv", [("Tinkarabatene", 16.90, -0.40, "ML070201011", "5", "Gao", "Bourem", "")])
    add_settlements(path, data_dir=home)
    place = only(Gazetteer.load(home), "Tinkarabatene")
    assert place.longitude == pytest.approx(-0.40)


def test_a_commune_seat_merged_into_a_geonames_village_makes_it_a_seat(home, tmp_path):
    # GeoNames calls Konna's town "Kona" (a plain village); OCHA names it Konna, a commune seat
    gaz = Gazetteer.load(home)
    kona = next(p for p in gaz.lookup("Kona", country="ML", fuzzy=False) if p.admin1 == "Mopti")
    path = write_csv(tmp_path / "seat.csv", [("Konna", kona.latitude + 0.001, kona.longitude, "ML050105000", "4",
                                              "Mopti", "Mopti", "")])
    add_settlements(path, data_dir=home)
    konna = Gazetteer.load(home).resolve("Konna")
    assert konna is not None and (konna.geonameid, konna.feature_code) == (kona.geonameid, "PPLA3")
