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
    Compared by coordinates, never by spelling alone ("Ségou"/"Segou", "Modolo"/"Molodo" meet when
    the gazetteer put them on the same point). Two town-level records (geo_precision 1) must be
    within 1 km (one gazetteer point, or two entries of one town), or carry similar names (same
    folded or compacted form, one name's words inside the other's, or a close spelling) within
    10 km. Distinct villages of central Mali lie 1 to 2 km apart, and ACLED codes an attack on each
    as its own event (Niono and Molodo are 4 km apart and are two places). A record coded "near" a
    town (precision 2) matches within 10 km: "near X" is coded to X, so two reports of one event
    nearly always land on one point, while ACLED's own data shows same-day attacks by one actor on
    villages 5 to 20 km apart as separate events. A region-level record (precision 3, coded to the
    region's capital) matches anything in the same admin1. Records without coordinates match on
    admin1 (and admin2 when both have one).
Type
    Same event_type; sub-event types in the same group of ``data/merge_subtype_groups.csv``.
Actors
    The pairs are unordered. Each slot matches by canonical base name (period suffix ignored), or
    an unidentified actor stands in for a named one on the same side (:mod:`._actors`). For the
    generic actors "Protesters (...)" and "Rioters (...)" the associated actors say who marched: two
    protests in Bamako on one day by students and by teachers are two events, so when both records
    name associated actors for such a slot they must share one.
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
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz import fuzz

from conflictwatch.geo import distance_km, fold
from conflictwatch.merge import _actors
from conflictwatch.records import Event

__all__ = ["Comparison", "compare", "date_window", "identical", "similar_names", "subtype_groups"]

#: Town-level records: within this distance they are one point whatever the names say.
SAME_POINT_KM = 1.0
#: Town-level records with similar names: two gazetteer entries of one town.
SAME_NAME_KM = 10.0
#: "Near X" (geo_precision 2) reaches this far.
NEAR_KM = 10.0
#: Names at least this similar (rapidfuzz ratio of the folded forms) are spellings of one name.
NAME_RATIO = 85.0
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
    return _window(event.event_date, event.time_precision)


@lru_cache(maxsize=16384)
def _window(d: date, precision: int) -> tuple[date, date]:
    if precision == 1:
        return d, d
    if precision == 2:
        return d - timedelta(days=3), d + timedelta(days=3)
    last = calendar.monthrange(d.year, d.month)[1]
    return d.replace(day=1), d.replace(day=last)


#: Folding is pure and place names repeat: cache it.
_fold = lru_cache(maxsize=65536)(fold)


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
            _fold(e.location), lat, lon, e.geo_precision)


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
        if km <= SAME_NAME_KM and similar_names(a.location, b.location):
            return 0.8, f"{apart}, similar names"
        return None
    if coarse == 2:
        if km <= NEAR_KM:
            return 0.8 - 0.2 * km / NEAR_KM, f"{apart}, one coded near a town"
        return None
    if same_admin1:
        return 0.4, f"{apart}, one coded to its region, same admin1 {a.admin1}"
    if (not a.admin1 or not b.admin1) and km <= REGION_KM:
        return 0.3, f"{apart}, one coded to its region"
    return None


def similar_names(a: str, b: str) -> bool:
    """True when two place names are spellings of one name ("Nioro"/"Nioro du Sahel", "Tin-Essako"/
    "Tinessako", "Sévaré"/"Sevare")."""
    fa, fb = _fold(a), _fold(b)
    if not fa or not fb:
        return False
    if fa.replace(" ", "") == fb.replace(" ", ""):
        return True
    ta, tb = set(fa.split()), set(fb.split())
    if ta <= tb or tb <= ta:
        return True
    return fuzz.ratio(fa, fb) >= NAME_RATIO


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


def _assoc_clash(name: str, inter: int, assoc_a: str, assoc_b: str) -> bool:
    """True when a generic protester/rioter slot names disjoint associated actors on each side."""
    if _actors.side(name, inter) not in ("protesters", "rioters"):
        return False
    sa = {p.strip().casefold() for p in assoc_a.split(";") if p.strip()}
    sb = {p.strip().casefold() for p in assoc_b.split(";") if p.strip()}
    return bool(sa) and bool(sb) and not sa & sb


def _compare_actors(a: Event, b: Event) -> tuple[float, str] | None:
    best: tuple[float, str] | None = None
    for b1, i1, x1, b2, i2, x2 in ((b.actor1, b.inter1, b.assoc_actor_1, b.actor2, b.inter2, b.assoc_actor_2),
                                   (b.actor2, b.inter2, b.assoc_actor_2, b.actor1, b.inter1, b.assoc_actor_1)):
        if (not a.actor1.strip() or not b1.strip()) and (not a.actor2.strip() or not b2.strip()):
            continue  # an alignment that pairs every actor with a blank proves nothing
        m1 = _actors.actor_match(a.actor1, a.inter1, b1, i1)
        m2 = _actors.actor_match(a.actor2, a.inter2, b2, i2)
        if m1 is None or m2 is None:
            continue
        if _assoc_clash(a.actor1, a.inter1, a.assoc_actor_1, x1) or _assoc_clash(a.actor2, a.inter2, a.assoc_actor_2, x2):
            continue
        score = (m1[0] + m2[0]) / 2
        if best is None or score > best[0]:
            best = score, f"actors {m1[1]}; {m2[1]}"
    return best


def compare(a: Event, b: Event) -> Comparison:
    """Compare two events on date, place, type, actors and documents (see the module docstring)."""
    if set(a.doc_ids) & set(b.doc_ids) and not identical(a, b):
        return Comparison(False, 0.0, "same document: the extractor split them")
    found: dict[str, tuple[float, str]] = {}
    for what, check in _CHECKS:  # cheapest first: most candidate pairs fail early
        outcome = check(a, b)
        if outcome is None:
            return Comparison(False, 0.0, f"{what} differ")
        found[what] = outcome
    score = sum(_WEIGHTS[what] * found[what][0] for what in _WEIGHTS)
    return Comparison(True, round(score, 3), "; ".join(found[what][1] for what in _WEIGHTS))


#: Weights of the four agreements in a pair's score, in the order the reason lists them.
_WEIGHTS = {"dates": 0.3, "places": 0.3, "types": 0.15, "actors": 0.25}
_CHECKS = (("types", _compare_types), ("dates", _compare_dates), ("actors", _compare_actors),
           ("places", _compare_places))
