"""Whether two event records can describe the same real-world event, with a score and a reason.

ACLED's unit is one day x one location x one actor pair x one event type; two records are the same
event when they agree on all four, allowing for what each report knows:

Date
    Each record stands for a window of days: its day (time_precision 1), the week around it
    (precision 2: the coded day is the middle of the week, so +-3 days), or its calendar month
    (precision 3: the 15th, or the first or last day for "early"/"late" June). Windows must overlap.
    Two exact dates must be the same day: no +-1 day slack. The extractor resolves "yesterday" and
    "hier" against the publication date, so a reporting offset is already gone by the time records
    reach us, and a slack would merge an attack with the next day's attack on the same town, which
    ACLED codes as two events (a multi-day offensive is one event per day).
Place
    Compared by coordinates, never by spelling ("Ségou"/"Segou", "Modolo"/"Molodo" meet when the
    gazetteer put them on the same point). Two town-level records (geo_precision 1) must be within
    2 km (one gazetteer point, or two entries of one town), or carry the same folded name within
    10 km: Niono and Molodo are 4 km apart and are two places. A record coded "near" a town
    (precision 2) matches within 25 km, or in the same admin2 within 50 km. A region-level record
    (precision 3, coded to the region's capital) matches anything in the same admin1. Records
    without coordinates match on admin1 (and admin2 when both have one).
Type
    Same event_type; sub-event types in the same group of ``data/merge_subtype_groups.csv``.
Actors
    The pairs are unordered. Each slot matches by canonical base name (period suffix ignored), or
    an unidentified actor stands in for a named one on the same side (:mod:`._actors`).
Documents
    Two events from one document never merge unless they are identical: the extractor split them
    on purpose (seven simultaneous attacks are seven events).
"""

from __future__ import annotations

import calendar
import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources

from conflictwatch.geo import distance_km, fold
from conflictwatch.merge import _actors
from conflictwatch.records import Event

__all__ = ["Comparison", "compare", "date_window", "subtype_groups", "identical"]

#: Town-level records: within this distance they are one point whatever the names say.
SAME_POINT_KM = 2.0
#: Town-level records with the same folded name: two gazetteer entries of one town.
SAME_NAME_KM = 10.0
#: "Near X" (geo_precision 2) reaches this far; with a shared admin2, twice as far.
NEAR_KM = 25.0
#: Records missing an admin1 but coded at region level (precision 3) match within this distance.
REGION_KM = 150.0

_PRECISION_WORD = {1: "day", 2: "week", 3: "month"}


@dataclass(frozen=True, slots=True)
class Comparison:
    """The outcome of comparing two events: compatible or not, a score in [0, 1], and why."""

    compatible: bool
    score: float
    reason: str


def date_window(event: Event) -> tuple[date, date]:
    """The days an event's date stands for, given its time_precision (both ends inclusive)."""
    d = event.event_date
    if event.time_precision == 1:
        return d, d
    if event.time_precision == 2:
        return d - timedelta(days=3), d + timedelta(days=3)
    last = calendar.monthrange(d.year, d.month)[1]
    return d.replace(day=1), d.replace(day=last)


@cache
def subtype_groups() -> dict[tuple[str, str], str]:
    """(event_type, sub_event_type) -> compatibility group, from ``data/merge_subtype_groups.csv``."""
    text = resources.files("conflictwatch").joinpath("data/merge_subtype_groups.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO("".join(line for line in text.splitlines(keepends=True)
                                              if not line.startswith("#"))))
    return {(r["event_type"], r["sub_event_type"]): r["group"] for r in rows}


def _identity_key(e: Event) -> tuple[object, ...]:
    lat = round(e.latitude, 3) if e.latitude is not None else None
    lon = round(e.longitude, 3) if e.longitude is not None else None
    actors = frozenset((_actors.base(e.actor1), _actors.base(e.actor2)))
    return (e.event_date, e.time_precision, e.event_type, e.sub_event_type, actors,
            fold(e.location), lat, lon, e.geo_precision)


def identical(a: Event, b: Event) -> bool:
    """True when two records code the same date, type, actors and place (a duplicate extraction)."""
    return _identity_key(a) == _identity_key(b)


