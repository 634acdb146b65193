"""Country names for the ``country`` filter, from the geo stage's country table."""

from __future__ import annotations

__all__ = ["country_names"]


def country_names(query: str) -> set[str]:
    """Lower-cased country names a ``--country`` value stands for: the name itself, and for an
    ISO-2 code (any case) the country's name too."""
    # imported here: the geo stage (gazetteer, installer, httpx) is not needed to open a store
    from conflictwatch.geo import country_name

    q = query.strip()
    names = {q.casefold()}
    if len(q) == 2:
        names.add(country_name(q).casefold())
    return names
