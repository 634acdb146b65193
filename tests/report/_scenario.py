"""A scenario like the 1 July 2025 attacks: JNIM strikes seven towns in Kayes and Segou on one
day, after a few June attacks elsewhere. Coordinates are the towns' public positions."""

from __future__ import annotations

from datetime import date

from conflictwatch.records import Event, EventSource, Evidence
from tests.watch._events import ev

JULY_1 = date(2025, 7, 1)
SITES = [
    ("Niono", "Segou", "Niono", 14.2505, -5.9868),
    ("Molodo", "Segou", "Niono", 14.2372, -6.0227),
    ("Sandare", "Kayes", "Nioro", 14.7038, -10.3057),
    ("Nioro du Sahel", "Kayes", "Nioro", 15.2293, -9.5928),
    ("Diboli", "Kayes", "Kayes", 14.4551, -12.1995),
    ("Gogui", "Kayes", "Nioro", 15.6859, -9.3297),
    ("Kayes", "Kayes", "Kayes", 14.4469, -11.4445),
]
JUNE = [
    (date(2025, 6, 2), "Boulkessi", "Mopti", "Douentza", 15.1364, -1.0622, "Battles", "Armed clash", 30),
    (date(2025, 6, 10), "Mahou", "Sikasso", "Yorosso", 12.1329, -4.6302, "Battles", "Armed clash", 4),
    (date(2025, 6, 14), "Timbuktu", "Tombouctou", "Tombouctou", 16.7662, -3.0078, "Explosions/Remote violence",
     "Shelling/artillery/missile attack", 2),
    (date(2025, 6, 21), "Tessit", "Gao", "Ansongo", 15.2212, 0.3068, "Violence against civilians", "Attack", 6),
    (date(2025, 6, 24), "Bamako", "Bamako", "Bamako", 12.65, -8.0, "Protests", "Peaceful protest", 0),
]
OUTLET_URL = "https://news.example.org/mali/2025/07/02/attacks"


def july_attacks() -> list[Event]:
    """The seven same-day attacks, each with a source and an evidence sentence."""
    out = []
    for i, (town, admin1, admin2, lat, lon) in enumerate(SITES):
        sentence = f"JNIM fighters attacked army positions in {town} at dawn on Tuesday."
        out.append(ev(JULY_1, event_id=f"ev-july-{i}", admin1=admin1, admin2=admin2, location=town,
                      latitude=lat, longitude=lon, fatalities_unknown=True, doc_ids=("doc-july",),
                      notes=f"Coordinated JNIM attacks on army positions; {town} among the sites.",
                      sources=(EventSource(doc_id="doc-july", outlet="Sahel Wire", url=OUTLET_URL,
                                           published=date(2025, 7, 2), language="en"),),
                      evidence=(Evidence(field="location", text=sentence, start=0, end=len(sentence),
                                         doc_id="doc-july"),)))
    return out


def june_events() -> list[Event]:
    out = []
    for i, (day, town, admin1, admin2, lat, lon, etype, sub, dead) in enumerate(JUNE):
        kw: dict[str, object] = {}
        if etype == "Protests":
            kw = {"actor1": "Protesters (Mali)", "inter1": 6, "actor2": "", "inter2": 0}
        elif etype == "Violence against civilians":
            kw = {"actor1": "Islamic State (Sahel)", "actor2": "Civilians (Mali)", "inter2": 7}
        out.append(ev(day, event_id=f"ev-june-{i}", event_type=etype, sub_event_type=sub, admin1=admin1,
                      admin2=admin2, location=town, latitude=lat, longitude=lon, fatalities=dead,
                      sources=(EventSource(doc_id=f"doc-june-{i}", outlet="Journal du Mali",
                                           url=f"https://journal.example.ml/{i}", published=day),), **kw))
    return out


def scenario() -> list[Event]:
    return june_events() + july_attacks()
