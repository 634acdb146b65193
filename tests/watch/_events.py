"""Small real events for the watch and report tests, and the ACLED gold history as Events."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from conflictwatch.records import Event, EventSource, Evidence, disorder_type_for, interaction_code
from tests.conftest import read_gold

_ids = itertools.count()


def ev(
    day: date | str,
    *,
    admin1: str = "Mopti",
    event_type: str = "Battles",
    sub_event_type: str = "Armed clash",
    actor1: str = "JNIM: Group for Support of Islam and Muslims",
    actor2: str = "Military Forces of Mali (2021-)",
    inter1: int = 2,
    inter2: int = 1,
    country: str = "Mali",
    fatalities: int = 0,
    **kw: Any,
) -> Event:
    """One event with sensible defaults (a JNIM-army clash in Mopti)."""
    d = date.fromisoformat(day) if isinstance(day, str) else day
    return Event(
        event_id=kw.pop("event_id", f"ev-test-{next(_ids):05d}"), event_date=d, event_type=event_type,
        sub_event_type=sub_event_type, actor1=actor1, actor2=actor2, inter1=inter1, inter2=inter2,
        interaction=interaction_code(inter1, inter2), country=country, admin1=admin1,
        disorder_type=disorder_type_for(event_type, sub_event_type), fatalities=fatalities, **kw,
    )


def gold_event(doc: dict[str, Any], index: int, g: dict[str, Any]) -> Event:
    """A gold event (one line of a gold set, one of its events) as a records.Event."""
    published = date.fromisoformat(doc["published"])
    unknown = g.get("fatalities") is None
    return Event(
        event_id=f"{doc['id']}#{index}", event_date=date.fromisoformat(g["event_date"]),
        time_precision=g.get("time_precision", 1), event_type=g["event_type"],
        sub_event_type=g["sub_event_type"], actor1=g["actor1"], assoc_actor_1=g.get("assoc_actor_1", ""),
        inter1=g.get("inter1", 0), actor2=g.get("actor2", ""), assoc_actor_2=g.get("assoc_actor_2", ""),
        inter2=g.get("inter2", 0), interaction=g.get("interaction", 0), country=g["country"],
        disorder_type=disorder_type_for(g["event_type"], g["sub_event_type"]),
        admin1=g.get("admin1", ""), admin2=g.get("admin2", ""), admin3=g.get("admin3", ""),
        location=g.get("location", ""), latitude=g.get("latitude"), longitude=g.get("longitude"),
        geo_precision=g.get("geo_precision", 1), source=g.get("source", doc.get("source", "")),
        source_scale=g.get("source_scale", ""), notes=doc["text"], fatalities=g.get("fatalities") or 0,
        fatalities_unknown=unknown, doc_ids=(doc["id"],),
        sources=(EventSource(doc_id=doc["id"], outlet=g.get("source", doc.get("source", "")),
                             published=published, language=doc.get("lang", "")),),
        evidence=(Evidence(field="event_type", text=doc["text"], start=0, end=len(doc["text"]), doc_id=doc["id"]),),
    )


def gold_events(name: str) -> list[Event]:
    """Every event of a gold set as records.Event (ids "<doc id>#<n>")."""
    return [gold_event(doc, i, g) for doc in read_gold(name) for i, g in enumerate(doc["events"])]
