"""Selecting events: the country filter (name or ISO-2 code) and the violent event types."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from conflictwatch import geo
from conflictwatch.errors import GeocodeError
from conflictwatch.records import Event

__all__ = ["VIOLENT_EVENT_TYPES", "VIOLENT_SUB_EVENT_TYPES", "country_iso2", "country_name", "event_ids", "in_country",
           "is_violent", "is_violent_type"]

#: Event types ACLED's early-warning rules count as violent.
VIOLENT_EVENT_TYPES: frozenset[str] = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)
#: Sub-event types of other event types that also count as violent.
VIOLENT_SUB_EVENT_TYPES: frozenset[str] = frozenset({"Excessive force against protesters"})


def is_violent(event: Event) -> bool:
    """Whether ACLED's early-warning rules count this event (see CODING_RULES.md)."""
    return is_violent_type(event.event_type, event.sub_event_type)


def is_violent_type(event_type: str, sub_event_type: str) -> bool:
    """Whether ACLED's early-warning rules count events of this type and sub-type."""
    return event_type in VIOLENT_EVENT_TYPES or sub_event_type in VIOLENT_SUB_EVENT_TYPES


def country_name(query: str) -> str:
    """The country name events carry for ``query``: an ISO-2 code ("ML") or a name ("Mali")."""
    q = query.strip()
    return geo.country_name(q) if len(q) == 2 else q


def country_iso2(query: str) -> str:
    """The ISO-2 code of a country given by name or code ("" when unknown)."""
    try:
        return geo.country_code(query)
    except GeocodeError:
        return ""


def in_country(events: Iterable[Event], country: str | None) -> list[Event]:
    """The events in ``country`` (name or ISO-2 code, any case); all of them when it is None."""
    if not country:
        return list(events)
    wanted = country_name(country).casefold()
    return [e for e in events if e.country.casefold() == wanted]


def event_ids(events: Sequence[Event]) -> tuple[str, ...]:
    """The ids of ``events``, in date order."""
    return tuple(e.event_id for e in sorted(events, key=lambda e: (e.event_date, e.event_id)))
