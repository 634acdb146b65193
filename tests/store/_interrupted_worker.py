"""A pipeline run for the interrupted-run test: ingest and save extractions in a loop.

``python _interrupted_worker.py DB N`` stores N documents, each with EVENTS events of SOURCES sources
and EVIDENCE evidence rows, printing each document's number once its extraction is committed.
Running it again over the same database must complete the work.
"""

from __future__ import annotations

import sys
from datetime import date

from conflictwatch.records import Document, Event, EventSource, Evidence
from conflictwatch.store import open_store

EVENTS, SOURCES, EVIDENCE = 40, 2, 3


def document(i: int) -> Document:
    return Document.from_text(f"Report number {i}: militants attacked a village near Mopti.",
                              published=date(2019, 1, 1), outlet="Test Wire", language="en")


def events(doc: Document, i: int) -> list[Event]:
    return [
        Event(event_id=f"ev-{i}-{k}", event_date=date(2019, 1, 1), event_type="Battles",
              sub_event_type="Armed clash", actor1="Unidentified Armed Group (Mali)", country="Mali",
              doc_ids=(doc.id,),
              sources=tuple(EventSource(doc_id=doc.id, outlet=f"outlet {s}") for s in range(SOURCES)),
              evidence=tuple(Evidence(field=f"f{x}", text="attacked", start=x, end=x + 8, doc_id=doc.id)
                             for x in range(EVIDENCE)))
        for k in range(EVENTS)
    ]


def main(db: str, n: int) -> None:
    with open_store(db) as store:
        for i in range(n):
            doc = document(i)
            store.add_documents([doc])
            store.save_extraction(doc.id, events(doc, i), extractor="test")
            print(i, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
