"""Country names and ISO codes (``data/iso_countries.csv``), for the ``country`` filter."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Country", "countries", "country_names"]


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso_numeric: int
    name: str
    region: str


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every row of ``data/iso_countries.csv``."""
    text = resources.files("conflictwatch.data").joinpath("iso_countries.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(
        Country(iso2=r["iso2"], iso_numeric=int(r["iso_numeric"]), name=r["name"], region=r["region"])
        for r in csv.DictReader(lines)
    )


def country_names(query: str) -> set[str]:
    """Lower-cased country names a ``--country`` value stands for: the name itself, and for an
    ISO-2 code (any case) the country's name too."""
    q = query.strip()
    names = {q.casefold()}
    for c in countries():
        if c.iso2.casefold() == q.casefold() or c.name.casefold() == q.casefold():
            names.add(c.name.casefold())
    return names
