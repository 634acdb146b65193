"""Coordinated offensives for a set of events: the ones already known, else the ones their
``offensive_id`` records plus those :func:`conflictwatch.merge.find_offensives` finds among the rest."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from conflictwatch.merge import find_offensives
from conflictwatch.records import Event, Offensive

__all__ = ["offensives_for", "offensives_from_events"]


def offensives_from_events(events: Sequence[Event]) -> list[Offensive]:
    """Offensives rebuilt from the ``offensive_id`` the merge stage set on events."""
    groups: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        if e.offensive_id:
            groups[e.offensive_id].append(e)
    out = []
    for oid, members in sorted(groups.items()):
        members.sort(key=lambda e: (e.event_date, e.location, e.event_id))
        actor = Counter(e.actor1 for e in members).most_common(1)[0][0]
        out.append(Offensive(
            offensive_id=oid, event_date=members[0].event_date, actor=actor,
            event_ids=tuple(e.event_id for e in members),
            admin1s=tuple(dict.fromkeys(e.admin1 for e in members if e.admin1)),
            admin2s=tuple(dict.fromkeys(e.admin2 for e in members if e.admin2)),
        ))
    return out


def offensives_for(events: Sequence[Event], known: Sequence[Offensive] | None) -> list[Offensive]:
    """``known`` when given; else the offensives recorded on ``events`` (``offensive_id``), and
    those the merge stage's rules find among the events no recorded offensive holds."""
    if known is not None:
        return list(known)
    recorded = offensives_from_events(events)
    taken = {i for off in recorded for i in off.event_ids}
    found = find_offensives([e for e in events if e.event_id not in taken and not e.offensive_id])
    return sorted(recorded + found, key=lambda o: (o.event_date, o.offensive_id))