def _compare_dates(a: Event, b: Event) -> tuple[float, str] | None:
    (a0, a1), (b0, b1) = date_window(a), date_window(b)
    if a1 < b0 or b1 < a0:
        return None
    if a.time_precision == b.time_precision == 1:
        return 1.0, f"same day {a.event_date.isoformat()}"
    coarse = max(a.time_precision, b.time_precision)
    words = " vs ".join(f"{e.event_date.isoformat()} ({_PRECISION_WORD[e.time_precision]})" for e in (a, b))
    return (0.6 if coarse == 2 else 0.4), f"dates overlap: {words}"


def _names(a: Event, b: Event) -> str:
    return f"({a.location or '?'}/{b.location or '?'})"


def _compare_places(a: Event, b: Event) -> tuple[float, str] | None:
    if a.country and b.country and a.country.casefold() != b.country.casefold():
        return None
    coarse = max(a.geo_precision, b.geo_precision)
    same_admin1 = bool(a.admin1) and a.admin1.casefold() == b.admin1.casefold()
    both_admin2 = bool(a.admin2) and bool(b.admin2)
    same_admin2 = both_admin2 and a.admin2.casefold() == b.admin2.casefold()
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        if not same_admin1:
            return None
        if coarse < 3 and both_admin2 and not same_admin2:
            return None
        where = f"admin2 {a.admin2}" if same_admin2 else f"admin1 {a.admin1}"
        return 0.4, f"same {where}, no coordinates {_names(a, b)}"
    km = distance_km(a.latitude, a.longitude, b.latitude, b.longitude)
    apart = f"{km:.1f} km apart {_names(a, b)}"
    if coarse == 1:
        if km <= SAME_POINT_KM:
            return 1.0 - 0.1 * km / SAME_POINT_KM, apart
        if fold(a.location) and fold(a.location) == fold(b.location) and km <= SAME_NAME_KM:
            return 0.8, f"{apart}, same name"
        return None
    if coarse == 2:
        if km <= NEAR_KM:
            return 0.8 - 0.2 * km / NEAR_KM, f"{apart}, one coded near a town"
        if same_admin2 and km <= 2 * NEAR_KM:
            return 0.5, f"{apart}, one coded near a town, same admin2 {a.admin2}"
        return None
    if same_admin1:
        return 0.4, f"{apart}, one coded to its region, same admin1 {a.admin1}"
    if (not a.admin1 or not b.admin1) and km <= REGION_KM:
        return 0.3, f"{apart}, one coded to its region"
    return None


def _compare_types(a: Event, b: Event) -> tuple[float, str] | None:
    if a.event_type != b.event_type:
        return None
    if a.sub_event_type == b.sub_event_type:
        return 1.0, f"{a.event_type}/{a.sub_event_type or '?'} both"
    if not a.sub_event_type or not b.sub_event_type:
        return 0.8, f"{a.event_type} both, one sub-type unknown"
    groups = subtype_groups()
    ga = groups.get((a.event_type, a.sub_event_type))
    if ga is None or ga != groups.get((b.event_type, b.sub_event_type)):
        return None
    return 0.7, f"{a.event_type} both, {a.sub_event_type}/{b.sub_event_type} compatible"


def _compare_actors(a: Event, b: Event) -> tuple[float, str] | None:
    best: tuple[float, str] | None = None
    for b1, i1, b2, i2 in ((b.actor1, b.inter1, b.actor2, b.inter2), (b.actor2, b.inter2, b.actor1, b.inter1)):
        m1 = _actors.actor_match(a.actor1, a.inter1, b1, i1)
        m2 = _actors.actor_match(a.actor2, a.inter2, b2, i2)
        if m1 is None or m2 is None:
            continue
        score = (m1[0] + m2[0]) / 2
        if best is None or score > best[0]:
            best = score, f"actors {m1[1]}; {m2[1]}"
    return best


def compare(a: Event, b: Event) -> Comparison:
    """Compare two events on date, place, type, actors and documents (see the module docstring)."""
    if set(a.doc_ids) & set(b.doc_ids) and not identical(a, b):
        return Comparison(False, 0.0, "same document: the extractor split them")
    parts: list[tuple[float, str]] = []
    for what, check, weight in (("dates", _compare_dates, 0.3), ("places", _compare_places, 0.3),
                                ("types", _compare_types, 0.15), ("actors", _compare_actors, 0.25)):
        found = check(a, b)
        if found is None:
            return Comparison(False, 0.0, f"{what} differ")
        parts.append((weight * found[0], found[1]))
    return Comparison(True, round(sum(s for s, _ in parts), 3), "; ".join(r for _, r in parts))
