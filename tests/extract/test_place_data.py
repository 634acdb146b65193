"""The place data of the extractor: every actor home region names a known actor and a real region;
every conflict zone is a real region of its country."""

from __future__ import annotations

import pytest

from conflictwatch.extract.actors import ActorRegistry
from conflictwatch.extract.places import actor_regions, conflict_regions

ROWS = sorted(actor_regions().items())


@pytest.mark.parametrize(("actor_id", "row"), ROWS, ids=[a for a, _ in ROWS])
def test_every_home_region_row_names_a_registry_actor(actor_id: str, row: tuple[str, tuple[str, ...]]) -> None:
    assert ActorRegistry.load().get(actor_id).id == actor_id
    assert row[1], f"{actor_id} has no region"


@pytest.mark.parametrize(("actor_id", "row"), ROWS, ids=[a for a, _ in ROWS])
def test_every_home_region_is_an_admin1_of_the_gazetteer(gazetteer, actor_id: str,  # type: ignore[no-untyped-def]
                                                         row: tuple[str, tuple[str, ...]]) -> None:
    country, regions = row
    for name in regions:
        area = gazetteer.admin_area(f"{name} region", country=country)
        assert area is not None and area.level == 1 and area.admin1 == name, (actor_id, name, area)


ZONES = sorted((cc, name) for cc, names in conflict_regions().items() for name in names)


@pytest.mark.parametrize(("country", "region"), ZONES, ids=[f"{c}-{r}" for c, r in ZONES])
def test_every_conflict_zone_is_an_admin1_of_its_country(gazetteer, country: str, region: str) -> None:  # type: ignore[no-untyped-def]
    area = gazetteer.admin_area(f"{region} region", country=country)
    assert area is not None and area.level == 1 and area.admin1 == region and area.country_code == country
