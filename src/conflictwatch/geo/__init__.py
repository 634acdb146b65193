"""The geo stage: the GeoNames gazetteer, admin areas and place resolution.

Install once (``conflictwatch setup``, or :func:`install_gazetteer`), then
``Gazetteer.load(data_dir)`` and ask it: :meth:`~Gazetteer.lookup` (candidates for a name),
:meth:`~Gazetteer.admin_area` ("Ségou region" → the region, with its capital) and
:meth:`~Gazetteer.resolve` (the one place a report means, given a :class:`GeoContext`).
"""

from conflictwatch.geo._gazetteer import (
    AdminArea,
    Gazetteer,
    GeoContext,
    country_code,
    country_iso_numeric,
    country_name,
    country_region,
    distance_km,
    same_first_sound,
)
from conflictwatch.geo._install import InstallReport, install_gazetteer, setup
from conflictwatch.geo._settlements import SettlementsReport, add_settlements, settlements_installed
from conflictwatch.text import fold_key as fold

__all__ = [
    "AdminArea",
    "Gazetteer",
    "GeoContext",
    "InstallReport",
    "SettlementsReport",
    "add_settlements",
    "country_code",
    "country_iso_numeric",
    "country_name",
    "country_region",
    "distance_km",
    "fold",
    "install_gazetteer",
    "same_first_sound",
    "settlements_installed",
    "setup",
]
