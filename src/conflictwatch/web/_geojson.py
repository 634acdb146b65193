"""The installed admin-1 boundaries as a small GeoJSON FeatureCollection for the dashboard map."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from conflictwatch.report import Boundary, simplify

__all__ = ["boundaries_geojson"]

#: Simplification tolerance as a fraction of the larger side of all boundaries: about a pixel
#: on a 1500-pixel map, which cuts Natural Earth's 10m polygons to a few percent of their points.
SIMPLIFY_FRACTION = 1 / 1500
#: Decimal places kept in coordinates (about 100 m, far below a pixel).
DIGITS = 3


def boundaries_geojson(boundaries: Sequence[Boundary]) -> dict[str, Any]:
    """Each boundary as a MultiPolygon feature (one ring per polygon) with name, iso2, country and
    label point; rings are simplified and rings that collapse below a triangle are dropped."""
    lons = [p[0] for b in boundaries for r in b.rings for p in r]
    lats = [p[1] for b in boundaries for r in b.rings for p in r]
    tolerance = max(max(lons) - min(lons), max(lats) - min(lats)) * SIMPLIFY_FRACTION if lons else 0.0
    features = []
    for b in boundaries:
        rings = []
        for ring in b.rings:
            points = list(dict.fromkeys((round(x, DIGITS), round(y, DIGITS)) for x, y in simplify(ring, tolerance)))
            if len(points) >= 3:
                rings.append([[list(p) for p in points + points[:1]]])
        if not rings:
            continue
        features.append({
            "type": "Feature",
            "properties": {"name": b.name, "iso2": b.iso2, "country": b.country,
                           "label": list(b.label) if b.label else None},
            "geometry": {"type": "MultiPolygon", "coordinates": rings},
        })
    return {"type": "FeatureCollection", "features": features}
