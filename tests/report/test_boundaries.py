"""Boundaries: read from GeoJSON, installed into the data directory, simplified for drawing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictwatch.errors import ConfigError
from conflictwatch.report import install_boundaries, installed_boundaries, load_boundaries
from conflictwatch.report._boundaries import simplify
from tests.conftest import BOUNDARIES


def test_natural_earth_file_gives_malis_nine_regions() -> None:
    mali = {b.name for b in load_boundaries(BOUNDARIES) if b.iso2 == "ML"}
    assert mali == {"Kayes", "Timbuktu", "Gao", "Mopti", "Ségou", "Sikasso", "Koulikoro", "Kidal", "Bamako"}


def test_install_copies_the_file_where_installed_finds_it(tmp_path: Path) -> None:
    assert installed_boundaries(tmp_path) is None
    dest = install_boundaries(BOUNDARIES, data_dir=tmp_path)
    assert installed_boundaries(tmp_path) == dest
    assert dest.read_bytes() == BOUNDARIES.read_bytes()


def test_install_refuses_a_file_that_is_not_a_feature_collection(tmp_path: Path) -> None:
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps({"type": "Feature"}), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.geojson is not a GeoJSON FeatureCollection"):
        install_boundaries(bad, data_dir=tmp_path / "home")
    assert installed_boundaries(tmp_path / "home") is None


def test_unreadable_boundaries_say_which_file_and_what_to_pass(tmp_path: Path) -> None:
    (tmp_path / "x.geojson").write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"x.geojson is not valid JSON .* Pass --boundaries"):
        load_boundaries(tmp_path / "x.geojson")
    with pytest.raises(ConfigError, match=r"cannot read the boundaries file .*missing.geojson"):
        load_boundaries(tmp_path / "missing.geojson")


def test_multipolygons_keep_every_ring(tmp_path: Path) -> None:
    square = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    far = [[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]
    path = tmp_path / "m.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Islands", "iso_a2": "ml", "admin": "Mali"},
         "geometry": {"type": "MultiPolygon", "coordinates": [[square], [far]]}}]}), encoding="utf-8")
    (b,) = load_boundaries(path)
    assert (b.name, b.iso2, b.country, len(b.rings), b.bbox) == ("Islands", "ML", "Mali", 2, (0, 0, 6, 6))


def test_simplify_drops_points_on_a_straight_line_and_keeps_corners() -> None:
    line = [(float(i), 0.0) for i in range(10)] + [(9.0, 5.0)]
    assert simplify(line, 0.1) == [(0.0, 0.0), (9.0, 0.0), (9.0, 5.0)]


def test_simplify_keeps_detail_above_the_tolerance() -> None:
    zigzag = [(0.0, 0.0), (1.0, 2.0), (2.0, 0.0), (3.0, 2.0), (4.0, 0.0)]
    assert simplify(zigzag, 0.5) == zigzag
    assert simplify(zigzag, 3.0) == [(0.0, 0.0), (4.0, 0.0)]


def test_simplification_shrinks_the_real_boundaries_a_lot() -> None:
    mopti = next(b for b in load_boundaries(BOUNDARIES) if b.name == "Mopti")
    before = sum(len(r) for r in mopti.rings)
    after = sum(len(simplify(r, 0.02)) for r in mopti.rings)
    assert after < before / 2
