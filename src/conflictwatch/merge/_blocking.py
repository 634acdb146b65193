"""Candidate pairs for merging, found and judged with array operations.

Blocking (the rule is in :mod:`._cluster`'s docstring): an event is filed under every (country,
event type, day, grid cell) its date window covers and under every (country, event type, admin1,
day); it looks in its own and the eight neighbouring cells, or, when it is coded to a region or
has no coordinates, in its admin1. Two events meet when their keys agree on one day, that is when
their date windows overlap. Rather than filing each event under each day (a month-precision
event under 31 keys), the events are sorted by (block, first day of the window) and each one
looks up, with a binary search, the events of its block whose window starts no more than the
longest window before its own start and no later than its own end; those whose window ends
before it starts are dropped.

Judging (:func:`judge`) then computes, still on arrays, what :func:`~._compare.compare` would
say of each pair: compatible or not, and the score (the same arithmetic in the same order; only
the array sine and cosine may differ from :mod:`math`'s in the last digit of a distance). Pairs
whose verdict needs more than arrays hold (a shared document, protesters' associated actors, the
names of two towns 1 to 10 km apart), and pairs whose distance sits within a metre of a threshold
or whose score sits within a rounding error of a rounding boundary, are marked unsure and go to
``compare`` itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from conflictwatch.merge import _actors
from conflictwatch.merge._compare import (
    NEAR_KM,
    REGION_KM,
    SAME_NAME_KM,
    SAME_POINT_KM,
    _window,
    subtype_groups,
)
from conflictwatch.records import Event

__all__ = ["Columns", "candidate_pairs", "columns", "judge"]

CELL_DEG = 0.25
#: Distances this close to a threshold (kilometres) are left to ``compare``: array and scalar
#: arithmetic may differ in the last digit.
_KM_MARGIN = 1e-3

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Columns:
    """The fields of a list of events that blocking and screening read, one array per field."""

    block: Ints  # (country, event type) code
    lo: Ints  # first and last day of the date window (ordinals)
    hi: Ints
    has_cell: Bools
    cy: Ints
    cx: Ints
    by_place: Bools  # looks for partners by admin1 rather than by cell
    admin1: Ints  # case-folded admin1 code, -1 when empty
    admin2: Ints  # case-folded admin2 code, -1 when empty
    lat: Floats
    lon: Floats
    geo: Ints  # geo_precision
    subtype: Ints  # sub_event_type code, -1 when empty
    group: Ints  # sub-type compatibility group code, -1 when in no group
    tp: Ints  # time_precision
    doc: Ints  # code of the record's one document; -1 with none, -2 with several
    slot1: Ints  # (actor, inter) codes of the two actor slots
    slot2: Ints
    slots: list[tuple[str, int]]  # code -> (actor, inter)
    crowd: Bools  # slot code -> protesters or rioters (their associated actors decide)


def columns(events: Sequence[Event]) -> Columns:
    """Read the fields blocking and screening need into arrays (one pass over the events)."""
    def codes(values: list[object]) -> Ints:
        """A code per value, -1 for the falsy ones (codes of equal values are equal)."""
        seen: dict[object, int] = {}
        return np.array([seen.setdefault(v, len(seen)) if v else -1 for v in values], np.int64)

    groups = subtype_groups()
    n = len(events)
    block = codes([(e.country.casefold(), e.event_type) for e in events])
    windows = np.array([_ordinals(e.event_date, e.time_precision) for e in events], np.int64).reshape(n, 2)
    has_coords = np.array([e.latitude is not None and e.longitude is not None for e in events], np.bool_)
    lat = np.array([e.latitude if e.latitude is not None else 0.0 for e in events], np.float64)
    lon = np.array([e.longitude if e.longitude is not None else 0.0 for e in events], np.float64)
    lat[~has_coords] = 0.0
    lon[~has_coords] = 0.0
    geo = np.array([e.geo_precision for e in events], np.int64)
    tp = np.array([e.time_precision for e in events], np.int64)
    doc = codes([("doc", e.doc_ids[0]) if len(e.doc_ids) == 1 else "" for e in events])
    doc[np.array([len(e.doc_ids) > 1 for e in events], np.bool_)] = -2
    admin1 = codes([e.admin1.casefold() for e in events])
    admin2 = codes([e.admin2.casefold() for e in events])
    subtype = codes([e.sub_event_type for e in events])
    group = codes([groups.get((e.event_type, e.sub_event_type), "") for e in events])
    slot_codes: dict[tuple[str, int], int] = {}
    slot1 = np.array([slot_codes.setdefault((e.actor1, e.inter1), len(slot_codes)) for e in events], np.int64)
    slot2 = np.array([slot_codes.setdefault((e.actor2, e.inter2), len(slot_codes)) for e in events], np.int64)
    cy = np.floor(lat / CELL_DEG).astype(np.int64)
    cx = np.floor(lon / CELL_DEG).astype(np.int64)
    return Columns(block=block, lo=windows[:, 0].copy(), hi=windows[:, 1].copy(), has_cell=has_coords, cy=cy,
                   cx=cx, by_place=(geo == 3) | ~has_coords, admin1=admin1, admin2=admin2, lat=lat, lon=lon,
                   geo=geo, subtype=subtype, group=group, tp=tp, doc=doc, slot1=slot1, slot2=slot2,
                   slots=list(slot_codes),
                   crowd=np.array([_actors.side(name, inter) in ("protesters", "rioters")
                                   for name, inter in slot_codes], np.bool_))


@lru_cache(maxsize=65536)
def _ordinals(day: date, precision: int) -> tuple[int, int]:
    first, last = _window(day, precision)
    return first.toordinal(), last.toordinal()


def _join(query: Ints, query_key: Ints, target: Ints, target_key: Ints, c: Columns) -> tuple[Ints, Ints]:
    """Pairs (query, target) whose keys are equal and whose date windows overlap.

    Targets are taken a window length at a time (a day, a week, a month of 28 to 31 days): with
    length L, a target overlaps the query exactly when its first day lies in [query start - L,
    query end], one range of the sorted targets.
    """
    empty = np.empty(0, np.int64)
    if not len(query) or not len(target):
        return empty, empty
    span = int(max(c.hi.max() - c.lo.min(), 0)) + 1
    base = int(c.lo.min())
    lengths = c.hi[target] - c.lo[target]
    q_base = query_key * span - base
    found_q: list[Ints] = [empty]
    found_t: list[Ints] = [empty]
    for length in np.unique(lengths).tolist():
        group = target[lengths == length]
        t_sort = target_key[lengths == length] * span + (c.lo[group] - base)
        order = np.argsort(t_sort, kind="stable")
        t_sorted = t_sort[order]
        # the lower bound stays inside the query's own block (offsets below 0 would reach the previous one)
        start = np.searchsorted(t_sorted, q_base + np.maximum(c.lo[query] - length, base), side="left")
        stop = np.searchsorted(t_sorted, q_base + c.hi[query], side="right")
        counts = stop - start
        total = int(counts.sum())
        if not total:
            continue
        qi = np.repeat(query, counts)
        offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
        ti = group[order[np.repeat(start, counts) + offsets]]
        keep = ti != qi
        found_q.append(qi[keep])
        found_t.append(ti[keep])
    return np.concatenate(found_q), np.concatenate(found_t)


def candidate_pairs(c: Columns, usable: Bools) -> tuple[Ints, Ints]:
    """Every pair (i < j) of ``usable`` events that blocking lets through, each pair once."""
    idx = np.flatnonzero(usable).astype(np.int64)
    found_i: list[Ints] = []
    found_j: list[Ints] = []
    # by cell: events with coordinates not coded to their region look in the nine cells around
    targets = idx[c.has_cell[idx]]
    queries = targets[~c.by_place[targets]]
    # cell keys: block, then cell row and column shifted to be non-negative
    y0, x0 = int(c.cy[targets].min(initial=0)) - 1, int(c.cx[targets].min(initial=0)) - 1
    height = int(c.cy[targets].max(initial=0)) - y0 + 2
    width = int(c.cx[targets].max(initial=0)) - x0 + 2

    def cell_key(rows: Ints, y: Ints, x: Ints) -> Ints:
        return (c.block[rows] * height + (y - y0)) * width + (x - x0)

    t_key = cell_key(targets, c.cy[targets], c.cx[targets])
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            q_key = cell_key(queries, c.cy[queries] + dy, c.cx[queries] + dx)
            qi, ti = _join(queries, q_key, targets, t_key, c)
            found_i.append(qi)
            found_j.append(ti)
    # by admin1: region-level and coordinate-less events
    targets = idx[c.admin1[idx] >= 0]
    queries = targets[c.by_place[targets]]
    regions = int(c.admin1.max(initial=0)) + 1
    qi, ti = _join(queries, c.block[queries] * regions + c.admin1[queries],
                   targets, c.block[targets] * regions + c.admin1[targets], c)
    found_i.append(qi)
    found_j.append(ti)
    a, b = np.concatenate(found_i), np.concatenate(found_j)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    n = len(c.lo)
    flat = lo * n + hi
    flat.sort()  # then each pair once (a sort and a comparison: far quicker than np.unique's hashing)
    flat = flat[np.concatenate([[True], flat[1:] != flat[:-1]])] if len(flat) else flat
    return flat // n, flat % n


def _distance_km(c: Columns, i: Ints, j: Ints) -> Floats:
    p1, p2 = np.radians(c.lat[i]), np.radians(c.lat[j])
    dp, dl = p2 - p1, np.radians(c.lon[j] - c.lon[i])
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.minimum(1.0, np.sqrt(a)))  # type: ignore[no-any-return]


def _actor_scores(c: Columns, i: Ints, j: Ints) -> Floats:
    """The actor agreement of each pair (``_compare_actors``'s score), -inf when none aligns.

    The associated-actor rule for protesters and rioters is left to ``compare`` (see ``unsure``).
    """
    n_slots = len(c.slots)
    blank = np.array([not name.strip() for name, _ in c.slots], np.bool_)
    pairs = np.concatenate([c.slot1[i] * n_slots + c.slot1[j], c.slot2[i] * n_slots + c.slot2[j],
                            c.slot1[i] * n_slots + c.slot2[j], c.slot2[i] * n_slots + c.slot1[j]])
    if n_slots * n_slots <= 1 << 22:  # a full table of slot pairs, filled where pairs need it
        seen = np.flatnonzero(np.bincount(pairs, minlength=n_slots * n_slots))
        where = pairs
    else:
        seen, where = np.unique(pairs, return_inverse=True)
    values = []
    for p in seen.tolist():
        match = _actors.actor_match(*c.slots[p // n_slots], *c.slots[p % n_slots])
        values.append(-np.inf if match is None else match[0])
    if n_slots * n_slots <= 1 << 22:
        table = np.full(n_slots * n_slots, -np.inf)
        table[seen] = values
    else:
        table = np.array(values, np.float64)
    m = table[where.reshape(-1)].reshape(4, len(i))
    a1, a2 = blank[c.slot1[i]], blank[c.slot2[i]]
    b1, b2 = blank[c.slot1[j]], blank[c.slot2[j]]
    straight = np.where((a1 | b1) & (a2 | b2), -np.inf, (m[0] + m[1]) / 2)
    crossed = np.where((a1 | b2) & (a2 | b1), -np.inf, (m[2] + m[3]) / 2)
    return np.maximum(straight, crossed)  # type: ignore[no-any-return]


def _near(values: Floats, limit: float) -> Bools:
    return np.abs(values - limit) <= _KM_MARGIN  # type: ignore[no-any-return]


def judge(c: Columns, i: Ints, j: Ints) -> tuple[Bools, Floats, Bools]:
    """What :func:`~._compare.compare` says of each pair, computed on arrays: (compatible, score,
    unsure). Where ``unsure`` is True the first two are not to be used: the pair needs ``compare``
    itself (the two records share a document; a protester or rioter slot, whose associated actors
    decide; town-level records 1 to 10 km apart, whose names decide; a distance or a score within
    a rounding error of a threshold or of a rounding boundary). Scores are not rounded yet.

    Blocking already guarantees the same country and event type and overlapping date windows.
    """
    # types
    sa, sb = c.subtype[i], c.subtype[j]
    grouped = (c.group[i] == c.group[j]) & (c.group[i] >= 0)
    types = np.where(sa == sb, 1.0, np.where((sa < 0) | (sb < 0), 0.8, np.where(grouped, 0.7, -np.inf)))
    # dates
    ta, tb = c.tp[i], c.tp[j]
    dates = np.where((ta == 1) & (tb == 1), 1.0, np.where(np.maximum(ta, tb) == 2, 0.6, 0.4))
    # places
    coarse = np.maximum(c.geo[i], c.geo[j])
    same_admin1 = (c.admin1[i] >= 0) & (c.admin1[i] == c.admin1[j])
    both_coords = c.has_cell[i] & c.has_cell[j]
    admin2_clash = (c.admin2[i] >= 0) & (c.admin2[j] >= 0) & (c.admin2[i] != c.admin2[j])
    no_coords = np.where(same_admin1 & ~((coarse < 3) & admin2_clash), 0.4, -np.inf)
    km = np.where(both_coords, _distance_km(c, i, j), np.inf)
    town = np.where(km <= SAME_POINT_KM, 1.0 - 0.1 * km / SAME_POINT_KM, -np.inf)
    near = np.where(km <= NEAR_KM, 0.8 - 0.2 * km / NEAR_KM, -np.inf)
    one_unknown = (c.admin1[i] < 0) | (c.admin1[j] < 0)
    region = np.where(same_admin1, 0.4, np.where(one_unknown & (km <= REGION_KM), 0.3, -np.inf))
    coords = np.where(coarse == 1, town, np.where(coarse == 2, near, region))
    places = np.where(both_coords, coords, no_coords)
    actors = _actor_scores(c, i, j)
    score = 0.3 * dates + 0.3 * places + 0.15 * types + 0.25 * actors
    compatible = np.isfinite(score)
    unsure = ((c.doc[i] == c.doc[j]) & (c.doc[i] >= 0)) | (c.doc[i] == -2) | (c.doc[j] == -2)
    unsure |= c.crowd[c.slot1[i]] | c.crowd[c.slot2[i]] | c.crowd[c.slot1[j]] | c.crowd[c.slot2[j]]
    unsure |= both_coords & (coarse == 1) & (km > SAME_POINT_KM - _KM_MARGIN) & (km <= SAME_NAME_KM + _KM_MARGIN)
    unsure |= both_coords & (coarse == 2) & _near(km, NEAR_KM)
    unsure |= both_coords & (coarse != 1) & (coarse != 2) & one_unknown & _near(km, REGION_KM)
    thousandths = np.where(compatible, score, 0.0) * 1000
    unsure |= compatible & (np.abs(thousandths - np.floor(thousandths) - 0.5) < 1e-6)
    return compatible & ~unsure, score, unsure
