"""Store speed: documents and extractions saved per second, events imported per second, query time.

Not a test: prints the median and spread of several runs, on a fresh database each run. Events
are synthetic (built here). SQLite runs on a temporary file; pass --db for PostgreSQL, e.g.
``--db "$(.ci/start-postgres.sh)"`` (the tables there are dropped first). Usage::

    python bench/bench_store.py [--docs 500] [--events-per-doc 5] [--imports 20000] [--runs 3] [--db URL]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

from conflictwatch.config import database_url
from conflictwatch.records import Document, Event, EventSource, Evidence
from conflictwatch.store import open_store

ADMIN1 = ["Mopti", "Segou", "Gao", "Tombouctou", "Kidal", "Menaka", "Koulikoro", "Kayes"]


def _event(eid: str, i: int, doc: Document | None = None) -> Event:
    doc_id = doc.id if doc else ""
    return Event(
        event_id=eid, event_date=date(2019, 1, 1) + timedelta(days=i % 1000), event_type="Battles",
        sub_event_type="Armed clash", actor1="JNIM: Group for Support of Islam and Muslims", inter1=2,
        actor2="Military Forces of Mali (2013-2020)", inter2=1, interaction=12, country="Mali", iso=466,
        admin1=ADMIN1[i % len(ADMIN1)], location=f"Village {i % 300}", latitude=14.0 + (i % 100) / 100,
        longitude=-4.0 + (i % 50) / 50, fatalities=i % 7, status="automatic" if doc else "reviewed",
        sources=(EventSource(doc_id=doc_id, outlet="Wire", published=date(2019, 1, 2)),
                 EventSource(doc_id=doc_id, outlet="Radio", published=date(2019, 1, 3))) if doc else (),
        evidence=tuple(Evidence(field=f, text="militants attacked the post", start=0, end=27, doc_id=doc_id)
                       for f in ("event_type", "actor1", "location")) if doc else (),
    )


def _fresh(db: str | None, tmp: Path, run: int) -> str:
    if not db:
        return str(tmp / f"bench{run}.db")
    url = database_url(db)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f} (min {min(values):,.0f}, max {max(values):,.0f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--events-per-doc", type=int, default=5)
    ap.add_argument("--imports", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--db", default=None, help="PostgreSQL URL (default: a SQLite file in a temp dir)")
    args = ap.parse_args()

    docs_s, extr_s, import_s, query_ms, filtered_ms = [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            with open_store(_fresh(args.db, Path(tmp), run)) as store:
                docs = [Document.from_text(f"Report {run}-{i}: militants attacked a post.") for i in range(args.docs)]
                t = time.perf_counter()
                for doc in docs:
                    store.add_documents([doc])
                docs_s.append(len(docs) / (time.perf_counter() - t))
                t = time.perf_counter()
                for i, doc in enumerate(docs):
                    store.save_extraction(doc.id, [_event(f"ev-{i}-{k}", i * 10 + k, doc)
                                                   for k in range(args.events_per_doc)], extractor="bench")
                extr_s.append(len(docs) / (time.perf_counter() - t))
                events = [_event(f"MLI{i}", i) for i in range(args.imports)]
                t = time.perf_counter()
                for start in range(0, len(events), 500):
                    store.add_events(events[start:start + 500])
                import_s.append(len(events) / (time.perf_counter() - t))
                t = time.perf_counter()
                everything = store.query_events()
                query_ms.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                store.query_events(country="ML", admin1="Mopti", since="2019-06-01", until="2019-12-31",
                                   event_type="Armed clash")
                filtered_ms.append((time.perf_counter() - t) * 1000)
                backend = store.dialect
    print(f"backend: {backend}; {args.runs} runs; {len(everything):,} events in the database")
    print(f"add_documents, one per call:        {_spread(docs_s)} docs/s")
    print(f"save_extraction ({args.events_per_doc} events, 2 sources, 3 evidence each): {_spread(extr_s)} docs/s")
    print(f"add_events, batches of 500:         {_spread(import_s)} events/s")
    print(f"query_events, all ({len(everything):,} events): {_spread(query_ms)} ms")
    print(f"query_events, country+admin1+dates+type: {_spread(filtered_ms)} ms")


if __name__ == "__main__":
    main()
