"""Coordinated offensives: several same-day attacks by one actor (or one campaign) across places.

ACLED codes seven simultaneous attacks on seven towns as seven events; this module links them
back together so that an analyst sees one offensive. The rules:

* Only attacks count: Battles, Explosions/Remote violence, Violence against civilians, dated to
  the exact day (time_precision 1). Merged events stand for their members (pass the merged view;
  members whose cluster event is in the input are skipped).
* Each attack's *attacker* is its named non-state armed actor, else a named foreign force, else
  the state force; an attack whose only armed party besides the state is an unidentified group is
  *unattributed*.
* Attacks of one attacker on one day form a group. An unattributed attack joins a group when it is
  reported in the same document as one of the group's attacks ("reported together"), or when it
  lies within 100 km of a site of exactly one group that already has attributed attacks at two or
  more sites (it "sits among" them). Unattributed attacks left over, reported together in one
  document against the same target with the same event type, form a group of their own (a report
  of "coordinated attacks" whose author could not name the group).
* A group is an offensive when it reaches at least 3 distinct locations (sites more than 2 km
  apart with different names). Two same-day attacks are not enough: JNIM alone often strikes two
  places in a day without coordination, and two far-apart sites say nothing about a common plan,
  while three sites on one day is where observers and ACLED's own analysis start to speak of a
  coordinated offensive. A day of scattered incidents by different actors never qualifies: each
  actor has one or two sites, and unattributed incidents from different reports stay apart.

``extra["reported_together"]`` tells an analyst whether one report ties two or more of the sites
together (the strongest sign of coordination) or the offensive rests on the count of same-day
attacks alone.

The offensive id is "off-" + a hash of the day and the attacker (or, for an unattributed group, its
first document), so it stays the same when a later report adds an attack.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from conflictwatch.geo import distance_km, fold
from conflictwatch.merge import _actors
from conflictwatch.records import Event, Offensive

__all__ = ["AMONG_KM", "ATTACK_TYPES", "MIN_SITES", "find_offensives"]

ATTACK_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
#: Distinct locations an offensive must reach.
MIN_SITES = 3
#: An unattributed attack this close to a site of one actor's offensive sits among its attacks.
AMONG_KM = 100.0
#: Sites closer than this are one location.
SAME_SITE_KM = 2.0

_NOT_ATTACKERS = ("civilians", "protesters", "rioters")


def _attacker(e: Event) -> tuple[str, str]:
    """(attacker's full name, target's full name); attacker "" when the attack is unattributed."""
    slots = [(e.actor1, e.inter1), (e.actor2, e.inter2)]
    sides = [(name, _actors.side(name, inter)) for name, inter in slots if name.strip()]
    armed = [(n, s) for n, s in sides if s not in _NOT_ATTACKERS]

    def other(name: str) -> str:
        rest = [n for n, _ in sides if n != name]
        return rest[0] if rest else ""

    for wanted in (("armed", ""), ("external",), ("state",)):
        named = [n for n, s in armed if s in wanted and _actors.is_named(n)]
        if named:
            if wanted == ("state",) and any(not _actors.is_named(n) for n, _ in armed):
                break  # the state fought someone it could not name: that someone attacked
            return named[0], other(named[0])
    unidentified = [n for n, _ in armed if not _actors.is_named(n)]
    return "", other(unidentified[0]) if unidentified else ""


@dataclass(slots=True)
class _Group:
    key: str
    actor: str
    events: list[Event] = field(default_factory=list)
    joined: dict[str, str] = field(default_factory=dict)  # event id -> why an unattributed one joined


def _sites(events: Sequence[Event]) -> list[Event]:
    """One event per distinct location."""
    sites: list[Event] = []
    for e in sorted(events, key=lambda x: (x.geo_precision, x.event_id)):
        if not any(_same_site(e, s) for s in sites):
            sites.append(e)
    return sites


def _same_site(a: Event, b: Event) -> bool:
    if fold(a.location) and fold(a.location) == fold(b.location):
        return True
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude) <= SAME_SITE_KM  # type: ignore[arg-type]


def _km(a: Event, b: Event) -> float | None:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)


def _offensive_id(day: date, key: str) -> str:
    raw = f"{day.isoformat()}\x1f{key}"
    return f"off-{hashlib.sha256(raw.encode('utf-8')).hexdigest()[:20]}"


def _day_groups(day_events: Sequence[Event]) -> list[_Group]:
    groups: dict[str, _Group] = {}
    loose: list[tuple[Event, str]] = []
    for e in day_events:
        attacker, target = _attacker(e)
        if attacker:
            key = _actors.base(attacker)
            groups.setdefault(key, _Group(key=key, actor=attacker)).events.append(e)
        else:
            loose.append((e, target))
    # what the attributed attacks say, fixed before any unattributed one joins
    docs = {k: {d for e in g.events for d in e.doc_ids} for k, g in groups.items()}
    anchors = {k: _sites(g.events) for k, g in groups.items()}
    left: list[tuple[Event, str]] = []
    for e, target in loose:
        together = [k for k in groups if docs[k] & set(e.doc_ids)]
        if len(together) == 1:
            groups[together[0]].events.append(e)
            groups[together[0]].joined[e.event_id] = "reported together"
            continue
        near = [k for k in groups if len(anchors[k]) >= 2 and any(
            (km := _km(e, s)) is not None and km <= AMONG_KM for s in anchors[k])]
        if len(near) == 1 and not together:
            groups[near[0]].events.append(e)
            groups[near[0]].joined[e.event_id] = f"within {AMONG_KM:.0f} km of its attacks"
            continue
        left.append((e, target))
    # unattributed attacks reported together, same target and type: one campaign per document
    by_doc: dict[tuple[str, str, str], list[Event]] = defaultdict(list)
    for e, target in left:
        doc = min(e.doc_ids) if e.doc_ids else e.event_id
        by_doc[(doc, _actors.base(target), e.event_type)].append(e)
    for (doc, _target, _type), evs in sorted(by_doc.items()):
        actor = min(e.actor1 if not _actors.is_named(e.actor1) else e.actor2 for e in evs)
        group = _Group(key=f"unattributed\x1f{doc}", actor=actor)
        for e in evs:
            group.events.append(e)
            group.joined[e.event_id] = "reported together"
        groups[group.key] = group
    return list(groups.values())


def _reported_together(events: Sequence[Event]) -> bool:
    """True when one document reports attacks at two or more of the offensive's sites."""
    by_doc: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        for d in e.doc_ids:
            by_doc[d].append(e)
    return any(len(_sites(evs)) >= 2 for evs in by_doc.values())


