"""Admin-1 boundaries for the report map: reading a GeoJSON file, installing one in the data
directory, and simplifying polygons (Douglas-Peucker) so the report stays small."""

from __future__ import annotations

import json
import math
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflictwatch.errors import ConfigError

__all__ = ["BBox", "Boundary", "install_boundaries", "installed_boundaries", "load_boundaries", "simplify"]

#: Where ``install_boundaries`` puts the file, inside the data directory.
INSTALLED_NAME = Path("boundaries") / "admin1.geojson"

BBox = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat
Ring = tuple[tuple[float, float], ...]  # (lon, lat) points

_NAME_KEYS = ("name", "NAME_1", "shapeName", "admin1Name_en", "ADM1_EN", "admin1")
_ISO_KEYS = ("iso_a2", "ISO", "iso2", "adm0_iso2")
_COUNTRY_KEYS = ("admin", "NAME_0", "shapeGroup", "admin0Name_en", "ADM0_EN", "country")


@dataclass(frozen=True, slots=True)
class Boundary:
    """One admin-1 area: its name, country (ISO-2 code and name) and polygon rings (lon, lat)."""

    name: str
    iso2: str
    country: str
    rings: tuple[Ring, ...]
    label: tuple[float, float] | None = None  # (lon, lat) of a point to write the name at

    @property
    def bbox(self) -> BBox:
        lons = [p[0] for r in self.rings for p in r]
        lats = [p[1] for r in self.rings for p in r]
        return (min(lons), min(lats), max(lons), max(lats))


def _first(props: dict[str, Any], keys: Sequence[str]) -> str:
    for key in keys:
        value = props.get(key)
        if isinstance(value, str) and value:
            return value
    return ""


def _rings(geometry: dict[str, Any]) -> list[Ring]:
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    return [tuple((float(p[0]), float(p[1])) for p in ring) for poly in polygons for ring in poly if len(ring) >= 3]


def load_boundaries(path: Path) -> list[Boundary]:
    """The Polygon and MultiPolygon features of a GeoJSON FeatureCollection, as :class:`Boundary`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the boundaries file {path}: {exc.strerror}. "
                          "Pass --boundaries with a GeoJSON file of admin-1 areas.") from exc
    except ValueError as exc:
        raise ConfigError(f"the boundaries file {path} is not valid JSON ({exc}). "
                          "Pass --boundaries with a GeoJSON FeatureCollection.") from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ConfigError(f"the boundaries file {path} is not a GeoJSON FeatureCollection. "
                          "Pass --boundaries with one, e.g. Natural Earth admin-1 areas.")
    out = []
    for feature in data.get("features") or []:
        props = feature.get("properties") or {}
        rings = _rings(feature.get("geometry") or {})
        if not rings:
            continue
        lon, lat = props.get("longitude"), props.get("latitude")
        label = (float(lon), float(lat)) if isinstance(lon, (int, float)) and isinstance(lat, (int, float)) else None
        out.append(Boundary(name=_first(props, _NAME_KEYS), iso2=_first(props, _ISO_KEYS).upper(),
                            country=_first(props, _COUNTRY_KEYS), rings=tuple(rings), label=label))
    if not out:
        raise ConfigError(f"the boundaries file {path} has no Polygon or MultiPolygon features.")
    return out


def install_boundaries(src: Path, *, data_dir: Path) -> Path:
    """Check that ``src`` is a usable boundaries GeoJSON and copy it into ``data_dir``;
    returns the installed path (what :func:`installed_boundaries` then finds)."""
    load_boundaries(src)
    dest = Path(data_dir) / INSTALLED_NAME
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    except OSError as exc:
        raise ConfigError(f"cannot install boundaries into {dest.parent}: {exc.strerror}. "
                          "Pass --data-dir with a writable folder.") from exc
    return dest


def installed_boundaries(data_dir: Path) -> Path | None:
    """The boundaries file ``setup`` installed in ``data_dir``, or None."""
    path = Path(data_dir) / INSTALLED_NAME
    return path if path.is_file() else None


def _perpendicular(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    return abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / math.hypot(dx, dy)


def simplify(points: Sequence[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker: drop the points closer than ``tolerance`` to the simplified line."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            d = _perpendicular(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]
