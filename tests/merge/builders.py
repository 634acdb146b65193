"""Small event records for the merge tests, shaped as the extractor produces them."""

from __future__ import annotations

from datetime import date

from conflictwatch.records import Event, EventSource, Evidence

JNIM = "JNIM: Group for Support of Islam and Muslims"
ISS = "Islamic State (Sahel)"
FAMA = "Military Forces of Mali (2021-)"
UAG = "Unidentified Armed Group (Mali)"
CIV = "Civilians (Mali)"

#: GeoNames coordinates (lat, lon, admin1, admin2) of real towns.
NIONO = (14.25054, -5.98679, "Segou", "Niono")
MOLODO = (14.23719, -6.02269, "Segou", "Niono")
SEGOU = (13.44032, -6.25947, "Segou", "Segou")
KAYES = (14.44693, -11.44448, "Kayes", "Kayes")
DIBOLI = (14.45511, -12.19945, "Kayes", "Kayes")
NIORO = (15.22932, -9.59277, "Kayes", "Nioro")
SANDARE = (14.7038, -10.3057, "Kayes", "Nioro")
MOPTI = (14.4843, -4.18296, "Mopti", "Mopti")
SEVARE = (14.52742, -4.09344, "Mopti", "Mopti")
BONI = (15.07658, -2.21976, "Mopti", "Douentza")
GAO = (16.27167, -0.04472, "Gao", "Gao")
_INTER = {JNIM: 2, ISS: 2, FAMA: 1, UAG: 3, CIV: 7}


def ev(event_id: str, *, doc: str | None = None, place: tuple[float, float, str, str] = NIONO,
       location: str | None = None, day: date = date(2025, 7, 1), outlet: str = "", **fields: object) -> Event:
    """A Battles/Armed clash between JNIM and Mali's army at ``place`` on 1 July 2025, from one document."""
    doc_id = doc or f"doc-{event_id}"
    lat, lon, admin1, admin2 = place
    names = {NIONO: "Niono", MOLODO: "Molodo", SEGOU: "Ségou", KAYES: "Kayes", DIBOLI: "Diboli", NIORO: "Nioro",
             SANDARE: "Sandaré", MOPTI: "Mopti", SEVARE: "Sévaré", BONI: "Boni", GAO: "Gao"}
    base: dict[str, object] = {
        "event_id": event_id, "event_date": day, "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": JNIM, "actor2": FAMA, "country": "Mali", "admin1": admin1, "admin2": admin2,
        "location": location if location is not None else names.get(place, "Somewhere"),
        "latitude": lat, "longitude": lon, "confidence": 0.6, "doc_ids": (doc_id,),
        "sources": (EventSource(doc_id=doc_id, outlet=outlet or f"outlet of {doc_id}"),),
        "evidence": (Evidence(field="event_type", text=f"sentence of {event_id}", start=0, end=10, doc_id=doc_id),),
    }
    base.update(fields)
    base.setdefault("inter1", _INTER.get(str(base["actor1"]), 0))
    base.setdefault("inter2", _INTER.get(str(base["actor2"]), 0))
    return Event(**base)  # type: ignore[arg-type]