def _offensive(day: date, group: _Group) -> Offensive | None:
    sites = _sites(group.events)
    if len(sites) < MIN_SITES:
        return None
    events = sorted(group.events, key=lambda e: (e.admin1, e.admin2, e.location, e.event_id))
    farthest: tuple[float, Event, Event] | None = None
    for a, b in combinations(sites, 2):
        km = _km(a, b)
        if km is not None and (farthest is None or km > farthest[0]):
            farthest = (km, a, b)
    admin1s = tuple(sorted({e.admin1 for e in events if e.admin1}))
    admin2s = tuple(sorted({e.admin2 for e in events if e.admin2}))
    n_joined = len(group.joined)
    who = _actors.short(group.actor) if not group.key.startswith("unattributed") else (
        f"unattributed ({_actors.short(group.actor)})")
    parts = [(f"{who}: {len(events)} attacks on {day.isoformat()} at {len(sites)} places "
             f"({', '.join(s.location or '?' for s in sorted(sites, key=lambda s: s.location))})"),
             f"across {', '.join(admin1s) or 'unknown regions'}"]
    if farthest is not None:
        parts.append(f"{farthest[0]:.0f} km between {farthest[1].location} and {farthest[2].location}")
    if n_joined and not group.key.startswith("unattributed"):
        reasons = sorted(set(group.joined.values()))
        parts.append(f"{n_joined} unattributed attack(s) joined: {', '.join(reasons)}")
    elif group.key.startswith("unattributed"):
        parts.append("reported together in one document against the same target")
    return Offensive(
        offensive_id=_offensive_id(day, group.key),
        event_date=day,
        actor=group.actor,
        event_ids=tuple(e.event_id for e in events),
        admin1s=admin1s,
        admin2s=admin2s,
        span_km=round(farthest[0], 1) if farthest else 0.0,
        reason="; ".join(parts),
        extra={"sites": len(sites), "attributed": len(events) - n_joined, "unattributed": n_joined,
               "reported_together": _reported_together(events),
               "farthest": [farthest[1].location, farthest[2].location] if farthest else []},
    )


def find_offensives(events: Sequence[Event]) -> list[Offensive]:
    """The coordinated offensives among ``events`` (see the module docstring), by date then id."""
    present = {e.event_id for e in events}
    by_day: dict[date, list[Event]] = defaultdict(list)
    for e in events:
        if e.event_type not in ATTACK_TYPES or e.time_precision != 1 or e.status == "rejected":
            continue
        if e.cluster_id and e.cluster_id in present:
            continue
        by_day[e.event_date].append(e)
    found: list[Offensive] = []
    for day in sorted(by_day):
        day_events = sorted(by_day[day], key=lambda e: e.event_id)
        for group in _day_groups(day_events):
            off = _offensive(day, group)
            if off is not None:
                found.append(off)
    return sorted(found, key=lambda o: (o.event_date, o.offensive_id))
